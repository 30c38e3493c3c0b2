// HD / AV tuning (head-direction.md §6.2–6.4, §6.6). Shapes and conventions in hd_tuning.h.
// Loops run sample-outer, unit-inner so that the column-major N × S rates are read contiguously.
#include "engine/analysis/hd_tuning.h"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "engine/core/angles.h"

namespace emergence::engine {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void checkSizes(Eigen::Index n, Eigen::Index s, Eigen::Index a, Eigen::Index b, Eigen::Index c) {
  if (n <= 0) throw std::invalid_argument("hd tuning: no units");
  if (a != s || b != s || c != s)
    throw std::invalid_argument("hd tuning: heading, decoded heading and ω need one entry per "
                                "sample (column of the rates)");
}

// sums ./ counts column-wise; NaN where the count is 0. sums: N × bins, counts: bins.
Eigen::MatrixXd meanPerBin(const Eigen::MatrixXd& sums, const Eigen::VectorXd& counts) {
  Eigen::MatrixXd m(sums.rows(), sums.cols());
  for (Eigen::Index k = 0; k < sums.cols(); ++k) {
    if (counts[k] > 0)
      m.col(k) = sums.col(k) / counts[k];
    else
      m.col(k).setConstant(kNaN);
  }
  return m;
}

// Preferred HD (centre of argmax, degrees) and strength (max − min) of each row.
void preferredAndStrength(const Eigen::MatrixXd& curves, Eigen::VectorXd* pref,
                          Eigen::VectorXd* strength) {
  const int bins = int(curves.cols());
  pref->resize(curves.rows());
  if (strength) strength->resize(curves.rows());
  for (Eigen::Index i = 0; i < curves.rows(); ++i) {
    const Eigen::VectorXd row = curves.row(i).transpose();
    const int k = nanArgMax(row);
    (*pref)[i] = k < 0 ? kNaN : hdBinCentreDeg(k, bins);
    if (strength) (*strength)[i] = nanRange(row);
  }
}

template <typename S>
using ConstRef = Eigen::Ref<const Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>>;

// Six HD tuning curves: (true, decoded) × (all, ω > 0, ω < 0).
template <typename S>
void hdCurves(const ConstRef<S>& R, const Eigen::Ref<const Eigen::VectorXd>& heading,
              const Eigen::Ref<const Eigen::VectorXd>& decoded,
              const Eigen::Ref<const Eigen::VectorXd>& omega, int bins, HdTuningResult& out) {
  const Eigen::Index N = R.rows(), S_ = R.cols();
  // Index 0..2: true θ (all, CCW, CW); 3..5: decoded θ̂ (all, CCW, CW).
  std::vector<Eigen::MatrixXd> sums(6, Eigen::MatrixXd::Zero(N, bins));
  std::vector<Eigen::VectorXd> counts(6, Eigen::VectorXd::Zero(bins));
  for (Eigen::Index s = 0; s < S_; ++s) {
    const auto r = R.col(s).template cast<double>();
    const int dir = omega[s] > 0 ? 1 : (omega[s] < 0 ? 2 : 0);  // 0: ω = 0, counted in "all"
    const int kt = hdBinOf(heading[s], bins);
    const int kd = std::isfinite(decoded[s]) ? hdBinOf(decoded[s], bins) : -1;
    sums[0].col(kt) += r;
    counts[0][kt] += 1;
    if (dir) {
      sums[dir].col(kt) += r;
      counts[dir][kt] += 1;
    }
    if (kd >= 0) {
      sums[3].col(kd) += r;
      counts[3][kd] += 1;
      if (dir) {
        sums[3 + dir].col(kd) += r;
        counts[3 + dir][kd] += 1;
      }
    }
  }
  out.occupancy = counts[0];
  out.occupancyCcw = counts[1];
  out.occupancyCw = counts[2];
  out.occupancyDecoded = counts[3];
  out.occupancyDecodedCcw = counts[4];
  out.occupancyDecodedCw = counts[5];
  out.curve = meanPerBin(sums[0], counts[0]);
  out.curveCcw = meanPerBin(sums[1], counts[1]);
  out.curveCw = meanPerBin(sums[2], counts[2]);
  out.curveDecoded = meanPerBin(sums[3], counts[3]);
  out.curveDecodedCcw = meanPerBin(sums[4], counts[4]);
  out.curveDecodedCw = meanPerBin(sums[5], counts[5]);
}

// AV tuning at each unit's preferred HD (§6.4 step 1: window and ω range; steps 2–4 in
// fitAvTuningLine).
template <typename S>
void avTuning(const ConstRef<S>& R, const Eigen::Ref<const Eigen::VectorXd>& heading,
              const Eigen::Ref<const Eigen::VectorXd>& omega, const HdTuningConfig& c,
              HdTuningResult& out) {
  const Eigen::Index N = R.rows(), S_ = R.cols();
  const int A = c.avBins;
  out.av = makeAvBinning(omega, A, c.avRangeSd);
  out.avCentresDegPerStep.resize(A);
  for (int k = 0; k < A; ++k) out.avCentresDegPerStep[k] = degrees(out.av.centre(k));
  Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(N, A), counts = Eigen::MatrixXd::Zero(N, A);
  if (out.av.valid()) {
    for (Eigen::Index s = 0; s < S_; ++s) {
      const int a = out.av.binOf(omega[s]);
      if (a < 0) continue;
      const double thetaDeg = degrees(wrapTwoPi(heading[s]));
      for (Eigen::Index i = 0; i < N; ++i) {
        const double pref = out.preferredDeg[i];
        if (!(std::abs(wrapDegrees180(thetaDeg - pref)) <= c.avHalfWindowDeg)) continue;
        sums(i, a) += double(R(i, s));
        counts(i, a) += 1;
      }
    }
  }
  out.avCurve = (counts.array() > 0).select(sums.array() / counts.array(), kNaN).matrix();
  out.avSamples = counts.rowwise().sum().cast<int>();
  out.avUsed = Eigen::MatrixXi::Zero(N, A);
  out.avSlope = Eigen::VectorXd::Constant(N, kNaN);
  out.avIntercept = Eigen::VectorXd::Constant(N, kNaN);
  if (!out.av.valid()) return;
  const int zeroBin = out.av.binOf(0.0);
  for (Eigen::Index i = 0; i < N; ++i) {
    const Eigen::VectorXd row = out.avCurve.row(i).transpose();
    const AvLineFit fit =
        fitAvTuningLine(out.avCentresDegPerStep, row, zeroBin, c.avActiveLevel, c.avActiveFraction);
    out.avSlope[i] = fit.slope;
    out.avIntercept[i] = fit.intercept;
    out.avUsed.row(i) = fit.used.transpose();
  }
}

template <typename S>
HdTuningResult computeImpl(const ConstRef<S>& R, const Eigen::Ref<const Eigen::VectorXd>& heading,
                           const Eigen::Ref<const Eigen::VectorXd>& decoded,
                           const Eigen::Ref<const Eigen::VectorXd>& omega,
                           const HdTuningConfig& c) {
  checkSizes(R.rows(), R.cols(), heading.size(), decoded.size(), omega.size());
  if (c.hdBins <= 0 || c.avBins <= 0) throw std::invalid_argument("hd tuning: bins must be > 0");
  HdTuningResult out;
  out.numUnits = int(R.rows());
  out.hdBins = c.hdBins;
  out.hdCentresDeg.resize(c.hdBins);
  for (int k = 0; k < c.hdBins; ++k) out.hdCentresDeg[k] = hdBinCentreDeg(k, c.hdBins);
  hdCurves<S>(R, heading, decoded, omega, c.hdBins, out);
  preferredAndStrength(out.curve, &out.preferredDeg, &out.strength);
  preferredAndStrength(out.curveDecoded, &out.preferredDecodedDeg, &out.strengthDecoded);
  preferredAndStrength(out.curveCcw, &out.preferredCcwDeg, nullptr);
  preferredAndStrength(out.curveCw, &out.preferredCwDeg, nullptr);
  out.offsetDeg.resize(out.numUnits);
  for (int i = 0; i < out.numUnits; ++i)
    out.offsetDeg[i] = wrapDegrees180(out.preferredCcwDeg[i] - out.preferredCwDeg[i]);
  avTuning<S>(R, heading, omega, c, out);
  out.activityRange = activityRange(R);
  return out;
}

template <typename S>
HdAvMaps mapsImpl(const ConstRef<S>& R, const Eigen::Ref<const Eigen::VectorXd>& heading,
                  const Eigen::Ref<const Eigen::VectorXd>& omega, const std::vector<int>& unitsIn,
                  const HdTuningConfig& c) {
  checkSizes(R.rows(), R.cols(), heading.size(), omega.size(), omega.size());
  HdAvMaps out;
  out.hdBins = c.hdBins;
  out.avBins = c.avBins;
  out.av = makeAvBinning(omega, c.avBins, c.avRangeSd);
  out.units = unitsIn;
  if (out.units.empty())
    for (int i = 0; i < int(R.rows()); ++i) out.units.push_back(i);
  for (int u : out.units)
    if (u < 0 || u >= R.rows()) throw std::out_of_range("hd×av maps: unit index out of range");
  const Eigen::Index U = Eigen::Index(out.units.size()), cells = Eigen::Index(c.hdBins) * c.avBins;
  // Cell index h·avBins + a = column-major position of (a, h) in an avBins × hdBins map.
  Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(U, cells);
  Eigen::VectorXd counts = Eigen::VectorXd::Zero(cells);
  if (out.av.valid()) {
    for (Eigen::Index s = 0; s < R.cols(); ++s) {
      const int a = out.av.binOf(omega[s]);
      if (a < 0) continue;
      const Eigen::Index cell = Eigen::Index(hdBinOf(heading[s], c.hdBins)) * c.avBins + a;
      counts[cell] += 1;
      for (Eigen::Index j = 0; j < U; ++j) sums(j, cell) += double(R(out.units[j], s));
    }
  }
  out.counts = Eigen::Map<const Eigen::MatrixXd>(counts.data(), c.avBins, c.hdBins);
  for (Eigen::Index j = 0; j < U; ++j) {
    Eigen::MatrixXd m(c.avBins, c.hdBins);
    for (Eigen::Index cell = 0; cell < cells; ++cell)
      m.data()[cell] = counts[cell] > 0 ? sums(j, cell) / counts[cell] : kNaN;
    out.rowNormalised.push_back(normaliseRows(m));
    out.mean.push_back(std::move(m));
  }
  return out;
}

}  // namespace

