#include "engine/tasks/arena.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "engine/core/angles.h"
#include "engine/core/random.h"

namespace emergence::engine {
namespace {

constexpr double kSqrt3 = 1.7320508075688772935;

struct ShapeInfo {
  ArenaShape shape;
  const char* name;
  std::vector<const char*> params;
};
const std::vector<ShapeInfo>& shapeTable() {
  static const std::vector<ShapeInfo> table = {
      {ArenaShape::Square, "square", {"side"}},
      {ArenaShape::Rectangle, "rectangle", {"width", "height"}},
      {ArenaShape::Circle, "circle", {"radius"}},
      {ArenaShape::Triangle, "triangle", {"side"}},
      {ArenaShape::Hexagon, "hexagon", {"side"}},
  };
  return table;
}
const ShapeInfo& infoOf(ArenaShape s) {
  for (const auto& i : shapeTable())
    if (i.shape == s) return i;
  throw std::invalid_argument("arena.shape: unknown shape value");
}

std::string formatNumber(double v) {
  std::ostringstream o;
  o << v;
  return o.str();
}

void checkLength(const std::string& field, double v) {
  if (!std::isfinite(v) || v <= 0.0 || v > ArenaSpec::kMaxSize)
    throw std::invalid_argument(field + ": must be a finite length in (0, " +
                                formatNumber(ArenaSpec::kMaxSize) + "] m, got " + formatNumber(v));
}

double& paramRef(ArenaSpec& s, const std::string& name) {
  if (name == "side") return s.side;
  if (name == "width") return s.width;
  if (name == "height") return s.height;
  return s.radius;
}
double paramValue(const ArenaSpec& s, const std::string& name) {
  return paramRef(const_cast<ArenaSpec&>(s), name);
}

// Polygon vertices, counterclockwise.
std::vector<Eigen::Vector2d> verticesOf(const ArenaSpec& s) {
  std::vector<Eigen::Vector2d> v;
  auto regular = [&](int sides, double circumradius, double firstAngle) {
    for (int k = 0; k < sides; ++k) {
      const double a = firstAngle + kTwoPi * k / sides;
      v.emplace_back(circumradius * std::cos(a), circumradius * std::sin(a));
    }
  };
  switch (s.shape) {
    case ArenaShape::Square:
    case ArenaShape::Rectangle: {
      const double hw = 0.5 * (s.shape == ArenaShape::Square ? s.side : s.width);
      const double hh = 0.5 * (s.shape == ArenaShape::Square ? s.side : s.height);
      v = {{-hw, -hh}, {hw, -hh}, {hw, hh}, {-hw, hh}};
      break;
    }
    case ArenaShape::Circle:
      regular(Arena::kCirclePolygonSides, s.radius, 0.0);
      break;
    case ArenaShape::Triangle: {
      // Centroid at the origin: inradius s/(2√3) below, circumradius s/√3 above.
      const double ri = s.side / (2.0 * kSqrt3), hs = 0.5 * s.side;
      v = {{-hs, -ri}, {hs, -ri}, {0.0, s.side / kSqrt3}};
      break;
    }
    case ArenaShape::Hexagon:
      regular(6, s.side, 0.0);
      break;
  }
  return v;
}

}  // namespace

const char* arenaShapeName(ArenaShape shape) { return infoOf(shape).name; }

ArenaShape arenaShapeFromName(const std::string& name, const std::string& field) {
  std::string list;
  for (const auto& i : shapeTable()) {
    if (name == i.name) return i.shape;
    list += (list.empty() ? "" : ", ") + std::string(i.name);
  }
  throw std::invalid_argument(field + ": must be one of " + list + "; got \"" + name + "\"");
}

void ArenaSpec::validate(const std::string& prefix) const {
  for (const char* p : infoOf(shape).params) checkLength(prefix + "." + p, paramValue(*this, p));
}

nlohmann::json ArenaSpec::toJson() const {
  nlohmann::json j;
  j["shape"] = arenaShapeName(shape);
  for (const char* p : infoOf(shape).params) j[p] = paramValue(*this, p);
  return j;
}

ArenaSpec ArenaSpec::fromJson(const nlohmann::json& j, const std::string& prefix) {
  if (!j.is_object()) throw std::invalid_argument(prefix + ": expected an object");
  if (!j.contains("shape")) throw std::invalid_argument(prefix + ".shape: missing");
  if (!j.at("shape").is_string())
    throw std::invalid_argument(prefix + ".shape: expected a string, got " +
                                std::string(j.at("shape").type_name()));
  ArenaSpec s;
  s.shape = arenaShapeFromName(j.at("shape").get<std::string>(), prefix + ".shape");
  const ShapeInfo& info = infoOf(s.shape);
  std::string expected;
  for (const char* p : info.params) expected += (expected.empty() ? "" : ", ") + std::string(p);
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() == "shape") continue;
    if (std::find_if(info.params.begin(), info.params.end(),
                     [&](const char* p) { return it.key() == p; }) == info.params.end())
      throw std::invalid_argument(prefix + "." + it.key() + ": not a parameter of a " + info.name +
                                  " arena (expected: " + expected + ")");
  }
  for (const char* p : info.params) {
    const std::string field = prefix + "." + p;
    if (!j.contains(p))
      throw std::invalid_argument(field + ": missing (a " + std::string(info.name) +
                                  " arena needs " + expected + ", in metres)");
    if (!j.at(p).is_number())
      throw std::invalid_argument(field + ": expected a number, got " +
                                  std::string(j.at(p).type_name()));
    paramRef(s, p) = j.at(p).get<double>();
  }
  s.validate(prefix);
  return s;
}

