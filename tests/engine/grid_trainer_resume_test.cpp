// The grid-cells trainer's interventions and exact save/resume (grid_trainer.h,
// grid_run_folder.h), on tiny networks of both recipes: resumed runs are bit-identical to
// uninterrupted ones, interventions change training and are undone exactly, frozen copies
// evaluate like the trainer, bad run folders name file, field and reason.
#include "engine/train/grid_trainer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "engine/core/random.h"
#include "engine/io/file_error.h"
#include "engine/train/grid_network.h"
#include "engine/train/grid_run_folder.h"

using namespace emergence::engine;
namespace fs = std::filesystem;

namespace {

GridRunConfig tinyPlaceCells(std::uint64_t seed = 5) {
  GridRunConfig c = gridPreset("default");
  c.seed = seed;
  c.placeCellModel.numUnits = 24;
  c.placeCells.cells = 20;
  c.rat.steps = 8;
  c.training.batchSize = 6;
  c.analysis.evalTrials = 30;
  c.analysis.bins = 10;
  c.normalise();
  return c;
}

GridRunConfig tinyCartesian(std::uint64_t seed = 6) {
  GridRunConfig c = gridPreset("cueva_wei");
  c.seed = seed;
  c.cartesianModel.numUnits = 16;
  c.cuevaWei.steps = 20;
  c.training.batchSize = 6;
  c.analysis.evalTrials = 20;
  c.analysis.evalSteps = 0;  // trials of the training length (the preset evaluates on 5000)
  c.analysis.bins = 10;
  c.normalise();
  return c;
}

bool sameBits(const std::vector<GridTrainer::NamedArray>& a,
              const std::vector<GridTrainer::NamedArray>& b) {
  if (a.size() != b.size()) return false;
  for (size_t k = 0; k < a.size(); ++k) {
    if (a[k].name != b[k].name || a[k].value.rows() != b[k].value.rows() ||
        a[k].value.cols() != b[k].value.cols())
      return false;
    if (std::memcmp(a[k].value.data(), b[k].value.data(), sizeof(float) * a[k].value.size()) != 0)
      return false;
  }
  return true;
}

Intervention silence(std::vector<int> units) {
  Intervention i;
  i.type = Intervention::Type::Unit;
  i.unit = UnitPerturbation::silence(std::move(units));
  i.label = "silence";
  return i;
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("grid_trainer_test_" + std::to_string(::getpid()) + "_" + std::to_string(std::rand()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

}  // namespace

class GridResume : public ::testing::TestWithParam<bool> {};

TEST_P(GridResume, SavedAndLoadedRunContinuesBitForBit) {
  const GridRunConfig c = GetParam() ? tinyPlaceCells() : tinyCartesian();
  TempDir dir;
  GridTrainer straight(c, 2);
  GridTrainer first(c, 1);  // the thread count does not change the bits
  for (int u = 0; u < 4; ++u) {
    straight.step();
    first.step();
  }
  // An intervention from update 4 on, identical in both.
  straight.addIntervention(silence({1, 3}));
  first.addIntervention(silence({1, 3}));
  for (int u = 0; u < 2; ++u) {
    straight.step();
    first.step();
  }
  first.addDevelopmentPoint(first.updatesDone(), first.evaluate().classes);
  saveGridRun(first, dir.path.string());
  GridTrainer resumed = loadGridRun(dir.path.string(), 2);
  EXPECT_EQ(resumed.updatesDone(), 6);
  EXPECT_EQ(resumed.interventions().active().size(), 1u);
  ASSERT_EQ(resumed.developmentCurve().points().size(), 1u);
  EXPECT_EQ(resumed.developmentCurve().points()[0].update, 6);
  EXPECT_TRUE(sameBits(resumed.parameters(), first.parameters()));
  for (int u = 0; u < 3; ++u) {
    straight.step();
    resumed.step();
  }
  EXPECT_TRUE(sameBits(resumed.parameters(), straight.parameters()));
  ASSERT_EQ(resumed.history().size(), straight.history().size());
  for (size_t k = 0; k < straight.history().size(); ++k) {
    EXPECT_EQ(resumed.history()[k].loss, straight.history()[k].loss) << k;
    EXPECT_EQ(resumed.history()[k].decodingErrorCm, straight.history()[k].decodingErrorCm) << k;
  }
  const auto so = straight.state().optimizer, ro = resumed.state().optimizer;
  EXPECT_EQ(so.step, ro.step);
  ASSERT_EQ(so.firstMoment.size(), ro.firstMoment.size());
  for (size_t k = 0; k < so.firstMoment.size(); ++k)
    EXPECT_TRUE((so.secondMoment[k] == ro.secondMoment[k]).all()) << so.names[k];
}

INSTANTIATE_TEST_SUITE_P(BothRecipes, GridResume, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? "PlaceCells" : "Cartesian"; });

TEST(GridTrainerInterventions, SilencingChangesTrainingAndRemovingRestoresTheDynamics) {
  const GridRunConfig c = tinyPlaceCells();
  GridTrainer a(c, 2), b(c, 2);
  const int id = b.addIntervention(silence({0, 2, 4}));
  a.step();
  b.step();
  EXPECT_FALSE(sameBits(a.parameters(), b.parameters()));
  // Silenced units are 0 in a recording with the set's perturbations.
  const TrajectoryBatch& tb = b.evaluationSet();
  const auto rec = b.record(tb, b.unitPerturbations());
  EXPECT_EQ(rec.rates.row(2).cwiseAbs().maxCoeff(), 0.0f);
  EXPECT_TRUE(b.removeIntervention(id));
  EXPECT_FALSE(b.removeIntervention(id));
  EXPECT_TRUE(b.unitPerturbations().empty());
  ASSERT_EQ(b.interventions().log().size(), 2u);
  EXPECT_EQ(b.interventions().log()[1].action, "remove");
  EXPECT_EQ(b.interventions().log()[1].update, 1);
  // Out-of-range units are refused.
  EXPECT_THROW(b.addIntervention(silence({24})), std::out_of_range);
}

TEST(GridTrainerInterventions, AblatingARecurrentBlockThenRestoringIsTheIdentity) {
  const GridRunConfig c = tinyCartesian();
  GridTrainer t(c, 1);
  t.step();
  const auto before = t.effectiveParameters();
  Intervention cut;
  cut.type = Intervention::Type::Ablation;
  cut.ablation.matrix = WeightAblation::Matrix::Recurrent;
  cut.ablation.rows = {0, 1};
  cut.ablation.cols = {2, 3};
  const int id = t.addIntervention(cut);
  for (const auto& a : t.effectiveParameters())
    if (a.name == "W_rec") EXPECT_EQ(a.value(1, 3), 0.0f);
  t.removeIntervention(id);
  EXPECT_TRUE(sameBits(t.effectiveParameters(), before));
}

TEST(GridNetworkCopy, EvaluatesLikeTheTrainerAndStaysFrozen) {
  const GridRunConfig c = tinyPlaceCells();
  GridTrainer t(c, 2);
  t.step();
  const GridNetwork frozen = t.network();
  const GridEvaluation fromTrainer = t.evaluate();
  GridEvaluationOptions o;
  o.tuning = true;
  int calls = 0;
  double last = -1;
  o.progress = [&](double f) {
    EXPECT_GE(f, last);
    last = f;
    ++calls;
  };
  const GridEvaluation fromCopy = frozen.evaluate(t.evaluationSet(), t.arena(), {}, o);
  EXPECT_GT(calls, 3);
  EXPECT_DOUBLE_EQ(last, 1.0);
  EXPECT_EQ(fromCopy.decodingErrorCm, fromTrainer.decodingErrorCm);
  ASSERT_EQ(fromCopy.rateMaps.size(), fromTrainer.rateMaps.size());
  for (size_t u = 0; u < fromCopy.rateMaps.size(); ++u)
    EXPECT_TRUE(
        fromCopy.rateMaps[u].isApprox(fromTrainer.rateMaps[u]) ||
        (fromCopy.rateMaps[u].array().isNaN() == fromTrainer.rateMaps[u].array().isNaN()).all());
  EXPECT_EQ(fromCopy.direction.curve.rows(), 24);
  EXPECT_EQ(fromCopy.speed.curve.rows(), 24);
  EXPECT_EQ(fromCopy.meanRate.size(), 24);
  t.step();  // training goes on; the copy keeps its weights
  EXPECT_EQ(frozen.update(), 1);
  EXPECT_FALSE(sameBits(frozen.parameters(), t.parameters()));
  // A progress callback that throws abandons the evaluation.
  GridEvaluationOptions cancel;
  cancel.progress = [](double f) {
    if (f > 0.3) throw std::runtime_error("stop");
  };
  EXPECT_THROW(frozen.evaluate(t.evaluationSet(), t.arena(), {}, cancel), std::runtime_error);
}

TEST(GridTrainerLive, LiveStepsMatchARecordedTrial) {
  for (const GridRunConfig& c : {tinyPlaceCells(), tinyCartesian()}) {
    GridTrainer t(c, 1);
    t.step();
    Rng rng(42);
    const TrajectoryBatch tb = t.drawTrajectories(t.arena(), 1, rng);
    const auto rec = t.record(tb, {});
    const Eigen::MatrixXf inputs = t.networkInputs(tb);
    GridLiveState st;
    t.liveStart(tb.positions.col(0), {}, st);
    for (int s = 0; s < tb.steps; ++s) {
      t.liveStep(inputs.col(s), {}, st);
      EXPECT_LT((st.r - rec.rates.col(s)).cwiseAbs().maxCoeff(), 1e-4f) << "step " << s;
      EXPECT_LT((st.decoded - rec.decoded.col(s)).norm(), 1e-4) << "step " << s;
    }
  }
}

TEST(GridRunFolder, BadFilesNameFileFieldAndReason) {
  const GridRunConfig c = tinyPlaceCells();
  TempDir dir;
  GridTrainer t(c, 1);
  t.step();
  saveGridRun(t, dir.path.string());
  auto expectError = [&](const std::string& needle) {
    try {
      loadGridRun(dir.path.string());
      ADD_FAILURE() << "no error, expected " << needle;
    } catch (const FileError& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  };
  const fs::path history = dir.path / "history.csv";
  const std::string good = [&] {
    std::ifstream in(history);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  std::ofstream(history) << good << "2,abc,0,0,0,0,0,0\n";
  expectError("history.csv: line 3: not a number");
  std::ofstream(history) << good;
  std::ofstream(dir.path / "state.json") << "{\"update\": 3}";
  expectError("history.csv: rows: has 1 updates but state.json says 3");
  std::ofstream(dir.path / "state.json") << "{\"update\": 1, \"colour\": 1}";
  expectError("state.json: colour: unknown field");
  std::ofstream(dir.path / "state.json") << "{\"update\": 1}";
  fs::copy_file(dir.path / "optimizer.npz", dir.path / "weights.npz",
                fs::copy_options::overwrite_existing);
  expectError("weights.npz: W_enc");
  EXPECT_EQ(runFolderLab(dir.path.string()), "grid_cells");
}
