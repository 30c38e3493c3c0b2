#include "widgets/unit_inspector.h"

#include <QLabel>
#include <QVBoxLayout>
#include <cmath>
#include <qcustomplot.h>

#include "widgets/class_palette.h"
#include "widgets/view_support.h"

namespace emergence::widgets {

namespace {
QCPAxisRect* addRect(QCustomPlot* plot, int row, int col, QCPMarginGroup* group) {
  auto* r = new QCPAxisRect(plot);
  plot->plotLayout()->addElement(row, col, r);
  r->setMarginGroup(QCP::msLeft, group);
  for (QCPAxis* a : r->axes()) {
    a->setLayer(QStringLiteral("axes"));
    a->grid()->setLayer(QStringLiteral("grid"));
  }
  return r;
}

QCPGraph* addGraphTo(QCustomPlot* plot, QCPAxisRect* r) {
  return plot->addGraph(r->axis(QCPAxis::atBottom), r->axis(QCPAxis::atLeft));
}

void setRowData(QCPGraph* g, const Eigen::MatrixXd& m, int row, double x0, double dx) {
  QVector<double> x, y;
  if (row >= 0 && row < m.rows())
    for (Eigen::Index k = 0; k < m.cols(); ++k) {
      x.push_back(x0 + dx * double(k));
      y.push_back(m(row, k));
    }
  g->setData(x, y, true);
}

void fitValueRange(QCPAxisRect* r, double minSpan) {
  bool any = false;
  QCPRange total;
  for (QCPGraph* g : r->graphs()) {
    bool found = false;
    const QCPRange v = g->getValueRange(found);
    if (!found) continue;
    total = any ? QCPRange(std::min(total.lower, v.lower), std::max(total.upper, v.upper)) : v;
    any = true;
  }
  if (!any) total = QCPRange(0, 1);
  const double span = std::max(total.size(), minSpan);
  const double mid = total.center();
  r->axis(QCPAxis::atLeft)->setRange(mid - 0.55 * span, mid + 0.55 * span);
}
}  // namespace

UnitInspector::UnitInspector(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 4, 0, 0);
  m_title = new QLabel(this);
  m_title->setObjectName(QStringLiteral("title"));
  m_title->setContentsMargins(8, 0, 8, 0);
  m_title->setTextFormat(Qt::PlainText);
  layout->addWidget(m_title);
  m_plot = new QCustomPlot(this);
  layout->addWidget(m_plot, 1);

  QCPLayoutGrid* grid = m_plot->plotLayout();
  // Keep the default legend alive (stylePlot touches it) but out of the layout and hidden.
  m_plot->legend->setVisible(false);
  m_plot->axisRect()->insetLayout()->take(m_plot->legend);
  m_plot->legend->setParent(m_plot);
  grid->clear();
  auto* group = new QCPMarginGroup(m_plot);
  // Rows: HD legend, HD tuning, AV tuning, activity, weights legend, weights.
  m_hdRect = addRect(m_plot, 1, 0, group);
  m_avRect = addRect(m_plot, 2, 0, group);
  m_actRect = addRect(m_plot, 3, 0, group);
  m_wRect = addRect(m_plot, 5, 0, group);

