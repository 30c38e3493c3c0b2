#pragma once
// Angle helpers shared by tasks and analyses. Radians unless a name says degrees.
#include <cmath>

namespace emergence::engine {

inline constexpr double kPi = 3.14159265358979323846;
inline constexpr double kTwoPi = 2.0 * kPi;

// Wrap into [0, 2π).
inline double wrapTwoPi(double a) {
  double w = std::fmod(a, kTwoPi);
  if (w < 0) w += kTwoPi;
  return w;
}
// Wrap degrees into (−180, 180].
inline double wrapDegrees180(double deg) {
  double w = std::fmod(deg + 180.0, 360.0);
  if (w <= 0) w += 360.0;
  return w - 180.0;
}
inline double degrees(double rad) { return rad * 180.0 / kPi; }
inline double radians(double deg) { return deg * kPi / 180.0; }

}  // namespace emergence::engine
