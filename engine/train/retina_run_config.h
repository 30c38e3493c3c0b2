#pragma once
// Everything that defines a retina-lab training run (retina.md §2–3, §8–9): the CNN, the
// synthetic data (natural-like movie, optional white noise, the ground-truth retina), the training
// recipe, the evaluation and analysis settings, the seed. Serialised as config.json in the run
// folder; parsing validates every field and names file, field and reason on error.
//
// Presets
//   faithful  §2 exactly: 50 × 50 px, 40 frames, full 40 × 15 × 15 conv1, 8@11 conv2, per-unit BN,
//             batch 512; GPU scale on a CPU (hours; docs/retina-experiments.md).
//   default   the fast variant that reaches the §12 fit figure in minutes on 2 cores (every
//             departure from §2 and its measurement in docs/retina-experiments.md).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/models/retina_cnn.h"
#include "engine/retina/natural_movie.h"
#include "engine/retina/synthetic_retina.h"
#include "engine/retina/white_noise.h"
#include "engine/train/adamw.h"

namespace emergence::engine {

struct RetinaDataConfig {
  // Training data: `trainMinutes` of simulated recording (validation included) in independent
  // segments of segmentSeconds, each with its own movie and spike-count streams and warmupFrames
  // of movie before its first target (the retina settles; the frames serve as the first windows'
  // history). The last ⌈validationFraction × segments⌉ segments are the validation set.
  double trainMinutes = 20.0;
  double validationFraction = 0.05;
  double segmentSeconds = 60.0;
  int warmupFrames = 100;
  // Fraction of segments rendered as white noise instead of the natural movie (0 = none).
  double whiteNoiseFraction = 0.0;
  WhiteNoiseConfig whiteNoise{50, 50, 1, false, 1, 1, 1.0};  // size and seed set per segment
  NaturalMovieConfig movie{};      // size set from the window, seed per segment
  SyntheticRetinaConfig retina{};  // size set from the window; its seed fixes the roster
  // Test set (§8.1): a testSeconds clip from a separate movie (and image bank seed), its
  // noise-free rate, and testRepeats Poisson repeats with fresh noise.
  double testSeconds = 60.0;
  int testRepeats = 10;
};

struct RetinaTrainingConfig {
  int batchChunks = 4;    // chunks per batch (random positions in the training segments)
  int chunkLength = 64;   // consecutive samples per chunk; batch = chunks × length
  AdamWConfig optimizer{2e-3, 0.9, 0.999, 1e-8, 0.0};  // Adam (no decoupled decay)
  double kernelL2 = 1e-3;     // λ₂ on the conv kernels (Σ W²)
  double activityL1 = 1e-4;   // λ_a on the outputs (mean ŷ)
  double gradientClip = 0.0;  // global L2 norm; ≤ 0 disables
  int maxUpdates = 6000;
  double maxMinutes = 0.0;     // wall-time budget of the training loop (0 = none)
  int validateEvery = 250;     // updates between validation CCs
  int plateauPatience = 3;     // validations without improvement before lr × plateauFactor
  double plateauFactor = 0.2;
  double minLearningRate = 1e-5;
  int stopPatience = 6;        // validations without improvement before stopping early
  double minImprovement = 1e-3;  // of the validation CC
};

struct RetinaAnalysisConfig {
  int igSteps = 50;            // M of integrated gradients
  double coverage = 0.9;       // reduced model: smallest channel set covering this importance
  double kineticsSplitMs = 80; // channel kinetics: fast if its temporal kernel peaks before this lag
  int threads = 2;
};

struct RetinaRunConfig {
  std::string preset = "custom";
  std::uint64_t seed = 1;
  RetinaCnnConfig model{};  // numCells set from the retina roster
  RetinaDataConfig data{};
  RetinaTrainingConfig training{};
  RetinaAnalysisConfig analysis{};

  // Window sizes of movie, white noise and retina from the model; numCells from the roster.
  void normalise();
  int batchSamples() const { return training.batchChunks * training.chunkLength; }
};

RetinaRunConfig retinaPreset(const std::string& name);
std::vector<std::string> retinaPresetNames();
std::string retinaPresetDescription(const std::string& name);

nlohmann::json toJson(const RetinaRunConfig& c);
RetinaRunConfig retinaRunConfigFromJson(const nlohmann::json& j, const std::string& pathForMessages);

}  // namespace emergence::engine
