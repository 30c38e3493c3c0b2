#include "widgets/av_statistics_view.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <cmath>
#include <qcustomplot.h>

#include "widgets/class_palette.h"
#include "widgets/view_support.h"

namespace emergence::widgets {

using engine::UnitClass;

namespace {
const std::vector<double> kDefaultFactors{0.1, 1.0, 3.0};

QString factorText(double f) { return QStringLiteral("×") + QString::number(f, 'g', 3); }

int displayIndex(UnitClass c) {
  for (int k = 0; k < int(kClassDisplayOrder.size()); ++k)
    if (kClassDisplayOrder[size_t(k)] == c) return k;
  return -1;
}
}  // namespace

QColor avRunColor(int k, int n) {
  // Sequential blues (ColorBrewer): light for slow turning, dark for fast.
  static const QColor stops[] = {QColor(0x9E, 0xCA, 0xE1), QColor(0x42, 0x92, 0xC6),
                                 QColor(0x08, 0x45, 0x94)};
  if (n <= 1) return stops[1];
  const double t = std::clamp(double(k) / (n - 1), 0.0, 1.0) * 2.0;
  const int i = std::min(int(t), 1);
  const double f = t - i;
  auto mix = [f](int a, int b) { return int(std::lround(a + (b - a) * f)); };
  return QColor(mix(stops[i].red(), stops[i + 1].red()), mix(stops[i].green(), stops[i + 1].green()),
                mix(stops[i].blue(), stops[i + 1].blue()));
}

AvStatisticsView::AvStatisticsView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  auto* controls = new QHBoxLayout;
  auto* label = new QLabel(tr("Updates per run"), this);
  m_updates = new QSpinBox(this);
  m_updates->setObjectName(QStringLiteral("updatesPerRun"));
  m_updates->setRange(1, 1000000);
  m_updates->setSingleStep(100);
  m_updates->setValue(3000);
  label->setBuddy(m_updates);
  m_start = new QPushButton(tr("Train ×0.1, ×1, ×3 and compare"), this);
  m_start->setObjectName(QStringLiteral("startAvStatistics"));
  m_start->setToolTip(tr("Trains three networks with the current configuration and seed, the SD of "
                         "the angular velocity multiplied by 0.1, 1 and 3, one after the other on "
                         "one thread (the live lab keeps running), then classifies their units"));
  m_cancel = new QPushButton(tr("Cancel"), this);
  m_cancel->setObjectName(QStringLiteral("cancelAvStatistics"));
  m_cancel->setEnabled(false);
  m_status = new QLabel(tr("Not run yet."), this);
  m_status->setObjectName(QStringLiteral("avStatisticsStatus"));
  controls->addWidget(label);
  controls->addWidget(m_updates);
  controls->addWidget(m_start);
  controls->addWidget(m_cancel);
  controls->addWidget(m_status, 1);
  layout->addLayout(controls);
  connect(m_start, &QPushButton::clicked, this, [this] { emit startRequested(m_updates->value()); });
  connect(m_cancel, &QPushButton::clicked, this, &AvStatisticsView::cancelRequested);

  m_runsPlot = new QCustomPlot(this);
  m_runsPlot->setObjectName(QStringLiteral("avRunsPlot"));
  m_runsPlot->setAutoAddPlottableToLegend(false);  // only the class legend, filled by hand
  m_countsPlot = new QCustomPlot(this);
  m_countsPlot->setObjectName(QStringLiteral("avCountsPlot"));
  layout->addWidget(m_runsPlot, 3);
  layout->addWidget(m_countsPlot, 2);
  setResult(nullptr);
}

void AvStatisticsView::applyStyle() {
  stylePlot(m_runsPlot, m_scale);
  stylePlot(m_countsPlot, m_scale);
  QFont tf;
  tf.setPointSizeF(9.0 * m_scale);
  tf.setBold(true);
  for (auto& c : m_columns) c.title->setFont(tf);
  QFont f = font();
  f.setPointSizeF(9 * m_scale);
  for (QWidget* w : std::initializer_list<QWidget*>{m_updates, m_start, m_cancel, m_status}) w->setFont(f);
  QFont lf;
  lf.setPointSizeF(8.5 * m_scale);
  for (auto& run : m_countLabels)
    for (QCPItemText* t : run) t->setFont(lf);
}

void AvStatisticsView::setPresentationScale(double scale) {
  m_scale = std::clamp(scale, 0.5, 4.0);
  setResult(m_result);  // rebuilds with the new sizes
}

int AvStatisticsView::updatesPerRun() const { return m_updates->value(); }
void AvStatisticsView::setUpdatesPerRun(int updates) { m_updates->setValue(updates); }