int AvBinning::binOf(double omega) const {
  if (!valid() || !(omega >= lo && omega <= hi)) return -1;
  const int k = int(std::floor((omega - lo) / width()));
  return k >= bins ? bins - 1 : (k < 0 ? 0 : k);
}

AvBinning makeAvBinning(const Eigen::Ref<const Eigen::VectorXd>& omega, int bins,
                        double rangeSd) {
  AvBinning b;
  b.bins = bins;
  double sum = 0.0, sumSq = 0.0;
  Eigen::Index n = 0;
  for (Eigen::Index s = 0; s < omega.size(); ++s) {
    if (omega[s] == 0.0 || !std::isfinite(omega[s])) continue;
    sum += omega[s];
    sumSq += omega[s] * omega[s];
    ++n;
  }
  if (n > 0) {
    const double mean = sum / double(n);
    b.sdNonZero = std::sqrt(std::max(0.0, sumSq / double(n) - mean * mean));
  }
  b.lo = -rangeSd * b.sdNonZero;
  b.hi = rangeSd * b.sdNonZero;
  return b;
}

int hdBinOf(double angleRad, int bins) {
  const int k = int(std::floor(wrapTwoPi(angleRad) / kTwoPi * bins));
  return k >= bins ? bins - 1 : (k < 0 ? 0 : k);  // guards rounding at 2π
}

