#pragma once
// The grid-cells run folder (architecture.md §4), readable from Python with numpy alone:
//   config.json      every parameter, the seed, the version
//   weights.npz      the model's arrays (place cells: W_enc Ng×Np, W_in Ng×2, W_rec Ng×Ng,
//                    W_out Np×Ng, place_cell_centres 2×Np m; Cartesian: the CTRNN's arrays)
//   history.csv      update,loss,task,weight,activity,decoding_error_cm,gradient_norm,seconds
//   development.csv  update,units,grid,border,band,other,grid_above,border_above,band_above,…
//   analysis.npz     written by saveGridEvaluation: rate_maps (U×n×n, NaN = unvisited),
//                    score60_min_max, score60_mean, score90, border, band (U), classes (U:
//                    0 other, 1 grid, 2 border, 3 band), spacing_m, orientation_deg (U),
//                    bin_edges_x/y (n+1, m), decoding_error_cm, band_threshold, grid_shuffle_p95, update
// Every file is written atomically.
#include <string>

#include "engine/train/grid_trainer.h"

namespace emergence::engine {

void saveGridRun(const GridTrainer& trainer, const std::string& folder);
void saveGridEvaluation(const GridEvaluation& e, const std::string& path);

}  // namespace emergence::engine
