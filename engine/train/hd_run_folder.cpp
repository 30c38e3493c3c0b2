#include "engine/train/hd_run_folder.h"

#include <cmath>
#include <cstdio>
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

const char* kHistoryHeader =
    "update,steps,loss,task,activity,weight,train_error,test_error,gradient_norm,activity_l2,"
    "seconds";

std::string historyCsv(const std::vector<HdUpdateRecord>& h) {
  std::string out = std::string(kHistoryHeader) + "\n";
  char line[512];
  for (const auto& r : h) {
    char test[32] = "";
    if (!std::isnan(r.testError)) std::snprintf(test, sizeof test, "%.9g", r.testError);
    std::snprintf(line, sizeof line, "%lld,%d,%.9g,%.9g,%.9g,%.9g,%.17g,%s,%.9g,%.17g,%.6g\n",
                  r.update, r.steps, r.loss, r.task, r.activity, r.weight, r.trainError, test,
                  r.gradientNorm, r.activityL2, r.seconds);
    out += line;
  }
  return out;
}

std::vector<HdUpdateRecord> parseHistory(const std::string& path) {
  std::istringstream in(readWholeFile(path));
  std::string line;
  if (!std::getline(in, line) || line != kHistoryHeader)
    throw FileError(path, "header", "expected \"" + std::string(kHistoryHeader) + "\"");
  std::vector<HdUpdateRecord> h;
  int lineNo = 1;
  while (std::getline(in, line)) {
    ++lineNo;
    if (line.empty()) continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) f.push_back(cell);
    if (line.back() == ',') f.push_back("");
    if (f.size() != 11)
      throw FileError(path, "line " + std::to_string(lineNo),
                      "expected 11 columns, got " + std::to_string(f.size()));
    auto num = [&](int k, const char* name) {
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
    HdUpdateRecord r;
    r.update = (long long)num(0, "update");
    r.steps = int(num(1, "steps"));
    r.loss = num(2, "loss");
    r.task = num(3, "task");
    r.activity = num(4, "activity");
    r.weight = num(5, "weight");
    r.trainError = num(6, "train_error");
    if (!f[7].empty()) r.testError = num(7, "test_error");
    r.gradientNorm = num(8, "gradient_norm");
    r.activityL2 = num(9, "activity_l2");
    r.seconds = num(10, "seconds");
    if (!h.empty() && r.update != h.back().update + 1)
      throw FileError(path, "line " + std::to_string(lineNo) + ", update",
                      "updates must be consecutive");
    h.push_back(r);
  }
  return h;
}


NpzWriter weightsArchive(const CtrnnParameters<float>& p, const CtrnnMasks& m) {
  NpzWriter w;
  w.add("W_in", p.W_in);
  w.add("W_rec", p.W_rec);
  w.add("W_out", p.W_out);
  w.add("b_rec", p.b_rec);
  w.add("b_out", p.b_out);
  w.add("x0", p.x0);
  w.add("mask_rec", m.rec);
  w.add("mask_in", m.in);
  w.add("mask_out", m.out);
  return w;
}

}  // namespace

void writeCtrnnWeights(const CtrnnParameters<float>& p, const CtrnnMasks& m,
                       const std::string& path) {
  weightsArchive(p, m).save(path);
}

void readCtrnnWeights(const std::string& path, const CtrnnConfig& c, CtrnnParameters<float>& p,
                      CtrnnMasks& m) {
  const NpzReader r = NpzReader::load(path);
  const int N = c.numUnits;
  p.W_in = r.matrixF("W_in", N, c.numInputs);
  p.W_rec = r.matrixF("W_rec", N, N);
  p.W_out = r.matrixF("W_out", c.numOutputs, N);
  p.b_rec = r.vectorF("b_rec", N);
  p.b_out = r.vectorF("b_out", c.numOutputs);
  p.x0 = r.vectorF("x0", N);
  m.rec = r.matrixF("mask_rec", N, N);
  m.in = r.matrixF("mask_in", N, c.numInputs);
  m.out = r.matrixF("mask_out", c.numOutputs, N);
  auto finite = [&](const char* name, const auto& a) {
    if (!a.allFinite()) throw FileError(path, name, "contains NaN or infinite values");
  };
  finite("W_in", p.W_in);
  finite("W_rec", p.W_rec);
  finite("W_out", p.W_out);
  finite("b_rec", p.b_rec);
  finite("b_out", p.b_out);
  finite("x0", p.x0);
  auto binary = [&](const char* name, const Eigen::MatrixXf& a) {
    if (!((a.array() == 0.0f) || (a.array() == 1.0f)).all())
      throw FileError(path, name, "mask entries must be 0 or 1");
  };
  binary("mask_rec", m.rec);
  binary("mask_in", m.in);
  binary("mask_out", m.out);
}

