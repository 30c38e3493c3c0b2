#include "engine/runtime/hd_live_trial.h"

#include <algorithm>
#include <cmath>

namespace emergence::engine {

void HdLiveSimulator::reset(const HdRunConfig& config, int trialSteps, int traceLength) {
  m_config = config;
  m_trialSteps = std::max(config.task.cueSteps + 1, trialSteps);
  m_traceLength = std::max(1, traceLength);
  m_rng = Rng(config.seed).stream(kLiveStream);
  m_haveTrial = false;
  m_trials = 0;
  m_step = 0;
  m_x.resize(0);
  m_r.resize(0);
  m_decoded = 0;
  m_trueTrace.clear();
  m_decodedTrace.clear();
  m_omegaTrace.clear();
  m_activity.clear();
}

void HdLiveSimulator::beginTrial(const Ctrnn<float>& model, const UnitPerturbations& p) {
  HeadDirectionTaskConfig task = m_config.task;
  task.steps = m_trialSteps;
  m_trial = generateHeadDirectionTrials(task, 1, m_rng);
  m_haveTrial = true;
  ++m_trials;
  m_step = 0;
  m_x = model.params.x0;
  ctrnnRates(model, p, m_x, m_r);
  m_trueTrace.clear();
  m_decodedTrace.clear();
  m_omegaTrace.clear();
  m_activity.clear();
  finishStep(model, p);
}

void HdLiveSimulator::finishStep(const Ctrnn<float>& model, const UnitPerturbations&) {
  const Eigen::MatrixXf wOut = model.params.W_out.cwiseProduct(model.masks.out);
  const Eigen::VectorXf y = wOut * m_r + model.params.b_out;
  m_decoded = y.size() >= 2 ? decodeHeading(double(y[0]), double(y[1])) : 0.0;
  record();
}

void HdLiveSimulator::record() {
  const double heading = m_step == 0 ? m_trial.initialHeading[0] : m_trial.heading(m_step - 1, 0);
  const double omega = m_step == 0 ? 0.0 : m_trial.omega(m_step - 1, 0);
  m_trueTrace.push_back(float(heading));
  m_decodedTrace.push_back(float(m_decoded));
  m_omegaTrace.push_back(float(omega));
  m_activity.push_back(m_r);
  while (int(m_trueTrace.size()) > m_traceLength) {
    m_trueTrace.pop_front();
    m_decodedTrace.pop_front();
    m_omegaTrace.pop_front();
    m_activity.pop_front();
  }
}

void HdLiveSimulator::advance(const Ctrnn<float>& model, const UnitPerturbations& p, int steps) {
  const int n = model.config().numUnits;
  if (!m_haveTrial || m_x.size() != n) beginTrial(model, p);
  if (steps <= 0) return;
  const Eigen::MatrixXf wRec = model.params.W_rec.cwiseProduct(model.masks.rec);
  const Eigen::MatrixXf wIn = model.params.W_in.cwiseProduct(model.masks.in);
  for (int s = 0; s < steps; ++s) {
    if (m_step >= m_trialSteps) {
      beginTrial(model, p);
      continue;
    }
    ++m_step;
    const Eigen::VectorXf u = m_trial.batch.inputs.col(m_step - 1).cast<float>();
    ctrnnSingleStep(model, wRec, wIn, u, p, m_x, m_r);
    finishStep(model, p);
  }
}

HdLiveTrial HdLiveSimulator::trial() const {
  HdLiveTrial t;
  t.step = m_step;
  t.steps = m_trialSteps;
  t.rates = m_r;
  if (!m_trueTrace.empty()) {
    t.trueHeading = m_trueTrace.back();
    t.decodedHeading = m_decoded;
    t.omega = m_omegaTrace.back();
    if (m_step > 0) t.trueHeading = m_trial.heading(m_step - 1, 0);
  }
  t.trueTrace.assign(m_trueTrace.begin(), m_trueTrace.end());
  t.decodedTrace.assign(m_decodedTrace.begin(), m_decodedTrace.end());
  t.omegaTrace.assign(m_omegaTrace.begin(), m_omegaTrace.end());
  const Eigen::Index n = m_r.size(), len = Eigen::Index(m_activity.size());
  t.activityTrace.resize(n, len);
  for (Eigen::Index c = 0; c < len; ++c) t.activityTrace.col(c) = m_activity[size_t(c)];
  return t;
}

}  // namespace emergence::engine
