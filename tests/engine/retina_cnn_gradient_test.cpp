// Gradients of the retina BN-CNN (hand-written backward through conv1 full/separable, batch norm
// per unit/per channel with batch statistics, noise, ReLU, conv2, dense, BN3, softplus, Poisson
// loss, kernel L2 and activity L1) against central finite differences, in double precision on
// tiny networks, for every parameter including γ and β. Plus: thread-count independence (same
// bits), the eval head vs the training path with the running statistics, and conv1's chunked
// evaluation (each frame convolved once) against a direct per-window convolution.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "engine/core/random.h"
#include "engine/models/retina_cnn.h"

using namespace emergence::engine;

namespace {

struct Case {
  RetinaConv1Kind conv1;
  int rank;
  RetinaBnMode bn;
  double noise;
};

RetinaCnnConfig tinyConfig(const Case& k) {
  RetinaCnnConfig c;
  c.windowPx = 8;
  c.historyFrames = 4;
  c.conv1Channels = 2;
  c.conv1Kernel = 3;
  c.conv1 = k.conv1;
  c.conv1Rank = k.rank;
  c.conv2Channels = 2;
  c.conv2Kernel = 3;
  c.numCells = 3;
  c.bn = k.bn;
  c.noiseStd = k.noise;
  return c;
}

template <typename S>
RetinaChunkBatch<S> randomBatch(const RetinaCnnConfig& c, int chunks, int L, Rng& rng) {
  RetinaChunkBatch<S> b;
  b.length = L;
  const int F = L + c.historyFrames - 1, px = c.windowPx * c.windowPx;
  for (int i = 0; i < chunks; ++i) {
    typename RetinaChunkBatch<S>::Frames f(F, px);
    for (Eigen::Index j = 0; j < f.size(); ++j) f.data()[j] = S(rng.normal());
    b.frames.push_back(f);
    retina_layers::Mat<S> t(L, c.numCells);
    for (Eigen::Index j = 0; j < t.size(); ++j) t.data()[j] = S(rng.uniformInt(4));
    b.targets.push_back(t);
  }
  return b;
}

template <typename S>
void randomiseParameters(RetinaCnn<S>& net, Rng& rng) {
  net.initialize(rng);
  // γ and β away from 1 and 0, so their gradients are generic.
  auto jitter = [&](retina_layers::Vec<S>& v, double centre, double sd) {
    for (Eigen::Index i = 0; i < v.size(); ++i) v[i] = S(centre + sd * rng.normal());
  };
  jitter(net.params.bn1Gamma, 1.0, 0.3);
  jitter(net.params.bn1Beta, 0.2, 0.3);
  jitter(net.params.bn2Gamma, 1.0, 0.3);
  jitter(net.params.bn2Beta, 0.2, 0.3);
  jitter(net.params.bn3Gamma, 1.0, 0.3);
  jitter(net.params.bn3Beta, -0.5, 0.3);
}

class RetinaCnnGradient : public ::testing::TestWithParam<Case> {};

TEST_P(RetinaCnnGradient, MatchesCentralFiniteDifferences) {
  const Case k = GetParam();
  const std::uint64_t seed = 20190601;
  std::printf("seed %llu, conv1 %s rank %d, BN %s, noise %.2f\n", (unsigned long long)seed,
              retinaConv1KindName(k.conv1), k.rank, retinaBnModeName(k.bn), k.noise);
  Rng rng(seed);
  const RetinaCnnConfig c = tinyConfig(k);
  RetinaCnn<double> net(c);
  randomiseParameters(net, rng);
  const RetinaChunkBatch<double> b = randomBatch<double>(c, 2, 3, rng);
  RetinaLossConfig lc;
  lc.kernelL2 = 0.01;
  lc.activityL1 = 0.1;
  const Rng noise(77);
  RetinaCnnParameters<double> grad;
  net.trainStep(b, lc, &noise, 1, grad, false);

  RetinaCnn<double> probe = net;
  double worst = 0.0;
  int checked = 0;
  probe.params.forEach([&](const char* name, double* p, Eigen::Index n) {
    const double* analytic = nullptr;
    grad.forEach([&](const char* gname, double* d, Eigen::Index) {
      if (std::string(gname) == name) analytic = d;
    });
    ASSERT_NE(analytic, nullptr) << name;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double h = 1e-6, saved = p[i];
      p[i] = saved + h;
      const double up = probe.trainLoss(b, lc, &noise, 1).total;
      p[i] = saved - h;
      const double down = probe.trainLoss(b, lc, &noise, 1).total;
      p[i] = saved;
      const double numeric = (up - down) / (2 * h);
      if (std::abs(numeric) > 1e-6)
        worst = std::max(worst, std::abs(numeric - analytic[i]) / std::abs(numeric));
      EXPECT_NEAR(analytic[i], numeric, 2e-8 + 1e-5 * std::abs(numeric)) << name << "[" << i << "]";
      ++checked;
    }
  });
  EXPECT_GT(checked, 150);
  std::printf("worst relative error %.2e over %d parameters\n", worst, checked);
}

