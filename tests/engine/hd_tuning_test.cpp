// HD / AV tuning (head-direction.md §6.2–6.4, §6.6) on planted ground truth: synthetic units whose
// rate is a known function of heading θ and angular velocity ω.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "engine/analysis/hd_tuning.h"
#include "engine/core/angles.h"
#include "engine/core/random.h"

using namespace emergence::engine;

namespace {

// Random-walk test set: S samples of θ (covering the circle many times) and AR(1) ω like the task.
struct Walk {
  Eigen::VectorXd heading, omega;
};
Walk makeWalk(int S, std::uint64_t seed) {
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  Rng rng(seed);
  Walk w;
  w.heading.resize(S);
  w.omega.resize(S);
  double theta = kTwoPi * rng.uniform(), om = 0.0;
  for (int s = 0; s < S; ++s) {
    om = 0.03 * rng.normal() + 0.8 * om;
    if (s % 50 == 0) om = 0.0;  // some still samples, as in the test set
    theta = wrapTwoPi(theta + om);
    w.heading[s] = theta;
    w.omega[s] = om;
  }
  return w;
}

double vonMises(double theta, double prefRad, double kappa) {
  return std::exp(kappa * (std::cos(theta - prefRad) - 1.0));  // peak 1, trough e^{−2κ}
}

}  // namespace

TEST(HdTuning, VonMisesUnitGivesPlantedPreferredDirectionAndStrength) {
  const int S = 400000;
  const Walk w = makeWalk(S, 7);
  const double prefs[3] = {37.0, 200.3, 359.6};
  Eigen::MatrixXf R(3, S);
  for (int s = 0; s < S; ++s)
    for (int i = 0; i < 3; ++i)
      R(i, s) = float(0.2 + 0.6 * vonMises(w.heading[s], radians(prefs[i]), 2.0));
  const HdTuningResult t = computeHdTuning(R, w.heading, w.heading, w.omega);
  ASSERT_EQ(t.curve.rows(), 3);
  ASSERT_EQ(t.curve.cols(), 360);
  const double expectedStrength = 0.6 * (1.0 - std::exp(-4.0));
  for (int i = 0; i < 3; ++i) {
    EXPECT_LE(std::abs(wrapDegrees180(t.preferredDeg[i] - prefs[i])), 1.0) << i;
    EXPECT_NEAR(t.strength[i], expectedStrength, 0.01) << i;
    EXPECT_LE(std::abs(wrapDegrees180(t.preferredDecodedDeg[i] - prefs[i])), 1.0) << i;
    // Symmetric tuning: no CW/CCW offset.
    EXPECT_LE(std::abs(t.offsetDeg[i]), 2.0) << i;
    EXPECT_NEAR(t.activityRange[i], 0.6 * (1.0 - std::exp(-4.0)), 0.01) << i;
  }
  // Preferred HDs are bin centres: k + 0.5 degrees.
  EXPECT_DOUBLE_EQ(t.preferredDeg[0] - std::floor(t.preferredDeg[0]), 0.5);
}

TEST(HdTuning, CosineUnitWithCoarseBinsAndDecodedHeading) {
  const int S = 200000;
  const Walk w = makeWalk(S, 11);
  // Decoded heading offset by +20° from the truth: the decoded-heading curve shifts by +20°.
  Eigen::VectorXd decoded(S);
  for (int s = 0; s < S; ++s) decoded[s] = wrapTwoPi(w.heading[s] + radians(20.0));
  Eigen::MatrixXd R(1, S);
  for (int s = 0; s < S; ++s) R(0, s) = 0.5 + 0.4 * std::cos(w.heading[s] - radians(100.0));
  HdTuningConfig c;
  c.hdBins = 36;  // 10° bins
  const HdTuningResult t = computeHdTuning(R, w.heading, decoded, w.omega, c);
  EXPECT_EQ(t.curve.cols(), 36);
  EXPECT_LE(std::abs(wrapDegrees180(t.preferredDeg[0] - 100.0)), 10.0);
  EXPECT_LE(std::abs(wrapDegrees180(t.preferredDecodedDeg[0] - 120.0)), 10.0);
  // Averaging a cosine over a 10° bin shrinks it by sinc(5°) ≈ 0.9987; extremes at bin centres.
  EXPECT_NEAR(t.strength[0], 0.8, 0.02);
  EXPECT_NEAR(t.strengthDecoded[0], 0.8, 0.02);
}

