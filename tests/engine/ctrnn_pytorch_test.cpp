// The CTRNN and AdamW against PyTorch: fixtures written by tools/make_ctrnn_fixtures.py
// (torch float64 autograd; torch.optim.AdamW + clip_grad_norm_), read from
// EMERGENCE_FIXTURE_DIR. Regenerate with `/usr/bin/python3 tools/make_ctrnn_fixtures.py`.
//
// CtrnnPytorch: outputs y, every r_t, loss terms, normalised error and every parameter gradient
// (forward → lossSums → finishLoss → backward → addPenaltyGradients → maskGradients) agree to
// 1e-9 relative (element-wise, floor at 1e-3 of the array's largest magnitude).
// Noise: the fixtures carry their noise values explicitly, because our Rng differs from torch's.
//  - noise off: Ctrnn::forward as is, on the whole batch and on per-trial shards;
//  - "state" noise ξ_t (added to the drive a_t): exactly an injected current, so each trial is
//    run as a one-trial shard with one UnitPerturbation::Inject per unit and step — the engine's
//    own forward pass, and a check that shard sums and gradients add up to the batch;
//  - "after"/"before" noise cannot be injected through the current API. If Ctrnn::forward gains
//    an optional explicit-noise argument (N × (T·B), same columns as inputs, values added as
//    they are), the test uses it automatically; until then it builds the trace with a small
//    replica of the forward pass below and checks the engine's loss and backward pass on it.
// AdamWPytorch: clipGradientNorm and AdamW::step (float) against torch for 3 steps.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "engine/core/random.h"
#include "engine/models/ctrnn.h"
#include "engine/train/adamw.h"

using namespace emergence::engine;
using nlohmann::json;

namespace {

namespace fs = std::filesystem;

std::vector<std::string> fixtureNames(const std::string& prefix) {
  std::vector<std::string> names;
  const fs::path dir(EMERGENCE_FIXTURE_DIR);
  if (!fs::is_directory(dir)) return names;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string file = e.path().filename().string();
    if (file.rfind(prefix, 0) == 0 && e.path().extension() == ".json")
      names.push_back(file.substr(prefix.size(), file.size() - prefix.size() - 5));
  }
  std::sort(names.begin(), names.end());
  return names;
}

json readJson(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  return json::parse(in);
}

// [rows][cols] → matrix.
Eigen::MatrixXd matrixFrom(const json& j) {
  if (j.empty()) return Eigen::MatrixXd(0, 0);
  if (!j[0].is_array()) {  // a vector
    Eigen::MatrixXd v(j.size(), 1);
    for (size_t i = 0; i < j.size(); ++i) v(i, 0) = j[i].get<double>();
    return v;
  }
  Eigen::MatrixXd m(j.size(), j[0].size());
  for (size_t r = 0; r < j.size(); ++r)
    for (size_t c = 0; c < j[r].size(); ++c) m(r, c) = j[r][c].get<double>();
  return m;
}

// [T][B][D] → D × (T·B), column t·B + b.
Eigen::MatrixXd sequenceFrom(const json& j) {
  const Eigen::Index T = j.size(), B = j[0].size(), D = j[0][0].size();
  Eigen::MatrixXd m(D, T * B);
  for (Eigen::Index t = 0; t < T; ++t)
    for (Eigen::Index b = 0; b < B; ++b)
      for (Eigen::Index d = 0; d < D; ++d) m(d, t * B + b) = j[t][b][d].get<double>();
  return m;
}

// Element-wise |got − want| ≤ rel·max(|want|, floor·max|want|); reports the first mismatches.
void expectClose(const Eigen::MatrixXd& got, const Eigen::MatrixXd& want, double rel,
                 const std::string& what, double floor = 1e-3) {
  ASSERT_EQ(got.rows(), want.rows()) << what;
  ASSERT_EQ(got.cols(), want.cols()) << what;
  double scale = 0.0;  // a plain loop: GCC 12 warns spuriously inside Eigen's AVX-512 maxCoeff
  for (Eigen::Index i = 0; i < want.size(); ++i) scale = std::max(scale, std::abs(want.data()[i]));
  int reported = 0, bad = 0;
  double worst = 0.0;
  for (Eigen::Index c = 0; c < want.cols(); ++c)
    for (Eigen::Index r = 0; r < want.rows(); ++r) {
      const double ref = std::max(std::abs(want(r, c)), floor * scale);
      const double err = std::abs(got(r, c) - want(r, c));
      const double relErr = ref > 0 ? err / ref : err;
      worst = std::max(worst, relErr);
      if (!(relErr <= rel)) {
        ++bad;
        if (reported++ < 5)
          ADD_FAILURE() << what << "(" << r << "," << c << "): got " << got(r, c) << ", torch "
                        << want(r, c) << ", relative error " << relErr;
      }
    }
  if (bad > 5) ADD_FAILURE() << what << ": " << bad << " mismatches, worst relative " << worst;
}

