// Arena geometry (grid-cells.md §2.4, §8.4): exact areas, perimeters, inradii, containment, wall
// queries, uniform sampling and the validated JSON description, for every shape.
#include "engine/tasks/arena.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "engine/core/angles.h"
#include "engine/core/random.h"

using namespace emergence::engine;

namespace {

const double kSqrt3 = std::sqrt(3.0);

std::vector<Arena> allShapes() {
  return {Arena::square(1.0), Arena::rectangle(1.2, 0.5), Arena::circle(0.6), Arena::triangle(1.0),
          Arena::hexagon(0.5)};
}

// Message of the std::invalid_argument thrown by f, or "" if none.
template <typename F>
std::string errorOf(F&& f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(Arena, AreaPerimeterAndInradiusMatchClosedForms) {
  EXPECT_DOUBLE_EQ(Arena::square(2.0).area(), 4.0);
  EXPECT_DOUBLE_EQ(Arena::rectangle(2.0, 0.5).area(), 1.0);
  EXPECT_DOUBLE_EQ(Arena::circle(0.5).area(), kPi * 0.25);
  EXPECT_NEAR(Arena::triangle(1.0).area(), kSqrt3 / 4, 1e-15);
  EXPECT_NEAR(Arena::hexagon(1.0).area(), 1.5 * kSqrt3, 1e-15);
  EXPECT_DOUBLE_EQ(Arena::rectangle(2.0, 0.5).perimeter(), 5.0);
  EXPECT_DOUBLE_EQ(Arena::circle(0.5).perimeter(), kPi);
  EXPECT_DOUBLE_EQ(Arena::rectangle(2.0, 0.5).inradius(), 0.25);  // half the shortest side
  EXPECT_NEAR(Arena::triangle(1.0).inradius(), 1 / (2 * kSqrt3), 1e-15);
  EXPECT_NEAR(Arena::hexagon(1.0).inradius(), kSqrt3 / 2, 1e-15);
  // The polygon walls add up to the perimeter (the circle's 64 chords a little less).
  for (const Arena& a : allShapes()) {
    double length = 0;
    for (const WallSegment& w : a.walls()) length += w.length();
    if (a.shape() == ArenaShape::Circle)
      EXPECT_NEAR(length, a.perimeter(), 2e-3 * a.perimeter()) << a.description();
    else
      EXPECT_NEAR(length, a.perimeter(), 1e-12) << a.description();
  }
}

TEST(Arena, WallsAreClosedCounterclockwiseWithInwardNormals) {
  const int expected[5] = {4, 4, 64, 3, 6};
  int s = 0;
  for (const Arena& a : allShapes()) {
    const auto& walls = a.walls();
    ASSERT_EQ(static_cast<int>(walls.size()), expected[s++]) << a.description();
    for (size_t k = 0; k < walls.size(); ++k) {
      EXPECT_LT((walls[k].b - walls[(k + 1) % walls.size()].a).norm(), 1e-15);
      // The centre lies on the inner side of every wall.
      EXPECT_GT(walls[k].inwardNormal().dot(a.centre() - walls[k].a), 0) << a.description();
    }
  }
}

TEST(Arena, ContainsIsExactAndBoundaryInclusive) {
  for (const Arena& a : allShapes()) {
    EXPECT_TRUE(a.contains(a.centre())) << a.description();
    for (const WallSegment& w : a.walls()) {
      const Eigen::Vector2d mid = 0.5 * (w.a + w.b);
      EXPECT_TRUE(a.contains(mid + 1e-6 * w.inwardNormal())) << a.description();
      if (a.shape() != ArenaShape::Circle)  // chords lie inside the circle
        EXPECT_FALSE(a.contains(mid - 1e-6 * w.inwardNormal())) << a.description();
    }
  }
  EXPECT_TRUE(Arena::square(1.0).contains({0.5, 0.5}));  // a corner
  EXPECT_FALSE(Arena::square(1.0).contains({0.5 + 1e-12, 0.0}));
  const Arena c = Arena::circle(1.0);
  // Between a chord and the arc: inside the true circle.
  EXPECT_TRUE(c.contains({std::cos(kTwoPi / 128) * 0.9999, std::sin(kTwoPi / 128) * 0.9999}));
  EXPECT_FALSE(c.contains({0.0, 1.0 + 1e-12}));
  // Triangle: centroid at the origin, bottom edge at y = −s/(2√3), apex at y = s/√3.
  const Arena t = Arena::triangle(1.0);
  EXPECT_TRUE(t.contains({0.0, 1 / kSqrt3 - 1e-9}));
  EXPECT_FALSE(t.contains({0.0, 1 / kSqrt3 + 1e-9}));
  EXPECT_NEAR(t.boundingBox().yMin, -1 / (2 * kSqrt3), 1e-15);
}

TEST(Arena, NearestWallGivesDistanceNormalAndOutwardAngle) {
  const Arena sq = Arena::square(1.0);
  const WallQuery q = sq.nearestWall({0.4, 0.1});
  EXPECT_NEAR(q.distance, 0.1, 1e-15);
  EXPECT_NEAR(q.outwardAngle, 0.0, 1e-15);  // the right wall: θ_wall = 0 as in Sorscher's code
  EXPECT_NEAR(q.inwardNormal.x(), -1.0, 1e-15);
  EXPECT_NEAR((q.closest - Eigen::Vector2d(0.5, 0.1)).norm(), 0, 1e-15);
  EXPECT_NEAR(sq.nearestWall({0.0, -0.45}).outwardAngle, -kPi / 2, 1e-15);
  const Arena c = Arena::circle(0.5);
  const WallQuery qc = c.nearestWall({0.0, 0.3});
  EXPECT_NEAR(qc.distance, 0.2, 1e-15);
  EXPECT_NEAR(qc.outwardAngle, kPi / 2, 1e-15);
  EXPECT_EQ(qc.wall, 16);  // the chord spanning polar angle 90° (64 chords)
  // Hexagon: the top wall is horizontal at the apothem.
  const Arena h = Arena::hexagon(1.0);
  EXPECT_NEAR(h.nearestWall({0.0, 0.8}).distance, kSqrt3 / 2 - 0.8, 1e-12);
  EXPECT_NEAR(h.nearestWall({0.0, 0.8}).outwardAngle, kPi / 2, 1e-12);
  // Distance to the nearest wall is the minimum over all segments.
  Rng rng(3);
  for (const Arena& a : allShapes())
    for (int k = 0; k < 200; ++k) {
      const Eigen::Vector2d p = a.randomPoint(rng);
      double best = 1e9;
      for (const WallSegment& w : a.walls()) best = std::min(best, w.distanceTo(p));
      const double tol = a.shape() == ArenaShape::Circle ? 1e-3 : 1e-12;  // arc vs chord
      EXPECT_NEAR(a.distanceToWall(p), best, tol) << a.description();
    }
}

TEST(Arena, ReflectInsideMirrorsAcrossTheViolatedWall) {
  const Arena sq = Arena::square(1.0);
  Eigen::Vector2d p(0.55, 0.1), d(1.0, 0.0);
  ASSERT_TRUE(sq.reflectInside(p, 8, &d));
  EXPECT_NEAR(p.x(), 0.45, 1e-15);
  EXPECT_NEAR(d.x(), -1.0, 1e-15);
  Eigen::Vector2d corner(0.6, -0.7);
  ASSERT_TRUE(sq.reflectInside(corner));
  EXPECT_NEAR(corner.x(), 0.4, 1e-15);
  EXPECT_NEAR(corner.y(), -0.3, 1e-15);
  Eigen::Vector2d pc(0.0, 0.55);
  ASSERT_TRUE(Arena::circle(0.5).reflectInside(pc));
  EXPECT_NEAR(pc.y(), 0.45, 1e-15);
}

TEST(Arena, RandomPointsAreUniformInside) {
  const std::uint64_t seed = 11;
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  Rng rng(seed);
  const int N = 40000;
  for (const Arena& a : allShapes()) {
    Eigen::Vector2d mean = Eigen::Vector2d::Zero();
    int nearCentre = 0;
    const double r = 0.5 * a.inradius();
    for (int k = 0; k < N; ++k) {
      const Eigen::Vector2d p = a.randomPoint(rng);
      ASSERT_TRUE(a.contains(p));
      mean += p / N;
      nearCentre += p.norm() < r;
    }
    // Centroid at the origin; the share inside a central disc equals its area share (5 SE:
    // a false failure about once in 10⁶ runs).
    EXPECT_LT(mean.norm(), 0.01) << a.description();
    const double share = kPi * r * r / a.area();
    EXPECT_NEAR(double(nearCentre) / N, share, 5 * std::sqrt(share * (1 - share) / N))
        << a.description();
  }
}

TEST(Arena, JsonRoundTripForEveryShape) {
  for (const Arena& a : allShapes()) {
    const nlohmann::json j = a.spec().toJson();
    EXPECT_EQ(j.at("shape").get<std::string>(), arenaShapeName(a.shape()));
    const ArenaSpec back = ArenaSpec::fromJson(j);
    EXPECT_TRUE(back == a.spec()) << j.dump();
  }
  EXPECT_EQ(Arena::rectangle(1.0, 0.5).spec().toJson().dump(),
            R"({"height":0.5,"shape":"rectangle","width":1.0})");
}

TEST(Arena, JsonValidationNamesTheFieldAndReason) {
  using nlohmann::json;
  auto from = [](const char* text) { return [=] { ArenaSpec::fromJson(json::parse(text)); }; };
  EXPECT_EQ(errorOf(from(R"({"side": 1})")), "arena.shape: missing");
  EXPECT_EQ(
      errorOf(from(R"({"shape": "oval", "side": 1})")),
      "arena.shape: must be one of square, rectangle, circle, triangle, hexagon; got \"oval\"");
  EXPECT_EQ(errorOf(from(R"({"shape": "square"})")),
            "arena.side: missing (a square arena needs side, in metres)");
  EXPECT_EQ(errorOf(from(R"({"shape": "square", "side": -1})")),
            "arena.side: must be a finite length in (0, 1000] m, got -1");
  EXPECT_EQ(errorOf(from(R"({"shape": "circle", "radius": "big"})")),
            "arena.radius: expected a number, got string");
  EXPECT_EQ(errorOf(from(R"({"shape": "square", "side": 1, "radius": 2})")),
            "arena.radius: not a parameter of a square arena (expected: side)");
  EXPECT_EQ(errorOf(from(R"({"shape": "rectangle", "width": 1})")),
            "arena.height: missing (a rectangle arena needs width, height, in metres)");
  EXPECT_EQ(errorOf([] { ArenaSpec::fromJson(json::parse(R"({"shape": 3})"), "task.arena"); }),
            "task.arena.shape: expected a string, got number");
  EXPECT_EQ(errorOf([] { Arena::hexagon(0.0); }),
            "arena.side: must be a finite length in (0, 1000] m, got 0");
}

TEST(Arena, InscribedInBoxGivesTheCw18UnitArenas) {
  for (ArenaShape s :
       {ArenaShape::Square, ArenaShape::Circle, ArenaShape::Triangle, ArenaShape::Hexagon}) {
    const Box2 b = Arena::inscribedInBox(s, 1.0).boundingBox();
    EXPECT_NEAR(b.width(), 1.0, 1e-12) << arenaShapeName(s);
    EXPECT_LE(b.height(), 1.0 + 1e-12) << arenaShapeName(s);
  }
  const Box2 sq = Arena::triangle(1.0).boundingSquare();
  EXPECT_NEAR(sq.width(), 1.0, 1e-12);
  EXPECT_NEAR(sq.height(), 1.0, 1e-12);
  EXPECT_EQ(Arena::rectangle(1, 0.5).description(), "rectangle, 1 m × 0.5 m");
}
