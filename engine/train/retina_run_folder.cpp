// The retina run folder (retina_run_folder.h).
#include "engine/train/retina_run_folder.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "engine/io/atomic_file.h"
#include "engine/io/file_error.h"
#include "engine/io/json_fields.h"
#include "engine/io/npz.h"

namespace emergence::engine {
namespace {

namespace fs = std::filesystem;
std::string join(const std::string& folder, const std::string& name) {
  return (fs::path(folder) / name).string();
}

std::string shapeText(const std::vector<int64_t>& s) {
  std::string t = "(";
  for (size_t i = 0; i < s.size(); ++i) t += (i ? ", " : "") + std::to_string(s[i]);
  return t + (s.size() == 1 ? ",)" : ")");
}

// C-order shape of every saved parameter array (the storage of retina_cnn.h is that order).
std::vector<int64_t> shapeOf(const std::string& name, const RetinaCnnConfig& c) {
  const int64_t C1 = c.conv1Channels, C2 = c.conv2Channels, H = c.historyFrames, R = c.conv1Rank;
  const int64_t k1 = c.conv1Kernel, k2 = c.conv2Kernel, O1 = c.conv1Out(), O2 = c.conv2Out();
  const bool unit = c.bn == RetinaBnMode::PerUnit;
  const bool sep = c.conv1 == RetinaConv1Kind::Separable;
  if (name == "conv1_weight") return sep ? std::vector<int64_t>{C1, R, k1, k1} : std::vector<int64_t>{C1, H, k1, k1};
  if (name == "conv1_temporal") return {C1, R, H};
  if (name == "conv1_effective") return {C1, H, k1, k1};
  if (name == "conv1_bias") return {C1};
  if (name.rfind("bn1_", 0) == 0) return unit ? std::vector<int64_t>{C1, O1, O1} : std::vector<int64_t>{C1};
  if (name == "conv2_weight") return {C2, C1, k2, k2};
  if (name == "conv2_bias") return {C2};
  if (name.rfind("bn2_", 0) == 0) return unit ? std::vector<int64_t>{C2, O2, O2} : std::vector<int64_t>{C2};
  if (name == "dense_weight") return {c.numCells, c.denseInputs()};
  return {c.numCells};  // bn3_*
}

void addFloat(NpzWriter& w, const std::string& name, const float* p, Eigen::Index n,
              std::vector<int64_t> shape) {
  w.add(name, std::vector<float>(p, p + n), std::move(shape));
}

void addNetwork(NpzWriter& w, const RetinaCnn<float>& net) {
  const RetinaCnnConfig& c = net.config();
  RetinaCnnParameters<float> p = net.params;
  p.forEach([&](const char* name, float* d, Eigen::Index n) { addFloat(w, name, d, n, shapeOf(name, c)); });
  const Eigen::MatrixXf eff = net.effectiveConv1();
  addFloat(w, "conv1_effective", eff.data(), eff.size(), shapeOf("conv1_effective", c));
  const auto& r = net.running;
  addFloat(w, "bn1_running_mean", r.mean1.data(), r.mean1.size(), shapeOf("bn1_", c));
  addFloat(w, "bn1_running_var", r.var1.data(), r.var1.size(), shapeOf("bn1_", c));
  addFloat(w, "bn2_running_mean", r.mean2.data(), r.mean2.size(), shapeOf("bn2_", c));
  addFloat(w, "bn2_running_var", r.var2.data(), r.var2.size(), shapeOf("bn2_", c));
  addFloat(w, "bn3_running_mean", r.mean3.data(), r.mean3.size(), shapeOf("bn3_", c));
  addFloat(w, "bn3_running_var", r.var3.data(), r.var3.size(), shapeOf("bn3_", c));
}

// Reads a float array of exactly `shape` into p[0 … n).
void readFloat(const NpzReader& r, const std::string& name, const std::vector<int64_t>& shape,
               float* p, Eigen::Index n) {
  const NpyArray& a = r.array(name);
  if (a.shape != shape)
    throw FileError(r.path(), name, "expected shape " + shapeText(shape) + ", got " + shapeText(a.shape));
  if (a.dtype == "<f4") {
    std::memcpy(p, a.bytes.data(), size_t(n) * sizeof(float));
  } else if (a.dtype == "<f8") {
    for (Eigen::Index i = 0; i < n; ++i) {
      double v;
      std::memcpy(&v, a.bytes.data() + size_t(i) * sizeof(double), sizeof(double));
      p[i] = float(v);
    }
  } else {
    throw FileError(r.path(), name, "expected dtype '<f4' or '<f8', got '" + a.dtype + "'");
  }
  for (Eigen::Index i = 0; i < n; ++i)
    if (!std::isfinite(p[i])) throw FileError(r.path(), name, "contains NaN or infinite values");
}

void readNetwork(const NpzReader& r, RetinaCnn<float>& net) {
  const RetinaCnnConfig& c = net.config();
  net.params.forEach([&](const char* name, float* d, Eigen::Index n) { readFloat(r, name, shapeOf(name, c), d, n); });
  auto& rs = net.running;
  readFloat(r, "bn1_running_mean", shapeOf("bn1_", c), rs.mean1.data(), rs.mean1.size());
  readFloat(r, "bn1_running_var", shapeOf("bn1_", c), rs.var1.data(), rs.var1.size());
  readFloat(r, "bn2_running_mean", shapeOf("bn2_", c), rs.mean2.data(), rs.mean2.size());
  readFloat(r, "bn2_running_var", shapeOf("bn2_", c), rs.var2.data(), rs.var2.size());
  readFloat(r, "bn3_running_mean", shapeOf("bn3_", c), rs.mean3.data(), rs.mean3.size());
  readFloat(r, "bn3_running_var", shapeOf("bn3_", c), rs.var3.data(), rs.var3.size());
  for (const auto* v : {&rs.var1, &rs.var2, &rs.var3})
    if ((v->array() < 0).any()) throw FileError(r.path(), "bn*_running_var", "negative variance");
}

const char* kHistoryHeader =
    "update,loss,poisson,activity,weight,mean_rate_hz,gradient_norm,learning_rate,seconds,"
    "validation_cc,validation_cc_rate";

std::string historyCsv(const std::vector<RetinaUpdateRecord>& h) {
  std::string out = std::string(kHistoryHeader) + "\n";
  char line[512];
  for (const auto& r : h) {
    char v1[32] = "", v2[32] = "";
    if (!std::isnan(r.validationCc)) std::snprintf(v1, sizeof v1, "%.17g", r.validationCc);
    if (!std::isnan(r.validationCcRate)) std::snprintf(v2, sizeof v2, "%.17g", r.validationCcRate);
    std::snprintf(line, sizeof line, "%lld,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%s,%s\n",
                  r.update, r.loss, r.poisson, r.activity, r.weight, r.meanRateHz, r.gradientNorm,
                  r.learningRate, r.seconds, v1, v2);
    out += line;
  }
  return out;
}

std::vector<RetinaUpdateRecord> parseHistory(const std::string& path) {
  std::istringstream in(readWholeFile(path));
  std::string line;
  if (!std::getline(in, line) || line != kHistoryHeader)
    throw FileError(path, "header", "expected \"" + std::string(kHistoryHeader) + "\"");
  std::vector<RetinaUpdateRecord> h;
  int lineNo = 1;
  while (std::getline(in, line)) {
    ++lineNo;
    if (line.empty()) continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) f.push_back(cell);
    while (f.size() < 11 && line.back() == ',') f.push_back("");
    if (f.size() != 11)
      throw FileError(path, "line " + std::to_string(lineNo),
                      "expected 11 columns, got " + std::to_string(f.size()));
    auto num = [&](size_t k, const char* name) {
      try {
        size_t used = 0;
        const double v = std::stod(f[k], &used);
        if (used != f[k].size()) throw std::invalid_argument("trailing");
        return v;
      } catch (const std::exception&) {
        throw FileError(path, "line " + std::to_string(lineNo) + ", " + name,
                        "not a number: \"" + f[k] + "\"");
      }
    };
    RetinaUpdateRecord r;
    r.update = (long long)num(0, "update");
    r.loss = num(1, "loss");
    r.poisson = num(2, "poisson");
    r.activity = num(3, "activity");
    r.weight = num(4, "weight");
    r.meanRateHz = num(5, "mean_rate_hz");
    r.gradientNorm = num(6, "gradient_norm");
    r.learningRate = num(7, "learning_rate");
    r.seconds = num(8, "seconds");
    if (!f[9].empty()) r.validationCc = num(9, "validation_cc");
    if (!f[10].empty()) r.validationCcRate = num(10, "validation_cc_rate");
    if (r.update != (long long)h.size() + 1)
      throw FileError(path, "line " + std::to_string(lineNo) + ", update", "updates must be 1, 2, 3, …");
    h.push_back(r);
  }
  return h;
}

int cellTypeCode(const std::string& t) {
  if (t == "fast-OFF") return 0;
  if (t == "OSR") return 1;
  if (t == "reversal") return 2;
  return 3;
}

}  // namespace