void expectCloseScalar(double got, double want, double rel, const std::string& what) {
  const double ref = std::max(std::abs(want), 1e-300);
  EXPECT_LE(std::abs(got - want) / ref, rel) << what << ": got " << got << ", torch " << want;
}

// ---------------------------------------------------------------------------------------------
// CTRNN
// ---------------------------------------------------------------------------------------------
struct CtrnnCase {
  json j;
  CtrnnConfig config;
  CtrnnLossConfig loss;
  SequenceBatch<double> batch;
  Eigen::MatrixXd noise;  // N × (T·B), empty when noise is off
  std::string noisePosition = "none";
};

CtrnnCase loadCtrnnCase(const std::string& name) {
  CtrnnCase k;
  k.j = readJson(fs::path(EMERGENCE_FIXTURE_DIR) / ("ctrnn_fixture_" + name + ".json"));
  const json& c = k.j.at("config");
  k.config.numInputs = c.at("num_inputs");
  k.config.numUnits = c.at("num_units");
  k.config.numOutputs = c.at("num_outputs");
  k.config.dtOverTau = c.at("dt_over_tau");
  k.config.nonlinearity = nonlinearityFromString(c.at("nonlinearity").get<std::string>());
  k.config.noisePosition = noisePositionFromString(c.at("noise_position").get<std::string>());
  k.config.noiseStd = c.at("noise_std");
  k.config.maskSelfConnections = c.at("mask_self_connections");
  k.config.learnInitialState = c.at("learn_initial_state");
  k.config.learnRecurrentBias = c.at("learn_recurrent_bias");
  k.config.learnOutputBias = c.at("learn_output_bias");
  const json& l = k.j.at("loss_config");
  k.loss.activityL2 = l.at("activity_l2");
  k.loss.weightL2In = l.at("weight_l2_in");
  k.loss.weightL2Rec = l.at("weight_l2_rec");
  k.loss.weightL2Out = l.at("weight_l2_out");
  k.loss.weightL1In = l.at("weight_l1_in");
  k.loss.weightL1Rec = l.at("weight_l1_rec");
  k.loss.weightL1Out = l.at("weight_l1_out");
  k.batch.steps = k.j.at("steps");
  k.batch.trials = k.j.at("trials");
  k.batch.inputs = sequenceFrom(k.j.at("inputs"));
  k.batch.targets = sequenceFrom(k.j.at("targets"));
  const json& m = k.j.at("loss_mask");
  k.batch.lossMask.resize(Eigen::Index(k.batch.steps) * k.batch.trials);
  for (int t = 0; t < k.batch.steps; ++t)
    for (int b = 0; b < k.batch.trials; ++b)
      k.batch.lossMask[Eigen::Index(t) * k.batch.trials + b] = m[t][b].get<double>();
  if (c.at("noise").get<bool>()) {
    k.noise = sequenceFrom(k.j.at("noise"));
    k.noisePosition = c.at("noise_position").get<std::string>();
  }
  return k;
}

Ctrnn<double> makeNet(const CtrnnCase& k) {
  Ctrnn<double> net(k.config);
  const json& p = k.j.at("params");
  net.params.W_in = matrixFrom(p.at("W_in"));
  net.params.W_rec = matrixFrom(p.at("W_rec"));
  net.params.W_out = matrixFrom(p.at("W_out"));
  net.params.b_rec = matrixFrom(p.at("b_rec"));
  net.params.b_out = matrixFrom(p.at("b_out"));
  net.params.x0 = matrixFrom(p.at("x0"));
  const json& m = k.j.at("masks");
  net.masks.rec = matrixFrom(m.at("rec")).cast<float>();
  net.masks.in = matrixFrom(m.at("in")).cast<float>();
  net.masks.out = matrixFrom(m.at("out")).cast<float>();
  return net;
}

