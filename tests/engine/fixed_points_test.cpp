// Slow-point search (head-direction.md §8) on tiny CTRNNs with planted fixed points, checked
// against the model's own forward pass and finite differences; ring check on planted rings and on a
// hand-built ring-attractor network.
#include <gtest/gtest.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdio>

#include "engine/analysis/fixed_points.h"
#include "engine/core/angles.h"
#include "engine/core/random.h"
#include "engine/tasks/head_direction_task.h"

using namespace emergence::engine;

namespace {

// One Euler step of the real model from state x with constant input u, noise off.
Eigen::VectorXd modelStep(const Ctrnn<double>& net, const Eigen::VectorXd& x,
                          const Eigen::VectorXd& u) {
  Ctrnn<double> copy = net;
  copy.params.x0 = x;
  SequenceBatch<double> b;
  b.steps = 1;
  b.trials = 1;
  b.inputs = u;
  b.targets = Eigen::MatrixXd::Zero(net.config().numOutputs, 1);
  b.lossMask = Eigen::RowVectorXd::Ones(1);
  CtrnnTrace<double> tr;
  copy.forward(b, {}, nullptr, tr, true);
  return tr.x.col(1);
}

// Sort eigenvalues by (real, imag) descending for comparison.
std::vector<std::complex<double>> sorted(const Eigen::VectorXcd& v) {
  std::vector<std::complex<double>> s(v.data(), v.data() + v.size());
  std::sort(s.begin(), s.end(), [](auto a, auto b) {
    return std::abs(a.real() - b.real()) > 1e-9 ? a.real() > b.real() : a.imag() > b.imag();
  });
  return s;
}

struct Planted {
  Ctrnn<double> net;
  Eigen::VectorXd u, xStar;
};

// A 6-unit network whose bias is chosen so that x* is a fixed point under input u:
// b = x* − W f(x*) − W_in u  ⇒  F(x*) = x*.
Planted plantFixedPoint(Nonlinearity f, std::uint64_t seed) {
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  Rng rng(seed);
  CtrnnConfig c;
  c.numInputs = 3;
  c.numUnits = 6;
  c.numOutputs = 2;
  c.nonlinearity = f;
  Planted p{Ctrnn<double>(c), Eigen::VectorXd(3), Eigen::VectorXd(6)};
  initializeCtrnn(c, rng, p.net.params);
  p.net.params.W_rec *= 1.5;  // gain ≈ 2.25: strong recurrence, still a well-posed test
  p.u << 0.02, 0.3, -0.4;
  for (int i = 0; i < 6; ++i) {
    const double mag = 0.3 + 0.7 * rng.uniform();  // |x*| ≥ 0.3: away from the kink at 0
    p.xStar[i] = (i % 3 == 2 ? -mag : mag);
  }
  const Eigen::MatrixXd w = p.net.params.W_rec.cwiseProduct(p.net.masks.rec.cast<double>());
  p.net.params.b_rec = p.xStar - w * rateOf(f, p.xStar) - p.net.params.W_in * p.u;
  return p;
}

}  // namespace

TEST(FixedPoint, StepMapMatchesModelForward) {
  for (Nonlinearity f : {Nonlinearity::RectifiedTanh, Nonlinearity::Tanh, Nonlinearity::Relu}) {
    const Planted p = plantFixedPoint(f, 17);
    const AutonomousCtrnn sys = autonomousCtrnn(p.net, p.u);
    Rng rng(3);
    Eigen::VectorXd x(6);
    for (int i = 0; i < 6; ++i) x[i] = rng.normal();
    EXPECT_LT((stepMap(sys, x) - modelStep(p.net, x, p.u)).cwiseAbs().maxCoeff(), 1e-13);
    EXPECT_LT((stepMap(sys, p.xStar) - p.xStar).cwiseAbs().maxCoeff(), 1e-13);
    EXPECT_LT(slowness(sys, p.xStar), 1e-26);
  }
}

