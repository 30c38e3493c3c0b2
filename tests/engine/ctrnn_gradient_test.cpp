// Gradients of the CTRNN (hand-written BPTT) against central finite differences, in double
// precision on tiny networks, for every parameter and every model option.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <tuple>

#include "engine/core/random.h"
#include "engine/models/ctrnn.h"

using namespace emergence::engine;

namespace {

struct Case {
  Nonlinearity f;
  NoisePosition noise;
  double noiseStd;
  bool withPerturbation;
  bool learnOutputBias;
};

SequenceBatch<double> randomBatch(const CtrnnConfig& c, int T, int B, Rng& rng) {
  SequenceBatch<double> b;
  b.steps = T;
  b.trials = B;
  b.inputs.resize(c.numInputs, T * B);
  b.targets.resize(c.numOutputs, T * B);
  b.lossMask.resize(T * B);
  for (int i = 0; i < b.inputs.size(); ++i) b.inputs.data()[i] = rng.normal();
  for (int i = 0; i < b.targets.size(); ++i) b.targets.data()[i] = rng.normal();
  for (int i = 0; i < T * B; ++i) b.lossMask[i] = (i / B) < 2 ? 0.0 : 1.0;  // first 2 steps masked
  return b;
}

double lossOf(const Ctrnn<double>& net, const SequenceBatch<double>& b,
              const UnitPerturbations& pert, const CtrnnLossConfig& lc, std::uint64_t noiseSeed) {
  CtrnnTrace<double> tr;
  Rng noise(noiseSeed);
  net.forward(b, pert, &noise, tr);
  return net.finishLoss(net.lossSums(b, tr), lc, b.trials, b.steps).total;
}

class CtrnnGradient : public ::testing::TestWithParam<Case> {};

TEST_P(CtrnnGradient, MatchesCentralFiniteDifferences) {
  const Case k = GetParam();
  const std::uint64_t seed = 12345;
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  Rng rng(seed);
  CtrnnConfig c;
  c.numInputs = 3;
  c.numUnits = 7;
  c.numOutputs = 2;
  c.nonlinearity = k.f;
  c.noisePosition = k.noise;
  c.noiseStd = k.noiseStd;
  c.learnOutputBias = k.learnOutputBias;
  c.initOutputStd = 0.5;  // non-zero so that every path carries gradient
  Ctrnn<double> net(c);
  initializeCtrnn(c, rng, net.params);
  for (int i = 0; i < net.params.x0.size(); ++i) net.params.x0[i] = 0.3 * rng.normal();
  net.params.b_out.setConstant(0.1);
  net.masks.rec(2, 4) = 0.0f;  // an ablated connection
  const auto batch = randomBatch(c, 6, 3, rng);
  CtrnnLossConfig lc;
  lc.activityL2 = 0.05;
  lc.weightL2In = 0.01;
  lc.weightL2Rec = 0.02;
  lc.weightL2Out = 0.03;
  lc.weightL1Rec = 0.01;
  UnitPerturbations pert;
  if (k.withPerturbation) {
    pert.push_back({UnitPerturbation::Kind::Clamp, {1}, 0.0, 2, 4});
    pert.push_back({UnitPerturbation::Kind::Inject, {3, 5}, 0.7, 1, 5});
  }

  CtrnnTrace<double> tr;
  Rng noise(99);
  net.forward(batch, pert, &noise, tr);
  const auto sums = net.lossSums(batch, tr);
  CtrnnParameters<double> grad;
  grad.resize(c);
  grad.setZero();
  net.backward(batch, tr, lc, sums.validElements, batch.trials, grad);
  net.addPenaltyGradients(lc, grad);
  net.maskGradients(grad);

  Ctrnn<double> probe = net;
  const double h = 1e-6;
  int checked = 0;
  auto check = [&](const char* name, double* data, Eigen::Index n, const double* g) {
    for (Eigen::Index i = 0; i < n; ++i) {
      const double saved = data[i];
      data[i] = saved + h;
      const double lp = lossOf(probe, batch, pert, lc, 99);
      data[i] = saved - h;
      const double lm = lossOf(probe, batch, pert, lc, 99);
      data[i] = saved;
      double numeric = (lp - lm) / (2 * h);
      // Masked / non-learned entries must have zero analytic gradient.
      const bool learned = std::string(name) != "b_out" || c.learnOutputBias;
      const bool masked = std::string(name) == "W_rec" && net.masks.rec.data()[i] == 0.0f;
      if (!learned || masked) numeric = 0.0;
      // L1 is not differentiable at 0 (the masked diagonal); skip those entries.
      EXPECT_NEAR(g[i], numeric, 1e-6 + 1e-4 * std::abs(numeric)) << name << "[" << i << "]";
      ++checked;
    }
  };
  probe.params.forEach([&](const char* name, double* data, Eigen::Index n) {
    const double* g = nullptr;
    std::string s(name);
    if (s == "W_in") g = grad.W_in.data();
    if (s == "W_rec") g = grad.W_rec.data();
    if (s == "W_out") g = grad.W_out.data();
    if (s == "b_rec") g = grad.b_rec.data();
    if (s == "b_out") g = grad.b_out.data();
    if (s == "x0") g = grad.x0.data();
    check(name, data, n, g);
  });
  EXPECT_EQ(checked, 3 * 7 + 7 * 7 + 2 * 7 + 7 + 2 + 7);  // every parameter
}

INSTANTIATE_TEST_SUITE_P(
    AllOptions, CtrnnGradient,
    ::testing::Values(Case{Nonlinearity::RectifiedTanh, NoisePosition::AfterNonlinearity, 0.1, false, false},
                      Case{Nonlinearity::RectifiedTanh, NoisePosition::AfterNonlinearity, 0.1, true, true},
                      Case{Nonlinearity::Tanh, NoisePosition::BeforeNonlinearity, 0.2, false, true},
                      Case{Nonlinearity::Tanh, NoisePosition::InState, 0.2, true, false},
                      Case{Nonlinearity::Relu, NoisePosition::AfterNonlinearity, 0.0, true, false},
                      Case{Nonlinearity::Relu, NoisePosition::BeforeNonlinearity, 0.1, false, false}));

}  // namespace
