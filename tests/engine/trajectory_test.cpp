// Trajectory generators (grid-cells.md §2.4, §4.3): step statistics against the planted
// distributions, containment in every arena shape, logged boundary interactions, exact
// integration of the velocity inputs, determinism.
#include "engine/tasks/trajectory.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "engine/core/angles.h"
#include "engine/core/random.h"

using namespace emergence::engine;

namespace {

std::vector<Arena> allShapes(double size) {
  return {Arena::square(size), Arena::rectangle(size, 0.5 * size), Arena::circle(0.5 * size),
          Arena::triangle(size), Arena::hexagon(0.5 * size)};
}

Rng seeded(std::uint64_t seed) {
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  return Rng(seed);
}

double wrapPi(double a) { return wrapTwoPi(a + kPi) - kPi; }

void expectInsideAndIntegrated(const Arena& arena, const TrajectoryBatch& tb) {
  const int T = tb.steps, B = tb.trials;
  for (Eigen::Index c = 0; c < tb.positions.cols(); ++c)
    ASSERT_TRUE(arena.contains(tb.positions.col(c)))
        << arena.description() << " column " << c << ": " << tb.positions.col(c).transpose();
  // p_{t+1} = p_t + velocity_t, and the Cartesian input is speed·(cos θ, sin θ).
  double worst = 0, worstInput = 0;
  for (int t = 0; t < T; ++t)
    for (int b = 0; b < B; ++b) {
      const Eigen::Index col = Eigen::Index(t) * B + b;
      const Eigen::Vector2d step = tb.positions.col(col + B) - tb.positions.col(col);
      worst = std::max(worst, (step - tb.velocities.col(col)).norm());
      const Eigen::Vector2d polar =
          tb.speed(t, b) * Eigen::Vector2d(std::cos(tb.heading(t, b)), std::sin(tb.heading(t, b)));
      worstInput = std::max(worstInput, (polar - tb.velocities.col(col)).norm());
    }
  EXPECT_LT(worst, 1e-15) << arena.description();
  EXPECT_LT(worstInput, 1e-12) << arena.description();
  EXPECT_EQ(tb.corrections, tb.corrected.cast<long long>().sum());
}

}  // namespace

TEST(TrajectoryRat, RayleighSpeedAndTurningStatisticsAwayFromWalls) {
  Rng rng = seeded(101);
  RatTrajectoryConfig c;
  c.steps = 200;
  const Arena arena = Arena::square(50.0);  // walls far away: the rule rarely fires
  const TrajectoryBatch tb = generateRatTrajectories(arena, c, 200, rng);
  double s1 = 0, s2 = 0, t2 = 0;
  long long n = 0, nt = 0;
  for (int t = 0; t < c.steps; ++t)
    for (int b = 0; b < tb.trials; ++b) {
      if (tb.boundaryInteractions(t, b) || tb.corrected(t, b)) continue;
      const double v = tb.speed(t, b) / c.dt;  // m/s
      s1 += v;
      s2 += v * v;
      ++n;
      if (t + 1 < c.steps && !tb.boundaryInteractions(t + 1, b) && !tb.corrected(t + 1, b)) {
        const double turn = wrapPi(tb.heading(t + 1, b) - tb.heading(t, b));
        t2 += turn * turn;
        ++nt;
      }
    }
  const double mean = s1 / n, sd = std::sqrt(s2 / n - mean * mean);
  const double b = c.speedScale;
  // Rayleigh(b): mean b·√(π/2) = 1.0241 m/s, SD b·√((4 − π)/2) = 0.5353 m/s.
  EXPECT_NEAR(mean, b * std::sqrt(kPi / 2), 0.01);
  EXPECT_NEAR(sd, b * std::sqrt((4 - kPi) / 2), 0.01);
  // Turn per step = dt·N(0, 11.52 rad/s): SD 0.2304 rad.
  EXPECT_NEAR(std::sqrt(t2 / nt), c.dt * c.turnSd, 0.004);
  EXPECT_GT(n, 39000);
}