bool ArenaSpec::operator==(const ArenaSpec& o) const {
  if (shape != o.shape) return false;
  for (const char* p : infoOf(shape).params)
    if (paramValue(*this, p) != paramValue(o, p)) return false;
  return true;
}

double WallSegment::distanceTo(const Eigen::Vector2d& p) const {
  const Eigen::Vector2d d = b - a;
  const double len2 = d.squaredNorm();
  const double t = len2 > 0 ? std::clamp((p - a).dot(d) / len2, 0.0, 1.0) : 0.0;
  return (a + t * d - p).norm();
}

Arena::Arena(const ArenaSpec& spec) : m_spec(spec) {
  m_spec.validate();
  const std::vector<Eigen::Vector2d> v = verticesOf(m_spec);
  const int k = static_cast<int>(v.size());
  m_box = {v[0].x(), v[0].x(), v[0].y(), v[0].y()};
  for (int i = 0; i < k; ++i) {
    WallSegment w{v[i], v[(i + 1) % k]};
    m_walls.push_back(w);
    const Eigen::Vector2d out = -w.inwardNormal();
    m_outwardNormals.push_back(out);
    m_offsets.push_back(out.dot(w.a));
    m_box.xMin = std::min(m_box.xMin, v[i].x());
    m_box.xMax = std::max(m_box.xMax, v[i].x());
    m_box.yMin = std::min(m_box.yMin, v[i].y());
    m_box.yMax = std::max(m_box.yMax, v[i].y());
  }
  if (m_spec.shape == ArenaShape::Circle) {
    const double r = m_spec.radius;
    m_box = {-r, r, -r, r};
  }
}

Arena Arena::square(double side) {
  ArenaSpec s;
  s.shape = ArenaShape::Square;
  s.side = side;
  return Arena(s);
}
Arena Arena::rectangle(double width, double height) {
  ArenaSpec s;
  s.shape = ArenaShape::Rectangle;
  s.width = width;
  s.height = height;
  return Arena(s);
}
Arena Arena::circle(double radius) {
  ArenaSpec s;
  s.shape = ArenaShape::Circle;
  s.radius = radius;
  return Arena(s);
}
Arena Arena::triangle(double side) {
  ArenaSpec s;
  s.shape = ArenaShape::Triangle;
  s.side = side;
  return Arena(s);
}
Arena Arena::hexagon(double side) {
  ArenaSpec s;
  s.shape = ArenaShape::Hexagon;
  s.side = side;
  return Arena(s);
}

Arena Arena::inscribedInBox(ArenaShape shape, double boxSide) {
  switch (shape) {
    case ArenaShape::Square:
      return square(boxSide);
    case ArenaShape::Rectangle:
      return rectangle(boxSide, 0.5 * boxSide);
    case ArenaShape::Circle:
      return circle(0.5 * boxSide);
    case ArenaShape::Triangle:
      return triangle(boxSide);
    case ArenaShape::Hexagon:
      return hexagon(0.5 * boxSide);
  }
  return square(boxSide);
}

std::string Arena::description() const {
  const ArenaSpec& s = m_spec;
  const std::string name = arenaShapeName(s.shape);
  if (s.shape == ArenaShape::Rectangle)
    return name + ", " + formatNumber(s.width) + " m × " + formatNumber(s.height) + " m";
  if (s.shape == ArenaShape::Circle) return name + ", radius " + formatNumber(s.radius) + " m";
  return name + ", side " + formatNumber(s.side) + " m";
}

bool Arena::contains(const Eigen::Vector2d& p) const {
  if (m_spec.shape == ArenaShape::Circle) return p.squaredNorm() <= m_spec.radius * m_spec.radius;
  for (size_t k = 0; k < m_offsets.size(); ++k)
    if (m_outwardNormals[k].dot(p) > m_offsets[k]) return false;
  return true;
}

