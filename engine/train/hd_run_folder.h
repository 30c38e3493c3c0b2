#pragma once
// The run folder of a head-direction run (architecture.md §4), the contract with Python users:
//   config.json           every parameter, the seed, the version (HdRunConfig)
//   weights.npz           W_in (N×3), W_rec (N×N, row = post), W_out (2×N), b_rec (N), b_out (2),
//                         x0 (N), mask_rec/mask_in/mask_out (base masks, 0/1), float32, C order
//   initial_weights.npz   the same keys at update 0 (spectrum before/after, Fig. 9)
//   optimizer.npz         AdamW moments m_<name>/v_<name>, step
//   state.json            update count, current λ_r, failure message (empty when healthy)
//   history.csv           one row per update (HdUpdateRecord; test_error empty when not evaluated)
//   log.jsonl             interventions: {"update", "action", "id", "intervention"} per line
//   checkpoints/update_NNNNNN.npz   weights on the §4.2 schedule
// Every file is written atomically; a failed save leaves the previous files intact. Loading
// validates every file and throws FileError naming file, field and reason.
#include <string>

#include "engine/train/hd_trainer.h"

namespace emergence::engine {

// Writes every file of the run folder (creating it). Does not write checkpoints.
void saveHdRun(const HdTrainer& trainer, const std::string& folder);
// Weights of the current update into checkpoints/update_NNNNNN.npz.
void saveHdCheckpoint(const HdTrainer& trainer, const std::string& folder);
// Reads config.json only.
HdRunConfig loadHdRunConfig(const std::string& folder);
// Rebuilds a trainer that continues exactly where the saved one stopped.
HdTrainer loadHdRun(const std::string& folder, int threads = 2);

// Weight-file helpers shared with the analysis tools.
void writeCtrnnWeights(const CtrnnParameters<float>& p, const CtrnnMasks& masks,
                       const std::string& path);
void readCtrnnWeights(const std::string& path, const CtrnnConfig& c, CtrnnParameters<float>& p,
                      CtrnnMasks& masks);

}  // namespace emergence::engine
