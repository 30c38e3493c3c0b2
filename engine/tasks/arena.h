#pragma once
// 2-D arenas of the grid-cells lab (grid-cells.md §2.4, §4.3, §8.4), all centred at the origin,
// lengths in metres, angles in radians (counterclockwise from +x). Shared by the trajectory
// generators, place cells, rate maps, the border score and the GUI views.
//
// Shapes and their size parameters:
//   square     side s          vertices (±s/2, ±s/2)
//   rectangle  width w, height h  vertices (±w/2, ±h/2)
//   circle     radius r        centre at the origin; walls = a 64-gon inscribed in the circle
//   triangle   side s          equilateral, apex up, bottom edge horizontal, centroid at the
//                              origin (so y ∈ [−s/(2√3), s/√3]; the bounding box is not centred)
//   hexagon    side s          regular, flat top and bottom, vertices at angles 0°, 60°, …, 300°
//                              on the circle of radius s (x ∈ [−s, s], y ∈ [−(√3/2)s, (√3/2)s])
// Every shape is convex. Walls are listed counterclockwise; wall k runs from vertex k to k+1.
//
// Exactness: contains() is exact for every shape (a true circle for the circle; the boundary
// counts as inside). nearestWall() is exact too: for the circle it is radial (distance r − |p|,
// normal −p/|p|) and reports the 64-gon side that spans p's polar angle, so points between a
// chord and the arc are handled correctly.
#include <Eigen/Core>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace emergence::engine {

class Rng;

enum class ArenaShape { Square, Rectangle, Circle, Triangle, Hexagon };

// "square", "rectangle", "circle", "triangle", "hexagon".
const char* arenaShapeName(ArenaShape shape);
// Inverse of arenaShapeName; throws std::invalid_argument("<field>: must be one of …; got …").
ArenaShape arenaShapeFromName(const std::string& name, const std::string& field = "arena.shape");

// JSON-friendly description: the shape and its size parameters (metres). Only the parameters of
// the chosen shape are meaningful (and written by toJson).
struct ArenaSpec {
  ArenaShape shape = ArenaShape::Square;
  double side = 1.0;    // square, triangle, hexagon: edge length
  double width = 1.0;   // rectangle: extent along x
  double height = 1.0;  // rectangle: extent along y
  double radius = 0.5;  // circle

  static constexpr double kMaxSize = 1000.0;  // metres; larger sizes are rejected
  // Throws std::invalid_argument("<prefix>.side: must be a finite length in (0, 1000] m, got -1")
  // for the parameters the shape uses.
  void validate(const std::string& prefix = "arena") const;
  // {"shape": "square", "side": 1.0} — only the shape's own parameters.
  nlohmann::json toJson() const;
  // Validates: shape required (one of the names), the shape's parameters required and numeric,
  // positive and finite; any other key is rejected ("<prefix>.radius: not a parameter of a
  // square arena (expected: side)"). Errors are std::invalid_argument naming the field.
  static ArenaSpec fromJson(const nlohmann::json& j, const std::string& prefix = "arena");
  bool operator==(const ArenaSpec& o) const;
};

// An axis-aligned box, metres.
struct Box2 {
  double xMin = 0, xMax = 0, yMin = 0, yMax = 0;
  double width() const { return xMax - xMin; }
  double height() const { return yMax - yMin; }
};

// A straight wall from a to b (metres), arena interior on its left.
struct WallSegment {
  Eigen::Vector2d a, b;
  Eigen::Vector2d direction() const { return (b - a).normalized(); }  // unit, a → b
  // Unit normal pointing into the arena: direction rotated by +90°.
  Eigen::Vector2d inwardNormal() const {
    const Eigen::Vector2d d = direction();
    return {-d.y(), d.x()};
  }
  double length() const { return (b - a).norm(); }
  // Euclidean distance from p to the closest point of the segment.
  double distanceTo(const Eigen::Vector2d& p) const;
};

// Result of Arena::nearestWall.
struct WallQuery {
  int wall = -1;                 // index into walls()
  double distance = 0.0;         // metres from p to the nearest wall (≥ 0; 0 outside the arena)
  Eigen::Vector2d closest;       // closest point on that wall, metres
  Eigen::Vector2d inwardNormal;  // unit normal of that wall into the arena
  // Direction from the interior toward the wall: angle of −inwardNormal, radians in (−π, π].
  // This is θ_wall of the §4.3 rule (a_wall = heading − θ_wall).
  double outwardAngle = 0.0;
};

class Arena {
 public:
  static constexpr int kCirclePolygonSides = 64;

  // Throws std::invalid_argument (from spec.validate()) for a bad spec.
  explicit Arena(const ArenaSpec& spec = {});
  static Arena square(double side);
  static Arena rectangle(double width, double height);
  static Arena circle(double radius);
  static Arena triangle(double side);
  static Arena hexagon(double side);
  // CW18 defaults (§2.4): unit-size arenas "inscribed in the same box" of side boxSide: square
  // side boxSide, rectangle boxSide × boxSide/2, circle diameter boxSide, triangle side boxSide,
  // hexagon width boxSide (side boxSide/2).
  static Arena inscribedInBox(ArenaShape shape, double boxSide = 1.0);

  const ArenaSpec& spec() const { return m_spec; }
  ArenaShape shape() const { return m_spec.shape; }
  std::string description() const;  // e.g. "square, side 1 m"

  // Exact point-in-arena test; the boundary counts as inside.
  bool contains(const Eigen::Vector2d& p) const;
  // Nearest wall of a point (meaningful inside; outside, distance is 0 and the wall is the one
  // whose half-plane is violated most).
  WallQuery nearestWall(const Eigen::Vector2d& p) const;
  // Distance to the nearest wall, metres (0 outside).
  double distanceToWall(const Eigen::Vector2d& p) const { return nearestWall(p).distance; }
  // Reflect a point that lies outside back across the violated walls (specular, at most
  // maxReflections times); `direction`, if given, is mirrored across the same walls (for the
  // circle, across the tangent at the radial crossing). Returns whether p ends inside.
  bool reflectInside(Eigen::Vector2d& p, int maxReflections = 8,
                     Eigen::Vector2d* direction = nullptr) const;

  // Walls counterclockwise (64 chords for the circle).
  const std::vector<WallSegment>& walls() const { return m_walls; }
  Box2 boundingBox() const { return m_box; }
  // The bounding box grown to a square about its own centre (square bins for rate maps).
  Box2 boundingSquare() const;
  double area() const;       // m², exact (πr² for the circle)
  double perimeter() const;  // m, exact (2πr for the circle)
  // Radius of the largest inscribed circle about the origin (the apothem): half the shortest
  // side of a rectangle, r for the circle, s/(2√3) for the triangle, (√3/2)s for the hexagon.
  // The border score (§8.4) normalises its distances by this.
  double inradius() const;
  Eigen::Vector2d centre() const { return Eigen::Vector2d::Zero(); }

  // A point uniform in the arena: rejection from the bounding box, two rng.uniform() per try.
  Eigen::Vector2d randomPoint(Rng& rng) const;

 private:
  ArenaSpec m_spec;
  std::vector<WallSegment> m_walls;
  // Half-planes of the polygon walls: inside iff m_normals[k]·p ≤ m_offsets[k].
  std::vector<Eigen::Vector2d> m_outwardNormals;
  std::vector<double> m_offsets;
  Box2 m_box;
};

}  // namespace emergence::engine
