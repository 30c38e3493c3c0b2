#include "widgets/fixed_points_view.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <cmath>
#include <numbers>
#include <qcustomplot.h>

#include "widgets/class_palette.h"
#include "widgets/view_support.h"

namespace emergence::widgets {

namespace {
constexpr int kHueBins = 24;  // heading colour resolution (15° per bin)

double headingDeg(const engine::HdAttractorResult& r, int k) {
  return k >= 0 && k < r.settled.headingRad.size() ? r.settled.headingRad[k] * 180.0 / std::numbers::pi
                                                   : std::nan("");
}

QString number(double v, int precision = 3) {
  return std::isfinite(v) ? QString::number(v, 'g', precision) : QStringLiteral("–");
}

// Equal scales on both axes around (cx, cy) with half-width `extent` on the shorter side of the
// axis rect as it is now (called from afterLayout, so it is the rect about to be drawn).
void fitEqual(QCustomPlot* plot, double cx, double cy, double extent) {
  plot->xAxis->setRange(cx - extent, cx + extent);
  plot->yAxis->setRange(cy - extent, cy + extent);
  const QRect r = plot->axisRect()->rect();
  if (r.width() <= 10 || r.height() <= 10) return;
  if (r.width() > r.height()) plot->xAxis->setScaleRatio(plot->yAxis, 1.0);
  else plot->yAxis->setScaleRatio(plot->xAxis, 1.0);
}
}  // namespace

FixedPointsView::FixedPointsView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  auto* top = new QHBoxLayout;
  m_find = new QPushButton(tr("Find slow points"), this);
  m_find->setObjectName(QStringLiteral("findSlowPoints"));
  m_find->setToolTip(tr("Settle the current network from 64 headings (ω = 0, noise off), then "
                        "search the slow points of its autonomous dynamics (runs in the background)"));
  m_find->setEnabled(false);
  connect(m_find, &QPushButton::clicked, this, &FixedPointsView::findRequested);
  m_zoom = new QCheckBox(tr("Zoom on the eigenvalues"), this);
  m_zoom->setObjectName(QStringLiteral("zoomEigenvalues"));
  m_zoom->setChecked(true);
  m_zoom->setToolTip(tr("Off: the whole unit disc. On: the box around the eigenvalues and λ = 1 "
                        "(with α = dt/τ = 0.1 they all lie within 0.1·|μ| of 0.9)"));
  connect(m_zoom, &QCheckBox::toggled, this, [this] { rebuildEigen(); });
  m_status = new QLabel(tr("No search yet."), this);
  m_status->setObjectName(QStringLiteral("fixedPointsStatus"));
  m_status->setWordWrap(true);
  top->addWidget(m_find);
  top->addWidget(m_status, 1);
  top->addWidget(m_zoom);
  layout->addLayout(top);

  auto* plots = new QHBoxLayout;
  m_pca = new QCustomPlot(this);
  m_eigen = new QCustomPlot(this);
  m_pca->setObjectName(QStringLiteral("fixedPointsPca"));
  m_eigen->setObjectName(QStringLiteral("fixedPointsEigen"));
  plots->addWidget(m_pca, 1);
  plots->addWidget(m_eigen, 1);
  layout->addLayout(plots, 1);
  m_summary = new QLabel(this);
  m_summary->setObjectName(QStringLiteral("ringSummary"));
  m_summary->setWordWrap(true);
  m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(m_summary);

  // PC plot.
  m_pca->plotLayout()->insertRow(0);
  m_pcaTitle = new QCPTextElement(m_pca, tr("States at ω = 0, PC 1–2\ncolour = cued heading · ◆ slow point"));
  m_pca->plotLayout()->addElement(0, 0, m_pcaTitle);
  m_pca->xAxis->setLabel(tr("PC 1"));
  m_pca->yAxis->setLabel(tr("PC 2"));
  m_ringLine = new QCPCurve(m_pca->xAxis, m_pca->yAxis);
  for (int b = 0; b < kHueBins; ++b) {
    QCPGraph* g = m_pca->addGraph();
    g->setLineStyle(QCPGraph::lsNone);
    m_headingGraphs.push_back(g);
  }
  m_slow = m_pca->addGraph();
  m_slow->setLineStyle(QCPGraph::lsNone);
  m_slow->setName(tr("slow points"));
  m_selectedMark = m_pca->addGraph();
  m_selectedMark->setLineStyle(QCPGraph::lsNone);
  connect(m_pca, &QCustomPlot::mousePress, this, &FixedPointsView::onPcaClicked);

