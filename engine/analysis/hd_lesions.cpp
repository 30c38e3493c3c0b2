#include "engine/analysis/hd_lesions.h"

#include <cmath>
#include <limits>
#include <vector>

#include "engine/core/angles.h"
#include "engine/core/random.h"

namespace emergence::engine {
namespace {

// Decoded heading of trial b at step t (1-based) from the output trace, radians.
double decodedAt(const CtrnnTrace<float>& tr, int t, int b) {
  const Eigen::Index col = Eigen::Index(t - 1) * tr.trials + b;
  return decodeHeading(tr.y(0, col), tr.y(1, col));
}

// Unwrapped change of the decoded heading between steps t0 and t1 of trial b, radians.
double unwrappedTurn(const CtrnnTrace<float>& tr, int t0, int t1, int b) {
  double turn = 0.0, prev = decodedAt(tr, t0, b);
  for (int t = t0 + 1; t <= t1; ++t) {
    const double cur = decodedAt(tr, t, b);
    double d = cur - prev;
    d -= kTwoPi * std::round(d / kTwoPi);
    turn += d;
    prev = cur;
  }
  return turn;
}

DriftResult measureDrift(const Ctrnn<float>& net, const std::vector<int>& units,
                         const HeadDirectionTrials& trials, const LesionProtocol& p) {
  const int begin = p.cueSteps + p.settleSteps, end = begin + p.windowSteps;
  const SequenceBatch<float> batch = castBatch<float>(trials.batch);
  CtrnnTrace<float> intact, lesioned;
  net.forward(batch, {}, nullptr, intact);
  // Silence from the first step of the window: r_t = 0 for t ∈ [begin+1, end].
  net.forward(batch, {UnitPerturbation::silence(units, begin + 1, end + 1)}, nullptr, lesioned);
  DriftResult d;
  const int B = batch.trials;
  const Eigen::Index N = lesioned.r.rows();
  std::vector<bool> silenced(size_t(N), false);
  for (int u : units)
    if (u >= 0 && u < N) silenced[size_t(u)] = true;
  // Σ r over the units not silenced, step t (0 = r_0) of trial b.
  auto remainingRate = [&](int t, int b) {
    double s = 0.0;
    for (Eigen::Index i = 0; i < N; ++i)
      if (!silenced[size_t(i)]) s += double(lesioned.r(i, Eigen::Index(t) * B + b));
    return s;
  };
  double endSin = 0.0, endCos = 0.0;
  for (int b = 0; b < B; ++b) {
    const double endHeading = decodedAt(lesioned, end, b);
    endSin += std::sin(endHeading) / B;
    endCos += std::cos(endHeading) / B;
    const double atStart = remainingRate(begin, b);
    d.remainingActivityRatio += (atStart > 0 ? remainingRate(end, b) / atStart : 0.0) / B;
    const double drift = unwrappedTurn(lesioned, begin, end, b);
    d.meanAbsDriftDeg += std::abs(degrees(drift)) / B;
    d.maxAbsDriftDeg = std::max(d.maxAbsDriftDeg, std::abs(degrees(drift)));
    d.meanSignedDriftDeg += degrees(drift) / B;
    d.intactTurnDeg += degrees(unwrappedTurn(intact, begin, end, b)) / B;
    double trueTurn = 0.0;
    for (int t = begin; t < end; ++t) trueTurn += trials.omega(t, b);
    d.trueTurnDeg += degrees(trueTurn) / B;
  }
  d.endConcentration = std::hypot(endSin, endCos);
  d.endHeadingDeg = degrees(wrapTwoPi(std::atan2(endSin, endCos)));
  return d;
}

}  // namespace

DriftResult silencedDrift(const Ctrnn<float>& net, const std::vector<int>& units, double omega,
                          const LesionProtocol& p) {
  const int T = p.cueSteps + p.settleSteps + p.windowSteps;
  Eigen::VectorXd w = Eigen::VectorXd::Zero(T);
  // ω_t (0-based t) = omega on the window steps begin+1..end (1-based) = indices begin..end−1.
  w.segment(p.cueSteps + p.settleSteps, p.windowSteps).setConstant(omega);
  Eigen::VectorXd headings(p.trials);
  for (int b = 0; b < p.trials; ++b) headings[b] = kTwoPi * b / p.trials;
  DriftResult d = measureDrift(net, units, headDirectionTrialsWithOmega(T, p.cueSteps, w, headings), p);
  d.omega = omega;
  return d;
}

DriftResult silencedDriftGeneratorAv(const Ctrnn<float>& net, const std::vector<int>& units,
                                     const HeadDirectionTaskConfig& task,
                                     const LesionProtocol& p, std::uint64_t seed) {
  HeadDirectionTaskConfig c = task;
  c.steps = p.cueSteps + p.settleSteps + p.windowSteps;
  c.cueSteps = p.cueSteps;
  c.stillPeriods = false;
  Rng rng(seed);
  DriftResult d = measureDrift(net, units, generateHeadDirectionTrials(c, p.trials, rng), p);
  d.omega = std::numeric_limits<double>::quiet_NaN();
  return d;
}

SilencingErrorResult silencedError(const Ctrnn<float>& net, const std::vector<int>& units,
                                   const HeadDirectionTaskConfig& task, int trials, int steps,
                                   int silenceBegin, int silenceEnd, std::uint64_t seed) {
  HeadDirectionTaskConfig c = task;
  c.steps = steps;
  c.stillPeriods = false;
  Rng rng(seed);
  const HeadDirectionTrials hd = generateHeadDirectionTrials(c, trials, rng);
  const SequenceBatch<float> batch = castBatch<float>(hd.batch);
  CtrnnTrace<float> tr;
  net.forward(batch, {UnitPerturbation::silence(units, silenceBegin, silenceEnd)}, nullptr, tr);
  // Normalised error on steps [a, b) (1-based), §5.
  auto windowError = [&](int a, int b) {
    a = std::max(a, c.cueSteps + 1);
    if (b <= a) return std::numeric_limits<double>::quiet_NaN();
    double ne = 0.0;
    for (int o = 0; o < 2; ++o) {
      double err = 0, sum = 0, sumSq = 0, n = 0;
      for (int t = a; t < b; ++t)
        for (int k = 0; k < trials; ++k) {
          const Eigen::Index col = Eigen::Index(t - 1) * trials + k;
          const double target = batch.targets(o, col);
          err += std::pow(tr.y(o, col) - target, 2);
          sum += target;
          sumSq += target * target;
          n += 1;
        }
      const double var = sumSq - sum * sum / n;
      ne += var > 0 ? err / var : 0.0;
    }
    return 100.0 * ne / 2.0;
  };
  return {windowError(1, silenceBegin), windowError(silenceBegin, silenceEnd),
          windowError(silenceEnd, steps + 1)};
}

}  // namespace emergence::engine