int nanArgMax(const Eigen::Ref<const Eigen::VectorXd>& v) {
  int best = -1;
  for (Eigen::Index k = 0; k < v.size(); ++k)
    if (!std::isnan(v[k]) && (best < 0 || v[k] > v[best])) best = int(k);
  return best;
}

double nanRange(const Eigen::Ref<const Eigen::VectorXd>& v) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (Eigen::Index k = 0; k < v.size(); ++k) {
    if (std::isnan(v[k])) continue;
    lo = std::min(lo, v[k]);
    hi = std::max(hi, v[k]);
  }
  return hi >= lo ? hi - lo : kNaN;
}

AvLineFit fitAvTuningLine(const Eigen::Ref<const Eigen::VectorXd>& x,
                          const Eigen::Ref<const Eigen::VectorXd>& y, int zeroBin,
                          double activeLevel, double activeFraction) {
  AvLineFit fit;
  const Eigen::Index A = y.size();
  fit.used = Eigen::VectorXi::Zero(A);
  // Step 2: non-empty bins other than the one containing ω = 0.
  int candidates = 0, active = 0;
  for (Eigen::Index k = 0; k < A; ++k) {
    if (k == zeroBin || std::isnan(y[k])) continue;
    fit.used[k] = 1;
    ++candidates;
    if (y[k] >= activeLevel) ++active;
  }
  // Step 3: a mostly active curve is fitted on its active part only.
  if (candidates > 0 && double(active) > activeFraction * double(candidates))
    for (Eigen::Index k = 0; k < A; ++k)
      if (fit.used[k] && y[k] < activeLevel) fit.used[k] = 0;
  // Step 4: ordinary least squares y = intercept + slope·x.
  double n = 0, mx = 0, my = 0;
  for (Eigen::Index k = 0; k < A; ++k)
    if (fit.used[k]) {
      n += 1;
      mx += x[k];
      my += y[k];
    }
  fit.binsUsed = int(n);
  fit.slope = fit.intercept = kNaN;
  if (n < 2) return fit;
  mx /= n;
  my /= n;
  double sxx = 0, sxy = 0;
  for (Eigen::Index k = 0; k < A; ++k)
    if (fit.used[k]) {
      sxx += (x[k] - mx) * (x[k] - mx);
      sxy += (x[k] - mx) * (y[k] - my);
    }
  if (sxx <= 0) return fit;
  fit.slope = sxy / sxx;
  fit.intercept = my - fit.slope * mx;
  return fit;
}

