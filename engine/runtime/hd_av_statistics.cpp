#include "engine/runtime/hd_av_statistics.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/core/angles.h"
#include "engine/runtime/hd_products.h"

namespace emergence::engine {

HdRunConfig avStatsRunConfig(const HdRunConfig& base, double factor, int updates) {
  HdRunConfig c = base;
  c.task.avScale = base.task.avScale * factor;
  c.training.updates = updates;
  return c;
}

HdAvStatsRun analyzeAvStatsRun(HdTrainer& trainer, double factor, const HdAvStatsConfig& config) {
  const HdRunConfig& c = trainer.config();
  HdAvStatsRun run;
  run.factor = factor;
  run.avScale = c.task.avScale;
  run.avSdDegPerStep = degrees(c.task.stationaryAvSd());
  run.updates = trainer.updatesDone();
  run.failure = trainer.failure();
  run.testError = trainer.testError();
  const HdAnalysisRecording rec = makeHdAnalysisRecording(c, config.analysisTrials);
  run.analysis = *computeHdAnalysisProduct(trainer.model(), rec, config.thresholds, 1,
                                           trainer.updatesDone());
  // ω after the cue (trial steps ≥ firstStep), degrees per step.
  const int bins = std::max(1, config.histogramBins);
  const double half = std::max(config.histogramRangeSd * run.avSdDegPerStep, 1e-9);
  const double width = 2 * half / bins;
  run.omegaCentresDegPerStep.resize(bins);
  run.omegaCounts = Eigen::VectorXd::Zero(bins);
  for (int b = 0; b < bins; ++b) run.omegaCentresDegPerStep[b] = -half + (b + 0.5) * width;
  long long still = 0, total = 0;
  const Eigen::MatrixXd& omega = rec.trials.omega;  // T × B, rad/step
  for (Eigen::Index t = rec.firstStep - 1; t < omega.rows(); ++t)
    for (Eigen::Index b = 0; b < omega.cols(); ++b) {
      const double w = omega(t, b);
      ++total;
      if (w == 0.0) {
        ++still;
        continue;
      }
      const int k = std::clamp(int(std::floor((degrees(w) + half) / width)), 0, bins - 1);
      run.omegaCounts[k] += 1;
    }
  run.stillFraction = total ? double(still) / double(total) : 0.0;
  return run;
}

HdAvStatsResult runHdAvStatistics(const HdRunConfig& base, const HdAvStatsConfig& config,
                                  const HdAvStatsProgress& progress) {
  if (config.factors.empty()) throw std::invalid_argument("AV statistics: factors: list is empty");
  for (double f : config.factors)
    if (!(f > 0) || !std::isfinite(f))
      throw std::invalid_argument("AV statistics: factors: " + std::to_string(f) +
                                  " is not a positive number");
  if (config.updates < 1)
    throw std::invalid_argument("AV statistics: updates: must be ≥ 1, got " +
                                std::to_string(config.updates));
  HdAvStatsResult out;
  const int runs = int(config.factors.size());
  for (int r = 0; r < runs; ++r) {
    const double factor = config.factors[size_t(r)];
    HdTrainer trainer(avStatsRunConfig(base, factor, config.updates), std::max(1, config.threads));
    if (progress && !progress(r, runs, 0, config.updates)) return out;
    for (long long u = 1; u <= config.updates && !trainer.failed(); ++u) {
      trainer.step();
      if (progress && u < config.updates && !progress(r, runs, u, config.updates)) return out;
    }
    if (progress && !progress(r, runs, config.updates, config.updates)) return out;
    out.runs.push_back(analyzeAvStatsRun(trainer, factor, config));
  }
  out.complete = true;
  return out;
}

}  // namespace emergence::engine
