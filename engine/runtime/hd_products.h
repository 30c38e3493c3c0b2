#pragma once
// Heavy products of the head-direction lab (architecture.md §2): the tuning analysis and the
// weights view. Plain functions of a network, computed on the engine thread between updates.
#include <memory>

#include "engine/runtime/hd_snapshot.h"
#include "engine/train/hd_run_config.h"

namespace emergence::engine {

struct HdAnalysisRecording {
  HeadDirectionTrials trials;   // noise-free generator trials (fixed per seed)
  SequenceBatch<float> batch;   // the same, float
  int firstStep = 11;           // samples kept: trial steps ≥ firstStep (after the cue)
};

inline constexpr std::uint64_t kHdAnalysisStream = 3;  // Rng(seed).stream(...) for its trials

// `trials` trials of config.training.testSteps steps from config.task, drawn from
// Rng(config.seed).stream(kHdAnalysisStream).
HdAnalysisRecording makeHdAnalysisRecording(const HdRunConfig& config, int trials = 60);

// Tuning (computeHdTuning), classes and counts of `model` with its current masks (ablations
// included) and without unit perturbations, so the classes describe the units rather than the
// running experiment. `version`/`atUpdate` are copied into the product.
std::shared_ptr<HdAnalysisProduct> computeHdAnalysisProduct(const Ctrnn<float>& model,
                                                            const HdAnalysisRecording& rec,
                                                            const UnitClassThresholds& thresholds,
                                                            std::uint64_t version,
                                                            long long atUpdate);

// Eigenvalues of the initial W_rec ⊙ base mask.
Eigen::VectorXcd initialRecurrentEigenvalues(const CtrnnParameters<float>& initial,
                                             const CtrnnMasks& baseMasks);

// Effective weights (W ⊙ mask), masks and spectrum.
std::shared_ptr<HdWeightsProduct> computeHdWeightsProduct(const Ctrnn<float>& model,
                                                          const Eigen::VectorXcd& initialEigenvalues,
                                                          std::uint64_t version,
                                                          long long atUpdate);

// A stand-alone copy of the network a weights product describes, for jobs that must not touch
// the live trainer (fixed points, …): W_rec = product.wRec (already W ⊙ mask) with
// masks.rec = product.maskRec, W_in = wIn and W_out = wOut (effective, masks all ones), b_rec,
// x0; b_out = 0 (not in the product; it does not enter the dynamics). `model` gives N_in, N,
// N_out, α, the nonlinearity and the noise settings. Throws std::invalid_argument naming the
// field whose shape does not match `model`.
Ctrnn<float> ctrnnFromWeights(const HdWeightsProduct& weights, const CtrnnConfig& model);

}  // namespace emergence::engine
