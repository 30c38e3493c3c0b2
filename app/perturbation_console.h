#pragma once
// Perturbation console of the head-direction lab (product.md §1.1 "Experiments"): stimulate,
// clamp or silence units, a selection or a class, for N steps or until released; ablate blocks of
// W_rec (class → class), inputs (AV, cue) or the readout; list of active interventions with
// Remove buttons. Every action goes through the undo stack. Class membership is taken from the
// latest analysis product of the snapshot. Works while paused (the engine applies commands at
// once and re-simulates the live step).
#include <QWidget>
#include <memory>
#include <vector>

#include "engine/interventions/intervention_set.h"
#include "engine/runtime/hd_snapshot.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTreeWidget;
class QUndoStack;

namespace emergence::app {

class HdLabBridge;

class PerturbationConsole : public QWidget {
  Q_OBJECT
 public:
  PerturbationConsole(HdLabBridge* bridge, QUndoStack* undo, QWidget* parent = nullptr);

  // Targets offered in the combo boxes. Units = the selection typed or clicked.
  enum class Target { Selection, Compass, ShifterCcw, ShifterCw, AllShifters, Weak, Dead, All };
  // Unit indices of a target in the current analysis (empty when unknown or none).
  std::vector<int> unitsOf(Target t) const;
  std::vector<int> selection() const;  // parsed from the selection field ("3, 7, 10-12")

  // Builds the intervention the "Apply" button would post (nullopt + message when invalid).
  bool buildPerturbation(engine::Intervention& out, QString& error) const;
  bool buildAblation(engine::Intervention& out, QString& error) const;

 public slots:
  void setSnapshot(std::shared_ptr<const engine::HdSnapshot> snapshot);
  // A click on a unit in any view: replaces the selection (Ctrl/Shift held: adds to it).
  void selectUnit(int unit);
  void applyPerturbation();
  void applyAblation();
  void removeAll();

 private:
  QWidget* buildPerturbationBox();
  QWidget* buildAblationBox();
  void fillTargets(QComboBox* box, bool withSelection);
  void refreshActiveList();
  void refreshClassCounts();
  void showError(const QString& message);

  HdLabBridge* m_bridge;
  QUndoStack* m_undo;
  std::shared_ptr<const engine::HdSnapshot> m_snapshot;
  std::uint64_t m_analysisVersion = ~0ull;
  std::vector<int> m_shownIds;  // ids in the active list (rebuild when they change)

  QLineEdit* m_selection = nullptr;
  QComboBox* m_target = nullptr;
  QComboBox* m_action = nullptr;
  QDoubleSpinBox* m_value = nullptr;
  QComboBox* m_duration = nullptr;
  QSpinBox* m_steps = nullptr;
  QComboBox* m_ablateWhat = nullptr;
  QComboBox* m_ablateFrom = nullptr;
  QComboBox* m_ablateTo = nullptr;
  QTreeWidget* m_active = nullptr;
  QLabel* m_message = nullptr;
};

}  // namespace emergence::app
