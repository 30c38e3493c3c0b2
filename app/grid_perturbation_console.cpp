#include "app/grid_perturbation_console.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>
#include <climits>

#include "app/grid_lab_bridge.h"
#include "app/undo_commands.h"

namespace emergence::app {
namespace {
using engine::Intervention;
using engine::SpatialClass;
using engine::UnitPerturbation;
using engine::WeightAblation;

enum Action { Inject = 0, Clamp = 1, Silence = 2 };
enum Ablate { Recurrent = 0, VelocityInput = 1, Readout = 2 };
}  // namespace

GridPerturbationConsole::GridPerturbationConsole(GridLabBridge* bridge, QUndoStack* undo,
                                                 QWidget* parent)
    : QWidget(parent), m_bridge(bridge), m_undo(undo) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addWidget(buildPerturbationBox());
  layout->addWidget(buildAblationBox());
  auto* activeBox = new QGroupBox(tr("Active interventions"), this);
  auto* activeLayout = new QVBoxLayout(activeBox);
  m_active = new QTreeWidget(activeBox);
  m_active->setObjectName(QStringLiteral("activeInterventions"));
  m_active->setColumnCount(4);
  m_active->setHeaderLabels({tr("Id"), tr("Intervention"), tr("Steps left"), QString()});
  m_active->setRootIsDecorated(false);
  m_active->header()->setSectionResizeMode(1, QHeaderView::Stretch);
  m_active->header()->setStretchLastSection(false);
  m_active->setMinimumHeight(70);
  activeLayout->addWidget(m_active);
  auto* removeAllButton = new QPushButton(tr("Remove all"), activeBox);
  connect(removeAllButton, &QPushButton::clicked, this, &GridPerturbationConsole::removeAll);
  activeLayout->addWidget(removeAllButton, 0, Qt::AlignRight);
  layout->addWidget(activeBox, 1);
  m_message = new QLabel(this);
  m_message->setObjectName(QStringLiteral("consoleMessage"));
  m_message->setWordWrap(true);
  layout->addWidget(m_message);
}

void GridPerturbationConsole::fillTargets(QComboBox* box) {
  const std::pair<Target, QString> items[] = {
      {Target::Selection, tr("Selected units")}, {Target::Grid, tr("Grid units")},
      {Target::Border, tr("Border units")},      {Target::Band, tr("Band units")},
      {Target::Other, tr("Other units")},        {Target::All, tr("All units")}};
  box->clear();
  for (const auto& [t, name] : items) box->addItem(name, int(t));
}

QWidget* GridPerturbationConsole::buildPerturbationBox() {
  auto* box = new QGroupBox(tr("Stimulate / clamp / silence"), this);
  auto* form = new QFormLayout(box);
  m_selection = new QLineEdit(box);
  m_selection->setObjectName(QStringLiteral("selection"));
  m_selection->setPlaceholderText(tr("click tiles, or type e.g. 3, 7, 10-12"));
  m_selection->setToolTip(
      tr("Unit indices; a click on a unit in any view selects it (Ctrl-click adds)."));
  form->addRow(tr("Selection"), m_selection);
  m_target = new QComboBox(box);
  m_target->setObjectName(QStringLiteral("target"));
  fillTargets(m_target);
  m_target->setCurrentIndex(m_target->findData(int(Target::Grid)));
  form->addRow(tr("Target"), m_target);
  m_action = new QComboBox(box);
  m_action->setObjectName(QStringLiteral("action"));
  m_action->addItem(tr("Inject current"), Inject);
  m_action->addItem(tr("Clamp rate"), Clamp);
  m_action->addItem(tr("Silence"), Silence);
  m_action->setCurrentIndex(Silence);
  m_value = new QDoubleSpinBox(box);
  m_value->setRange(-10.0, 10.0);
  m_value->setSingleStep(0.1);
  m_value->setValue(1.0);
  m_value->setEnabled(false);
  auto* actionRow = new QHBoxLayout;
  actionRow->addWidget(m_action, 1);
  actionRow->addWidget(m_value);
  form->addRow(tr("Action"), actionRow);
  connect(m_action, &QComboBox::currentIndexChanged, this,
          [this] { m_value->setEnabled(m_action->currentData().toInt() != Silence); });
  m_duration = new QComboBox(box);
  m_duration->setObjectName(QStringLiteral("duration"));
  m_duration->addItem(tr("Until released"));
  m_duration->addItem(tr("For N live steps"));
  m_steps = new QSpinBox(box);
  m_steps->setRange(1, 1000000);
  m_steps->setValue(200);
  m_steps->setSuffix(tr(" steps"));
  m_steps->setEnabled(false);
  connect(m_duration, &QComboBox::currentIndexChanged, this,
          [this](int i) { m_steps->setEnabled(i == 1); });
  auto* durationRow = new QHBoxLayout;
  durationRow->addWidget(m_duration, 1);
  durationRow->addWidget(m_steps);
  form->addRow(tr("Duration"), durationRow);
  auto* apply = new QPushButton(tr("Apply"), box);
  apply->setObjectName(QStringLiteral("applyPerturbation"));
  apply->setToolTip(
      tr("Acts in training and in the live trial from the next step (undo: Ctrl+Z)."));
  connect(apply, &QPushButton::clicked, this, &GridPerturbationConsole::applyPerturbation);
  form->addRow(QString(), apply);
  return box;
}

