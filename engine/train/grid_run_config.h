#pragma once
// Everything that defines a grid-cells training run (grid-cells.md): arena, trajectories, model
// and readout, training recipe, analysis settings, seed. Serialised as config.json in the run
// folder; parsing validates every field and names file, field and reason on error.
//
// Two recipes share the arena, the trajectories and the scores:
//   readout "place_cells" — Recipe B (Sorscher): ReLU RNN, place-cell logits, cross-entropy to
//                            difference-of-softmaxes targets (engine/models/place_cell_rnn.h);
//   readout "cartesian"   — Recipe A (Cueva & Wei 2018): CTRNN, (x, y) output, MSE
//                            (engine/models/ctrnn.h with N_out = 2).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/analysis/spatial_classes.h"
#include "engine/models/ctrnn.h"
#include "engine/models/place_cell_rnn.h"
#include "engine/tasks/arena.h"
#include "engine/tasks/place_cells.h"
#include "engine/tasks/trajectory.h"
#include "engine/train/adamw.h"

namespace emergence::engine {

enum class GridReadout { PlaceCells, Cartesian };
enum class TrajectoryModel { Rat, CuevaWei };

struct GridTrainingConfig {
  int batchSize = 200;
  int updates = 100000;
  AdamWConfig optimizer{1e-4, 0.9, 0.999, 1e-8, 0.0};  // Adam (no decoupled decay)
  double gradientClip = 0.0;   // global L2 norm; ≤ 0 disables
  double recurrentL2 = 1e-4;   // place cells: λ·Σ W_rec² (Sorscher); Cartesian: λ·mean(W_rec²)
  double activityL2 = 0.0;     // metabolic cost λ·mean(g²) (CW18's R_FR)
  double ioL2 = 0.0;           // Cartesian: λ·(mean W_in² + mean W_out²) (CW18's R_L2)
  // Velocity input scale: inputs are v·inputScale (m/step → network units). 1 = raw metres.
  double inputScale = 1.0;
  // Learning rate halved every `learningRateHalfLife` updates after `learningRateDecayStart`
  // (floor × lr); half-life 0 keeps it constant.
  int learningRateDecayStart = 0;
  int learningRateHalfLife = 0;
  double learningRateFloor = 0.1;
  int shards = 2;              // fixed arithmetic for any thread count (like the HD trainer)
};

struct GridAnalysisConfig {
  int bins = 20;               // rate-map bins per side (the spec allows 20–44)
  int evalTrials = 1000;       // trials of trajectory for the rate maps, fixed seed, every analysis
  int evalSteps = 0;           // 0: the training length
  int analyzeEvery = 500;      // updates between rate-map/score analyses (development curve)
  SpatialClassThresholds thresholds{};
};

struct GridRunConfig {
  std::string preset = "custom";
  std::uint64_t seed = 1;
  ArenaSpec arena{ArenaShape::Square, 2.2, 2.2, 2.2, 1.1};
  TrajectoryModel trajectory = TrajectoryModel::Rat;
  RatTrajectoryConfig rat{};
  CuevaWeiTrajectoryConfig cuevaWei{};
  VelocityInput input = VelocityInput::Cartesian;
  GridReadout readout = GridReadout::PlaceCells;
  PlaceCellRnnConfig placeCellModel{};  // numInputs set from `input`, Np from placeCells
  PlaceCellConfig placeCells{};
  CtrnnConfig cartesianModel{};         // N_in from `input`, N_out = 2
  GridTrainingConfig training{};
  GridAnalysisConfig analysis{};

  int steps() const { return trajectory == TrajectoryModel::Rat ? rat.steps : cuevaWei.steps; }
  double learningRateAt(long long update) const;
  // Makes the derived fields consistent (input sizes, Np) — called by presets and parsing.
  void normalise();
};

GridRunConfig gridPreset(const std::string& name);
std::vector<std::string> gridPresetNames();
std::string gridPresetDescription(const std::string& name);

nlohmann::json toJson(const GridRunConfig& c);
GridRunConfig gridRunConfigFromJson(const nlohmann::json& j, const std::string& pathForMessages);

}  // namespace emergence::engine
