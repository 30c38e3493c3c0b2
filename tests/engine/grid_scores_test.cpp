// Spatial autocorrelogram and grid scores (grid-cells.md §8.2, §8.3) on planted maps with known
// answers, against the independent numpy reference (tools/make_grid_score_fixture.py), and
// algebraic invariances.
#include "engine/analysis/grid_scores.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "engine/core/angles.h"
#include "engine/core/random.h"
#include "engine/io/npz.h"

using namespace emergence::engine;

namespace {

// Rectified sum of three plane waves 60° apart: a hexagonal lattice with field spacing λ (bins)
// whose lattice vectors point at θ0 + 30° + m·60° (k_j·a = 2π for |k| = 4π/(√3·λ)).
Eigen::MatrixXd hexagonalMap(int n, double spacing, double theta0Deg, double phase = 0.3) {
  const double k = 4 * kPi / (std::sqrt(3.0) * spacing);
  Eigen::MatrixXd m(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      double s = 0;
      for (int w = 0; w < 3; ++w) {
        const double a = radians(theta0Deg + 60.0 * w);
        s += std::cos(k * (std::cos(a) * j + std::sin(a) * i) + phase * (w + 1));
      }
      m(i, j) = std::max(0.0, s);
    }
  return m;
}

// Rectified square lattice of period λ, axis-aligned.
Eigen::MatrixXd squareMap(int n, double period) {
  const double k = kTwoPi / period;
  Eigen::MatrixXd m(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) m(i, j) = std::max(0.0, std::cos(k * j) + std::cos(k * i));
  return m;
}

Eigen::MatrixXd stripeMap(int n, double wavelength, double angleDeg) {
  const double k = kTwoPi / wavelength, a = radians(angleDeg);
  Eigen::MatrixXd m(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      m(i, j) = 0.5 * (1 + std::cos(k * (std::cos(a) * j + std::sin(a) * i)));
  return m;
}

Eigen::MatrixXd noiseMap(int n, Rng& rng) {
  Eigen::MatrixXd m(n, n);
  for (Eigen::Index k = 0; k < m.size(); ++k) m.data()[k] = rng.uniform();
  return m;
}

}  // namespace

TEST(GridScore, MatchesTheNumpyReference) {
  const NpzReader npz =
      NpzReader::load(std::string(EMERGENCE_FIXTURE_DIR) + "/grid_scores_reference.npz");
  for (const char* name : {"noise", "hex", "circle"}) {
    const Eigen::MatrixXd map = npz.matrixD(std::string("map_") + name);
    const Eigen::MatrixXd sac = npz.matrixD(std::string("sac_") + name);
    const Eigen::VectorXd ref = npz.vectorD(std::string("scores_") + name, 6);
    const Eigen::MatrixXd ours = spatialAutocorrelogram(map);
    ASSERT_EQ(ours.rows(), 2 * map.rows() - 1);
    // Same formula, different summation order: agreement to round-off.
    EXPECT_LT((ours - sac).cwiseAbs().maxCoeff(), 1e-11) << name;
    GridScoreConfig mm, mean;
    mean.minMax = false;
    const GridScore a = GridScorer(int(map.rows()), mm).score(map);
    const GridScore b = GridScorer(int(map.rows()), mean).score(map);
    EXPECT_NEAR(a.score60, ref[0], 1e-9) << name;
    EXPECT_NEAR(b.score60, ref[1], 1e-9) << name;
    EXPECT_NEAR(a.score90, ref[2], 1e-9) << name;
    EXPECT_EQ(a.annulus60, int(ref[3])) << name;
    EXPECT_EQ(b.annulus60, int(ref[4])) << name;
    EXPECT_EQ(a.annulus90, int(ref[5])) << name;
    EXPECT_EQ(a.score60Mean, b.score60);  // both forms are always computed
  }
}

TEST(GridScore, SacIsSymmetricWithUnitCentre) {
  Rng rng(2);
  Eigen::MatrixXd m = noiseMap(12, rng);
  m(3, 4) = m(0, 0) = std::nan("");
  const Eigen::MatrixXd s = spatialAutocorrelogram(m);
  EXPECT_NEAR(s(11, 11), 1.0, 1e-12);
  EXPECT_LT((s - s.reverse()).cwiseAbs().maxCoeff(), 1e-12);  // r(d) = r(−d)
  EXPECT_LE(s.cwiseAbs().maxCoeff(), 1.0 + 1e-12);
  // Pearson r is invariant under r → a·r + b (a > 0): the scores are too.
  const Eigen::MatrixXd affine = (3.0 * m.array() + 7.0).matrix();
  EXPECT_LT((spatialAutocorrelogram(affine) - s).cwiseAbs().maxCoeff(), 1e-9);
}

TEST(GridScore, PlantedHexagonalMapScoresHighWithSpacingAndOrientationRecovered) {
  const int n = 32;
  const GridScorer scorer(n);
  for (double theta0 : {7.0, 22.0}) {
    const double spacing = 8.0;
    const GridScore g = scorer.score(hexagonalMap(n, spacing, theta0));
    std::printf("hex θ0=%g: score60 %.3f (mean form %.3f) score90 %.3f spacing %.3f orient %.2f\n",
                theta0, g.score60, g.score60Mean, g.score90, g.spacingBins, g.orientationDeg);
    EXPECT_GT(g.score60, 0.8);  // min/max form
    EXPECT_GT(g.score60Mean, 0.8);
    EXPECT_LT(g.score90, 0.3);
    EXPECT_NEAR(g.spacingBins, spacing, 0.03 * spacing);
    const double expected = std::fmod(theta0 + 30.0, 60.0);
    EXPECT_LT(std::abs(wrapDegrees180(6 * (g.orientationDeg - expected)) / 6), 1.5);
    EXPECT_EQ(g.peaks.size(), 6u);
    EXPECT_EQ(g.sac.rows(), 2 * n - 1);
    EXPECT_GE(g.best60.outer, 0.4 * n);
    EXPECT_LE(g.best60.outer, 1.0 * n);
    EXPECT_DOUBLE_EQ(g.best60.inner, 0.2 * n);
  }
}

TEST(GridScore, SquareLatticeScoresHighOn90AndLowOn60) {
  const int n = 32;
  const GridScore g = GridScorer(n).score(squareMap(n, 8.0));
  std::printf("square: score60 %.3f score90 %.3f\n", g.score60, g.score90);
  EXPECT_GT(g.score90, 1.0);
  EXPECT_LT(g.score60, 0.0);
}

TEST(GridScore, StripesAndNoiseScoreLow) {
  const int n = 32;
  const GridScorer scorer(n);
  for (double angle : {0.0, 30.0, 73.0}) {
    const GridScore g = scorer.score(stripeMap(n, 9.0, angle));
    EXPECT_LT(g.score60, 0.3) << angle;
  }
  const std::uint64_t seed = 314;
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  Rng rng(seed);
  double worst = -10, sum = 0;
  for (int k = 0; k < 40; ++k) {
    const GridScore g = scorer.score(noiseMap(n, rng));
    worst = std::max(worst, g.score60);
    sum += g.score60;
  }
  std::printf("noise: mean score60 %.3f, max %.3f over 40 maps\n", sum / 40, worst);
  EXPECT_LT(worst, 0.3);
  EXPECT_LT(std::abs(sum / 40), 0.1);
}

TEST(GridScore, ScoreAllEqualsScoreAndDoesNotDependOnThreads) {
  const int n = 20;
  Rng rng(5);
  std::vector<Eigen::MatrixXd> maps;
  for (int k = 0; k < 9; ++k) {
    Eigen::MatrixXd m = k % 2 ? noiseMap(n, rng) : hexagonalMap(n, 6.0 + k * 0.3, 10.0 * k);
    if (k >= 6) m(0, 0) = m(5, 7) = std::nan("");  // a second validity mask
    maps.push_back(m);
  }
  const GridScorer scorer(n);
  const auto one = scorer.scoreAll(maps, 1), two = scorer.scoreAll(maps, 2);
  for (int k = 0; k < 9; ++k) {
    const GridScore single = scorer.score(maps[k]);
    EXPECT_EQ(one[k].score60, single.score60) << k;
    EXPECT_EQ(one[k].score90, single.score90) << k;
    EXPECT_EQ(two[k].score60, single.score60) << k;
    EXPECT_TRUE(two[k].sac == single.sac) << k;
    EXPECT_EQ(scorer.scoreSac(single.sac).score60, single.score60) << k;
  }
}

TEST(GridScore, BilinearRotationIsExactOnQuarterTurns) {
  Rng rng(6);
  const Eigen::MatrixXd m = noiseMap(9, rng);
  const Eigen::MatrixXd r = rotateBilinear(m, 90.0);
  // out(y, x) = in(c + R(−90°)(x − c, y − c)): source x = y, source y = 2c − x, so content at
  // the east (x = c + 1, y = c) appears at the north (x = c, y = c + 1): counterclockwise.
  for (int y = 0; y < 9; ++y)
    for (int x = 0; x < 9; ++x) EXPECT_EQ(r(y, x), m(8 - x, y)) << y << "," << x;
  EXPECT_TRUE(rotateBilinear(m, 360.0).isApprox(m, 1e-12));
  EXPECT_LT((rotateBilinear(rotateBilinear(m, 90.0), 270.0) - m).cwiseAbs().maxCoeff(), 1e-12);
}

TEST(GridScore, AnnuliFollowDeepMindRadii) {
  const GridScorer scorer(20);
  ASSERT_EQ(scorer.annuli().size(), 10u);
  EXPECT_DOUBLE_EQ(scorer.annuli().front().outer, 8.0);
  EXPECT_DOUBLE_EQ(scorer.annuli().back().outer, 20.0);
  EXPECT_DOUBLE_EQ(scorer.annuli()[3].inner, 4.0);
  GridScoreConfig bad;
  bad.innerRadius = 0.5;
  try {
    GridScorer s(20, bad);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()),
              "grid_score.inner_radius: must be in [0, outer_radius_min), got 0.5");
  }
  EXPECT_THROW(scorer.score(Eigen::MatrixXd::Zero(19, 19)), std::invalid_argument);
  // A flat map has no structure: all scores 0, no peaks.
  const GridScore flat = scorer.score(Eigen::MatrixXd::Constant(20, 20, 1.0));
  EXPECT_EQ(flat.score60, 0.0);
  EXPECT_TRUE(std::isnan(flat.spacingBins));
}
