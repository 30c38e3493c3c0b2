// computeHdAttractor (engine/analysis/hd_attractor.h) on a hand-built ring attractor; the network
// copy built from a weights product (ctrnnFromWeights); the AV-statistics experiment on a tiny
// configuration (runHdAvStatistics).
#include <gtest/gtest.h>

#include <cmath>

#include "engine/analysis/hd_attractor.h"
#include "engine/core/angles.h"
#include "engine/runtime/hd_av_statistics.h"
#include "engine/runtime/hd_products.h"
#include "engine/train/hd_trainer.h"
#include "tests/engine/ring_network.h"

using namespace emergence::engine;

using test_support::ringNetwork;

TEST(HdAttractor, RingNetworkGivesARingOfSlowPointsWithOneEigenvalueNearOne) {
  const Ctrnn<float> net = ringNetwork(40);
  HdAttractorConfig c;
  c.settle.headings = 32;
  c.settle.steps = 600;
  c.searches = 8;
  std::vector<std::pair<int, int>> calls;
  const HdAttractorResult r = computeHdAttractor(net, c, [&](int done, int total) {
    calls.emplace_back(done, total);
    return true;
  });
  ASSERT_EQ(calls.size(), 9u);  // after settling, then after each search
  EXPECT_EQ(calls.front(), std::make_pair(0, 8));
  EXPECT_EQ(calls.back(), std::make_pair(8, 8));
  EXPECT_TRUE(r.complete);
  ASSERT_EQ(r.slowPoints.size(), 8u);
  EXPECT_EQ(r.slowStart, (std::vector<int>{0, 4, 8, 12, 16, 20, 24, 28}));
  EXPECT_EQ(r.settled.x.cols(), 32);
  EXPECT_TRUE(r.ring.isRing);
  EXPECT_EQ(r.ring.slow2d.cols(), 8);
  EXPECT_EQ(r.converged, 8);
  EXPECT_EQ(r.oneNearUnity, 8);
  EXPECT_NEAR(r.medianAbsLambda1, 1.0, 0.02);
  EXPECT_LT(r.medianQ, 1e-12);
}

TEST(HdAttractor, ProgressReturningFalseStopsEarly) {
  const Ctrnn<float> net = ringNetwork(24);
  HdAttractorConfig c;
  c.settle.headings = 16;
  c.settle.steps = 200;
  c.searches = 16;
  const HdAttractorResult r = computeHdAttractor(net, c, [](int done, int) { return done < 3; });
  EXPECT_FALSE(r.complete);
  EXPECT_EQ(r.slowPoints.size(), 3u);
  EXPECT_EQ(r.slowStart.size(), 3u);
  EXPECT_EQ(r.ring.slow2d.cols(), 3);
  // Stopped right after settling: no search at all, the ring check still made.
  const HdAttractorResult none = computeHdAttractor(net, c, [](int, int) { return false; });
  EXPECT_TRUE(none.slowPoints.empty());
  EXPECT_EQ(none.ring.settled2d.cols(), 16);
}

TEST(HdAttractor, EigenvalueMagnitudes) {
  Eigen::VectorXcd ev(3);
  ev << std::complex<double>(0.2, 0.0), std::complex<double>(0.0, -0.9),
      std::complex<double>(0.5, 0.5);
  EXPECT_NEAR(largestAbsEigenvalue(ev), 0.9, 1e-12);
  EXPECT_NEAR(secondAbsEigenvalue(ev), std::sqrt(0.5), 1e-12);
  EXPECT_TRUE(std::isnan(secondAbsEigenvalue(ev.head(1))));
}

TEST(HdProducts, CtrnnFromWeightsReproducesTheTrainerNetwork) {
  HdRunConfig cfg = hdPreset("default");
  cfg.model.numUnits = 12;
  cfg.training.batchSize = 4;
  cfg.training.testTrials = 4;
  cfg.training.testSteps = 30;
  cfg.task.steps = 30;
  cfg.training.curriculumUpdates = 0;
  HdTrainer trainer(cfg, 1);
  trainer.step();
  const auto w = computeHdWeightsProduct(trainer.model(), {}, 1, 1);
  const Ctrnn<float> copy = ctrnnFromWeights(*w, cfg.model);
  // Same dynamics: identical noise-free forward pass on a batch of trials.
  const HdAnalysisRecording rec = makeHdAnalysisRecording(cfg, 3);
  CtrnnTrace<float> a, b;
  trainer.model().forward(rec.batch, {}, nullptr, a);
  copy.forward(rec.batch, {}, nullptr, b);
  EXPECT_EQ((a.r - b.r).cwiseAbs().maxCoeff(), 0.0f);
  EXPECT_EQ((a.y - b.y).cwiseAbs().maxCoeff(), 0.0f);
  // A product of the wrong size names the field.
  CtrnnConfig other = cfg.model;
  other.numUnits = 13;
  try {
    ctrnnFromWeights(*w, other);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("wRec"), std::string::npos) << e.what();
  }
}

TEST(HdAvStatistics, TinyRunsScaleTheAvSdAndClassifyEveryUnit) {
  HdRunConfig cfg = hdPreset("default");
  cfg.model.numUnits = 10;
  cfg.task.steps = 40;
  cfg.training.batchSize = 4;
  cfg.training.testTrials = 4;
  cfg.training.testSteps = 40;
  cfg.training.curriculumUpdates = 0;
  HdAvStatsConfig c;
  c.updates = 3;
  c.analysisTrials = 6;
  std::vector<std::tuple<int, long long>> seen;
  const HdAvStatsResult r = runHdAvStatistics(cfg, c, [&](int run, int runs, long long u, long long n) {
    EXPECT_EQ(runs, 3);
    EXPECT_EQ(n, 3);
    seen.emplace_back(run, u);
    return true;
  });
  EXPECT_TRUE(r.complete);
  ASSERT_EQ(r.runs.size(), 3u);
  EXPECT_EQ(seen.size(), 3u * 4u);  // updates 0, 1, 2 and the analysis, per run
  for (size_t k = 0; k < 3; ++k) {
    const HdAvStatsRun& run = r.runs[k];
    EXPECT_DOUBLE_EQ(run.factor, c.factors[k]);
    EXPECT_DOUBLE_EQ(run.avScale, c.factors[k]);
    EXPECT_NEAR(run.avSdDegPerStep, degrees(0.05) * c.factors[k], 1e-9);
    EXPECT_EQ(run.updates, 3);
    EXPECT_EQ(int(run.analysis.classes.size()), 10);
    int total = 0;
    for (int n : run.analysis.counts) total += n;
    EXPECT_EQ(total, 10);
    EXPECT_EQ(run.omegaCounts.size(), 61);
    EXPECT_GT(run.omegaCounts.sum(), 0.0);
    EXPECT_NEAR(run.omegaCentresDegPerStep[30], 0.0, 1e-12);  // centred bin
    EXPECT_GT(run.stillFraction, 0.0);  // the still periods of the first half of the batch
  }
  // Stopping after the first run's analysis keeps that run only.
  const HdAvStatsResult part = runHdAvStatistics(cfg, c, [](int run, int, long long, long long) {
    return run == 0;
  });
  EXPECT_FALSE(part.complete);
  EXPECT_EQ(part.runs.size(), 1u);
  HdAvStatsConfig bad = c;
  bad.factors = {1.0, -3.0};
  EXPECT_THROW(runHdAvStatistics(cfg, bad), std::invalid_argument);
}
