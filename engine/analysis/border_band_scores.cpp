#include "engine/analysis/border_band_scores.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

#include "engine/core/angles.h"
#include "engine/core/parallel.h"
#include "engine/core/random.h"

namespace emergence::engine {
namespace {

std::string num(double v) {
  std::ostringstream o;
  o << v;
  return o.str();
}
[[noreturn]] void bad(const std::string& field, const std::string& rule, double v) {
  throw std::invalid_argument(field + ": must be " + rule + ", got " + num(v));
}
void checkMap(const Eigen::MatrixXd& map, int n) {
  if (map.rows() != n || map.cols() != n)
    throw std::invalid_argument("rate_map: expected " + std::to_string(n) + " × " +
                                std::to_string(n) + ", got " + std::to_string(map.rows()) + " × " +
                                std::to_string(map.cols()));
}

// Signed frequency of DFT index u on p points, cycles per bin, in [−½, ½).
double frequency(int u, int p) { return (u < (p + 1) / 2 ? u : u - p) / double(p); }
// Wrap a frequency difference into [−½, ½).
double wrapHalf(double f) { return f - std::floor(f + 0.5); }

}  // namespace

void BorderScoreConfig::validate() const {
  if (!(fieldThreshold > 0 && fieldThreshold < 1))
    bad("border_score.field_threshold", "in (0, 1)", fieldThreshold);
  if (minFieldBins < 0)
    bad("border_score.min_field_bins", "≥ 0 (0: use min_field_area)", minFieldBins);
  if (!(minFieldArea >= 0 && std::isfinite(minFieldArea)))
    bad("border_score.min_field_area", "finite and ≥ 0 m²", minFieldArea);
  if (!(wallBandBins > 0 && wallBandBins <= 10))
    bad("border_score.wall_band_bins", "in (0, 10] bins", wallBandBins);
  if (circleWallArcs < 1 || circleWallArcs > Arena::kCirclePolygonSides)
    bad("border_score.circle_wall_arcs", "in [1, 64]", circleWallArcs);
}

BorderScorer::BorderScorer(const Arena& arena, const SpatialBinning& binning,
                           const BorderScoreConfig& config)
    : m_n(binning.bins), m_config(config) {
  m_config.validate();
  binning.validate();
  const int n = m_n;
  const double bw = binning.binWidth(), bh = binning.binHeight();
  m_minFieldBins = m_config.minFieldBins > 0
                       ? m_config.minFieldBins
                       : std::max(1, int(std::ceil(m_config.minFieldArea / (bw * bh) - 1e-9)));
  // Border-score walls: the arena's segments, or groups of chords for the circle.
  const std::vector<WallSegment>& segments = arena.walls();
  const int S = static_cast<int>(segments.size());
  const bool circle = arena.shape() == ArenaShape::Circle;
  const int W = circle ? m_config.circleWallArcs : S;
  std::vector<int> groupOf(S);
  for (int s = 0; s < S; ++s) groupOf[s] = circle ? s * W / S : s;
  m_wallBins.assign(W, {});
  m_wallDistance.assign(static_cast<size_t>(n) * n, 0.0);
  const double band = m_config.wallBandBins * std::max(bw, bh), inradius = arena.inradius();
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i) {
      const int cell = i + j * n;
      const Eigen::Vector2d c = binning.centre(i, j);
      m_wallDistance[cell] = arena.contains(c) ? arena.distanceToWall(c) / inradius : 0.0;
      std::vector<bool> near(W, false);
      for (int s = 0; s < S; ++s)
        if (segments[s].distanceTo(c) <= band) near[groupOf[s]] = true;
      for (int w = 0; w < W; ++w)
        if (near[w]) m_wallBins[w].push_back(cell);
    }
}

int BorderScorer::labelFields(const Eigen::MatrixXd& map, std::vector<int>& label,
                              std::vector<double>& norm) const {
  const int n = m_n, cells = n * n;
  label.assign(cells, -1);
  norm.assign(cells, 0.0);
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (int k = 0; k < cells; ++k)
    if (!std::isnan(map.data()[k])) {
      lo = std::min(lo, map.data()[k]);
      hi = std::max(hi, map.data()[k]);
    }
  if (!(hi > lo)) return 0;  // empty or flat map: no fields
  for (int k = 0; k < cells; ++k)
    if (!std::isnan(map.data()[k])) norm[k] = (map.data()[k] - lo) / (hi - lo);
  // 4-connected components of {r' > threshold}, flood fill in flat-index order.
  int fields = 0;
  std::vector<int> stack, members;
  std::vector<char> seen(cells, 0);
  for (int start = 0; start < cells; ++start) {
    if (seen[start] || !(norm[start] > m_config.fieldThreshold) || std::isnan(map.data()[start]))
      continue;
    members.clear();
    stack.assign(1, start);
    seen[start] = 1;
    while (!stack.empty()) {
      const int k = stack.back();
      stack.pop_back();
      members.push_back(k);
      const int i = k % n, j = k / n;
      const int nb[4][2] = {{i - 1, j}, {i + 1, j}, {i, j - 1}, {i, j + 1}};
      for (const auto& q : nb) {
        if (q[0] < 0 || q[0] >= n || q[1] < 0 || q[1] >= n) continue;
        const int kk = q[0] + q[1] * n;
        if (!seen[kk] && !std::isnan(map.data()[kk]) && norm[kk] > m_config.fieldThreshold) {
          seen[kk] = 1;
          stack.push_back(kk);
        }
      }
    }
    if (static_cast<int>(members.size()) < m_minFieldBins) continue;
    for (int k : members) label[k] = fields;
    ++fields;
  }
  return fields;
}