TEST(TrajectoryRat, WallRuleFiresOnlyNearAWallWhenHeadingTowardIt) {
  Rng rng = seeded(7);
  RatTrajectoryConfig c;
  c.steps = 100;
  for (const Arena& arena : allShapes(1.0)) {
    const TrajectoryBatch tb = generateRatTrajectories(arena, c, 100, rng);
    long long fired = 0;
    for (int t = 0; t < c.steps; ++t)
      for (int b = 0; b < tb.trials; ++b) {
        if (!tb.boundaryInteractions(t, b)) continue;
        ++fired;
        const Eigen::Vector2d p = tb.positions.col(Eigen::Index(t) * tb.trials + b);
        const WallQuery q = arena.nearestWall(p);
        EXPECT_LT(q.distance, c.wallZone);
        // The step was slowed: at most 0.25 of a generous Rayleigh tail (v < 6 m/s).
        EXPECT_LT(tb.speed(t, b), 0.25 * 6.0 * c.dt);
      }
    EXPECT_GT(fired, 0) << arena.description();
  }
}

TEST(TrajectoryRat, EveryPositionStaysInsideEveryShape) {
  Rng rng = seeded(2024);
  RatTrajectoryConfig c;
  c.steps = 100;
  for (double size : {0.5, 2.2})
    for (const Arena& arena : allShapes(size)) {
      const TrajectoryBatch tb = generateRatTrajectories(arena, c, 300, rng);
      expectInsideAndIntegrated(arena, tb);
      std::printf("%-28s rat: %lld reflected steps of %d\n", arena.description().c_str(),
                  tb.corrections, c.steps * 300);
    }
}

TEST(TrajectoryCuevaWei, ZeroSpeedFractionSpeedAndHeadingIncrements) {
  Rng rng = seeded(55);
  CuevaWeiTrajectoryConfig c;
  const Arena arena = Arena::square(1.0);
  const TrajectoryBatch tb = generateCuevaWeiTrajectories(arena, c, 200, rng);
  long long still = 0, moving = 0, nInc = 0;
  double speedSum = 0, inc2 = 0;
  for (int t = 0; t < c.steps; ++t)
    for (int b = 0; b < tb.trials; ++b) {
      if (tb.speed(t, b) == 0.0) {
        ++still;
      } else {
        ++moving;
        speedSum += tb.speed(t, b);
      }
      if (t > 0 && tb.boundaryInteractions(t, b) == 0) {
        const double d = wrapPi(tb.heading(t, b) - tb.heading(t - 1, b));
        inc2 += d * d;
        ++nInc;
      }
    }
  const double N = double(still + moving);
  EXPECT_NEAR(still / N, 0.9, 0.005);            // 100,000 steps: SE 0.001
  EXPECT_NEAR(speedSum / moving, 0.01, 0.0003);  // U(0, 0.02) m/step
  EXPECT_NEAR(std::sqrt(inc2 / nInc), radians(10.0), radians(0.3));
  // Every trial starts at the arena centre.
  EXPECT_EQ(startPositions(tb).cwiseAbs().maxCoeff(), 0.0);
}

TEST(TrajectoryCuevaWei, StillBoutsFollowTheMarkovChain) {
  Rng rng = seeded(9);
  CuevaWeiTrajectoryConfig c;
  c.meanStillBout = 20;
  const TrajectoryBatch tb = generateCuevaWeiTrajectories(Arena::square(1.0), c, 200, rng);
  long long still = 0, bouts = 0;
  for (int b = 0; b < tb.trials; ++b)
    for (int t = 0; t < c.steps; ++t) {
      const bool s = tb.speed(t, b) == 0.0;
      still += s;
      bouts += s && (t == 0 || tb.speed(t - 1, b) != 0.0);
    }
  EXPECT_NEAR(double(still) / (c.steps * 200.0), 0.9, 0.02);
  EXPECT_NEAR(double(still) / bouts, 20.0, 1.5);
  c.meanStillBout = 5;  // moving bouts would be < 1 step
  EXPECT_THROW(generateCuevaWeiTrajectories(Arena::square(1.0), c, 1, rng), std::invalid_argument);
}