// Uses Ctrnn::forward(batch, perturbations, noiseRng, trace, recordState, const Mat* noise)
// when the engine provides it; returns false otherwise.
template <typename Net>
bool forwardWithExplicitNoise(const Net& net, const SequenceBatch<double>& batch,
                              const Eigen::MatrixXd& noise, CtrnnTrace<double>& tr) {
  if constexpr (requires(const Net& n, const typename Net::Mat* m, Rng* rng) {
                  n.forward(batch, UnitPerturbations{}, rng, tr, false, m);
                }) {
    const typename Net::Mat* m = &noise;
    net.forward(batch, UnitPerturbations{}, nullptr, tr, false, m);
    return true;
  } else {
    return false;
  }
}

// Replica of the forward pass (equations of ctrnn.h) with explicit noise, producing the trace
// the engine's backward pass consumes. Only used for "after"/"before" noise, and only until the
// engine accepts explicit noise.
CtrnnTrace<double> replicaForward(const Ctrnn<double>& net, const SequenceBatch<double>& b,
                                  const Eigen::MatrixXd& noise, NoisePosition pos) {
  const auto& c = net.config();
  const int N = c.numUnits, T = b.steps, B = b.trials;
  const double alpha = c.dtOverTau;
  const Eigen::MatrixXd wRec = net.params.W_rec.cwiseProduct(net.masks.rec.cast<double>());
  const Eigen::MatrixXd wIn = net.params.W_in.cwiseProduct(net.masks.in.cast<double>());
  const Eigen::MatrixXd wOut = net.params.W_out.cwiseProduct(net.masks.out.cast<double>());
  auto f = [&](double z, double& r, double& fp) {
    switch (c.nonlinearity) {
      case Nonlinearity::RectifiedTanh: {
        const double th = std::tanh(z);
        r = z > 0 ? th : 0.0;
        fp = z > 0 ? 1.0 - th * th : 0.0;
        break;
      }
      case Nonlinearity::Tanh: {
        const double th = std::tanh(z);
        r = th;
        fp = 1.0 - th * th;
        break;
      }
      case Nonlinearity::Relu:
        r = z > 0 ? z : 0.0;
        fp = z > 0 ? 1.0 : 0.0;
        break;
    }
  };
  CtrnnTrace<double> tr;
  tr.steps = T;
  tr.trials = B;
  tr.r.resize(N, Eigen::Index(T + 1) * B);
  tr.fprime.resize(N, Eigen::Index(T + 1) * B);
  Eigen::MatrixXd x(N, B);
  for (int bb = 0; bb < B; ++bb) {
    x.col(bb) = net.params.x0;
    for (int i = 0; i < N; ++i) f(x(i, bb), tr.r(i, bb), tr.fprime(i, bb));
  }
  for (int t = 1; t <= T; ++t) {
    for (int bb = 0; bb < B; ++bb) {
      const Eigen::Index prev = Eigen::Index(t - 1) * B + bb, cur = Eigen::Index(t) * B + bb;
      Eigen::VectorXd a = wRec * tr.r.col(prev) + wIn * b.inputs.col(prev) + net.params.b_rec;
      if (pos == NoisePosition::InState) a += noise.col(prev);
      x.col(bb) = (1.0 - alpha) * x.col(bb) + alpha * a;
      for (int i = 0; i < N; ++i) {
        const double z = x(i, bb) + (pos == NoisePosition::BeforeNonlinearity ? noise(i, prev) : 0);
        f(z, tr.r(i, cur), tr.fprime(i, cur));
        if (pos == NoisePosition::AfterNonlinearity) tr.r(i, cur) += noise(i, prev);
      }
    }
  }
  tr.y = wOut * tr.r.rightCols(Eigen::Index(T) * B);
  tr.y.colwise() += net.params.b_out;
  return tr;
}

// "State" noise as injected currents: ξ of trial `trial` at step t on unit u.
UnitPerturbations stateNoiseAsInjection(const Eigen::MatrixXd& noise, int steps, int trials,
                                        int trial) {
  UnitPerturbations pert;
  for (int t = 1; t <= steps; ++t)
    for (int u = 0; u < noise.rows(); ++u)
      pert.push_back({UnitPerturbation::Kind::Inject, {u},
                      noise(u, Eigen::Index(t - 1) * trials + trial), t, t + 1});
  return pert;
}

