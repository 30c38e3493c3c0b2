// Retina run configuration, presets and config.json (retina_run_config.h).
#include "engine/train/retina_run_config.h"

#include <stdexcept>

#include "engine/io/file_error.h"
#include "engine/io/json_fields.h"

namespace emergence::engine {

void RetinaRunConfig::normalise() {
  const int S = model.windowPx;
  data.movie.height = data.movie.width = S;
  data.whiteNoise.height = data.whiteNoise.width = S;
  data.retina.height = data.retina.width = S;
  model.numCells = int(SyntheticRetina(data.retina).numCells());
}

std::vector<std::string> retinaPresetNames() { return {"default", "faithful"}; }

std::string retinaPresetDescription(const std::string& name) {
  if (name == "default")
    return "Fast BN-CNN for a laptop CPU: 32 px, separable conv1 of rank 2, per-channel BN "
           "(docs/retina-experiments.md)";
  if (name == "faithful")
    return "The paper's BN-CNN (retina.md §2): 50 px, 40 frames, full 15×15 conv1, per-unit BN "
           "(GPU scale)";
  return {};
}

RetinaRunConfig retinaPreset(const std::string& name) {
  RetinaRunConfig c;
  c.preset = name;
  if (name == "faithful") {
    // §2 and §3: full conv1 40 × 15 × 15, per-unit BN, σ 0.05, L2 1e-2 on conv kernels, activity
    // L1 1e-4, Adam 1e-3, batch 512 (≤ 512 for memory, §10), 20 min of natural movie.
    c.model = RetinaCnnConfig{};
    c.training.batchChunks = 8;
    c.training.chunkLength = 64;
    c.training.optimizer.learningRate = 1e-3;
    c.training.kernelL2 = 1e-2;
    c.training.activityL1 = 1e-4;
    c.training.maxUpdates = 20000;
    c.training.validateEvery = 250;
  } else if (name == "default") {
    // docs/retina-experiments.md: 32 px window (the roster lies in the central 24 px), 40
    // frames, rank-2 separable conv1 15 × 15, conv2 8@11, per-channel BN, batch 4 × 64.
    c.model.windowPx = 32;
    c.model.historyFrames = 40;
    c.model.conv1 = RetinaConv1Kind::Separable;
    c.model.conv1Rank = 2;
    c.model.conv1Kernel = 15;
    c.model.conv2Kernel = 11;
    c.model.bn = RetinaBnMode::PerChannel;
  } else {
    throw std::invalid_argument("unknown retina preset \"" + name + "\" (known: default, faithful)");
  }
  c.normalise();
  return c;
}

nlohmann::json toJson(const RetinaRunConfig& c) {
  nlohmann::json j;
  j["lab"] = "retina";
  j["version"] = EMERGENCE_VERSION;
  j["preset"] = c.preset;
  j["seed"] = c.seed;
  const auto& m = c.model;
  j["model"] = {{"window_px", m.windowPx}, {"history_frames", m.historyFrames},
                {"conv1_channels", m.conv1Channels}, {"conv1_kernel", m.conv1Kernel},
                {"conv1", retinaConv1KindName(m.conv1)}, {"conv1_rank", m.conv1Rank},
                {"conv2_channels", m.conv2Channels}, {"conv2_kernel", m.conv2Kernel},
                {"cells", m.numCells}, {"bn", retinaBnModeName(m.bn)},
                {"bn_epsilon", m.bnEpsilon}, {"bn_momentum", m.bnMomentum},
                {"noise_std", m.noiseStd}};
  const auto& d = c.data;
  const auto& mv = d.movie;
  const auto& rt = d.retina;
  j["data"] = {
      {"train_minutes", d.trainMinutes}, {"validation_fraction", d.validationFraction},
      {"segment_seconds", d.segmentSeconds}, {"warmup_frames", d.warmupFrames},
      {"white_noise_fraction", d.whiteNoiseFraction},
      {"white_noise", {{"binary", d.whiteNoise.binary}, {"checker_px", d.whiteNoise.checkerPx},
                       {"hold_frames", d.whiteNoise.holdFrames}, {"sd", d.whiteNoise.sd}}},
      {"movie", {{"bank_seed", mv.bank.seed}, {"bank_images", mv.bank.count},
                 {"fixation_mean_s", mv.fixationMeanS}, {"jitter_step_sd_px", mv.jitterStepSdPx},
                 {"object_probability", mv.objectProbability},
                 {"drift_amplitude", mv.driftAmplitude}}},
      {"retina", {{"seed", rt.seed}, {"roster_region_px", rt.rosterRegionPx},
                  {"roster_jitter_px", rt.rosterJitterPx}, {"baseline_hz", rt.baselineHz}}},
      {"test_seconds", d.testSeconds}, {"test_repeats", d.testRepeats}};
  const auto& t = c.training;
  j["training"] = {{"batch_chunks", t.batchChunks}, {"chunk_length", t.chunkLength},
                   {"learning_rate", t.optimizer.learningRate}, {"beta1", t.optimizer.beta1},
                   {"beta2", t.optimizer.beta2}, {"epsilon", t.optimizer.epsilon},
                   {"kernel_l2", t.kernelL2}, {"activity_l1", t.activityL1},
                   {"gradient_clip", t.gradientClip}, {"max_updates", t.maxUpdates},
                   {"max_minutes", t.maxMinutes}, {"validate_every", t.validateEvery},
                   {"plateau_patience", t.plateauPatience}, {"plateau_factor", t.plateauFactor},
                   {"min_learning_rate", t.minLearningRate}, {"stop_patience", t.stopPatience},
                   {"min_improvement", t.minImprovement}};
  const auto& a = c.analysis;
  j["analysis"] = {{"ig_steps", a.igSteps}, {"coverage", a.coverage},
                   {"kinetics_split_ms", a.kineticsSplitMs}, {"threads", a.threads}};
  return j;
}

RetinaRunConfig retinaRunConfigFromJson(const nlohmann::json& j, const std::string& path) {
  if (!j.is_object()) throw FileError(path, "", "top level must be a JSON object");
  JsonFields top(j, path);
  if (top.string("lab", "retina") != "retina") top.fail("lab", "this file is not for the retina lab");
  top.string("version", "");
  const std::string preset = top.oneOf("preset", "default", {"default", "faithful", "custom"});
  RetinaRunConfig c = retinaPreset(preset == "custom" ? "default" : preset);
  c.preset = preset;
  c.seed = std::uint64_t(top.integer("seed", (long long)c.seed, 0, 1LL << 62));

  const JsonFields m = top.object("model");
  auto& mc = c.model;
  mc.windowPx = int(m.integer("window_px", mc.windowPx, 8, 256));
  mc.historyFrames = int(m.integer("history_frames", mc.historyFrames, 1, 200));
  mc.conv1Channels = int(m.integer("conv1_channels", mc.conv1Channels, 1, 64));
  mc.conv1Kernel = int(m.integer("conv1_kernel", mc.conv1Kernel, 1, 64));
  mc.conv1 = m.oneOf("conv1", retinaConv1KindName(mc.conv1), {"full", "separable"}) == "full"
                 ? RetinaConv1Kind::Full
                 : RetinaConv1Kind::Separable;
  mc.conv1Rank = int(m.integer("conv1_rank", mc.conv1Rank, 1, 200));
  mc.conv2Channels = int(m.integer("conv2_channels", mc.conv2Channels, 1, 64));
  mc.conv2Kernel = int(m.integer("conv2_kernel", mc.conv2Kernel, 1, 64));
  m.integer("cells", 0, 0, 1 << 20);  // derived from the roster (written for readers)
  mc.bn = m.oneOf("bn", retinaBnModeName(mc.bn), {"per_unit", "per_channel"}) == "per_unit"
              ? RetinaBnMode::PerUnit
              : RetinaBnMode::PerChannel;
  mc.bnEpsilon = m.number("bn_epsilon", mc.bnEpsilon, 1e-12, 1.0);
  mc.bnMomentum = m.number("bn_momentum", mc.bnMomentum, 0.0, 1.0);
  mc.noiseStd = m.number("noise_std", mc.noiseStd, 0.0, 10.0);
  if (mc.conv1Kernel > mc.windowPx) m.fail("conv1_kernel", "must not exceed window_px");
  if (mc.conv2Kernel > mc.windowPx - mc.conv1Kernel + 1)
    m.fail("conv2_kernel", "must not exceed window_px − conv1_kernel + 1");
  if (mc.conv1 == RetinaConv1Kind::Separable && mc.conv1Rank > mc.historyFrames)
    m.fail("conv1_rank", "must not exceed history_frames");
  m.rejectUnknown();

  const JsonFields d = top.object("data");
  auto& dc = c.data;
  dc.trainMinutes = d.number("train_minutes", dc.trainMinutes, 0.01, 600.0);
  dc.validationFraction = d.number("validation_fraction", dc.validationFraction, 0.0, 0.5);
  dc.segmentSeconds = d.number("segment_seconds", dc.segmentSeconds, 0.1, 3600.0);
  dc.warmupFrames = int(d.integer("warmup_frames", dc.warmupFrames, 0, 100000));
  if (dc.warmupFrames < mc.historyFrames)
    d.fail("warmup_frames", "must be ≥ model.history_frames (" + std::to_string(mc.historyFrames) +
                                ") so that the first window has its history");
  dc.whiteNoiseFraction = d.number("white_noise_fraction", dc.whiteNoiseFraction, 0.0, 1.0);
  const JsonFields wn = d.object("white_noise");
  dc.whiteNoise.binary = wn.boolean("binary", dc.whiteNoise.binary);
  dc.whiteNoise.checkerPx = int(wn.integer("checker_px", dc.whiteNoise.checkerPx, 1, 64));
  dc.whiteNoise.holdFrames = int(wn.integer("hold_frames", dc.whiteNoise.holdFrames, 1, 100));
  dc.whiteNoise.sd = wn.number("sd", dc.whiteNoise.sd, 0.0, 10.0);
  wn.rejectUnknown();
  const JsonFields mv = d.object("movie");
  auto& mo = dc.movie;
  mo.bank.seed = std::uint64_t(mv.integer("bank_seed", (long long)mo.bank.seed, 0, 1LL << 62));
  mo.bank.count = int(mv.integer("bank_images", mo.bank.count, 1, 100000));
  mo.fixationMeanS = mv.number("fixation_mean_s", mo.fixationMeanS, 0.01, 100.0);
  mo.jitterStepSdPx = mv.number("jitter_step_sd_px", mo.jitterStepSdPx, 0.0, 10.0);
  mo.objectProbability = mv.number("object_probability", mo.objectProbability, 0.0, 1.0);
  mo.driftAmplitude = mv.number("drift_amplitude", mo.driftAmplitude, 0.0, 1.0);
  mv.rejectUnknown();
  const JsonFields rt = d.object("retina");
  auto& re = dc.retina;
  re.seed = std::uint64_t(rt.integer("seed", (long long)re.seed, 0, 1LL << 62));
  re.rosterRegionPx = rt.number("roster_region_px", re.rosterRegionPx, 0.0, 256.0);
  re.rosterJitterPx = rt.number("roster_jitter_px", re.rosterJitterPx, 0.0, 64.0);
  re.baselineHz = rt.number("baseline_hz", re.baselineHz, 0.0, 1000.0);
  if (re.rosterRegionPx > mc.windowPx) rt.fail("roster_region_px", "must fit inside model.window_px");
  rt.rejectUnknown();
  dc.testSeconds = d.number("test_seconds", dc.testSeconds, 0.1, 3600.0);
  dc.testRepeats = int(d.integer("test_repeats", dc.testRepeats, 2, 1000));
  d.rejectUnknown();

  const JsonFields t = top.object("training");
  auto& tc = c.training;
  tc.batchChunks = int(t.integer("batch_chunks", tc.batchChunks, 1, 1024));
  tc.chunkLength = int(t.integer("chunk_length", tc.chunkLength, 2, 100000));
  tc.optimizer.learningRate = t.number("learning_rate", tc.optimizer.learningRate, 1e-8, 1.0);
  tc.optimizer.beta1 = t.number("beta1", tc.optimizer.beta1, 0.0, 0.9999);
  tc.optimizer.beta2 = t.number("beta2", tc.optimizer.beta2, 0.0, 0.999999);
  tc.optimizer.epsilon = t.number("epsilon", tc.optimizer.epsilon, 1e-12, 1.0);
  tc.kernelL2 = t.number("kernel_l2", tc.kernelL2, 0.0, 100.0);
  tc.activityL1 = t.number("activity_l1", tc.activityL1, 0.0, 100.0);
  tc.gradientClip = t.number("gradient_clip", tc.gradientClip, 0.0, 1e9);
  tc.maxUpdates = int(t.integer("max_updates", tc.maxUpdates, 1, 100000000));
  tc.maxMinutes = t.number("max_minutes", tc.maxMinutes, 0.0, 1e6);
  tc.validateEvery = int(t.integer("validate_every", tc.validateEvery, 1, 100000000));
  tc.plateauPatience = int(t.integer("plateau_patience", tc.plateauPatience, 1, 1000000));
  tc.plateauFactor = t.number("plateau_factor", tc.plateauFactor, 1e-6, 1.0);
  tc.minLearningRate = t.number("min_learning_rate", tc.minLearningRate, 0.0, 1.0);
  tc.stopPatience = int(t.integer("stop_patience", tc.stopPatience, 1, 1000000));
  tc.minImprovement = t.number("min_improvement", tc.minImprovement, 0.0, 1.0);
  const double segmentBins = dc.segmentSeconds / kRetinaFrameS;
  if (tc.chunkLength > segmentBins)
    t.fail("chunk_length", "must not exceed data.segment_seconds / 10 ms = " +
                               std::to_string(int(segmentBins)));
  t.rejectUnknown();

  const JsonFields a = top.object("analysis");
  auto& ac = c.analysis;
  ac.igSteps = int(a.integer("ig_steps", ac.igSteps, 1, 10000));
  ac.coverage = a.number("coverage", ac.coverage, 0.01, 1.0);
  ac.kineticsSplitMs = a.number("kinetics_split_ms", ac.kineticsSplitMs, 1.0, 10000.0);
  ac.threads = int(a.integer("threads", ac.threads, 1, 256));
  a.rejectUnknown();
  top.rejectUnknown();
  c.normalise();
  return c;
}

}  // namespace emergence::engine