void AvStatisticsView::setRunning(bool running) {
  m_running = running;
  m_start->setEnabled(!running);
  m_updates->setEnabled(!running);
  m_cancel->setEnabled(running);
}

void AvStatisticsView::setStatusText(const QString& text) { m_status->setText(text); }

void AvStatisticsView::setResult(std::shared_ptr<const engine::HdAvStatsResult> result) {
  m_result = std::move(result);
  const int n = m_result && !m_result->runs.empty() ? int(m_result->runs.size()) : int(kDefaultFactors.size());
  rebuildColumns(n);
  for (int k = 0; k < n; ++k)
    fillColumn(k, m_result && k < int(m_result->runs.size()) ? &m_result->runs[size_t(k)] : nullptr);
  rebuildCounts();
  applyStyle();
  m_runsPlot->replot(QCustomPlot::rpQueuedReplot);
  m_countsPlot->replot(QCustomPlot::rpQueuedReplot);
}

void AvStatisticsView::rebuildColumns(int count) {
  if (m_classLegend) m_classLegend->clearItems();  // before the graphs it points to go
  m_classLegend = nullptr;                         // deleted with its axis rect below
  m_runsPlot->clearPlottables();
  m_runsPlot->clearItems();
  m_runsPlot->plotLayout()->clear();
  for (QObject* g : m_marginGroups) delete g;
  m_marginGroups.clear();
  m_columns.assign(size_t(count), {});
  for (int k = 0; k < count; ++k) {
    Column& c = m_columns[size_t(k)];
    c.title = new QCPTextElement(m_runsPlot, QString());
    m_runsPlot->plotLayout()->addElement(0, k, c.title);
    c.histogram = new QCPAxisRect(m_runsPlot);
    c.scatter = new QCPAxisRect(m_runsPlot);
    m_runsPlot->plotLayout()->addElement(1, k, c.histogram);
    m_runsPlot->plotLayout()->addElement(2, k, c.scatter);
    auto* group = new QCPMarginGroup(m_runsPlot);
    m_marginGroups.push_back(group);
    c.histogram->setMarginGroup(QCP::msLeft | QCP::msRight, group);
    c.scatter->setMarginGroup(QCP::msLeft | QCP::msRight, group);
    c.histogram->axis(QCPAxis::atBottom)->setLabel(tr("ω (°/step), ω ≠ 0"));
    c.histogram->axis(QCPAxis::atLeft)->setLabel(tr("steps"));
    c.scatter->axis(QCPAxis::atBottom)->setLabel(tr("HD tuning strength"));
    c.scatter->axis(QCPAxis::atLeft)->setLabel(tr("AV slope (rate per °/step)"));
    c.histogramBars = new QCPBars(c.histogram->axis(QCPAxis::atBottom), c.histogram->axis(QCPAxis::atLeft));
    c.histogramBars->setPen(Qt::NoPen);
    c.histogramBars->setBrush(angularVelocityColor());
    for (QCPAxisRect* r : {c.histogram, c.scatter}) styleAxisRect(r, m_scale);
  }
  m_runsPlot->plotLayout()->setRowStretchFactor(1, 2);
  m_runsPlot->plotLayout()->setRowStretchFactor(2, 3);
}

