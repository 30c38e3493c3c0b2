#include "engine/train/grid_run_folder.h"

#include <cstdio>
#include <filesystem>
#include <sstream>

#include "engine/io/atomic_file.h"
#include "engine/io/file_error.h"
#include "engine/io/json_fields.h"
#include "engine/io/npz.h"

namespace emergence::engine {
namespace {

std::string join(const std::string& folder, const std::string& name) {
  return (std::filesystem::path(folder) / name).string();
}

const char* kHistoryHeader =
    "update,loss,task,weight,activity,decoding_error_cm,gradient_norm,seconds";
const char* kDevelopmentHeader =
    "update,units,grid,border,band,other,grid_above,border_above,band_above,band_threshold";

std::string historyCsv(const std::vector<GridUpdateRecord>& h) {
  std::string out = std::string(kHistoryHeader) + "\n";
  char line[320];
  // %.17g: the history of a resumed run is the saved one, bit for bit.
  for (const auto& r : h) {
    std::snprintf(line, sizeof line, "%lld,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.6g\n", r.update,
                  r.loss, r.task, r.weight, r.activity, r.decodingErrorCm, r.gradientNorm,
                  r.seconds);
    out += line;
  }
  return out;
}

// Splits CSV lines of a file into numbers, checking the header and the column count.
std::vector<std::vector<double>> readCsv(const std::string& path, const char* header,
                                         size_t columns, bool allowComments) {
  std::istringstream in(readWholeFile(path));
  std::string line;
  int lineNo = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    if (allowComments && !line.empty() && line[0] == '#') continue;
    break;
  }
  if (line != header) throw FileError(path, "header", "expected \"" + std::string(header) + "\"");
  std::vector<std::vector<double>> rows;
  while (std::getline(in, line)) {
    ++lineNo;
    if (line.empty()) continue;
    std::vector<double> row;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) {
      try {
        size_t used = 0;
        row.push_back(std::stod(cell, &used));
        if (used != cell.size()) throw std::invalid_argument("trailing");
      } catch (const std::exception&) {
        throw FileError(path, "line " + std::to_string(lineNo), "not a number: \"" + cell + "\"");
      }
    }
    if (row.size() != columns)
      throw FileError(
          path, "line " + std::to_string(lineNo),
          "expected " + std::to_string(columns) + " columns, got " + std::to_string(row.size()));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<GridUpdateRecord> parseHistory(const std::string& path) {
  std::vector<GridUpdateRecord> h;
  for (const auto& r : readCsv(path, kHistoryHeader, 8, false)) {
    GridUpdateRecord g;
    g.update = (long long)r[0];
    g.loss = r[1];
    g.task = r[2];
    g.weight = r[3];
    g.activity = r[4];
    g.decodingErrorCm = r[5];
    g.gradientNorm = r[6];
    g.seconds = r[7];
    if (g.update != (long long)h.size() + 1)
      throw FileError(path, "line " + std::to_string(h.size() + 2) + ", update",
                      "updates must be consecutive from 1, got " + std::to_string(g.update));
    h.push_back(g);
  }
  return h;
}

std::vector<DevelopmentPoint> parseDevelopment(const std::string& path) {
  std::vector<DevelopmentPoint> out;
  for (const auto& r : readCsv(path, kDevelopmentHeader, 10, true)) {
    DevelopmentPoint p;
    p.update = (long long)r[0];
    p.units = int(r[1]);
    p.counts = {int(r[2]), int(r[3]), int(r[4]), int(r[5]), int(r[6]), int(r[7]), int(r[8])};
    p.bandThreshold = r[9];
    out.push_back(p);
  }
  return out;
}

std::vector<InterventionLogEntry> parseLog(const std::string& logPath) {
  std::vector<InterventionLogEntry> out;
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
    out.push_back(entry);
  }
  return out;
}

}  // namespace

void saveGridRun(const GridTrainer& trainer, const std::string& folder) {
  makeDirectories(folder);
  const GridTrainer::State s = trainer.state();
  NpzWriter weights;
  for (const auto& a : s.params) weights.add(a.name, a.value);
  NpzWriter opt;
  opt.addScalar("step", (int64_t)s.optimizer.step);
  for (size_t k = 0; k < s.optimizer.names.size(); ++k) {
    opt.add("m_" + s.optimizer.names[k], Eigen::VectorXf(s.optimizer.firstMoment[k].matrix()));
    opt.add("v_" + s.optimizer.names[k], Eigen::VectorXf(s.optimizer.secondMoment[k].matrix()));
  }
  const nlohmann::json state = {{"update", s.update}, {"failure", s.failure}};
  std::string log;
  for (const auto& e : s.interventionLog)
    log += nlohmann::json{{"update", e.update},
                          {"action", e.action},
                          {"id", e.id},
                          {"intervention", e.intervention}}
               .dump() +
           "\n";
  writeFilesTogether({{join(folder, "config.json"), toJson(trainer.config()).dump(2) + "\n"},
                      {join(folder, "weights.npz"), weights.serialize()},
                      {join(folder, "optimizer.npz"), opt.serialize()},
                      {join(folder, "state.json"), state.dump(2) + "\n"},
                      {join(folder, "history.csv"), historyCsv(s.history)},
                      {join(folder, "development.csv"), trainer.developmentCurve().toCsv()},
                      {join(folder, "log.jsonl"), log}});
}