HdTuningResult computeHdTuning(const Eigen::Ref<const Eigen::MatrixXf>& rates,
                               const Eigen::Ref<const Eigen::VectorXd>& heading,
                               const Eigen::Ref<const Eigen::VectorXd>& decoded,
                               const Eigen::Ref<const Eigen::VectorXd>& omega,
                               const HdTuningConfig& config) {
  return computeImpl<float>(rates, heading, decoded, omega, config);
}
HdTuningResult computeHdTuning(const Eigen::Ref<const Eigen::MatrixXd>& rates,
                               const Eigen::Ref<const Eigen::VectorXd>& heading,
                               const Eigen::Ref<const Eigen::VectorXd>& decoded,
                               const Eigen::Ref<const Eigen::VectorXd>& omega,
                               const HdTuningConfig& config) {
  return computeImpl<double>(rates, heading, decoded, omega, config);
}

Eigen::VectorXd activityRange(const Eigen::Ref<const Eigen::MatrixXf>& rates) {
  if (rates.cols() == 0) return Eigen::VectorXd::Constant(rates.rows(), kNaN);
  return (rates.rowwise().maxCoeff() - rates.rowwise().minCoeff()).cast<double>();
}
Eigen::VectorXd activityRange(const Eigen::Ref<const Eigen::MatrixXd>& rates) {
  if (rates.cols() == 0) return Eigen::VectorXd::Constant(rates.rows(), kNaN);
  return rates.rowwise().maxCoeff() - rates.rowwise().minCoeff();
}

