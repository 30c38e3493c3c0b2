#include "widgets/grid_view_support.h"

#include <QCoreApplication>
#include <QLocale>
#include <QPainter>
#include <QPolygonF>
#include <algorithm>
#include <array>
#include <cmath>

#include "engine/analysis/rate_maps.h"

namespace emergence::widgets {

QRgb viridisRgb(double t) {
  // 9 samples of matplotlib's viridis, linearly interpolated.
  static constexpr std::array<std::array<int, 3>, 9> kStops = {{{68, 1, 84},
                                                                {71, 44, 122},
                                                                {59, 81, 139},
                                                                {44, 113, 142},
                                                                {33, 144, 141},
                                                                {39, 173, 129},
                                                                {92, 200, 99},
                                                                {170, 220, 50},
                                                                {253, 231, 37}}};
  if (!std::isfinite(t)) return unvisitedColor().rgb();
  const double x = std::clamp(t, 0.0, 1.0) * (kStops.size() - 1);
  const int k = std::min(int(x), int(kStops.size()) - 2);
  const double f = x - k;
  auto mix = [&](int c) {
    return int(std::lround(kStops[size_t(k)][size_t(c)] +
                           f * (kStops[size_t(k) + 1][size_t(c)] - kStops[size_t(k)][size_t(c)])));
  };
  return qRgb(mix(0), mix(1), mix(2));
}

QColor unvisitedColor() { return QColor(0xEE, 0xEE, 0xEE); }

namespace {
// viridis at 256 levels (rate-map images index it instead of interpolating per pixel).
const std::array<QRgb, 256>& viridisTable() {
  static const std::array<QRgb, 256> table = [] {
    std::array<QRgb, 256> t{};
    for (int k = 0; k < 256; ++k) t[size_t(k)] = viridisRgb(k / 255.0);
    return t;
  }();
  return table;
}
}  // namespace

QImage rateMapImage(const Eigen::MatrixXd& raw, double smoothSigmaBins) {
  const Eigen::MatrixXd map =
      smoothSigmaBins > 0 ? engine::smoothRateMap(raw, smoothSigmaBins) : raw;
  const int rows = int(map.rows()), cols = int(map.cols());
  QImage img(std::max(cols, 1), std::max(rows, 1), QImage::Format_RGB32);
  img.fill(unvisitedColor());
  double lo = 1e300, hi = -1e300;
  for (Eigen::Index k = 0; k < map.size(); ++k)
    if (std::isfinite(map.data()[k])) {
      lo = std::min(lo, map.data()[k]);
      hi = std::max(hi, map.data()[k]);
    }
  if (lo > hi) return img;
  const double span = hi - lo, scale = span > 0 ? 255.0 / span : 0.0;
  const auto& lut = viridisTable();
  for (int i = 0; i < rows; ++i) {
    auto* line = reinterpret_cast<QRgb*>(img.scanLine(rows - 1 - i));  // y up
    for (int j = 0; j < cols; ++j) {
      const double v = map(i, j);
      if (!std::isfinite(v)) continue;
      line[j] = lut[size_t(span > 0 ? std::clamp(int((v - lo) * scale + 0.5), 0, 255) : 128)];
    }
  }
  return img;
}

QColor spatialClassColor(engine::SpatialClass c) {
  switch (c) {
    case engine::SpatialClass::Grid:
      return QColor(0xD5, 0x5E, 0x00);  // vermillion
    case engine::SpatialClass::Border:
      return QColor(0x00, 0x72, 0xB2);  // blue
    case engine::SpatialClass::Band:
      return QColor(0x00, 0x9E, 0x73);  // bluish green
    case engine::SpatialClass::Other:
      return QColor(0xA0, 0xA0, 0xA0);  // grey
  }
  return QColor(0x80, 0x80, 0x80);
}

QString spatialClassDisplayName(engine::SpatialClass c) {
  switch (c) {
    case engine::SpatialClass::Grid:
      return QCoreApplication::translate("GridPalette", "grid");
    case engine::SpatialClass::Border:
      return QCoreApplication::translate("GridPalette", "border");
    case engine::SpatialClass::Band:
      return QCoreApplication::translate("GridPalette", "band");
    case engine::SpatialClass::Other:
      return QCoreApplication::translate("GridPalette", "other");
  }
  return {};
}

QString arenaShapeDisplayName(engine::ArenaShape shape) {
  switch (shape) {
    case engine::ArenaShape::Square: return QCoreApplication::translate("GridArena", "square");
    case engine::ArenaShape::Rectangle: return QCoreApplication::translate("GridArena", "rectangle");
    case engine::ArenaShape::Circle: return QCoreApplication::translate("GridArena", "circle");
    case engine::ArenaShape::Triangle: return QCoreApplication::translate("GridArena", "triangle");
    case engine::ArenaShape::Hexagon: return QCoreApplication::translate("GridArena", "hexagon");
  }
  return {};
}

QString arenaDisplayDescription(const engine::ArenaSpec& a) {
  const QString name = arenaShapeDisplayName(a.shape);
  const QLocale locale;
  if (a.shape == engine::ArenaShape::Rectangle)
    return QCoreApplication::translate("GridArena", "%1, %2 m × %3 m")
        .arg(name, locale.toString(a.width, 'g', 6), locale.toString(a.height, 'g', 6));
  if (a.shape == engine::ArenaShape::Circle)
    return QCoreApplication::translate("GridArena", "%1, radius %2 m")
        .arg(name, locale.toString(a.radius, 'g', 6));
  return QCoreApplication::translate("GridArena", "%1, side %2 m")
      .arg(name, locale.toString(a.side, 'g', 6));
}

QColor truePositionColor() { return QColor(0x22, 0x22, 0x22); }
QColor decodedPositionColor() { return QColor(0xD5, 0x5E, 0x00); }

ArenaTransform::ArenaTransform(const engine::Box2& box, const QRectF& target) {
  const double w = std::max(box.width(), 1e-9), h = std::max(box.height(), 1e-9);
  m_scale = std::max(1e-9, std::min(target.width() / w, target.height() / h));
  m_x0 = box.xMin;
  m_y0 = box.yMin;
  // Centred in the target.
  m_left = target.left() + 0.5 * (target.width() - w * m_scale);
  m_bottom = target.bottom() - 0.5 * (target.height() - h * m_scale);
}

QPointF ArenaTransform::map(double x, double y) const {
  return {m_left + (x - m_x0) * m_scale, m_bottom - (y - m_y0) * m_scale};
}
QPointF ArenaTransform::map(const Eigen::Vector2d& p) const { return map(p.x(), p.y()); }
Eigen::Vector2d ArenaTransform::unmap(const QPointF& p) const {
  return {m_x0 + (p.x() - m_left) / m_scale, m_y0 + (m_bottom - p.y()) / m_scale};
}
QRectF ArenaTransform::mapped(const engine::Box2& b) const {
  return QRectF(map(b.xMin, b.yMax), map(b.xMax, b.yMin));
}

void drawArenaWalls(QPainter& p, const std::vector<engine::WallSegment>& walls,
                    const ArenaTransform& t, const QColor& colour, double width) {
  if (walls.empty()) return;
  QPolygonF poly;
  for (const auto& w : walls) poly << t.map(w.a);
  p.save();
  p.setBrush(Qt::NoBrush);
  p.setPen(QPen(colour, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
  p.drawPolygon(poly);
  p.restore();
}

namespace {
void fillFromEvaluation(const engine::GridEvaluationProduct& e, GridUnitScores& out) {
  const auto& ev = e.evaluation;
  out.units = int(ev.rateMaps.size());
  out.binning = ev.binning;
  out.walls = e.walls;
  out.atUpdate = e.atUpdate;
  out.version = e.version;
  for (int u = 0; u < out.units; ++u) {
    out.maps.push_back(&ev.rateMaps[size_t(u)]);
    const auto& g = ev.scores.grid[size_t(u)];
    out.score60.push_back(g.score60);
    out.score90.push_back(g.score90);
    out.spacingM.push_back(g.spacingBins * ev.binning.binWidth());
    out.orientationDeg.push_back(g.orientationDeg);
    out.border.push_back(ev.scores.units[size_t(u)].border);
    out.band.push_back(ev.scores.units[size_t(u)].band);
    out.meanRate.push_back(ev.meanRate.size() == out.units ? ev.meanRate[u] : std::nan(""));
  }
  out.classes = ev.classes.classes;
}
}  // namespace

GridUnitScores gridUnitScores(const engine::GridSnapshot& s, GridMapSource source) {
  GridUnitScores out;
  if (source == GridMapSource::Evaluation) {
    if (s.evaluation) fillFromEvaluation(*s.evaluation, out);
    return out;
  }
  if (source == GridMapSource::ArenaTest) {
    if (s.arenaTest) fillFromEvaluation(*s.arenaTest, out);
    return out;
  }
  if (!s.liveMaps) return out;
  const auto& l = *s.liveMaps;
  out.units = int(l.rateMaps.size());
  out.binning = l.binning;
  if (s.arena) out.walls = s.arena->walls;
  out.atUpdate = l.atUpdate;
  out.version = l.version;
  for (int u = 0; u < out.units; ++u) {
    out.maps.push_back(&l.rateMaps[size_t(u)]);
    const auto& g = l.scores.grid[size_t(u)];
    out.score60.push_back(g.score60);
    out.score90.push_back(g.score90);
    out.spacingM.push_back(g.spacingBins * l.binning.binWidth());
    out.orientationDeg.push_back(g.orientationDeg);
    out.border.push_back(l.scores.units[size_t(u)].border);
    out.band.push_back(l.scores.units[size_t(u)].band);
    out.meanRate.push_back(l.meanRate.size() == out.units ? l.meanRate[u] : std::nan(""));
  }
  if (s.evaluation && int(s.evaluation->evaluation.classes.classes.size()) == out.units)
    out.classes = s.evaluation->evaluation.classes.classes;
  return out;
}

std::uint64_t gridSourceVersion(const engine::GridSnapshot& s, GridMapSource source) {
  const std::uint64_t ev = s.evaluation ? s.evaluation->version : 0;
  const std::uint64_t run = s.runId << 44;
  switch (source) {
    case GridMapSource::Live:
      return run ^ ((s.liveMaps ? s.liveMaps->version : 0) << 20) ^ ev;
    case GridMapSource::Evaluation:
      return run ^ ev;
    case GridMapSource::ArenaTest:
      return run ^ (s.arenaTest ? s.arenaTest->version : 0);
  }
  return 0;
}

}  // namespace emergence::widgets
