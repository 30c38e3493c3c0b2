// Connectivity analyses (head-direction.md §6.7) on planted weight matrices with known structure.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "engine/analysis/connectivity.h"
#include "engine/core/angles.h"
#include "engine/core/random.h"

using namespace emergence::engine;

namespace {

// 72 Compass units at 5° spacing (0, 5, …, 355), 18 CCW and 18 CW Shifters at 20° spacing
// (preferences ≡ 3 mod 10) and 4 dead units, interleaved. W(j, i) (i → j):
//   Compass → Compass: cos Δ;  CCW → Compass: cos(Δ − 30°);  CW → Compass: cos(Δ + 30°); else 0.
struct Planted {
  Eigen::MatrixXd w;
  Eigen::VectorXd pref;
  std::vector<UnitClass> classes;
};
Planted plant() {
  Planted p;
  for (int k = 0; k < 72; ++k) {
    p.pref.conservativeResize(p.pref.size() + 1);
    p.pref[p.pref.size() - 1] = 5.0 * ((k * 29) % 72);  // scrambled order
    p.classes.push_back(UnitClass::Compass);
    if (k % 2 == 0) {
      p.pref.conservativeResize(p.pref.size() + 1);
      p.pref[p.pref.size() - 1] = 10.0 * ((k / 2 * 7) % 36) + 3.0;
      p.classes.push_back(k % 4 == 0 ? UnitClass::ShifterCcw : UnitClass::ShifterCw);
    }
    if (k % 18 == 0) {
      p.pref.conservativeResize(p.pref.size() + 1);
      p.pref[p.pref.size() - 1] = 1.0;
      p.classes.push_back(UnitClass::Dead);
    }
  }
  const int N = int(p.pref.size());
  p.w = Eigen::MatrixXd::Zero(N, N);
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) {
      if (i == j || p.classes[j] != UnitClass::Compass) continue;
      const double d = radians(p.pref[j] - p.pref[i]);
      if (p.classes[i] == UnitClass::Compass) p.w(j, i) = std::cos(d);
      if (p.classes[i] == UnitClass::ShifterCcw) p.w(j, i) = std::cos(d - radians(30.0));
      if (p.classes[i] == UnitClass::ShifterCw) p.w(j, i) = std::cos(d + radians(30.0));
    }
  return p;
}

}  // namespace

TEST(Connectivity, PlantedCosineGivesCosineProfile) {
  const Planted p = plant();
  const auto profiles = groupPairProfiles(p.w, p.pref, p.classes);
  ASSERT_EQ(profiles.size(), 9u);
  const ConnectivityProfile& cc = profiles[0];
  EXPECT_EQ(cc.pre, UnitClass::Compass);
  EXPECT_EQ(cc.post, UnitClass::Compass);
  ASSERT_EQ(cc.deltaDeg.size(), 360);
  EXPECT_DOUBLE_EQ(cc.deltaDeg[0], -180.0);
  EXPECT_DOUBLE_EQ(cc.deltaDeg[359], 179.0);
  // Compass prefs are multiples of 5°, so each 5° window holds exactly one Δ = 5·round(c/5).
  for (int k = 0; k < 360; ++k) {
    const double c = cc.deltaDeg[k];
    const double d = 5.0 * std::round(c / 5.0);
    if (d == 0.0) {  // only self-pairs have Δ = 0, and they are excluded
      EXPECT_EQ(cc.count[k], 0) << c;
      EXPECT_TRUE(std::isnan(cc.mean[k])) << c;
      continue;
    }
    EXPECT_EQ(cc.count[k], 72) << c;
    EXPECT_NEAR(cc.mean[k], std::cos(radians(d)), 1e-12) << c;
    EXPECT_NEAR(cc.sd[k], 0.0, 1e-7) << c;
  }
  // CCW → Compass (index 3) peaks at Δ ≈ +30°, CW → Compass (index 6) at −30°; to Shifters: 0.
  EXPECT_EQ(profiles[3].pre, UnitClass::ShifterCcw);
  EXPECT_EQ(profiles[6].pre, UnitClass::ShifterCw);
  Eigen::Index kCcw = 0, kCw = 0;
  profiles[3].mean.maxCoeff(&kCcw);
  profiles[6].mean.maxCoeff(&kCw);
  EXPECT_NEAR(profiles[3].deltaDeg[kCcw], 30.0, 3.0);
  EXPECT_NEAR(profiles[6].deltaDeg[kCw], -30.0, 3.0);
  EXPECT_GT(profiles[3].mean[180 + 30], 0.99);
  EXPECT_LT(profiles[3].mean[180 - 150], -0.99);
  for (int k = 0; k < 360; ++k)  // CCW → CCW: zero weights wherever a window has pairs
    if (profiles[4].count[k] > 0) {
      EXPECT_DOUBLE_EQ(profiles[4].mean[k], 0.0);
    }
  EXPECT_GT(profiles[4].count.sum(), 0);
}

