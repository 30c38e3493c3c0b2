#pragma once
// The live "demo trial" of the head-direction lab: one noise-free trial (generator angular
// velocity, cue, then free integration) simulated one Euler step at a time with the current
// effective weights, so the bump can be watched while training runs. A new trial starts when the
// current one ends. Unit interventions are applied while they are in the set, whatever their
// trial-step window (the window refers to training/test trials; "now" is what counts here).
#include <Eigen/Core>
#include <cstdint>
#include <deque>

#include "engine/core/random.h"
#include "engine/models/ctrnn_step.h"
#include "engine/runtime/hd_snapshot.h"
#include "engine/train/hd_run_config.h"

namespace emergence::engine {

class HdLiveSimulator {
 public:
  static constexpr std::uint64_t kLiveStream = 5;  // Rng(seed).stream(kLiveStream) draws trials

  // Forget everything; trials are drawn from config.task (steps replaced by trialSteps).
  void reset(const HdRunConfig& config, int trialSteps = 1000, int traceLength = 300);
  // Advance `steps` Euler steps (0 only makes sure a trial has started).
  void advance(const Ctrnn<float>& model, const UnitPerturbations& perturbations, int steps);
  // Copy for a snapshot (traces oldest first).
  HdLiveTrial trial() const;

  int step() const { return m_step; }
  long long trialsStarted() const { return m_trials; }
  int trialSteps() const { return m_trialSteps; }

 private:
  void beginTrial(const Ctrnn<float>& model, const UnitPerturbations& perturbations);
  void finishStep(const Ctrnn<float>& model, const UnitPerturbations& perturbations);
  void record();

  HdRunConfig m_config;
  int m_trialSteps = 1000, m_traceLength = 300;
  Rng m_rng;
  HeadDirectionTrials m_trial;
  bool m_haveTrial = false;
  long long m_trials = 0;
  int m_step = 0;
  Eigen::VectorXf m_x, m_r;
  double m_decoded = 0;
  std::deque<float> m_trueTrace, m_decodedTrace, m_omegaTrace;
  std::deque<Eigen::VectorXf> m_activity;
};

}  // namespace emergence::engine