  m_hdAll = addGraphTo(m_plot, m_hdRect);
  m_hdCw = addGraphTo(m_plot, m_hdRect);
  m_hdCcw = addGraphTo(m_plot, m_hdRect);
  m_hdAll->setName(tr("all"));
  m_hdCw->setName(tr("CW (ω < 0)"));
  m_hdCcw->setName(tr("CCW (ω > 0)"));
  auto hdTicker = QSharedPointer<QCPAxisTickerFixed>::create();
  hdTicker->setTickStep(90);
  hdTicker->setScaleStrategy(QCPAxisTickerFixed::ssNone);
  m_hdRect->axis(QCPAxis::atBottom)->setTicker(hdTicker);
  m_hdRect->axis(QCPAxis::atBottom)->setRange(0, 360);
  m_hdRect->axis(QCPAxis::atBottom)->setLabel(tr("head direction (°)"));
  m_hdRect->axis(QCPAxis::atLeft)->setLabel(tr("rate"));
  auto* legend = new QCPLegend;
  grid->addElement(0, 0, legend);
  grid->setRowStretchFactor(0, 0.001);
  legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  legend->setLayer(QStringLiteral("legend"));
  for (QCPGraph* g : {m_hdAll, m_hdCw, m_hdCcw}) g->addToLegend(legend);
  m_offsetText = new QCPItemText(m_plot);
  m_offsetText->setClipAxisRect(m_hdRect);
  m_offsetText->position->setAxisRect(m_hdRect);
  m_offsetText->position->setType(QCPItemPosition::ptAxisRectRatio);
  m_offsetText->position->setCoords(0.02, 0.04);
  m_offsetText->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);

  m_av = addGraphTo(m_plot, m_avRect);
  m_avFit = addGraphTo(m_plot, m_avRect);
  m_av->setLineStyle(QCPGraph::lsNone);
  m_avRect->axis(QCPAxis::atBottom)->setLabel(tr("angular velocity (°/step) at the preferred HD"));
  m_avRect->axis(QCPAxis::atLeft)->setLabel(tr("rate"));
  m_slopeText = new QCPItemText(m_plot);
  m_slopeText->setClipAxisRect(m_avRect);
  m_slopeText->position->setAxisRect(m_avRect);
  m_slopeText->position->setType(QCPItemPosition::ptAxisRectRatio);
  m_slopeText->position->setCoords(0.02, 0.04);
  m_slopeText->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);

  m_activity = addGraphTo(m_plot, m_actRect);
  m_activity->setLayer(liveLayer(m_plot));  // redrawn alone every frame
  m_actRect->axis(QCPAxis::atBottom)->setLabel(tr("steps before now (live trial)"));
  m_actRect->axis(QCPAxis::atLeft)->setLabel(tr("rate"));

  m_wIn = addGraphTo(m_plot, m_wRect);
  m_wOut = addGraphTo(m_plot, m_wRect);
  m_wIn->setLineStyle(QCPGraph::lsNone);
  m_wOut->setLineStyle(QCPGraph::lsNone);
  m_wIn->setName(tr("incoming W[unit ← j]"));
  m_wOut->setName(tr("outgoing W[j ← unit]"));
  // The weight clouds fill their panel: this legend gets its own row above it.
  auto* legend2 = new QCPLegend;
  grid->addElement(4, 0, legend2);
  grid->setRowStretchFactor(4, 0.001);
  legend2->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  legend2->setMargins(QMargins(0, 4, 0, 0));
  legend2->setLayer(QStringLiteral("legend"));
  m_wIn->addToLegend(legend2);
  m_wOut->addToLegend(legend2);
  m_wRect->axis(QCPAxis::atBottom)->setTicker(hdTicker);
  m_wRect->axis(QCPAxis::atBottom)->setRange(-180, 180);
  m_wRect->axis(QCPAxis::atBottom)->setLabel(tr("partner preferred HD − unit preferred HD (°)"));
  m_wRect->axis(QCPAxis::atLeft)->setLabel(tr("weight"));
  applyStyle();
  refreshAll();
}

void UnitInspector::applyStyle() {
  stylePlot(m_plot, m_scale);
  QFont tf = font();
  tf.setPointSizeF(10.5 * m_scale);
  tf.setBold(true);
  m_title->setFont(tf);
  QFont lf;
  lf.setPointSizeF(8 * m_scale);
  for (QCPLegend* l : m_plot->findChildren<QCPLegend*>()) {
    l->setFont(lf);
    l->setBorderPen(QPen(QColor(0xC8, 0xC8, 0xC8)));
    l->setBrush(QColor(255, 255, 255, 220));
    l->setRowSpacing(0);
  }
  m_offsetText->setFont(lf);
  m_slopeText->setFont(lf);
  m_hdAll->setPen(QPen(QColor(0x22, 0x22, 0x22), 2.0 * m_scale));
  m_hdCw->setPen(QPen(QColor(0x00, 0x9E, 0x73), 1.4 * m_scale));
  m_hdCcw->setPen(QPen(QColor(0xE6, 0x9F, 0x00), 1.4 * m_scale));
  m_av->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(0x00, 0x72, 0xB2),
                                        Qt::white, 4.5 * m_scale));
  m_avFit->setPen(QPen(QColor(0xD5, 0x5E, 0x00), 1.8 * m_scale));
  // Redrawn every frame: a thin pen at normal scale takes the raster engine's fast path.
  m_activity->setPen(QPen(QColor(0x00, 0x72, 0xB2), m_scale <= 1.0 ? 1.0 : 1.6 * m_scale));
  m_wIn->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(0x00, 0x72, 0xB2),
                                         QColor(0x00, 0x72, 0xB2), 5 * m_scale));
  m_wOut->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssTriangle, QColor(0xD5, 0x5E, 0x00),
                                          Qt::NoBrush, 6 * m_scale));
}

