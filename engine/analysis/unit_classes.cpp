// Unit classes (head-direction.md §6.5); rules and their order in unit_classes.h.
#include "engine/analysis/unit_classes.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/analysis/hd_tuning.h"

namespace emergence::engine {

std::string toString(UnitClass c) {
  switch (c) {
    case UnitClass::Dead: return "dead";
    case UnitClass::Compass: return "compass";
    case UnitClass::WeaklyTuned: return "weak";
    case UnitClass::ShifterCcw: return "shifter_ccw";
    case UnitClass::ShifterCw: return "shifter_cw";
  }
  return "?";
}

UnitClass unitClassFromString(const std::string& s) {
  if (s == "dead") return UnitClass::Dead;
  if (s == "compass") return UnitClass::Compass;
  if (s == "weak") return UnitClass::WeaklyTuned;
  if (s == "shifter_ccw") return UnitClass::ShifterCcw;
  if (s == "shifter_cw") return UnitClass::ShifterCw;
  throw std::invalid_argument("unknown unit class '" + s +
                              "' (expected dead, compass, weak, shifter_ccw or shifter_cw)");
}

UnitClass classifyUnit(double range, double strength, double slope,
                       const UnitClassThresholds& t) {
  // Negated comparisons so that NaN range or strength falls into Dead.
  if (!(range >= t.deadRange) || !(strength >= t.deadStrength)) return UnitClass::Dead;
  const double a = std::abs(slope);
  if (a <= t.compassMaxSlope && strength > t.compassMinStrength) return UnitClass::Compass;
  if (a <= t.weakMaxSlope && strength < t.weakMaxStrength) return UnitClass::WeaklyTuned;
  if (slope > 0) return UnitClass::ShifterCcw;
  if (slope < 0) return UnitClass::ShifterCw;
  return UnitClass::WeaklyTuned;  // slope 0 or NaN: no turning signal
}

std::vector<UnitClass> classifyUnits(const Eigen::VectorXd& range, const Eigen::VectorXd& strength,
                                     const Eigen::VectorXd& slope, const UnitClassThresholds& t) {
  if (range.size() != strength.size() || slope.size() != strength.size())
    throw std::invalid_argument("classifyUnits: range, strength and slope differ in length");
  std::vector<UnitClass> out(size_t(range.size()));
  for (Eigen::Index i = 0; i < range.size(); ++i)
    out[size_t(i)] = classifyUnit(range[i], strength[i], slope[i], t);
  return out;
}

std::vector<UnitClass> classifyUnits(const HdTuningResult& tuning, const UnitClassThresholds& t) {
  return classifyUnits(tuning.activityRange, tuning.strength, tuning.avSlope, t);
}

std::array<int, kNumUnitClasses> countUnitClasses(const std::vector<UnitClass>& classes) {
  std::array<int, kNumUnitClasses> n{};
  for (UnitClass c : classes) ++n[size_t(c)];
  return n;
}

std::vector<int> unitsOfClass(const std::vector<UnitClass>& classes, UnitClass c) {
  std::vector<int> out;
  for (size_t i = 0; i < classes.size(); ++i)
    if (classes[i] == c) out.push_back(int(i));
  return out;
}

double largestCircularGapDeg(std::vector<double> a) {
  std::erase_if(a, [](double v) { return std::isnan(v); });
  for (double& v : a) {
    v = std::fmod(v, 360.0);
    if (v < 0) v += 360.0;
  }
  if (a.size() < 2) return 360.0;
  std::sort(a.begin(), a.end());
  double gap = a.front() + 360.0 - a.back();  // wrap-around
  for (size_t k = 1; k < a.size(); ++k) gap = std::max(gap, a[k] - a[k - 1]);
  return gap;
}

double largestCircularGapDeg(const Eigen::VectorXd& preferredDeg,
                             const std::vector<UnitClass>& classes, UnitClass c) {
  std::vector<double> a;
  for (int i : unitsOfClass(classes, c))
    if (i < preferredDeg.size()) a.push_back(preferredDeg[i]);
  return largestCircularGapDeg(std::move(a));
}

}  // namespace emergence::engine
