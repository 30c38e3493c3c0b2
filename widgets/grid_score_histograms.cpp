#include "widgets/grid_score_histograms.h"

#include <qcustomplot.h>

#include <QCoreApplication>
#include <QVBoxLayout>
#include <cmath>

#include "widgets/view_support.h"

namespace emergence::widgets {

namespace {
const char* kNames[3] = {QT_TRANSLATE_NOOP("GridScoreHistogramsView", "grid score (60°)"),
                         QT_TRANSLATE_NOOP("GridScoreHistogramsView", "grid score (90°)"),
                         QT_TRANSLATE_NOOP("GridScoreHistogramsView", "border score")};
}  // namespace

double GridScoreHistogramsView::binStart(int k) { return k == 2 ? -1.0 : -1.5; }
int GridScoreHistogramsView::binCount(int k) { return k == 2 ? 20 : 35; }

GridScoreHistogramsView::GridScoreHistogramsView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  m_plot = new QCustomPlot(this);
  layout->addWidget(m_plot);
  auto* grid = m_plot->plotLayout();
  // Keep the default legend alive (stylePlot touches it) but out of the layout and hidden.
  m_plot->legend->setVisible(false);
  m_plot->axisRect()->insetLayout()->take(m_plot->legend);
  m_plot->legend->setParent(m_plot);
  grid->clear();
  m_title = new QCPTextElement(m_plot, tr("Scores"));
  grid->addElement(0, 0, m_title);
  auto* sub = new QCPLayoutGrid;
  grid->addElement(1, 0, sub);
  grid->setRowStretchFactor(0, 0.01);
  for (int k = 0; k < 4; ++k) {
    m_rects[k] = new QCPAxisRect(m_plot);
    sub->addElement(k / 2, k % 2, m_rects[k]);
    for (QCPAxis* a : m_rects[k]->axes()) {
      a->setLayer(QStringLiteral("axes"));
      a->grid()->setLayer(QStringLiteral("grid"));
    }
  }
  for (int k = 0; k < 3; ++k) {
    m_bars[k] = new QCPBars(m_rects[k]->axis(QCPAxis::atBottom), m_rects[k]->axis(QCPAxis::atLeft));
    m_bars[k]->setWidth(binWidth() * 0.9);
    m_rects[k]->axis(QCPAxis::atBottom)->setLabel(
        QCoreApplication::translate("GridScoreHistogramsView", kNames[k]));
    m_rects[k]->axis(QCPAxis::atLeft)->setLabel(tr("units"));
    m_rects[k]
        ->axis(QCPAxis::atBottom)
        ->setRange(binStart(k), binStart(k) + binCount(k) * binWidth());
  }
  for (int k = 0; k < 2; ++k) {
    m_threshold[k] = new QCPItemStraightLine(m_plot);
    m_threshold[k]->setClipAxisRect(m_rects[k == 0 ? 0 : 2]);
    for (auto* pos : {m_threshold[k]->point1, m_threshold[k]->point2})
      pos->setAxes(m_rects[k == 0 ? 0 : 2]->axis(QCPAxis::atBottom),
                   m_rects[k == 0 ? 0 : 2]->axis(QCPAxis::atLeft));
  }
  const engine::SpatialClass devClasses[3] = {
      engine::SpatialClass::Grid, engine::SpatialClass::Border, engine::SpatialClass::Band};
  for (int k = 0; k < 3; ++k) {
    m_dev[k] =
        m_plot->addGraph(m_rects[3]->axis(QCPAxis::atBottom), m_rects[3]->axis(QCPAxis::atLeft));
    m_dev[k]->setName(spatialClassDisplayName(devClasses[k]));
  }
  // Counts: integer ticks.
  for (int k = 0; k < 4; ++k) {
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_rects[k]->axis(QCPAxis::atLeft)->setTicker(ticker);
  }
  m_rects[3]->axis(QCPAxis::atBottom)->setLabel(tr("update"));
  m_rects[3]->axis(QCPAxis::atLeft)->setLabel(tr("units per class"));
  auto* legend = new QCPLegend;
  m_rects[3]->insetLayout()->addElement(legend, Qt::AlignTop | Qt::AlignLeft);
  legend->setLayer(QStringLiteral("legend"));
  for (auto* g : m_dev) g->addToLegend(legend);
  applyStyle();
}

void GridScoreHistogramsView::applyStyle() {
  stylePlot(m_plot, m_scale);
  QFont tf;
  tf.setPointSizeF(9.5 * m_scale);
  tf.setBold(true);
  m_title->setFont(tf);
  const QColor colours[3] = {spatialClassColor(engine::SpatialClass::Grid),
                             QColor(0x60, 0x60, 0x60),
                             spatialClassColor(engine::SpatialClass::Border)};
  for (int k = 0; k < 3; ++k) {
    QColor fill = colours[k];
    fill.setAlpha(170);
    m_bars[k]->setBrush(fill);
    m_bars[k]->setPen(QPen(colours[k].darker(120), 1.0));
  }
  for (auto* t : m_threshold)
    t->setPen(QPen(QColor(0x20, 0x20, 0x20), 1.5 * m_scale, Qt::DashLine));
  const engine::SpatialClass devClasses[3] = {
      engine::SpatialClass::Grid, engine::SpatialClass::Border, engine::SpatialClass::Band};
  for (int k = 0; k < 3; ++k) {
    m_dev[k]->setPen(QPen(spatialClassColor(devClasses[k]), 2.0 * m_scale));
    m_dev[k]->setScatterStyle(QCPScatterStyle(
        QCPScatterStyle::ssCircle, spatialClassColor(devClasses[k]), Qt::white, 5 * m_scale));
  }
  for (QCPLayoutElement* e : m_rects[3]->insetLayout()->elements(false))
    if (auto* l = qobject_cast<QCPLegend*>(e)) {
      QFont f;
      f.setPointSizeF(8 * m_scale);
      l->setFont(f);
      l->setBrush(QColor(255, 255, 255, 220));
      l->setBorderPen(QPen(QColor(0xC8, 0xC8, 0xC8)));
    }
}

