#pragma once
// The two networks of the grid-cells lab behind one interface for GridTrainer (internal header):
//   PlaceCellModel  — PlaceCellRnn<float>, cross-entropy to place-cell targets (Recipe B)
//   CartesianModel  — Ctrnn<float> with N_out = 2, MSE to (x, y) (Recipe A, Cueva & Wei 2018)
// A shard computes forward, loss sums and BPTT on trials [first, first+count) of the batch;
// gradients of the shards are then reduced in shard order (deterministic for any thread count).
#include <memory>
#include <vector>

#include "engine/core/random.h"
#include "engine/train/grid_trainer.h"

namespace emergence::engine {

struct GridLossSums {
  double task = 0;          // Σ cross-entropy over samples, or Σ squared error over elements
  double samples = 0;       // T·B of the shard
  double sumSquares = 0;    // Σ hidden activity² (steps 1..T)
  double decodeErrorSum = 0;  // Σ ‖decoded − true‖ over samples, metres
  void add(const GridLossSums& o) {
    task += o.task;
    samples += o.samples;
    sumSquares += o.sumSquares;
    decodeErrorSum += o.decodeErrorSum;
  }
};

class GridTrainer::Model {
 public:
  virtual ~Model() = default;
  virtual int numUnits() const = 0;
  // Builds the whole batch (inputs, targets) from trajectories; called once per update.
  virtual void setBatch(const TrajectoryBatch& trajectories) = 0;
  // Sizes the per-shard workspaces; called before the shards run in parallel (they must not
  // resize shared vectors).
  virtual void prepareShards(int shards) = 0;
  // Shard s of `shards` (trials [first, first+count)); `noise` may be null (noise off);
  // `perturbations` act in the forward pass (silenced units carry no gradient).
  virtual GridLossSums shardStep(int shard, int first, int count, double totalSamples,
                                 double totalElements, Rng* noise,
                                 const UnitPerturbations& perturbations) = 0;
  // Hidden activity of shard s's last forward pass, steps 1..T: N × (T·count), noise included.
  virtual Eigen::Ref<const Eigen::MatrixXf> shardRates(int shard) const = 0;
  // Sums shard gradients (in shard order), adds the penalties' gradients, applies masks.
  virtual void reduceGradients(int shards) = 0;
  // Loss of the update from summed shards.
  virtual GridUpdateRecord finish(const GridLossSums& sums) const = 0;
  virtual std::vector<ParameterView> views() = 0;
  virtual std::vector<Eigen::Map<Eigen::ArrayXf>> gradientMaps() = 0;
  // Noise-free hidden activity N × (T·B) and decoded positions 2 × (T·B) for trajectories.
  virtual void record(const TrajectoryBatch& trajectories, const UnitPerturbations& perturbations,
                      Eigen::MatrixXf& rates, Eigen::MatrixXd& decoded) const = 0;
  // Raw parameters (plus the place-cell centres of that recipe); with `effective`, W ⊙ mask.
  virtual std::vector<GridTrainer::NamedArray> parameters(bool effective = false) const = 0;
  // Replaces the parameters (names as parameters(); other names are ignored). Throws
  // std::invalid_argument naming the array whose shape is wrong or which is missing.
  virtual void setParameters(const std::vector<GridTrainer::NamedArray>& arrays) = 0;
  virtual std::unique_ptr<Model> clone() const = 0;

  // Interventions: sizes for InterventionSet validation (N units, N_in inputs, N_out readout
  // rows: 2 or Np), the fixed base masks, and the effective masks to use from now on.
  virtual CtrnnConfig interventionShape() const = 0;
  virtual CtrnnMasks baseMasks() const = 0;
  virtual void setMasks(const CtrnnMasks& effective) = 0;

  // Live trial, noise-free, one trial: the initial state at `position` (m), then one step with a
  // network input column (N_in, network units: see GridTrainer::networkInputs). Perturbations
  // act whatever their step windows ("now" is what counts in a live trial).
  virtual void liveStart(const Eigen::Vector2d& position, const UnitPerturbations& perturbations,
                         GridLiveState& state) const = 0;
  virtual void liveStep(const Eigen::VectorXf& input, const UnitPerturbations& perturbations,
                        GridLiveState& state) const = 0;
};

// Velocity inputs of a trajectory batch in network units (float), N_in × (T·B).
Eigen::MatrixXf gridNetworkInputs(const GridRunConfig& config, const TrajectoryBatch& tb);

// True positions (steps 1..T) of trials [first, first+count): 2 × (T·count), time-major.
Eigen::MatrixXd truePositionsOfTrials(const TrajectoryBatch& tb, int first, int count);

std::unique_ptr<GridTrainer::Model> makeGridModel(const GridRunConfig& config,
                                                  const PlaceCells& placeCells, Rng& init);

}  // namespace emergence::engine
