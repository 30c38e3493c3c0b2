#pragma once
// Step-wise trainer of the grid-cells lab (path integration in a 2-D arena). One step() is one
// optimiser update on a fresh batch of trajectories. The same trainer serves both recipes of
// grid_run_config.h (place-cell RNN or Cartesian CTRNN); the CLI and the GUI's engine thread
// drive it the same way as the head-direction trainer.
//
// Interventions (silence, clamp, inject into units or a class; ablate blocks of W_rec, W_in or
// the readout) act in training from the next step on, in record()/evaluate() when passed, and in
// the live trial; every add/remove is logged with its update (InterventionSet), so the same seed
// and the same log give the same weights. state()/restore() resume a run bit for bit.
//
// Determinism: every draw derives from config.seed —
//   initial weights: Rng(seed).stream(1); place-cell centres: Rng(placeCells.seed)
//   trajectories of update u: Rng(seed).stream(kTaskStream + u); CTRNN noise of update u,
//   shard s: Rng(seed).stream(kNoiseStream + 64·u + s); evaluation set: Rng(seed).stream(2)
// The batch is cut into a fixed number of shards, gradients summed in shard order, so results
// are bit-identical for any thread count.
#include <functional>
#include <limits>
#include <memory>
#include <vector>

#include "engine/analysis/rate_maps.h"
#include "engine/analysis/spatial_classes.h"
#include "engine/interventions/intervention_set.h"
#include "engine/interventions/unit_perturbation.h"
#include "engine/train/grid_run_config.h"

namespace emergence::engine {

struct GridUpdateRecord {
  long long update = 0;
  double loss = 0, task = 0, weight = 0, activity = 0;  // task: cross-entropy or MSE (m²)
  double decodingErrorCm = 0;                           // mean over the training batch
  double gradientNorm = 0;                              // before clipping
  double seconds = 0;                                   // wall time of the update
};

// Rate maps, scores and classes of every unit on the fixed evaluation set (noise off).
// Direction and speed tuning and mean rates are filled when GridEvaluationOptions::tuning is on.
struct GridEvaluation {
  long long update = 0;
  double decodingErrorCm = 0;
  SpatialBinning binning;
  std::vector<Eigen::MatrixXd> rateMaps;  // one n × n map per unit (NaN = unvisited)
  SpatialScores scores;
  SpatialClassification classes;
  double fractionGridAbove = 0;  // units with score60 (configured form) > threshold
  double maxScore60 = std::numeric_limits<double>::quiet_NaN();
  // 95th percentile of score60 over spatially shuffled (and 2-bin smoothed) maps: the chance
  // level a grid score should be judged against (grid-cells.md §7, §8.3).
  double gridNullThreshold = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> bandNull;  // sorted band scores of the spatial-shuffle null
  Eigen::VectorXd meanRate;      // N, mean activity over the evaluation samples
  DirectionTuning direction;     // 36 heading bins
  SpeedTuning speed;             // 20 speed bins (m/step)
};

struct GridEvaluationOptions {
  bool tuning = false;  // direction and speed tuning, mean rates
  int threads = 1;
  // Called with the fraction done (0…1) between stages; may throw to abandon the evaluation
  // (e.g. JobContext::throwIfCancelled).
  std::function<void(double)> progress;
};

// Noise-free single-trial state of the live trial.
struct GridLiveState {
  Eigen::VectorXf x;  // CTRNN state (Cartesian recipe; empty for the place-cell RNN)
  Eigen::VectorXf r;  // hidden activity (N)
  Eigen::Vector2d decoded = Eigen::Vector2d::Zero();  // m
};

class GridNetwork;

class GridTrainer {
 public:
  static constexpr std::uint64_t kInitStream = 1, kEvalStream = 2;
  static constexpr std::uint64_t kTaskStream = 1ull << 32, kNoiseStream = 1ull << 48;

  explicit GridTrainer(const GridRunConfig& config, int threads = 2);
  ~GridTrainer();
  GridTrainer(GridTrainer&&) noexcept;

  const GridRunConfig& config() const { return m_config; }
  const Arena& arena() const { return m_arena; }
  const PlaceCells& placeCells() const { return m_placeCells; }
  long long updatesDone() const { return m_update; }
  int numUnits() const;
  void setThreads(int t) { m_threads = t < 1 ? 1 : t; }