  // Eigenvalue plot.
  m_eigen->plotLayout()->insertRow(0);
  m_eigenTitle = new QCPTextElement(m_eigen, tr("Jacobian eigenvalues:\nclick a slow point\n"));
  m_eigen->plotLayout()->addElement(0, 0, m_eigenTitle);
  m_eigen->xAxis->setLabel(tr("Re λ"));
  m_eigen->yAxis->setLabel(tr("Im λ"));
  m_unitCircle = new QCPCurve(m_eigen->xAxis, m_eigen->yAxis);
  QVector<double> t, cx, cy;
  for (int k = 0; k <= 240; ++k) {
    const double a = 2 * std::numbers::pi * k / 240;
    t.push_back(k);
    cx.push_back(std::cos(a));
    cy.push_back(std::sin(a));
  }
  m_unitCircle->setData(t, cx, cy);
  m_eigenvalues = m_eigen->addGraph();
  m_eigenvalues->setLineStyle(QCPGraph::lsNone);
  m_lambda1 = m_eigen->addGraph();
  m_lambda1->setLineStyle(QCPGraph::lsNone);
  // Every replot lays the plots out first; the equal scales are set on the final axis rects.
  connect(m_pca, &QCustomPlot::afterLayout, this, [this] { fitEqual(m_pca, m_pcaCx, m_pcaCy, m_pcaExtent); });
  connect(m_eigen, &QCustomPlot::afterLayout, this, [this] { fitEqual(m_eigen, m_eigenCx, 0.0, m_eigenExtent); });
  applyStyle();
  refreshSummary();
  fitRanges();
}

void FixedPointsView::applyStyle() {
  const double s = m_scale;
  stylePlot(m_pca, s);
  stylePlot(m_eigen, s);
  QFont tf;
  tf.setPointSizeF(9.0 * s);
  tf.setBold(true);
  m_pcaTitle->setFont(tf);
  m_eigenTitle->setFont(tf);
  m_ringLine->setPen(QPen(QColor(0xB8, 0xB8, 0xB8), 1.0 * s));
  for (int b = 0; b < kHueBins; ++b) {
    const QColor c = directionColor((b + 0.5) * 360.0 / kHueBins);
    m_headingGraphs[size_t(b)]->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDisc, c, c, 7 * s));
  }
  m_slow->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(Qt::black, 1.3 * s),
                                          Qt::NoBrush, 11 * s));
  m_selectedMark->setScatterStyle(QCPScatterStyle(
      QCPScatterStyle::ssCircle, QPen(decodedHeadingColor(), 2.4 * s), Qt::NoBrush, 17 * s));
  m_unitCircle->setPen(QPen(QColor(0x90, 0x90, 0x90), 1.2 * s, Qt::DashLine));
  m_eigenvalues->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(0x00, 0x72, 0xB2),
                                                 QColor(0x00, 0x72, 0xB2), 5.5 * s));
  m_lambda1->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle,
                                             QPen(decodedHeadingColor(), 2.0 * s), Qt::NoBrush, 13 * s));
  QFont f = font();
  f.setPointSizeF(9 * s);
  m_status->setFont(f);
  m_summary->setFont(f);
  m_find->setFont(f);
}

void FixedPointsView::setPresentationScale(double scale) {
  m_scale = std::clamp(scale, 0.5, 4.0);
  applyStyle();
  m_pca->replot(QCustomPlot::rpQueuedReplot);
  m_eigen->replot(QCustomPlot::rpQueuedReplot);
}

void FixedPointsView::setSnapshot(std::shared_ptr<const engine::HdSnapshot> snapshot) {
  m_snapshot = std::move(snapshot);
  m_find->setEnabled(!m_running && m_snapshot && m_snapshot->weights);
  refreshSummary();
}

void FixedPointsView::setRunning(bool running) {
  m_running = running;
  m_find->setEnabled(!running && m_snapshot && m_snapshot->weights);
}