TEST(HdTuning, CwCcwShiftedTuningGivesPlantedOffset) {
  const int S = 400000;
  const Walk w = makeWalk(S, 21);
  const double pref = 150.0, shift = 12.0;  // CCW curve peaks at pref + 6°, CW at pref − 6°
  Eigen::MatrixXf R(1, S);
  for (int s = 0; s < S; ++s) {
    const double p = w.omega[s] > 0 ? pref + shift / 2 : (w.omega[s] < 0 ? pref - shift / 2 : pref);
    R(0, s) = float(vonMises(w.heading[s], radians(p), 4.0));
  }
  const HdTuningResult t = computeHdTuning(R, w.heading, w.heading, w.omega);
  EXPECT_NEAR(t.preferredCcwDeg[0], pref + shift / 2, 1.0);
  EXPECT_NEAR(t.preferredCwDeg[0], pref - shift / 2, 1.0);
  EXPECT_NEAR(t.offsetDeg[0], shift, 2.0);
}

TEST(HdTuning, OffsetWrapsIntoHalfOpenInterval) {
  // Planted CCW preference 350°, CW 10°: the offset is −20°, not 340°.
  const int S = 300000;
  const Walk w = makeWalk(S, 5);
  Eigen::MatrixXf R(1, S);
  for (int s = 0; s < S; ++s) {
    const double p = w.omega[s] >= 0 ? 350.0 : 10.0;
    R(0, s) = float(vonMises(w.heading[s], radians(p), 4.0));
  }
  const HdTuningResult t = computeHdTuning(R, w.heading, w.heading, w.omega);
  EXPECT_NEAR(t.offsetDeg[0], -20.0, 2.0);
}

TEST(HdTuning, LinearAvTuningAtPreferredDirectionGivesPlantedSlope) {
  const int S = 2000000;
  const Walk w = makeWalk(S, 3);
  const double pref = 80.0;
  const double a = 0.5, b = 2.0;  // r = a + b·ω (ω in rad/step) near the preferred direction
  Eigen::MatrixXf R(2, S);
  for (int s = 0; s < S; ++s) {
    // Sharp HD tuning (κ = 20) so that the preferred bin is not moved by the uneven ω sampling of
    // the heading bins; within the ±1.5° window the bump stays above 0.98.
    const double bump = vonMises(w.heading[s], radians(pref), 20.0);
    R(0, s) = float(bump * (a + b * w.omega[s]));
    // Unit 1: rectified, r = max(0, b·ω): silent for ω < 0, so the ≥ 0.05 rule keeps ω > 0 only.
    R(1, s) = float(bump * std::max(0.0, 1.5 * b * w.omega[s] + 0.05));
  }
  const HdTuningResult t = computeHdTuning(R, w.heading, w.heading, w.omega);
  const double expected = b * kPi / 180.0;  // rate per (degree per step)
  EXPECT_LE(std::abs(t.preferredDeg[0] - pref), 1.0);
  EXPECT_LE(std::abs(t.preferredDeg[1] - pref), 1.0);
  // The bump is ≈ 1 within ±1.5° of the peak, so the fitted line has the planted slope.
  EXPECT_NEAR(t.avSlope[0], expected, 0.02 * expected);
  EXPECT_NEAR(t.avIntercept[0], a, 0.01);
  // The bin that contains ω = 0 never enters the fit.
  const int zeroBin = t.av.binOf(0.0);
  EXPECT_EQ(t.avUsed(0, zeroBin), 0);
  EXPECT_GT(t.avSamples[0], 1000);
  // AV range: ±3 SD of the non-zero ω values (SD ≈ 0.05 rad/step).
  EXPECT_NEAR(t.av.sdNonZero, 0.05, 0.005);
  EXPECT_NEAR(t.av.hi, 3 * t.av.sdNonZero, 1e-12);
  // Rectified unit: slope of the active half.
  EXPECT_NEAR(t.avSlope[1], 1.5 * expected, 0.02 * 1.5 * expected);
  for (int k = 0; k < t.av.bins; ++k)
    if (t.avUsed(1, k)) {
      EXPECT_GE(t.avCurve(1, k), 0.05);
    }
}

