#include "widgets/class_scatter_view.h"

#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <cmath>
#include <qcustomplot.h>

#include "widgets/class_palette.h"
#include "widgets/view_support.h"

namespace emergence::widgets {

using engine::UnitClass;
using engine::UnitClassThresholds;

namespace {
constexpr int kHueBins = 24;  // preferred HD colour resolution (15° per bin)
}

ClassScatterView::ClassScatterView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 4);
  m_plot = new QCustomPlot(this);
  layout->addWidget(m_plot, 1);

  QCPAxis* x = m_plot->xAxis;
  QCPAxis* y = m_plot->yAxis;
  x->setLabel(tr("HD tuning strength (max − min rate)"));
  y->setLabel(tr("AV slope (rate per °/step)"));
  for (int b = 0; b < kHueBins; ++b) {
    QCPGraph* g = m_plot->addGraph(x, y);
    g->setLineStyle(QCPGraph::lsNone);
    m_hueGraphs.push_back(g);
  }
  m_graphUnits.resize(kHueBins);
  m_compassBox = new QCPItemRect(m_plot);
  m_weakBox = new QCPItemRect(m_plot);
  m_deadLine = new QCPItemStraightLine(m_plot);
  for (QCPAbstractItem* it : {static_cast<QCPAbstractItem*>(m_compassBox),
                              static_cast<QCPAbstractItem*>(m_weakBox),
                              static_cast<QCPAbstractItem*>(m_deadLine)})
    it->setLayer(QStringLiteral("background"));

  // Preferred-HD colour scale (cyclic).
  auto* scale = new QCPColorScale(m_plot);
  m_plot->plotLayout()->addElement(0, 1, scale);
  scale->setType(QCPAxis::atRight);
  scale->setDataRange(QCPRange(0, 360));
  QCPColorGradient gradient;
  gradient.clearColorStops();
  for (int k = 0; k <= 12; ++k) gradient.setColorStopAt(k / 12.0, directionColor(30.0 * k));
  gradient.setPeriodic(true);
  scale->setGradient(gradient);
  scale->axis()->setLabel(tr("preferred HD (°)"));
  auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
  ticker->setTickStep(90);
  scale->axis()->setTicker(ticker);
  auto* group = new QCPMarginGroup(m_plot);
  m_plot->axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, group);
  scale->setMarginGroup(QCP::msTop | QCP::msBottom, group);

  // Threshold editors.
  auto* grid = new QGridLayout;
  grid->setContentsMargins(8, 0, 8, 0);
  grid->setHorizontalSpacing(6);
  struct Def {
    const char* name;
    QString label;
    double UnitClassThresholds::*field;
    double max, step;
  };
  const Def defs[] = {
      {"compassMinStrength", tr("Compass min strength"), &UnitClassThresholds::compassMinStrength, 10, 0.01},
      {"compassMaxSlope", tr("Compass max |slope|"), &UnitClassThresholds::compassMaxSlope, 1, 0.0005},
      {"weakMaxStrength", tr("weak max strength"), &UnitClassThresholds::weakMaxStrength, 10, 0.005},
      {"weakMaxSlope", tr("weak max |slope|"), &UnitClassThresholds::weakMaxSlope, 1, 0.0005},
      {"deadStrength", tr("dead: strength <"), &UnitClassThresholds::deadStrength, 10, 0.005},
      {"deadRange", tr("dead: range <"), &UnitClassThresholds::deadRange, 10, 0.005},
  };
  int k = 0;
  for (const Def& d : defs) {
    auto* box = new QDoubleSpinBox(this);
    box->setObjectName(QString::fromLatin1(d.name));
    box->setDecimals(4);
    box->setRange(0.0, d.max);
    box->setSingleStep(d.step);
    box->setKeyboardTracking(false);  // emit on Enter / focus out / arrows, not every keystroke
    box->setValue(m_thresholds.*d.field);
    auto* label = new QLabel(d.label, this);
    label->setBuddy(box);
    grid->addWidget(label, k / 3, (k % 3) * 2);
    grid->addWidget(box, k / 3, (k % 3) * 2 + 1);
    m_spins.push_back({box, d.field});
    connect(box, &QDoubleSpinBox::valueChanged, this, &ClassScatterView::onSpinEdited);
    ++k;
  }
  layout->addLayout(grid);
  connect(m_plot, &QCustomPlot::mousePress, this, &ClassScatterView::onPlotClicked);
  applyStyle();
  updateBoxes();
}

void ClassScatterView::applyStyle() {
  stylePlot(m_plot, m_scale);
  for (int b = 0; b < kHueBins; ++b) {
    const QColor c = directionColor((b + 0.5) * 360.0 / kHueBins);
    m_hueGraphs[b]->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(c.darker(140), 0.8 * m_scale), c, 7 * m_scale));
  }
  const QColor cc = classColor(UnitClass::Compass), wc = classColor(UnitClass::WeaklyTuned);
  m_compassBox->setPen(QPen(cc, 1.6 * m_scale, Qt::DashLine));
  m_compassBox->setBrush(QColor(cc.red(), cc.green(), cc.blue(), 28));
  m_weakBox->setPen(QPen(wc, 1.6 * m_scale, Qt::DashLine));
  m_weakBox->setBrush(QColor(wc.red(), wc.green(), wc.blue(), 36));
  m_deadLine->setPen(QPen(classColor(UnitClass::Dead), 1.4 * m_scale, Qt::DotLine));
  QFont f = font();
  f.setPointSizeF(9 * m_scale);
  for (const Spin& s : m_spins) s.box->setFont(f);
  for (QLabel* l : findChildren<QLabel*>()) l->setFont(f);
}