void AvStatisticsView::fillColumn(int k, const engine::HdAvStatsRun* run) {
  Column& c = m_columns[size_t(k)];
  const double factor = run ? run->factor : kDefaultFactors[size_t(std::min(k, 2))];
  if (!run) {
    c.title->setText(tr("AV SD %1\nnot run yet").arg(factorText(factor)));
    c.histogram->axis(QCPAxis::atBottom)->setRange(-1, 1);
    c.scatter->axis(QCPAxis::atBottom)->setRange(0, 1);
    c.scatter->axis(QCPAxis::atLeft)->setRange(-0.05, 0.05);
    return;
  }
  QString title = tr("AV SD %1 (%2°/step)\n%3 updates · test error %4 %")
                      .arg(factorText(factor))
                      .arg(run->avSdDegPerStep, 0, 'f', 2)
                      .arg(run->updates)
                      .arg(run->testError, 0, 'f', 2);
  if (!run->failure.empty()) title += QLatin1Char('\n') + tr("training failed: %1").arg(QString::fromStdString(run->failure));
  c.title->setText(title);
  // Histogram.
  QVector<double> keys, values;
  for (Eigen::Index b = 0; b < run->omegaCounts.size(); ++b) {
    keys.push_back(run->omegaCentresDegPerStep[b]);
    values.push_back(run->omegaCounts[b]);
  }
  c.histogramBars->setData(keys, values, true);
  if (run->omegaCentresDegPerStep.size() > 1)
    c.histogramBars->setWidth(run->omegaCentresDegPerStep[1] - run->omegaCentresDegPerStep[0]);
  const double half = keys.isEmpty() ? 1.0 : std::abs(keys.front()) * 1.05 + 1e-9;
  c.histogram->axis(QCPAxis::atBottom)->setRange(-half, half);
  c.histogram->axis(QCPAxis::atLeft)->setRange(0, std::max(1.0, run->omegaCounts.maxCoeff()) * 1.08);

  // Class scatter: one graph per class; common ranges over every run.
  double xMax = 1.0, yMax = 0.03;
  const auto& t = run->analysis.thresholds;
  if (m_result)
    for (const auto& r : m_result->runs)
      for (Eigen::Index i = 0; i < r.analysis.strength.size() && i < r.analysis.avSlope.size(); ++i) {
        if (std::isfinite(r.analysis.strength[i])) xMax = std::max(xMax, r.analysis.strength[i]);
        if (std::isfinite(r.analysis.avSlope[i])) yMax = std::max(yMax, std::abs(r.analysis.avSlope[i]));
      }
  xMax = std::max(xMax, t.compassMinStrength * 1.3);
  yMax = std::max(yMax, t.compassMaxSlope * 2.0);
  QCPAxis* x = c.scatter->axis(QCPAxis::atBottom);
  QCPAxis* y = c.scatter->axis(QCPAxis::atLeft);
  x->setRange(0, xMax * 1.08);
  y->setRange(-yMax * 1.15, yMax * 1.15);
  auto box = [&](double x0, double y0, double x1, double y1, const QColor& col, int alpha) {
    auto* rect = new QCPItemRect(m_runsPlot);
    rect->setClipAxisRect(c.scatter);
    for (QCPItemPosition* p : {rect->topLeft, rect->bottomRight}) p->setAxes(x, y);
    rect->topLeft->setCoords(x0, y0);
    rect->bottomRight->setCoords(x1, y1);
    rect->setPen(QPen(col, 1.4 * m_scale, Qt::DashLine));
    rect->setBrush(QColor(col.red(), col.green(), col.blue(), alpha));
    rect->setLayer(QStringLiteral("background"));
  };
  box(t.compassMinStrength, t.compassMaxSlope, 1e6, -t.compassMaxSlope, classColor(UnitClass::Compass), 28);
  box(t.deadStrength, t.weakMaxSlope, t.weakMaxStrength, -t.weakMaxSlope, classColor(UnitClass::WeaklyTuned), 36);
  const auto& a = run->analysis;
  QCPLegend* legend = nullptr;
  if (k == 0) {  // one class legend, in the first scatter
    legend = m_classLegend = new QCPLegend;
    c.scatter->insetLayout()->addElement(legend, Qt::AlignTop | Qt::AlignRight);
    legend->setLayer(QStringLiteral("legend"));
    QFont lf;
    lf.setPointSizeF(8 * m_scale);
    legend->setFont(lf);
    legend->setBorderPen(QPen(QColor(0xC8, 0xC8, 0xC8)));
    legend->setBrush(QColor(255, 255, 255, 220));
    legend->setRowSpacing(0);
    legend->setIconSize(QSize(int(12 * m_scale), int(9 * m_scale)));
  }
  for (UnitClass cls : kClassDisplayOrder) {
    QCPGraph* g = m_runsPlot->addGraph(x, y);
    g->setName(classDisplayName(cls));
    if (legend) g->addToLegend(legend);
    g->setLineStyle(QCPGraph::lsNone);
    const QColor col = classColor(cls);
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(col.darker(140), 0.8 * m_scale), col,
                                       6 * m_scale));
    QVector<double> xs, ys;
    for (size_t i = 0; i < a.classes.size(); ++i) {
      if (a.classes[i] != cls || Eigen::Index(i) >= a.strength.size() || Eigen::Index(i) >= a.avSlope.size())
        continue;
      const double sx = a.strength[Eigen::Index(i)], sy = a.avSlope[Eigen::Index(i)];
      if (!std::isfinite(sx) || !std::isfinite(sy)) continue;
      xs.push_back(sx);
      ys.push_back(sy);
    }
    g->setData(xs, ys);
  }
}

