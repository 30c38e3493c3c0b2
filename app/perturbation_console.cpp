#include "app/perturbation_console.h"

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

#include "app/hd_lab_bridge.h"
#include "app/undo_commands.h"

namespace emergence::app {
namespace {
using engine::Intervention;
using engine::UnitClass;
using engine::UnitPerturbation;
using engine::WeightAblation;

enum Action { Inject = 0, Clamp = 1, Silence = 2 };
enum Ablate { Recurrent = 0, AvInput = 1, CueInputs = 2, Readout = 3 };
}  // namespace

PerturbationConsole::PerturbationConsole(HdLabBridge* bridge, QUndoStack* undo, QWidget* parent)
    : QWidget(parent), m_bridge(bridge), m_undo(undo) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addWidget(buildPerturbationBox());
  layout->addWidget(buildAblationBox());

  auto* activeBox = new QGroupBox(tr("Active interventions"), this);
  auto* activeLayout = new QVBoxLayout(activeBox);
  m_active = new QTreeWidget(activeBox);
  m_active->setColumnCount(3);
  m_active->setHeaderLabels({tr("Id"), tr("Intervention"), QString()});
  m_active->setRootIsDecorated(false);
  m_active->header()->setSectionResizeMode(1, QHeaderView::Stretch);
  m_active->header()->setStretchLastSection(false);
  m_active->setMinimumHeight(90);
  activeLayout->addWidget(m_active);
  auto* removeAllButton = new QPushButton(tr("Remove all"), activeBox);
  connect(removeAllButton, &QPushButton::clicked, this, &PerturbationConsole::removeAll);
  activeLayout->addWidget(removeAllButton, 0, Qt::AlignRight);
  layout->addWidget(activeBox, 1);

  m_message = new QLabel(this);
  m_message->setWordWrap(true);
  layout->addWidget(m_message);
}

void PerturbationConsole::fillTargets(QComboBox* box, bool withSelection) {
  const std::pair<Target, QString> items[] = {
      {Target::Selection, tr("Selected units")}, {Target::Compass, tr("Compass")},
      {Target::ShifterCcw, tr("Shifter CCW")},   {Target::ShifterCw, tr("Shifter CW")},
      {Target::AllShifters, tr("All shifters")}, {Target::Weak, tr("Weakly tuned")},
      {Target::Dead, tr("Dead")},                {Target::All, tr("All units")}};
  box->clear();
  for (const auto& [t, name] : items)
    if (withSelection || t != Target::Selection) box->addItem(name, int(t));
}

QWidget* PerturbationConsole::buildPerturbationBox() {
  auto* box = new QGroupBox(tr("Stimulate / clamp / silence"), this);
  auto* form = new QFormLayout(box);
  m_selection = new QLineEdit(box);
  m_selection->setPlaceholderText(tr("click units, or type e.g. 3, 7, 10-12"));
  m_selection->setToolTip(tr("Unit indices; a click on a unit in any view selects it (Ctrl-click adds)."));
  form->addRow(tr("Selection"), m_selection);
  m_target = new QComboBox(box);
  m_target->setObjectName(QStringLiteral("perturbTarget"));
  fillTargets(m_target, true);
  form->addRow(tr("Target"), m_target);
  m_action = new QComboBox(box);
  m_action->setObjectName(QStringLiteral("perturbAction"));
  m_action->addItem(tr("Inject current"), Inject);
  m_action->addItem(tr("Clamp rate"), Clamp);
  m_action->addItem(tr("Silence"), Silence);
  m_value = new QDoubleSpinBox(box);
  m_value->setRange(-10.0, 10.0);
  m_value->setSingleStep(0.1);
  m_value->setValue(1.0);
  auto* actionRow = new QHBoxLayout;
  actionRow->addWidget(m_action, 1);
  actionRow->addWidget(m_value);
  form->addRow(tr("Action"), actionRow);
  connect(m_action, &QComboBox::currentIndexChanged, this,
          [this] { m_value->setEnabled(m_action->currentData().toInt() != Silence); });
  m_duration = new QComboBox(box);
  m_duration->addItem(tr("Until released"));
  m_duration->addItem(tr("For N steps"));
  m_steps = new QSpinBox(box);
  m_steps->setRange(1, 100000);
  m_steps->setValue(100);
  m_steps->setSuffix(tr(" steps"));
  m_steps->setEnabled(false);
  connect(m_duration, &QComboBox::currentIndexChanged, this,
          [this](int i) { m_steps->setEnabled(i == 1); });
  auto* durationRow = new QHBoxLayout;
  durationRow->addWidget(m_duration, 1);
  durationRow->addWidget(m_steps);
  form->addRow(tr("Duration"), durationRow);
  auto* apply = new QPushButton(tr("Apply"), box);
  apply->setObjectName(QStringLiteral("perturbApply"));
  apply->setToolTip(tr("Takes effect at the next simulation step (undo: Ctrl+Z)."));
  connect(apply, &QPushButton::clicked, this, &PerturbationConsole::applyPerturbation);
  form->addRow(QString(), apply);
  return box;
}

