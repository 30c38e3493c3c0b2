#include "engine/analysis/rate_maps.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

#include "engine/core/angles.h"

namespace emergence::engine {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string num(double v) {
  std::ostringstream o;
  o << v;
  return o.str();
}

// Bin of v in [lo, hi] with n equal bins (upper edge into the last bin), −1 outside.
int binOf(double v, double lo, double hi, int n) {
  if (!(v >= lo && v <= hi)) return -1;  // also rejects NaN
  const int k = static_cast<int>((v - lo) / (hi - lo) * n);
  return std::min(k, n - 1);
}

void checkSamples(Eigen::Index rateCols, Eigen::Index otherCols, const char* otherName) {
  if (rateCols != otherCols)
    throw std::invalid_argument(std::string(otherName) + ": expected " + std::to_string(rateCols) +
                                " samples (one per rate column), got " + std::to_string(otherCols));
}

}  // namespace

SpatialBinning SpatialBinning::forArena(const Arena& arena, int bins, RateMapExtent extent) {
  const Box2 box =
      extent == RateMapExtent::BoundingSquare ? arena.boundingSquare() : arena.boundingBox();
  SpatialBinning b;
  b.bins = bins;
  b.xMin = box.xMin;
  b.xMax = box.xMax;
  b.yMin = box.yMin;
  b.yMax = box.yMax;
  b.validate();
  return b;
}

void SpatialBinning::validate() const {
  if (bins < 2 || bins > 1024)
    throw std::invalid_argument("rate_map.bins: must be in [2, 1024], got " + num(bins));
  if (!(std::isfinite(xMin) && std::isfinite(xMax) && xMax > xMin))
    throw std::invalid_argument("rate_map.x_range: must be finite with x_max > x_min, got [" +
                                num(xMin) + ", " + num(xMax) + "]");
  if (!(std::isfinite(yMin) && std::isfinite(yMax) && yMax > yMin))
    throw std::invalid_argument("rate_map.y_range: must be finite with y_max > y_min, got [" +
                                num(yMin) + ", " + num(yMax) + "]");
}

int SpatialBinning::flatIndex(double x, double y) const {
  const int j = binOf(x, xMin, xMax, bins), i = binOf(y, yMin, yMax, bins);
  return (i < 0 || j < 0) ? -1 : i + j * bins;
}

Eigen::Vector2d SpatialBinning::centre(int i, int j) const {
  return {xMin + (j + 0.5) * binWidth(), yMin + (i + 0.5) * binHeight()};
}

RateMapAccumulator::RateMapAccumulator(const SpatialBinning& binning, int units)
    : m_binning(binning) {
  m_binning.validate();
  if (units < 1) throw std::invalid_argument("units: must be ≥ 1, got " + num(units));
  m_sums = Eigen::MatrixXd::Zero(units, m_binning.cells());
  m_counts = Eigen::VectorXd::Zero(m_binning.cells());
}

template <typename M>
void RateMapAccumulator::addImpl(const M& rates, const Eigen::Ref<const Eigen::MatrixXd>& pos) {
  if (rates.rows() != m_sums.rows())
    throw std::invalid_argument("rates: expected " + std::to_string(m_sums.rows()) +
                                " rows (units), got " + std::to_string(rates.rows()));
  if (pos.rows() != 2)
    throw std::invalid_argument("positions: expected 2 rows (x, y), got " +
                                std::to_string(pos.rows()));
  checkSamples(rates.cols(), pos.cols(), "positions");
  // sums(:, bin(s)) += r(:, s); counts(bin(s)) += 1, in sample order.
  for (Eigen::Index s = 0; s < pos.cols(); ++s) {
    const int cell = m_binning.flatIndex(pos(0, s), pos(1, s));
    if (cell < 0) continue;
    m_sums.col(cell) += rates.col(s).template cast<double>();
    m_counts[cell] += 1.0;
    ++m_samples;
  }
}

void RateMapAccumulator::add(const Eigen::Ref<const Eigen::MatrixXf>& rates,
                             const Eigen::Ref<const Eigen::MatrixXd>& positions) {
  addImpl(rates, positions);
}
void RateMapAccumulator::add(const Eigen::Ref<const Eigen::MatrixXd>& rates,
                             const Eigen::Ref<const Eigen::MatrixXd>& positions) {
  addImpl(rates, positions);
}

void RateMapAccumulator::clear() {
  m_sums.setZero();
  m_counts.setZero();
  m_samples = 0;
}

Eigen::MatrixXd RateMapAccumulator::occupancy() const {
  return Eigen::Map<const Eigen::MatrixXd>(m_counts.data(), m_binning.bins, m_binning.bins);
}

