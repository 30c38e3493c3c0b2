// Integrated gradients of the retina CNN (retina.md §6.1–6.3) and the probe responder: the
// symmetric fast path equals the full computation (full-field and y-invariant bars, per-channel BN
// with the reduced head and per-unit BN with the expanded map), completeness within 1.5 % at
// M = 50, unit sums equal the channel reductions, the quadrature rules agree as M grows, and the
// responder's ablation of every channel leaves the background response.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "engine/analysis/integrated_gradients.h"
#include "engine/core/random.h"
#include "engine/models/retina_cnn_probe.h"
#include "engine/retina/probes.h"

using namespace emergence::engine;

namespace {

// A small random network in a plausible operating point: Torch's initialisation, BN shifts that
// leave about half of the units active, and running statistics taken from one batch of white
// noise (momentum 1), so that eval-mode units are normalised as after training.
RetinaCnn<float> smallNetwork(RetinaBnMode bn, RetinaConv1Kind kind, std::uint64_t seed) {
  RetinaCnnConfig c;
  c.windowPx = 16;
  c.historyFrames = 12;
  c.conv1Channels = 4;
  c.conv1Kernel = 7;
  c.conv1 = kind;
  c.conv1Rank = 2;
  c.conv2Channels = 3;
  c.conv2Kernel = 5;
  c.numCells = 2;
  c.bn = bn;
  c.bnMomentum = 1.0;
  RetinaCnn<float> net(c);
  Rng rng(seed);
  net.initialize(rng);
  auto fill = [&](Eigen::VectorXf& v, double mean, double sd) {
    for (Eigen::Index i = 0; i < v.size(); ++i) v[i] = float(mean + sd * rng.normal());
  };
  fill(net.params.bn1Beta, 0.0, 0.5);
  fill(net.params.bn2Beta, 0.0, 0.5);
  fill(net.params.bn3Beta, -1.5, 0.2);
  fill(net.params.bn3Gamma, 1.0, 0.2);
  RetinaChunkBatch<float> b;
  b.length = 32;
  for (int i = 0; i < 4; ++i) {
    RetinaChunkBatch<float>::Frames f(b.length + c.historyFrames - 1, c.windowPx * c.windowPx);
    for (Eigen::Index j = 0; j < f.size(); ++j) f.data()[j] = float(rng.normal());
    b.frames.push_back(f);
    b.targets.push_back(Eigen::MatrixXf::Zero(b.length, c.numCells));
  }
  RetinaCnnParameters<float> g;
  net.trainStep(b, {}, nullptr, 1, g, true);
  return net;
}

ProbeStimulus testOsr(int side) {
  OsrParams p;
  p.flashes = 5;
  p.leadFrames = 12;
  p.tailFrames = 20;
  return osrProbe(p, {side, side});
}

ProbeStimulus testBar(int side) {
  MovingBarParams p;
  p.speedPxPerFrame = 0.5;
  p.startPx = -10;
  p.endPx = 10;
  p.leadFrames = 5;
  p.tailFrames = 10;
  return movingBarProbe(p, {side, side});
}

void expectClose(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, double tol, const char* what) {
  ASSERT_EQ(a.rows(), b.rows()) << what;
  ASSERT_EQ(a.cols(), b.cols()) << what;
  const double scale = std::max(1.0, b.cwiseAbs().maxCoeff());
  EXPECT_LT((a - b).cwiseAbs().maxCoeff(), tol * scale) << what;
}

TEST(RetinaIntegratedGradients, FastSymmetricPathEqualsTheFullComputation) {
  for (RetinaBnMode bn : {RetinaBnMode::PerChannel, RetinaBnMode::PerUnit}) {
    const RetinaCnn<float> net = smallNetwork(bn, RetinaConv1Kind::Separable, 3);
    for (const ProbeStimulus& probe : {testOsr(16), testBar(16)}) {
      IntegratedGradientsConfig fast, full;
      fast.cell = full.cell = 1;
      full.fast = false;
      const ProbeAttribution a = integratedGradients(net, probe, fast);
      const ProbeAttribution b = integratedGradients(net, probe, full);
      EXPECT_EQ(b.geometry, ProbeSymmetry::None);
      if (bn == RetinaBnMode::PerChannel)
        EXPECT_EQ(a.geometry, probe.symmetry) << probe.name;  // the reduced head ran
      std::printf("%s %s: geometry %s, %.4f s fast, %.4f s full\n", retinaBnModeName(bn),
                  probe.name.c_str(), probeSymmetryName(a.geometry), a.seconds, b.seconds);
      EXPECT_NEAR(a.baseline, b.baseline, 1e-4 * std::max(1.0, std::abs(b.baseline)));
      expectClose(a.response, b.response, 1e-4, "response");
      expectClose(a.channel, b.channel, 1e-3, "A_c(t)");
      expectClose(a.activity, b.activity, 1e-4, "channel activity");
      if (probe.symmetry == ProbeSymmetry::BarX) expectClose(a.channelX, b.channelX, 1e-3, "A_{c,x}(t)");
      // The responder's fast path too.
      const Eigen::MatrixXd r = respondToProbe(net, probe);
      expectClose(r.row(1).transpose(), b.response, 1e-4, "respondToProbe");
    }
  }
}

TEST(RetinaIntegratedGradients, CompletenessWithinOnePointFivePercentAtFiftySteps) {
  for (RetinaConv1Kind kind : {RetinaConv1Kind::Full, RetinaConv1Kind::Separable}) {
    const RetinaCnn<float> net = smallNetwork(RetinaBnMode::PerUnit, kind, 5);
    LatencyParams step;
    step.intensity = -1.5;
    step.onsetFrame = 12;
    step.totalFrames = 40;
    for (const ProbeStimulus& probe : {testOsr(16), testBar(16), latencyProbe(step, {16, 16})}) {
      for (int cell : {-1, 0}) {
        IntegratedGradientsConfig ic;
        ic.cell = cell;
        const ProbeAttribution a = integratedGradients(net, probe, ic);
        const double range = (a.response.array() - a.baseline).abs().maxCoeff();
        std::printf("%s %s cell %d: completeness error %.5f (response range %.2f Hz)\n",
                    retinaConv1KindName(kind), probe.name.c_str(), cell, a.completenessError, range);
        EXPECT_GT(range, 1.0);  // the network responds, so the check is relative
        EXPECT_LE(a.completenessError, 0.015) << probe.name;
      }
    }
  }
}

TEST(RetinaIntegratedGradients, UnitsSumToChannelsAndRulesConverge) {
  const RetinaCnn<float> net = smallNetwork(RetinaBnMode::PerUnit, RetinaConv1Kind::Full, 7);
  const ProbeStimulus probe = testBar(16);
  IntegratedGradientsConfig ic;
  ic.keepUnits = true;
  ic.cell = 0;
  const ProbeAttribution a = integratedGradients(net, probe, ic);
  const int P = net.config().conv1Pixels(), T = probe.frames();
  ASSERT_EQ(a.units.rows(), Eigen::Index(T) * P);
  for (int t = 0; t < T; t += 3)
    for (int c = 0; c < net.config().conv1Channels; ++c)
      EXPECT_NEAR(a.units.middleRows(Eigen::Index(t) * P, P).col(c).cast<double>().sum(), a.channel(c, t),
                  1e-4 * std::max(1.0, std::abs(a.channel(c, t))));
  // Bins whose window is all background are skipped (exact zeros).
  EXPECT_LT(a.activeBins, T);
  EXPECT_EQ(a.channel.col(0).cwiseAbs().maxCoeff(), 0.0);
  // Right Riemann, trapezoid and exact-kink rules converge to the same integral.
  IntegratedGradientsConfig hi = ic;
  hi.steps = 400;
  hi.keepUnits = false;
  const ProbeAttribution ref = integratedGradients(net, probe, hi);
  for (IgQuadrature q : {IgQuadrature::RightRiemann, IgQuadrature::Trapezoid, IgQuadrature::ExactKinks}) {
    IntegratedGradientsConfig c = hi;
    c.steps = 200;
    c.quadrature = q;
    const ProbeAttribution b = integratedGradients(net, probe, c);
    const double err = (b.channel - ref.channel).cwiseAbs().maxCoeff() /
                       std::max(1e-9, ref.channel.cwiseAbs().maxCoeff());
    std::printf("rule %d at M = 200 vs exact-kinks M = 400: max relative difference %.4f\n", int(q), err);
    EXPECT_LT(err, 0.02);
  }
}

TEST(RetinaProbeResponder, AblatingEveryChannelLeavesTheBackgroundResponse) {
  const RetinaCnn<float> net = smallNetwork(RetinaBnMode::PerChannel, RetinaConv1Kind::Separable, 9);
  const ProbeStimulus probe = testOsr(16);
  const Eigen::MatrixXd r = respondToProbe(net, probe, 2);
  ASSERT_EQ(r.rows(), 2);
  ASSERT_EQ(r.cols(), probe.frames());
  EXPECT_GT(r.row(0).maxCoeff() - r.row(0).minCoeff(), 0.1);
  const Eigen::MatrixXd flat = retinaCnnResponder(net, 1, {0, 1, 2, 3})(probe);
  for (int n = 0; n < 2; ++n) {
    EXPECT_LT(flat.row(n).maxCoeff() - flat.row(n).minCoeff(), 1e-4 * std::max(1.0, flat(n, 0)));
    EXPECT_NEAR(flat(n, 0), r(n, 0), 1e-4 * std::max(1.0, r(n, 0)));  // bin 0 sees background
  }
  EXPECT_THROW(respondToProbe(net, testOsr(20)), std::invalid_argument);  // wrong window
}

}  // namespace
