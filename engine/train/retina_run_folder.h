#pragma once
// The run folder of a retina run (architecture.md §4), readable from Python with numpy alone:
//   config.json      every parameter, the seed, the version (RetinaRunConfig)
//   weights.npz      the best-validation network, float32, C order:
//                      conv1_weight      full (C1, H, k1, k1); separable: spatial K (C1, R, k1, k1)
//                      conv1_temporal    separable only: T (C1, R, H)
//                      conv1_effective   (C1, H, k1, k1), W1[c,h] = Σ_r T[c,r,h]·K[c,r] (both kinds)
//                      conv1_bias (C1)
//                      bn1_gamma, bn1_beta, bn1_running_mean, bn1_running_var
//                                        per unit (C1, O1, O1), per channel (C1)
//                      conv2_weight (C2, C1, k2, k2), conv2_bias (C2)
//                      bn2_gamma, bn2_beta, bn2_running_mean, bn2_running_var  (C2, O2, O2) or (C2)
//                      dense_weight (N, C2·O2·O2)  (input index c·O2² + y·O2 + x)
//                      bn3_gamma, bn3_beta, bn3_running_mean, bn3_running_var  (N)
//                      update (scalar: the update these weights are from)
//                    rate (Hz) = softplus(BN3(dense·vec(a2)))/0.01 s; eval mode uses the running
//                    statistics with ε = model.bn_epsilon.
//   checkpoint.npz   the same keys for the current (latest) weights, plus the Adam moments
//                    m_<name>/v_<name> (flat, the weights' C order) and step — for resuming
//   state.json       update, learning rate, best validation CC and update, plateau counters,
//                    stop reason, failure flag
//   history.csv      update,loss,poisson,activity,weight,mean_rate_hz,gradient_norm,learning_rate,
//                    seconds,validation_cc,validation_cc_rate   (validation columns empty when
//                    not validated at that update)
//   evaluation.npz   test set (§8.1, §9): predicted_hz, rate_hz, trial_mean_hz (N × T), cc_rate,
//                    cc_trial_mean, ceiling, fev (N), cell_x_px, cell_y_px (N, window coords),
//                    cell_type (N: 0 fast-OFF, 1 OSR, 2 reversal, 3 other), update
// Every file is written atomically, all of them together; loading validates every file and throws
// FileError naming file, field and reason.
#include <string>

#include "engine/train/retina_trainer.h"

namespace emergence::engine {

void saveRetinaRun(const RetinaTrainer& trainer, const std::string& folder);
void saveRetinaEvaluation(const RetinaTestEvaluation& e, const SyntheticRetina& truth,
                          const std::string& path);
RetinaRunConfig loadRetinaRunConfig(const std::string& folder);
// Rebuilds a trainer that continues exactly where the saved one stopped (re-renders the data).
RetinaTrainer loadRetinaRun(const std::string& folder, int threads = 2);
// Only the best network (weights.npz) and the config, for analysis without the data.
RetinaCnn<float> loadRetinaNetwork(const std::string& folder, RetinaRunConfig* config = nullptr);

}  // namespace emergence::engine