Eigen::MatrixXd RateMapAccumulator::rateMap(int unit) const {
  if (unit < 0 || unit >= units())
    throw std::invalid_argument("unit: must be in [0, " + std::to_string(units()) + "), got " +
                                std::to_string(unit));
  const int n = m_binning.bins;
  Eigen::MatrixXd map(n, n);
  for (int cell = 0; cell < n * n; ++cell)
    map.data()[cell] = m_counts[cell] > 0 ? m_sums(unit, cell) / m_counts[cell] : kNaN;
  return map;
}

std::vector<Eigen::MatrixXd> RateMapAccumulator::rateMaps() const {
  std::vector<Eigen::MatrixXd> maps;
  maps.reserve(static_cast<size_t>(units()));
  for (int u = 0; u < units(); ++u) maps.push_back(rateMap(u));
  return maps;
}

std::vector<Eigen::MatrixXd> computeRateMaps(const SpatialBinning& binning,
                                             const Eigen::Ref<const Eigen::MatrixXf>& rates,
                                             const Eigen::Ref<const Eigen::MatrixXd>& positions) {
  RateMapAccumulator acc(binning, static_cast<int>(rates.rows()));
  acc.add(rates, positions);
  return acc.rateMaps();
}

Eigen::MatrixXd smoothRateMap(const Eigen::MatrixXd& map, double sigmaBins, double truncate) {
  if (!(sigmaBins > 0)) return map;
  const int radius = std::max(1, static_cast<int>(std::ceil(truncate * sigmaBins)));
  const int rows = static_cast<int>(map.rows()), cols = static_cast<int>(map.cols());
  Eigen::VectorXd g(2 * radius + 1);
  for (int k = -radius; k <= radius; ++k)
    g[k + radius] = std::exp(-0.5 * k * k / (sigmaBins * sigmaBins));
  // Separable: rows then columns, on V (value, NaN → 0) and W (1 where valid).
  Eigen::MatrixXd v = map, w = Eigen::MatrixXd::Ones(rows, cols);
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j)
      if (std::isnan(v(i, j))) v(i, j) = w(i, j) = 0.0;
  auto pass = [&](const Eigen::MatrixXd& in, bool alongColumns) {
    Eigen::MatrixXd out = Eigen::MatrixXd::Zero(rows, cols);
    for (int i = 0; i < rows; ++i)
      for (int j = 0; j < cols; ++j)
        for (int k = -radius; k <= radius; ++k) {
          const int ii = alongColumns ? i : i + k, jj = alongColumns ? j + k : j;
          if (ii >= 0 && ii < rows && jj >= 0 && jj < cols) out(i, j) += g[k + radius] * in(ii, jj);
        }
    return out;
  };
  const Eigen::MatrixXd gv = pass(pass(v, true), false), gw = pass(pass(w, true), false);
  Eigen::MatrixXd out(rows, cols);
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) out(i, j) = std::isnan(map(i, j)) ? kNaN : gv(i, j) / gw(i, j);
  return out;
}

