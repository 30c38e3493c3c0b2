// Grid-cells trainer: determinism for any thread count, both recipes learn on tiny sizes,
// evaluation shapes, config JSON round trip and validation messages.
#include <gtest/gtest.h>

#include <cstring>

#include "engine/io/file_error.h"
#include "engine/train/grid_trainer.h"

using namespace emergence::engine;

namespace {

GridRunConfig tinyPlaceCells(std::uint64_t seed = 5) {
  GridRunConfig c = gridPreset("default");
  c.seed = seed;
  c.placeCellModel.numUnits = 32;
  c.placeCells.cells = 24;
  c.training.batchSize = 16;
  c.training.shards = 4;
  c.rat.steps = 10;
  c.analysis.evalTrials = 40;
  c.analysis.bins = 8;
  c.normalise();
  return c;
}

GridRunConfig tinyCartesian(std::uint64_t seed = 5) {
  GridRunConfig c = gridPreset("cueva_wei");
  c.seed = seed;
  c.cartesianModel.numUnits = 20;
  c.cuevaWei.steps = 60;
  c.cuevaWei.maxSpeed = 0.06;          // move enough in a short trial to make the test telling
  c.cuevaWei.zeroSpeedFraction = 0.5;
  c.training.batchSize = 12;
  c.training.shards = 3;
  c.analysis.evalTrials = 20;
  c.analysis.evalSteps = 0;  // evaluate on trials of the training length (the preset uses 5000)
  c.analysis.bins = 8;
  c.normalise();
  return c;
}

bool sameParameters(const GridTrainer& a, const GridTrainer& b) {
  const auto pa = a.parameters(), pb = b.parameters();
  if (pa.size() != pb.size()) return false;
  for (size_t k = 0; k < pa.size(); ++k)
    if (pa[k].value.size() != pb[k].value.size() ||
        std::memcmp(pa[k].value.data(), pb[k].value.data(), sizeof(float) * pa[k].value.size()))
      return false;
  return true;
}

}  // namespace

TEST(GridTrainer, SameSeedSameBitsForAnyThreadCount) {
  for (const GridRunConfig& c : {tinyPlaceCells(), tinyCartesian()}) {
    GridTrainer one(c, 1), two(c, 2);
    for (int u = 0; u < 4; ++u) {
      const auto r1 = one.step(), r2 = two.step();
      EXPECT_EQ(r1.loss, r2.loss);
    }
    EXPECT_TRUE(sameParameters(one, two));
    GridRunConfig d = c;
    d.seed = c.seed + 1;
    GridTrainer other(d, 1);
    other.step();
    EXPECT_FALSE(sameParameters(one, other));
  }
}

TEST(GridTrainer, PlaceCellRecipeLearns) {
  GridRunConfig c = tinyPlaceCells();
  GridTrainer t(c, 2);
  double first = 0, last = 0;
  for (int u = 0; u < 150; ++u) {
    const auto r = t.step();
    if (u < 10) first += r.task / 10;
    if (u >= 140) last += r.task / 10;
  }
  EXPECT_FALSE(t.failed()) << t.failure();
  EXPECT_LT(last, first - 0.1) << "cross-entropy did not fall: " << first << " → " << last;
  // Evaluation: one map per unit, n × n, scores for every unit.
  const GridEvaluation e = t.evaluate({}, true);
  ASSERT_EQ(e.rateMaps.size(), 32u);
  EXPECT_EQ(e.rateMaps[0].rows(), 8);
  EXPECT_EQ(e.scores.units.size(), 32u);
  EXPECT_EQ(t.developmentCurve().points().size(), 1u);
  EXPECT_GT(t.trainingMaps().samples(), 0);
}

TEST(GridTrainer, CartesianRecipeLearnsToPathIntegrate) {
  GridRunConfig c = tinyCartesian();
  c.training.optimizer.learningRate = 3e-3;
  GridTrainer t(c, 2);
  // W_out starts at 0: the first evaluation is the "stay at the centre" baseline.
  const double before = t.evaluate().decodingErrorCm;
  for (int u = 0; u < 300; ++u) t.step();
  const double after = t.evaluate().decodingErrorCm;
  EXPECT_LT(after, 0.8 * before) << before << " cm → " << after << " cm";
}

TEST(GridTrainer, SilencingUnitsChangesTheEvaluation) {
  GridTrainer t(tinyPlaceCells(), 1);
  for (int u = 0; u < 20; ++u) t.step();
  std::vector<int> all(32);
  for (int i = 0; i < 32; ++i) all[i] = i;
  const GridEvaluation intact = t.evaluate();
  const GridEvaluation silenced = t.evaluate({UnitPerturbation::silence(all, 0)});
  // With every unit silenced the logits are 0: decoding is the top-k of a uniform prediction.
  EXPECT_NE(intact.decodingErrorCm, silenced.decodingErrorCm);
}

TEST(GridRunConfig, JsonRoundTripAndValidation) {
  for (const auto& name : gridPresetNames()) {
    const GridRunConfig c = gridPreset(name);
    const GridRunConfig back = gridRunConfigFromJson(toJson(c), "config.json");
    EXPECT_EQ(toJson(back), toJson(c)) << name;
    EXPECT_FALSE(gridPresetDescription(name).empty());
  }
  nlohmann::json bad = toJson(gridPreset("default"));
  bad["training"]["batch_size"] = -3;
  try {
    gridRunConfigFromJson(bad, "bad.json");
    ADD_FAILURE() << "no error";
  } catch (const FileError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.json"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("training.batch_size"), std::string::npos) << e.what();
  }
  bad = toJson(gridPreset("default"));
  bad["model"]["place_cells"]["sigmaa"] = 0.1;
  EXPECT_THROW(gridRunConfigFromJson(bad, "bad.json"), FileError);
  bad = toJson(gridPreset("default"));
  bad["arena"]["shape"] = "pentagon";
  EXPECT_THROW(gridRunConfigFromJson(bad, "bad.json"), FileError);
}
