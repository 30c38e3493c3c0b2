#pragma once
// Hand-built results of the two long analyses, for the widget tests (no training involved):
//   makeAttractorResult: K settled states on a circle of radius 2 in the PC plane, cued with
//     θ_k = 2πk/K (PC angle = θ_k), P slow points on the same circle at the states they started
//     from (k = j·K/P); slow point j has |λ1| = 1 − 0.001·(j + 1) (real) and the rest of its
//     N − 1 eigenvalues at modulus 0.6 around the circle.
//   makeAvStatsResult: three runs (×0.1, ×1, ×3) of 100 units with planted class counts
//     kPlantedCounts[run][class] (class in UnitClass order: dead, compass, weak, ccw, cw).
#include <array>
#include <cmath>
#include <memory>
#include <numbers>

#include "engine/analysis/hd_attractor.h"
#include "engine/runtime/hd_av_statistics.h"

namespace emergence::testing {

inline std::shared_ptr<engine::HdAttractorResult> makeAttractorResult(int K = 64, int P = 8, int N = 20) {
  constexpr double kPi = std::numbers::pi;
  auto r = std::make_shared<engine::HdAttractorResult>();
  r->atUpdate = 1200;
  r->settled.headingRad.resize(K);
  r->settled.q = Eigen::VectorXd::Constant(K, 1e-12);
  r->ring.settled2d.resize(2, K);
  for (int k = 0; k < K; ++k) {
    const double th = 2 * kPi * k / K;
    r->settled.headingRad[k] = th;
    r->ring.settled2d(0, k) = 2 * std::cos(th);
    r->ring.settled2d(1, k) = 2 * std::sin(th);
  }
  r->ring.slow2d.resize(2, P);
  for (int j = 0; j < P; ++j) {
    const int k = j * K / P;
    r->slowStart.push_back(k);
    r->ring.slow2d.col(j) = r->ring.settled2d.col(k);
    engine::SlowPoint sp;
    sp.q = 1e-14 * (j + 1);
    sp.converged = true;
    sp.jacobianEigenvalues.resize(N);
    sp.jacobianEigenvalues[0] = std::complex<double>(1.0 - 0.001 * (j + 1), 0.0);
    for (int i = 1; i < N; ++i) sp.jacobianEigenvalues[i] = std::polar(0.6, 2 * kPi * i / N);
    r->slowPoints.push_back(sp);
  }
  r->ring.isRing = true;
  r->ring.winding = 1;
  r->ring.radiusCv = 0.0;
  r->ring.radiusMean = 2.0;
  r->ring.largestGapDeg = 360.0 / K;
  r->ring.top2Explained = 0.93;
  r->complete = true;
  r->converged = P;
  r->oneNearUnity = P;
  r->medianQ = 4.5e-14;
  r->medianAbsLambda1 = 1.0 - 0.001 * (P + 1) / 2.0;
  return r;
}

// [run][int(UnitClass)]: dead, compass, weak, shifter ccw, shifter cw.
inline constexpr std::array<std::array<int, 5>, 3> kPlantedCounts = {{
    {10, 40, 12, 20, 18},  // ×0.1: slow turning, many Compass units
    {10, 30, 8, 27, 25},   // ×1
    {8, 18, 6, 35, 33},    // ×3: fast turning, many Shifters
}};

inline std::shared_ptr<engine::HdAvStatsResult> makeAvStatsResult() {
  using engine::UnitClass;
  auto res = std::make_shared<engine::HdAvStatsResult>();
  const double factors[3] = {0.1, 1.0, 3.0};
  for (int r = 0; r < 3; ++r) {
    engine::HdAvStatsRun run;
    run.factor = run.avScale = factors[r];
    run.avSdDegPerStep = 2.8648 * factors[r];
    run.updates = 500;
    run.testError = 2.0 + r;
    run.stillFraction = 0.25;
    const int bins = 61;
    run.omegaCentresDegPerStep.resize(bins);
    run.omegaCounts.resize(bins);
    const double half = 4 * run.avSdDegPerStep, w = 2 * half / bins;
    for (int b = 0; b < bins; ++b) {
      const double x = -half + (b + 0.5) * w;
      run.omegaCentresDegPerStep[b] = x;
      run.omegaCounts[b] = std::round(1000 * std::exp(-0.5 * std::pow(x / run.avSdDegPerStep, 2)));
    }
    auto& a = run.analysis;
    const int n = 100;
    a.strength.resize(n);
    a.avSlope.resize(n);
    a.preferredDeg.resize(n);
    int i = 0;
    for (int c = 0; c < 5; ++c)
      for (int m = 0; m < kPlantedCounts[size_t(r)][size_t(c)]; ++m, ++i) {
        const UnitClass cls = UnitClass(c);
        a.classes.push_back(cls);
        const double wob = 0.05 * std::sin(1.3 * i);
        double s = 0, slope = 0;
        switch (cls) {
          case UnitClass::Dead: s = 0.01; slope = 0; break;
          case UnitClass::Compass: s = 0.9 + wob; slope = 0.01 * std::sin(i); break;
          case UnitClass::WeaklyTuned: s = 0.04; slope = 0.003 * std::cos(i); break;
          case UnitClass::ShifterCcw: s = 0.5 + wob; slope = 0.04 + 0.01 * std::cos(i); break;
          case UnitClass::ShifterCw: s = 0.45 + wob; slope = -0.04 - 0.01 * std::cos(i); break;
        }
        a.strength[i] = s;
        a.avSlope[i] = slope;
        a.preferredDeg[i] = std::fmod(137.5 * i, 360.0);
      }
    a.counts = engine::countUnitClasses(a.classes);
    res->runs.push_back(run);
  }
  res->complete = true;
  return res;
}

}  // namespace emergence::testing