void AvStatisticsView::rebuildCounts() {
  m_countsPlot->clearPlottables();
  m_countsPlot->clearItems();
  m_countBars.clear();
  m_countLabels.clear();
  QCPAxis* x = m_countsPlot->xAxis;
  QCPAxis* y = m_countsPlot->yAxis;
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  for (int k = 0; k < int(kClassDisplayOrder.size()); ++k)
    ticker->addTick(k + 1, classDisplayName(kClassDisplayOrder[size_t(k)]));
  x->setTicker(ticker);
  x->setRange(0.4, kClassDisplayOrder.size() + 0.6);
  x->grid()->setVisible(false);
  y->setLabel(tr("units"));
  m_countsPlot->legend->setVisible(true);
  m_countsPlot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  const int n = m_result ? int(m_result->runs.size()) : 0;
  double yMax = 10;
  const double groupWidth = 0.8, barWidth = n > 0 ? groupWidth / n : groupWidth;
  for (int r = 0; r < n; ++r) {
    const auto& run = m_result->runs[size_t(r)];
    auto* bars = new QCPBars(x, y);
    bars->setName(tr("AV SD %1").arg(factorText(run.factor)));
    bars->setWidth(barWidth * 0.92);
    bars->setPen(QPen(avRunColor(r, n).darker(130), 1.0));
    bars->setBrush(avRunColor(r, n));
    QVector<double> keys, values;
    m_countLabels.emplace_back();
    for (int k = 0; k < int(kClassDisplayOrder.size()); ++k) {
      const int count = run.analysis.counts[size_t(int(kClassDisplayOrder[size_t(k)]))];
      const double key = k + 1 - groupWidth / 2 + (r + 0.5) * barWidth;
      keys.push_back(key);
      values.push_back(count);
      yMax = std::max(yMax, double(count));
      auto* label = new QCPItemText(m_countsPlot);
      label->setClipToAxisRect(false);
      label->position->setAxes(x, y);
      label->position->setCoords(key, count);
      label->setPositionAlignment(Qt::AlignBottom | Qt::AlignHCenter);
      label->setText(QString::number(count));
      label->setColor(QColor(0x30, 0x30, 0x30));
      m_countLabels.back().push_back(label);
    }
    bars->setData(keys, values, true);
    m_countBars.push_back(bars);
  }
  y->setRange(0, yMax * 1.22);
}

double AvStatisticsView::barValue(int run, UnitClass c) const {
  const int k = displayIndex(c);
  if (run < 0 || run >= int(m_countBars.size()) || k < 0) return std::nan("");
  const auto data = m_countBars[size_t(run)]->data();
  if (k >= data->size()) return std::nan("");
  return (data->constBegin() + k)->value;  // keys ascend with the display index
}

QString AvStatisticsView::barLabel(int run, UnitClass c) const {
  const int k = displayIndex(c);
  if (run < 0 || run >= int(m_countLabels.size()) || k < 0 || k >= int(m_countLabels[size_t(run)].size()))
    return {};
  return m_countLabels[size_t(run)][size_t(k)]->text();
}

QString AvStatisticsView::columnTitle(int run) const {
  return run >= 0 && run < int(m_columns.size()) ? m_columns[size_t(run)].title->text() : QString();
}

bool AvStatisticsView::exportData(const QString& csvPath) const {
  std::vector<QStringList> rows;
  const QString none;
  if (m_result)
    for (const auto& run : m_result->runs) {
      const QString f = csvNumber(run.factor), s = csvNumber(run.avScale);
      rows.push_back({f, s, QStringLiteral("run"), QString::number(run.updates), none, none, none, none,
                      csvNumber(run.avSdDegPerStep), none, csvNumber(run.testError)});
      const auto& a = run.analysis;
      for (size_t i = 0; i < a.classes.size(); ++i) {
        const auto ei = Eigen::Index(i);
        rows.push_back({f, s, QStringLiteral("unit"), QString::number(i),
                        QString::fromStdString(engine::toString(a.classes[i])),
                        ei < a.strength.size() ? csvNumber(a.strength[ei]) : none,
                        ei < a.avSlope.size() ? csvNumber(a.avSlope[ei]) : none,
                        ei < a.preferredDeg.size() ? csvNumber(a.preferredDeg[ei]) : none, none, none, none});
      }
      for (Eigen::Index b = 0; b < run.omegaCounts.size(); ++b)
        rows.push_back({f, s, QStringLiteral("histogram"), QString::number(b), none, none, none, none,
                        csvNumber(run.omegaCentresDegPerStep[b]), csvNumber(run.omegaCounts[b]), none});
      for (UnitClass c : kClassDisplayOrder)
        rows.push_back({f, s, QStringLiteral("count"), none, QString::fromStdString(engine::toString(c)), none,
                        none, none, none, QString::number(a.counts[size_t(int(c))]), none});
    }
  return writeCsv(csvPath,
                  {"factor", "av_scale", "record", "index", "class", "strength", "av_slope",
                   "preferred_deg", "omega_deg_per_step", "count", "test_error"},
                  rows);
}

}  // namespace emergence::widgets