void saveHdRun(const HdTrainer& trainer, const std::string& folder) {
  makeDirectories(folder);
  const HdTrainer::State s = trainer.state();
  NpzWriter opt;
  opt.addScalar("step", (int64_t)s.optimizer.step);
  for (size_t k = 0; k < s.optimizer.names.size(); ++k) {
    opt.add("m_" + s.optimizer.names[k], Eigen::VectorXf(s.optimizer.firstMoment[k].matrix()));
    opt.add("v_" + s.optimizer.names[k], Eigen::VectorXf(s.optimizer.secondMoment[k].matrix()));
  }
  const nlohmann::json state = {{"update", s.update},
                                {"activity_l2", s.activityL2},
                                {"curriculum_steps", s.curriculumSteps},
                                {"full_length_since", s.fullLengthSince},
                                {"failure", s.failure}};
  std::string log;
  for (const auto& e : s.interventionLog)
    log += nlohmann::json{{"update", e.update}, {"action", e.action}, {"id", e.id},
                          {"intervention", e.intervention}}
               .dump() +
           "\n";
  writeFilesTogether({{join(folder, "config.json"), toJson(trainer.config()).dump(2) + "\n"},
                      {join(folder, "weights.npz"), weightsArchive(s.params, s.baseMasks).serialize()},
                      {join(folder, "initial_weights.npz"),
                       weightsArchive(s.initial, s.baseMasks).serialize()},
                      {join(folder, "optimizer.npz"), opt.serialize()},
                      {join(folder, "state.json"), state.dump(2) + "\n"},
                      {join(folder, "history.csv"), historyCsv(s.history)},
                      {join(folder, "log.jsonl"), log}});
}

void saveHdCheckpoint(const HdTrainer& trainer, const std::string& folder) {
  const std::string dir = join(folder, "checkpoints");
  makeDirectories(dir);
  char name[64];
  std::snprintf(name, sizeof name, "update_%06lld.npz", trainer.updatesDone());
  writeCtrnnWeights(trainer.model().params, trainer.baseMasks(), join(dir, name));
}

HdRunConfig loadHdRunConfig(const std::string& folder) {
  const std::string path = join(folder, "config.json");
  return hdRunConfigFromJson(JsonFields::parseFile(path), path);
}

HdTrainer loadHdRun(const std::string& folder, int threads) {
  const HdRunConfig config = loadHdRunConfig(folder);
  HdTrainer trainer(config, threads);
  HdTrainer::State s;
  readCtrnnWeights(join(folder, "weights.npz"), config.model, s.params, s.baseMasks);
  CtrnnMasks initialMasks;
  readCtrnnWeights(join(folder, "initial_weights.npz"), config.model, s.initial, initialMasks);

  const std::string statePath = join(folder, "state.json");
  const nlohmann::json stateJson = JsonFields::parseFile(statePath);
  const JsonFields st(stateJson, statePath);
  s.update = st.requiredInteger("update", 0, 1LL << 40);
  s.activityL2 = st.requiredNumber("activity_l2", 0.0, 1e6);
  s.curriculumSteps = int(st.integer("curriculum_steps", 0, 0, 1 << 30));
  s.fullLengthSince = st.integer("full_length_since", -1, -1, 1LL << 40);
  s.failure = st.string("failure", "");
  st.rejectUnknown();

  const std::string optPath = join(folder, "optimizer.npz");
  const NpzReader opt = NpzReader::load(optPath);
  s.optimizer.step = (long long)opt.scalar("step");
  if (s.optimizer.step > 0) {
    CtrnnParameters<float> shapes = s.params;
    shapes.forEach([&](const char* name, float*, Eigen::Index n) {
      s.optimizer.names.push_back(name);
      s.optimizer.firstMoment.push_back(opt.vectorF(std::string("m_") + name, int(n)).array());
      s.optimizer.secondMoment.push_back(opt.vectorF(std::string("v_") + name, int(n)).array());
    });
  }
  s.history = parseHistory(join(folder, "history.csv"));
  if ((long long)s.history.size() != s.update)
    throw FileError(join(folder, "history.csv"), "rows",
                    "has " + std::to_string(s.history.size()) + " updates but state.json says " +
                        std::to_string(s.update));

  const std::string logPath = join(folder, "log.jsonl");
  std::istringstream logIn(readWholeFile(logPath));
  std::string line;
  int lineNo = 0;
  while (std::getline(logIn, line)) {
    ++lineNo;
    if (line.empty()) continue;
    const nlohmann::json j = JsonFields::parseText(line, logPath + ":" + std::to_string(lineNo));
    const JsonFields e(j, logPath, "line " + std::to_string(lineNo) + ".");
    InterventionLogEntry entry;
    entry.update = e.requiredInteger("update", 0, 1LL << 40);
    entry.action = e.oneOf("action", "add", {"add", "remove"});
    entry.id = int(e.requiredInteger("id", 1, 1 << 30));
    if (!e.has("intervention")) e.fail("intervention", "missing");
    entry.intervention = j.at("intervention");
    e.object("intervention");
    e.rejectUnknown();
    s.interventionLog.push_back(entry);
  }
  try {
    trainer.restore(s);
  } catch (const std::exception& ex) {
    throw FileError(folder, "", std::string("inconsistent run folder: ") + ex.what());
  }
  return trainer;
}

}  // namespace emergence::engine