Eigen::MatrixXi BorderScorer::fieldLabels(const Eigen::MatrixXd& rateMap) const {
  checkMap(rateMap, m_n);
  std::vector<int> label;
  std::vector<double> norm;
  labelFields(rateMap, label, norm);
  return Eigen::Map<const Eigen::MatrixXi>(label.data(), m_n, m_n);
}

BorderScore BorderScorer::score(const Eigen::MatrixXd& map) const {
  checkMap(map, m_n);
  BorderScore out;
  std::vector<int> label;
  std::vector<double> norm;
  out.fields = labelFields(map, label, norm);
  if (out.fields == 0) return out;
  // CM: largest fraction of one wall's valid bins covered by one field (all fields considered).
  out.cm = 0.0;
  std::vector<int> covered(out.fields);
  for (size_t w = 0; w < m_wallBins.size(); ++w) {
    std::fill(covered.begin(), covered.end(), 0);
    int valid = 0;
    for (int cell : m_wallBins[w]) {
      if (std::isnan(map.data()[cell])) continue;
      ++valid;
      if (label[cell] >= 0) ++covered[label[cell]];
    }
    if (valid == 0) continue;
    for (int f = 0; f < out.fields; ++f)
      if (double(covered[f]) / valid > out.cm) {
        out.cm = double(covered[f]) / valid;
        out.bestWall = static_cast<int>(w);
      }
  }
  // DM: rate-weighted mean distance of all field bins to the nearest wall, / inradius.
  double weighted = 0, weight = 0;
  for (int k = 0; k < m_n * m_n; ++k)
    if (label[k] >= 0) {
      weighted += norm[k] * m_wallDistance[k];
      weight += norm[k];
    }
  out.dm = weight > 0 ? weighted / weight : 0.0;
  if (out.cm + out.dm > 0) out.score = (out.cm - out.dm) / (out.cm + out.dm);
  return out;
}

void BandScoreConfig::validate() const {
  if (paddingFactor < 1 || paddingFactor > 8)
    bad("band_score.padding_factor", "in [1, 8]", paddingFactor);
  if (!(minCyclesPerMap >= 0 && minCyclesPerMap < 100))
    bad("band_score.min_cycles_per_map", "in [0, 100)", minCyclesPerMap);
  if (!(peakRadius >= 0 && peakRadius <= 10))
    bad("band_score.peak_radius", "in [0, 10]", peakRadius);
}

BandScorer::BandScorer(int bins, const BandScoreConfig& config) : m_n(bins), m_config(config) {
  if (bins < 2 || bins > 1024) bad("band_score.bins", "in [2, 1024]", bins);
  m_config.validate();
  m_p = 1;
  while (m_p < m_config.paddingFactor * m_n) m_p *= 2;
  m_dft.resize(m_p, m_n);
  for (int u = 0; u < m_p; ++u)
    for (int x = 0; x < m_n; ++x)
      m_dft(u, x) = std::polar(1.0, -kTwoPi * double((long long)u * x % m_p) / m_p);
}

