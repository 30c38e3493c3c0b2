// The retina trainer on a tiny configuration (12 px, seconds of data): the same seed gives the
// same bits for any thread count, a saved and resumed run continues exactly, the run folder's
// files are complete, the config round-trips through JSON and bad fields are named, the output
// bias starts at the data's mean rate, and precise-BN recalibration sets population statistics.
#include <gtest/gtest.h>

#include <filesystem>

#include "engine/io/file_error.h"
#include "engine/io/json_fields.h"
#include "engine/io/npz.h"
#include "engine/train/retina_run_folder.h"
#include "engine/train/retina_trainer.h"

using namespace emergence::engine;

namespace {

RetinaRunConfig tinyConfig() {
  RetinaRunConfig c = retinaPreset("default");
  c.preset = "custom";
  c.model.windowPx = 12;
  c.model.historyFrames = 8;
  c.model.conv1Kernel = 5;
  c.model.conv2Kernel = 3;
  c.data.retina.rosterRegionPx = 6;
  c.data.retina.cells.clear();
  c.data.trainMinutes = 0.2;
  c.data.segmentSeconds = 3;
  c.data.warmupFrames = 40;
  c.data.testSeconds = 2;
  c.data.testRepeats = 2;
  c.training.chunkLength = 16;
  c.training.batchChunks = 3;
  c.training.validateEvery = 3;
  c.training.maxUpdates = 20;
  c.normalise();
  return c;
}

std::vector<float> flatParams(const RetinaCnn<float>& net) {
  std::vector<float> v;
  RetinaCnnParameters<float> p = net.params;
  p.forEach([&](const char*, float* d, Eigen::Index n) { v.insert(v.end(), d, d + n); });
  v.insert(v.end(), net.running.var1.data(), net.running.var1.data() + net.running.var1.size());
  v.insert(v.end(), net.running.mean3.data(), net.running.mean3.data() + net.running.mean3.size());
  return v;
}

TEST(RetinaTrainer, SameSeedSameBitsForAnyThreadCount) {
  RetinaTrainer a(tinyConfig(), 1), b(tinyConfig(), 2);
  for (int i = 0; i < 7; ++i) {
    const RetinaUpdateRecord ra = a.step(), rb = b.step();
    ASSERT_EQ(ra.loss, rb.loss) << i;
  }
  EXPECT_EQ(flatParams(a.model()), flatParams(b.model()));
  EXPECT_EQ(flatParams(a.bestModel()), flatParams(b.bestModel()));
  EXPECT_EQ(a.bestValidationCc(), b.bestValidationCc());
}

TEST(RetinaTrainer, ResumedRunContinuesExactly) {
  const std::string dir = (std::filesystem::temp_directory_path() / "retina_trainer_resume").string();
  std::filesystem::remove_all(dir);
  RetinaTrainer straight(tinyConfig(), 2);
  for (int i = 0; i < 10; ++i) straight.step();
  {
    RetinaTrainer first(tinyConfig(), 2);
    for (int i = 0; i < 5; ++i) first.step();
    saveRetinaRun(first, dir);
  }
  for (const char* f : {"config.json", "weights.npz", "checkpoint.npz", "state.json", "history.csv"})
    EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(dir) / f)) << f;
  RetinaTrainer resumed = loadRetinaRun(dir, 1);
  EXPECT_EQ(resumed.updatesDone(), 5);
  for (int i = 0; i < 5; ++i) resumed.step();
  EXPECT_EQ(flatParams(resumed.model()), flatParams(straight.model()));
  EXPECT_EQ(flatParams(resumed.bestModel()), flatParams(straight.bestModel()));
  ASSERT_EQ(resumed.history().size(), straight.history().size());
  for (size_t i = 0; i < straight.history().size(); ++i)
    EXPECT_EQ(resumed.history()[i].loss, straight.history()[i].loss) << i;
  EXPECT_EQ(resumed.learningRate(), straight.learningRate());
  // The saved best network alone, and the documented shapes in weights.npz.
  RetinaRunConfig c;
  const RetinaCnn<float> net = loadRetinaNetwork(dir, &c);
  const NpzReader w = NpzReader::load((std::filesystem::path(dir) / "weights.npz").string());
  EXPECT_EQ(w.array("conv1_weight").shape, (std::vector<int64_t>{8, 2, 5, 5}));  // (C1, R, k1, k1)
  EXPECT_EQ(w.array("conv1_effective").shape, (std::vector<int64_t>{8, 8, 5, 5}));
  EXPECT_EQ(w.array("dense_weight").shape, (std::vector<int64_t>{c.model.numCells, 8 * 36}));
  EXPECT_EQ(w.array("bn1_running_var").shape, (std::vector<int64_t>{8}));  // per channel
  std::filesystem::remove_all(dir);
}

TEST(RetinaTrainer, TestEvaluationAndOutputBiasAtTheMeanRate) {
  RetinaTrainer t(tinyConfig(), 2);
  // Before training, the predicted rate of every cell is its mean training rate (β3 init).
  const Eigen::VectorXd mean = t.data().meanTrainCounts();
  for (int n = 0; n < t.model().config().numCells; ++n)
    EXPECT_NEAR(std::log1p(std::exp(double(t.model().params.bn3Beta[n]))), std::max(mean[n], 1e-4), 1e-6);
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(std::isfinite(t.step().loss));
  const RetinaTestEvaluation e = t.evaluateTest();
  EXPECT_EQ(e.predictedHz.rows(), t.model().config().numCells);
  EXPECT_EQ(e.predictedHz.cols(), 200);
  EXPECT_TRUE(e.ccRate.allFinite());
  EXPECT_TRUE(e.predictedHz.allFinite());
  // Precise BN: the population statistics of conv1's outputs over the recalibration windows.
  t.recalibrateBest(6);
  EXPECT_TRUE(t.bestModel().running.var1.allFinite());
  EXPECT_TRUE((t.bestModel().running.var3.array() > 0).all());
}

TEST(RetinaRunConfig, JsonRoundTripAndFieldErrors) {
  for (const auto& name : retinaPresetNames()) {
    const RetinaRunConfig c = retinaPreset(name);
    const nlohmann::json j = toJson(c);
    EXPECT_EQ(toJson(retinaRunConfigFromJson(j, "x.json")), j) << name;
  }
  const RetinaRunConfig f = retinaPreset("faithful");
  EXPECT_EQ(f.model.windowPx, 50);
  EXPECT_EQ(f.model.conv1, RetinaConv1Kind::Full);
  EXPECT_EQ(f.model.bn, RetinaBnMode::PerUnit);
  EXPECT_EQ(f.model.conv1Out() * f.model.conv1Out() * f.model.conv1Channels, 10368);  // §2
  auto message = [](const std::string& text) {
    try {
      retinaRunConfigFromJson(JsonFields::parseText(text, "c.json"), "c.json");
    } catch (const FileError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message(R"({"model": {"window_px": 20, "conv1_kernel": 15, "conv2_kernel": 11}})")
                .find("model.conv2_kernel"),
            std::string::npos);
  EXPECT_NE(message(R"({"training": {"batchsize": 3}})").find("training.batchsize"), std::string::npos);
  EXPECT_NE(message(R"({"model": {"bn": "per_pixel"}})").find("model.bn"), std::string::npos);
  EXPECT_NE(message(R"({"data": {"warmup_frames": 10}})").find("data.warmup_frames"), std::string::npos);
  EXPECT_NE(message(R"({"lab": "grid_cells"})").find("lab"), std::string::npos);
}

}  // namespace
