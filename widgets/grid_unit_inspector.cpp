#include "widgets/grid_unit_inspector.h"

#include <QEvent>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <numbers>

#include "widgets/class_palette.h"
#include "widgets/view_support.h"

namespace emergence::widgets {

namespace {
constexpr double kPi = std::numbers::pi;

QString fmt(double v, int decimals = 2) {
  return std::isfinite(v) ? QString::number(v, 'f', decimals) : QStringLiteral("–");
}

// SAC values in [−1, 1] → image (row 0 at the bottom), diverging map.
QImage sacImage(const Eigen::MatrixXd& sac) {
  const int rows = int(sac.rows()), cols = int(sac.cols());
  QImage img(std::max(1, cols), std::max(1, rows), QImage::Format_RGB32);
  for (int i = 0; i < rows; ++i) {
    auto* line = reinterpret_cast<QRgb*>(img.scanLine(rows - 1 - i));
    for (int j = 0; j < cols; ++j) line[j] = divergingRgb(sac(i, j), 1.0);
  }
  return img;
}

void panelTitle(QPainter& p, const QRectF& r, const QString& text) {
  p.setPen(QColor(0x20, 0x20, 0x20));
  p.drawText(QRectF(r.left(), r.top(), r.width(), p.fontMetrics().height()),
             Qt::AlignLeft | Qt::AlignVCenter, text);
}
}  // namespace

QColor GridUnitInspector::annulusColor() { return QColor(0x11, 0x11, 0x11); }

GridUnitInspector::GridUnitInspector(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 4, 6, 4);
  layout->setSpacing(4);
  m_title = new QLabel(this);
  m_title->setObjectName(QStringLiteral("title"));
  QFont tf = m_title->font();
  tf.setBold(true);
  m_title->setFont(tf);
  layout->addWidget(m_title);
  m_scores = new QLabel(this);
  m_scores->setObjectName(QStringLiteral("scores"));
  m_scores->setTextFormat(Qt::RichText);
  m_scores->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_scores->setWordWrap(true);
  layout->addWidget(m_scores);
  m_canvas = new QWidget(this);
  m_canvas->setMinimumSize(240, 240);
  m_canvas->installEventFilter(this);
  m_canvas->setAttribute(Qt::WA_OpaquePaintEvent);
  layout->addWidget(m_canvas, 1);
  m_title->setText(tr("Click a unit (mosaic, weights) to inspect it"));
}

void GridUnitInspector::setPresentationScale(double scale) {
  m_scale = std::clamp(scale, 0.5, 4.0);
  QFont f = font();
  f.setPointSizeF(9 * m_scale);
  m_scores->setFont(f);
  f.setBold(true);
  f.setPointSizeF(10 * m_scale);
  m_title->setFont(f);
  m_canvas->update();
}

void GridUnitInspector::setSnapshot(std::shared_ptr<const engine::GridSnapshot> snapshot) {
  m_snapshot = std::move(snapshot);
  rebuild();
}

void GridUnitInspector::setUnit(int unit) {
  m_unit = unit;
  m_key = ~0ull;
  rebuild();
}

const engine::GridEvaluationProduct* GridUnitInspector::evaluation() const {
  if (!m_snapshot || !m_snapshot->evaluation) return nullptr;
  const auto* e = m_snapshot->evaluation.get();
  return int(e->evaluation.rateMaps.size()) > m_unit && m_unit >= 0 ? e : nullptr;
}

void GridUnitInspector::rebuild() {
  if (!m_snapshot || m_unit < 0 || m_unit >= m_snapshot->numUnits) {
    m_map = m_sac = QImage();
    m_scores->clear();
    m_title->setText(titleText());
    m_canvas->update();
    return;
  }
  const std::uint64_t key = gridSourceVersion(*m_snapshot, GridMapSource::Live) * 4096 + m_unit;
  if (key == m_key) return;
  m_key = key;
  m_title->setText(titleText());
  m_scores->setText(scoresText());
  if (const auto* e = evaluation()) {
    const auto& ev = e->evaluation;
    m_map = rateMapImage(ev.rateMaps[size_t(m_unit)]);
    const auto& g = ev.scores.grid[size_t(m_unit)];
    m_sac = g.sac.size() > 0 ? sacImage(g.sac) : QImage();
  } else {
    const GridUnitScores live = gridUnitScores(*m_snapshot, GridMapSource::Live);
    m_map = live.units > m_unit ? rateMapImage(*live.maps[size_t(m_unit)]) : QImage();
    m_sac = QImage();
  }
  m_canvas->update();
}

