#include "engine/tasks/head_direction_task.h"

#include <cmath>

#include "engine/core/angles.h"
#include "engine/core/random.h"

namespace emergence::engine {

double HeadDirectionTaskConfig::stationaryAvSd() const {
  return avScale * avNoise / std::sqrt(1.0 - avMomentum * avMomentum);
}

namespace {

HeadDirectionTrials allocateTrials(int T, int B) {
  HeadDirectionTrials out;
  out.batch.steps = T;
  out.batch.trials = B;
  out.batch.inputs = Eigen::MatrixXd::Zero(3, Eigen::Index(T) * B);
  out.batch.targets.resize(2, Eigen::Index(T) * B);
  out.batch.lossMask.resize(Eigen::Index(T) * B);
  out.heading.resize(T, B);
  out.omega.resize(T, B);
  out.initialHeading.resize(B);
  return out;
}

// Fill inputs, targets and mask of trial b from its θ0 and ω sequence (ω already 0 on cue steps).
void integrateTrial(HeadDirectionTrials& out, int b, int cueSteps) {
  const int T = out.batch.steps, B = out.batch.trials;
  const double theta0 = out.initialHeading[b];
  double theta = theta0;
  for (int t = 0; t < T; ++t) {
    const Eigen::Index col = Eigen::Index(t) * B + b;
    const double w = out.omega(t, b);
    theta = wrapTwoPi(theta + w);
    out.heading(t, b) = theta;
    out.batch.inputs(0, col) = w;
    if (t < cueSteps) {
      out.batch.inputs(1, col) = std::sin(theta0);
      out.batch.inputs(2, col) = std::cos(theta0);
    }
    out.batch.targets(0, col) = std::sin(theta);
    out.batch.targets(1, col) = std::cos(theta);
    out.batch.lossMask[col] = t < cueSteps ? 0.0 : 1.0;
  }
}

}  // namespace

HeadDirectionTrials generateHeadDirectionTrials(const HeadDirectionTaskConfig& c, int B,
                                                Rng& rng) {
  const int T = c.steps;
  HeadDirectionTrials out = allocateTrials(T, B);
  const int startMax = c.stillStartMax >= 0 ? c.stillStartMax : T / 3;
  const int durationMax = c.stillDurationMax >= 0 ? c.stillDurationMax : (2 * T) / 3;
  const double sigma = c.avScale * c.avNoise;
  for (int b = 0; b < B; ++b) {
    out.initialHeading[b] = kTwoPi * rng.uniform();
    int stillBegin = T, stillEnd = T;
    if (c.stillPeriods && b < B / 2) {
      stillBegin = int(rng.uniformInt(std::uint64_t(startMax) + 1));
      stillEnd = stillBegin + int(rng.uniformInt(std::uint64_t(durationMax) + 1));
    }
    double w = 0.0;  // AR(1) state
    for (int t = 0; t < T; ++t) {
      const double innovation = rng.normal();  // drawn every step: fixed draw count per trial
      if (t < c.cueSteps || (t >= stillBegin && t < stillEnd)) {
        w = 0.0;  // cue steps and stillness: ω = 0, AR restarts from 0 afterwards
      } else {
        w = sigma * innovation + c.avMomentum * w;
      }
      out.omega(t, b) = w;
    }
    integrateTrial(out, b, c.cueSteps);
  }
  return out;
}

HeadDirectionTrials headDirectionTrialsWithOmega(int T, int cueSteps,
                                                 const Eigen::VectorXd& omegaPerStep,
                                                 const Eigen::VectorXd& initialHeadings) {
  const int B = int(initialHeadings.size());
  HeadDirectionTrials out = allocateTrials(T, B);
  for (int b = 0; b < B; ++b) {
    out.initialHeading[b] = initialHeadings[b];
    for (int t = 0; t < T; ++t)
      out.omega(t, b) = (t < cueSteps || t >= omegaPerStep.size()) ? 0.0 : omegaPerStep[t];
    integrateTrial(out, b, cueSteps);
  }
  return out;
}

}  // namespace emergence::engine