void FixedPointsView::setStatusText(const QString& text) { m_status->setText(text); }

void FixedPointsView::setResult(std::shared_ptr<const engine::HdAttractorResult> result) {
  m_result = std::move(result);
  m_selected = -1;
  rebuildPca();
  const int P = m_result ? int(m_result->slowPoints.size()) : 0;
  selectSlowPoint(P > 0 ? 0 : -1);
  refreshSummary();
}

void FixedPointsView::rebuildPca() {
  std::vector<QVector<double>> xs(kHueBins), ys(kHueBins);
  QVector<double> t, lx, ly, sx, sy;
  m_pcaCx = m_pcaCy = 0;
  m_pcaExtent = 1.0;
  if (m_result && m_result->ring.settled2d.cols() > 0) {
    const auto& r = *m_result;
    const Eigen::MatrixXd& p = r.ring.settled2d;  // 2 × K
    const int K = int(p.cols());
    std::vector<int> order(static_cast<size_t>(K));
    for (int k = 0; k < K; ++k) order[size_t(k)] = k;
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      return wrapDeg360(headingDeg(r, a)) < wrapDeg360(headingDeg(r, b));
    });
    for (int k : order) {
      const double h = wrapDeg360(headingDeg(r, k));
      const int b = std::clamp(int(h / 360.0 * kHueBins), 0, kHueBins - 1);
      xs[size_t(b)].push_back(p(0, k));
      ys[size_t(b)].push_back(p(1, k));
      t.push_back(t.size());
      lx.push_back(p(0, k));
      ly.push_back(p(1, k));
    }
    if (!order.empty()) {  // close the loop
      t.push_back(t.size());
      lx.push_back(p(0, order.front()));
      ly.push_back(p(1, order.front()));
    }
    double xMin = p.row(0).minCoeff(), xMax = p.row(0).maxCoeff();
    double yMin = p.row(1).minCoeff(), yMax = p.row(1).maxCoeff();
    const Eigen::MatrixXd& q = r.ring.slow2d;  // 2 × P
    for (Eigen::Index k = 0; k < q.cols(); ++k) {
      sx.push_back(q(0, k));
      sy.push_back(q(1, k));
      if (!std::isfinite(q(0, k)) || !std::isfinite(q(1, k))) continue;
      xMin = std::min(xMin, q(0, k));
      xMax = std::max(xMax, q(0, k));
      yMin = std::min(yMin, q(1, k));
      yMax = std::max(yMax, q(1, k));
    }
    m_pcaCx = 0.5 * (xMin + xMax);
    m_pcaCy = 0.5 * (yMin + yMax);
    m_pcaExtent = std::max({0.5 * (xMax - xMin), 0.5 * (yMax - yMin), 1e-6}) * 1.15;
  }
  for (int b = 0; b < kHueBins; ++b) m_headingGraphs[size_t(b)]->setData(xs[size_t(b)], ys[size_t(b)]);
  m_ringLine->setData(t, lx, ly);
  m_slow->setData(sx, sy);
  fitRanges();
  m_pca->replot(QCustomPlot::rpQueuedReplot);
}

void FixedPointsView::selectSlowPoint(int index) {
  const int P = m_result ? int(m_result->slowPoints.size()) : 0;
  if (index < -1 || index >= P) index = -1;
  m_selected = index;
  QVector<double> mx, my;
  if (index >= 0 && index < m_result->ring.slow2d.cols()) {
    mx.push_back(m_result->ring.slow2d(0, index));
    my.push_back(m_result->ring.slow2d(1, index));
  }
  m_selectedMark->setData(mx, my);
  m_pca->replot(QCustomPlot::rpQueuedReplot);
  rebuildEigen();
  if (index >= 0) emit slowPointSelected(index);
}

