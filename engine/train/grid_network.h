#pragma once
// A frozen copy of a grid-cells network at one update (weights and masks, ablations included),
// with what it needs to be recorded and evaluated away from its trainer: on another thread while
// training goes on (the GUI runtime's background evaluations, "evaluate in another arena"), so
// training never waits for a 5000-trial evaluation. Immutable after construction; copies share
// the network.
//
// evaluate() is GridTrainer::evaluate's computation (the trainer evaluates through a GridNetwork
// too): record the trials noise-free → rate maps (SpatialBinning over the arena's bounding
// square, config.analysis.bins) → grid, border and band scores → a 200-map spatial-shuffle band
// null smoothed by 2 bins → classes with config.analysis.thresholds; optionally direction
// tuning (36 bins), speed tuning (20 bins) and mean rates.
#include <memory>

#include "engine/train/grid_trainer.h"

namespace emergence::engine {

class GridNetwork {
 public:
  // `model` is shared, never modified. Use GridTrainer::network().
  GridNetwork(std::shared_ptr<const GridTrainer::Model> model, const GridRunConfig& config,
              long long update);

  const GridRunConfig& config() const { return *m_config; }
  long long update() const { return m_update; }
  int numUnits() const;

  // Hidden activity and decoded positions of a batch (GridTrainer::Recording), over up to
  // `threads` threads; progress(f) is called after each wave of 500-trial chunks with f ∈ [0, 1].
  GridTrainer::Recording record(const TrajectoryBatch& trajectories,
                                const UnitPerturbations& perturbations, int threads = 1,
                                const std::function<void(double)>& progress = {}) const;

  // Evaluation on `trajectories` in `arena` (see the header comment).
  GridEvaluation evaluate(const TrajectoryBatch& trajectories, const Arena& arena,
                          const UnitPerturbations& perturbations,
                          const GridEvaluationOptions& options = {}) const;
  // The fixed evaluation trials of the run's seed drawn in `arena`
  // (Rng(seed).stream(GridTrainer::kEvalStream)), as GridTrainer::evaluateInArena.
  TrajectoryBatch evaluationTrials(const Arena& arena) const;

  std::vector<GridTrainer::NamedArray> parameters(bool effective = false) const;

  // Live trial on the frozen weights (GridTrainer::liveStart / liveStep).
  void liveStart(const Eigen::Vector2d& position, const UnitPerturbations& perturbations,
                 GridLiveState& state) const;
  void liveStep(const Eigen::VectorXf& input, const UnitPerturbations& perturbations,
                GridLiveState& state) const;
  Eigen::MatrixXf networkInputs(const TrajectoryBatch& trajectories) const;

 private:
  std::shared_ptr<const GridTrainer::Model> m_model;
  std::shared_ptr<const GridRunConfig> m_config;
  long long m_update = 0;
};

}  // namespace emergence::engine