QWidget* PerturbationConsole::buildAblationBox() {
  auto* box = new QGroupBox(tr("Ablate a pathway"), this);
  auto* form = new QFormLayout(box);
  m_ablateWhat = new QComboBox(box);
  m_ablateWhat->addItem(tr("Recurrent weights (from → to)"), Recurrent);
  m_ablateWhat->addItem(tr("Angular-velocity input → units"), AvInput);
  m_ablateWhat->addItem(tr("Cue inputs → units"), CueInputs);
  m_ablateWhat->addItem(tr("Readout of units"), Readout);
  form->addRow(tr("Block"), m_ablateWhat);
  m_ablateFrom = new QComboBox(box);
  fillTargets(m_ablateFrom, true);
  m_ablateFrom->setCurrentIndex(m_ablateFrom->findData(int(Target::ShifterCw)));
  form->addRow(tr("From (presynaptic)"), m_ablateFrom);
  m_ablateTo = new QComboBox(box);
  fillTargets(m_ablateTo, true);
  m_ablateTo->setCurrentIndex(m_ablateTo->findData(int(Target::Compass)));
  form->addRow(tr("To (postsynaptic)"), m_ablateTo);
  connect(m_ablateWhat, &QComboBox::currentIndexChanged, this, [this] {
    const int w = m_ablateWhat->currentData().toInt();
    m_ablateFrom->setEnabled(w == Recurrent || w == Readout);
    m_ablateTo->setEnabled(w == Recurrent || w == AvInput || w == CueInputs);
  });
  auto* apply = new QPushButton(tr("Ablate"), box);
  apply->setToolTip(tr("Zeroes the block; remove it from the list below to restore it."));
  connect(apply, &QPushButton::clicked, this, &PerturbationConsole::applyAblation);
  form->addRow(QString(), apply);
  return box;
}

