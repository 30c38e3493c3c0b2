#pragma once
// Helpers shared by the grid-cells views: the rate-map colour map, rate-map images, spatial
// class colours and names, the arena-to-widget transform and wall drawing, and the per-unit
// scores of whichever product a view shows (live maps, evaluation, arena test).
#include <QColor>
#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <memory>
#include <vector>

#include "engine/runtime/grid_snapshot.h"

class QPainter;

namespace emergence::widgets {

// Perceptually uniform "viridis" colour map, t in [0, 1] (clamped).
QRgb viridisRgb(double t);
// Colour of unvisited bins (NaN).
QColor unvisitedColor();

// n × n image of a rate map (row 0 of the map = bottom of the image), colours from the map's own
// minimum to maximum over its valid bins (a flat map is drawn at the middle colour); `smooth`
// > 0 smooths for display first (σ in bins, engine::smoothRateMap). Format RGB32.
QImage rateMapImage(const Eigen::MatrixXd& map, double smoothSigmaBins = 0.0);

QColor spatialClassColor(engine::SpatialClass c);
QString spatialClassDisplayName(engine::SpatialClass c);  // translated: "grid", "border", …
// Translated arena shape name ("square") and description ("square, side 2.2 m", numbers in the
// user's locale); the engine's arenaShapeName / Arena::description are the untranslated keys.
QString arenaShapeDisplayName(engine::ArenaShape shape);
QString arenaDisplayDescription(const engine::ArenaSpec& arena);
// Display order of the spatial classes in legends and grouped matrices.
inline constexpr engine::SpatialClass kSpatialClassOrder[4] = {
    engine::SpatialClass::Grid, engine::SpatialClass::Border, engine::SpatialClass::Band,
    engine::SpatialClass::Other};

QColor truePositionColor();
QColor decodedPositionColor();

// Equal-aspect mapping of an arena box (metres, y up) into a widget rectangle (y down).
class ArenaTransform {
 public:
  ArenaTransform() = default;
  ArenaTransform(const engine::Box2& box, const QRectF& target);
  QPointF map(const Eigen::Vector2d& p) const;
  QPointF map(double x, double y) const;
  Eigen::Vector2d unmap(const QPointF& p) const;
  double scale() const { return m_scale; }  // pixels per metre
  QRectF mapped(const engine::Box2& box) const;

 private:
  double m_scale = 1, m_x0 = 0, m_y0 = 0, m_left = 0, m_bottom = 0;
};

// Closed outline of the walls.
void drawArenaWalls(QPainter& p, const std::vector<engine::WallSegment>& walls,
                    const ArenaTransform& t, const QColor& colour, double width);

// The per-unit scores of one product, whatever its kind, in unit order.
struct GridUnitScores {
  int units = 0;
  std::vector<const Eigen::MatrixXd*> maps;  // point into the product (keep it alive)
  std::vector<double> score60, score90, border, band, meanRate, spacingM, orientationDeg;
  std::vector<engine::SpatialClass> classes;  // empty when unknown
  engine::SpatialBinning binning;
  std::vector<engine::WallSegment> walls;
  long long atUpdate = -1;
  std::uint64_t version = 0;
  bool valid() const { return units > 0; }
};
enum class GridMapSource { Live = 0, Evaluation = 1, ArenaTest = 2 };
// Scores of a source in the snapshot; classes of live maps come from the latest evaluation of the
// same network size. Invalid (units = 0) when the product does not exist yet.
GridUnitScores gridUnitScores(const engine::GridSnapshot& s, GridMapSource source);
// Version key of a source (changes whenever the data behind gridUnitScores changes).
std::uint64_t gridSourceVersion(const engine::GridSnapshot& s, GridMapSource source);

}  // namespace emergence::widgets
