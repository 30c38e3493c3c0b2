#pragma once
// Step-wise trainer of the head-direction CTRNN: one call to step() is one optimiser update on
// a fresh batch. Built for both the CLI and the GUI's engine thread: interventions can be added
// or removed between any two steps, and the whole state can be saved and resumed exactly.
//
// Determinism: every random draw derives from config.seed —
//   initial weights: Rng(seed).stream(1)
//   trials of update u: Rng(seed).stream(kTaskStream + u)
//   noise of update u, shard s: Rng(seed).stream(kNoiseStream + u·64 + s)
//   test set: Rng(seed).stream(kTestStream)
// so a resumed run is bit-identical to an uninterrupted one, and the batch is cut into a fixed
// number of shards whose gradients are summed in shard order, whatever the thread count.
#include <limits>
#include <string>
#include <vector>

#include "engine/interventions/intervention_set.h"
#include "engine/models/ctrnn.h"
#include "engine/tasks/head_direction_task.h"
#include "engine/train/adamw.h"
#include "engine/train/hd_run_config.h"

namespace emergence::engine {

struct HdUpdateRecord {
  long long update = 0;   // 1-based index of this update
  int steps = 0;          // trial length used (curriculum)
  double loss = 0, task = 0, activity = 0, weight = 0;
  double trainError = 0;  // normalised error of the training batch, % (noise on)
  double testError = std::numeric_limits<double>::quiet_NaN();  // % on the test set, if evaluated
  double gradientNorm = 0;  // before clipping
  double activityL2 = 0;    // λ_r used for this update
  double seconds = 0;       // wall time of the update
};

class HdTrainer {
 public:
  static constexpr std::uint64_t kInitStream = 1, kTestStream = 2;
  static constexpr std::uint64_t kTaskStream = 1ull << 32, kNoiseStream = 1ull << 48;

  explicit HdTrainer(const HdRunConfig& config, int threads = 2);

  const HdRunConfig& config() const { return m_config; }
  long long updatesDone() const { return m_update; }
  int threads() const { return m_threads; }
  void setThreads(int t) { m_threads = t < 1 ? 1 : t; }

  // One update. On a non-finite loss or gradient the parameters are left at their last good
  // values, failed() becomes true and the record's loss is NaN; further steps do nothing.
  HdUpdateRecord step();
  bool failed() const { return !m_failure.empty(); }
  const std::string& failure() const { return m_failure; }

  // Normalised error (%) on the fixed test set, noise off, with the active interventions.
  double testError();
  // Trial length used at update u (linear curriculum), or the current length of the
  // error-gated curriculum whatever u.
  int stepsAt(long long update) const;
  // Update at which trials first reached task.steps, −1 if not yet (error-gated curriculum).
  long long fullLengthSince() const { return m_fullLengthSince; }

  const Ctrnn<float>& model() const { return m_model; }
  const CtrnnParameters<float>& initialParameters() const { return m_initial; }
  const CtrnnMasks& baseMasks() const { return m_baseMasks; }
  double activityL2() const { return m_activityL2; }
  const std::vector<HdUpdateRecord>& history() const { return m_history; }
  const HeadDirectionTrials& testSet() const { return m_test; }

  // Interventions (applied from the next step or test on).
  int addIntervention(const Intervention& i);
  bool removeIntervention(int id);
  const InterventionSet& interventions() const { return m_interventions; }

  // Exact save/resume (used by the run folder).
  struct State {
    long long update = 0;
    double activityL2 = 0;
    int curriculumSteps = 0;        // error-gated curriculum: current trial length (0: n/a)
    long long fullLengthSince = -1;
    CtrnnParameters<float> params, initial;
    CtrnnMasks baseMasks;
    AdamW::State optimizer;
    std::vector<HdUpdateRecord> history;
    std::vector<InterventionLogEntry> interventionLog;
    std::string failure;
  };
  State state() const;
  void restore(const State& s);  // throws std::invalid_argument on shape mismatch

 private:
  void refreshMasks();
  void advanceErrorGatedCurriculum();
  std::vector<ParameterView> parameterViews(CtrnnParameters<float>& grad);

  HdRunConfig m_config;
  int m_threads;
  Ctrnn<float> m_model;
  CtrnnParameters<float> m_initial;
  CtrnnMasks m_baseMasks;
  AdamW m_optimizer;
  double m_activityL2;
  long long m_update = 0;
  int m_curriculumSteps = 0;        // error-gated curriculum: current trial length
  long long m_fullLengthSince = -1;
  std::string m_failure;
  std::vector<HdUpdateRecord> m_history;
  InterventionSet m_interventions;
  HeadDirectionTrials m_test;
  SequenceBatch<float> m_testBatch;
  // Per-shard workspaces, reused across updates.
  std::vector<CtrnnTrace<float>> m_traces;
  std::vector<CtrnnParameters<float>> m_grads;
};

}  // namespace emergence::engine
