// Rate maps and direction / speed tuning (grid-cells.md §3.1, §8.1, §8.6): incremental
// accumulation is bit-identical to one shot, NaN where unvisited, planted tuning recovered.
#include "engine/analysis/rate_maps.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "engine/core/angles.h"
#include "engine/core/random.h"
#include "engine/tasks/trajectory.h"

using namespace emergence::engine;

namespace {

// Same NaN pattern and identical values elsewhere.
bool identical(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  for (Eigen::Index k = 0; k < a.size(); ++k) {
    const double x = a.data()[k], y = b.data()[k];
    if (std::isnan(x) != std::isnan(y) || (!std::isnan(x) && x != y)) return false;
  }
  return true;
}

}  // namespace

TEST(RateMap, IncrementalAccumulationEqualsOneShotExactly) {
  const std::uint64_t seed = 8;
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  Rng rng(seed);
  const Arena arena = Arena::triangle(1.0);
  CuevaWeiTrajectoryConfig c;
  c.steps = 300;
  const TrajectoryBatch tb = generateCuevaWeiTrajectories(arena, c, 40, rng);
  const Eigen::Index S = tb.positions.cols();
  Eigen::MatrixXf rates(7, S);
  for (Eigen::Index s = 0; s < S; ++s)
    for (int u = 0; u < 7; ++u) rates(u, s) = float(rng.normal());
  const SpatialBinning binning = SpatialBinning::forArena(arena, 16);
  RateMapAccumulator once(binning, 7), pieces(binning, 7);
  once.add(rates, tb.positions);
  // Uneven batches, as a trainer would feed them.
  const Eigen::Index cuts[] = {0, 1, 977, 5000, 5001, S};
  for (int k = 0; k + 1 < 6; ++k)
    pieces.add(rates.middleCols(cuts[k], cuts[k + 1] - cuts[k]),
               tb.positions.middleCols(cuts[k], cuts[k + 1] - cuts[k]));
  EXPECT_TRUE(once.sums() == pieces.sums());
  EXPECT_TRUE(once.counts() == pieces.counts());
  EXPECT_EQ(once.samples(), S);
  const auto a = once.rateMaps(), b = pieces.rateMaps();
  const auto oneShot = computeRateMaps(binning, rates, tb.positions);
  for (int u = 0; u < 7; ++u) {
    EXPECT_TRUE(identical(a[u], b[u])) << u;
    EXPECT_TRUE(identical(a[u], oneShot[u])) << u;
  }
  // Clearing and refilling gives the same maps again.
  pieces.clear();
  EXPECT_EQ(pieces.counts().sum(), 0.0);
  pieces.add(rates, tb.positions);
  EXPECT_TRUE(identical(pieces.rateMap(3), a[3]));
}

TEST(RateMap, UnvisitedBinsAreNanAndVisitedBinsHoldTheMean) {
  // Triangle (apex up) on its bounding square: the top corners are outside, never visited.
  const Arena arena = Arena::triangle(1.0);
  const SpatialBinning binning = SpatialBinning::forArena(arena, 10);
  Rng rng(1);
  const int S = 50000;
  Eigen::MatrixXd pos(2, S), rates(2, S);
  for (int s = 0; s < S; ++s) {
    pos.col(s) = arena.randomPoint(rng);
    rates(0, s) = pos(0, s);  // rate = x
    rates(1, s) = 3.0;        // constant
  }
  RateMapAccumulator acc(binning, 2);
  acc.add(rates, pos);
  const Eigen::MatrixXd mx = acc.rateMap(0), mc = acc.rateMap(1);
  EXPECT_TRUE(std::isnan(mx(9, 0)));  // top-left corner bin: outside the triangle
  EXPECT_TRUE(std::isnan(mx(9, 9)));
  int visited = 0;
  for (int i = 0; i < 10; ++i)
    for (int j = 0; j < 10; ++j) {
      EXPECT_EQ(std::isnan(mx(i, j)), acc.occupancy()(i, j) == 0);
      if (std::isnan(mx(i, j))) continue;
      ++visited;
      EXPECT_EQ(mc(i, j), 3.0);
      // The mean x of a bin lies within the bin's x edges.
      const double lo = binning.xMin + j * binning.binWidth();
      EXPECT_GE(mx(i, j), lo - 1e-12);
      EXPECT_LE(mx(i, j), lo + binning.binWidth() + 1e-12);
    }
  EXPECT_GT(visited, 50);
  EXPECT_LT(visited, 100);
}

