#pragma once
// Unit classes of the head-direction RNN (head-direction.md §6.5). The bounds are model-specific
// (the author says so): they are editable and every result should record the values used.
// Rules, applied in this order (slope = AV slope at the preferred HD, rate per (degree per step);
// strength = HD tuning max − min; range = max − min of r over the samples after the cue):
//   Dead         range < deadRange  or  strength < deadStrength
//   Compass      |slope| ≤ compassMaxSlope  and  strength > compassMinStrength
//   WeaklyTuned  |slope| ≤ weakMaxSlope     and  strength < weakMaxStrength
//   ShifterCcw   slope > 0 ("shiftpos")
//   ShifterCw    slope < 0 ("shiftneg")
// A unit matching none of these (slope exactly 0 or NaN, e.g. no AV samples) is WeaklyTuned: it
// is alive but carries no usable turning signal. NaN range/strength count as dead.
#include <Eigen/Core>
#include <array>
#include <string>
#include <vector>

namespace emergence::engine {

struct HdTuningResult;

enum class UnitClass { Dead, Compass, WeaklyTuned, ShifterCcw, ShifterCw };
inline constexpr int kNumUnitClasses = 5;

// "dead", "compass", "weak", "shifter_ccw", "shifter_cw".
std::string toString(UnitClass c);
// Inverse of toString; throws std::invalid_argument naming the accepted values.
UnitClass unitClassFromString(const std::string& s);

struct UnitClassThresholds {
  double deadRange = 0.01;
  double deadStrength = 0.03;
  double compassMaxSlope = 0.0175;
  double compassMinStrength = 0.735;
  double weakMaxSlope = 0.0065;
  double weakMaxStrength = 0.05;
};

// One unit. range, strength: rate units; slope: rate per (degree per step).
UnitClass classifyUnit(double range, double strength, double slope,
                       const UnitClassThresholds& t = {});
// All units; the three vectors have N entries.
std::vector<UnitClass> classifyUnits(const Eigen::VectorXd& activityRange,
                                     const Eigen::VectorXd& hdStrength,
                                     const Eigen::VectorXd& avSlope,
                                     const UnitClassThresholds& t = {});
// From a tuning result (its activityRange, strength and avSlope).
std::vector<UnitClass> classifyUnits(const HdTuningResult& tuning,
                                     const UnitClassThresholds& t = {});

// Counts indexed by int(UnitClass).
std::array<int, kNumUnitClasses> countUnitClasses(const std::vector<UnitClass>& classes);
// Indices of the units of class c, ascending.
std::vector<int> unitsOfClass(const std::vector<UnitClass>& classes, UnitClass c);

// Largest circular gap (degrees) between neighbouring values after sorting, wrap-around included
// (last → first + 360). Values are wrapped into [0, 360) first; NaN values are ignored.
// Fewer than one value: 360; one value: 360.
double largestCircularGapDeg(std::vector<double> anglesDeg);
// Same for the preferred HDs (degrees) of the units of class c.
double largestCircularGapDeg(const Eigen::VectorXd& preferredDeg,
                             const std::vector<UnitClass>& classes, UnitClass c);

}  // namespace emergence::engine