TEST(Connectivity, LocalExcitationOnPlantedCosine) {
  const Planted p = plant();
  const LocalExcitation e = compassLocalExcitation(p.w, p.pref, p.classes);
  // Each Compass unit has 10 partners at |Δ| ∈ {5, …, 25} and 35 at |Δ| ∈ {95, …, 180}.
  EXPECT_EQ(e.nearCount, 72 * 10);
  EXPECT_EQ(e.farCount, 72 * 35);
  double near = 0, far = std::cos(kPi);
  for (int k = 1; k <= 5; ++k) near += std::cos(radians(5.0 * k));
  for (int k = 19; k <= 35; ++k) far += 2 * std::cos(radians(5.0 * k));
  EXPECT_NEAR(e.nearMean, near / 5, 1e-12);
  EXPECT_NEAR(e.farMean, far / 35, 1e-12);
  EXPECT_TRUE(e.holds());
  const LocalExcitation flipped = compassLocalExcitation(-p.w, p.pref, p.classes);
  EXPECT_FALSE(flipped.holds());
}

TEST(Connectivity, NoisyCosineProfileWithRandomPreferences) {
  const std::uint64_t seed = 4242;
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  Rng rng(seed);
  const int N = 150;
  Eigen::VectorXd pref(N);
  for (int i = 0; i < N; ++i) pref[i] = 360.0 * rng.uniform();
  Eigen::MatrixXd w(N, N);
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) w(j, i) = std::cos(radians(pref[j] - pref[i])) + 0.1 * rng.normal();
  std::vector<int> all(N);
  for (int i = 0; i < N; ++i) all[i] = i;
  const ConnectivityProfile none = connectivityProfile(w, pref, all, {}, 5.0, 1.0);
  EXPECT_EQ(none.count.sum(), 0);  // no post units, no pairs
  const ConnectivityProfile full = connectivityProfile(w, pref, all, all);
  // Every ordered pair lands in 5 windows (1° steps, 5° width).
  EXPECT_EQ(full.count.sum(), 5 * N * (N - 1));
  double maxErr = 0;
  for (int k = 0; k < 360; ++k)
    maxErr = std::max(maxErr, std::abs(full.mean[k] - std::cos(radians(full.deltaDeg[k]))));
  EXPECT_LT(maxErr, 0.03);
  // At Δ = 90° the SD is the noise (0.1) plus the spread of cos over the 5° window (≈ 0.025).
  EXPECT_NEAR(full.sd[180 + 90], std::sqrt(0.01 + 0.025 * 0.025), 0.02);
}

TEST(Connectivity, OrderingsAndPermutation) {
  Eigen::VectorXd pref(7);
  pref << 200, 10, 90, 300, 45, 120, 5;
  const std::vector<UnitClass> c = {UnitClass::Compass,    UnitClass::ShifterCw,
                                    UnitClass::Dead,       UnitClass::Compass,
                                    UnitClass::ShifterCcw, UnitClass::WeaklyTuned,
                                    UnitClass::ShifterCcw};
  EXPECT_EQ(orderByPreferredHd(pref, c), (std::vector<int>{6, 1, 4, 5, 0, 3}));
  const GroupedOrder g = groupedOrder(pref, c);
  EXPECT_EQ(g.order, (std::vector<int>{0, 3, 6, 4, 1}));
  EXPECT_EQ(g.groupStart, (std::vector<int>{0, 2, 4, 5}));
  const GroupedOrder gw = groupedOrder(pref, c, true);
  EXPECT_EQ(gw.order, (std::vector<int>{0, 3, 6, 4, 1, 5}));
  EXPECT_EQ(gw.groupStart.back(), 6);
  Eigen::MatrixXd w(7, 7);
  for (int i = 0; i < 7; ++i)
    for (int j = 0; j < 7; ++j) w(i, j) = 10 * i + j;
  const Eigen::MatrixXd p = permuteMatrix(w, g.order);
  ASSERT_EQ(p.rows(), 5);
  EXPECT_DOUBLE_EQ(p(0, 1), 3.0);   // W(0, 3)
  EXPECT_DOUBLE_EQ(p(2, 4), 61.0);  // W(6, 1)
  EXPECT_DOUBLE_EQ(p(4, 2), 16.0);  // W(1, 6)
}

TEST(Connectivity, EffectiveWeightsApplyMask) {
  CtrnnConfig cfg;
  cfg.numUnits = 3;
  Ctrnn<float> net(cfg);
  net.params.W_rec.setConstant(2.0f);
  net.masks.rec(0, 1) = 0.0f;
  const Eigen::MatrixXd w = effectiveRecurrentWeights(net);
  EXPECT_DOUBLE_EQ(w(0, 0), 0.0);  // self-connection masked by default
  EXPECT_DOUBLE_EQ(w(0, 1), 0.0);
  EXPECT_DOUBLE_EQ(w(1, 0), 2.0);
}