QWidget* GridPerturbationConsole::buildAblationBox() {
  auto* box = new QGroupBox(tr("Ablate a pathway"), this);
  auto* form = new QFormLayout(box);
  m_ablateWhat = new QComboBox(box);
  m_ablateWhat->addItem(tr("Recurrent weights (from → to)"), Recurrent);
  m_ablateWhat->addItem(tr("Velocity input → units"), VelocityInput);
  m_ablateWhat->addItem(tr("Readout of units"), Readout);
  form->addRow(tr("Block"), m_ablateWhat);
  m_ablateFrom = new QComboBox(box);
  fillTargets(m_ablateFrom);
  m_ablateFrom->setCurrentIndex(m_ablateFrom->findData(int(Target::Grid)));
  form->addRow(tr("From (presynaptic)"), m_ablateFrom);
  m_ablateTo = new QComboBox(box);
  fillTargets(m_ablateTo);
  m_ablateTo->setCurrentIndex(m_ablateTo->findData(int(Target::All)));
  form->addRow(tr("To (postsynaptic)"), m_ablateTo);
  connect(m_ablateWhat, &QComboBox::currentIndexChanged, this, [this] {
    const int w = m_ablateWhat->currentData().toInt();
    m_ablateFrom->setEnabled(w == Recurrent || w == Readout);
    m_ablateTo->setEnabled(w == Recurrent || w == VelocityInput);
  });
  auto* apply = new QPushButton(tr("Ablate"), box);
  apply->setToolTip(tr("Zeroes the block; remove it from the list below to restore it."));
  connect(apply, &QPushButton::clicked, this, &GridPerturbationConsole::applyAblation);
  form->addRow(QString(), apply);
  return box;
}

void GridPerturbationConsole::setTarget(Target t) {
  m_target->setCurrentIndex(m_target->findData(int(t)));
}
void GridPerturbationConsole::setAction(int action) {
  m_action->setCurrentIndex(std::clamp(action, 0, 2));
}
void GridPerturbationConsole::setDurationSteps(int steps) {
  m_duration->setCurrentIndex(steps > 0 ? 1 : 0);
  if (steps > 0) m_steps->setValue(steps);
}

std::vector<int> GridPerturbationConsole::selection() const {
  std::vector<int> units;
  const int n = m_snapshot ? m_snapshot->numUnits : INT_MAX;
  static const QRegularExpression sep(QStringLiteral("[,;\\s]+"));
  for (const QString& part : m_selection->text().split(sep, Qt::SkipEmptyParts)) {
    const auto range = part.split(QLatin1Char('-'));
    bool ok1 = false, ok2 = false;
    const int a = range.value(0).toInt(&ok1);
    const int b = range.size() == 2 ? range.value(1).toInt(&ok2) : a;
    if (!ok1 || (range.size() == 2 && !ok2) || range.size() > 2) continue;
    for (int u = std::min(a, b); u <= std::max(a, b); ++u)
      if (u >= 0 && u < n) units.push_back(u);
  }
  std::sort(units.begin(), units.end());
  units.erase(std::unique(units.begin(), units.end()), units.end());
  return units;
}