TEST(FixedPoint, ConvergesToPlantedFixedPointWithFiniteDifferenceJacobian) {
  for (Nonlinearity f : {Nonlinearity::Tanh, Nonlinearity::RectifiedTanh}) {
    const Planted p = plantFixedPoint(f, 41);
    const AutonomousCtrnn sys = autonomousCtrnn(p.net, p.u);
    Rng rng(8);
    Eigen::VectorXd start = p.xStar;
    for (int i = 0; i < 6; ++i) start[i] += 0.1 * rng.normal();
    const SlowPoint sp = findSlowPoint(sys, start);
    EXPECT_GT(sp.qStart, 1e-6);
    EXPECT_LT(sp.q, 1e-10) << toString(f);
    EXPECT_TRUE(sp.converged);
    EXPECT_LT((sp.x - p.xStar).norm(), 1e-5) << toString(f);
    EXPECT_LT((sp.r - rateOf(f, p.xStar)).norm(), 1e-5);
    // Finite-difference Jacobian of the model's own step at the found point.
    const double h = 1e-6;
    Eigen::MatrixXd Jfd(6, 6);
    for (int j = 0; j < 6; ++j) {
      Eigen::VectorXd xp = sp.x, xm = sp.x;
      xp[j] += h;
      xm[j] -= h;
      Jfd.col(j) = (modelStep(p.net, xp, p.u) - modelStep(p.net, xm, p.u)) / (2 * h);
    }
    EXPECT_LT((stepJacobian(sys, sp.x) - Jfd).cwiseAbs().maxCoeff(), 1e-7);
    const auto a = sorted(sp.jacobianEigenvalues);
    const auto b = sorted(Eigen::EigenSolver<Eigen::MatrixXd>(Jfd, false).eigenvalues());
    ASSERT_EQ(a.size(), b.size());
    for (size_t k = 0; k < a.size(); ++k) EXPECT_LT(std::abs(a[k] - b[k]), 1e-6) << k;
  }
}

TEST(FixedPoint, FindsSeveralStartsAndReportsProgress) {
  const Planted p = plantFixedPoint(Nonlinearity::Tanh, 5);
  const AutonomousCtrnn sys = autonomousCtrnn(p.net, p.u);
  Eigen::MatrixXd starts = p.xStar.replicate(1, 3);
  starts.col(1).array() += 0.05;
  starts.col(2).array() -= 0.05;
  int calls = 0;
  const auto all = findSlowPoints(sys, starts, {}, [&](int done, int total) {
    ++calls;
    EXPECT_EQ(total, 3);
    return done < 2;  // stop after the second search
  });
  EXPECT_EQ(calls, 2);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_LT(all[0].q, 1e-20);  // started exactly on the fixed point
  EXPECT_EQ(all[0].iterations, 0);
  EXPECT_LT(all[1].q, 1e-10);
}