QString GridUnitInspector::titleText() const {
  if (!m_snapshot || m_unit < 0 || m_unit >= m_snapshot->numUnits)
    return tr("Click a unit (mosaic, weights) to inspect it");
  QString cls;
  if (const auto* e = evaluation())
    cls = QStringLiteral(" — %1").arg(
        spatialClassDisplayName(e->evaluation.classes.classes[size_t(m_unit)]));
  return tr("Unit %1%2").arg(m_unit).arg(cls);
}

QString GridUnitInspector::scoresText() const {
  const auto* e = evaluation();
  if (!e) {
    const GridUnitScores live =
        m_snapshot ? gridUnitScores(*m_snapshot, GridMapSource::Live) : GridUnitScores();
    if (live.units <= m_unit) return tr("Waiting for the first evaluation…");
    const size_t u = size_t(m_unit);
    return tr("Live maps: score60 %1 · score90 %2 · border %3 · band %4<br><i>Evaluation "
              "pending…</i>")
        .arg(fmt(live.score60[u]), fmt(live.score90[u]), fmt(live.border[u]), fmt(live.band[u]));
  }
  const auto& ev = e->evaluation;
  const size_t u = size_t(m_unit);
  const auto& g = ev.scores.grid[u];
  const double spacingCm = 100.0 * g.spacingBins * ev.binning.binWidth();
  const double R =
      ev.direction.meanVectorLength.size() > m_unit ? ev.direction.meanVectorLength[m_unit] : NAN;
  const double pref =
      ev.direction.preferredDeg.size() > m_unit ? ev.direction.preferredDeg[m_unit] : NAN;
  const double speedScore = ev.speed.speedScore.size() > m_unit ? ev.speed.speedScore[m_unit] : NAN;
  return tr("<table cellspacing='2'>"
            "<tr><td>score60</td><td><b>%1</b> (min/max) · %2 (mean form)</td></tr>"
            "<tr><td>score90</td><td>%3</td></tr>"
            "<tr><td>spacing</td><td>%4 cm · orientation %5°</td></tr>"
            "<tr><td>border</td><td>%6 · band %7</td></tr>"
            "<tr><td>HD tuning</td><td>R = %8 at %9° · speed score %10</td></tr>"
            "<tr><td colspan='2'><small>evaluation at update %11, %12 bins, thresholds "
            "grid &gt; %13, border &gt; %14</small></td></tr></table>")
      .arg(fmt(g.score60MinMax), fmt(g.score60Mean), fmt(g.score90), fmt(spacingCm, 0),
           fmt(g.orientationDeg, 0), fmt(ev.scores.units[u].border), fmt(ev.scores.units[u].band),
           fmt(R), fmt(pref, 0))
      .arg(fmt(speedScore))
      .arg(e->atUpdate)
      .arg(ev.binning.bins)
      .arg(e->thresholds.grid)
      .arg(e->thresholds.border);
}

QPointF GridUnitInspector::sacCentre() const {
  return m_sacCentre + QPointF(m_canvas->geometry().topLeft());
}

bool GridUnitInspector::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_canvas && event->type() == QEvent::Paint) {
    paintCanvas();
    return true;
  }
  return QWidget::eventFilter(watched, event);
}

