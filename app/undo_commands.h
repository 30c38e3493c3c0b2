#pragma once
// Undo/redo of interventions and parameter edits (product.md §2): never of training. Undo posts
// the inverse command to the engine; it never rewinds anything (architecture.md §2).
//   AddInterventionCommand     redo: AddIntervention     undo: RemoveIntervention(engine id)
//   RemoveInterventionCommand  redo: RemoveIntervention  undo: AddIntervention (new engine id)
//   SetThresholdsCommand       redo: SetThresholds(new)  undo: SetThresholds(old); consecutive
//                              edits (a drag) merge into one step.
// The engine assigns intervention ids when it applies a command, possibly after the user already
// pressed Ctrl+Z: removals of not-yet-applied adds are deferred by the bridge until the id is
// known (LabBridge::removeWhenApplied). A re-added intervention gets a new engine id, so the
// commands acting on one logical intervention share an InterventionHandle that follows it.
// The intervention commands work for every lab (LabBridge); the thresholds one is the
// head-direction lab's.
#include <QCoreApplication>
#include <QUndoCommand>
#include <memory>

#include "engine/analysis/unit_classes.h"
#include "engine/interventions/intervention_set.h"

namespace emergence::app {

class HdLabBridge;
class LabBridge;
struct InterventionHandle;

class AddInterventionCommand : public QUndoCommand {
  Q_DECLARE_TR_FUNCTIONS(AddInterventionCommand)
 public:
  // durationSteps > 0: released by the engine after that many live-trial steps (grid lab).
  AddInterventionCommand(LabBridge* bridge, engine::Intervention intervention,
                         QUndoCommand* parent = nullptr, long long durationSteps = 0);
  void redo() override;
  void undo() override;

 private:
  LabBridge* m_bridge;
  engine::Intervention m_intervention;
  long long m_duration = 0;
  std::shared_ptr<InterventionHandle> m_handle;  // shared with later Remove commands
};

class RemoveInterventionCommand : public QUndoCommand {
  Q_DECLARE_TR_FUNCTIONS(RemoveInterventionCommand)
 public:
  // `engineId` is the id shown in snapshot.interventions; `intervention` its value (to re-add).
  RemoveInterventionCommand(LabBridge* bridge, int engineId, engine::Intervention intervention,
                            QUndoCommand* parent = nullptr);
  void redo() override;
  void undo() override;

 private:
  LabBridge* m_bridge;
  engine::Intervention m_intervention;
  std::shared_ptr<InterventionHandle> m_handle;
};

class SetThresholdsCommand : public QUndoCommand {
  Q_DECLARE_TR_FUNCTIONS(SetThresholdsCommand)
 public:
  SetThresholdsCommand(HdLabBridge* bridge, const engine::UnitClassThresholds& before,
                       const engine::UnitClassThresholds& after, QUndoCommand* parent = nullptr);
  void redo() override;
  void undo() override;
  int id() const override { return 1001; }
  bool mergeWith(const QUndoCommand* other) override;

 private:
  void post(const engine::UnitClassThresholds& t);
  HdLabBridge* m_bridge;
  engine::UnitClassThresholds m_before, m_after;
};

// Human-readable description of an intervention ("silence units 3, 7", "ablate W_rec 12×30").
QString describeIntervention(const engine::Intervention& i);

}  // namespace emergence::app