void saveRetinaRun(const RetinaTrainer& trainer, const std::string& folder) {
  makeDirectories(folder);
  const RetinaTrainer::State s = trainer.state();
  NpzWriter best;
  addNetwork(best, trainer.bestModel());
  best.addScalar("update", int64_t(s.bestUpdate));
  NpzWriter ckpt;
  addNetwork(ckpt, trainer.model());
  ckpt.addScalar("update", int64_t(s.update));
  ckpt.addScalar("step", int64_t(s.optimizer.step));
  for (size_t k = 0; k < s.optimizer.names.size(); ++k) {
    ckpt.add("m_" + s.optimizer.names[k], Eigen::VectorXf(s.optimizer.firstMoment[k].matrix()));
    ckpt.add("v_" + s.optimizer.names[k], Eigen::VectorXf(s.optimizer.secondMoment[k].matrix()));
  }
  const nlohmann::json state = {{"update", s.update},
                                {"learning_rate", s.learningRate},
                                {"best_validation_cc", s.bestCc},
                                {"best_update", s.bestUpdate},
                                {"since_best", s.sinceBest},
                                {"since_lr_change", s.sinceLrChange},
                                {"stop_reason", s.stopReason},
                                {"failed", s.failed}};
  writeFilesTogether({{join(folder, "config.json"), toJson(trainer.config()).dump(2) + "\n"},
                      {join(folder, "weights.npz"), best.serialize()},
                      {join(folder, "checkpoint.npz"), ckpt.serialize()},
                      {join(folder, "state.json"), state.dump(2) + "\n"},
                      {join(folder, "history.csv"), historyCsv(s.history)}});
}

