#pragma once
// Angular-velocity integration task of Cueva, Wang, Chin & Wei (2020), as in the authors' script
// generateINandTARGETOUT_CuevaWei2019.py (head-direction.md §3).
//   inputs  u_t = (ω_t, sin θ0, cos θ0); the two cue inputs are non-zero for the first
//           `cueSteps` steps only, and ω_t = 0 during those steps;
//   targets y*_t = (sin θ_t, cos θ_t), θ_t = mod(θ_{t−1} + ω_t, 2π), θ_0 = θ0 ~ U[0, 2π);
//   loss mask 0 during the cue steps.
// Angular velocity (rad/step): AR(1) ω_t = scale·σ·N(0,1) + ρ·ω_{t−1} (scale multiplies the SD of
// the whole process). In the first half of the batch, ω is held at 0 on steps
// [t0, t0 + d), t0 ~ U{0…⌊T/3⌋}, d ~ U{0…⌊2T/3⌋}, and the AR state restarts from 0 afterwards.
#include <Eigen/Core>

#include "engine/models/ctrnn.h"

namespace emergence::engine {

class Rng;

struct HeadDirectionTaskConfig {
  int steps = 500;               // T
  int cueSteps = 10;             // angle0_duration
  double avNoise = 0.03;         // σ of the AR(1) innovation, rad/step
  double avMomentum = 0.8;       // ρ
  double avScale = 1.0;          // ×0.1 / ×1 / ×3 experiment (§3.3)
  bool stillPeriods = true;      // forced stillness in the first half of the batch
  int stillStartMax = -1;        // < 0: ⌊T/3⌋ (167 for T = 500)
  int stillDurationMax = -1;     // < 0: ⌊2T/3⌋ (333 for T = 500)

  // Stationary SD of ω (rad/step): scale·σ/√(1 − ρ²); 0.05 for the defaults.
  double stationaryAvSd() const;
};

struct HeadDirectionTrials {
  SequenceBatch<double> batch;  // inputs 3 × (T·B), targets 2 × (T·B), mask 1 × (T·B)
  Eigen::MatrixXd heading;      // T × B: true θ_t after step t, radians in [0, 2π)
  Eigen::MatrixXd omega;        // T × B: ω_t, rad/step
  Eigen::VectorXd initialHeading;  // B: θ0
};

// Draw B trials; all randomness from `rng` in a fixed order (per trial: θ0, stillness, ω_t).
HeadDirectionTrials generateHeadDirectionTrials(const HeadDirectionTaskConfig& config, int trials,
                                                Rng& rng);

// Trials with a prescribed angular velocity ω(t) for t ≥ cueSteps (same for every trial) and the
// given initial headings; used by the lesion protocols (constant ±0.05 rad/step).
HeadDirectionTrials headDirectionTrialsWithOmega(int steps, int cueSteps,
                                                 const Eigen::VectorXd& omegaPerStep,
                                                 const Eigen::VectorXd& initialHeadings);

// Decoded heading atan2(y_sin, y_cos) in [0, 2π).
inline double decodeHeading(double ySin, double yCos);

template <typename S>
SequenceBatch<S> castBatch(const SequenceBatch<double>& b) {
  SequenceBatch<S> o;
  o.steps = b.steps;
  o.trials = b.trials;
  o.inputs = b.inputs.cast<S>();
  o.targets = b.targets.cast<S>();
  o.lossMask = b.lossMask.cast<S>();
  return o;
}

}  // namespace emergence::engine

#include <cmath>
inline double emergence::engine::decodeHeading(double ySin, double yCos) {
  double a = std::atan2(ySin, yCos);
  return a < 0 ? a + 6.283185307179586476925286766559 : a;
}