std::vector<int> PerturbationConsole::selection() const {
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

std::vector<int> PerturbationConsole::unitsOf(Target t) const {
  if (t == Target::Selection) return selection();
  if (!m_snapshot) return {};
  if (t == Target::All) {
    std::vector<int> all(size_t(m_snapshot->numUnits));
    for (int i = 0; i < m_snapshot->numUnits; ++i) all[size_t(i)] = i;
    return all;
  }
  const auto& a = m_snapshot->analysis;
  if (!a) return {};
  auto of = [&](UnitClass c) { return engine::unitsOfClass(a->classes, c); };
  switch (t) {
    case Target::Compass: return of(UnitClass::Compass);
    case Target::ShifterCcw: return of(UnitClass::ShifterCcw);
    case Target::ShifterCw: return of(UnitClass::ShifterCw);
    case Target::Weak: return of(UnitClass::WeaklyTuned);
    case Target::Dead: return of(UnitClass::Dead);
    case Target::AllShifters: {
      auto u = of(UnitClass::ShifterCcw);
      const auto cw = of(UnitClass::ShifterCw);
      u.insert(u.end(), cw.begin(), cw.end());
      std::sort(u.begin(), u.end());
      return u;
    }
    default: return {};
  }
}

bool PerturbationConsole::buildPerturbation(Intervention& out, QString& error) const {
  const auto target = Target(m_target->currentData().toInt());
  auto units = unitsOf(target);
  if (units.empty()) {
    error = target == Target::Selection ? tr("No unit selected: click a unit or type indices.")
                                        : tr("%1 has no units in the current analysis.").arg(m_target->currentText());
    return false;
  }
  out = {};
  out.type = Intervention::Type::Unit;
  auto& p = out.unit;
  p.units = std::move(units);
  const int action = m_action->currentData().toInt();
  p.kind = action == Inject ? UnitPerturbation::Kind::Inject : UnitPerturbation::Kind::Clamp;
  p.value = action == Silence ? 0.0 : m_value->value();
  if (m_duration->currentIndex() == 1) {
    // Trial steps of the live trial, from the next step on.
    p.beginStep = (m_snapshot ? m_snapshot->live.step : 0) + 1;
    p.endStep = p.beginStep + m_steps->value();
  }
  const QString who = target == Target::Selection ? tr("units %1").arg(m_selection->text().simplified())
                                                  : m_target->currentText();
  QString what = action == Inject   ? tr("inject %1 → %2").arg(p.value).arg(who)
                 : action == Clamp ? tr("clamp %1 to %2").arg(who).arg(p.value)
                                   : tr("silence %1").arg(who);
  if (p.endStep != INT_MAX) what += tr(" for %1 steps").arg(m_steps->value());
  out.label = what.toStdString();
  return true;
}

bool PerturbationConsole::buildAblation(Intervention& out, QString& error) const {
  out = {};
  out.type = Intervention::Type::Ablation;
  auto& a = out.ablation;
  const int what = m_ablateWhat->currentData().toInt();
  const auto from = Target(m_ablateFrom->currentData().toInt());
  const auto to = Target(m_ablateTo->currentData().toInt());
  auto need = [&](Target t, QComboBox* box, std::vector<int>& dst) {
    dst = unitsOf(t);
    if (dst.empty()) error = tr("%1 has no units (or nothing selected).").arg(box->currentText());
    return !dst.empty();
  };
  switch (what) {
    case Recurrent:
      a.matrix = WeightAblation::Matrix::Recurrent;
      if (!need(to, m_ablateTo, a.rows) || !need(from, m_ablateFrom, a.cols)) return false;
      out.label = tr("cut %1 → %2").arg(m_ablateFrom->currentText(), m_ablateTo->currentText()).toStdString();
      break;
    case AvInput:
    case CueInputs:
      a.matrix = WeightAblation::Matrix::Input;
      if (!need(to, m_ablateTo, a.rows)) return false;
      a.cols = what == AvInput ? std::vector<int>{0} : std::vector<int>{1, 2};
      out.label = (what == AvInput ? tr("cut AV input → %1") : tr("cut cue inputs → %1"))
                      .arg(m_ablateTo->currentText())
                      .toStdString();
      break;
    default:
      a.matrix = WeightAblation::Matrix::Readout;
      if (!need(from, m_ablateFrom, a.cols)) return false;
      out.label = tr("cut readout of %1").arg(m_ablateFrom->currentText()).toStdString();
      break;
  }
  return true;
}

void PerturbationConsole::applyPerturbation() {
  Intervention i;
  QString error;
  if (!buildPerturbation(i, error)) return showError(error);
  showError({});
  m_undo->push(new AddInterventionCommand(m_bridge, std::move(i)));
}

void PerturbationConsole::applyAblation() {
  Intervention i;
  QString error;
  if (!buildAblation(i, error)) return showError(error);
  showError({});
  m_undo->push(new AddInterventionCommand(m_bridge, std::move(i)));
}

void PerturbationConsole::removeAll() {
  if (!m_snapshot || m_snapshot->interventions.empty()) return;
  m_undo->beginMacro(tr("remove all interventions"));
  for (const auto& [id, i] : m_snapshot->interventions)
    m_undo->push(new RemoveInterventionCommand(m_bridge, id, i));
  m_undo->endMacro();
}

void PerturbationConsole::showError(const QString& message) {
  m_message->setText(message.isEmpty() ? QString() : QStringLiteral("<b>%1</b>").arg(message.toHtmlEscaped()));
}

void PerturbationConsole::selectUnit(int unit) {
  const auto mods = QGuiApplication::keyboardModifiers();
  if ((mods & (Qt::ControlModifier | Qt::ShiftModifier)) && !m_selection->text().trimmed().isEmpty())
    m_selection->setText(m_selection->text() + QStringLiteral(", ") + QString::number(unit));
  else
    m_selection->setText(QString::number(unit));
  m_target->setCurrentIndex(m_target->findData(int(Target::Selection)));
}

void PerturbationConsole::setSnapshot(std::shared_ptr<const engine::HdSnapshot> snapshot) {
  m_snapshot = std::move(snapshot);
  if (!m_snapshot) return;
  refreshActiveList();
  refreshClassCounts();
}

void PerturbationConsole::refreshClassCounts() {
  const auto& a = m_snapshot->analysis;
  const std::uint64_t version = a ? a->version : 0;
  if (version == m_analysisVersion) return;
  m_analysisVersion = version;
  for (QComboBox* box : {m_target, m_ablateFrom, m_ablateTo})
    for (int k = 0; k < box->count(); ++k) {
      const auto t = Target(box->itemData(k).toInt());
      if (t == Target::Selection) continue;
      QString name = box->itemText(k).section(QStringLiteral(" ("), 0, 0);
      if (a || t == Target::All) name += QStringLiteral(" (%1)").arg(unitsOf(t).size());
      box->setItemText(k, name);
    }
}

void PerturbationConsole::refreshActiveList() {
  std::vector<int> ids;
  for (const auto& [id, i] : m_snapshot->interventions) ids.push_back(id);
  if (ids == m_shownIds) return;
  m_shownIds = ids;
  m_active->clear();
  for (const auto& [id, intervention] : m_snapshot->interventions) {
    auto* item = new QTreeWidgetItem(m_active, {QString::number(id), describeIntervention(intervention)});
    item->setToolTip(1, item->text(1));
    auto* remove = new QPushButton(tr("Remove"), m_active);
    const int engineId = id;
    const engine::Intervention copy = intervention;
    connect(remove, &QPushButton::clicked, this, [this, engineId, copy] {
      m_undo->push(new RemoveInterventionCommand(m_bridge, engineId, copy));
    });
    m_active->setItemWidget(item, 2, remove);
  }
  m_active->resizeColumnToContents(0);
  m_active->resizeColumnToContents(2);
}

}  // namespace emergence::app