void FixedPointsView::rebuildEigen() {
  QVector<double> re, im, re1, im1;
  m_eigenExtent = 1.15;
  m_eigenCx = 0.0;
  if (m_selected >= 0) {
    const engine::SlowPoint& p = m_result->slowPoints[size_t(m_selected)];
    const Eigen::VectorXcd& ev = p.jacobianEigenvalues;
    int best = -1;
    // Zoomed: the box around the eigenvalues and λ = 1 (the unit circle shows as an arc there).
    double xMin = 1.0, xMax = 1.0, yMax = 0.0;
    for (Eigen::Index i = 0; i < ev.size(); ++i) {
      re.push_back(ev[i].real());
      im.push_back(ev[i].imag());
      if (std::isfinite(std::abs(ev[i]))) {
        m_eigenExtent = std::max(m_eigenExtent, std::abs(ev[i]) * 1.1);
        xMin = std::min(xMin, ev[i].real());
        xMax = std::max(xMax, ev[i].real());
        yMax = std::max(yMax, std::abs(ev[i].imag()));
        if (best < 0 || std::abs(ev[i]) > std::abs(ev[best])) best = int(i);
      }
    }
    if (m_zoom->isChecked()) {
      m_eigenCx = 0.5 * (xMin + xMax);
      m_eigenExtent = std::max(0.5 * (xMax - xMin), yMax) * 1.25 + 0.005;
    }
    if (best >= 0) {
      re1.push_back(ev[best].real());
      im1.push_back(ev[best].imag());
    }
    const int start = m_selected < int(m_result->slowStart.size()) ? m_result->slowStart[size_t(m_selected)] : -1;
    m_eigenTitle->setText(tr("Jacobian at slow point %1 (θ0 = %2°)\n|λ1| = %3  ·  |λ2| = %4\nq = ½‖F(x) − x‖² = %5")
                              .arg(m_selected)
                              .arg(wrapDeg360(headingDeg(*m_result, start)), 0, 'f', 0)
                              .arg(engine::largestAbsEigenvalue(ev), 0, 'f', 4)
                              .arg(engine::secondAbsEigenvalue(ev), 0, 'f', 4)
                              .arg(number(p.q, 2)));
  } else {
    m_eigenTitle->setText(m_result && !m_result->slowPoints.empty()
                              ? tr("Jacobian eigenvalues:\nclick a slow point\n")
                              : tr("Jacobian eigenvalues\n(no slow points yet)\n"));
  }
  m_eigenvalues->setData(re, im);
  m_lambda1->setData(re1, im1);
  fitRanges();
  m_eigen->replot(QCustomPlot::rpQueuedReplot);
}

void FixedPointsView::refreshSummary() {
  if (!m_result) {
    m_summary->setText(m_snapshot && m_snapshot->weights
                           ? tr("Press “Find slow points” to analyse the network of update %1.")
                                 .arg(m_snapshot->weights->atUpdate)
                           : tr("Waiting for the first weights of the run."));
    return;
  }
  const auto& r = *m_result;
  const auto& g = r.ring;
  QString text = tr("Ring: %1 — winding %2, radius CV %3, largest gap %4°, PC 1+2 explain %5 %.")
                     .arg(g.isRing ? tr("yes") : tr("no"))
                     .arg(g.winding)
                     .arg(g.radiusCv, 0, 'f', 3)
                     .arg(g.largestGapDeg, 0, 'f', 1)
                     .arg(100.0 * g.top2Explained, 0, 'f', 1);
  const int P = int(r.slowPoints.size());
  text += QLatin1Char(' ') +
          tr("Slow points: %1 of %2 converged; %3 with |λ1| within %6 of 1 and the rest < 1; "
             "median q %4; median |λ1| %5.")
              .arg(r.converged)
              .arg(P)
              .arg(r.oneNearUnity)
              .arg(number(r.medianQ, 2))
              .arg(std::isfinite(r.medianAbsLambda1) ? QString::number(r.medianAbsLambda1, 'f', 4)
                                                     : QStringLiteral("–"))
              .arg(r.nearOne);
  if (!r.complete) text += QLatin1Char(' ') + tr("(search stopped early)");
  const long long now = m_snapshot ? m_snapshot->update : r.atUpdate;
  if (r.atUpdate >= 0)
    text += QLatin1Char(' ') + (now > r.atUpdate ? tr("Network of update %1 (now %2).").arg(r.atUpdate).arg(now)
                                                 : tr("Network of update %1.").arg(r.atUpdate));
  m_summary->setText(text);
}

