// The retina BN-CNN against PyTorch: fixtures written by tools/make_retina_cnn_fixtures.py (torch
// float64 autograd on independent windows with Conv2d, BatchNorm1d over the flattened layer or
// BatchNorm2d, softplus, Poisson loss + activity L1 + kernel L2), read from EMERGENCE_FIXTURE_DIR.
// Regenerate with `/usr/bin/python3 tools/make_retina_cnn_fixtures.py`.
// Checked (double): training-mode outputs, every loss term, every parameter gradient, the running
// statistics after one update, and eval-mode outputs with them — 1e-9 relative (floor 1e-6 of the
// array's largest magnitude, plus 1e-13 absolute). The fixture's parameter arrays in C order are the engine's storage.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/models/retina_cnn.h"

using namespace emergence::engine;
using nlohmann::json;

namespace {

namespace fs = std::filesystem;

void flatten(const json& j, std::vector<double>& out) {
  if (j.is_array())
    for (const auto& e : j) flatten(e, out);
  else
    out.push_back(j.get<double>());
}

std::vector<double> flat(const json& j) {
  std::vector<double> v;
  flatten(j, v);
  return v;
}

// [rows][cols] → rows × cols matrix.
Eigen::MatrixXd matrixOf(const json& j) {
  Eigen::MatrixXd m(j.size(), j[0].size());
  for (size_t r = 0; r < j.size(); ++r)
    for (size_t c = 0; c < j[r].size(); ++c) m(Eigen::Index(r), Eigen::Index(c)) = j[r][c].get<double>();
  return m;
}

void expectClose(const double* got, const std::vector<double>& want, const std::string& what,
                 double rel = 1e-9) {
  double scale = 0;
  for (double w : want) scale = std::max(scale, std::abs(w));
  int bad = 0;
  for (size_t i = 0; i < want.size(); ++i) {
    // |got − want| ≤ rel·max(|want|, 1e-6·scale) + 1e-13 (the absolute term covers gradients
    // that are exactly 0 in exact arithmetic, e.g. conv biases in front of batch norm).
    const double ref = std::max(std::abs(want[i]), 1e-6 * scale);
    if (!(std::abs(got[i] - want[i]) <= rel * ref + 1e-13) && bad++ < 5)
      ADD_FAILURE() << what << "[" << i << "]: got " << got[i] << ", torch " << want[i];
  }
}

class RetinaCnnPytorch : public ::testing::TestWithParam<std::string> {};

TEST_P(RetinaCnnPytorch, MatchesTorchForwardGradientsAndRunningStatistics) {
  const fs::path path = fs::path(EMERGENCE_FIXTURE_DIR) / ("retina_cnn_fixture_" + GetParam() + ".json");
  std::ifstream in(path);
  ASSERT_TRUE(in) << "missing fixture " << path;
  const json j = json::parse(in);
  const json& cj = j["config"];
  RetinaCnnConfig c;
  c.windowPx = cj["window_px"];
  c.historyFrames = cj["history_frames"];
  c.conv1Channels = cj["conv1_channels"];
  c.conv1Kernel = cj["conv1_kernel"];
  c.conv1 = cj["conv1"] == "separable" ? RetinaConv1Kind::Separable : RetinaConv1Kind::Full;
  c.conv1Rank = cj["conv1_rank"];
  c.conv2Channels = cj["conv2_channels"];
  c.conv2Kernel = cj["conv2_kernel"];
  c.numCells = cj["cells"];
  c.bn = cj["bn"] == "per_unit" ? RetinaBnMode::PerUnit : RetinaBnMode::PerChannel;
  c.bnEpsilon = cj["bn_epsilon"];
  c.bnMomentum = cj["bn_momentum"];
  c.noiseStd = 0.0;
  RetinaCnn<double> net(c);
  net.params.forEach([&](const char* name, double* p, Eigen::Index n) {
    ASSERT_TRUE(j["params"].contains(name)) << name;
    const std::vector<double> v = flat(j["params"][name]);
    ASSERT_EQ(Eigen::Index(v.size()), n) << name;
    std::copy(v.begin(), v.end(), p);
  });
  RetinaLossConfig lc;
  lc.kernelL2 = j["loss_config"]["kernel_l2"];
  lc.activityL1 = j["loss_config"]["activity_l1"];
  lc.poissonEpsilon = j["loss_config"]["poisson_epsilon"];

  const int chunks = j["chunks"], L = j["length"];
  RetinaChunkBatch<double> b;
  b.length = L;
  const Eigen::MatrixXd targets = matrixOf(j["targets"]);
  for (int i = 0; i < chunks; ++i) {
    const std::vector<double> v = flat(j["frames"][i]);
    RetinaChunkBatch<double>::Frames f(L + c.historyFrames - 1, c.windowPx * c.windowPx);
    ASSERT_EQ(Eigen::Index(v.size()), f.size());
    std::copy(v.begin(), v.end(), f.data());  // row-major: frame, y, x
    b.frames.push_back(f);
    b.targets.push_back(targets.middleRows(i * L, L));
  }
  RetinaCnnParameters<double> grad;
  const RetinaLoss loss = net.trainStep(b, lc, nullptr, 2, grad, true);
  EXPECT_NEAR(loss.poisson, j["loss"]["poisson"].get<double>(), 1e-12);
  EXPECT_NEAR(loss.activity, j["loss"]["activity"].get<double>(), 1e-12);
  EXPECT_NEAR(loss.weight, j["loss"]["weight"].get<double>(), 1e-12);
  EXPECT_NEAR(loss.total, j["loss"]["total"].get<double>(), 1e-12);
  Eigen::MatrixXd train(chunks * L, c.numCells);
  for (int i = 0; i < chunks; ++i) train.middleRows(i * L, L) = net.lastOutputs()[size_t(i)];
  const Eigen::MatrixXd wantTrain = matrixOf(j["outputs_train"]);
  const Eigen::MatrixXd dTrain = train - wantTrain;
  EXPECT_LT(dTrain.cwiseAbs().maxCoeff(), 1e-12 * (1 + wantTrain.cwiseAbs().maxCoeff()));
  grad.forEach([&](const char* name, double* p, Eigen::Index n) {
    const std::vector<double> want = flat(j["grads"][name]);
    ASSERT_EQ(Eigen::Index(want.size()), n) << name;
    expectClose(p, want, std::string("grad ") + name);
  });
  const json& rs = j["running"];
  expectClose(net.running.mean1.data(), flat(rs["bn1"]["mean"]), "bn1 running mean");
  expectClose(net.running.var1.data(), flat(rs["bn1"]["var"]), "bn1 running var");
  expectClose(net.running.mean2.data(), flat(rs["bn2"]["mean"]), "bn2 running mean");
  expectClose(net.running.var2.data(), flat(rs["bn2"]["var"]), "bn2 running var");
  expectClose(net.running.mean3.data(), flat(rs["bn3"]["mean"]), "bn3 running mean");
  expectClose(net.running.var3.data(), flat(rs["bn3"]["var"]), "bn3 running var");
  Eigen::MatrixXd eval(chunks * L, c.numCells);
  for (int i = 0; i < chunks; ++i) eval.middleRows(i * L, L) = net.predict(b.frames[size_t(i)], 1);
  const Eigen::MatrixXd wantEval = matrixOf(j["outputs_eval"]);
  const std::vector<double> we(wantEval.data(), wantEval.data() + wantEval.size());
  expectClose(eval.data(), we, "eval outputs");
}

INSTANTIATE_TEST_SUITE_P(RetinaFixtures, RetinaCnnPytorch,
                         ::testing::Values("full_per_unit", "separable_per_channel"));

}  // namespace