INSTANTIATE_TEST_SUITE_P(
    RetinaModes, RetinaCnnGradient,
    ::testing::Values(Case{RetinaConv1Kind::Full, 2, RetinaBnMode::PerUnit, 0.3},
                      Case{RetinaConv1Kind::Full, 2, RetinaBnMode::PerChannel, 0.0},
                      Case{RetinaConv1Kind::Separable, 2, RetinaBnMode::PerUnit, 0.3},
                      Case{RetinaConv1Kind::Separable, 1, RetinaBnMode::PerChannel, 0.3}));

TEST(RetinaCnn, ChunkedConv1EqualsDirectWindowConvolution) {
  for (RetinaConv1Kind kind : {RetinaConv1Kind::Full, RetinaConv1Kind::Separable}) {
    Rng rng(5);
    const RetinaCnnConfig c = tinyConfig({kind, 2, RetinaBnMode::PerUnit, 0.0});
    RetinaCnn<double> net(c);
    net.initialize(rng);
    const RetinaChunkBatch<double> b = randomBatch<double>(c, 1, 5, rng);
    const Eigen::MatrixXd z = net.conv1Linear(b.frames[0]);
    const Eigen::MatrixXd W = net.effectiveConv1();  // k² × C1·H
    const int H = c.historyFrames, O = c.conv1Out(), k1 = c.conv1Kernel, S = c.windowPx;
    double worst = 0;
    for (int l = 0; l < 5; ++l)
      for (int ch = 0; ch < c.conv1Channels; ++ch)
        for (int i = 0; i < O; ++i)
          for (int j = 0; j < O; ++j) {
            double direct = 0;  // Σ_{h,u,v} W1[c, h, u, v]·frame_{l+h}(i + u, j + v)
            for (int h = 0; h < H; ++h)
              for (int u = 0; u < k1; ++u)
                for (int v = 0; v < k1; ++v)
                  direct += W(u * k1 + v, ch * H + h) * b.frames[0](l + h, (i + u) * S + j + v);
            worst = std::max(worst, std::abs(direct - z(l * O * O + i * O + j, ch)));
          }
    EXPECT_LT(worst, 1e-12) << retinaConv1KindName(kind);
  }
}

TEST(RetinaCnn, GradientsAndLossAreIdenticalForAnyThreadCount) {
  Rng rng(11);
  RetinaCnnConfig c = tinyConfig({RetinaConv1Kind::Separable, 2, RetinaBnMode::PerUnit, 0.05});
  c.windowPx = 12;
  RetinaCnn<float> net(c);
  net.initialize(rng);
  const RetinaChunkBatch<float> b = randomBatch<float>(c, 5, 7, rng);
  const Rng noise(3);
  RetinaLossConfig lc;
  lc.kernelL2 = 1e-3;
  RetinaCnn<float> a = net, d = net;
  RetinaCnnParameters<float> ga, gd;
  const RetinaLoss la = a.trainStep(b, lc, &noise, 1, ga, true);
  const RetinaLoss ld = d.trainStep(b, lc, &noise, 2, gd, true);
  EXPECT_EQ(la.total, ld.total);
  ga.forEach([&](const char* name, float* p, Eigen::Index n) {
    gd.forEach([&](const char* other, float* q, Eigen::Index) {
      if (std::string(name) == other)
        for (Eigen::Index i = 0; i < n; ++i) ASSERT_EQ(p[i], q[i]) << name << "[" << i << "]";
    });
  });
  EXPECT_TRUE((a.running.mean1.array() == d.running.mean1.array()).all());
  EXPECT_TRUE((a.running.var3.array() == d.running.var3.array()).all());
}

