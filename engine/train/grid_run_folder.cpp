#include "engine/train/grid_run_folder.h"

#include <cstdio>
#include <filesystem>

#include "engine/io/atomic_file.h"
#include "engine/io/npz.h"

namespace emergence::engine {
namespace {

std::string join(const std::string& folder, const std::string& name) {
  return (std::filesystem::path(folder) / name).string();
}

std::string historyCsv(const std::vector<GridUpdateRecord>& h) {
  std::string out = "update,loss,task,weight,activity,decoding_error_cm,gradient_norm,seconds\n";
  char line[256];
  for (const auto& r : h) {
    std::snprintf(line, sizeof line, "%lld,%.9g,%.9g,%.9g,%.9g,%.6g,%.9g,%.6g\n", r.update, r.loss,
                  r.task, r.weight, r.activity, r.decodingErrorCm, r.gradientNorm, r.seconds);
    out += line;
  }
  return out;
}

}  // namespace

void saveGridRun(const GridTrainer& trainer, const std::string& folder) {
  makeDirectories(folder);
  NpzWriter weights;
  for (const auto& a : trainer.parameters()) weights.add(a.name, a.value);
  writeFilesTogether({{join(folder, "config.json"), toJson(trainer.config()).dump(2) + "\n"},
                      {join(folder, "weights.npz"), weights.serialize()},
                      {join(folder, "history.csv"), historyCsv(trainer.history())},
                      {join(folder, "development.csv"), trainer.developmentCurve().toCsv()}});
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
