// Border score (Solstad 2008, §8.4) on general walls, band score (§8.5), the spatial-shuffle
// null and the grid / border / band / other classification (§12 development curve), on planted
// maps whose answers are known.
#include "engine/analysis/border_band_scores.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <functional>

#include "engine/analysis/spatial_classes.h"
#include "engine/core/angles.h"
#include "engine/core/random.h"

using namespace emergence::engine;

namespace {

// Map of f(bin centre) over the binning; NaN where the centre is outside the arena (unvisited).
Eigen::MatrixXd plant(const Arena& arena, const SpatialBinning& b,
                      const std::function<double(const Eigen::Vector2d&)>& f) {
  Eigen::MatrixXd m(b.bins, b.bins);
  for (int i = 0; i < b.bins; ++i)
    for (int j = 0; j < b.bins; ++j) {
      const Eigen::Vector2d c = b.centre(i, j);
      m(i, j) = arena.contains(c) ? f(c) : std::nan("");
    }
  return m;
}

// Field hugging wall k: exp(−distance to that wall / width).
Eigen::MatrixXd wallField(const Arena& arena, const SpatialBinning& b, int wall, double width) {
  const WallSegment w = arena.walls()[wall];
  return plant(arena, b,
               [&](const Eigen::Vector2d& p) { return std::exp(-w.distanceTo(p) / width); });
}

Eigen::MatrixXd blob(const Arena& arena, const SpatialBinning& b, const Eigen::Vector2d& at,
                     double sigma) {
  return plant(arena, b, [&](const Eigen::Vector2d& p) {
    return std::exp(-(p - at).squaredNorm() / (2 * sigma * sigma));
  });
}

Eigen::MatrixXd stripes(int n, double wavelength, double angleDeg) {
  const double k = kTwoPi / wavelength, a = radians(angleDeg);
  Eigen::MatrixXd m(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      m(i, j) = 0.5 * (1 + std::cos(k * (std::cos(a) * j + std::sin(a) * i)));
  return m;
}

Eigen::MatrixXd hexagons(int n, double spacing, double theta0Deg) {
  const double k = 4 * kPi / (std::sqrt(3.0) * spacing);
  Eigen::MatrixXd m(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      double s = 0;
      for (int w = 0; w < 3; ++w) {
        const double a = radians(theta0Deg + 60.0 * w);
        s += std::cos(k * (std::cos(a) * j + std::sin(a) * i) + 0.4 * w);
      }
      m(i, j) = std::max(0.0, s);
    }
  return m;
}

Eigen::MatrixXd noise(int n, Rng& rng) {
  Eigen::MatrixXd m(n, n);
  for (Eigen::Index k = 0; k < m.size(); ++k) m.data()[k] = rng.uniform();
  return m;
}

}  // namespace

TEST(BorderScore, WallHuggingFieldScoresHighInTheSquare) {
  const Arena arena = Arena::square(1.0);
  const SpatialBinning b = SpatialBinning::forArena(arena, 20);
  const BorderScorer scorer(arena, b);
  EXPECT_EQ(scorer.walls(), 4);
  EXPECT_EQ(scorer.minFieldBins(), 8);  // 200 cm² / (5 cm)²
  for (int wall = 0; wall < 4; ++wall) {
    const BorderScore s = scorer.score(wallField(arena, b, wall, 0.05));
    EXPECT_GT(s.score, 0.5) << wall;
    EXPECT_DOUBLE_EQ(s.cm, 1.0) << wall;
    EXPECT_EQ(s.bestWall, wall);
    EXPECT_EQ(s.fields, 1);
  }
  // Planted value for the left wall: columns 0 and 1 form the field (r' = 1 and
  // r'₁ = (e^{−1.5} − min)/(e^{−0.5} − min) > 0.3, except the corner bins of column 1, which
  // are nearer the top/bottom walls and have a lower rate); DM = Σ r'·d_nearest / Σ r' / 0.5.
  const Eigen::MatrixXd m = wallField(arena, b, 3, 0.05);
  const double lo = m.minCoeff(), hi = m.maxCoeff();
  double weighted = 0, weight = 0;
  for (int i = 0; i < 20; ++i)
    for (int j = 0; j < 2; ++j) {
      const double r = (m(i, j) - lo) / (hi - lo);
      if (!(r > 0.3)) continue;
      const Eigen::Vector2d c = b.centre(i, j);
      const double d = std::min({c.x() + 0.5, c.y() + 0.5, 0.5 - c.y()});
      weighted += r * d;
      weight += r;
    }
  const double dm = weighted / weight / 0.5;
  const BorderScore s = scorer.score(m);
  EXPECT_NEAR(s.dm, dm, 1e-12);
  EXPECT_NEAR(s.score, (1 - dm) / (1 + dm), 1e-12);
}

TEST(BorderScore, WallHuggingFieldScoresHighInNonSquareArenas) {
  for (const Arena& arena : {Arena::hexagon(0.5), Arena::triangle(1.0), Arena::circle(0.5),
                             Arena::rectangle(1.0, 0.6)}) {
    const SpatialBinning b = SpatialBinning::forArena(arena, 24);
    const BorderScorer scorer(arena, b);
    const double width = 1.5 * b.binWidth();
    Eigen::MatrixXd m;
    if (arena.shape() == ArenaShape::Circle) {
      // Along the first quarter arc (polar angle 0°–90°).
      m = plant(arena, b, [&](const Eigen::Vector2d& p) {
        const double a = std::atan2(p.y(), p.x());
        const double along = (a >= 0 && a <= kPi / 2) ? 1.0 : 0.0;
        return along * std::exp(-arena.distanceToWall(p) / width);
      });
    } else {
      m = wallField(arena, b, 1, width);
    }
    const BorderScore s = scorer.score(m);
    std::printf("%-26s border %.3f (CM %.3f, DM %.3f, wall %d)\n", arena.description().c_str(),
                s.score, s.cm, s.dm, s.bestWall);
    EXPECT_GT(s.score, 0.5) << arena.description();
    if (arena.shape() != ArenaShape::Circle) EXPECT_EQ(s.bestWall, 1) << arena.description();
  }
}

TEST(BorderScore, CentralBlobScoresLowAndEveryFieldCounts) {
  const Arena arena = Arena::square(1.0);
  const SpatialBinning b = SpatialBinning::forArena(arena, 20);
  const BorderScorer scorer(arena, b);
  const BorderScore centre = scorer.score(blob(arena, b, {0, 0}, 0.1));
  EXPECT_EQ(centre.cm, 0.0);
  EXPECT_DOUBLE_EQ(centre.score, -1.0);
  // A central field found first (flood fill runs along x from the left) plus a field on the
  // right wall: CM must come from the second field (ganguli-lab's code only looks at the first).
  Eigen::MatrixXd two = blob(arena, b, {-0.1, 0.0}, 0.08);
  const Eigen::MatrixXd right = wallField(arena, b, 1, 0.05);
  two = two.cwiseMax(right);
  const Eigen::MatrixXd before = two;
  const BorderScore s = scorer.score(two);
  EXPECT_EQ(s.fields, 2);
  EXPECT_DOUBLE_EQ(s.cm, 1.0);
  EXPECT_EQ(s.bestWall, 1);
  EXPECT_TRUE(two == before);  // the map is not modified
  const Eigen::MatrixXi labels = scorer.fieldLabels(two);
  EXPECT_EQ(labels(10, 8), 0);   // the central field is label 0
  EXPECT_EQ(labels(10, 19), 1);  // the wall field is label 1
  // No field at all (flat map) → NaN.
  EXPECT_TRUE(std::isnan(scorer.score(Eigen::MatrixXd::Constant(20, 20, 0.2)).score));
}

TEST(BandScore, PlaneWaveIsABandAndGridsAndNoiseAreNot) {
  const int n = 32;
  const BandScorer band(n);
  const GridScorer grid(n);
  EXPECT_EQ(band.paddedSize(), 64);
  for (double angle : {0.0, 30.0, 115.0}) {
    const Eigen::MatrixXd m = stripes(n, 8.0, angle);
    const BandScore s = band.score(m);
    std::printf("stripes %5.1f°: band %.3f, λ %.2f bins, orientation %.1f°, score60 %.3f\n", angle,
                s.score, s.wavelengthBins, s.orientationDeg, grid.score(m).score60);
    EXPECT_GT(s.score, 0.7) << angle;
    EXPECT_NEAR(s.wavelengthBins, 8.0, 0.8) << angle;
    EXPECT_LT(std::abs(wrapDegrees180(2 * (s.orientationDeg - angle)) / 2), 4.0) << angle;
    EXPECT_LT(grid.score(m).score60, 0.3) << angle;
  }
  const BandScore hex = band.score(hexagons(n, 8.0, 10.0));
  std::printf("hexagons: band %.3f\n", hex.score);
  EXPECT_LT(hex.score, 0.5);
  const std::uint64_t seed = 99;
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  Rng rng(seed);
  for (int k = 0; k < 10; ++k) EXPECT_LT(band.score(noise(n, rng)).score, 0.15);
  EXPECT_TRUE(std::isnan(band.score(Eigen::MatrixXd::Constant(n, n, 1.0)).score));
}

TEST(BandScore, ShuffleNullIsSeededAndBelowPlantedBands) {
  const int n = 20;
  const std::uint64_t seed = 123;
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  Rng rng(seed);
  std::vector<Eigen::MatrixXd> maps = {stripes(n, 6.0, 20.0), hexagons(n, 6.0, 0.0), noise(n, rng)};
  maps[2](3, 3) = std::nan("");
  const BandScorer band(n);
  const GridScorer grid(n);
  ShuffleNullConfig c;
  c.shuffles = 120;
  c.seed = 7;
  const ShuffleNull a = spatialShuffleNull(maps, band, &grid, c, 1);
  const ShuffleNull b = spatialShuffleNull(maps, band, &grid, c, 2);
  EXPECT_EQ(a.band, b.band);  // same seed, any thread count
  EXPECT_EQ(a.score60, b.score60);
  EXPECT_EQ(a.band.size(), 120u);
  c.seed = 8;
  EXPECT_NE(spatialShuffleNull(maps, band, nullptr, c).band, a.band);
  EXPECT_LT(a.bandThreshold(95), band.score(maps[0]).score);
  EXPECT_LT(a.gridThreshold(95), grid.score(maps[1]).score60);
  // numpy's default percentile (linear interpolation).
  const std::vector<double> v = {1, 2, 4, 8};
  EXPECT_DOUBLE_EQ(ShuffleNull::percentile(v, 50), 3.0);
  EXPECT_DOUBLE_EQ(ShuffleNull::percentile(v, 100), 8.0);
  EXPECT_DOUBLE_EQ(ShuffleNull::percentile(v, 95), 4 + 0.85 * 4);
}

TEST(BorderBandClasses, PrecedenceThresholdsAndCounts) {
  const double nan = std::nan("");
  std::vector<UnitSpatialScores> u(6);
  u[0].score60MinMax = 0.9, u[0].band = 0.9;          // grid and band-like → grid
  u[1].border = 0.7, u[1].band = 0.9;                 // border beats band
  u[2].band = 0.6;                                    // band
  u[3].score60MinMax = 0.2, u[3].band = 0.1;          // other
  u[4].score60MinMax = nan;                           // NaN never passes → other
  u[5].score60MinMax = 0.25, u[5].score60Mean = 0.4;  // grid only in the mean form
  SpatialClassThresholds t;
  const SpatialClassification c = classifySpatialUnits(u, t, 0.5);
  const std::vector<SpatialClass> expected = {SpatialClass::Grid,  SpatialClass::Border,
                                              SpatialClass::Band,  SpatialClass::Other,
                                              SpatialClass::Other, SpatialClass::Other};
  EXPECT_EQ(c.classes, expected);
  EXPECT_EQ(c.counts.grid, 1);
  EXPECT_EQ(c.counts.border, 1);
  EXPECT_EQ(c.counts.band, 1);
  EXPECT_EQ(c.counts.other, 3);
  EXPECT_EQ(c.counts.bandAbove, 2);  // unit 1 passes the band rule too; unit 0 is grid
  t.gridMinMax = false;
  EXPECT_EQ(classifySpatialUnits(u, t, 0.5).classes[5], SpatialClass::Grid);
  t.bandFixed = 0.95;  // overrides the shuffle threshold
  EXPECT_EQ(classifySpatialUnits(u, t, 0.5).counts.bandAbove, 0);
  t.border = 2.0;
  EXPECT_THROW(classifySpatialUnits(u, t, 0.5), std::invalid_argument);
}

TEST(BorderBandClasses, PlantedMapsAreClassifiedAndRecordedOnTheDevelopmentCurve) {
  const Arena arena = Arena::square(1.0);
  const int n = 32;
  const SpatialBinning b = SpatialBinning::forArena(arena, n);
  const std::uint64_t seed = 5;
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  Rng rng(seed);
  const std::vector<Eigen::MatrixXd> maps = {hexagons(n, 8.0, 5.0), wallField(arena, b, 0, 0.04),
                                             stripes(n, 10.0, 70.0), noise(n, rng)};
  const GridScorer grid(n);
  const BorderScorer border(arena, b);
  const BandScorer band(n);
  const SpatialScores scores = scoreSpatialMaps(maps, grid, border, band, 2);
  ShuffleNullConfig sc;
  sc.shuffles = 200;
  const ShuffleNull null = spatialShuffleNull(maps, band, nullptr, sc);
  SpatialClassThresholds t;
  const SpatialClassification c = classifySpatialUnits(scores.units, t, null);
  const std::vector<SpatialClass> expected = {SpatialClass::Grid, SpatialClass::Border,
                                              SpatialClass::Band, SpatialClass::Other};
  EXPECT_EQ(c.classes, expected);
  DevelopmentCurve curve(t, n);
  curve.record(0, classifySpatialUnits(scores.units, t, 1.0));  // band impossible at update 0
  curve.record(500, c);
  ASSERT_EQ(curve.points().size(), 2u);
  EXPECT_EQ(curve.points()[1].counts.border, 1);
  const std::string csv = curve.toCsv();
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "# bins=32 score60=min_max grid>0.3 border>0.5 band>p95");
  // band_above = 2: the wall field is stripe-like too, but border takes precedence.
  EXPECT_NE(csv.find("\n500,4,1,1,1,1,1,1,2,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\n0,4,1,1,0,2,1,1,0,1\n"), std::string::npos) << csv;
}