TEST(RetinaCnn, RunningStatisticsFollowTorchMomentum) {
  Rng rng(8);
  const RetinaCnnConfig c = tinyConfig({RetinaConv1Kind::Full, 2, RetinaBnMode::PerChannel, 0.0});
  RetinaCnn<double> net(c);
  net.initialize(rng);
  const RetinaChunkBatch<double> b = randomBatch<double>(c, 2, 4, rng);
  RetinaCnnParameters<double> g;
  net.trainStep(b, {}, nullptr, 1, g, true);
  // BN1, per channel: batch mean and unbiased variance of z1 over 8 samples × 36 pixels.
  for (int ch = 0; ch < c.conv1Channels; ++ch) {
    Eigen::VectorXd all(2 * 4 * c.conv1Pixels());
    for (int i = 0; i < 2; ++i) {
      Eigen::MatrixXd z = net.conv1Linear(b.frames[i]);
      z.array() += net.params.conv1Bias[ch];
      all.segment(i * z.rows(), z.rows()) = z.col(ch);
    }
    const double mean = all.mean();
    const double var = (all.array() - mean).square().sum() / double(all.size() - 1);
    EXPECT_NEAR(net.running.mean1[ch], 0.01 * mean, 1e-12);
    EXPECT_NEAR(net.running.var1[ch], 0.99 + 0.01 * var, 1e-12);
  }
}

TEST(RetinaCnn, PredictIsChunkInvariantAndTheEvalHeadBackwardMatchesFiniteDifferences) {
  Rng rng(9);
  RetinaCnnConfig c = tinyConfig({RetinaConv1Kind::Separable, 2, RetinaBnMode::PerUnit, 0.0});
  RetinaCnn<double> net(c);
  net.initialize(rng);
  const RetinaChunkBatch<double> b = randomBatch<double>(c, 1, 6, rng);
  // Chunked prediction (chunks of 2 outputs) equals one chunk.
  const Eigen::MatrixXd one = net.predict(b.frames[0], 1, 64);
  const Eigen::MatrixXd split = net.predict(b.frames[0], 2, 2);
  EXPECT_LT((one - split).cwiseAbs().maxCoeff(), 1e-13);
  // Eval head backward against finite differences of its forward (dOut = 1 on cell 1).
  const RetinaEvalHead<double> head = net.evalHead();
  Eigen::MatrixXd z1 = net.conv1Linear(b.frames[0]);
  for (int ch = 0; ch < c.conv1Channels; ++ch) z1.col(ch).array() += net.params.conv1Bias[ch];
  RetinaEvalHead<double>::Trace tr;
  Eigen::MatrixXd out, dz;
  head.forward(z1, 6, tr, out);
  EXPECT_LT((out - one).cwiseAbs().maxCoeff(), 1e-13);
  Eigen::MatrixXd dOut = Eigen::MatrixXd::Zero(6, c.numCells);
  dOut.col(1).setOnes();
  head.backward(tr, dOut, 6, dz);
  for (Eigen::Index i = 0; i < z1.size(); i += 7) {
    Eigen::MatrixXd zp = z1, zm = z1;
    zp.data()[i] += 1e-6;
    zm.data()[i] -= 1e-6;
    Eigen::MatrixXd op, om;
    head.forward(zp, 6, tr, op);
    head.forward(zm, 6, tr, om);
    const double numeric = (op.col(1).sum() - om.col(1).sum()) / 2e-6;
    EXPECT_NEAR(dz.data()[i], numeric, 1e-7 + 1e-5 * std::abs(numeric)) << i;
  }
}

}  // namespace
