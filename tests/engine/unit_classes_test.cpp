// Unit classes (head-direction.md §6.5) on planted (range, strength, slope) triples, and the
// circular-gap measure of §12.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "engine/analysis/hd_tuning.h"
#include "engine/analysis/unit_classes.h"

using namespace emergence::engine;

TEST(UnitClass, DefaultThresholdsAreThoseOfTheSpec) {
  const UnitClassThresholds t;
  EXPECT_DOUBLE_EQ(t.deadRange, 0.01);
  EXPECT_DOUBLE_EQ(t.deadStrength, 0.03);
  EXPECT_DOUBLE_EQ(t.compassMaxSlope, 0.0175);
  EXPECT_DOUBLE_EQ(t.compassMinStrength, 0.735);
  EXPECT_DOUBLE_EQ(t.weakMaxSlope, 0.0065);
  EXPECT_DOUBLE_EQ(t.weakMaxStrength, 0.05);
}

TEST(UnitClass, PlantedUnitsFallIntoEachClass) {
  // range, strength, slope
  Eigen::VectorXd range(9), strength(9), slope(9);
  range << 0.005, 0.5, 0.9, 0.9, 0.9, 0.6, 0.6, 0.2, 0.9;
  strength << 0.5, 0.02, 0.8, 0.04, 0.04, 0.5, 0.5, 0.8, 0.8;
  slope << 0.0, 0.0, 0.01, 0.001, 0.01, 0.02, -0.03, 0.0175, 0.0176;
  const std::vector<UnitClass> c = classifyUnits(range, strength, slope);
  const std::vector<UnitClass> expected = {
      UnitClass::Dead,         // range below 0.01
      UnitClass::Dead,         // strength below 0.03
      UnitClass::Compass,      // |slope| ≤ 0.0175, strength > 0.735
      UnitClass::WeaklyTuned,  // |slope| ≤ 0.0065, strength < 0.05
      UnitClass::ShifterCcw,   // weak strength but slope too large for "weak"
      UnitClass::ShifterCcw,   // positive slope
      UnitClass::ShifterCw,    // negative slope
      UnitClass::Compass,      // slope exactly at the compass bound
      UnitClass::ShifterCcw,   // just above it
  };
  ASSERT_EQ(c.size(), expected.size());
  for (size_t i = 0; i < c.size(); ++i) EXPECT_EQ(c[i], expected[i]) << "unit " << i;
  const auto n = countUnitClasses(c);
  EXPECT_EQ(n[int(UnitClass::Dead)], 2);
  EXPECT_EQ(n[int(UnitClass::Compass)], 2);
  EXPECT_EQ(n[int(UnitClass::WeaklyTuned)], 1);
  EXPECT_EQ(n[int(UnitClass::ShifterCcw)], 3);
  EXPECT_EQ(n[int(UnitClass::ShifterCw)], 1);
  EXPECT_EQ(unitsOfClass(c, UnitClass::Compass), (std::vector<int>{2, 7}));
}

TEST(UnitClass, RulesApplyInOrderAndThresholdsAreEditable) {
  // A dead-range unit with a compass-like profile stays dead: the dead rule comes first.
  EXPECT_EQ(classifyUnit(0.001, 0.9, 0.0), UnitClass::Dead);
  // Editing the compass bound moves a unit from Shifter to Compass.
  UnitClassThresholds t;
  EXPECT_EQ(classifyUnit(0.9, 0.8, -0.02, t), UnitClass::ShifterCw);
  t.compassMaxSlope = 0.025;
  EXPECT_EQ(classifyUnit(0.9, 0.8, -0.02, t), UnitClass::Compass);
  // NaN range or strength counts as dead; a live unit with no AV fit is weakly tuned.
  EXPECT_EQ(classifyUnit(NAN, 0.9, 0.0), UnitClass::Dead);
  EXPECT_EQ(classifyUnit(0.5, NAN, 0.0), UnitClass::Dead);
  EXPECT_EQ(classifyUnit(0.5, 0.5, NAN), UnitClass::WeaklyTuned);
  EXPECT_EQ(classifyUnit(0.5, 0.5, 0.0), UnitClass::WeaklyTuned);
}

TEST(UnitClass, ClassifiesFromTuningResult) {
  HdTuningResult r;
  r.activityRange = Eigen::VectorXd::Constant(2, 0.5);
  r.strength = Eigen::VectorXd::Constant(2, 0.9);
  r.avSlope.resize(2);
  r.avSlope << 0.0, -0.05;
  const auto c = classifyUnits(r);
  EXPECT_EQ(c[0], UnitClass::Compass);
  EXPECT_EQ(c[1], UnitClass::ShifterCw);
}

TEST(UnitClass, NamesRoundTrip) {
  for (UnitClass c : {UnitClass::Dead, UnitClass::Compass, UnitClass::WeaklyTuned,
                      UnitClass::ShifterCcw, UnitClass::ShifterCw})
    EXPECT_EQ(unitClassFromString(toString(c)), c);
  EXPECT_EQ(toString(UnitClass::ShifterCcw), "shifter_ccw");
  EXPECT_EQ(toString(UnitClass::WeaklyTuned), "weak");
  EXPECT_THROW(unitClassFromString("shifter"), std::invalid_argument);
}

TEST(UnitClass, LargestCircularGapIncludesWrapAround) {
  EXPECT_DOUBLE_EQ(largestCircularGapDeg({10, 100, 190, 280}), 90.0);
  EXPECT_DOUBLE_EQ(largestCircularGapDeg({350, 10, 30}), 320.0);  // 30 → 350
  EXPECT_DOUBLE_EQ(largestCircularGapDeg({20, 200, 300}), 180.0);
  EXPECT_DOUBLE_EQ(largestCircularGapDeg({300, 20}), 280.0);
  EXPECT_DOUBLE_EQ(largestCircularGapDeg({5, 355}), 350.0);
  EXPECT_DOUBLE_EQ(largestCircularGapDeg({-10, 10}), 340.0);  // −10 ≡ 350
  EXPECT_DOUBLE_EQ(largestCircularGapDeg({42}), 360.0);
  EXPECT_DOUBLE_EQ(largestCircularGapDeg({}), 360.0);
  // 16 evenly spaced preferences: 22.5°.
  std::vector<double> even;
  for (int k = 0; k < 16; ++k) even.push_back(7.0 + 22.5 * k);
  EXPECT_NEAR(largestCircularGapDeg(even), 22.5, 1e-12);
  // Per class.
  Eigen::VectorXd pref(4);
  pref << 0, 90, 180, 45;
  const std::vector<UnitClass> c = {UnitClass::Compass, UnitClass::Compass, UnitClass::Compass,
                                    UnitClass::ShifterCw};
  EXPECT_DOUBLE_EQ(largestCircularGapDeg(pref, c, UnitClass::Compass), 180.0);
}
