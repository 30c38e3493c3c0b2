#pragma once
// Perturbation console of the grid-cells lab (product.md §1.2 "Experiments"): stimulate (inject
// current), clamp or silence a unit, a selection or a class (grid, border, band, other units of
// the latest evaluation, or all units), until released or for N steps of the live trial (the
// engine releases it then); ablate a pathway (recurrent weights from one group to another, the
// velocity input to a group, the readout of a group); the list of active interventions with the
// steps left and Remove buttons. Every action goes through the undo stack. Watch the decoded
// position drift in the arena view.
#include <QWidget>
#include <memory>
#include <vector>

#include "engine/interventions/intervention_set.h"
#include "engine/runtime/grid_snapshot.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTreeWidget;
class QUndoStack;

namespace emergence::app {

class GridLabBridge;

class GridPerturbationConsole : public QWidget {
  Q_OBJECT
 public:
  GridPerturbationConsole(GridLabBridge* bridge, QUndoStack* undo, QWidget* parent = nullptr);

  enum class Target { Selection, Grid, Border, Band, Other, All };
  std::vector<int> unitsOf(Target t) const;
  std::vector<int> selection() const;  // parsed from the selection field ("3, 7, 10-12")
  void setTarget(Target t);
  void setAction(int action);        // 0 inject, 1 clamp, 2 silence
  void setDurationSteps(int steps);  // 0 = until released

  // What the buttons would post (false + message when invalid); duration in live steps.
  bool buildPerturbation(engine::Intervention& out, long long& durationSteps, QString& error) const;
  bool buildAblation(engine::Intervention& out, QString& error) const;

 public slots:
  void setSnapshot(std::shared_ptr<const engine::GridSnapshot> snapshot);
  // A click on a unit in any view: replaces the selection (Ctrl/Shift held: adds to it).
  void selectUnit(int unit);
  void applyPerturbation();
  void applyAblation();
  void removeAll();

 private:
  QWidget* buildPerturbationBox();
  QWidget* buildAblationBox();
  void fillTargets(QComboBox* box);
  void refreshActiveList();
  void refreshClassCounts();
  void showMessage(const QString& message);

  GridLabBridge* m_bridge;
  QUndoStack* m_undo;
  std::shared_ptr<const engine::GridSnapshot> m_snapshot;
  std::uint64_t m_evaluationKey = ~0ull;
  std::vector<std::pair<int, long long>> m_shown;  // (id, steps left) in the list

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