BandScore BandScorer::score(const Eigen::MatrixXd& map) const {
  checkMap(map, m_n);
  BandScore out;
  // Mean over valid bins subtracted; NaN → 0 (zero padding beyond the map is implicit in the
  // p × n DFT matrix): F = D·X·Dᵀ, F(u_y, u_x) = Σ_{y,x} X(y, x)·e^{−2πi(u_y·y + u_x·x)/p}.
  double sum = 0;
  int valid = 0;
  for (Eigen::Index k = 0; k < map.size(); ++k)
    if (!std::isnan(map.data()[k])) {
      sum += map.data()[k];
      ++valid;
    }
  if (valid == 0) return out;
  Eigen::MatrixXd x = map.array() - sum / valid;
  for (Eigen::Index k = 0; k < x.size(); ++k)
    if (std::isnan(x.data()[k])) x.data()[k] = 0.0;
  const Eigen::MatrixXcd f = m_dft * x.cast<std::complex<double>>() * m_dft.transpose();
  const Eigen::MatrixXd power = f.cwiseAbs2();
  const double total = power.sum() - power(0, 0);
  if (!(total > 1e-300)) return out;
  // Strongest frequency with |f|·n ≥ minCyclesPerMap (this also excludes DC).
  int bestY = -1, bestX = -1;
  double best = -1;
  for (int ux = 0; ux < m_p; ++ux)
    for (int uy = 0; uy < m_p; ++uy) {
      const double cycles = std::hypot(frequency(uy, m_p), frequency(ux, m_p)) * m_n;
      if (cycles < m_config.minCyclesPerMap || (ux == 0 && uy == 0)) continue;
      if (power(uy, ux) > best) {
        best = power(uy, ux);
        bestY = uy;
        bestX = ux;
      }
    }
  if (bestY < 0) return out;
  const double fy = frequency(bestY, m_p), fx = frequency(bestX, m_p);
  // Power within peakRadius/n cycles per bin of +k* or −k* (DC never counted).
  const double radius = m_config.peakRadius / m_n + 1e-12;
  double peak = 0;
  for (int ux = 0; ux < m_p; ++ux)
    for (int uy = 0; uy < m_p; ++uy) {
      if (ux == 0 && uy == 0) continue;
      const double gy = frequency(uy, m_p), gx = frequency(ux, m_p);
      const bool nearPlus = std::hypot(wrapHalf(gy - fy), wrapHalf(gx - fx)) <= radius;
      const bool nearMinus = std::hypot(wrapHalf(gy + fy), wrapHalf(gx + fx)) <= radius;
      if (nearPlus || nearMinus) peak += power(uy, ux);
    }
  out.score = peak / total;
  out.wavelengthBins = 1.0 / std::hypot(fx, fy);
  double orientation = degrees(std::atan2(fy, fx));
  if (orientation < 0) orientation += 180.0;
  out.orientationDeg = orientation >= 180.0 ? orientation - 180.0 : orientation;
  return out;
}

void ShuffleNullConfig::validate() const {
  if (shuffles < 1 || shuffles > 1000000) bad("shuffle_null.shuffles", "in [1, 1e6]", shuffles);
  if (!(smoothSigmaBins >= 0 && smoothSigmaBins <= 20))
    bad("shuffle_null.smooth_sigma_bins", "in [0, 20]", smoothSigmaBins);
}

double ShuffleNull::percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  if (!(p >= 0 && p <= 100)) bad("percentile", "in [0, 100]", p);
  const double pos = p / 100.0 * double(sorted.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(pos));
  const size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - double(lo));
}

ShuffleNull spatialShuffleNull(const std::vector<Eigen::MatrixXd>& maps, const BandScorer& band,
                               const GridScorer* grid, const ShuffleNullConfig& config,
                               int threads) {
  config.validate();
  if (maps.empty()) throw std::invalid_argument("rate_maps: need at least one map to shuffle");
  Rng rng(config.seed);
  const int K = config.shuffles, U = static_cast<int>(maps.size());
  std::vector<Eigen::MatrixXd> shuffled(K);
  std::vector<int> validCells;
  std::vector<double> values;
  for (int k = 0; k < K; ++k) {
    const Eigen::MatrixXd& m = maps[k % U];
    checkMap(m, band.bins());
    validCells.clear();
    values.clear();
    for (Eigen::Index c = 0; c < m.size(); ++c)
      if (!std::isnan(m.data()[c])) {
        validCells.push_back(static_cast<int>(c));
        values.push_back(m.data()[c]);
      }
    for (size_t i = values.size(); i > 1; --i)  // Fisher–Yates
      std::swap(values[i - 1], values[rng.uniformInt(i)]);
    shuffled[k] = m;
    for (size_t i = 0; i < validCells.size(); ++i) shuffled[k].data()[validCells[i]] = values[i];
    if (config.smoothSigmaBins > 0)
      shuffled[k] = smoothRateMap(shuffled[k], config.smoothSigmaBins);
  }
  std::vector<double> bandScores(K), gridScores(grid ? K : 0);
  parallelFor(K, threads, [&](int k) {
    bandScores[k] = band.score(shuffled[k]).score;
    if (grid) gridScores[k] = grid->score(shuffled[k]).score60;
  });
  ShuffleNull out;
  for (double v : bandScores)
    if (std::isfinite(v)) out.band.push_back(v);
  for (double v : gridScores)
    if (std::isfinite(v)) out.score60.push_back(v);
  std::sort(out.band.begin(), out.band.end());
  std::sort(out.score60.begin(), out.score60.end());
  return out;
}

}  // namespace emergence::engine
