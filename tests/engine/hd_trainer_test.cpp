// Trainer: determinism, exact resume, reversible interventions, NaN handling, schedules.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "engine/io/file_error.h"
#include "engine/train/hd_run_folder.h"
#include "engine/train/hd_trainer.h"

using namespace emergence::engine;
namespace fs = std::filesystem;

namespace {

HdRunConfig smallConfig(std::uint64_t seed = 7) {
  HdRunConfig c = hdPreset("paper");
  c.seed = seed;
  c.model.numUnits = 24;
  c.task.steps = 40;
  c.training.batchSize = 12;
  c.training.shards = 3;
  c.training.testTrials = 10;
  c.training.testSteps = 40;
  c.training.testEvery = 2;
  c.training.optimizer.learningRate = 3e-3;
  return c;
}

bool sameBits(const CtrnnParameters<float>& a, const CtrnnParameters<float>& b) {
  auto eq = [](const auto& x, const auto& y) {
    return x.size() == y.size() &&
           std::memcmp(x.data(), y.data(), sizeof(float) * size_t(x.size())) == 0;
  };
  return eq(a.W_in, b.W_in) && eq(a.W_rec, b.W_rec) && eq(a.W_out, b.W_out) &&
         eq(a.b_rec, b.b_rec) && eq(a.b_out, b.b_out) && eq(a.x0, b.x0);
}

std::string tempFolder(const std::string& name) {
  const fs::path p = fs::temp_directory_path() / ("emergence_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(p);
  return p.string();
}

}  // namespace

TEST(HdTrainer, SameSeedSameBitsForAnyThreadCount) {
  HdTrainer a(smallConfig(), 1), b(smallConfig(), 3);
  for (int u = 0; u < 4; ++u) {
    a.step();
    b.step();
  }
  EXPECT_TRUE(sameBits(a.model().params, b.model().params));
  HdTrainer c(smallConfig(8), 1);
  for (int u = 0; u < 4; ++u) c.step();
  EXPECT_FALSE(sameBits(a.model().params, c.model().params));
}

TEST(HdTrainer, ResumeFromRunFolderIsBitIdentical) {
  const std::string dir = tempFolder("resume");
  HdTrainer straight(smallConfig(), 2);
  for (int u = 0; u < 6; ++u) straight.step();

  HdTrainer first(smallConfig(), 2);
  for (int u = 0; u < 3; ++u) first.step();
  first.addIntervention({Intervention::Type::Ablation, {}, {WeightAblation::Matrix::Recurrent, {1, 2}, {3}}, "a"});
  const int id = first.addIntervention({Intervention::Type::Unit, UnitPerturbation::silence({5}), {}, "s"});
  first.removeIntervention(id);
  first.removeIntervention(1);
  saveHdRun(first, dir);
  HdTrainer resumed = loadHdRun(dir, 1);
  EXPECT_EQ(resumed.updatesDone(), 3);
  EXPECT_EQ(resumed.interventions().log().size(), 4u);
  for (int u = 0; u < 3; ++u) resumed.step();
  EXPECT_TRUE(sameBits(straight.model().params, resumed.model().params));
  EXPECT_EQ(resumed.history().size(), 6u);
  fs::remove_all(dir);
}

TEST(HdTrainer, AblateThenRestoreIsTheIdentity) {
  HdTrainer t(smallConfig(), 2);
  t.step();
  const CtrnnMasks before = t.model().masks;
  const double errorBefore = t.testError();
  const int id = t.addIntervention(
      {Intervention::Type::Ablation, {}, {WeightAblation::Matrix::Recurrent, {0, 1, 2, 3}, {}}, "rows"});
  EXPECT_EQ(t.model().masks.rec.topRows(4).sum(), 0.0f);
  EXPECT_NE(t.testError(), errorBefore);
  // Training while ablated leaves the ablated weights untouched…
  const Eigen::MatrixXf ablatedBefore = t.model().params.W_rec.topRows(4);
  t.step();
  t.step();
  EXPECT_TRUE(t.model().params.W_rec.topRows(4) == ablatedBefore);
  ASSERT_TRUE(t.removeIntervention(id));
  EXPECT_TRUE(t.model().masks.rec == before.rec);
  EXPECT_TRUE(t.model().masks.in == before.in);
  EXPECT_TRUE(t.model().masks.out == before.out);
  // …and an ablation removed with no training in between restores outputs exactly.
  const double e0 = t.testError();
  const int id2 = t.addIntervention(
      {Intervention::Type::Ablation, {}, {WeightAblation::Matrix::Readout, {}, {4, 5}}, "out"});
  t.removeIntervention(id2);
  EXPECT_EQ(t.testError(), e0);
  EXPECT_FALSE(t.removeIntervention(999));
}

TEST(HdTrainer, RejectsOutOfRangeInterventions) {
  HdTrainer t(smallConfig(), 1);
  EXPECT_THROW(t.addIntervention({Intervention::Type::Unit, UnitPerturbation::silence({24}), {}, ""}),
               std::out_of_range);
  EXPECT_THROW(t.addIntervention({Intervention::Type::Ablation, {}, {WeightAblation::Matrix::Input, {}, {3}}, ""}),
               std::out_of_range);
}

TEST(HdTrainer, NonFiniteLossStopsAndKeepsLastGoodWeights) {
  HdTrainer t(smallConfig(), 2);
  t.step();
  HdTrainer::State s = t.state();
  s.params.W_out.setConstant(std::numeric_limits<float>::infinity());
  t.restore(s);
  const CtrnnParameters<float> kept = t.model().params;
  const HdUpdateRecord r = t.step();
  EXPECT_TRUE(t.failed());
  EXPECT_TRUE(std::isnan(r.loss));
  EXPECT_NE(t.failure().find("update 2"), std::string::npos) << t.failure();
  EXPECT_NE(t.failure().find("kept"), std::string::npos) << t.failure();
  EXPECT_TRUE(sameBits(kept, t.model().params));
  EXPECT_EQ(t.updatesDone(), 1);
}

TEST(HdTrainer, LearnsTheTaskOnASmallNetwork) {
  HdRunConfig c = smallConfig(3);
  c.model.numUnits = 40;
  c.training.batchSize = 32;
  c.training.testTrials = 64;
  c.training.testEvery = 1000;
  HdTrainer t(c, 2);
  const double initial = t.testError();
  for (int u = 0; u < 300; ++u) t.step();
  const double trained = t.testError();
  EXPECT_GT(initial, 90.0);
  EXPECT_LT(trained, 40.0) << "initial " << initial;
}

TEST(HdTrainer, SchedulesFollowTheConfig) {
  HdRunConfig c = hdPreset("default");
  HdTrainer t(smallConfig(), 1);
  const std::vector<int> s = hdCheckpointSchedule(5000);
  EXPECT_EQ(std::vector<int>(s.begin(), s.begin() + 6), (std::vector<int>{0, 1, 2, 3, 4, 5}));
  EXPECT_TRUE(std::binary_search(s.begin(), s.end(), 25));
  EXPECT_TRUE(std::binary_search(s.begin(), s.end(), 150));
  EXPECT_TRUE(std::binary_search(s.begin(), s.end(), 5000));
  EXPECT_TRUE(std::is_sorted(s.begin(), s.end()));
  EXPECT_GE(s.size(), 40u);
  EXPECT_DOUBLE_EQ(c.learningRateAt(0), c.training.optimizer.learningRate);
  if (c.training.learningRateHalfLife > 0) {
    const long long u = c.training.learningRateDecayStart + c.training.learningRateHalfLife;
    EXPECT_NEAR(c.learningRateAt(u), 0.5 * c.training.optimizer.learningRate, 1e-12);
  }
  HdRunConfig cur = smallConfig();
  cur.training.curriculumStartSteps = 20;
  cur.training.curriculumUpdates = 10;
  HdTrainer tc(cur, 1);
  EXPECT_EQ(tc.stepsAt(0), 20);
  EXPECT_EQ(tc.stepsAt(5), 30);
  EXPECT_EQ(tc.stepsAt(10), 40);
  EXPECT_EQ(tc.stepsAt(1000), 40);
}

TEST(HdRunFolder, BadFilesAreRefusedWithFileFieldAndReason) {
  const std::string dir = tempFolder("bad");
  HdTrainer t(smallConfig(), 1);
  t.step();
  saveHdRun(t, dir);
  auto expectError = [&](const std::string& file, const std::string& field) {
    try {
      loadHdRun(dir, 1);
      ADD_FAILURE() << "no error for " << file << " / " << field;
    } catch (const FileError& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find(file), std::string::npos) << what;
      EXPECT_NE(what.find(field), std::string::npos) << what;
    }
  };
  const std::string config = (fs::path(dir) / "config.json").string();
  std::string text;
  {
    std::ifstream in(config);
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto rewrite = [&](const std::string& path, const std::string& body) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << body;
  };
  {
    nlohmann::json j = nlohmann::json::parse(text);
    j["training"]["learning_rate"] = 5;
    rewrite(config, j.dump());
    expectError("config.json", "training.learning_rate");
    j = nlohmann::json::parse(text);
    j["model"]["nonlinearity"] = "sigmoid";
    rewrite(config, j.dump());
    expectError("config.json", "model.nonlinearity");
    j = nlohmann::json::parse(text);
    j["task"]["steps"] = "long";
    rewrite(config, j.dump());
    expectError("config.json", "task.steps");
    rewrite(config, text.substr(0, text.size() / 2));
    expectError("config.json", "");
    rewrite(config, text);
  }
  const std::string weights = (fs::path(dir) / "weights.npz").string();
  std::string bytes;
  {
    std::ifstream in(weights, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  rewrite(weights, bytes.substr(0, bytes.size() - 40));
  expectError("weights.npz", "");
  rewrite(weights, bytes);
  const std::string history = (fs::path(dir) / "history.csv").string();
  rewrite(history, "update,steps,loss,task,activity,weight,train_error,test_error,gradient_norm,"
                   "activity_l2,seconds\n1,40,abc,0,0,0,0,,0,0.01,0\n");
  expectError("history.csv", "loss");
  fs::remove(history);
  expectError("history.csv", "");
  fs::remove_all(dir);
}

TEST(HdRunFolder, FailedSaveDoesNotTouchExistingFiles) {
  const std::string dir = tempFolder("failsave");
  HdTrainer t(smallConfig(), 1);
  saveHdRun(t, dir);
  const std::string weights = (fs::path(dir) / "weights.npz").string();
  auto slurp = [](const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const std::string before = slurp(weights);
  // A directory in the place of history.csv makes the save fail part-way.
  fs::remove(fs::path(dir) / "history.csv");
  fs::create_directory(fs::path(dir) / "history.csv");
  fs::create_directory(fs::path(dir) / "history.csv" / "blocker");
  t.step();
  EXPECT_THROW(saveHdRun(t, dir), FileError);
  EXPECT_EQ(slurp(weights), before) << "weights.npz changed by a failed save";
  for (const auto& e : fs::directory_iterator(dir))
    EXPECT_EQ(e.path().filename().string().find(".pending"), std::string::npos) << e.path();
  fs::remove_all(dir);
}

// Error-gated curriculum: the trial length grows by the factor as soon as the mean training
// error of the last `window` updates at the current length is below the gate, never beyond the
// task length; the learning-rate decay counts from the update at which the full length was
// reached; and a run folder resumes the curriculum exactly.
TEST(HdTrainer, ErrorGatedCurriculumGrowsOnTheGateAndResumesExactly) {
  HdRunConfig c = smallConfig(3);
  c.task.steps = 60;
  c.training.curriculumStartSteps = 20;
  c.training.curriculumErrorGate = 1000.0;  // always open: grows after every full window
  c.training.curriculumGrowth = 2.0;
  c.training.curriculumWindow = 2;
  c.training.learningRateHalfLife = 4;
  c.training.learningRateDecayStart = 0;
  HdTrainer t(c, 1);
  std::vector<int> steps;
  for (int u = 0; u < 7; ++u) steps.push_back(t.step().steps);
  // 20, 20 → gate → 40, 40 → gate → 60 (capped), then stays.
  EXPECT_EQ(steps, (std::vector<int>{20, 20, 40, 40, 60, 60, 60}));
  EXPECT_EQ(t.fullLengthSince(), 4);
  EXPECT_DOUBLE_EQ(c.learningRateAt(4, t.fullLengthSince()), c.training.optimizer.learningRate);
  EXPECT_NEAR(c.learningRateAt(8, t.fullLengthSince()), 0.5 * c.training.optimizer.learningRate,
              1e-12);
  EXPECT_DOUBLE_EQ(c.learningRateAt(100, -1), c.training.optimizer.learningRate);

  // A closed gate keeps the start length.
  HdRunConfig closed = c;
  closed.training.curriculumErrorGate = 1e-9;
  HdTrainer k(closed, 1);
  for (int u = 0; u < 5; ++u) EXPECT_EQ(k.step().steps, 20);
  EXPECT_EQ(k.fullLengthSince(), -1);

  // Resume in the middle of the curriculum: same bits as the uninterrupted run.
  const std::string dir = tempFolder("gated");
  HdTrainer straight(c, 1), first(c, 1);
  for (int u = 0; u < 3; ++u) {
    straight.step();
    first.step();
  }
  saveHdRun(first, dir);
  HdTrainer resumed = loadHdRun(dir, 1);
  EXPECT_EQ(resumed.stepsAt(resumed.updatesDone()), straight.stepsAt(straight.updatesDone()));
  for (int u = 0; u < 4; ++u) {
    EXPECT_EQ(straight.step().steps, resumed.step().steps);
  }
  EXPECT_TRUE(sameBits(straight.model().params, resumed.model().params));
  EXPECT_EQ(resumed.fullLengthSince(), straight.fullLengthSince());
}