void FixedPointsView::fitRanges() {
  fitEqual(m_pca, m_pcaCx, m_pcaCy, m_pcaExtent);
  fitEqual(m_eigen, m_eigenCx, 0.0, m_eigenExtent);
}

void FixedPointsView::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  m_pca->replot(QCustomPlot::rpQueuedReplot);  // afterLayout refits the equal scales
  m_eigen->replot(QCustomPlot::rpQueuedReplot);
}

QPointF FixedPointsView::plotToWidget(QCustomPlot* plot, double x, double y) const {
  const QPointF p(plot->xAxis->coordToPixel(x), plot->yAxis->coordToPixel(y));
  return QPointF(plot->mapTo(this, QPoint(0, 0))) + p;
}

QPointF FixedPointsView::settledPosition(int k) const {
  if (!m_result || k < 0 || k >= m_result->ring.settled2d.cols()) return {-1, -1};
  return plotToWidget(m_pca, m_result->ring.settled2d(0, k), m_result->ring.settled2d(1, k));
}

QPointF FixedPointsView::slowPointPosition(int k) const {
  if (!m_result || k < 0 || k >= m_result->ring.slow2d.cols()) return {-1, -1};
  return plotToWidget(m_pca, m_result->ring.slow2d(0, k), m_result->ring.slow2d(1, k));
}

void FixedPointsView::onPcaClicked(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton || !m_result) return;
  const QPointF pos = event->position();
  const Eigen::MatrixXd& q = m_result->ring.slow2d;
  int best = -1;
  double bestD = 10.0 * m_scale + 3.0;
  for (Eigen::Index k = 0; k < q.cols(); ++k) {
    const double d = std::hypot(m_pca->xAxis->coordToPixel(q(0, k)) - pos.x(),
                                m_pca->yAxis->coordToPixel(q(1, k)) - pos.y());
    if (d < bestD) {
      bestD = d;
      best = int(k);
    }
  }
  if (best >= 0) selectSlowPoint(best);
}

QString FixedPointsView::eigenTitle() const { return m_eigenTitle->text(); }
QString FixedPointsView::ringSummary() const { return m_summary->text(); }
int FixedPointsView::eigenvaluesShown() const { return m_eigenvalues->dataCount(); }

bool FixedPointsView::exportData(const QString& csvPath) const {
  std::vector<QStringList> rows;
  const QString none;
  if (m_result) {
    const auto& r = *m_result;
    const Eigen::MatrixXd& p = r.ring.settled2d;
    for (Eigen::Index k = 0; k < p.cols(); ++k)
      rows.push_back({QStringLiteral("settled"), QString::number(k), csvNumber(headingDeg(r, int(k))),
                      csvNumber(p(0, k)), csvNumber(p(1, k)),
                      k < r.settled.q.size() ? csvNumber(r.settled.q[k]) : none, none, none, none, none});
    const Eigen::MatrixXd& q = r.ring.slow2d;
    for (size_t k = 0; k < r.slowPoints.size(); ++k) {
      const engine::SlowPoint& sp = r.slowPoints[k];
      const int start = k < r.slowStart.size() ? r.slowStart[k] : -1;
      const bool projected = Eigen::Index(k) < q.cols();
      rows.push_back({QStringLiteral("slow"), QString::number(k), csvNumber(headingDeg(r, start)),
                      projected ? csvNumber(q(0, Eigen::Index(k))) : none,
                      projected ? csvNumber(q(1, Eigen::Index(k))) : none, csvNumber(sp.q), none, none,
                      none, csvNumber(engine::largestAbsEigenvalue(sp.jacobianEigenvalues))});
      for (Eigen::Index i = 0; i < sp.jacobianEigenvalues.size(); ++i) {
        const auto ev = sp.jacobianEigenvalues[i];
        rows.push_back({QStringLiteral("eigenvalue"), QString::number(k), none, none, none, none,
                        QString::number(i), csvNumber(ev.real()), csvNumber(ev.imag()),
                        csvNumber(std::abs(ev))});
      }
    }
  }
  return writeCsv(csvPath,
                  {"kind", "index", "heading_deg", "pc1", "pc2", "q", "lambda_index", "lambda_re",
                   "lambda_im", "abs_lambda"},
                  rows);
}

}  // namespace emergence::widgets