TEST(TrajectoryCuevaWei, BoundaryInteractionsRedrawTheHeadingAndStayInside) {
  Rng rng = seeded(77);
  CuevaWeiTrajectoryConfig c;
  c.zeroSpeedFraction = 0.0;  // always moving: many wall contacts in a small arena
  c.maxSpeed = 0.05;
  for (WallRedraw mode : {WallRedraw::UniformHeading, WallRedraw::Increment})
    for (const Arena& arena : allShapes(0.3)) {
      c.wallRedraw = mode;
      const TrajectoryBatch tb = generateCuevaWeiTrajectories(arena, c, 50, rng);
      expectInsideAndIntegrated(arena, tb);
      EXPECT_GT((tb.boundaryInteractions.array() > 0).count(), 100) << arena.description();
      EXPECT_EQ(tb.corrections, 0) << arena.description();
    }
}

TEST(Trajectory, SameSeedGivesIdenticalTrajectoriesAndInputs) {
  for (int model = 0; model < 2; ++model) {
    auto run = [&](std::uint64_t seed) {
      Rng rng(seed);
      const Arena arena = Arena::hexagon(0.5);
      return model == 0 ? generateRatTrajectories(arena, {}, 16, rng)
                        : generateCuevaWeiTrajectories(arena, {}, 16, rng);
    };
    const TrajectoryBatch a = run(5), b = run(5), c = run(6);
    EXPECT_TRUE(a.positions == b.positions);
    EXPECT_TRUE(a.heading == b.heading);
    EXPECT_TRUE(a.speed == b.speed);
    EXPECT_TRUE(a.boundaryInteractions == b.boundaryInteractions);
    EXPECT_FALSE(a.positions == c.positions);
    for (VelocityInput v :
         {VelocityInput::Cartesian, VelocityInput::SpeedHeading, VelocityInput::SpeedCosSin})
      EXPECT_TRUE(velocityInputs(a, v) == velocityInputs(b, v));
  }
}

TEST(Trajectory, InputVariantsAndLayout) {
  Rng rng = seeded(3);
  RatTrajectoryConfig c;
  c.steps = 7;
  const TrajectoryBatch tb = generateRatTrajectories(Arena::square(2.2), c, 5, rng);
  const Eigen::MatrixXd cart = velocityInputs(tb, VelocityInput::Cartesian);
  const Eigen::MatrixXd sh = velocityInputs(tb, VelocityInput::SpeedHeading);
  const Eigen::MatrixXd scs = velocityInputs(tb, VelocityInput::SpeedCosSin);
  ASSERT_EQ(cart.rows(), 2);
  ASSERT_EQ(sh.rows(), 2);
  ASSERT_EQ(scs.rows(), 3);
  ASSERT_EQ(cart.cols(), 35);
  const Eigen::VectorXd speed = flattenTimeMajor(tb.speed), heading = flattenTimeMajor(tb.heading);
  for (int t = 0; t < 7; ++t)
    for (int b = 0; b < 5; ++b) {
      const int col = t * 5 + b;
      EXPECT_EQ(speed[col], tb.speed(t, b));
      EXPECT_EQ(sh(0, col), tb.speed(t, b));
      EXPECT_EQ(sh(1, col), tb.heading(t, b));
      EXPECT_NEAR(scs(0, col) * scs(1, col), cart(0, col), 1e-15);
      EXPECT_NEAR(scs(0, col) * scs(2, col), cart(1, col), 1e-15);
      EXPECT_GE(heading[col], 0.0);
      EXPECT_LT(heading[col], kTwoPi);
    }
  // Targets: p_1 … p_T; the start block is separate.
  EXPECT_TRUE(positionTargets(tb) == tb.positions.rightCols(35));
  EXPECT_TRUE(startPositions(tb) == tb.positions.leftCols(5));
  EXPECT_EQ(velocityInputFromName("speed_cos_sin"), VelocityInput::SpeedCosSin);
  EXPECT_THROW(velocityInputFromName("polar"), std::invalid_argument);
}

TEST(Trajectory, ConfigValidationNamesTheField) {
  Rng rng(1);
  RatTrajectoryConfig r;
  r.dt = 0;
  try {
    generateRatTrajectories(Arena::square(1), r, 1, rng);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()), "trajectory.dt: must be a finite time step > 0 s, got 0");
  }
  CuevaWeiTrajectoryConfig c;
  c.zeroSpeedFraction = 1.0;
  try {
    generateCuevaWeiTrajectories(Arena::square(1), c, 1, rng);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()), "trajectory.zero_speed_fraction: must be in [0, 1), got 1");
  }
}
