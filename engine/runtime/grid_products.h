#pragma once
// Heavy products of the grid-cells lab (architecture.md §2): plain functions, computed on the
// engine thread between updates (live maps, weights) or in a background job on a frozen
// GridNetwork (evaluations).
#include <functional>
#include <memory>

#include "engine/runtime/grid_snapshot.h"
#include "engine/train/grid_network.h"

namespace emergence::engine {

std::shared_ptr<GridArenaInfo> makeGridArenaInfo(const GridTrainer& trainer);

// Rate maps = sums / counts (NaN where a bin has no sample), scored like an evaluation with the
// run's bin count and arena. sums: N × n² (column = flat bin i + j·n), counts: n².
std::shared_ptr<GridLiveMapsProduct> computeGridLiveMaps(const SpatialBinning& binning,
                                                         const Arena& arena,
                                                         const Eigen::MatrixXd& sums,
                                                         const Eigen::VectorXd& counts,
                                                         long long samples);

std::shared_ptr<GridWeightsProduct> computeGridWeightsProduct(const GridTrainer& trainer);

// A full evaluation with direction/speed tuning and grid phases. `progress` as
// GridEvaluationOptions::progress (may throw to cancel).
std::shared_ptr<GridEvaluationProduct> computeGridEvaluationProduct(
    const GridNetwork& network, const TrajectoryBatch& trials, const Arena& arena,
    GridEvaluationProduct::Kind kind, int threads, const std::function<void(double)>& progress);

}  // namespace emergence::engine