std::vector<int> GridPerturbationConsole::unitsOf(Target t) const {
  if (t == Target::Selection) return selection();
  if (!m_snapshot) return {};
  std::vector<int> out;
  if (t == Target::All) {
    for (int i = 0; i < m_snapshot->numUnits; ++i) out.push_back(i);
    return out;
  }
  if (!m_snapshot->evaluation) return {};
  const auto& classes = m_snapshot->evaluation->evaluation.classes.classes;
  const SpatialClass want = t == Target::Grid     ? SpatialClass::Grid
                            : t == Target::Border ? SpatialClass::Border
                            : t == Target::Band   ? SpatialClass::Band
                                                  : SpatialClass::Other;
  for (size_t i = 0; i < classes.size(); ++i)
    if (classes[i] == want) out.push_back(int(i));
  return out;
}

bool GridPerturbationConsole::buildPerturbation(Intervention& out, long long& duration,
                                                QString& error) const {
  const auto target = Target(m_target->currentData().toInt());
  auto units = unitsOf(target);
  if (units.empty()) {
    error = target == Target::Selection
                ? tr("No unit selected: click a tile or type indices.")
                : tr("%1: none in the current evaluation.")
                      .arg(m_target->currentText().section(QStringLiteral(" ("), 0, 0));
    return false;
  }
  out = {};
  out.type = Intervention::Type::Unit;
  auto& p = out.unit;
  p.units = std::move(units);
  const int action = m_action->currentData().toInt();
  p.kind = action == Inject ? UnitPerturbation::Kind::Inject : UnitPerturbation::Kind::Clamp;
  p.value = action == Silence ? 0.0 : m_value->value();
  duration = m_duration->currentIndex() == 1 ? m_steps->value() : 0;
  const QString who = target == Target::Selection
                          ? tr("units %1").arg(m_selection->text().simplified())
                          : m_target->currentText().section(QStringLiteral(" ("), 0, 0).toLower();
  QString what = action == Inject  ? tr("inject %1 → %2").arg(p.value).arg(who)
                 : action == Clamp ? tr("clamp %1 to %2").arg(who).arg(p.value)
                                   : tr("silence %1").arg(who);
  what += tr(" (%n unit(s))", nullptr, int(p.units.size()));
  if (duration > 0) what += tr(" for %1 steps").arg(duration);
  out.label = what.toStdString();
  return true;
}

bool GridPerturbationConsole::buildAblation(Intervention& out, QString& error) const {
  out = {};
  out.type = Intervention::Type::Ablation;
  auto& a = out.ablation;
  const int what = m_ablateWhat->currentData().toInt();
  auto need = [&](QComboBox* box, std::vector<int>& dst) {
    dst = unitsOf(Target(box->currentData().toInt()));
    if (dst.empty()) error = tr("%1 has no units (or nothing selected).").arg(box->currentText());
    return !dst.empty();
  };
  auto name = [](QComboBox* box) {
    return box->currentText().section(QStringLiteral(" ("), 0, 0).toLower();
  };
  switch (what) {
    case Recurrent:
      a.matrix = WeightAblation::Matrix::Recurrent;
      if (!need(m_ablateTo, a.rows) || !need(m_ablateFrom, a.cols)) return false;
      out.label = tr("cut %1 → %2").arg(name(m_ablateFrom), name(m_ablateTo)).toStdString();
      break;
    case VelocityInput:
      a.matrix = WeightAblation::Matrix::Input;
      if (!need(m_ablateTo, a.rows)) return false;
      out.label = tr("cut velocity input → %1").arg(name(m_ablateTo)).toStdString();
      break;
    default:
      a.matrix = WeightAblation::Matrix::Readout;
      if (!need(m_ablateFrom, a.cols)) return false;
      out.label = tr("cut readout of %1").arg(name(m_ablateFrom)).toStdString();
      break;
  }
  return true;
}