TEST(FixedPoint, SettledStatesMatchModelForward) {
  Rng rng(77);
  CtrnnConfig c;
  c.numUnits = 8;
  Ctrnn<double> net(c);
  initializeCtrnn(c, rng, net.params);
  for (int i = 0; i < 8; ++i) net.params.x0[i] = 0.1 * rng.normal();
  SettleConfig sc;
  sc.headings = 4;
  sc.cueSteps = 3;
  sc.steps = 5;
  const SettledStates s = settleFromHeadings(net, sc);
  ASSERT_EQ(s.x.cols(), 4);
  EXPECT_NEAR(s.headingRad[1], kTwoPi / 4, 1e-15);
  const HeadDirectionTrials trials =
      headDirectionTrialsWithOmega(8, 3, Eigen::VectorXd::Zero(8), s.headingRad);
  CtrnnTrace<double> tr;
  net.forward(trials.batch, {}, nullptr, tr, true);
  EXPECT_LT((s.x - tr.x.rightCols(4)).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT((s.r - tr.r.rightCols(4)).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_NEAR(s.q[0], slowness(autonomousCtrnn(net), s.x.col(0)), 1e-15);
}

TEST(FixedPoint, RingCheckOnPlantedRingAndCollapsedStates) {
  Rng rng(12);
  const int N = 10, K = 64;
  Eigen::VectorXd u1 = Eigen::VectorXd::Zero(N), u2 = Eigen::VectorXd::Zero(N);
  u1[2] = 1;
  u2[7] = 1;
  Eigen::VectorXd headings(K);
  Eigen::MatrixXd ring(N, K), clusters(N, K);
  for (int k = 0; k < K; ++k) {
    headings[k] = kTwoPi * k / K;
    ring.col(k) = Eigen::VectorXd::Constant(N, 0.3) + std::cos(headings[k]) * u1 -
                  std::sin(headings[k]) * u2;  // clockwise in PC space: winding −1 or +1
    for (int i = 0; i < N; ++i) ring(i, k) += 0.01 * rng.normal();
    // Two clusters (the states collapse onto two fixed points): not a ring.
    clusters.col(k) = (k < K / 2 ? 1.0 : -1.0) * u1;
    for (int i = 0; i < N; ++i) clusters(i, k) += 0.01 * rng.normal();
  }
  const RingCheck r = checkRing(ring, headings, ring.leftCols(3));
  EXPECT_TRUE(r.isRing);
  EXPECT_EQ(std::abs(r.winding), 1);
  EXPECT_NEAR(r.radiusMean, 1.0, 0.02);
  EXPECT_LT(r.radiusCv, 0.05);
  EXPECT_LT(r.largestGapDeg, 15.0);
  EXPECT_GT(r.top2Explained, 0.99);
  EXPECT_EQ(r.slow2d.cols(), 3);
  EXPECT_TRUE(r.slow2d.isApprox(r.settled2d.leftCols(3), 1e-12));
  const RingCheck c = checkRing(clusters, headings);
  EXPECT_FALSE(c.isRing);
  EXPECT_GT(c.largestGapDeg, 90.0);
  // A ring traversed twice (headings map to 2φ) has winding ±2: not a simple ring.
  Eigen::MatrixXd twice(N, K);
  for (int k = 0; k < K; ++k)
    twice.col(k) = std::cos(2 * headings[k]) * u1 + std::sin(2 * headings[k]) * u2;
  const RingCheck t = checkRing(twice, headings);
  EXPECT_EQ(std::abs(t.winding), 2);
  EXPECT_FALSE(t.isRing);
}

TEST(FixedPoint, HandBuiltRingAttractorHasRingOfSlowPoints) {
  // Classic ring network: unit i prefers φ_i = 2πi/N; W_ij = (2/N)(J1 cos(φ_i − φ_j) − J0), the
  // cue drives unit i by cos(θ0 − φ_i), b = 0.1. It holds a bump at any heading: a ring attractor.
  const int N = 48;
  CtrnnConfig c;
  c.numUnits = N;
  Ctrnn<double> net(c);
  for (int i = 0; i < N; ++i) {
    const double pi = kTwoPi * i / N;
    for (int j = 0; j < N; ++j)
      net.params.W_rec(i, j) = (4.0 * std::cos(pi - kTwoPi * j / N) - 1.0) * 2.0 / N;
    net.params.W_in(i, 0) = 0.0;
    net.params.W_in(i, 1) = std::sin(pi);
    net.params.W_in(i, 2) = std::cos(pi);
    net.params.b_rec[i] = 0.1;
  }
  SettleConfig sc;
  sc.headings = 64;  // not aligned with the 48 units: most states sit between units
  sc.steps = 30;     // not yet settled: the search has work to do
  const SettledStates early = settleFromHeadings(net, sc);
  EXPECT_GT(early.q.maxCoeff(), 1e-8);
  const AutonomousCtrnn sys = autonomousCtrnn(net);
  const std::vector<SlowPoint> sp = findSlowPoints(sys, early.x);
  ASSERT_EQ(sp.size(), 64u);
  Eigen::MatrixXd slowR(N, 64);
  for (int k = 0; k < 64; ++k) {
    EXPECT_TRUE(sp[k].converged) << k;
    EXPECT_LT(sp[k].q, 1e-20) << k;
    // One eigenvalue near 1 (along the ring), the rest clearly below 1.
    EXPECT_NEAR(std::abs(sp[k].jacobianEigenvalues[0]), 1.0, 0.02) << k;
    for (int m = 1; m < N; ++m) EXPECT_LT(std::abs(sp[k].jacobianEigenvalues[m]), 0.97) << k;
    slowR.col(k) = sp[k].r;
  }
  sc.steps = 2000;
  const SettledStates settled = settleFromHeadings(net, sc);
  EXPECT_LT(settled.q.maxCoeff(), 1e-10);
  const RingCheck ring = checkRing(settled.r, settled.headingRad, slowR);
  EXPECT_TRUE(ring.isRing);
  EXPECT_EQ(std::abs(ring.winding), 1);
  EXPECT_LT(ring.radiusCv, 0.01);
  EXPECT_LT(ring.largestGapDeg, 10.0);
  // The slow points lie on the same ring: same radius in the PC plane.
  const Eigen::VectorXd slowRadius = ring.slow2d.colwise().norm().transpose();
  EXPECT_LT((slowRadius.array() / ring.radiusMean - 1.0).abs().maxCoeff(), 0.01);
  EXPECT_TRUE(checkRing(slowR, settled.headingRad).isRing);
}
