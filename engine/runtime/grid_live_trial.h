#pragma once
// The live test trajectory of the grid-cells lab: one trial of the run's trajectory model,
// simulated one network step at a time with a frozen copy of the current weights (GridNetwork,
// refreshed by the runtime while training) and the active unit perturbations (whatever their
// step windows: "now" is what counts), noise-free, so the true and the decoded position can be
// watched while training runs. A new trial starts when one ends.
//
// Re-anchoring: every training sequence starts from the place-cell code of its true start
// position (g_0 = W_enc p(x_0)), so a network trained on 20-step sequences is only asked to
// integrate 20 steps. The live trial re-encodes the state from the true position every
// `anchorEvery` steps (0 = never: the decoded position is free to drift, the experiment of
// watching path integration fail). The Cartesian CTRNN starts from its learned x0 at the arena
// centre, so its trials are never re-anchored and last one training trial.
#include <Eigen/Core>
#include <cstdint>
#include <deque>

#include "engine/core/random.h"
#include "engine/runtime/grid_snapshot.h"
#include "engine/train/grid_network.h"

namespace emergence::engine {

class GridLiveSimulator {
 public:
  static constexpr std::uint64_t kLiveStream = 5;  // Rng(seed).stream(kLiveStream) draws trials

  // Forget everything. trialSteps ≤ 0: 75 training lengths for the place-cell readout, one for
  // the Cartesian one; anchorEvery < 0: the training sequence length.
  void reset(const GridRunConfig& config, int trialSteps = 0, int trailLength = 400,
             int anchorEvery = -1);
  void setAnchorEvery(int steps);  // 0 = never; takes effect from the next step
  int anchorEvery() const { return m_anchorEvery; }
  // Advance `steps` steps (0 only makes sure a trial has started).
  void advance(const GridNetwork& network, const Arena& arena,
               const UnitPerturbations& perturbations, int steps);
  GridLiveTrial trial() const;
  long long trialsStarted() const { return m_trials; }

 private:
  void beginTrial(const GridNetwork& network, const Arena& arena,
                  const UnitPerturbations& perturbations);
  void record();

  GridRunConfig m_config;
  int m_trialSteps = 0, m_trailLength = 400, m_anchorEvery = 0;
  Rng m_rng;
  TrajectoryBatch m_trajectory;
  Eigen::MatrixXf m_inputs;  // N_in × T, network units
  bool m_haveTrial = false;
  long long m_trials = 0;
  int m_step = 0, m_sinceAnchor = 0;
  int m_units = -1;
  GridLiveState m_state;
  std::deque<Eigen::Vector2d> m_true, m_decoded;
  std::deque<float> m_error;
};

}  // namespace emergence::engine
