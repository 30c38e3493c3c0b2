#pragma once
// Spatial classes of units — grid / border / band / other — from the §8 scores, with editable
// thresholds (grid-cells.md §8.3–8.5, §9 Fig. 4, §12 development curve).
//
// Defaults: grid if score60 > 0.3 (Sargolini min/max form); border if border score > 0.5; band
// if band score > the 95th percentile of the spatial-shuffle null and the unit is not grid.
// Classes are exclusive with precedence grid > border > band > other (a stripe along a wall
// that passes both the border and band rules is a border unit). The non-exclusive counts
// "above threshold" (the quantities of the development curve: border units b > 0.5 and grid
// units score60 > threshold) are reported as well. NaN scores never pass a threshold.
#include <Eigen/Core>
#include <limits>
#include <string>
#include <vector>

#include "engine/analysis/border_band_scores.h"
#include "engine/analysis/grid_scores.h"

namespace emergence::engine {

enum class SpatialClass { Other = 0, Grid = 1, Border = 2, Band = 3 };
const char* spatialClassName(SpatialClass c);  // "other", "grid", "border", "band"

struct SpatialClassThresholds {
  double grid = 0.3;             // score60 >
  bool gridMinMax = true;        // which score60 form the grid rule reads
  double border = 0.5;           // border score >
  double bandPercentile = 95.0;  // of the shuffle null
  // If finite, the band threshold itself (the shuffle null is then not needed).
  double bandFixed = std::numeric_limits<double>::quiet_NaN();
  void validate() const;  // std::invalid_argument naming the field
};

// The scores of one unit that the rules read.
struct UnitSpatialScores {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  double score60MinMax = kNaN, score60Mean = kNaN, score90 = kNaN;
  double border = kNaN, band = kNaN;
};

struct SpatialClassCounts {
  int grid = 0, border = 0, band = 0, other = 0;      // exclusive classes
  int gridAbove = 0, borderAbove = 0, bandAbove = 0;  // each rule alone
};

struct SpatialClassification {
  std::vector<SpatialClass> classes;  // per unit
  SpatialClassCounts counts;
  double bandThreshold = std::numeric_limits<double>::quiet_NaN();  // as used
};

// bandThreshold: the shuffle percentile (ShuffleNull::bandThreshold(bandPercentile)); ignored
// when thresholds.bandFixed is finite. With neither, no unit is band.
SpatialClassification classifySpatialUnits(const std::vector<UnitSpatialScores>& units,
                                           const SpatialClassThresholds& thresholds,
                                           double bandThreshold);
SpatialClassification classifySpatialUnits(const std::vector<UnitSpatialScores>& units,
                                           const SpatialClassThresholds& thresholds,
                                           const ShuffleNull& null);

// All scores of many maps in one call (what a trainer runs at a checkpoint); parallel over
// units, results independent of the thread count.
struct SpatialScores {
  std::vector<GridScore> grid;
  std::vector<BorderScore> border;
  std::vector<BandScore> band;
  std::vector<UnitSpatialScores> units;
};
SpatialScores scoreSpatialMaps(const std::vector<Eigen::MatrixXd>& rateMaps, const GridScorer& grid,
                               const BorderScorer& border, const BandScorer& band, int threads = 1);

// Development curve (CW18 Fig. 4, §12): class counts at each checkpoint, with the settings that
// produced them (bins, score form, thresholds) so every exported number is self-describing.
struct DevelopmentPoint {
  long long update = 0;
  int units = 0;
  SpatialClassCounts counts;
  double bandThreshold = std::numeric_limits<double>::quiet_NaN();
};

class DevelopmentCurve {
 public:
  explicit DevelopmentCurve(const SpatialClassThresholds& thresholds = {}, int bins = 0);
  void record(long long update, const SpatialClassification& classification);
  void record(const DevelopmentPoint& point) { m_points.push_back(point); }  // e.g. when loading
  const std::vector<DevelopmentPoint>& points() const { return m_points; }
  const SpatialClassThresholds& thresholds() const { return m_thresholds; }
  int bins() const { return m_bins; }
  void clear() { m_points.clear(); }
  // "# bins=32 score60=min_max grid>0.3 border>0.5 band>p95" then a header line
  // "update,units,grid,border,band,other,grid_above,border_above,band_above,band_threshold"
  // and one line per point.
  std::string toCsv() const;

 private:
  SpatialClassThresholds m_thresholds;
  int m_bins = 0;
  std::vector<DevelopmentPoint> m_points;
};

}  // namespace emergence::engine