void saveRetinaEvaluation(const RetinaTestEvaluation& e, const SyntheticRetina& truth,
                          const std::string& path) {
  NpzWriter w;
  w.add("predicted_hz", e.predictedHz);
  w.add("rate_hz", e.rateHz);
  w.add("trial_mean_hz", e.trialMeanHz);
  w.add("cc_rate", e.ccRate);
  w.add("cc_trial_mean", e.ccTrialMean);
  w.add("ceiling", e.ceiling);
  w.add("fev", e.fev);
  const int N = truth.numCells();
  Eigen::VectorXd x(N), y(N);
  Eigen::VectorXi type(N);
  for (int n = 0; n < N; ++n) {
    x[n] = truth.cells()[size_t(n)].xPx;
    y[n] = truth.cells()[size_t(n)].yPx;
    type[n] = cellTypeCode(truth.cells()[size_t(n)].type);
  }
  w.add("cell_x_px", x);
  w.add("cell_y_px", y);
  w.add("cell_type", type);
  w.addScalar("update", int64_t(e.update));
  w.save(path);
}

RetinaRunConfig loadRetinaRunConfig(const std::string& folder) {
  const std::string path = join(folder, "config.json");
  return retinaRunConfigFromJson(JsonFields::parseFile(path), path);
}

RetinaCnn<float> loadRetinaNetwork(const std::string& folder, RetinaRunConfig* config) {
  const RetinaRunConfig c = loadRetinaRunConfig(folder);
  RetinaCnn<float> net(c.model);
  readNetwork(NpzReader::load(join(folder, "weights.npz")), net);
  if (config) *config = c;
  return net;
}

RetinaTrainer loadRetinaRun(const std::string& folder, int threads) {
  const RetinaRunConfig config = loadRetinaRunConfig(folder);
  RetinaTrainer trainer(config, threads);
  RetinaTrainer::State s;
  RetinaCnn<float> best(trainer.config().model), current(trainer.config().model);
  const NpzReader bestFile = NpzReader::load(join(folder, "weights.npz"));
  readNetwork(bestFile, best);
  const NpzReader ckpt = NpzReader::load(join(folder, "checkpoint.npz"));
  readNetwork(ckpt, current);
  s.params = current.params;
  s.running = current.running;
  s.bestParams = best.params;
  s.bestRunning = best.running;
  const std::string statePath = join(folder, "state.json");
  const nlohmann::json sj = JsonFields::parseFile(statePath);
  const JsonFields st(sj, statePath);
  s.update = st.requiredInteger("update", 0, 1LL << 40);
  s.learningRate = st.requiredNumber("learning_rate", 0.0, 10.0);
  s.bestCc = st.requiredNumber("best_validation_cc", -2.0, 1.0);
  s.bestUpdate = st.requiredInteger("best_update", 0, 1LL << 40);
  s.sinceBest = int(st.requiredInteger("since_best", 0, 1 << 30));
  s.sinceLrChange = int(st.requiredInteger("since_lr_change", 0, 1 << 30));
  s.stopReason = st.string("stop_reason", "");
  s.failed = st.boolean("failed", false);
  st.rejectUnknown();
  if ((long long)ckpt.scalar("update") != s.update)
    throw FileError(join(folder, "checkpoint.npz"), "update", "differs from state.json's update");
  if ((long long)bestFile.scalar("update") != s.bestUpdate)
    throw FileError(join(folder, "weights.npz"), "update", "differs from state.json's best_update");
  s.optimizer.step = (long long)ckpt.scalar("step");
  if (s.optimizer.step > 0)
    current.params.forEach([&](const char* name, float*, Eigen::Index n) {
      s.optimizer.names.push_back(name);
      s.optimizer.firstMoment.push_back(ckpt.vectorF(std::string("m_") + name, int(n)).array());
      s.optimizer.secondMoment.push_back(ckpt.vectorF(std::string("v_") + name, int(n)).array());
    });
  s.history = parseHistory(join(folder, "history.csv"));
  try {
    trainer.restore(s);
  } catch (const std::exception& ex) {
    throw FileError(folder, "", std::string("inconsistent run folder: ") + ex.what());
  }
  return trainer;
}

}  // namespace emergence::engine