TEST(RateMap, BinEdgesAndOutsideSamples) {
  SpatialBinning b;
  b.bins = 4;  // [−0.5, 0.5]², width 0.25
  EXPECT_EQ(b.flatIndex(-0.5, -0.5), 0);
  EXPECT_EQ(b.flatIndex(0.5, 0.5), 15);            // upper edges join the last bin
  EXPECT_EQ(b.flatIndex(-0.24, 0.26), 3 + 1 * 4);  // row 3 (y), column 1 (x): i + j·n
  EXPECT_EQ(b.flatIndex(0.51, 0.0), -1);
  EXPECT_EQ(b.flatIndex(std::nan(""), 0.0), -1);
  EXPECT_NEAR(b.centre(3, 1).x(), -0.125, 1e-15);
  EXPECT_NEAR(b.centre(3, 1).y(), 0.375, 1e-15);
  b.bins = 1;
  EXPECT_THROW(b.validate(), std::invalid_argument);
}

TEST(RateMap, SmoothingKeepsConstantsAndNanHoles) {
  Eigen::MatrixXd m = Eigen::MatrixXd::Constant(9, 9, 2.5);
  m(4, 4) = std::nan("");
  m(0, 8) = std::nan("");
  const Eigen::MatrixXd s = smoothRateMap(m, 1.0);
  for (int i = 0; i < 9; ++i)
    for (int j = 0; j < 9; ++j) {
      EXPECT_EQ(std::isnan(s(i, j)), std::isnan(m(i, j)));
      if (!std::isnan(s(i, j))) {
        EXPECT_NEAR(s(i, j), 2.5, 1e-14);
      }
    }
  // A delta spreads symmetrically and its peak drops.
  Eigen::MatrixXd d = Eigen::MatrixXd::Zero(9, 9);
  d(4, 4) = 1.0;
  const Eigen::MatrixXd sd = smoothRateMap(d, 1.0);
  EXPECT_LT(sd(4, 4), 1.0);
  EXPECT_NEAR(sd(3, 4), sd(4, 5), 1e-15);
  EXPECT_NEAR(sd(3, 4) / sd(4, 4), std::exp(-0.5), 1e-12);
  EXPECT_TRUE(identical(smoothRateMap(m, 0.0), m));
}

TEST(RateMap, DirectionTuningRecoversPlantedCosine) {
  // f(θ) = 1 + cos(θ − 60°) sampled densely: R = ½·sinc(w/2) (the bin average of a cosine over
  // a bin of width w), preferred direction 60°.
  const int S = 360000, bins = 36;
  Eigen::VectorXd theta(S);
  Eigen::MatrixXd rates(2, S);
  for (int s = 0; s < S; ++s) {
    theta[s] = kTwoPi * (s + 0.5) / S;
    rates(0, s) = 1.0 + std::cos(theta[s] - radians(60.0));
    rates(1, s) = -0.5 + 0.1 * std::cos(theta[s] - radians(200.0));  // tanh-like: negative
  }
  const DirectionTuning t = computeDirectionTuning(rates, theta, bins);
  const double halfWidth = kPi / bins;
  EXPECT_NEAR(t.meanVectorLength[0], 0.5 * std::sin(halfWidth) / halfWidth, 1e-6);
  EXPECT_NEAR(t.preferredDeg[0], 60.0, 1e-6);
  EXPECT_EQ(t.shifted[0], 0);
  EXPECT_EQ(t.shifted[1], 1);
  EXPECT_NEAR(t.preferredDeg[1], 200.0, 1e-6);
  EXPECT_EQ(t.occupancy.sum(), S);
  // Float rates give the same curve.
  const DirectionTuning tf =
      computeDirectionTuning(Eigen::MatrixXf(rates.cast<float>()), theta, bins);
  EXPECT_NEAR(tf.preferredDeg[0], 60.0, 1e-3);
}

TEST(RateMap, SpeedTuningAndSpeedScore) {
  Rng rng(12);
  const int S = 20000;
  Eigen::VectorXd speed(S);
  Eigen::MatrixXd rates(3, S);
  for (int s = 0; s < S; ++s) {
    speed[s] = rng.uniform(0.0, 0.02);
    rates(0, s) = 1.0 + 50.0 * speed[s];  // linear: r = 1
    rates(1, s) = -2.0 * speed[s];        // r = −1
    rates(2, s) = rng.normal();           // unrelated: r ≈ 0
  }
  const SpeedTuning t = computeSpeedTuning(rates, speed, 10);
  EXPECT_NEAR(t.speedScore[0], 1.0, 1e-9);
  EXPECT_NEAR(t.speedScore[1], -1.0, 1e-9);
  EXPECT_LT(std::abs(t.speedScore[2]), 4.0 / std::sqrt(double(S)));
  // Bin means of the linear unit lie on the line at the bin centres (uniform speeds).
  for (int k = 0; k < 10; ++k) EXPECT_NEAR(t.curve(0, k), 1.0 + 50.0 * t.centres[k], 0.01);
  EXPECT_EQ(t.samplesUsed, S);
}