namespace {

template <typename M>
DirectionTuning directionTuningImpl(const M& rates,
                                    const Eigen::Ref<const Eigen::VectorXd>& headings, int bins) {
  if (bins < 4 || bins > 3600)
    throw std::invalid_argument("direction_tuning.bins: must be in [4, 3600], got " + num(bins));
  checkSamples(rates.cols(), headings.size(), "headings");
  const Eigen::Index N = rates.rows();
  DirectionTuning t;
  t.bins = bins;
  t.centresDeg.resize(bins);
  for (int k = 0; k < bins; ++k) t.centresDeg[k] = (k + 0.5) * 360.0 / bins;
  t.occupancy = Eigen::VectorXd::Zero(bins);
  Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(N, bins);
  for (Eigen::Index s = 0; s < rates.cols(); ++s) {
    if (!std::isfinite(headings[s])) continue;
    const int k = std::min(bins - 1, static_cast<int>(wrapTwoPi(headings[s]) / kTwoPi * bins));
    sums.col(k) += rates.col(s).template cast<double>();
    t.occupancy[k] += 1.0;
  }
  t.curve.resize(N, bins);
  t.meanVectorLength.resize(N);
  t.preferredDeg.resize(N);
  t.shifted = Eigen::VectorXi::Zero(N);
  for (Eigen::Index i = 0; i < N; ++i) {
    double lowest = std::numeric_limits<double>::infinity();
    for (int k = 0; k < bins; ++k) {
      t.curve(i, k) = t.occupancy[k] > 0 ? sums(i, k) / t.occupancy[k] : kNaN;
      if (t.occupancy[k] > 0) lowest = std::min(lowest, t.curve(i, k));
    }
    const double shift = lowest < 0 ? lowest : 0.0;
    t.shifted[i] = lowest < 0 ? 1 : 0;
    // R = |Σ f_k e^{iφ_k}| / Σ f_k over non-empty bins.
    double c = 0, sn = 0, total = 0;
    for (int k = 0; k < bins; ++k) {
      if (!(t.occupancy[k] > 0)) continue;
      const double f = t.curve(i, k) - shift, phi = radians(t.centresDeg[k]);
      c += f * std::cos(phi);
      sn += f * std::sin(phi);
      total += f;
    }
    if (total > 0) {
      t.meanVectorLength[i] = std::hypot(c, sn) / total;
      t.preferredDeg[i] = degrees(wrapTwoPi(std::atan2(sn, c)));
    } else {
      t.meanVectorLength[i] = t.preferredDeg[i] = kNaN;
    }
  }
  return t;
}

template <typename M>
SpeedTuning speedTuningImpl(const M& rates, const Eigen::Ref<const Eigen::VectorXd>& speeds,
                            int bins, double minSpeed, double maxSpeed) {
  if (bins < 1 || bins > 10000)
    throw std::invalid_argument("speed_tuning.bins: must be in [1, 10000], got " + num(bins));
  checkSamples(rates.cols(), speeds.size(), "speeds");
  const Eigen::Index N = rates.rows();
  SpeedTuning t;
  t.bins = bins;
  t.minSpeed = minSpeed;
  if (!(maxSpeed > 0)) {
    maxSpeed = minSpeed;
    for (Eigen::Index s = 0; s < speeds.size(); ++s)
      if (std::isfinite(speeds[s])) maxSpeed = std::max(maxSpeed, speeds[s]);
  }
  if (!(maxSpeed > minSpeed)) maxSpeed = minSpeed + 1.0;  // degenerate data: a unit-wide range
  t.maxSpeed = maxSpeed;
  const double w = (maxSpeed - minSpeed) / bins;
  t.centres.resize(bins);
  for (int k = 0; k < bins; ++k) t.centres[k] = minSpeed + (k + 0.5) * w;
  t.occupancy = Eigen::VectorXd::Zero(bins);
  Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(N, bins);
  // Pearson sums: Σx, Σx², Σy_i, Σy_i², Σx·y_i over samples with speed ≥ minSpeed.
  double sx = 0, sxx = 0;
  Eigen::VectorXd sy = Eigen::VectorXd::Zero(N), syy = sy, sxy = sy;
  long long used = 0;
  for (Eigen::Index s = 0; s < rates.cols(); ++s) {
    const double x = speeds[s];
    if (!(std::isfinite(x) && x >= minSpeed)) continue;
    ++used;
    const Eigen::VectorXd r = rates.col(s).template cast<double>();
    sx += x;
    sxx += x * x;
    sy += r;
    syy += r.cwiseAbs2();
    sxy += x * r;
    const int k = binOf(x, minSpeed, maxSpeed, bins);
    if (k < 0) continue;
    sums.col(k) += r;
    t.occupancy[k] += 1.0;
  }
  t.samplesUsed = used;
  t.curve.resize(N, bins);
  for (int k = 0; k < bins; ++k)
    for (Eigen::Index i = 0; i < N; ++i)
      t.curve(i, k) = t.occupancy[k] > 0 ? sums(i, k) / t.occupancy[k] : kNaN;
  t.speedScore.resize(N);
  const double n = static_cast<double>(used);
  const double varX = sxx / n - (sx / n) * (sx / n);
  for (Eigen::Index i = 0; i < N; ++i) {
    const double varY = syy[i] / n - (sy[i] / n) * (sy[i] / n);
    const double cov = sxy[i] / n - (sx / n) * (sy[i] / n);
    t.speedScore[i] = (used > 1 && varX > 1e-300 && varY > 1e-12 * (syy[i] / n) && varY > 0)
                          ? cov / std::sqrt(varX * varY)
                          : kNaN;
  }
  return t;
}

}  // namespace

DirectionTuning computeDirectionTuning(const Eigen::Ref<const Eigen::MatrixXd>& rates,
                                       const Eigen::Ref<const Eigen::VectorXd>& headings,
                                       int bins) {
  return directionTuningImpl(rates, headings, bins);
}
DirectionTuning computeDirectionTuning(const Eigen::Ref<const Eigen::MatrixXf>& rates,
                                       const Eigen::Ref<const Eigen::VectorXd>& headings,
                                       int bins) {
  return directionTuningImpl(rates, headings, bins);
}
SpeedTuning computeSpeedTuning(const Eigen::Ref<const Eigen::MatrixXd>& rates,
                               const Eigen::Ref<const Eigen::VectorXd>& speeds, int bins,
                               double minSpeed, double maxSpeed) {
  return speedTuningImpl(rates, speeds, bins, minSpeed, maxSpeed);
}
SpeedTuning computeSpeedTuning(const Eigen::Ref<const Eigen::MatrixXf>& rates,
                               const Eigen::Ref<const Eigen::VectorXd>& speeds, int bins,
                               double minSpeed, double maxSpeed) {
  return speedTuningImpl(rates, speeds, bins, minSpeed, maxSpeed);
}

}  // namespace emergence::engine