WallQuery Arena::nearestWall(const Eigen::Vector2d& p) const {
  WallQuery q;
  if (m_spec.shape == ArenaShape::Circle) {
    const double r = m_spec.radius, len = p.norm();
    const Eigen::Vector2d radial = len > 0 ? Eigen::Vector2d(p / len) : Eigen::Vector2d(1, 0);
    const double polar = wrapTwoPi(std::atan2(radial.y(), radial.x()));
    q.wall = std::min(kCirclePolygonSides - 1, int(polar / kTwoPi * kCirclePolygonSides));
    q.distance = std::max(0.0, r - len);
    q.closest = r * radial;
    q.inwardNormal = -radial;
    q.outwardAngle = std::atan2(radial.y(), radial.x());
    return q;
  }
  // Convex polygon: for an interior point the nearest boundary point is the foot of the
  // perpendicular on the closest wall line, d_k = h_k − n_k·p.
  double best = std::numeric_limits<double>::infinity();
  for (size_t k = 0; k < m_offsets.size(); ++k) {
    const double d = m_offsets[k] - m_outwardNormals[k].dot(p);
    if (d < best) {
      best = d;
      q.wall = static_cast<int>(k);
    }
  }
  const Eigen::Vector2d& n = m_outwardNormals[q.wall];
  q.distance = std::max(0.0, best);
  q.closest = p + best * n;
  q.inwardNormal = -n;
  q.outwardAngle = std::atan2(n.y(), n.x());
  return q;
}

bool Arena::reflectInside(Eigen::Vector2d& p, int maxReflections,
                          Eigen::Vector2d* direction) const {
  for (int i = 0; i < maxReflections && !contains(p); ++i) {
    if (m_spec.shape == ArenaShape::Circle) {
      const double len = p.norm(), r = m_spec.radius;
      const Eigen::Vector2d n = p / len;
      p *= std::max(0.0, 2.0 * r - len) / len;  // mirror the overshoot radially
      if (direction) *direction -= 2.0 * direction->dot(n) * n;
      continue;
    }
    int worst = 0;
    double violation = -std::numeric_limits<double>::infinity();
    for (size_t k = 0; k < m_offsets.size(); ++k) {
      const double v = m_outwardNormals[k].dot(p) - m_offsets[k];
      if (v > violation) {
        violation = v;
        worst = static_cast<int>(k);
      }
    }
    const Eigen::Vector2d& n = m_outwardNormals[worst];
    p -= 2.0 * violation * n;  // mirror across the wall line
    if (direction) *direction -= 2.0 * direction->dot(n) * n;
  }
  return contains(p);
}

Box2 Arena::boundingSquare() const {
  const double side = std::max(m_box.width(), m_box.height());
  const double cx = 0.5 * (m_box.xMin + m_box.xMax), cy = 0.5 * (m_box.yMin + m_box.yMax);
  return {cx - 0.5 * side, cx + 0.5 * side, cy - 0.5 * side, cy + 0.5 * side};
}

double Arena::area() const {
  const ArenaSpec& s = m_spec;
  switch (s.shape) {
    case ArenaShape::Square:
      return s.side * s.side;
    case ArenaShape::Rectangle:
      return s.width * s.height;
    case ArenaShape::Circle:
      return kPi * s.radius * s.radius;
    case ArenaShape::Triangle:
      return 0.25 * kSqrt3 * s.side * s.side;
    case ArenaShape::Hexagon:
      return 1.5 * kSqrt3 * s.side * s.side;
  }
  return 0.0;
}

double Arena::perimeter() const {
  const ArenaSpec& s = m_spec;
  switch (s.shape) {
    case ArenaShape::Square:
      return 4.0 * s.side;
    case ArenaShape::Rectangle:
      return 2.0 * (s.width + s.height);
    case ArenaShape::Circle:
      return kTwoPi * s.radius;
    case ArenaShape::Triangle:
      return 3.0 * s.side;
    case ArenaShape::Hexagon:
      return 6.0 * s.side;
  }
  return 0.0;
}

double Arena::inradius() const {
  const ArenaSpec& s = m_spec;
  switch (s.shape) {
    case ArenaShape::Square:
      return 0.5 * s.side;
    case ArenaShape::Rectangle:
      return 0.5 * std::min(s.width, s.height);
    case ArenaShape::Circle:
      return s.radius;
    case ArenaShape::Triangle:
      return s.side / (2.0 * kSqrt3);
    case ArenaShape::Hexagon:
      return 0.5 * kSqrt3 * s.side;
  }
  return 0.0;
}

Eigen::Vector2d Arena::randomPoint(Rng& rng) const {
  for (;;) {
    const double x = rng.uniform(m_box.xMin, m_box.xMax);
    const double y = rng.uniform(m_box.yMin, m_box.yMax);
    const Eigen::Vector2d p(x, y);
    if (contains(p)) return p;
  }
}

}  // namespace emergence::engine
