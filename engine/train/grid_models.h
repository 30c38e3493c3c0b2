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
  // Shard s of `shards` (trials [first, first+count)); `noise` may be null (noise off).
  virtual GridLossSums shardStep(int shard, int first, int count, double totalSamples,
                                 double totalElements, Rng* noise) = 0;
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
  virtual std::vector<GridTrainer::NamedArray> parameters() const = 0;
};

// True positions (steps 1..T) of trials [first, first+count): 2 × (T·count), time-major.
Eigen::MatrixXd truePositionsOfTrials(const TrajectoryBatch& tb, int first, int count);

std::unique_ptr<GridTrainer::Model> makeGridModel(const GridRunConfig& config,
                                                  const PlaceCells& placeCells, Rng& init);

}  // namespace emergence::engine