void GridPerturbationConsole::applyPerturbation() {
  Intervention i;
  long long duration = 0;
  QString error;
  if (!buildPerturbation(i, duration, error)) return showMessage(error);
  showMessage({});
  m_undo->push(new AddInterventionCommand(m_bridge, std::move(i), nullptr, duration));
}

void GridPerturbationConsole::applyAblation() {
  Intervention i;
  QString error;
  if (!buildAblation(i, error)) return showMessage(error);
  showMessage({});
  m_undo->push(new AddInterventionCommand(m_bridge, std::move(i)));
}

void GridPerturbationConsole::removeAll() {
  if (!m_snapshot || m_snapshot->interventions.empty()) return;
  m_undo->beginMacro(tr("remove all interventions"));
  for (const auto& a : m_snapshot->interventions)
    m_undo->push(new RemoveInterventionCommand(m_bridge, a.id, a.intervention));
  m_undo->endMacro();
}

void GridPerturbationConsole::showMessage(const QString& message) {
  m_message->setText(message.isEmpty() ? QString()
                                       : QStringLiteral("<b>%1</b>").arg(message.toHtmlEscaped()));
}

void GridPerturbationConsole::selectUnit(int unit) {
  const auto mods = QGuiApplication::keyboardModifiers();
  if ((mods & (Qt::ControlModifier | Qt::ShiftModifier)) &&
      !m_selection->text().trimmed().isEmpty())
    m_selection->setText(m_selection->text() + QStringLiteral(", ") + QString::number(unit));
  else
    m_selection->setText(QString::number(unit));
  setTarget(Target::Selection);
}

void GridPerturbationConsole::setSnapshot(std::shared_ptr<const engine::GridSnapshot> snapshot) {
  m_snapshot = std::move(snapshot);
  if (!m_snapshot) return;
  refreshActiveList();
  refreshClassCounts();
}

void GridPerturbationConsole::refreshClassCounts() {
  const auto& e = m_snapshot->evaluation;
  const std::uint64_t key = (m_snapshot->runId << 32) ^ (e ? e->version : 0);
  if (key == m_evaluationKey) return;
  m_evaluationKey = key;
  for (QComboBox* box : {m_target, m_ablateFrom, m_ablateTo})
    for (int k = 0; k < box->count(); ++k) {
      const auto t = Target(box->itemData(k).toInt());
      if (t == Target::Selection) continue;
      QString name = box->itemText(k).section(QStringLiteral(" ("), 0, 0);
      if (e || t == Target::All) name += QStringLiteral(" (%1)").arg(unitsOf(t).size());
      box->setItemText(k, name);
    }
}

void GridPerturbationConsole::refreshActiveList() {
  std::vector<std::pair<int, long long>> now;
  for (const auto& a : m_snapshot->interventions) now.emplace_back(a.id, a.remainingSteps);
  if (now == m_shown) return;
  // Only the steps left changed: update the column in place (no flicker, buttons stay).
  bool sameIds = now.size() == m_shown.size();
  for (size_t k = 0; sameIds && k < now.size(); ++k) sameIds = now[k].first == m_shown[k].first;
  m_shown = now;
  if (sameIds) {
    for (int k = 0; k < m_active->topLevelItemCount(); ++k)
      m_active->topLevelItem(k)->setText(2, now[size_t(k)].second < 0
                                                ? tr("until released")
                                                : QString::number(now[size_t(k)].second));
    return;
  }
  m_active->clear();
  for (const auto& a : m_snapshot->interventions) {
    auto* item = new QTreeWidgetItem(
        m_active,
        {QString::number(a.id), describeIntervention(a.intervention),
         a.remainingSteps < 0 ? tr("until released") : QString::number(a.remainingSteps)});
    item->setToolTip(1, item->text(1));
    auto* remove = new QPushButton(tr("Remove"), m_active);
    const int engineId = a.id;
    const engine::Intervention copy = a.intervention;
    connect(remove, &QPushButton::clicked, this, [this, engineId, copy] {
      m_undo->push(new RemoveInterventionCommand(m_bridge, engineId, copy));
    });
    m_active->setItemWidget(item, 3, remove);
  }
  m_active->resizeColumnToContents(0);
  m_active->resizeColumnToContents(2);
  m_active->resizeColumnToContents(3);
}

}  // namespace emergence::app