void GridUnitInspector::paintCanvas() {
  QPainter p(m_canvas);
  p.fillRect(m_canvas->rect(), Qt::white);
  QFont f = font();
  f.setPointSizeF(8.5 * m_scale);
  p.setFont(f);
  const QFontMetricsF fm(f);
  m_sacShown = false;
  if (m_map.isNull()) {
    p.setPen(QColor(0x80, 0x80, 0x80));
    p.drawText(m_canvas->rect(), Qt::AlignCenter, tr("No unit selected"));
    return;
  }
  const double W = m_canvas->width(), H = m_canvas->height(), gap = 10 * m_scale;
  const double cellW = (W - gap) / 2, cellH = (H - gap) / 2;
  const double th = fm.height() + 2;
  auto square = [&](double x, double y) {
    const double side = std::max(10.0, std::min(cellW, cellH - th));
    return QRectF(x + (cellW - side) / 2, y + th, side, side);
  };
  const auto* e = evaluation();
  // 1. Rate map.
  const QRectF mapRect = square(0, 0);
  panelTitle(p, QRectF(0, 0, cellW, th), tr("Rate map"));
  p.setRenderHint(QPainter::SmoothPixmapTransform, false);
  p.drawImage(mapRect, m_map);
  p.setRenderHint(QPainter::Antialiasing);
  if (e) {
    // Walls over the map: the map covers binning's box.
    const auto& b = e->evaluation.binning;
    engine::Box2 box{b.xMin, b.xMax, b.yMin, b.yMax};
    drawArenaWalls(p, e->walls, ArenaTransform(box, mapRect), QColor(0x30, 0x30, 0x30),
                   1.5 * m_scale);
  }
  // 2. SAC and the best annulus.
  const QRectF sacRect = square(cellW + gap, 0);
  panelTitle(p, QRectF(cellW + gap, 0, cellW, th), tr("Autocorrelogram (SAC)"));
  if (!m_sac.isNull() && e) {
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    p.drawImage(sacRect, m_sac);
    p.setRenderHint(QPainter::Antialiasing);
    const auto& g = e->evaluation.scores.grid[size_t(m_unit)];
    const double pxPerLag = sacRect.width() / m_sac.width();
    m_sacCentre = sacRect.center();
    m_sacShown = true;
    m_annulusInnerPx = g.best60.inner * pxPerLag;
    m_annulusOuterPx = g.best60.outer * pxPerLag;
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(annulusColor(), 2.0 * m_scale));
    if (m_annulusOuterPx > 0) {
      p.drawEllipse(m_sacCentre, m_annulusInnerPx, m_annulusInnerPx);
      p.drawEllipse(m_sacCentre, m_annulusOuterPx, m_annulusOuterPx);
    }
    p.setPen(QPen(QColor(0x00, 0x00, 0x00), 1.5 * m_scale));
    p.setBrush(QColor(0xFF, 0xFF, 0xFF));
    for (const auto& pk : g.peaks)
      p.drawEllipse(m_sacCentre + QPointF(pk.x() * pxPerLag, -pk.y() * pxPerLag), 3 * m_scale,
                    3 * m_scale);
  } else {
    p.setPen(QColor(0x90, 0x90, 0x90));
    p.drawText(sacRect, Qt::AlignCenter | Qt::TextWordWrap, tr("SAC after the first evaluation"));
  }
  // 3. Head-direction tuning, polar.
  const double y2 = cellH + gap;
  panelTitle(p, QRectF(0, y2, cellW, th), tr("Head direction"));
  const QRectF polarRect =
      square(0, y2).adjusted(6 * m_scale, 6 * m_scale, -6 * m_scale, -6 * m_scale);
  const QPointF c = polarRect.center();
  const double rMax = polarRect.width() / 2;
  p.setPen(QPen(QColor(0xD0, 0xD0, 0xD0), 1.0));
  p.setBrush(Qt::NoBrush);
  for (double k : {0.5, 1.0}) p.drawEllipse(c, rMax * k, rMax * k);
  p.drawLine(c - QPointF(rMax, 0), c + QPointF(rMax, 0));
  p.drawLine(c - QPointF(0, rMax), c + QPointF(0, rMax));
  if (e && e->evaluation.direction.curve.rows() > m_unit) {
    const auto& d = e->evaluation.direction;
    const Eigen::RowVectorXd row = d.curve.row(m_unit);
    double lo = 1e300, hi = -1e300;
    for (double v : row)
      if (std::isfinite(v)) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    if (hi > lo || hi > 0) {
      const double base = std::min(0.0, lo), span = std::max(1e-12, hi - base);
      QPainterPath path;
      for (int k = 0; k <= int(row.size()); ++k) {
        const int kk = k % int(row.size());
        const double v = std::isfinite(row[kk]) ? row[kk] : base;
        const double a = d.centresDeg[kk] * kPi / 180.0, r = rMax * (v - base) / span;
        const QPointF q = c + QPointF(r * std::cos(a), -r * std::sin(a));
        if (k == 0)
          path.moveTo(q);
        else
          path.lineTo(q);
      }
      p.setPen(QPen(QColor(0x00, 0x72, 0xB2), 2.0 * m_scale));
      p.setBrush(QColor(0x00, 0x72, 0xB2, 40));
      p.drawPath(path);
      const double R = d.meanVectorLength[m_unit], pref = d.preferredDeg[m_unit];
      if (std::isfinite(R) && std::isfinite(pref)) {
        const double a = pref * kPi / 180.0;
        p.setPen(QPen(QColor(0xD5, 0x5E, 0x00), 2.5 * m_scale));
        p.drawLine(c, c + QPointF(rMax * R * std::cos(a), -rMax * R * std::sin(a)));
      }
    }
    p.setPen(QColor(0x50, 0x50, 0x50));
    p.drawText(QPointF(polarRect.right() - fm.horizontalAdvance(QStringLiteral("0°")), c.y() - 3),
               QStringLiteral("0°"));
    p.drawText(QPointF(c.x() + 3, polarRect.top() + fm.ascent()), QStringLiteral("90°"));
  }
  // 4. Speed tuning.
  const double x2 = cellW + gap;
  panelTitle(p, QRectF(x2, y2, cellW, th), tr("Speed"));
  const QRectF plot(x2 + 34 * m_scale, y2 + th + 4, cellW - 40 * m_scale,
                    cellH - th - 28 * m_scale);
  p.setPen(QPen(QColor(0x60, 0x60, 0x60), 1.0));
  p.setBrush(Qt::NoBrush);
  p.drawLine(plot.bottomLeft(), plot.bottomRight());
  p.drawLine(plot.bottomLeft(), plot.topLeft());
  if (e && e->evaluation.speed.curve.rows() > m_unit) {
    const auto& sp = e->evaluation.speed;
    const Eigen::RowVectorXd row = sp.curve.row(m_unit);
    double lo = 1e300, hi = -1e300;
    for (double v : row)
      if (std::isfinite(v)) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    if (lo <= hi) {
      if (hi - lo < 1e-9) hi = lo + 1e-9;
      const double x0 = sp.minSpeed, x1 = std::max(sp.maxSpeed, x0 + 1e-12);
      QPainterPath path;
      bool started = false;
      for (Eigen::Index k = 0; k < row.size(); ++k) {
        if (!std::isfinite(row[k])) continue;
        const QPointF q(plot.left() + plot.width() * (sp.centres[k] - x0) / (x1 - x0),
                        plot.bottom() - plot.height() * (row[k] - lo) / (hi - lo));
        if (!started)
          path.moveTo(q);
        else
          path.lineTo(q);
        started = true;
      }
      p.setPen(QPen(QColor(0x00, 0x9E, 0x73), 2.0 * m_scale));
      p.drawPath(path);
      p.setPen(QColor(0x40, 0x40, 0x40));
      const double toUnits = m_snapshot->stepSeconds > 0 ? 100.0 / m_snapshot->stepSeconds : 100.0;
      const QString unit = m_snapshot->stepSeconds > 0 ? tr("cm/s") : tr("cm/step");
      p.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(), fm.height()), Qt::AlignLeft,
                 fmt(x0 * toUnits, 0));
      p.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(), fm.height()), Qt::AlignRight,
                 QStringLiteral("%1 %2").arg(fmt(x1 * toUnits, 0), unit));
      p.drawText(QRectF(x2, plot.top() - 2, 32 * m_scale, fm.height()), Qt::AlignRight, fmt(hi, 2));
      p.drawText(QRectF(x2, plot.bottom() - fm.height(), 32 * m_scale, fm.height()), Qt::AlignRight,
                 fmt(lo, 2));
    }
  }
}