void UnitInspector::setPresentationScale(double scale) {
  m_scale = std::clamp(scale, 0.5, 4.0);
  applyStyle();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void UnitInspector::setUnit(int unit) {
  m_unit = unit;
  refreshAll();
}

void UnitInspector::setSnapshot(std::shared_ptr<const engine::HdSnapshot> snapshot) {
  m_snapshot = std::move(snapshot);
  const auto& a = m_snapshot ? m_snapshot->analysis : nullptr;
  const auto& w = m_snapshot ? m_snapshot->weights : nullptr;
  const std::uint64_t av = a ? a->version : 0, wv = w ? w->version : 0;
  if (m_shownUnit != m_unit || av != m_analysisVersion || wv != m_weightsVersion) {
    refreshAll();
    return;
  }
  replotLive(m_plot, refreshActivity());  // the live trace changes every frame
}

QString UnitInspector::titleText() const { return m_title->text(); }

void UnitInspector::refreshAll() {
  const auto& a = m_snapshot ? m_snapshot->analysis : nullptr;
  const auto& w = m_snapshot ? m_snapshot->weights : nullptr;
  m_analysisVersion = a ? a->version : 0;
  m_weightsVersion = w ? w->version : 0;
  m_shownUnit = m_unit;
  refreshTitle();
  refreshAnalysis();
  refreshWeights();
  refreshActivity();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void UnitInspector::refreshTitle() {
  const int n = m_snapshot ? m_snapshot->numUnits : 0;
  if (m_unit < 0 || m_unit >= n) {
    m_title->setText(tr("Click a unit in any view to inspect it"));
    return;
  }
  const auto& a = m_snapshot->analysis;
  if (!a || m_unit >= int(a->classes.size())) {
    m_title->setText(tr("Unit %1 — not analysed yet").arg(m_unit));
    return;
  }
  m_title->setText(tr("Unit %1 — %2 — preferred HD %3°")
                       .arg(m_unit)
                       .arg(classDisplayName(a->classes[m_unit]))
                       .arg(a->preferredDeg[m_unit], 0, 'f', 0));
}

void UnitInspector::refreshAnalysis() {
  const auto& a = m_snapshot ? m_snapshot->analysis : nullptr;
  const int u = (a && m_unit >= 0 && m_unit < int(a->classes.size())) ? m_unit : -1;
  const Eigen::MatrixXd empty;
  auto dx = [](const Eigen::MatrixXd& m) { return m.cols() > 0 ? 360.0 / double(m.cols()) : 1.0; };
  setRowData(m_hdAll, u >= 0 ? a->hdTuning : empty, u, u >= 0 ? dx(a->hdTuning) / 2 : 0,
             u >= 0 ? dx(a->hdTuning) : 1);
  setRowData(m_hdCw, u >= 0 ? a->hdTuningCw : empty, u, u >= 0 ? dx(a->hdTuningCw) / 2 : 0,
             u >= 0 ? dx(a->hdTuningCw) : 1);
  setRowData(m_hdCcw, u >= 0 ? a->hdTuningCcw : empty, u, u >= 0 ? dx(a->hdTuningCcw) / 2 : 0,
             u >= 0 ? dx(a->hdTuningCcw) : 1);
  fitValueRange(m_hdRect, 0.05);
  m_offsetText->setText(u >= 0 && u < a->offsetDeg.size()
                            ? tr("CCW − CW offset: %1°").arg(a->offsetDeg[u], 0, 'f', 1)
                            : QString());

  QVector<double> x, y;
  double slope = std::nan("");
  if (u >= 0 && u < a->avTuning.rows()) {
    for (Eigen::Index k = 0; k < a->avTuning.cols() && k < a->avCentresDegPerStep.size(); ++k)
      if (std::isfinite(a->avTuning(u, k))) {
        x.push_back(a->avCentresDegPerStep[k]);
        y.push_back(a->avTuning(u, k));
      }
    slope = u < a->avSlope.size() ? a->avSlope[u] : slope;
  }
  m_av->setData(x, y);
  QVector<double> fx, fy;
  if (!x.isEmpty() && std::isfinite(slope)) {
    // Line with the analysis' slope through the centroid of the plotted points.
    double mx = 0, my = 0;
    for (int k = 0; k < x.size(); ++k) { mx += x[k]; my += y[k]; }
    mx /= x.size();
    my /= x.size();
    const double x0 = *std::min_element(x.begin(), x.end()), x1 = *std::max_element(x.begin(), x.end());
    fx = {x0, x1};
    fy = {my + slope * (x0 - mx), my + slope * (x1 - mx)};
  }
  m_avFit->setData(fx, fy);
  if (!x.isEmpty()) {
    const double lim = std::max(std::abs(*std::min_element(x.begin(), x.end())),
                                std::abs(*std::max_element(x.begin(), x.end())));
    m_avRect->axis(QCPAxis::atBottom)->setRange(-lim * 1.05, lim * 1.05);
  } else {
    m_avRect->axis(QCPAxis::atBottom)->setRange(-10, 10);
  }
  fitValueRange(m_avRect, 0.05);
  m_slopeText->setText(std::isfinite(slope) ? tr("fitted slope: %1 rate per °/step").arg(slope, 0, 'g', 3)
                                            : QString());
}

double UnitInspector::partnerDelta(int partner) const {
  const int n = m_snapshot ? m_snapshot->numUnits : 0;
  const auto& a = m_snapshot ? m_snapshot->analysis : nullptr;
  if (a && a->preferredDeg.size() == n)
    return wrapDeg180(a->preferredDeg[partner] - a->preferredDeg[m_unit]);
  return wrapDeg180(360.0 * (partner - m_unit) / std::max(n, 1));  // by index before analysis
}

void UnitInspector::refreshWeights() {
  const auto& w = m_snapshot ? m_snapshot->weights : nullptr;
  std::vector<std::pair<double, std::pair<double, double>>> pts;
  if (w && m_unit >= 0 && m_unit < w->wRec.rows())
    for (int j = 0; j < w->wRec.rows(); ++j) {
      if (j == m_unit) continue;
      pts.push_back({partnerDelta(j), {w->wRec(m_unit, j), w->wRec(j, m_unit)}});
    }
  std::sort(pts.begin(), pts.end(), [](const auto& p, const auto& q) { return p.first < q.first; });
  QVector<double> x, in, out;
  for (const auto& p : pts) {
    x.push_back(p.first);
    in.push_back(p.second.first);
    out.push_back(p.second.second);
  }
  m_wIn->setData(x, in, true);
  m_wOut->setData(x, out, true);
  fitValueRange(m_wRect, 0.02);
}

bool UnitInspector::refreshActivity() {
  // x: steps before the current live step (0 = now); y: rate, its range rounded to 0.1 and
  // changed only when the trace leaves it or uses less than half of it, so the axes (and the
  // other panels) are redrawn rarely while the trace scrolls.
  QVector<double> x, y;
  double lo = 0, hi = 0;
  if (m_snapshot && m_unit >= 0 && m_unit < m_snapshot->live.activityTrace.rows()) {
    const engine::HdLiveTrial& live = m_snapshot->live;
    const int len = int(live.activityTrace.cols());
    m_activitySpan = std::max(m_activitySpan, len);
    for (int k = 0; k < len; ++k) {
      x.push_back(k - len + 1);
      y.push_back(live.activityTrace(m_unit, k));
      lo = k == 0 ? y.back() : std::min(lo, y.back());
      hi = k == 0 ? y.back() : std::max(hi, y.back());
    }
  }
  m_activity->setData(x, y, true);
  bool changed = setRangeIfChanged(m_actRect->axis(QCPAxis::atBottom), 1 - m_activitySpan, 0);
  const QCPRange r = m_actRect->axis(QCPAxis::atLeft)->range();
  const double span = std::max(hi - lo, 0.05);
  if (lo < r.lower || hi > r.upper || span < 0.5 * r.size())
    changed |= setRangeIfChanged(m_actRect->axis(QCPAxis::atLeft),
                                 std::floor((lo - 0.1 * span) * 10) / 10,
                                 std::ceil((hi + 0.1 * span) * 10) / 10);
  return changed;
}

bool UnitInspector::exportData(const QString& csvPath) const {
  std::vector<QStringList> rows;
  auto dump = [&rows](const QString& name, const QCPGraph* g) {
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
      rows.push_back({name, csvNumber(it->key), csvNumber(it->value)});
  };
  dump(QStringLiteral("hd_tuning_all"), m_hdAll);
  dump(QStringLiteral("hd_tuning_cw"), m_hdCw);
  dump(QStringLiteral("hd_tuning_ccw"), m_hdCcw);
  dump(QStringLiteral("av_tuning"), m_av);
  dump(QStringLiteral("activity"), m_activity);
  dump(QStringLiteral("weight_in"), m_wIn);
  dump(QStringLiteral("weight_out"), m_wOut);
  return writeCsv(csvPath, {"series", "x", "y"}, rows);
}

}  // namespace emergence::widgets