struct Result {
  Eigen::MatrixXd y, r;  // batch layout
  CtrnnLoss loss;
  CtrnnParameters<double> grad;
};

// Runs the engine on shards of `shardSize` trials (shard traces reassembled into the batch
// layout), with `tracer(shardBatch, first, trace)` producing each shard's forward trace.
template <typename Tracer>
Result runEngine(const Ctrnn<double>& net, const CtrnnCase& k, int shardSize, Tracer tracer) {
  const int T = k.batch.steps, B = k.batch.trials, N = k.config.numUnits;
  std::vector<SequenceBatch<double>> shards;
  std::vector<CtrnnTrace<double>> traces;
  CtrnnLossSums sums;
  Result res;
  res.y.resize(k.config.numOutputs, Eigen::Index(T) * B);
  res.r.resize(N, Eigen::Index(T + 1) * B);
  for (int first = 0; first < B; first += shardSize) {
    const int count = std::min(shardSize, B - first);
    shards.push_back(k.batch.slice(first, count));
    traces.emplace_back();
    tracer(shards.back(), first, traces.back());
    const auto s = net.lossSums(shards.back(), traces.back());
    if (first == 0) sums = s; else sums.add(s);
    for (int t = 0; t <= T; ++t)
      for (int i = 0; i < count; ++i) {
        res.r.col(Eigen::Index(t) * B + first + i) = traces.back().r.col(Eigen::Index(t) * count + i);
        if (t < T)
          res.y.col(Eigen::Index(t) * B + first + i) = traces.back().y.col(Eigen::Index(t) * count + i);
      }
  }
  res.loss = net.finishLoss(sums, k.loss, B, T);
  res.grad.resize(k.config);
  res.grad.setZero();
  for (size_t s = 0; s < shards.size(); ++s)
    net.backward(shards[s], traces[s], k.loss, sums.validElements, B, res.grad);
  net.addPenaltyGradients(k.loss, res.grad);
  net.maskGradients(res.grad);
  return res;
}

void compareWithTorch(const Result& res, const CtrnnCase& k, const std::string& label) {
  constexpr double kRel = 1e-9;
  const json& e = k.j.at("expected");
  expectClose(res.y, sequenceFrom(e.at("y")), kRel, label + " y");
  expectClose(res.r, sequenceFrom(e.at("r")), kRel, label + " r");
  const json& l = e.at("loss");
  expectCloseScalar(res.loss.task, l.at("task"), kRel, label + " loss.task");
  if (k.loss.activityL2 != 0.0)
    expectCloseScalar(res.loss.activity, l.at("activity"), kRel, label + " loss.activity");
  else
    EXPECT_EQ(res.loss.activity, 0.0);
  if (l.at("weight").get<double>() != 0.0)
    expectCloseScalar(res.loss.weight, l.at("weight"), kRel, label + " loss.weight");
  else
    EXPECT_EQ(res.loss.weight, 0.0);
  expectCloseScalar(res.loss.total, l.at("total"), kRel, label + " loss.total");
  expectCloseScalar(res.loss.normalizedError, l.at("normalized_error"), kRel,
                    label + " normalizedError");
  const json& g = e.at("grad");
  expectClose(res.grad.W_in, matrixFrom(g.at("W_in")), kRel, label + " dW_in");
  expectClose(res.grad.W_rec, matrixFrom(g.at("W_rec")), kRel, label + " dW_rec");
  expectClose(res.grad.W_out, matrixFrom(g.at("W_out")), kRel, label + " dW_out");
  expectClose(res.grad.b_rec, matrixFrom(g.at("b_rec")), kRel, label + " db_rec");
  expectClose(res.grad.b_out, matrixFrom(g.at("b_out")), kRel, label + " db_out");
  expectClose(res.grad.x0, matrixFrom(g.at("x0")), kRel, label + " dx0");
}

std::vector<std::string> ctrnnFixtures() { return fixtureNames("ctrnn_fixture_"); }
std::vector<std::string> adamwFixtures() { return fixtureNames("adamw_fixture_"); }

class CtrnnPytorchFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(CtrnnPytorchFixture, OutputsLossAndGradientsMatchTorch) {
  const CtrnnCase k = loadCtrnnCase(GetParam());
  SCOPED_TRACE(GetParam() + ": " + k.j.value("description", std::string()));
  const Ctrnn<double> net = makeNet(k);
  const int B = k.batch.trials;

