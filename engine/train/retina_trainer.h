#pragma once
// Step-wise trainer of the retina lab (retina.md §3): one step() is one Adam update of the CNN on
// a batch of chunks drawn from the synthetic recording (retina_data.h), Poisson counts as targets.
// Every validateEvery updates the validation CC (mean over cells of the per-cell Pearson CC of the
// predicted rate with the held-out counts) is measured; the learning rate is multiplied by
// plateauFactor after plateauPatience validations without an improvement of minImprovement, and
// training stops after stopPatience such validations (early stopping); the best-validation
// weights are kept and are what evaluation and analysis use.
//
// Determinism: every draw derives from config.seed —
//   data: retina_data.h;  initial weights: Rng(seed).stream(kInitStream)
//   batch of update u: Rng(seed).stream(kBatchStream + u);  noise: Rng(seed).stream(kNoiseStream
//   + u), chunk i and layer j using its stream(4i + j)
// and every reduction runs in chunk order, so a run is bit-identical for any thread count, and a
// resumed run (state()/restore(), retina_run_folder.h) continues exactly.
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "engine/models/retina_cnn.h"
#include "engine/retina/phenomena.h"
#include "engine/retina/synthetic_retina.h"
#include "engine/train/adamw.h"
#include "engine/train/retina_data.h"
#include "engine/train/retina_run_config.h"

namespace emergence::engine {

struct RetinaUpdateRecord {
  long long update = 0;  // 1-based
  double loss = 0, poisson = 0, activity = 0, weight = 0;
  double meanRateHz = 0;     // mean predicted rate of the batch
  double gradientNorm = 0;   // before clipping
  double learningRate = 0;   // used for this update
  double seconds = 0;        // wall time of the update
  double validationCc = std::numeric_limits<double>::quiet_NaN();      // vs counts, if validated
  double validationCcRate = std::numeric_limits<double>::quiet_NaN();  // vs the noise-free rate
};

struct RetinaValidation {
  Eigen::VectorXd ccCounts, ccRate;  // N per-cell CC with the held-out counts / noise-free rate
  double meanCcCounts = 0, meanCcRate = 0;
};

// §9 fit measures on the test set (60 s × R repeats), for every cell.
struct RetinaTestEvaluation {
  long long update = 0;
  Eigen::MatrixXd predictedHz, rateHz, trialMeanHz;  // N × T
  Eigen::VectorXd ccRate;       // CC with the noise-free ground-truth rate
  Eigen::VectorXd ccTrialMean;  // CC with the trial-averaged rate
  Eigen::VectorXd ceiling;      // split-half ceiling 2ρ/(1 + ρ)
  Eigen::VectorXd fev;          // noise-corrected FEV
  double meanCcRate = 0, meanCcTrialMean = 0, meanCeiling = 0, meanFev = 0;
  double meanCcOverCeiling = 0;  // mean over cells of CC(trial mean)/ceiling
};

class RetinaTrainer {
 public:
  static constexpr std::uint64_t kInitStream = 1;
  static constexpr std::uint64_t kBatchStream = 1ull << 32, kNoiseStream = 1ull << 48;

  // Renders the data (parallel over segments) and initialises the network.
  explicit RetinaTrainer(const RetinaRunConfig& config, int threads = 2);

  const RetinaRunConfig& config() const { return m_config; }
  const RetinaDataset& data() const { return *m_data; }
  long long updatesDone() const { return m_update; }
  int threads() const { return m_threads; }
  void setThreads(int t) { m_threads = t < 1 ? 1 : t; }

  // One update (and a validation when due). Does nothing once done().
  RetinaUpdateRecord step();
  // Stopped early, reached maxUpdates, or failed.
  bool done() const { return !m_stopReason.empty(); }
  const std::string& stopReason() const { return m_stopReason; }
  bool failed() const { return m_failed; }
  // Marks the run as stopped (e.g. the wall-time budget ran out) with the reason.
  void stop(const std::string& reason) { m_stopReason = reason; }

  // Precise BN for the best weights (RetinaCnn::recalibrateBatchNorm) on `chunks` chunks of
  // chunkLength windows drawn from the training segments (Rng(seed).stream(kRecalibrationStream)).
  void recalibrateBest(int chunks);
  static constexpr std::uint64_t kRecalibrationStream = 3;

  RetinaValidation validate(const RetinaCnn<float>& net) const;
  RetinaTestEvaluation evaluateTest() const;  // of bestModel()

  const RetinaCnn<float>& model() const { return m_model; }
  const RetinaCnn<float>& bestModel() const { return m_best; }
  long long bestUpdate() const { return m_bestUpdate; }
  double bestValidationCc() const { return m_bestCc; }
  double learningRate() const { return m_learningRate; }
  const std::vector<RetinaUpdateRecord>& history() const { return m_history; }
  // The ground-truth retina of the run (the roster that generated the data), for probes.
  SyntheticRetina groundTruth() const { return SyntheticRetina(m_config.data.retina); }

  struct State {
    long long update = 0;
    RetinaCnnParameters<float> params, bestParams;
    RetinaBnRunning<float> running, bestRunning;
    AdamW::State optimizer;
    double learningRate = 0, bestCc = -2;
    long long bestUpdate = 0;
    int sinceBest = 0, sinceLrChange = 0;
    std::string stopReason;
    bool failed = false;
    std::vector<RetinaUpdateRecord> history;
  };
  State state() const;
  void restore(const State& s);  // throws std::invalid_argument on shape mismatch

 private:
  void afterValidation(const RetinaValidation& v, RetinaUpdateRecord& rec);
  std::vector<ParameterView> views();
  void copyToBest();

  RetinaRunConfig m_config;
  int m_threads;
  std::unique_ptr<RetinaDataset> m_data;
  RetinaCnn<float> m_model, m_best;
  RetinaCnnParameters<float> m_grad;
  RetinaChunkBatch<float> m_batch;
  AdamW m_optimizer;
  long long m_update = 0, m_bestUpdate = 0;
  double m_learningRate = 0, m_bestCc = -2;
  int m_sinceBest = 0, m_sinceLrChange = 0;
  std::string m_stopReason;
  bool m_failed = false;
  std::vector<RetinaUpdateRecord> m_history;
};

}  // namespace emergence::engine