GridRunConfig loadGridRunConfig(const std::string& folder) {
  const std::string path = join(folder, "config.json");
  return gridRunConfigFromJson(JsonFields::parseFile(path), path);
}

std::string runFolderLab(const std::string& folder) {
  const std::string path = join(folder, "config.json");
  const nlohmann::json j = JsonFields::parseFile(path);
  if (!j.contains("lab")) return "";
  if (!j.at("lab").is_string()) throw FileError(path, "lab", "expected a string");
  return j.at("lab").get<std::string>();
}

GridTrainer loadGridRun(const std::string& folder, int threads) {
  const GridRunConfig config = loadGridRunConfig(folder);
  GridTrainer trainer(config, threads);
  GridTrainer::State s;

  // Weights: every array the model has, with its shape.
  const std::string weightsPath = join(folder, "weights.npz");
  const NpzReader w = NpzReader::load(weightsPath);
  for (const auto& a : trainer.parameters()) {
    GridTrainer::NamedArray read{a.name,
                                 w.matrixF(a.name, int(a.value.rows()), int(a.value.cols()))};
    if (!read.value.allFinite())
      throw FileError(weightsPath, a.name, "contains NaN or infinite values");
    s.params.push_back(std::move(read));
  }

  const std::string statePath = join(folder, "state.json");
  const nlohmann::json stateJson = JsonFields::parseFile(statePath);
  const JsonFields st(stateJson, statePath);
  s.update = st.requiredInteger("update", 0, 1LL << 40);
  s.failure = st.string("failure", "");
  st.rejectUnknown();

  const std::string optPath = join(folder, "optimizer.npz");
  const NpzReader opt = NpzReader::load(optPath);
  s.optimizer.step = (long long)opt.scalar("step");
  if (s.optimizer.step < 0) throw FileError(optPath, "step", "must be ≥ 0");
  if (s.optimizer.step > 0) {
    for (const auto& a : trainer.parameters()) {
      if (a.name == "place_cell_centres") continue;  // not a trained parameter
      const int n = int(a.value.size());
      s.optimizer.names.push_back(a.name);
      s.optimizer.firstMoment.push_back(opt.vectorF("m_" + a.name, n).array());
      s.optimizer.secondMoment.push_back(opt.vectorF("v_" + a.name, n).array());
    }
  }
  const std::string historyPath = join(folder, "history.csv");
  s.history = parseHistory(historyPath);
  if ((long long)s.history.size() != s.update)
    throw FileError(historyPath, "rows",
                    "has " + std::to_string(s.history.size()) + " updates but state.json says " +
                        std::to_string(s.update));
  s.development = parseDevelopment(join(folder, "development.csv"));
  s.interventionLog = parseLog(join(folder, "log.jsonl"));
  try {
    trainer.restore(s);
  } catch (const std::exception& ex) {
    throw FileError(folder, "", std::string("inconsistent run folder: ") + ex.what());
  }
  return trainer;
}

void saveGridEvaluation(const GridEvaluation& e, const std::string& path) {
  NpzWriter w;
  const int U = int(e.rateMaps.size()), n = e.binning.bins;
  std::vector<double> maps;
  maps.reserve(size_t(U) * n * n);
  for (const auto& m : e.rateMaps)
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) maps.push_back(m(i, j));
  w.add("rate_maps", maps, {U, n, n});
  Eigen::VectorXd s60(U), s60m(U), s90(U), border(U), band(U), spacing(U), orient(U);
  Eigen::VectorXi classes(U);
  for (int u = 0; u < U; ++u) {
    const auto& g = e.scores.grid[size_t(u)];
    s60[u] = g.score60MinMax;
    s60m[u] = g.score60Mean;
    s90[u] = g.score90;
    spacing[u] = g.spacingBins * e.binning.binWidth();
    orient[u] = g.orientationDeg;
    border[u] = e.scores.units[size_t(u)].border;
    band[u] = e.scores.units[size_t(u)].band;
    classes[u] = int(e.classes.classes[size_t(u)]);
  }
  w.add("score60_min_max", s60);
  w.add("score60_mean", s60m);
  w.add("score90", s90);
  w.add("border", border);
  w.add("band", band);
  w.add("classes", classes);
  w.add("spacing_m", spacing);
  w.add("orientation_deg", orient);
  Eigen::VectorXd ex(n + 1), ey(n + 1);
  for (int k = 0; k <= n; ++k) {
    ex[k] = e.binning.xMin + k * e.binning.binWidth();
    ey[k] = e.binning.yMin + k * e.binning.binHeight();
  }
  w.add("bin_edges_x", ex);
  w.add("bin_edges_y", ey);
  w.addScalar("decoding_error_cm", e.decodingErrorCm);
  w.addScalar("band_threshold", e.classes.bandThreshold);
  w.addScalar("grid_shuffle_p95", e.gridNullThreshold);
  w.addScalar("update", int64_t(e.update));
  w.save(path);
}

}  // namespace emergence::engine
