#include "app/undo_commands.h"

#include <QStringList>
#include <climits>

#include "app/hd_lab_bridge.h"

namespace emergence::app {
namespace {
using engine::HdCommand;

long long postAdd(LabBridge* bridge, const engine::Intervention& i, long long duration = 0) {
  return bridge->postAddIntervention(i, duration);
}

QString unitList(const std::vector<int>& units) {
  if (units.empty()) return QCoreApplication::translate("Intervention", "all");
  QStringList s;
  for (size_t k = 0; k < units.size() && k < 6; ++k) s << QString::number(units[k]);
  if (units.size() > 6) s << QCoreApplication::translate("Intervention", "… (%n units)", nullptr, int(units.size()));
  return s.join(QStringLiteral(", "));
}
}  // namespace

QString describeIntervention(const engine::Intervention& i) {
  if (!i.label.empty()) return QString::fromStdString(i.label);
  if (i.type == engine::Intervention::Type::Unit) {
    const auto& u = i.unit;
    QString what;
    if (u.kind == engine::UnitPerturbation::Kind::Inject)
      what = QCoreApplication::translate("Intervention", "inject %1 into %2")
                 .arg(u.value)
                 .arg(unitList(u.units));
    else if (u.value == 0.0)
      what = QCoreApplication::translate("Intervention", "silence %1").arg(unitList(u.units));
    else
      what = QCoreApplication::translate("Intervention", "clamp %1 to %2")
                 .arg(unitList(u.units))
                 .arg(u.value);
    if (u.endStep != INT_MAX)
      what += QCoreApplication::translate("Intervention", " (steps %1–%2)")
                  .arg(u.beginStep)
                  .arg(u.endStep - 1);
    return what;
  }
  const auto& a = i.ablation;
  const char* m = a.matrix == engine::WeightAblation::Matrix::Recurrent ? "W_rec"
                  : a.matrix == engine::WeightAblation::Matrix::Input  ? "W_in"
                                                                       : "W_out";
  return QCoreApplication::translate("Intervention", "ablate %1 rows [%2] × cols [%3]")
      .arg(QLatin1String(m), unitList(a.rows), unitList(a.cols));
}

AddInterventionCommand::AddInterventionCommand(LabBridge* bridge, engine::Intervention i,
                                               QUndoCommand* parent, long long durationSteps)
    : QUndoCommand(parent), m_bridge(bridge), m_intervention(std::move(i)),
      m_duration(durationSteps), m_handle(bridge->newInterventionHandle()) {
  setText(describeIntervention(m_intervention));
}

void AddInterventionCommand::redo() {
  m_handle->addCommandId = postAdd(m_bridge, m_intervention, m_duration);
  m_handle->engineId = 0;
}

void AddInterventionCommand::undo() { m_bridge->removeIntervention(*m_handle); }

RemoveInterventionCommand::RemoveInterventionCommand(LabBridge* bridge, int engineId,
                                                     engine::Intervention i, QUndoCommand* parent)
    : QUndoCommand(parent), m_bridge(bridge), m_intervention(std::move(i)),
      m_handle(bridge->handleForEngineId(engineId)) {
  setText(tr("remove: %1").arg(describeIntervention(m_intervention)));
}

void RemoveInterventionCommand::redo() { m_bridge->removeIntervention(*m_handle); }

void RemoveInterventionCommand::undo() {
  m_handle->addCommandId = postAdd(m_bridge, m_intervention);
  m_handle->engineId = 0;
}

SetThresholdsCommand::SetThresholdsCommand(HdLabBridge* bridge,
                                           const engine::UnitClassThresholds& before,
                                           const engine::UnitClassThresholds& after,
                                           QUndoCommand* parent)
    : QUndoCommand(parent), m_bridge(bridge), m_before(before), m_after(after) {
  setText(tr("edit class thresholds"));
}

void SetThresholdsCommand::post(const engine::UnitClassThresholds& t) {
  HdCommand c;
  c.kind = HdCommand::Kind::SetThresholds;
  c.thresholds = t;
  m_bridge->post(c);
}

void SetThresholdsCommand::redo() { post(m_after); }
void SetThresholdsCommand::undo() { post(m_before); }

bool SetThresholdsCommand::mergeWith(const QUndoCommand* other) {
  if (other->id() != id()) return false;
  m_after = static_cast<const SetThresholdsCommand*>(other)->m_after;
  return true;
}

}  // namespace emergence::app