TEST(HdTuning, FitAvLineAppliesQuarterRule) {
  // 8 bins, zero bin 4; values ≥ 0.05 in 3 of the 7 remaining bins (> ¼): the low ones go.
  Eigen::VectorXd x(8), y(8);
  x << -4, -3, -2, -1, 0, 1, 2, 3;
  y << 0, 0, 0, 0, 9, 0.1, 0.2, 0.3;
  AvLineFit f = fitAvTuningLine(x, y, 4, 0.05, 0.25);
  EXPECT_EQ(f.binsUsed, 3);
  EXPECT_NEAR(f.slope, 0.1, 1e-12);
  EXPECT_NEAR(f.intercept, 0.0, 1e-12);
  // Only 1 of 7 active (≤ ¼): everything but the zero bin is fitted.
  y << 0, 0, 0, 0, 9, 0, 0, 0.3;
  f = fitAvTuningLine(x, y, 4, 0.05, 0.25);
  EXPECT_EQ(f.binsUsed, 7);
  // NaN bins are skipped.
  y << NAN, 1, 2, 3, 9, NAN, NAN, NAN;
  f = fitAvTuningLine(x, y, 4, 0.05, 0.25);
  EXPECT_EQ(f.binsUsed, 3);
  EXPECT_NEAR(f.slope, 1.0, 1e-12);
}

TEST(HdTuning, EmptyBinsAreNaNAndSkipped) {
  // Samples only in [0°, 90°): the other bins are NaN; argmax and range skip them.
  const int S = 9000;
  Eigen::VectorXd heading(S), omega = Eigen::VectorXd::Constant(S, 0.01);
  Eigen::MatrixXd R(1, S);
  for (int s = 0; s < S; ++s) {
    heading[s] = radians(90.0 * (s + 0.5) / S);
    R(0, s) = std::sin(heading[s] * 2.0);  // peak at 45°, 0 at 0° and 90°
  }
  const HdTuningResult t = computeHdTuning(R, heading, heading, omega);
  EXPECT_TRUE(std::isnan(t.curve(0, 200)));
  EXPECT_FALSE(std::isnan(t.curve(0, 10)));
  EXPECT_TRUE(std::abs(t.preferredDeg[0] - 44.5) <= 1.0);
  EXPECT_NEAR(t.strength[0], 1.0 - std::sin(radians(1.0)), 0.02);
  EXPECT_EQ(nanArgMax(Eigen::VectorXd::Constant(4, NAN)), -1);
  EXPECT_TRUE(std::isnan(nanRange(Eigen::VectorXd::Constant(4, NAN))));
  // No ω < 0 samples: the CW curve is all NaN, so its preferred HD is NaN.
  EXPECT_TRUE(std::isnan(t.preferredCwDeg[0]));
}

TEST(HdTuning, JointMapsAndRowNormalisation) {
  const int S = 600000;
  const Walk w = makeWalk(S, 9);
  Eigen::MatrixXf R(2, S);
  for (int s = 0; s < S; ++s) {
    R(0, s) = float(vonMises(w.heading[s], radians(45.0), 3.0) * (1.0 + 5.0 * w.omega[s]));
    R(1, s) = 0.3f;  // constant: every row range is 0, rows stay unnormalised
  }
  const HdAvMaps all = computeHdAvMaps(R, w.heading, w.omega);
  ASSERT_EQ(all.mean.size(), 2u);
  EXPECT_EQ(all.mean[0].rows(), 100);
  EXPECT_EQ(all.mean[0].cols(), 360);
  const HdAvMaps one = computeHdAvMaps(R, w.heading, w.omega, {0});
  ASSERT_EQ(one.mean.size(), 1u);
  EXPECT_EQ(one.units[0], 0);
  // Same counts and values for a subset.
  EXPECT_TRUE(one.counts.isApprox(all.counts));
  EXPECT_EQ(one.counts.sum(), all.counts.sum());
  // A well-sampled middle row (ω ≈ +0.2 SD): peak near 45°, normalised to [0, 1].
  const int row = 53;
  Eigen::VectorXd m = one.mean[0].row(row).transpose();
  EXPECT_NEAR(hdBinCentreDeg(nanArgMax(m), 360), 45.0, 6.0);
  Eigen::VectorXd n = one.rowNormalised[0].row(row).transpose();
  EXPECT_NEAR(n[nanArgMax(n)], 1.0, 1e-12);
  EXPECT_NEAR(nanRange(n), 1.0, 1e-12);
  // The constant unit's rows are copied unchanged.
  Eigen::VectorXd cst = all.rowNormalised[1].row(row).transpose();
  EXPECT_NEAR(cst[nanArgMax(cst)], 0.3, 1e-6);
}

