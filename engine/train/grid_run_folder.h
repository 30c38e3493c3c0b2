#pragma once
// The grid-cells run folder (architecture.md §4), readable from Python with numpy alone:
//   config.json      every parameter, the seed, the version
//   weights.npz      the model's arrays (place cells: W_enc Ng×Np, W_in Ng×2, W_rec Ng×Ng,
//                    W_out Np×Ng, place_cell_centres 2×Np m; Cartesian: the CTRNN's arrays
//                    W_in, W_rec, W_out, b_rec, b_out, x0), raw (not multiplied by masks), float32
//   optimizer.npz    Adam moments m_<name>/v_<name> of every weight array, step
//   state.json       update count, failure message (empty when healthy)
//   history.csv      update,loss,task,weight,activity,decoding_error_cm,gradient_norm,seconds
//   development.csv  a "# bins=…" settings line, then
//                    update,units,grid,border,band,other,grid_above,border_above,band_above,
//                    band_threshold
//   log.jsonl        interventions: {"update", "action", "id", "intervention"} per line
//   analysis.npz     written by saveGridEvaluation: rate_maps (U×n×n, NaN = unvisited),
//                    score60_min_max, score60_mean, score90, border, band (U), classes (U:
//                    0 other, 1 grid, 2 border, 3 band), spacing_m, orientation_deg (U),
//                    bin_edges_x/y (n+1, m), decoding_error_cm, band_threshold, grid_shuffle_p95, update
// Every file is written atomically (all of a save together); a failed save leaves the previous
// files intact. loadGridRun validates every file and throws FileError naming file, field and
// reason; a loaded trainer continues bit for bit where the saved one stopped (the training rate
// maps, a display product, start empty).
#include <string>

#include "engine/train/grid_trainer.h"

namespace emergence::engine {

void saveGridRun(const GridTrainer& trainer, const std::string& folder);
void saveGridEvaluation(const GridEvaluation& e, const std::string& path);

// Reads config.json only.
GridRunConfig loadGridRunConfig(const std::string& folder);
// Rebuilds a trainer that continues exactly where the saved one stopped.
GridTrainer loadGridRun(const std::string& folder, int threads = 2);
// "grid_cells", "head_direction" or "" from config.json's "lab" field (no other validation;
// FileError if the file is missing or not JSON). Lets the apps open any run folder.
std::string runFolderLab(const std::string& folder);

}  // namespace emergence::engine
