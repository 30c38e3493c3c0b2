#pragma once
// Angular-velocity statistics experiment (head-direction.md §3.3, Fig. 5 c/f/i): retrain the
// network with the SD of the AV process multiplied by each factor (×0.1, ×1, ×3 by default) and
// compare the unit classes. Each run is a fresh HdTrainer on a copy of the base configuration
// with task.avScale = base.avScale · factor and the base seed, so the runs differ only in the
// turning statistics (same initial weights, same trial draws up to the scale of ω). After
// training, the classes come from the lab's own analysis path (computeHdAnalysisProduct:
// noise-free trials drawn from the run's own task statistics) with the given thresholds.
// Training runs one run after the other on `threads` threads (1 by default, so the live lab
// keeps its cores).
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/runtime/hd_snapshot.h"
#include "engine/train/hd_run_config.h"

namespace emergence::engine {

struct HdAvStatsConfig {
  std::vector<double> factors{0.1, 1.0, 3.0};
  int updates = 3000;            // per run
  int threads = 1;
  int analysisTrials = 200;      // noise-free trials for the tuning analysis
  int histogramBins = 61;        // AV histogram: odd, so ω = 0 is a bin centre
  double histogramRangeSd = 4.0; // ± this × the run's stationary AV SD
  UnitClassThresholds thresholds{};
};

struct HdAvStatsRun {
  double factor = 1.0;           // multiplier of the base AV SD
  double avScale = 1.0;          // task.avScale used
  double avSdDegPerStep = 0.0;   // stationary SD of ω, degrees per step
  long long updates = 0;         // updates trained
  double testError = 0.0;        // normalised error (%) on the run's test set, noise off
  std::string failure;           // training diverged: the trainer's message (empty when fine)
  // Histogram of the non-zero ω of the analysis trials (the run's input statistics), degrees per
  // step: bins of equal width over ±histogramRangeSd·SD; values outside go to the end bins.
  Eigen::VectorXd omegaCentresDegPerStep, omegaCounts;  // histogramBins each
  double stillFraction = 0.0;    // fraction of steps after the cue with ω exactly 0
  HdAnalysisProduct analysis;    // strength, avSlope, preferredDeg, classes, counts, thresholds
};

struct HdAvStatsResult {
  std::vector<HdAvStatsRun> runs;  // the runs completed, in factor order
  bool complete = false;           // every factor was trained and analysed
};

// Progress of run `run` (0-based) of `runs`: `update` of `updates` done; update == updates while
// the run is being analysed. Returning false stops the experiment after the current update.
using HdAvStatsProgress = std::function<bool(int run, int runs, long long update, long long updates)>;

// The configuration of one run (a copy of `base` with the scaled AV SD and `updates`).
HdRunConfig avStatsRunConfig(const HdRunConfig& base, double factor, int updates);

// Trains and analyses every factor in turn. Throws std::invalid_argument for an empty factor list,
// a factor ≤ 0 or updates < 1 (the message names the field).
HdAvStatsResult runHdAvStatistics(const HdRunConfig& base, const HdAvStatsConfig& config,
                                  const HdAvStatsProgress& progress = {});

// Analysis of a trained run (exposed for tests): classes, histogram, test error.
HdAvStatsRun analyzeAvStatsRun(HdTrainer& trainer, double factor, const HdAvStatsConfig& config);

}  // namespace emergence::engine
