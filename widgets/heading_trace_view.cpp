#include "widgets/heading_trace_view.h"

#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <qcustomplot.h>

#include "widgets/class_palette.h"
#include "widgets/view_support.h"

namespace emergence::widgets {

namespace {
constexpr double kDeg = 180.0 / std::numbers::pi;

// Heading samples in degrees with NaN gaps inserted where the trace wraps around.
void setWrappedData(QCPGraph* g, const std::vector<float>& trace, int firstStep) {
  QVector<double> x, y;
  x.reserve(int(trace.size()) + 8);
  y.reserve(int(trace.size()) + 8);
  double prev = std::nan("");
  for (size_t i = 0; i < trace.size(); ++i) {
    const double d = wrapDeg360(trace[i] * kDeg);
    if (std::isfinite(prev) && std::abs(d - prev) > 180.0) {
      x.push_back(firstStep + double(i) - 0.5);
      y.push_back(std::nan(""));
    }
    x.push_back(firstStep + double(i));
    y.push_back(d);
    prev = d;
  }
  g->setData(x, y, true);
}
}  // namespace

HeadingTraceView::HeadingTraceView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  m_plot = new QCustomPlot(this);
  layout->addWidget(m_plot);

  m_headingRect = m_plot->axisRect();
  m_avRect = new QCPAxisRect(m_plot);
  m_plot->plotLayout()->addElement(1, 0, m_avRect);
  m_plot->plotLayout()->setRowStretchFactor(0, 2.2);
  m_plot->plotLayout()->setRowStretchFactor(1, 1.0);
  auto* group = new QCPMarginGroup(m_plot);
  m_headingRect->setMarginGroup(QCP::msLeft | QCP::msRight, group);
  m_avRect->setMarginGroup(QCP::msLeft | QCP::msRight, group);
  for (QCPAxis* a : m_avRect->axes()) a->setLayer(QStringLiteral("axes"));
  for (QCPGrid* g : {m_avRect->axis(QCPAxis::atBottom)->grid(), m_avRect->axis(QCPAxis::atLeft)->grid()})
    g->setLayer(QStringLiteral("grid"));

  m_true = m_plot->addGraph(m_headingRect->axis(QCPAxis::atBottom), m_headingRect->axis(QCPAxis::atLeft));
  m_decoded = m_plot->addGraph(m_headingRect->axis(QCPAxis::atBottom), m_headingRect->axis(QCPAxis::atLeft));
  m_omega = m_plot->addGraph(m_avRect->axis(QCPAxis::atBottom), m_avRect->axis(QCPAxis::atLeft));
  for (QCPGraph* g : {m_true, m_decoded, m_omega}) g->setLayer(liveLayer(m_plot));
  m_true->setName(tr("true"));
  m_decoded->setName(tr("decoded"));
  m_omega->setName(tr("ω"));

  QCPAxis* hy = m_headingRect->axis(QCPAxis::atLeft);
  hy->setLabel(tr("heading (°)"));
  hy->setRange(0, 360);
  auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
  ticker->setTickStep(90);
  ticker->setScaleStrategy(QCPAxisTickerFixed::ssNone);
  hy->setTicker(ticker);
  m_headingRect->axis(QCPAxis::atBottom)->setTickLabels(false);
  m_avRect->axis(QCPAxis::atLeft)->setLabel(tr("ω (°/step)"));
  m_avRect->axis(QCPAxis::atLeft)->ticker()->setTickCount(3);
  m_avRect->axis(QCPAxis::atBottom)->setLabel(tr("steps before now"));
  connect(m_headingRect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
          m_avRect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::setRange));

  m_plot->legend->setVisible(true);
  m_plot->legend->removeItem(m_plot->legend->itemCount() - 1);  // no ω entry
  m_headingRect->insetLayout()->addElement(m_plot->legend, Qt::AlignTop | Qt::AlignRight);
  m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  applyStyle();
}

void HeadingTraceView::applyStyle() {
  stylePlot(m_plot, m_scale);
  // Traces redrawn every frame use thin pens at normal scale: the raster engine strokes pens
  // of width ≤ 1 on its fast cosmetic path; wider antialiased polylines (and dashes, fills)
  // cost ~10 ms a frame for these 300-step traces. Presentation mode keeps thick lines.
  const double w = m_scale <= 1.0 ? 1.0 : 1.6 * m_scale;
  m_true->setPen(QPen(trueHeadingColor(), w));
  m_decoded->setPen(QPen(decodedHeadingColor(), w));
  m_omega->setPen(QPen(angularVelocityColor().darker(120), w));
}

void HeadingTraceView::setPresentationScale(double scale) {
  m_scale = std::clamp(scale, 0.5, 4.0);
  applyStyle();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HeadingTraceView::setSnapshot(std::shared_ptr<const engine::HdSnapshot> snapshot) {
  m_snapshot = std::move(snapshot);
  if (!m_snapshot) return;
  const auto& live = m_snapshot->live;
  if (live.step == m_lastStep && m_snapshot->sequence == m_lastSequence) return;
  m_lastStep = live.step;
  m_lastSequence = m_snapshot->sequence;
  // x: steps before the current live step (0 = now), so the axes stay put while the traces
  // scroll and a frame redraws only the live layer.
  const int len = int(live.trueTrace.size());
  const int first = 1 - len;
  setWrappedData(m_true, live.trueTrace, first);
  setWrappedData(m_decoded, live.decodedTrace, first);
  QVector<double> x, y;
  for (size_t i = 0; i < live.omegaTrace.size(); ++i) {
    x.push_back(first + double(i) + int(len - live.omegaTrace.size()));
    y.push_back(live.omegaTrace[i] * kDeg);
  }
  m_omega->setData(x, y, true);
  m_span = std::max(m_span, std::max(len, 10));
  bool axesChanged = setRangeIfChanged(m_headingRect->axis(QCPAxis::atBottom), 1 - m_span, 0);
  bool found = false;
  QCPRange r = m_omega->getValueRange(found);
  // ω range in whole °/step, grown at once and shrunk only below half: rarely redrawn.
  const double need = found ? std::max({std::abs(r.lower), std::abs(r.upper), 1.0}) : 5.0;
  if (need > m_omegaRange || need < 0.5 * m_omegaRange) m_omegaRange = std::ceil(need * 1.1);
  axesChanged |= setRangeIfChanged(m_avRect->axis(QCPAxis::atLeft), -m_omegaRange, m_omegaRange);
  replotLive(m_plot, axesChanged);
}

bool HeadingTraceView::exportData(const QString& csvPath) const {
  std::vector<QStringList> rows;
  if (m_snapshot) {
    const auto& live = m_snapshot->live;
    const size_t len = live.trueTrace.size();
    const int first = live.step - int(len) + 1;
    for (size_t i = 0; i < len; ++i) {
      const double dec = i < live.decodedTrace.size() ? live.decodedTrace[i] * kDeg : std::nan("");
      const double om = i < live.omegaTrace.size() ? live.omegaTrace[i] * kDeg : std::nan("");
      rows.push_back({QString::number(first + int(i)), csvNumber(live.trueTrace[i] * kDeg),
                      csvNumber(dec), csvNumber(om)});
    }
  }
  return writeCsv(csvPath, {"step", "true_deg", "decoded_deg", "omega_deg_per_step"}, rows);
}

}  // namespace emergence::widgets
