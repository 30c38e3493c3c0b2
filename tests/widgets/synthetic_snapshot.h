#pragma once
// A hand-built head-direction snapshot with planted classes, preferred directions, tuning curves,
// weights and a live trial, for the widget tests (no training involved).
//   classes by index mod 12: CCW CCW CCW CW CW Compass Compass Compass Compass CW weak dead
//   preferred HD of unit i: (137.5 · i) mod 360  (for N = 12 the Compass units 5, 6, 7, 8 have
//   327.5°, 105°, 242.5°, 20°)
//   W[i ← j] = 0.5 cos(pref_i − pref_j − shift_j) − 0.15 (shift +30° for CCW pre, −30° for CW
//   pre), 0.05 cos(·) for weak units, 0 for any pair with a dead unit.
#include <cmath>
#include <memory>
#include <numbers>
#include <random>

#include "engine/analysis/spectrum.h"
#include "engine/runtime/hd_snapshot.h"

namespace emergence::testing {

using engine::UnitClass;

inline UnitClass plantedClass(int i) {
  static const UnitClass pattern[12] = {
      UnitClass::ShifterCcw, UnitClass::ShifterCcw, UnitClass::ShifterCcw, UnitClass::ShifterCw,
      UnitClass::ShifterCw,  UnitClass::Compass,    UnitClass::Compass,    UnitClass::Compass,
      UnitClass::Compass,    UnitClass::ShifterCw,  UnitClass::WeaklyTuned, UnitClass::Dead};
  return pattern[i % 12];
}

inline double plantedPreferred(int i) { return std::fmod(137.5 * i, 360.0); }

// W[post ← pre] for N units, scaled by 12 / N so the spectrum stays of order 1 for any N
// (factor 1 for N = 12).
inline double plantedWeight(int post, int pre, int n = 12) {
  const double k = 12.0 / n;
  const UnitClass a = plantedClass(post), b = plantedClass(pre);
  if (a == UnitClass::Dead || b == UnitClass::Dead) return 0.0;
  const double shift = b == UnitClass::ShifterCcw ? 30.0 : b == UnitClass::ShifterCw ? -30.0 : 0.0;
  const double d = (plantedPreferred(post) - plantedPreferred(pre) - shift) * std::numbers::pi / 180;
  if (a == UnitClass::WeaklyTuned || b == UnitClass::WeaklyTuned) return k * 0.05 * std::cos(d);
  return k * (0.5 * std::cos(d) - 0.15);
}

inline std::shared_ptr<engine::HdSnapshot> makeSnapshot(int n = 12, bool withAnalysis = true) {
  constexpr double kPi = std::numbers::pi;
  auto s = std::make_shared<engine::HdSnapshot>();
  s->sequence = 7;
  s->state = engine::RunState::Training;
  s->numUnits = n;
  s->update = 300;
  s->plannedUpdates = 2000;
  s->updatesPerSecond = 42.5;

  // Analysis.
  auto a = std::make_shared<engine::HdAnalysisProduct>();
  a->version = 3;
  a->atUpdate = 300;
  a->preferredDeg.resize(n);
  a->strength.resize(n);
  a->avSlope.resize(n);
  a->offsetDeg.resize(n);
  a->activityRange.resize(n);
  a->hdTuning.resize(n, 360);
  a->hdTuningCw.resize(n, 360);
  a->hdTuningCcw.resize(n, 360);
  a->avTuning.resize(n, 100);
  a->avCentresDegPerStep.resize(100);
  for (int k = 0; k < 100; ++k) a->avCentresDegPerStep[k] = -9.0 + 18.0 * (k + 0.5) / 100;
  for (int i = 0; i < n; ++i) {
    const UnitClass c = plantedClass(i);
    a->classes.push_back(c);
    const double wobble = 0.08 * std::sin(1.7 * i);
    double strength = 0, slope = 0, offset = 0;
    switch (c) {
      case UnitClass::Compass: strength = 0.9 + wobble; slope = 0.004 * std::sin(i); break;
      case UnitClass::ShifterCcw: strength = 0.5 + wobble; slope = 0.03 + 0.01 * std::cos(i); offset = 18; break;
      case UnitClass::ShifterCw: strength = 0.45 + wobble; slope = -0.03 - 0.01 * std::cos(i); offset = -18; break;
      case UnitClass::WeaklyTuned: strength = 0.04; slope = 0.002; break;
      case UnitClass::Dead: strength = 0.01; slope = 0; break;
    }
    a->preferredDeg[i] = plantedPreferred(i);
    a->strength[i] = strength;
    a->avSlope[i] = slope;
    a->offsetDeg[i] = offset;
    a->activityRange[i] = c == UnitClass::Dead ? 0.0 : strength * 1.1;
    for (int b = 0; b < 360; ++b) {
      auto bump = [&](double shift) {
        const double d = (b + 0.5 - a->preferredDeg[i] - shift) * kPi / 180;
        return 0.02 + strength * std::exp(3.0 * (std::cos(d) - 1.0));
      };
      a->hdTuning(i, b) = bump(0);
      a->hdTuningCcw(i, b) = bump(offset / 2);
      a->hdTuningCw(i, b) = bump(-offset / 2);
    }
    for (int k = 0; k < 100; ++k) {
      const double x = a->avCentresDegPerStep[k];
      a->avTuning(i, k) = std::max(0.0, strength + slope * x + 0.01 * std::sin(7.3 * k + i));
    }
  }
  a->counts = engine::countUnitClasses(a->classes);
  s->analysis = withAnalysis ? a : nullptr;

  // Weights.
  auto w = std::make_shared<engine::HdWeightsProduct>();
  w->version = 5;
  w->atUpdate = 300;
  w->wRec.resize(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) w->wRec(i, j) = float(plantedWeight(i, j, n));
  w->maskRec = Eigen::MatrixXf::Ones(n, n);
  w->wIn = Eigen::MatrixXf::Zero(n, 3);
  w->wOut = Eigen::MatrixXf::Zero(2, n);
  std::mt19937 rng(12345);
  std::normal_distribution<double> normal(0.0, 1.5 / std::sqrt(double(n)));
  Eigen::MatrixXd w0(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) w0(i, j) = normal(rng);
  w->eigenvalues = engine::eigenvaluesOf(w->wRec.cast<double>());
  w->eigenvaluesInitial = engine::eigenvaluesOf(w0);
  s->weights = w;

  // Live trial: heading integrates a smooth ω; rates are bumps around the heading.
  auto& live = s->live;
  live.steps = 500;
  live.step = 300;
  const int len = 200;
  live.activityTrace.resize(n, len);
  double theta = 1.0;
  for (int t = 0; t < live.step; ++t) {
    const double omega = 0.06 * std::sin(t / 23.0) + 0.03 * std::sin(t / 7.0);
    theta = std::fmod(theta + omega + 2 * kPi, 2 * kPi);
    const int k = t - (live.step - len);
    if (k < 0) continue;
    const double decoded = std::fmod(theta + 0.05 * std::sin(t / 5.0) + 2 * kPi, 2 * kPi);
    live.trueTrace.push_back(float(theta));
    live.decodedTrace.push_back(float(decoded));
    live.omegaTrace.push_back(float(omega));
    for (int i = 0; i < n; ++i) {
      const double d = theta - a->preferredDeg[i] * kPi / 180;
      live.activityTrace(i, k) =
          float(a->classes[i] == UnitClass::Dead ? 0.0 : a->strength[i] * std::exp(3.0 * (std::cos(d) - 1)));
    }
    live.trueHeading = theta;
    live.decodedHeading = decoded;
    live.omega = omega;
  }
  live.rates = live.activityTrace.col(len - 1);

  // Training history.
  for (int u = 1; u <= 300; ++u) {
    engine::HdUpdateRecord r;
    r.update = u;
    r.steps = 100;
    r.task = 0.5 * std::exp(-u / 60.0) + 0.004 + 0.002 * std::abs(std::sin(u * 0.7));
    r.activity = 0.01 * std::exp(-u / 200.0);
    r.loss = r.task + r.activity + 0.001;
    r.trainError = 100 * std::exp(-u / 70.0) + 3 + 1.5 * std::abs(std::sin(u * 0.9));
    if (u % 25 == 0) r.testError = 100 * std::exp(-u / 70.0) + 2.5;
    s->history.push_back(r);
  }
  return s;
}

}  // namespace emergence::testing
