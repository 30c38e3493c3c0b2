#include "engine/analysis/spatial_classes.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

#include "engine/core/parallel.h"

namespace emergence::engine {
namespace {

std::string num(double v) {
  std::ostringstream o;
  o << v;
  return o.str();
}

// NaN never passes.
bool above(double score, double threshold) { return score > threshold; }

}  // namespace

const char* spatialClassName(SpatialClass c) {
  switch (c) {
    case SpatialClass::Grid:
      return "grid";
    case SpatialClass::Border:
      return "border";
    case SpatialClass::Band:
      return "band";
    case SpatialClass::Other:
      return "other";
  }
  return "other";
}

void SpatialClassThresholds::validate() const {
  auto check = [](bool ok, const std::string& field, const std::string& rule, double v) {
    if (!ok) throw std::invalid_argument(field + ": must be " + rule + ", got " + num(v));
  };
  check(std::isfinite(grid) && grid > -2 && grid < 2, "classes.grid_threshold", "in (−2, 2)", grid);
  check(std::isfinite(border) && border > -1 && border < 1, "classes.border_threshold",
        "in (−1, 1)", border);
  check(bandPercentile >= 0 && bandPercentile <= 100, "classes.band_percentile", "in [0, 100]",
        bandPercentile);
  check(std::isnan(bandFixed) || (bandFixed >= 0 && bandFixed <= 1), "classes.band_threshold",
        "NaN (use the shuffle) or in [0, 1]", bandFixed);
}

SpatialClassification classifySpatialUnits(const std::vector<UnitSpatialScores>& units,
                                           const SpatialClassThresholds& t, double bandThreshold) {
  t.validate();
  SpatialClassification out;
  out.bandThreshold = std::isfinite(t.bandFixed) ? t.bandFixed : bandThreshold;
  out.classes.reserve(units.size());
  SpatialClassCounts& c = out.counts;
  for (const UnitSpatialScores& u : units) {
    const bool grid = above(t.gridMinMax ? u.score60MinMax : u.score60Mean, t.grid);
    const bool border = above(u.border, t.border);
    const bool band = above(u.band, out.bandThreshold) && !grid;
    c.gridAbove += grid;
    c.borderAbove += border;
    c.bandAbove += band;
    SpatialClass k = SpatialClass::Other;
    if (grid)
      k = SpatialClass::Grid;
    else if (border)
      k = SpatialClass::Border;
    else if (band)
      k = SpatialClass::Band;
    out.classes.push_back(k);
    switch (k) {
      case SpatialClass::Grid:
        ++c.grid;
        break;
      case SpatialClass::Border:
        ++c.border;
        break;
      case SpatialClass::Band:
        ++c.band;
        break;
      case SpatialClass::Other:
        ++c.other;
        break;
    }
  }
  return out;
}

SpatialClassification classifySpatialUnits(const std::vector<UnitSpatialScores>& units,
                                           const SpatialClassThresholds& t,
                                           const ShuffleNull& null) {
  return classifySpatialUnits(units, t, null.bandThreshold(t.bandPercentile));
}

SpatialScores scoreSpatialMaps(const std::vector<Eigen::MatrixXd>& maps, const GridScorer& grid,
                               const BorderScorer& border, const BandScorer& band, int threads) {
  SpatialScores out;
  const int U = static_cast<int>(maps.size());
  out.grid = grid.scoreAll(maps, threads);
  out.border.resize(U);
  out.band.resize(U);
  parallelFor(U, threads, [&](int u) {
    out.border[u] = border.score(maps[u]);
    out.band[u] = band.score(maps[u]);
  });
  out.units.resize(U);
  for (int u = 0; u < U; ++u) {
    UnitSpatialScores& s = out.units[u];
    s.score60MinMax = out.grid[u].score60MinMax;
    s.score60Mean = out.grid[u].score60Mean;
    s.score90 = out.grid[u].score90;
    s.border = out.border[u].score;
    s.band = out.band[u].score;
  }
  return out;
}

DevelopmentCurve::DevelopmentCurve(const SpatialClassThresholds& thresholds, int bins)
    : m_thresholds(thresholds), m_bins(bins) {
  m_thresholds.validate();
}

void DevelopmentCurve::record(long long update, const SpatialClassification& cl) {
  DevelopmentPoint p;
  p.update = update;
  p.units = static_cast<int>(cl.classes.size());
  p.counts = cl.counts;
  p.bandThreshold = cl.bandThreshold;
  m_points.push_back(p);
}

std::string DevelopmentCurve::toCsv() const {
  std::ostringstream o;
  const SpatialClassThresholds& t = m_thresholds;
  o << "# bins=" << m_bins << " score60=" << (t.gridMinMax ? "min_max" : "mean") << " grid>"
    << t.grid << " border>" << t.border << " band>"
    << (std::isfinite(t.bandFixed) ? num(t.bandFixed) : "p" + num(t.bandPercentile)) << "\n";
  o << "update,units,grid,border,band,other,grid_above,border_above,band_above,band_threshold\n";
  o.precision(10);
  for (const DevelopmentPoint& p : m_points) {
    const SpatialClassCounts& c = p.counts;
    o << p.update << ',' << p.units << ',' << c.grid << ',' << c.border << ',' << c.band << ','
      << c.other << ',' << c.gridAbove << ',' << c.borderAbove << ',' << c.bandAbove << ','
      << p.bandThreshold << '\n';
  }
  return o.str();
}

}  // namespace emergence::engine
