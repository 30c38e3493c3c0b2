// Gradients of the place-cell RNN (hand-written BPTT through ReLU/tanh and the place-cell
// cross-entropy) against central finite differences, in double precision on tiny networks,
// for every parameter, with and without weight decay, metabolic cost and perturbations; plus
// shard additivity (two half batches add up to the whole batch's gradient).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "engine/core/random.h"
#include "engine/models/place_cell_rnn.h"

using namespace emergence::engine;

namespace {

struct Case {
  Nonlinearity f;
  double recurrentL2, activityL2;
  bool perturbed;
};

PlaceCellBatch<double> randomBatch(const PlaceCellRnnConfig& c, int T, int B, Rng& rng) {
  PlaceCellBatch<double> b;
  b.steps = T;
  b.trials = B;
  b.inputs.resize(c.numInputs, T * B);
  for (int i = 0; i < b.inputs.size(); ++i) b.inputs.data()[i] = rng.normal();
  // Targets: non-negative columns summing to 1, like the shifted difference of softmaxes.
  auto randomCode = [&](int cols) {
    Eigen::MatrixXd m(c.numPlaceCells, cols);
    for (int i = 0; i < m.size(); ++i) m.data()[i] = rng.uniform() + 0.05;
    for (int k = 0; k < cols; ++k) m.col(k) /= m.col(k).sum();
    return m;
  };
  b.initialCode = randomCode(B);
  b.targets = randomCode(T * B);
  return b;
}

double lossOf(const PlaceCellRnn<double>& net, const PlaceCellBatch<double>& b,
              const UnitPerturbations& pert, const PlaceCellLossConfig& lc) {
  PlaceCellRnnTrace<double> tr;
  net.forward(b, pert, tr);
  return net.finishLoss(net.lossSums(b, tr), lc).total;
}

class PlaceCellRnnGradient : public ::testing::TestWithParam<Case> {};

TEST_P(PlaceCellRnnGradient, MatchesCentralFiniteDifferences) {
  const Case k = GetParam();
  const std::uint64_t seed = 424242;
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  Rng rng(seed);
  PlaceCellRnnConfig c;
  c.numUnits = 6;
  c.numPlaceCells = 5;
  c.nonlinearity = k.f;
  c.initRecurrentGain = 1.3;
  c.initEncoderGain = 3.0;  // keep units active so that every path carries gradient
  PlaceCellRnn<double> net(c);
  initializePlaceCellRnn(c, rng, net.params);
  const PlaceCellBatch<double> b = randomBatch(c, 4, 3, rng);
  UnitPerturbations pert;
  if (k.perturbed) {
    pert.push_back(UnitPerturbation::silence({1}, 2, 4));
    pert.push_back({UnitPerturbation::Kind::Inject, {3}, 0.7, 1, 3});
    pert.push_back(UnitPerturbation::silence({4}, 0, 1));  // clamps g_0 of unit 4
  }
  PlaceCellLossConfig lc;
  lc.recurrentL2 = k.recurrentL2;
  lc.activityL2 = k.activityL2;

  PlaceCellRnnTrace<double> tr;
  net.forward(b, pert, tr);
  PlaceCellRnnParameters<double> grad;
  grad.resize(c);
  grad.setZero();
  net.backward(b, tr, lc, double(b.steps * b.trials), grad);
  net.addPenaltyGradients(lc, grad);
  net.maskGradients(grad);

  PlaceCellRnn<double> probe = net;
  double worst = 0.0;
  int checked = 0;
  probe.params.forEach([&](const char* name, double* p, Eigen::Index n) {
    PlaceCellRnnParameters<double> g = grad;
    double* analytic = nullptr;
    g.forEach([&](const char* gname, double* d, Eigen::Index) {
      if (std::string(gname) == name) analytic = d;
    });
    for (Eigen::Index i = 0; i < n; ++i) {
      const double h = 1e-6, saved = p[i];
      p[i] = saved + h;
      const double up = lossOf(probe, b, pert, lc);
      p[i] = saved - h;
      const double down = lossOf(probe, b, pert, lc);
      p[i] = saved;
      const double numeric = (up - down) / (2 * h);
      if (std::abs(numeric) > 1e-6)
        worst = std::max(worst, std::abs(numeric - analytic[i]) / std::abs(numeric));
      EXPECT_NEAR(analytic[i], numeric, 1e-7 + 1e-5 * std::abs(numeric)) << name << "[" << i << "]";
      ++checked;
    }
  });
  EXPECT_GT(checked, 100);
  std::printf("worst relative error %.2e over %d parameters\n", worst, checked);
}

INSTANTIATE_TEST_SUITE_P(
    AllOptions, PlaceCellRnnGradient,
    ::testing::Values(Case{Nonlinearity::Relu, 0.0, 0.0, false},
                      Case{Nonlinearity::Relu, 1e-2, 0.3, false},
                      Case{Nonlinearity::Relu, 1e-2, 0.3, true},
                      Case{Nonlinearity::Tanh, 1e-3, 0.1, true}));

TEST(PlaceCellRnn, ShardGradientsAddUpToTheBatchGradient) {
  Rng rng(99);
  PlaceCellRnnConfig c;
  c.numUnits = 8;
  c.numPlaceCells = 6;
  c.initEncoderGain = 3.0;
  PlaceCellRnn<double> net(c);
  initializePlaceCellRnn(c, rng, net.params);
  const PlaceCellBatch<double> b = randomBatch(c, 5, 4, rng);
  PlaceCellLossConfig lc;
  lc.activityL2 = 0.2;
  auto gradOf = [&](const PlaceCellBatch<double>& part) {
    PlaceCellRnnTrace<double> tr;
    net.forward(part, {}, tr);
    PlaceCellRnnParameters<double> g;
    g.resize(c);
    g.setZero();
    net.backward(part, tr, lc, double(b.steps * b.trials), g);
    return g;
  };
  const auto whole = gradOf(b);
  auto a = gradOf(b.slice(0, 2));
  const auto second = gradOf(b.slice(2, 2));
  EXPECT_TRUE(whole.W_rec.isApprox(a.W_rec + second.W_rec, 1e-12));
  EXPECT_TRUE(whole.W_enc.isApprox(a.W_enc + second.W_enc, 1e-12));
  EXPECT_TRUE(whole.W_in.isApprox(a.W_in + second.W_in, 1e-12));
  EXPECT_TRUE(whole.W_out.isApprox(a.W_out + second.W_out, 1e-12));
}

TEST(PlaceCellRnn, UniformPredictionHasLossLogNp) {
  PlaceCellRnnConfig c;
  c.numUnits = 4;
  c.numPlaceCells = 7;
  PlaceCellRnn<double> net(c);  // all weights zero: logits 0, softmax uniform
  Rng rng(1);
  const PlaceCellBatch<double> b = randomBatch(c, 3, 2, rng);
  PlaceCellLossConfig lc;
  EXPECT_NEAR(lossOf(net, b, {}, lc), std::log(7.0), 1e-12);
}

}  // namespace