  if (k.noisePosition == "none") {
    auto noiseFree = [&](const SequenceBatch<double>& s, int, CtrnnTrace<double>& tr) {
      net.forward(s, {}, nullptr, tr);
    };
    compareWithTorch(runEngine(net, k, B, noiseFree), k, "engine forward");
    compareWithTorch(runEngine(net, k, 1, noiseFree), k, "engine forward, 1-trial shards");
    compareWithTorch(runEngine(net, k, 2, noiseFree), k, "engine forward, 2-trial shards");
  } else if (k.noisePosition == "state") {
    // ξ_t enters the drive a_t exactly like an injected current.
    auto injected = [&](const SequenceBatch<double>& s, int first, CtrnnTrace<double>& tr) {
      ASSERT_EQ(s.trials, 1);
      net.forward(s, stateNoiseAsInjection(k.noise, k.batch.steps, B, first), nullptr, tr);
    };
    compareWithTorch(runEngine(net, k, 1, injected), k, "engine forward, noise injected");
  } else {
    bool explicitApi = true;
    auto withNoise = [&](const SequenceBatch<double>& s, int first, CtrnnTrace<double>& tr) {
      explicitApi = forwardWithExplicitNoise(net, s, k.noise, tr);
      if (!explicitApi) tr = replicaForward(net, s, k.noise, k.config.noisePosition);
    };
    const Result res = runEngine(net, k, B, withNoise);
    std::printf("[ %s ] noise '%s': %s\n", GetParam().c_str(), k.noisePosition.c_str(),
                explicitApi ? "engine forward with explicit noise"
                            : "replicated forward (engine has no explicit-noise input); engine "
                              "loss and backward checked");
    compareWithTorch(res, k, explicitApi ? "engine forward, explicit noise" : "replica forward");
  }
}

INSTANTIATE_TEST_SUITE_P(CtrnnPytorch, CtrnnPytorchFixture, ::testing::ValuesIn(ctrnnFixtures()),
                         [](const auto& info) { return info.param; });

TEST(CtrnnPytorch, FixturesPresent) {
  const auto names = ctrnnFixtures();
  EXPECT_GE(names.size(), 7u) << "run /usr/bin/python3 tools/make_ctrnn_fixtures.py";
  for (const char* required : {"retanh_after", "tanh_before", "relu_state", "retanh_nonoise"})
    EXPECT_NE(std::find(names.begin(), names.end(), required), names.end()) << required;
}

// The diagonal mask of the fixtures is the one CtrnnMasks::reset builds.
TEST(CtrnnPytorch, FixtureDiagonalMaskMatchesEngineDefault) {
  for (const auto& name : ctrnnFixtures()) {
    const CtrnnCase k = loadCtrnnCase(name);
    CtrnnMasks m;
    m.reset(k.config);
    const Eigen::MatrixXd fixtureRec = matrixFrom(k.j.at("masks").at("rec"));
    for (int i = 0; i < k.config.numUnits; ++i)
      EXPECT_EQ(double(m.rec(i, i)), fixtureRec(i, i)) << name << " unit " << i;
  }
}

// ---------------------------------------------------------------------------------------------
// AdamW + gradient clipping
// ---------------------------------------------------------------------------------------------
Eigen::ArrayXf floatArray(const json& j) {
  Eigen::ArrayXf a(j.size());
  for (size_t i = 0; i < j.size(); ++i) a[i] = float(j[i].get<double>());
  return a;
}
Eigen::MatrixXd doubleColumn(const json& j) { return matrixFrom(j); }

class AdamWPytorchFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(AdamWPytorchFixture, ThreeStepsMatchTorch) {
  const json j =
      readJson(fs::path(EMERGENCE_FIXTURE_DIR) / ("adamw_fixture_" + GetParam() + ".json"));
  SCOPED_TRACE(GetParam() + ": " + j.value("description", std::string()));
  const json& c = j.at("config");
  AdamWConfig cfg;
  cfg.learningRate = c.at("lr");
  cfg.beta1 = c.at("beta1");
  cfg.beta2 = c.at("beta2");
  cfg.epsilon = c.at("eps");
  cfg.weightDecay = c.at("weight_decay");
  const double maxNorm = c.at("max_grad_norm");
  AdamW opt(cfg);

