#include "engine/runtime/grid_products.h"

#include <chrono>
#include <cmath>

namespace emergence::engine {

std::shared_ptr<GridArenaInfo> makeGridArenaInfo(const GridTrainer& trainer) {
  auto a = std::make_shared<GridArenaInfo>();
  a->spec = trainer.arena().spec();
  a->walls = trainer.arena().walls();
  a->box = trainer.arena().boundingBox();
  if (trainer.config().readout == GridReadout::PlaceCells) {
    a->placeCellCentres = trainer.placeCells().centres();
    a->placeCellSigma = trainer.config().placeCells.sigma;
  }
  return a;
}

std::shared_ptr<GridLiveMapsProduct> computeGridLiveMaps(const SpatialBinning& binning,
                                                         const Arena& arena,
                                                         const Eigen::MatrixXd& sums,
                                                         const Eigen::VectorXd& counts,
                                                         long long samples) {
  const auto start = std::chrono::steady_clock::now();
  auto p = std::make_shared<GridLiveMapsProduct>();
  p->binning = binning;
  p->samples = samples;
  const int n = binning.bins, N = int(sums.rows());
  p->rateMaps.resize(size_t(N));
  p->meanRate = Eigen::VectorXd::Zero(N);
  const double total = counts.sum();
  for (int u = 0; u < N; ++u) {
    Eigen::MatrixXd m(n, n);
    for (int k = 0; k < n * n; ++k)
      m.data()[k] = counts[k] > 0 ? sums(u, k) / counts[k] : std::nan("");
    p->rateMaps[size_t(u)] = std::move(m);
    if (total > 0) p->meanRate[u] = sums.row(u).sum() / total;
  }
  GridScoreConfig gc;
  gc.keepSac = false;  // the inspector shows the SAC of the evaluation
  const GridScorer grid(n, gc);
  const BorderScorer border(arena, binning);
  const BandScorer band(n);
  p->scores = scoreSpatialMaps(p->rateMaps, grid, border, band, 1);
  p->computeSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return p;
}

std::shared_ptr<GridWeightsProduct> computeGridWeightsProduct(const GridTrainer& trainer) {
  auto p = std::make_shared<GridWeightsProduct>();
  p->atUpdate = trainer.updatesDone();
  for (auto& a : trainer.effectiveParameters()) {
    if (a.name == "W_rec")
      p->wRec = std::move(a.value);
    else if (a.name == "W_in")
      p->wIn = std::move(a.value);
    else if (a.name == "W_out")
      p->wOut = std::move(a.value);
  }
  return p;
}

std::shared_ptr<GridEvaluationProduct> computeGridEvaluationProduct(
    const GridNetwork& network, const TrajectoryBatch& trials, const Arena& arena,
    GridEvaluationProduct::Kind kind, int threads, const std::function<void(double)>& progress) {
  const auto start = std::chrono::steady_clock::now();
  auto p = std::make_shared<GridEvaluationProduct>();
  p->kind = kind;
  p->atUpdate = network.update();
  p->arena = arena.spec();
  p->walls = arena.walls();
  p->thresholds = network.config().analysis.thresholds;
  GridEvaluationOptions o;
  o.tuning = true;
  o.threads = threads;
  o.progress = [&](double f) {
    if (progress) progress(0.98 * f);
  };
  p->evaluation = network.evaluate(trials, arena, {}, o);
  const auto& e = p->evaluation;
  std::vector<bool> isGrid(e.classes.classes.size());
  for (size_t u = 0; u < isGrid.size(); ++u) isGrid[u] = e.classes.classes[u] == SpatialClass::Grid;
  p->phases = computeGridPhases(e.rateMaps, e.scores.grid, isGrid);
  p->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (progress) progress(1.0);
  return p;
}

}  // namespace emergence::engine