  // One update; on a non-finite loss or gradient the parameters stay at their last good
  // values and failed() becomes true.
  GridUpdateRecord step();
  bool failed() const { return !m_failure.empty(); }
  const std::string& failure() const { return m_failure; }
  const std::vector<GridUpdateRecord>& history() const { return m_history; }

  // Rate maps accumulated from the training batches since the last clearTrainingMaps()
  // (incremental, costs one binning per update).
  const RateMapAccumulator& trainingMaps() const { return *m_trainingMaps; }
  void clearTrainingMaps() { m_trainingMaps->clear(); }

  // Full evaluation on the fixed evaluation trajectories (optionally with perturbations and in
  // another arena, for "change the arena after training"), scored with the configured
  // thresholds. Adds a point to the development curve when `record` is true.
  GridEvaluation evaluate(const UnitPerturbations& perturbations = {}, bool record = false);
  GridEvaluation evaluateInArena(const ArenaSpec& arena, const UnitPerturbations& perturbations);
  const DevelopmentCurve& developmentCurve() const { return m_development; }
  // A point computed elsewhere (a GridNetwork evaluated on another thread).
  void addDevelopmentPoint(long long update, const SpatialClassification& classes);

  // A frozen copy of the current network (weights and masks), for evaluations on another thread.
  GridNetwork network() const;
  // The fixed evaluation trajectories (Rng(seed).stream(kEvalStream)).
  const TrajectoryBatch& evaluationSet() const { return m_eval; }

  // Interventions (from the next step on). add() throws std::out_of_range for bad indices.
  int addIntervention(const Intervention& i);
  bool removeIntervention(int id);
  const InterventionSet& interventions() const { return m_interventions; }
  UnitPerturbations unitPerturbations() const { return m_interventions.unitPerturbations(); }

  // Live trial with the current weights and masks (see GridTrainer::Model::liveStart).
  void liveStart(const Eigen::Vector2d& position, const UnitPerturbations& perturbations,
                 GridLiveState& state) const;
  void liveStep(const Eigen::VectorXf& input, const UnitPerturbations& perturbations,
                GridLiveState& state) const;
  // Velocity inputs in network units, N_in × (T·B).
  Eigen::MatrixXf networkInputs(const TrajectoryBatch& trajectories) const;

  // Hidden activity (N × (T·B), steps 1..T) and decoded positions (2 × (T·B), m) of a batch.
  struct Recording {
    TrajectoryBatch trajectories;
    Eigen::MatrixXf rates;
    Eigen::MatrixXd decoded;
  };
  Recording record(const TrajectoryBatch& trajectories,
                   const UnitPerturbations& perturbations) const;
  // steps > 0 overrides the configured trial length (long evaluation trajectories).
  TrajectoryBatch drawTrajectories(const Arena& arena, int trials, Rng& rng, int steps = 0) const;

  // Parameters as named arrays (for saving and the GUI): name → (rows, cols, data).
  struct NamedArray {
    std::string name;
    Eigen::MatrixXf value;
  };
  std::vector<NamedArray> parameters() const;
  // W ⊙ mask (what the network computes with, ablations included).
  std::vector<NamedArray> effectiveParameters() const;

  // Exact save/resume (used by the run folder).
  struct State {
    long long update = 0;
    std::vector<NamedArray> params;  // names as parameters()
    AdamW::State optimizer;
    std::vector<GridUpdateRecord> history;
    std::vector<DevelopmentPoint> development;
    std::vector<InterventionLogEntry> interventionLog;
    std::string failure;
  };
  State state() const;
  // Throws std::invalid_argument naming what does not fit the configuration.
  void restore(const State& s);

  class Model;  // the recipe's network (grid_models.cpp)

 private:
  GridRunConfig m_config;
  int m_threads;
  Arena m_arena;
  PlaceCells m_placeCells;
  std::unique_ptr<Model> m_model;
  AdamW m_optimizer;
  long long m_update = 0;
  std::string m_failure;
  std::vector<GridUpdateRecord> m_history;
  std::unique_ptr<RateMapAccumulator> m_trainingMaps;
  TrajectoryBatch m_eval;
  DevelopmentCurve m_development;
  InterventionSet m_interventions;
  CtrnnMasks m_baseMasks;
  void refreshMasks();
};

}  // namespace emergence::engine
