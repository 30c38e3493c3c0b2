#include "engine/runtime/grid_live_trial.h"

#include <algorithm>

namespace emergence::engine {

void GridLiveSimulator::reset(const GridRunConfig& config, int trialSteps, int trailLength,
                              int anchorEvery) {
  m_config = config;
  const bool placeCells = config.readout == GridReadout::PlaceCells;
  m_trialSteps = trialSteps > 0 ? trialSteps : (placeCells ? 75 : 1) * config.steps();
  m_trailLength = std::max(2, trailLength);
  m_anchorEvery = placeCells ? (anchorEvery < 0 ? config.steps() : anchorEvery) : 0;
  m_rng = Rng(config.seed).stream(kLiveStream);
  m_haveTrial = false;
  m_trials = 0;
  m_step = m_sinceAnchor = 0;
  m_units = -1;
  m_state = {};
  m_true.clear();
  m_decoded.clear();
  m_error.clear();
}

void GridLiveSimulator::setAnchorEvery(int steps) {
  if (m_config.readout == GridReadout::PlaceCells) m_anchorEvery = std::max(0, steps);
}

void GridLiveSimulator::beginTrial(const GridNetwork& network, const Arena& arena,
                                   const UnitPerturbations& ps) {
  if (m_config.trajectory == TrajectoryModel::Rat) {
    RatTrajectoryConfig rc = m_config.rat;
    rc.steps = m_trialSteps;
    m_trajectory = generateRatTrajectories(arena, rc, 1, m_rng);
  } else {
    CuevaWeiTrajectoryConfig cc = m_config.cuevaWei;
    cc.steps = m_trialSteps;
    m_trajectory = generateCuevaWeiTrajectories(arena, cc, 1, m_rng);
  }
  m_inputs = network.networkInputs(m_trajectory);
  m_haveTrial = true;
  ++m_trials;
  m_step = m_sinceAnchor = 0;
  m_units = network.numUnits();
  network.liveStart(m_trajectory.positions.col(0), ps, m_state);
  m_true.clear();
  m_decoded.clear();
  m_error.clear();
  record();
}

void GridLiveSimulator::record() {
  const Eigen::Vector2d truth = m_trajectory.positions.col(m_step);
  m_true.push_back(truth);
  m_decoded.push_back(m_state.decoded);
  m_error.push_back(float(100.0 * (m_state.decoded - truth).norm()));
  while (int(m_true.size()) > m_trailLength) {
    m_true.pop_front();
    m_decoded.pop_front();
    m_error.pop_front();
  }
}

void GridLiveSimulator::advance(const GridNetwork& network, const Arena& arena,
                                const UnitPerturbations& ps, int steps) {
  if (!m_haveTrial || m_units != network.numUnits()) beginTrial(network, arena, ps);
  for (int s = 0; s < steps; ++s) {
    if (m_step >= m_trialSteps) {
      beginTrial(network, arena, ps);
      continue;
    }
    if (m_anchorEvery > 0 && m_sinceAnchor >= m_anchorEvery) {
      network.liveStart(m_trajectory.positions.col(m_step), ps, m_state);
      m_sinceAnchor = 0;
    }
    network.liveStep(m_inputs.col(m_step), ps, m_state);
    ++m_step;
    ++m_sinceAnchor;
    record();
  }
}

GridLiveTrial GridLiveSimulator::trial() const {
  GridLiveTrial t;
  t.trial = m_trials;
  t.step = m_step;
  t.steps = m_trialSteps;
  t.anchorEvery = m_anchorEvery;
  t.sinceAnchor = m_sinceAnchor;
  if (m_haveTrial) {
    t.truePosition = m_trajectory.positions.col(m_step);
    t.decodedPosition = m_state.decoded;
    if (m_step > 0) {
      t.heading = m_trajectory.heading(m_step - 1, 0);
      t.speed = m_trajectory.speed(m_step - 1, 0);
    }
  }
  t.rates = m_state.r;
  const Eigen::Index L = Eigen::Index(m_true.size());
  t.trueTrail.resize(2, L);
  t.decodedTrail.resize(2, L);
  for (Eigen::Index k = 0; k < L; ++k) {
    t.trueTrail.col(k) = m_true[size_t(k)];
    t.decodedTrail.col(k) = m_decoded[size_t(k)];
  }
  t.errorTrace.assign(m_error.begin(), m_error.end());
  return t;
}

}  // namespace emergence::engine
