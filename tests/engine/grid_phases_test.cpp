// Grid phases on a common lattice (grid_phases.h): planted hexagonal maps translated by known
// offsets give the planted phase shifts, and the phase order puts neighbours on the torus next
// to each other.
#include "engine/analysis/grid_phases.h"

#include <gtest/gtest.h>

#include <Eigen/LU>
#include <cmath>

#include "engine/core/angles.h"

using namespace emergence::engine;

namespace {

// Rectified sum of three plane waves 60° apart, shifted by (dx, dy) bins.
Eigen::MatrixXd hexMap(int n, double spacing, double theta0Deg, double dx, double dy) {
  const double k = 4 * kPi / (std::sqrt(3.0) * spacing);
  Eigen::MatrixXd m(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      double s = 0;
      for (int w = 0; w < 3; ++w) {
        const double a = radians(theta0Deg + 60.0 * w);
        s += std::cos(k * (std::cos(a) * (j - dx) + std::sin(a) * (i - dy)));
      }
      m(i, j) = std::max(0.0, s);
    }
  return m;
}

double circularDistance(double a, double b) {
  const double d = std::abs(a - b);
  return std::min(d, 1.0 - d);
}

}  // namespace

TEST(GridPhases, TranslatedGridsGiveThePlantedPhaseShifts) {
  const int n = 32;
  const double spacing = 8.0;
  const GridScorer scorer(n);
  std::vector<Eigen::MatrixXd> maps;
  std::vector<GridScore> scores;
  const std::vector<double> shifts = {0.0, 1.0, 2.0, 3.0};  // bins along x
  for (double d : shifts) {
    maps.push_back(hexMap(n, spacing, 10.0, d, 0.0));
    scores.push_back(scorer.score(maps.back()));
  }
  // A flat map is never phased.
  maps.push_back(Eigen::MatrixXd::Constant(n, n, 0.5));
  scores.push_back(scorer.score(maps.back()));
  const GridPhases p = computeGridPhases(maps, scores, {true, true, true, true, true});
  ASSERT_GE(p.reference, 0);
  EXPECT_NEAR(p.a1.norm(), spacing, 0.5);
  EXPECT_NEAR(p.a2.norm(), spacing, 0.5);
  // φ_j(shifted by d) − φ_j(0) = −b_j·d (mod 1).
  Eigen::Matrix2d A;
  A.col(0) = p.a1;
  A.col(1) = p.a2;
  const Eigen::Matrix2d B = A.inverse().transpose();
  for (size_t k = 1; k < shifts.size(); ++k) {
    const Eigen::Vector2d d(shifts[k], 0.0);
    for (int j = 0; j < 2; ++j) {
      const double expected =
          std::fmod(10.0 + (j == 0 ? p.phase1[0] : p.phase2[0]) - B.col(j).dot(d), 1.0);
      const double got = j == 0 ? p.phase1[int(k)] : p.phase2[int(k)];
      EXPECT_LT(circularDistance(got, expected), 0.04) << "shift " << shifts[k] << " axis " << j;
    }
    EXPECT_GT(p.amplitude[int(k)], 0.15);
  }
  EXPECT_TRUE(std::isnan(p.phase1[4]));
  EXPECT_EQ(p.orderedByPhase, 4);
  ASSERT_EQ(p.order.size(), 5u);
  EXPECT_EQ(p.order.back(), 4);  // the flat map after the phased ones
}

TEST(GridPhases, NonGridUnitsFollowInIndexOrder) {
  const int n = 20;
  const GridScorer scorer(n);
  std::vector<Eigen::MatrixXd> maps;
  std::vector<GridScore> scores;
  for (int u = 0; u < 6; ++u) {
    maps.push_back(hexMap(n, 7.0, 0.0, 0.7 * u, 0.3 * u));
    scores.push_back(scorer.score(maps.back()));
  }
  const GridPhases p = computeGridPhases(maps, scores, {false, true, false, true, true, false});
  EXPECT_EQ(p.orderedByPhase, 3);
  ASSERT_EQ(p.order.size(), 6u);
  EXPECT_EQ((std::vector<int>(p.order.begin() + 3, p.order.end())), (std::vector<int>{0, 2, 5}));
  std::vector<int> head(p.order.begin(), p.order.begin() + 3);
  std::sort(head.begin(), head.end());
  EXPECT_EQ(head, (std::vector<int>{1, 3, 4}));
}
