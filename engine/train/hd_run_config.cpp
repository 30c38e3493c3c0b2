#include "engine/train/hd_run_config.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/io/file_error.h"
#include "engine/io/json_fields.h"

namespace emergence::engine {

double HdRunConfig::learningRateAt(long long update, long long fullLengthSince) const {
  const auto& t = training;
  const double lr = t.optimizer.learningRate;
  long long start = t.learningRateDecayStart;
  if (errorGatedCurriculum()) {
    if (fullLengthSince < 0) return lr;
    start += fullLengthSince;
  }
  if (t.learningRateHalfLife <= 0 || update <= start) return lr;
  const double halvings = double(update - start) / t.learningRateHalfLife;
  return lr * std::max(t.learningRateFloor, std::pow(0.5, halvings));
}

std::vector<std::string> hdPresetNames() { return {"paper", "default"}; }

HdRunConfig hdPreset(const std::string& name) {
  HdRunConfig c;
  c.preset = name;
  if (name == "paper") return c;  // §4.4: every field at its documented default
  if (name == "default") {
    // Tuned for watching emergence live on a 2-core laptop (measurements in the README):
    //  - error-gated curriculum on the trial length: trials start at 100 steps and grow ×1.5
    //    (100, 150, 225, 338, 500) each time the mean training error of the last 20 updates
    //    is below 5 %. Short trials are 5× cheaper and the network first learns to hold and
    //    integrate over them; a linear schedule (100 → 500 over 600 updates) outran the
    //    network and left it on the paper's ~90 % plateau until update ~1200;
    //  - learning rate 3e-3 instead of 1e-3: leaves the initial plateau in ~250 updates;
    //  - learning rate halved every 400 updates once trials reach full length (floor 0.02×):
    //    Adam at 3e-3 keeps the error bouncing between 2 and 10 %; the decay settles it;
    //  - noise SD 0.2 after the nonlinearity instead of 0.1: the unit classes of the paper
    //    appear. With 0.1 our Adam-trained networks have 7–14 Compass units whose preferred
    //    directions leave 55–110° gaps, and a continuum of AV slopes; with 0.2 the network must
    //    hold the heading against twice the noise, its bump units saturate (HD strength > 0.735
    //    with flat AV tuning) and 25–32 of 100 units are Compass (docs/hd-unit-classes.md);
    //  - the curriculum gate at 10 % training error (noise included) instead of 5 %: with
    //    SD 0.2 the noisy training error of a network that works (noise-free test error < 3 %)
    //    sits at 8–10 %, and a 5 % gate never opened past 150-step trials;
    //  - 5000 updates (the paper's count) instead of 3000: the error at full length falls more
    //    slowly with the stronger noise;
    //  - everything else (model, task statistics, λ_r and its 2/3 rule, clip) as §4.4.
    c.model.noiseStd = 0.2;
    c.training.optimizer.learningRate = 3e-3;
    c.training.curriculumStartSteps = 100;
    c.training.curriculumErrorGate = 10.0;
    c.training.curriculumGrowth = 1.5;
    c.training.curriculumWindow = 20;
    c.training.learningRateDecayStart = 0;
    c.training.learningRateHalfLife = 400;
    c.training.learningRateFloor = 0.02;
    c.training.updates = 5000;
    return c;
  }
  throw std::invalid_argument("unknown preset \"" + name + "\" (known: paper, default)");
}

nlohmann::json toJson(const HdRunConfig& c) {
  const auto& m = c.model;
  const auto& t = c.task;
  const auto& r = c.training;
  nlohmann::json j;
  j["lab"] = "head_direction";
  j["version"] = EMERGENCE_VERSION;
  j["preset"] = c.preset;
  j["seed"] = c.seed;
  j["model"] = {{"num_units", m.numUnits},
                {"dt_over_tau", m.dtOverTau},
                {"nonlinearity", toString(m.nonlinearity)},
                {"noise_position", toString(m.noisePosition)},
                {"noise_std", m.noiseStd},
                {"mask_self_connections", m.maskSelfConnections},
                {"learn_initial_state", m.learnInitialState},
                {"learn_recurrent_bias", m.learnRecurrentBias},
                {"learn_output_bias", m.learnOutputBias},
                {"init_recurrent_gain", m.initRecurrentGain},
                {"init_input_std", m.initInputStd},
                {"init_output_std", m.initOutputStd},
                {"init_bias_mean", m.initBiasMean},
                {"init_bias_std", m.initBiasStd}};
  j["task"] = {{"steps", t.steps},
               {"cue_steps", t.cueSteps},
               {"av_noise", t.avNoise},
               {"av_momentum", t.avMomentum},
               {"av_scale", t.avScale},
               {"still_periods", t.stillPeriods},
               {"still_start_max", t.stillStartMax},
               {"still_duration_max", t.stillDurationMax}};
  j["training"] = {{"batch_size", r.batchSize},
                   {"updates", r.updates},
                   {"learning_rate", r.optimizer.learningRate},
                   {"beta1", r.optimizer.beta1},
                   {"beta2", r.optimizer.beta2},
                   {"epsilon", r.optimizer.epsilon},
                   {"weight_decay", r.optimizer.weightDecay},
                   {"gradient_clip", r.gradientClip},
                   {"activity_l2", r.activityL2},
                   {"activity_rule", r.activityRule},
                   {"activity_rule_ratio", r.activityRuleRatio},
                   {"activity_rule_factor", r.activityRuleFactor},
                   {"weight_l2_rec", r.weightL2Rec},
                   {"weight_l2_in", r.weightL2In},
                   {"weight_l2_out", r.weightL2Out},
                   {"weight_l1_rec", r.weightL1Rec},
                   {"weight_l1_in", r.weightL1In},
                   {"weight_l1_out", r.weightL1Out},
                   {"curriculum_start_steps", r.curriculumStartSteps},
                   {"curriculum_updates", r.curriculumUpdates},
                   {"curriculum_error_gate", r.curriculumErrorGate},
                   {"curriculum_growth", r.curriculumGrowth},
                   {"curriculum_window", r.curriculumWindow},
                   {"shards", r.shards},
                   {"learning_rate_decay_start", r.learningRateDecayStart},
                   {"learning_rate_half_life", r.learningRateHalfLife},
                   {"learning_rate_floor", r.learningRateFloor},
                   {"test_trials", r.testTrials},
                   {"test_steps", r.testSteps},
                   {"test_every", r.testEvery}};
  return j;
}

HdRunConfig hdRunConfigFromJson(const nlohmann::json& j, const std::string& path) {
  if (!j.is_object()) throw FileError(path, "", "top level must be a JSON object");
  JsonFields top(j, path);
  HdRunConfig c;
  const std::string lab = top.string("lab", "head_direction");
  if (lab != "head_direction")
    top.fail("lab", "this file is for lab \"" + lab + "\", not head_direction");
  top.string("version", "");
  c.preset = top.string("preset", "custom");
  c.seed = std::uint64_t(top.integer("seed", 1, 0, (1LL << 62)));

  const JsonFields m = top.object("model");
  auto& mc = c.model;
  mc.numUnits = int(m.integer("num_units", mc.numUnits, 2, 4096));
  mc.dtOverTau = m.number("dt_over_tau", mc.dtOverTau, 1e-4, 1.0);
  mc.nonlinearity = nonlinearityFromString(
      m.oneOf("nonlinearity", toString(mc.nonlinearity), {"retanh", "tanh", "relu"}));
  mc.noisePosition = noisePositionFromString(
      m.oneOf("noise_position", toString(mc.noisePosition), {"after", "before", "state"}));
  mc.noiseStd = m.number("noise_std", mc.noiseStd, 0.0, 10.0);
  mc.maskSelfConnections = m.boolean("mask_self_connections", mc.maskSelfConnections);
  mc.learnInitialState = m.boolean("learn_initial_state", mc.learnInitialState);
  mc.learnRecurrentBias = m.boolean("learn_recurrent_bias", mc.learnRecurrentBias);
  mc.learnOutputBias = m.boolean("learn_output_bias", mc.learnOutputBias);
  mc.initRecurrentGain = m.number("init_recurrent_gain", mc.initRecurrentGain, 0.0, 10.0);
  mc.initInputStd = m.number("init_input_std", mc.initInputStd, -1.0, 10.0);
  mc.initOutputStd = m.number("init_output_std", mc.initOutputStd, 0.0, 10.0);
  mc.initBiasMean = m.number("init_bias_mean", mc.initBiasMean, -10.0, 10.0);
  mc.initBiasStd = m.number("init_bias_std", mc.initBiasStd, 0.0, 10.0);
  m.rejectUnknown();

  const JsonFields t = top.object("task");
  auto& tc = c.task;
  tc.steps = int(t.integer("steps", tc.steps, 2, 100000));
  tc.cueSteps = int(t.integer("cue_steps", tc.cueSteps, 1, tc.steps - 1));
  tc.avNoise = t.number("av_noise", tc.avNoise, 0.0, 3.14159);
  tc.avMomentum = t.number("av_momentum", tc.avMomentum, 0.0, 0.999);
  tc.avScale = t.number("av_scale", tc.avScale, 0.0, 100.0);
  tc.stillPeriods = t.boolean("still_periods", tc.stillPeriods);
  tc.stillStartMax = int(t.integer("still_start_max", tc.stillStartMax, -1, tc.steps));
  tc.stillDurationMax = int(t.integer("still_duration_max", tc.stillDurationMax, -1, tc.steps));
  t.rejectUnknown();

  const JsonFields r = top.object("training");
  auto& rc = c.training;
  rc.batchSize = int(r.integer("batch_size", rc.batchSize, 1, 100000));
  rc.updates = int(r.integer("updates", rc.updates, 1, 100000000));
  rc.optimizer.learningRate = r.number("learning_rate", rc.optimizer.learningRate, 1e-7, 1.0);
  rc.optimizer.beta1 = r.number("beta1", rc.optimizer.beta1, 0.0, 0.9999);
  rc.optimizer.beta2 = r.number("beta2", rc.optimizer.beta2, 0.0, 0.999999);
  rc.optimizer.epsilon = r.number("epsilon", rc.optimizer.epsilon, 1e-12, 1.0);
  rc.optimizer.weightDecay = r.number("weight_decay", rc.optimizer.weightDecay, 0.0, 1.0);
  rc.gradientClip = r.number("gradient_clip", rc.gradientClip, 0.0, 1e6);
  rc.activityL2 = r.number("activity_l2", rc.activityL2, 0.0, 100.0);
  rc.activityRule = r.boolean("activity_rule", rc.activityRule);
  rc.activityRuleRatio = r.number("activity_rule_ratio", rc.activityRuleRatio, 0.0, 100.0);
  rc.activityRuleFactor = r.number("activity_rule_factor", rc.activityRuleFactor, 0.0, 1.0);
  rc.weightL2Rec = r.number("weight_l2_rec", rc.weightL2Rec, 0.0, 100.0);
  rc.weightL2In = r.number("weight_l2_in", rc.weightL2In, 0.0, 100.0);
  rc.weightL2Out = r.number("weight_l2_out", rc.weightL2Out, 0.0, 100.0);
  rc.weightL1Rec = r.number("weight_l1_rec", rc.weightL1Rec, 0.0, 100.0);
  rc.weightL1In = r.number("weight_l1_in", rc.weightL1In, 0.0, 100.0);
  rc.weightL1Out = r.number("weight_l1_out", rc.weightL1Out, 0.0, 100.0);
  rc.curriculumStartSteps =
      int(r.integer("curriculum_start_steps", rc.curriculumStartSteps, 0, tc.steps));
  rc.curriculumUpdates = int(r.integer("curriculum_updates", rc.curriculumUpdates, 0, 100000000));
  rc.curriculumErrorGate = r.number("curriculum_error_gate", rc.curriculumErrorGate, 0.0, 1000.0);
  rc.curriculumGrowth = r.number("curriculum_growth", rc.curriculumGrowth, 1.01, 100.0);
  rc.curriculumWindow = int(r.integer("curriculum_window", rc.curriculumWindow, 1, 100000));
  if ((rc.curriculumUpdates > 0 || rc.curriculumErrorGate > 0) &&
      rc.curriculumStartSteps <= tc.cueSteps)
    r.fail("curriculum_start_steps", "must exceed task.cue_steps (" +
                                         std::to_string(tc.cueSteps) + ") when a curriculum is set");
  rc.shards = int(r.integer("shards", rc.shards, 1, 64));
  if (rc.shards > rc.batchSize)
    r.fail("shards", "must not exceed training.batch_size (" + std::to_string(rc.batchSize) + ")");
  rc.learningRateDecayStart =
      int(r.integer("learning_rate_decay_start", rc.learningRateDecayStart, 0, 100000000));
  rc.learningRateHalfLife =
      int(r.integer("learning_rate_half_life", rc.learningRateHalfLife, 0, 100000000));
  rc.learningRateFloor = r.number("learning_rate_floor", rc.learningRateFloor, 0.0, 1.0);
  rc.testTrials = int(r.integer("test_trials", rc.testTrials, 1, 100000));
  rc.testSteps = int(r.integer("test_steps", rc.testSteps, tc.cueSteps + 1, 100000));
  rc.testEvery = int(r.integer("test_every", rc.testEvery, 1, 1000000));
  r.rejectUnknown();
  top.rejectUnknown();
  return c;
}

std::vector<int> hdCheckpointSchedule(int last) {
  std::vector<int> s;
  for (int u = 0; u <= std::min(5, last); ++u) s.push_back(u);
  auto linspace = [&](double a, double b, int n) {
    for (int i = 0; i < n; ++i) {
      const int u = int(std::lround(a + (b - a) * i / double(n - 1)));
      if (u <= last) s.push_back(u);
    }
  };
  linspace(25, 150, 20);
  linspace(0, last, 20);
  std::sort(s.begin(), s.end());
  s.erase(std::unique(s.begin(), s.end()), s.end());
  return s;
}

}  // namespace emergence::engine
