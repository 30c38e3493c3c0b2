#include "engine/train/grid_run_config.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/io/file_error.h"
#include "engine/io/json_fields.h"

namespace emergence::engine {

double GridRunConfig::learningRateAt(long long update) const {
  const auto& t = training;
  const double lr = t.optimizer.learningRate;
  if (t.learningRateHalfLife <= 0 || update <= t.learningRateDecayStart) return lr;
  const double halvings = double(update - t.learningRateDecayStart) / t.learningRateHalfLife;
  return lr * std::max(t.learningRateFloor, std::pow(0.5, halvings));
}

void GridRunConfig::normalise() {
  placeCellModel.numInputs = velocityInputSize(input);
  placeCellModel.numPlaceCells = placeCells.cells;
  cartesianModel.numInputs = velocityInputSize(input);
  cartesianModel.numOutputs = 2;
}

std::vector<std::string> gridPresetNames() { return {"default", "sorscher", "cueva_wei"}; }

std::string gridPresetDescription(const std::string& name) {
  if (name == "default")
    return "Grid cells in minutes on a laptop CPU: a scaled-down place-cell RNN (see "
           "docs/grid-cells-experiments.md)";
  if (name == "sorscher")
    return "Sorscher et al. full size: 4096 ReLU units, 512 place cells, 2.2 m box (GPU scale)";
  if (name == "cueva_wei")
    return "Cueva & Wei 2018: 100-unit CTRNN with a Cartesian readout; border and band units";
  return {};
}

GridRunConfig gridPreset(const std::string& name) {
  GridRunConfig c;
  c.preset = name;
  if (name == "sorscher") {
    // grid-cells.md §4 exactly: Ng 4096, Np 512, σ 0.12 m, s 2, batch 200, T 20, Adam 1e-4,
    // λ_rec 1e-4, 1e5 updates, 2.2 m box, rat trajectories, Cartesian velocity.
    c.placeCellModel.numUnits = 4096;
    c.placeCells.cells = 512;
    c.training.updates = 100000;
  } else if (name == "cueva_wei") {
    // grid-cells.md §2: N = 100, tanh, T = 500, Cartesian (x, y) readout with MSE, inputs speed
    // and raw heading, metabolic cost and noise on, unit square arena, CW18 trajectories. The
    // paper used Hessian-free with minibatch 500; we use Adam (λ values are not given).
    c.arena = ArenaSpec{ArenaShape::Square, 1.0, 1.0, 1.0, 0.5};
    c.trajectory = TrajectoryModel::CuevaWei;
    c.input = VelocityInput::SpeedHeading;
    c.readout = GridReadout::Cartesian;
    c.cartesianModel.numUnits = 100;
    c.cartesianModel.nonlinearity = Nonlinearity::Tanh;
    c.cartesianModel.noisePosition = NoisePosition::InState;
    c.cartesianModel.noiseStd = 0.1;
    c.cartesianModel.maskSelfConnections = false;
    c.cartesianModel.learnInitialState = true;
    c.cartesianModel.initRecurrentGain = 1.5;
    c.cartesianModel.initBiasMean = 0.0;
    c.cartesianModel.initBiasStd = 0.0;
    c.training.batchSize = 100;
    c.training.updates = 5000;
    c.training.optimizer = {1e-3, 0.9, 0.999, 1e-8, 0.0};
    c.training.gradientClip = 10.0;
    c.training.recurrentL2 = 0.0;
    c.training.activityL2 = 0.1;
    c.training.ioL2 = 0.01;
    // Rate maps from trajectories 10× the training length: from the centre, 500 steps of
    // CW18's mostly-still walk cover only a central disc; 5000 steps reach every wall (CW18
    // shows path integration holds on runs far longer than training).
    c.analysis.evalTrials = 200;
    c.analysis.evalSteps = 5000;
    c.analysis.analyzeEvery = 250;
  } else if (name == "default") {
    // Sorscher's recipe scaled to a 2-core CPU (docs/grid-cells-experiments.md): 256 ReLU units,
    // 256 place cells (σ 0.12 m, s 2, 2.2 m box), batch 100, T 20, Adam 1e-3. Two
    // initialisation changes end the long plateau of the original (loss stuck at log Np):
    //  - W_rec = I (IRNN, Le et al. 2015): the untrained network already integrates velocity
    //    instead of forgetting it within a few steps;
    //  - encoder bounds ×64: the initial state g_0 = W_enc p_0 carries the start position
    //    (p_0's entries are ≈ 1/Np, so Sorscher's g_0 is ≈ 0.003 and no position reaches the
    //    readout);
    //  - velocity input ×50 (≈ 1 per step instead of ≈ 0.02 m): movement, not the start
    //    position, dominates the untrained activity, so the untrained rate maps are not
    //    smooth random projections of the place code (those already score 15 % of units
    //    above 0.3, max 0.9); with it the untrained network scores 0.8 % (max 0.66).
    c.placeCellModel.numUnits = 256;
    c.placeCells.cells = 256;
    c.placeCellModel.initRecurrentIdentity = true;
    c.placeCellModel.initRecurrentGain = 1.0;
    c.placeCellModel.initEncoderGain = 64.0;
    c.training.inputScale = 50.0;
    c.training.batchSize = 100;
    c.training.updates = 20000;
    c.training.optimizer.learningRate = 1e-3;
    c.analysis.evalTrials = 5000;
    c.analysis.analyzeEvery = 1000;
  } else {
    throw std::invalid_argument("unknown grid preset \"" + name +
                                "\" (known: default, sorscher, cueva_wei)");
  }
  c.normalise();
  return c;
}

nlohmann::json toJson(const GridRunConfig& c) {
  nlohmann::json j;
  j["lab"] = "grid_cells";
  j["version"] = EMERGENCE_VERSION;
  j["preset"] = c.preset;
  j["seed"] = c.seed;
  j["arena"] = c.arena.toJson();
  const auto& r = c.rat;
  const auto& w = c.cuevaWei;
  j["trajectory"] = {
      {"model", c.trajectory == TrajectoryModel::Rat ? "rat" : "cueva_wei"},
      {"rat", {{"steps", r.steps}, {"dt", r.dt}, {"speed_scale", r.speedScale},
               {"turn_sd", r.turnSd}, {"turn_bias", r.turnBias}, {"wall_zone", r.wallZone},
               {"wall_speed_factor", r.wallSpeedFactor}}},
      {"cueva_wei", {{"steps", w.steps}, {"max_speed", w.maxSpeed},
                     {"zero_speed_fraction", w.zeroSpeedFraction},
                     {"mean_still_bout", w.meanStillBout}, {"heading_sd_deg", w.headingSdDeg},
                     {"turn_momentum", w.turnMomentum}, {"start_at_centre", w.startAtCentre}}},
      {"input", velocityInputName(c.input)}};
  const auto& pm = c.placeCellModel;
  const auto& cm = c.cartesianModel;
  j["model"] = {
      {"readout", c.readout == GridReadout::PlaceCells ? "place_cells" : "cartesian"},
      {"place_cells", {{"units", pm.numUnits}, {"nonlinearity", toString(pm.nonlinearity)},
                       {"init_encoder_gain", pm.initEncoderGain},
                       {"init_input_gain", pm.initInputGain},
                       {"init_recurrent_gain", pm.initRecurrentGain},
                       {"init_output_gain", pm.initOutputGain},
                       {"init_recurrent_identity", pm.initRecurrentIdentity},
                       {"cells", c.placeCells.cells}, {"sigma", c.placeCells.sigma},
                       {"surround_scale", c.placeCells.surroundScale},
                       {"target", placeCellTargetName(c.placeCells.target)},
                       {"centres_seed", c.placeCells.seed},
                       {"decode_top_k", c.placeCells.decodeTopK}}},
      {"cartesian", {{"units", cm.numUnits}, {"nonlinearity", toString(cm.nonlinearity)},
                     {"dt_over_tau", cm.dtOverTau}, {"noise_position", toString(cm.noisePosition)},
                     {"noise_std", cm.noiseStd}, {"init_recurrent_gain", cm.initRecurrentGain}}}};
  const auto& t = c.training;
  j["training"] = {{"batch_size", t.batchSize}, {"updates", t.updates},
                   {"learning_rate", t.optimizer.learningRate}, {"beta1", t.optimizer.beta1},
                   {"beta2", t.optimizer.beta2}, {"epsilon", t.optimizer.epsilon},
                   {"weight_decay", t.optimizer.weightDecay}, {"gradient_clip", t.gradientClip},
                   {"recurrent_l2", t.recurrentL2}, {"activity_l2", t.activityL2},
                   {"io_l2", t.ioL2}, {"input_scale", t.inputScale},
                   {"learning_rate_decay_start", t.learningRateDecayStart},
                   {"learning_rate_half_life", t.learningRateHalfLife},
                   {"learning_rate_floor", t.learningRateFloor}, {"shards", t.shards}};
  const auto& a = c.analysis;
  j["analysis"] = {{"bins", a.bins}, {"eval_trials", a.evalTrials}, {"eval_steps", a.evalSteps},
                   {"analyze_every", a.analyzeEvery}, {"grid_threshold", a.thresholds.grid},
                   {"grid_min_max", a.thresholds.gridMinMax},
                   {"border_threshold", a.thresholds.border},
                   {"band_percentile", a.thresholds.bandPercentile}};
  return j;
}

GridRunConfig gridRunConfigFromJson(const nlohmann::json& j, const std::string& path) {
  if (!j.is_object()) throw FileError(path, "", "top level must be a JSON object");
  JsonFields top(j, path);
  if (top.string("lab", "grid_cells") != "grid_cells")
    top.fail("lab", "this file is not for the grid-cells lab");
  top.string("version", "");
  // Unspecified fields come from the named preset ("custom" starts from "default").
  const std::string preset =
      top.oneOf("preset", "default", {"default", "sorscher", "cueva_wei", "custom"});
  GridRunConfig c = gridPreset(preset == "custom" ? "default" : preset);
  c.preset = preset;
  c.seed = std::uint64_t(top.integer("seed", (long long)c.seed, 0, 1LL << 62));
  if (top.has("arena")) {
    top.object("arena");
    try {
      c.arena = ArenaSpec::fromJson(j.at("arena"), "arena");
    } catch (const std::invalid_argument& e) {
      throw FileError(path, "arena", e.what());
    }
  }
  const JsonFields tr = top.object("trajectory");
  c.trajectory = tr.oneOf("model", c.trajectory == TrajectoryModel::Rat ? "rat" : "cueva_wei",
                          {"rat", "cueva_wei"}) == "rat"
                     ? TrajectoryModel::Rat
                     : TrajectoryModel::CuevaWei;
  const JsonFields rat = tr.object("rat");
  auto& r = c.rat;
  r.steps = int(rat.integer("steps", r.steps, 1, 100000));
  r.dt = rat.number("dt", r.dt, 1e-5, 10.0);
  r.speedScale = rat.number("speed_scale", r.speedScale, 0.0, 100.0);
  r.turnSd = rat.number("turn_sd", r.turnSd, 0.0, 1000.0);
  r.turnBias = rat.number("turn_bias", r.turnBias, -1000.0, 1000.0);
  r.wallZone = rat.number("wall_zone", r.wallZone, 0.0, 100.0);
  r.wallSpeedFactor = rat.number("wall_speed_factor", r.wallSpeedFactor, 0.0, 1.0);
  rat.rejectUnknown();
  const JsonFields cw = tr.object("cueva_wei");
  auto& w = c.cuevaWei;
  w.steps = int(cw.integer("steps", w.steps, 1, 100000));
  w.maxSpeed = cw.number("max_speed", w.maxSpeed, 0.0, 100.0);
  w.zeroSpeedFraction = cw.number("zero_speed_fraction", w.zeroSpeedFraction, 0.0, 0.999);
  w.meanStillBout = cw.number("mean_still_bout", w.meanStillBout, 0.0, 1e6);
  w.headingSdDeg = cw.number("heading_sd_deg", w.headingSdDeg, 0.0, 360.0);
  w.turnMomentum = cw.number("turn_momentum", w.turnMomentum, 0.0, 0.999);
  w.startAtCentre = cw.boolean("start_at_centre", w.startAtCentre);
  cw.rejectUnknown();
  c.input = velocityInputFromName(
      tr.oneOf("input", velocityInputName(c.input), {"cartesian", "speed_heading", "speed_cos_sin"}),
      "trajectory.input");
  tr.rejectUnknown();

  const JsonFields m = top.object("model");
  c.readout = m.oneOf("readout", c.readout == GridReadout::PlaceCells ? "place_cells" : "cartesian",
                      {"place_cells", "cartesian"}) == "place_cells"
                  ? GridReadout::PlaceCells
                  : GridReadout::Cartesian;
  const JsonFields pc = m.object("place_cells");
  auto& pm = c.placeCellModel;
  pm.numUnits = int(pc.integer("units", pm.numUnits, 1, 16384));
  pm.nonlinearity = nonlinearityFromString(
      pc.oneOf("nonlinearity", toString(pm.nonlinearity), {"relu", "tanh", "retanh"}));
  pm.initEncoderGain = pc.number("init_encoder_gain", pm.initEncoderGain, 0.0, 1e4);
  pm.initInputGain = pc.number("init_input_gain", pm.initInputGain, 0.0, 1e4);
  pm.initRecurrentGain = pc.number("init_recurrent_gain", pm.initRecurrentGain, 0.0, 100.0);
  pm.initOutputGain = pc.number("init_output_gain", pm.initOutputGain, 0.0, 1e4);
  pm.initRecurrentIdentity = pc.boolean("init_recurrent_identity", pm.initRecurrentIdentity);
  auto& pl = c.placeCells;
  pl.cells = int(pc.integer("cells", pl.cells, 1, 16384));
  pl.sigma = pc.number("sigma", pl.sigma, 1e-4, 100.0);
  pl.surroundScale = pc.number("surround_scale", pl.surroundScale, 1.0001, 100.0);
  pl.target = placeCellTargetFromName(
      pc.oneOf("target", placeCellTargetName(pl.target),
               {"softmax", "difference_of_softmaxes", "gaussian"}),
      "model.place_cells.target");
  pl.seed = std::uint64_t(pc.integer("centres_seed", (long long)pl.seed, 0, 1LL << 62));
  pl.decodeTopK = int(pc.integer("decode_top_k", pl.decodeTopK, 1, 16384));
  if (pl.decodeTopK > pl.cells) pc.fail("decode_top_k", "must not exceed cells");
  pc.rejectUnknown();
  const JsonFields ca = m.object("cartesian");
  auto& cm = c.cartesianModel;
  cm.numUnits = int(ca.integer("units", cm.numUnits, 1, 4096));
  cm.nonlinearity = nonlinearityFromString(
      ca.oneOf("nonlinearity", toString(cm.nonlinearity), {"relu", "tanh", "retanh"}));
  cm.dtOverTau = ca.number("dt_over_tau", cm.dtOverTau, 1e-4, 1.0);
  cm.noisePosition = noisePositionFromString(
      ca.oneOf("noise_position", toString(cm.noisePosition), {"after", "before", "state"}));
  cm.noiseStd = ca.number("noise_std", cm.noiseStd, 0.0, 10.0);
  cm.initRecurrentGain = ca.number("init_recurrent_gain", cm.initRecurrentGain, 0.0, 10.0);
  ca.rejectUnknown();
  m.rejectUnknown();

  const JsonFields t = top.object("training");
  auto& tc = c.training;
  tc.batchSize = int(t.integer("batch_size", tc.batchSize, 1, 100000));
  tc.updates = int(t.integer("updates", tc.updates, 1, 100000000));
  tc.optimizer.learningRate = t.number("learning_rate", tc.optimizer.learningRate, 1e-8, 1.0);
  tc.optimizer.beta1 = t.number("beta1", tc.optimizer.beta1, 0.0, 0.9999);
  tc.optimizer.beta2 = t.number("beta2", tc.optimizer.beta2, 0.0, 0.999999);
  tc.optimizer.epsilon = t.number("epsilon", tc.optimizer.epsilon, 1e-12, 1.0);
  tc.optimizer.weightDecay = t.number("weight_decay", tc.optimizer.weightDecay, 0.0, 1.0);
  tc.gradientClip = t.number("gradient_clip", tc.gradientClip, 0.0, 1e9);
  tc.recurrentL2 = t.number("recurrent_l2", tc.recurrentL2, 0.0, 100.0);
  tc.activityL2 = t.number("activity_l2", tc.activityL2, 0.0, 100.0);
  tc.ioL2 = t.number("io_l2", tc.ioL2, 0.0, 100.0);
  tc.inputScale = t.number("input_scale", tc.inputScale, 1e-6, 1e6);
  tc.learningRateDecayStart =
      int(t.integer("learning_rate_decay_start", tc.learningRateDecayStart, 0, 100000000));
  tc.learningRateHalfLife =
      int(t.integer("learning_rate_half_life", tc.learningRateHalfLife, 0, 100000000));
  tc.learningRateFloor = t.number("learning_rate_floor", tc.learningRateFloor, 0.0, 1.0);
  tc.shards = int(t.integer("shards", tc.shards, 1, 64));
  if (tc.shards > tc.batchSize) t.fail("shards", "must not exceed training.batch_size");
  t.rejectUnknown();

  const JsonFields a = top.object("analysis");
  auto& ac = c.analysis;
  ac.bins = int(a.integer("bins", ac.bins, 4, 200));
  ac.evalTrials = int(a.integer("eval_trials", ac.evalTrials, 1, 1000000));
  ac.evalSteps = int(a.integer("eval_steps", ac.evalSteps, 0, 1000000));
  ac.analyzeEvery = int(a.integer("analyze_every", ac.analyzeEvery, 1, 100000000));
  ac.thresholds.grid = a.number("grid_threshold", ac.thresholds.grid, -2.0, 2.0);
  ac.thresholds.gridMinMax = a.boolean("grid_min_max", ac.thresholds.gridMinMax);
  ac.thresholds.border = a.number("border_threshold", ac.thresholds.border, -1.0, 1.0);
  ac.thresholds.bandPercentile = a.number("band_percentile", ac.thresholds.bandPercentile, 0.0, 100.0);
  a.rejectUnknown();
  top.rejectUnknown();
  c.normalise();
  return c;
}

}  // namespace emergence::engine