HdAvMaps computeHdAvMaps(const Eigen::Ref<const Eigen::MatrixXf>& rates,
                         const Eigen::Ref<const Eigen::VectorXd>& heading,
                         const Eigen::Ref<const Eigen::VectorXd>& omega,
                         const std::vector<int>& units, const HdTuningConfig& config) {
  return mapsImpl<float>(rates, heading, omega, units, config);
}
HdAvMaps computeHdAvMaps(const Eigen::Ref<const Eigen::MatrixXd>& rates,
                         const Eigen::Ref<const Eigen::VectorXd>& heading,
                         const Eigen::Ref<const Eigen::VectorXd>& omega,
                         const std::vector<int>& units, const HdTuningConfig& config) {
  return mapsImpl<double>(rates, heading, omega, units, config);
}

Eigen::MatrixXd normaliseRows(const Eigen::MatrixXd& map, double minRange) {
  Eigen::MatrixXd out = map;
  for (Eigen::Index a = 0; a < map.rows(); ++a) {
    const Eigen::VectorXd row = map.row(a).transpose();
    const double range = nanRange(row);
    if (!(range > minRange)) continue;
    double lo = std::numeric_limits<double>::infinity();
    for (Eigen::Index h = 0; h < row.size(); ++h)
      if (!std::isnan(row[h])) lo = std::min(lo, row[h]);
    out.row(a) = ((row.array() - lo) / range).matrix().transpose();
  }
  return out;
}

template <typename S>
HdSamples<S> gatherHdSamples(const CtrnnTrace<S>& trace, const HeadDirectionTrials& trials,
                             int firstStep) {
  const int T = trace.steps, B = trace.trials;
  if (T != int(trials.heading.rows()) || B != int(trials.heading.cols()))
    throw std::invalid_argument("gatherHdSamples: trace and trials differ in steps or trials");
  if (trace.y.rows() < 2) throw std::invalid_argument("gatherHdSamples: need 2 outputs");
  const int first = std::max(1, firstStep);
  const int kept = std::max(0, T - first + 1);
  HdSamples<S> out;
  const Eigen::Index S_ = Eigen::Index(kept) * B;
  out.rates.resize(trace.r.rows(), S_);
  out.heading.resize(S_);
  out.decoded.resize(S_);
  out.omega.resize(S_);
  for (int step = first; step <= T; ++step) {
    const Eigen::Index dst = Eigen::Index(step - first) * B;
    // r block `step` (block 0 is r_0); y, heading and ω index step−1.
    out.rates.middleCols(dst, B) = trace.r.middleCols(Eigen::Index(step) * B, B);
    for (int b = 0; b < B; ++b) {
      const Eigen::Index yc = Eigen::Index(step - 1) * B + b;
      out.heading[dst + b] = trials.heading(step - 1, b);
      out.omega[dst + b] = trials.omega(step - 1, b);
      out.decoded[dst + b] = decodeHeading(double(trace.y(0, yc)), double(trace.y(1, yc)));
    }
  }
  return out;
}

template HdSamples<float> gatherHdSamples<float>(const CtrnnTrace<float>&,
                                                 const HeadDirectionTrials&, int);
template HdSamples<double> gatherHdSamples<double>(const CtrnnTrace<double>&,
                                                   const HeadDirectionTrials&, int);

}  // namespace emergence::engine