  std::vector<std::string> names;
  std::vector<Eigen::ArrayXf> values, grads;
  for (const auto& p : j.at("params")) {
    names.push_back(p.at("name").get<std::string>());
    values.push_back(floatArray(p.at("initial")));
    grads.push_back(Eigen::ArrayXf::Zero(values.back().size()));
  }
  // Float results against float64 torch. Float rounding of one update is ~1e-7 relative, so
  // 2e-6 (element-wise, floor at 10% of the array's largest magnitude for cancellations; params
  // relative to max(1, |p|)) leaves a margin of ~10 and still catches a wrong constant: e.g.
  // (1 − β2) evaluated in float, 1 − float(0.999), is 1.29e-5 too small and shows up in v.
  constexpr double kRel = 2e-6, kFloor = 0.1;
  int step = 0;
  for (const auto& s : j.at("steps")) {
    ++step;
    const std::string at = " step " + std::to_string(step);
    std::vector<Eigen::Map<Eigen::ArrayXf>> maps;
    for (size_t k = 0; k < grads.size(); ++k) {
      grads[k] = floatArray(s.at("grads")[k]);
      maps.emplace_back(grads[k].data(), grads[k].size());
    }
    const double norm = clipGradientNorm(maps, maxNorm);
    expectCloseScalar(norm, s.at("norm_before_clip"), 1e-9, "gradient norm" + at);
    std::vector<ParameterView> views;
    for (size_t k = 0; k < values.size(); ++k) {
      expectClose(grads[k].cast<double>().matrix(), doubleColumn(s.at("clipped_grads")[k]), kRel,
                  names[k] + " clipped gradient" + at, kFloor);
      views.push_back({names[k], values[k].data(), grads[k].data(), nullptr, values[k].size()});
    }
    opt.step(views);
    EXPECT_EQ(opt.stepCount(), step);
    const AdamW::State st = opt.state();
    for (size_t k = 0; k < values.size(); ++k) {
      const Eigen::MatrixXd want = doubleColumn(s.at("params_after")[k]);
      const Eigen::ArrayXd got = values[k].cast<double>();
      for (Eigen::Index i = 0; i < got.size(); ++i)
        EXPECT_LE(std::abs(got[i] - want(i, 0)), kRel * std::max(1.0, std::abs(want(i, 0))))
            << names[k] << "[" << i << "]" << at << ": got " << got[i] << ", torch "
            << want(i, 0);
      expectClose(st.firstMoment[k].cast<double>().matrix(), doubleColumn(s.at("exp_avg")[k]),
                  kRel, names[k] + " exp_avg (m)" + at, kFloor);
      expectClose(st.secondMoment[k].cast<double>().matrix(),
                  doubleColumn(s.at("exp_avg_sq")[k]), kRel, names[k] + " exp_avg_sq (v)" + at,
                  kFloor);
    }
  }
  EXPECT_EQ(step, 3);
}

INSTANTIATE_TEST_SUITE_P(AdamWPytorch, AdamWPytorchFixture, ::testing::ValuesIn(adamwFixtures()),
                         [](const auto& info) { return info.param; });

TEST(AdamWPytorch, FixturesPresent) {
  EXPECT_GE(adamwFixtures().size(), 2u) << "run /usr/bin/python3 tools/make_ctrnn_fixtures.py";
}

// Entries whose mask is 0 are frozen: no decay, no moment update (adamw.h).
TEST(AdamWPytorch, MaskedEntriesStayFrozen) {
  AdamWConfig cfg;
  cfg.learningRate = 0.05;
  cfg.weightDecay = 0.1;
  AdamW opt(cfg);
  Eigen::ArrayXf value(4), grad(4), mask(4);
  value << 1.0f, -2.0f, 0.5f, 3.0f;
  mask << 1.0f, 0.0f, 1.0f, 0.0f;
  const Eigen::ArrayXf initial = value;
  for (int s = 0; s < 3; ++s) {
    grad << 0.3f, 0.7f, -0.2f, -1.1f;
    opt.step({{"w", value.data(), grad.data(), mask.data(), value.size()}});
  }
  EXPECT_EQ(value[1], initial[1]);
  EXPECT_EQ(value[3], initial[3]);
  EXPECT_NE(value[0], initial[0]);
  EXPECT_NE(value[2], initial[2]);
  const auto st = opt.state();
  EXPECT_EQ(st.firstMoment[0][1], 0.0f);
  EXPECT_EQ(st.secondMoment[0][3], 0.0f);
}

}  // namespace