bool GridUnitInspector::exportData(const QString& csvPath) const {
  std::vector<QStringList> rows;
  const auto* e = evaluation();
  if (e) {
    const auto& ev = e->evaluation;
    const auto& m = ev.rateMaps[size_t(m_unit)];
    for (int i = 0; i < m.rows(); ++i)
      for (int j = 0; j < m.cols(); ++j) {
        const auto c = ev.binning.centre(i, j);
        rows.push_back(
            {QStringLiteral("rate_map"), csvNumber(c.x()), csvNumber(c.y()), csvNumber(m(i, j))});
      }
    if (ev.direction.curve.rows() > m_unit)
      for (Eigen::Index k = 0; k < ev.direction.curve.cols(); ++k)
        rows.push_back({QStringLiteral("hd_tuning"), csvNumber(ev.direction.centresDeg[k]),
                        QString(), csvNumber(ev.direction.curve(m_unit, k))});
    if (ev.speed.curve.rows() > m_unit)
      for (Eigen::Index k = 0; k < ev.speed.curve.cols(); ++k)
        rows.push_back({QStringLiteral("speed_tuning"), csvNumber(ev.speed.centres[k]), QString(),
                        csvNumber(ev.speed.curve(m_unit, k))});
  }
  return writeCsv(csvPath, {"what", "x", "y", "value"}, rows);
}

}  // namespace emergence::widgets
