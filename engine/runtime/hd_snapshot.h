#pragma once
// Immutable value published by the head-direction lab's engine thread for the GUI
// (architecture.md §2). Plain values only: no pointer into live engine state. Heavy products
// carry a version number that changes only when they are recomputed, so views re-upload only
// what changed.
#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/analysis/unit_classes.h"
#include "engine/runtime/run_state.h"
#include "engine/train/hd_trainer.h"

namespace emergence::engine {

// The live "demo trial": one noise-free trial simulated step by step (50 steps per frame by
// default) with the current weights and the active interventions, so the bump can be watched.
struct HdLiveTrial {
  int step = 0;                     // 1-based step of the current trial
  int steps = 0;                    // trial length
  Eigen::VectorXf rates;            // N: r at `step`
  double trueHeading = 0;           // radians [0, 2π)
  double decodedHeading = 0;        // radians [0, 2π)
  double omega = 0;                 // rad/step at `step`
  // Recent history for traces (most recent last), at most `traceLength` entries.
  std::vector<float> trueTrace, decodedTrace, omegaTrace;  // radians / rad/step
  Eigen::MatrixXf activityTrace;    // N × traceLength (columns = steps, most recent last)
};

struct HdAnalysisProduct {
  std::uint64_t version = 0;        // 0 = never computed
  long long atUpdate = -1;
  Eigen::VectorXd preferredDeg, strength, avSlope, offsetDeg;  // N each
  std::vector<UnitClass> classes;   // N
  std::array<int, kNumUnitClasses> counts{};
  Eigen::MatrixXd hdTuning, hdTuningCw, hdTuningCcw;  // N × 360
  Eigen::MatrixXd avTuning;         // N × 100
  Eigen::VectorXd avCentresDegPerStep;  // 100
  UnitClassThresholds thresholds;
  Eigen::VectorXd activityRange;    // N, max − min of r after the cue (the "dead" rule)
};

struct HdWeightsProduct {
  std::uint64_t version = 0;
  long long atUpdate = -1;
  Eigen::MatrixXf wRec;             // N × N effective (W ⊙ mask), row = post
  Eigen::MatrixXf wIn;              // N × 3
  Eigen::MatrixXf wOut;             // 2 × N
  Eigen::MatrixXf maskRec;          // N × N
  Eigen::VectorXcd eigenvalues, eigenvaluesInitial;
  Eigen::VectorXf bRec, x0;         // N (raw parameters)
};

struct HdSnapshot {
  std::uint64_t sequence = 0;       // increases with every publication
  RunState state = RunState::Paused;
  long long update = 0;             // updates done
  long long plannedUpdates = 0;
  double updatesPerSecond = 0;
  int numUnits = 0;
  std::string message;              // failure or status text (empty when fine)
  std::vector<HdUpdateRecord> history;  // full training history (shared, append-only copy)
  HdLiveTrial live;
  std::shared_ptr<const HdAnalysisProduct> analysis;  // may be null before the first analysis
  std::shared_ptr<const HdWeightsProduct> weights;
  std::vector<std::pair<int, Intervention>> interventions;  // active, by id
  long long lastAppliedCommand = 0; // id of the last command applied (latency measurement)
  // ≥ lastAppliedCommand: the frame already shows every command up to this id (unit
  // interventions are previewed on the live trial before the engine applies them).
  long long lastShownCommand = 0;
};

}  // namespace emergence::engine
