// `emergence-cli analyze` and `emergence-cli export`.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/cli/cli_options.h"
#include "engine/analysis/hd_report.h"
#include "engine/io/atomic_file.h"
#include "engine/io/file_error.h"
#include "engine/io/npz.h"
#include "engine/train/hd_run_folder.h"

namespace emergence::cli {
namespace fs = std::filesystem;

int runAnalyze(const std::vector<std::string>& args) {
  const Options o(args, {"trials", "steps", "json", "compass-min-strength", "compass-max-slope",
                         "weak-max-slope", "weak-max-strength", "dead-range", "dead-strength"},
                  {});
  if (o.positional().size() != 1)
    throw std::invalid_argument("analyze needs exactly one run folder (see --help)");
  const std::string folder = o.positional()[0];
  const auto start = std::chrono::steady_clock::now();
  engine::HdTrainer trainer = engine::loadHdRun(folder, 2);
  engine::HdReportConfig rc;
  rc.testTrials = int(o.integer("trials", rc.testTrials));
  rc.testSteps = int(o.integer("steps", rc.testSteps));
  auto& th = rc.thresholds;
  th.compassMinStrength = o.number("compass-min-strength", th.compassMinStrength);
  th.compassMaxSlope = o.number("compass-max-slope", th.compassMaxSlope);
  th.weakMaxSlope = o.number("weak-max-slope", th.weakMaxSlope);
  th.weakMaxStrength = o.number("weak-max-strength", th.weakMaxStrength);
  th.deadRange = o.number("dead-range", th.deadRange);
  th.deadStrength = o.number("dead-strength", th.deadStrength);
  if (rc.testTrials < 2 || rc.testSteps <= trainer.config().task.cueSteps + 1)
    throw std::invalid_argument("--trials must be ≥ 2 and --steps longer than the cue");
  std::printf("analysing %s (update %lld, %d test trials × %d steps, noise off)…\n", folder.c_str(),
              trainer.updatesDone(), rc.testTrials, rc.testSteps);
  std::fflush(stdout);
  const engine::HdReport report = engine::analyzeHdNetwork(trainer.model(), trainer.initialParameters(),
                                                           trainer.config().task, rc);
  const std::string out = (fs::path(folder) / "analysis.npz").string();
  engine::writeHdAnalysis(report, out);
  const auto lines = engine::hdAcceptance(report);
  std::cout << "Acceptance figures (head-direction.md §12), class thresholds: compass |slope| <= "
            << rc.thresholds.compassMaxSlope << " and strength > " << rc.thresholds.compassMinStrength
            << "\n"
            << engine::formatAcceptance(lines);
  bool allPass = true;
  for (const auto& l : lines) allPass = allPass && (!l.gating || l.pass);
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%s — wrote %s in %.1f s\n", allPass ? "ALL ACCEPTANCE FIGURES PASS" : "SOME FIGURES FAIL",
              out.c_str(), secs);
  if (o.has("json")) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& l : lines)
      j.push_back({{"name", l.name}, {"value", l.value}, {"requirement", l.requirement},
                   {"gating", l.gating}, {"pass", l.pass}});
    engine::writeFileAtomic(o.get("json", ""), j.dump(2) + "\n");
  }
  return allPass ? 0 : 4;
}

namespace {
// One .npz array as CSV: 2-D arrays as rows × columns, 1-D as a column, scalars as one value.
void writeCsv(const engine::NpzReader& r, const std::string& name, const std::string& path) {
  const engine::NpyArray& a = r.array(name);
  std::string text;
  char buf[64];
  if (a.shape.size() == 2) {
    const Eigen::MatrixXd m = r.matrixD(name);
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
      for (Eigen::Index j = 0; j < m.cols(); ++j) {
        std::snprintf(buf, sizeof buf, j ? ",%.9g" : "%.9g", m(i, j));
        text += buf;
      }
      text += "\n";
    }
  } else if (a.shape.size() <= 1) {
    const Eigen::VectorXd v = a.shape.empty() ? Eigen::VectorXd::Constant(1, r.scalar(name))
                                              : r.vectorD(name);
    for (Eigen::Index i = 0; i < v.size(); ++i) {
      std::snprintf(buf, sizeof buf, "%.9g\n", v[i]);
      text += buf;
    }
  } else {
    return;  // no ≥ 3-D arrays in our files
  }
  engine::writeFileAtomic(path, text);
}
}  // namespace

int runExport(const std::vector<std::string>& args) {
  const Options o(args, {"csv"}, {});
  if (o.positional().size() != 1 || !o.has("csv"))
    throw std::invalid_argument("usage: export RUN_DIR --csv OUT_DIR");
  const std::string folder = o.positional()[0], outDir = o.get("csv", "");
  engine::makeDirectories(outDir);
  int files = 0;
  for (const char* archive : {"weights.npz", "initial_weights.npz", "analysis.npz"}) {
    const std::string path = (fs::path(folder) / archive).string();
    if (!fs::exists(path)) {
      if (std::string(archive) == "analysis.npz")
        std::fprintf(stderr, "note: %s missing (run `emergence-cli analyze %s` first)\n", path.c_str(),
                     folder.c_str());
      continue;
    }
    const engine::NpzReader r = engine::NpzReader::load(path);
    const std::string prefix = fs::path(archive).stem().string();
    for (const auto& name : r.names()) {
      writeCsv(r, name, (fs::path(outDir) / (prefix + "." + name + ".csv")).string());
      ++files;
    }
  }
  fs::copy_file(fs::path(folder) / "history.csv", fs::path(outDir) / "history.csv",
                fs::copy_options::overwrite_existing);
  std::printf("wrote %d CSV files and history.csv to %s\n", files + 1, outDir.c_str());
  return 0;
}

}  // namespace emergence::cli