void ClassScatterView::setPresentationScale(double scale) {
  m_scale = std::clamp(scale, 0.5, 4.0);
  applyStyle();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ClassScatterView::showThresholds(const UnitClassThresholds& t) {
  m_thresholds = t;
  for (const Spin& s : m_spins) {
    if (s.box->hasFocus()) continue;  // do not fight the user while typing
    const QSignalBlocker block(s.box);
    s.box->setValue(t.*s.field);
  }
  updateBoxes();
}

void ClassScatterView::onSpinEdited() {
  UnitClassThresholds t = m_thresholds;
  for (const Spin& s : m_spins) t.*s.field = s.box->value();
  m_thresholds = t;
  updateBoxes();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
  emit thresholdsEdited(t);
}

void ClassScatterView::updateBoxes() {
  const UnitClassThresholds& t = m_thresholds;
  const double big = 1e6;
  m_compassBox->topLeft->setCoords(t.compassMinStrength, t.compassMaxSlope);
  m_compassBox->bottomRight->setCoords(big, -t.compassMaxSlope);
  m_weakBox->topLeft->setCoords(t.deadStrength, t.weakMaxSlope);
  m_weakBox->bottomRight->setCoords(t.weakMaxStrength, -t.weakMaxSlope);
  m_deadLine->point1->setCoords(t.deadStrength, 0);
  m_deadLine->point2->setCoords(t.deadStrength, 1);
}

void ClassScatterView::setSnapshot(std::shared_ptr<const engine::HdSnapshot> snapshot) {
  m_snapshot = std::move(snapshot);
  const auto& a = m_snapshot ? m_snapshot->analysis : nullptr;
  const std::uint64_t v = a ? a->version : 0;
  if (v == m_analysisVersion) return;
  m_analysisVersion = v;
  if (a) showThresholds(a->thresholds);
  rebuildPoints();
}

void ClassScatterView::rebuildPoints() {
  for (auto& u : m_graphUnits) u.clear();
  std::vector<QVector<double>> xs(kHueBins), ys(kHueBins);
  const auto& a = m_snapshot ? m_snapshot->analysis : nullptr;
  double xMax = m_thresholds.compassMinStrength * 1.3, yMax = m_thresholds.compassMaxSlope * 2.0;
  if (a) {
    const int n = int(a->strength.size());
    // Sort each bin's units by x so graph data indices map back to units.
    std::vector<std::vector<std::pair<double, int>>> bins(kHueBins);
    for (int i = 0; i < n && i < a->avSlope.size(); ++i) {
      const double x = a->strength[i], y = a->avSlope[i];
      if (!std::isfinite(x) || !std::isfinite(y)) continue;
      const double pref = i < a->preferredDeg.size() ? a->preferredDeg[i] : 0.0;
      const int b = std::clamp(int(wrapDeg360(std::isfinite(pref) ? pref : 0.0) / 360.0 * kHueBins), 0,
                               kHueBins - 1);
      bins[b].push_back({x, i});
      xMax = std::max(xMax, x);
      yMax = std::max(yMax, std::abs(y));
    }
    for (int b = 0; b < kHueBins; ++b) {
      std::stable_sort(bins[b].begin(), bins[b].end());
      for (auto [x, i] : bins[b]) {
        xs[b].push_back(x);
        ys[b].push_back(a->avSlope[i]);
        m_graphUnits[b].push_back(i);
      }
    }
  }
  for (int b = 0; b < kHueBins; ++b) m_hueGraphs[b]->setData(xs[b], ys[b], true);
  m_plot->xAxis->setRange(0, xMax * 1.08);
  m_plot->yAxis->setRange(-yMax * 1.15, yMax * 1.15);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QPointF ClassScatterView::unitPosition(int unit) const {
  const auto& a = m_snapshot ? m_snapshot->analysis : nullptr;
  if (!a || unit < 0 || unit >= a->strength.size()) return {-1, -1};
  const QPointF p(m_plot->xAxis->coordToPixel(a->strength[unit]),
                  m_plot->yAxis->coordToPixel(a->avSlope[unit]));
  return m_plot->mapTo(this, p.toPoint());
}

void ClassScatterView::onPlotClicked(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return;
  const QPointF pos = event->position();
  int best = -1;
  double bestD = 9.0 * m_scale + 3.0;
  for (int b = 0; b < kHueBins; ++b) {
    int k = 0;
    for (auto it = m_hueGraphs[b]->data()->constBegin(); it != m_hueGraphs[b]->data()->constEnd();
         ++it, ++k) {
      const double d = std::hypot(m_plot->xAxis->coordToPixel(it->key) - pos.x(),
                                  m_plot->yAxis->coordToPixel(it->value) - pos.y());
      if (d < bestD && k < int(m_graphUnits[b].size())) {
        bestD = d;
        best = m_graphUnits[b][k];
      }
    }
  }
  if (best >= 0) {
    m_selected = best;
    emit unitClicked(best);
  }
}

bool ClassScatterView::exportData(const QString& csvPath) const {
  std::vector<QStringList> rows;
  const auto& a = m_snapshot ? m_snapshot->analysis : nullptr;
  if (a)
    for (int i = 0; i < int(a->classes.size()); ++i)
      rows.push_back({QString::number(i), QString::fromStdString(engine::toString(a->classes[i])),
                      csvNumber(a->strength[i]), csvNumber(a->avSlope[i]),
                      csvNumber(a->preferredDeg[i])});
  return writeCsv(csvPath, {"unit", "class", "strength", "av_slope", "preferred_deg"}, rows);
}

}  // namespace emergence::widgets