void GridScoreHistogramsView::setPresentationScale(double scale) {
  m_scale = std::clamp(scale, 0.5, 4.0);
  applyStyle();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

std::vector<int> GridScoreHistogramsView::histogram(int k) const { return m_counts[k]; }

int GridScoreHistogramsView::developmentPoints() const { return m_dev[0]->dataCount(); }

QString GridScoreHistogramsView::titleText() const { return m_title->text(); }

void GridScoreHistogramsView::setSnapshot(std::shared_ptr<const engine::GridSnapshot> snapshot) {
  m_snapshot = std::move(snapshot);
  if (!m_snapshot) return;
  const GridMapSource source =
      m_snapshot->evaluation ? GridMapSource::Evaluation : GridMapSource::Live;
  const std::uint64_t key = gridSourceVersion(*m_snapshot, source) * 2 +
                            (source == GridMapSource::Live) +
                            (m_snapshot->development ? m_snapshot->development->size() << 50 : 0);
  if (key == m_key) return;
  m_key = key;
  const GridUnitScores s = gridUnitScores(*m_snapshot, source);
  const std::vector<double>* values[3] = {&s.score60, &s.score90, &s.border};
  for (int k = 0; k < 3; ++k) {
    m_counts[k].assign(size_t(binCount(k)), 0);
    for (double v : *values[k]) {
      if (!std::isfinite(v)) continue;
      const int b = std::clamp(int(std::floor((v - binStart(k)) / binWidth())), 0, binCount(k) - 1);
      ++m_counts[k][size_t(b)];
    }
    QVector<double> x, y;
    int top = 1;
    for (int b = 0; b < binCount(k); ++b) {
      x.push_back(binStart(k) + (b + 0.5) * binWidth());
      y.push_back(m_counts[k][size_t(b)]);
      top = std::max(top, m_counts[k][size_t(b)]);
    }
    m_bars[k]->setData(x, y, true);
    m_rects[k]->axis(QCPAxis::atLeft)->setRange(0, top * 1.15);
  }
  const auto& th = m_snapshot->evaluation ? m_snapshot->evaluation->thresholds
                                          : engine::SpatialClassThresholds{};
  m_threshold[0]->point1->setCoords(th.grid, 0);
  m_threshold[0]->point2->setCoords(th.grid, 1);
  m_threshold[1]->point1->setCoords(th.border, 0);
  m_threshold[1]->point2->setCoords(th.border, 1);
  int above = 0, borders = 0;
  double best = NAN;
  for (double v : s.score60)
    if (std::isfinite(v)) {
      above += v > th.grid;
      best = std::isfinite(best) ? std::max(best, v) : v;
    }
  for (double v : s.border) borders += std::isfinite(v) && v > th.border;
  if (s.valid())
    m_title->setText(
        tr("%1 at update %2\n%3 of %4 units score60 > %5 (max %6) · %7 border > %8")
            .arg(source == GridMapSource::Live ? tr("Live maps") : tr("Evaluation"))
            .arg(s.atUpdate)
            .arg(above)
            .arg(s.units)
            .arg(th.grid)
            .arg(std::isfinite(best) ? QString::number(best, 'f', 2) : QStringLiteral("–"))
            .arg(borders)
            .arg(th.border));
  else
    m_title->setText(tr("Scores: waiting for rate maps…"));
  // Development curve.
  QVector<double> u, c[3];
  double last = 10, top = 1;
  if (m_snapshot->development)
    for (const auto& p : *m_snapshot->development) {
      u.push_back(double(p.update));
      c[0].push_back(p.counts.grid);
      c[1].push_back(p.counts.border);
      c[2].push_back(p.counts.band);
      last = std::max(last, double(p.update));
      top = std::max({top, double(p.counts.grid), double(p.counts.border), double(p.counts.band)});
    }
  for (int k = 0; k < 3; ++k) m_dev[k]->setData(u, c[k], true);
  m_rects[3]->axis(QCPAxis::atBottom)->setRange(0, last * 1.05);
  m_rects[3]->axis(QCPAxis::atLeft)->setRange(0, top * 1.15);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool GridScoreHistogramsView::exportData(const QString& csvPath) const {
  std::vector<QStringList> rows;
  const char* keys[3] = {"score60", "score90", "border"};
  for (int k = 0; k < 3; ++k)
    for (int b = 0; b < int(m_counts[k].size()); ++b)
      rows.push_back({QString::fromLatin1(keys[k]), csvNumber(binStart(k) + (b + 0.5) * binWidth()),
                      QString::number(m_counts[k][size_t(b)]), QString(), QString()});
  if (m_snapshot && m_snapshot->development)
    for (const auto& p : *m_snapshot->development)
      rows.push_back({QStringLiteral("development"), QString::number(p.update),
                      QString::number(p.counts.grid), QString::number(p.counts.border),
                      QString::number(p.counts.band)});
  return writeCsv(csvPath, {"what", "x", "count_or_grid", "border", "band"}, rows);
}

}  // namespace emergence::widgets
