#pragma once
// Immutable value published by the grid-cells lab's engine thread for the GUI (architecture.md
// §2). Plain values only: no pointer into live engine state. Heavy products carry a version
// number that changes only when they are recomputed, so views re-render only what changed.
//
// Coordinates are metres in the arena frame (origin at the arena centre, y up); rate maps are
// n × n with map(i, j) = (y bin i from the bottom, x bin j), NaN = unvisited (rate_maps.h).
#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/analysis/grid_phases.h"
#include "engine/analysis/spatial_classes.h"
#include "engine/interventions/intervention_set.h"
#include "engine/runtime/background_job.h"
#include "engine/runtime/run_state.h"
#include "engine/train/grid_trainer.h"

namespace emergence::engine {

// The arena of the run (static per network): walls to draw, place-cell centres.
struct GridArenaInfo {
  ArenaSpec spec;
  std::vector<WallSegment> walls;    // counterclockwise (64 chords for the circle)
  Box2 box;                          // bounding box
  Eigen::MatrixXd placeCellCentres;  // 2 × Np (empty for the Cartesian readout)
  double placeCellSigma = 0;         // m
};

// The live test trajectory: one noise-free trial simulated step by step with the current weights
// and the active interventions. The network is re-anchored (its state re-encoded from the true
// position, as at the start of every training sequence) every `anchorEvery` steps; 0 = never, so
// the decoded position is free to drift.
struct GridLiveTrial {
  long long trial = 0;  // trials started so far
  int step = 0;         // 1-based step of the current trial (0 = initial state)
  int steps = 0;        // trial length
  int anchorEvery = 0;  // steps between re-anchorings (0 = never)
  int sinceAnchor = 0;  // steps since the last (re-)anchoring
  Eigen::Vector2d truePosition = Eigen::Vector2d::Zero();
  Eigen::Vector2d decodedPosition = Eigen::Vector2d::Zero();
  double heading = 0;     // radians, direction of the last step
  double speed = 0;       // m/step of the last step
  Eigen::VectorXf rates;  // N, hidden activity at `step`
  // Recent history (oldest first), at most trailLength steps of the current trial.
  Eigen::MatrixXd trueTrail, decodedTrail;  // 2 × L
  std::vector<float> errorTrace;            // L, |decoded − true| in cm
};

// Rate maps accumulated from the training batches over a sliding window of updates (between
// windowUpdates/2 and windowUpdates), with the same scores as an evaluation (not the classes,
// whose band rule needs a shuffle null: those come from the last evaluation).
struct GridLiveMapsProduct {
  std::uint64_t version = 0;
  long long atUpdate = -1;
  long long fromUpdate = 0;  // first update in the window
  long long samples = 0;     // samples binned
  SpatialBinning binning;
  std::vector<Eigen::MatrixXd> rateMaps;  // N
  SpatialScores scores;
  Eigen::VectorXd meanRate;   // N, mean over the window's samples
  double computeSeconds = 0;  // cost of this product (maps + scores), engine thread
};

// A full evaluation (GridNetwork::evaluate with tuning) and what the views derive from it.
struct GridEvaluationProduct {
  enum class Kind { Training, ArenaTest };
  std::uint64_t version = 0;
  Kind kind = Kind::Training;
  long long atUpdate = -1;
  ArenaSpec arena;  // the arena it was evaluated in
  std::vector<WallSegment> walls;
  GridEvaluation evaluation;  // maps, scores (with SACs), classes, tuning
  SpatialClassThresholds thresholds;
  GridPhases phases;   // grid units on a common lattice (for the phase order)
  double seconds = 0;  // wall time of the job
};

struct GridWeightsProduct {
  std::uint64_t version = 0;
  long long atUpdate = -1;
  Eigen::MatrixXf wRec;  // N × N effective (W ⊙ mask), row = postsynaptic
  Eigen::MatrixXf wIn;   // N × N_in effective
  Eigen::MatrixXf wOut;  // N_out × N effective (N_out = Np or 2)
};

// An active intervention; remainingSteps = live-trial steps until it is released (−1: until
// released by hand).
struct GridActiveIntervention {
  int id = 0;
  Intervention intervention;
  long long remainingSteps = -1;
};

// A background evaluation the GUI may follow (progress) and cancel; null when none runs.
struct GridEvaluationJob {
  std::shared_ptr<BackgroundJob> job;
  std::string title;  // e.g. "evaluation at update 3000 (5000 trials)"
  long long atUpdate = -1;
  bool arenaTest = false;
};

struct GridSnapshot {
  std::uint64_t sequence = 0;  // increases with every publication
  RunState state = RunState::Paused;
  long long update = 0;
  long long plannedUpdates = 0;
  double updatesPerSecond = 0;
  std::string message;  // failure or status text (empty when fine)
  long long lastAppliedCommand = 0;

  // Unique per network in this process (a new run or a Reset changes it): product versions are
  // only comparable within one runId.
  std::uint64_t runId = 0;
  int numUnits = 0;
  std::string preset;
  std::uint64_t seed = 0;
  GridReadout readout = GridReadout::PlaceCells;
  int evalTrials = 0;
  double stepSeconds = 0;  // seconds per trajectory step (rat model); 0: speeds are per step
  std::shared_ptr<const GridArenaInfo> arena;
  // Training history (shared copy, refreshed at most ~10 times a second).
  std::shared_ptr<const std::vector<GridUpdateRecord>> history;
  bool fastForwarding = false;  // a fast-forward runs (no live trial then)
  GridLiveTrial live;
  std::shared_ptr<const GridLiveMapsProduct> liveMaps;
  std::shared_ptr<const GridEvaluationProduct> evaluation;  // latest training-arena evaluation
  std::shared_ptr<const GridEvaluationProduct> arenaTest;   // latest evaluation in another arena
  std::shared_ptr<const GridWeightsProduct> weights;
  std::shared_ptr<const std::vector<DevelopmentPoint>> development;
  GridEvaluationJob evaluationJob;
  int evaluationsQueued = 0;  // waiting behind the running one
  std::vector<GridActiveIntervention> interventions;
};

}  // namespace emergence::engine