TEST(HdTuning, NormaliseRowsRespectsThreshold) {
  Eigen::MatrixXd m(3, 3);
  m << 1, 2, 3, 5, 5 + 5e-5, 5, NAN, 0, 4;
  const Eigen::MatrixXd n = normaliseRows(m);
  EXPECT_DOUBLE_EQ(n(0, 0), 0.0);
  EXPECT_DOUBLE_EQ(n(0, 1), 0.5);
  EXPECT_DOUBLE_EQ(n(0, 2), 1.0);
  EXPECT_DOUBLE_EQ(n(1, 1), 5 + 5e-5);  // range 5e−5 ≤ 1e−4: unchanged
  EXPECT_TRUE(std::isnan(n(2, 0)));
  EXPECT_DOUBLE_EQ(n(2, 2), 1.0);
}

TEST(HdTuning, BinningHelpers) {
  EXPECT_EQ(hdBinOf(0.0, 360), 0);
  EXPECT_EQ(hdBinOf(radians(359.99), 360), 359);
  EXPECT_EQ(hdBinOf(-radians(0.5), 360), 359);
  EXPECT_EQ(hdBinOf(kTwoPi, 360), 0);
  EXPECT_DOUBLE_EQ(hdBinCentreDeg(0, 360), 0.5);
  Eigen::VectorXd om(4);
  om << 0.0, 1.0, -1.0, 0.0;  // non-zero values ±1: SD 1
  const AvBinning b = makeAvBinning(om, 100, 3.0);
  EXPECT_DOUBLE_EQ(b.sdNonZero, 1.0);
  EXPECT_DOUBLE_EQ(b.lo, -3.0);
  EXPECT_EQ(b.binOf(0.0), 50);
  EXPECT_EQ(b.binOf(3.0), 99);
  EXPECT_EQ(b.binOf(-3.0), 0);
  EXPECT_EQ(b.binOf(3.1), -1);
}

TEST(HdTuning, GatherSamplesFromTraceLayout) {
  // Two trials, four steps; r block t holds a marker 100·t + b, y decodes to a known angle.
  HeadDirectionTrials trials;
  const int T = 4, B = 2;
  trials.heading.resize(T, B);
  trials.omega.resize(T, B);
  CtrnnTrace<float> tr;
  tr.steps = T;
  tr.trials = B;
  tr.r.resize(1, (T + 1) * B);
  tr.y.resize(2, T * B);
  for (int t = 0; t <= T; ++t)
    for (int b = 0; b < B; ++b) tr.r(0, t * B + b) = float(100 * t + b);
  for (int t = 0; t < T; ++t)
    for (int b = 0; b < B; ++b) {
      trials.heading(t, b) = 0.1 * (t + 1) + b;
      trials.omega(t, b) = 0.01 * (t + 1);
      tr.y(0, t * B + b) = float(std::sin(0.1 * (t + 1) + b));
      tr.y(1, t * B + b) = float(std::cos(0.1 * (t + 1) + b));
    }
  const HdSamples<float> s = gatherHdSamples(tr, trials, 3);  // steps 3 and 4
  ASSERT_EQ(s.rates.cols(), 4);
  EXPECT_FLOAT_EQ(s.rates(0, 0), 300.0f);
  EXPECT_FLOAT_EQ(s.rates(0, 1), 301.0f);
  EXPECT_FLOAT_EQ(s.rates(0, 3), 401.0f);
  EXPECT_DOUBLE_EQ(s.heading[3], 0.4 + 1);
  EXPECT_DOUBLE_EQ(s.omega[0], 0.03);
  EXPECT_NEAR(s.decoded[3], 1.4, 1e-6);
}
