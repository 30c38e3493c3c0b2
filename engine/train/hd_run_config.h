#pragma once
// Everything that defines a head-direction training run: model, task, training recipe, seed.
// Serialised as config.json in the run folder (architecture.md §4); parsing validates every
// field and names file, field and reason on error.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/models/ctrnn.h"
#include "engine/tasks/head_direction_task.h"
#include "engine/train/adamw.h"

namespace emergence::engine {

struct HdTrainingConfig {
  int batchSize = 100;        // fresh trials per update
  int updates = 5000;         // planned length (ETA, checkpoint schedule)
  AdamWConfig optimizer{};    // lr 1e-3, torch AdamW defaults otherwise
  double gradientClip = 10.0; // global L2 norm; ≤ 0 disables
  double activityL2 = 0.01;   // initial λ_r
  bool activityRule = true;   // "2/3 rule": λ_r ← λ_r·factor when activity ≥ ratio·MSE
  double activityRuleRatio = 0.5;
  double activityRuleFactor = 2.0 / 3.0;
  double weightL2Rec = 0.0, weightL2In = 0.0, weightL2Out = 0.0;  // λ·mean(W²) per matrix
  double weightL1Rec = 0.0, weightL1In = 0.0, weightL1Out = 0.0;  // λ·mean|W| per matrix
  // Curriculum (default preset): trial length grows linearly from `curriculumStartSteps` to
  // task.steps over the first `curriculumUpdates` updates (0 disables; the paper has none).
  int curriculumStartSteps = 0;
  int curriculumUpdates = 0;
  // Error-gated curriculum (used when curriculumErrorGate > 0, instead of the linear one): the
  // trial length starts at curriculumStartSteps and is multiplied by curriculumGrowth (capped at
  // task.steps) as soon as the mean training error (%) of the last curriculumWindow updates at
  // the current length is below curriculumErrorGate. The network moves on to longer trials
  // only once it integrates the short ones; the gate depends only on training history, so runs
  // stay deterministic.
  double curriculumErrorGate = 0.0;
  double curriculumGrowth = 2.0;
  int curriculumWindow = 20;
  // Batch shards computed in parallel. The shard count (not the thread count) fixes the
  // arithmetic, so results are bit-identical for any number of threads.
  int shards = 2;
  // Learning-rate schedule (default preset): lr·max(floor, 0.5^((u − start)/halfLife)) for
  // u > start; halfLife 0 keeps the rate constant (the paper recipe).
  // With the error-gated curriculum the decay counts from the update at which trials first
  // reach task.steps (plus learningRateDecayStart), not from update 0.
  int learningRateDecayStart = 0;
  int learningRateHalfLife = 0;
  double learningRateFloor = 0.1;
  // Held-out test set for the normalised error (§5): fresh trials, noise off, fixed seed.
  int testTrials = 200;
  int testSteps = 500;
  int testEvery = 25;  // updates between test evaluations
};

struct HdRunConfig {
  std::string preset = "paper";
  std::uint64_t seed = 1;
  CtrnnConfig model{};
  HeadDirectionTaskConfig task{};
  HdTrainingConfig training{};

  // fullLengthSince: update at which trials reached task.steps (error-gated curriculum), or −1
  // if they have not yet; ignored otherwise.
  double learningRateAt(long long update, long long fullLengthSince = 0) const;
  bool errorGatedCurriculum() const { return training.curriculumErrorGate > 0; }
  CtrnnLossConfig lossConfig(double activityL2) const {
    CtrnnLossConfig lc;
    lc.activityL2 = activityL2;
    lc.weightL2Rec = training.weightL2Rec;
    lc.weightL2In = training.weightL2In;
    lc.weightL2Out = training.weightL2Out;
    lc.weightL1Rec = training.weightL1Rec;
    lc.weightL1In = training.weightL1In;
    lc.weightL1Out = training.weightL1Out;
    return lc;
  }
};

// Named presets: "paper" (head-direction.md §4.4 exactly) and "default" (tuned for watching
// emergence live; departures documented in the .cpp and the README).
HdRunConfig hdPreset(const std::string& name);
std::vector<std::string> hdPresetNames();

nlohmann::json toJson(const HdRunConfig& c);
// Validates ranges and types; errors are FileError(pathForMessages, "<field>", reason).
HdRunConfig hdRunConfigFromJson(const nlohmann::json& j, const std::string& pathForMessages);

// Log-spaced checkpoint schedule of §4.2: updates 0–5, 20 points in [25, 150], 20 points in
// [0, last]; sorted, unique.
std::vector<int> hdCheckpointSchedule(int lastUpdate);

}  // namespace emergence::engine
