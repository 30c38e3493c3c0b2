#include "engine/train/grid_network.h"

#include <algorithm>
#include <cmath>

#include "engine/core/parallel.h"
#include "engine/core/random.h"
#include "engine/train/grid_models.h"

namespace emergence::engine {

GridNetwork::GridNetwork(std::shared_ptr<const GridTrainer::Model> model,
                         const GridRunConfig& config, long long update)
    : m_model(std::move(model)),
      m_config(std::make_shared<const GridRunConfig>(config)),
      m_update(update) {}

int GridNetwork::numUnits() const { return m_model->numUnits(); }

std::vector<GridTrainer::NamedArray> GridNetwork::parameters(bool effective) const {
  return m_model->parameters(effective);
}

void GridNetwork::liveStart(const Eigen::Vector2d& position, const UnitPerturbations& ps,
                            GridLiveState& st) const {
  m_model->liveStart(position, ps, st);
}

void GridNetwork::liveStep(const Eigen::VectorXf& input, const UnitPerturbations& ps,
                           GridLiveState& st) const {
  m_model->liveStep(input, ps, st);
}

Eigen::MatrixXf GridNetwork::networkInputs(const TrajectoryBatch& tb) const {
  return gridNetworkInputs(*m_config, tb);
}

TrajectoryBatch GridNetwork::evaluationTrials(const Arena& arena) const {
  Rng rng = Rng(m_config->seed).stream(GridTrainer::kEvalStream);
  const int trials = m_config->analysis.evalTrials, steps = m_config->analysis.evalSteps;
  if (m_config->trajectory == TrajectoryModel::Rat) {
    RatTrajectoryConfig rat = m_config->rat;
    if (steps > 0) rat.steps = steps;
    return generateRatTrajectories(arena, rat, trials, rng);
  }
  CuevaWeiTrajectoryConfig cw = m_config->cuevaWei;
  if (steps > 0) cw.steps = steps;
  return generateCuevaWeiTrajectories(arena, cw, trials, rng);
}

GridTrainer::Recording GridNetwork::record(const TrajectoryBatch& tb, const UnitPerturbations& ps,
                                           int threads,
                                           const std::function<void(double)>& progress) const {
  GridTrainer::Recording r;
  r.trajectories = tb;
  // Record in chunks of trials so memory stays bounded for large evaluation sets; chunks run in
  // waves of `threads` so progress can be reported between waves.
  const int B = tb.trials, T = tb.steps, chunk = 500;
  const int chunks = (B + chunk - 1) / chunk;
  const int wave = std::max(1, threads);
  r.rates.resize(m_model->numUnits(), Eigen::Index(T) * B);
  r.decoded.resize(2, Eigen::Index(T) * B);
  for (int w0 = 0; w0 < chunks; w0 += wave) {
    const int inWave = std::min(wave, chunks - w0);
    parallelFor(inWave, threads, [&](int w) {
      const int k = w0 + w;
      const int first = k * chunk, count = std::min(chunk, B - first);
      TrajectoryBatch part;
      part.steps = T;
      part.trials = count;
      part.dt = tb.dt;
      part.positions.resize(2, Eigen::Index(T + 1) * count);
      part.velocities.resize(2, Eigen::Index(T) * count);
      part.speed = tb.speed.middleCols(first, count);
      part.heading = tb.heading.middleCols(first, count);
      for (int t = 0; t <= T; ++t)
        part.positions.middleCols(Eigen::Index(t) * count, count) =
            tb.positions.middleCols(Eigen::Index(t) * B + first, count);
      for (int t = 0; t < T; ++t)
        part.velocities.middleCols(Eigen::Index(t) * count, count) =
            tb.velocities.middleCols(Eigen::Index(t) * B + first, count);
      Eigen::MatrixXf rates;
      Eigen::MatrixXd decoded;
      m_model->record(part, ps, rates, decoded);
      for (int t = 0; t < T; ++t) {
        r.rates.middleCols(Eigen::Index(t) * B + first, count) =
            rates.middleCols(Eigen::Index(t) * count, count);
        r.decoded.middleCols(Eigen::Index(t) * B + first, count) =
            decoded.middleCols(Eigen::Index(t) * count, count);
      }
    });
    if (progress) progress(double(w0 + inWave) / chunks);
  }
  return r;
}

GridEvaluation GridNetwork::evaluate(const TrajectoryBatch& tb, const Arena& arena,
                                     const UnitPerturbations& ps,
                                     const GridEvaluationOptions& o) const {
  const GridRunConfig& c = *m_config;
  const int threads = std::max(1, o.threads);
  // Fractions of the work by stage (measured on the default preset): recording 40 %, scores
  // 40 %, shuffle null 15 %, tuning 5 %.
  auto report = [&](double f) {
    if (o.progress) o.progress(std::clamp(f, 0.0, 1.0));
  };
  report(0.0);
  const GridTrainer::Recording rec = record(tb, ps, threads, [&](double f) { report(0.4 * f); });
  GridEvaluation e;
  e.update = m_update;
  const Eigen::MatrixXd truth = positionTargets(rec.trajectories);
  e.decodingErrorCm = 100.0 * meanDecodingError(rec.decoded, truth);
  e.binning = SpatialBinning::forArena(arena, c.analysis.bins);
  e.rateMaps = computeRateMaps(e.binning, rec.rates, truth);
  const GridScorer grid(c.analysis.bins);
  const BorderScorer border(arena, e.binning);
  const BandScorer band(c.analysis.bins);
  // Scores in groups of units, so progress moves and a cancel is noticed.
  const int U = int(e.rateMaps.size()), group = 32;
  for (int first = 0; first < U; first += group) {
    const int count = std::min(group, U - first);
    const std::vector<Eigen::MatrixXd> part(e.rateMaps.begin() + first,
                                            e.rateMaps.begin() + first + count);
    SpatialScores s = scoreSpatialMaps(part, grid, border, band, threads);
    e.scores.grid.insert(e.scores.grid.end(), s.grid.begin(), s.grid.end());
    e.scores.border.insert(e.scores.border.end(), s.border.begin(), s.border.end());
    e.scores.band.insert(e.scores.band.end(), s.band.begin(), s.band.end());
    e.scores.units.insert(e.scores.units.end(), s.units.begin(), s.units.end());
    report(0.4 + 0.4 * double(first + count) / std::max(1, U));
  }
  // Band null: shuffled maps smoothed by 2 bins, like network maps (which are spatially smooth);
  // an unsmoothed permutation is white noise and would call every smooth map a band
  // (border_band_scores.h).
  ShuffleNullConfig shuffle;
  shuffle.shuffles = 200;
  shuffle.seed = c.seed;
  shuffle.smoothSigmaBins = 2.0;
  const ShuffleNull null = spatialShuffleNull(e.rateMaps, band, &grid, shuffle, threads);
  e.bandNull = null.band;
  e.gridNullThreshold = null.gridThreshold(95.0);
  report(0.95);
  e.classes = classifySpatialUnits(e.scores.units, c.analysis.thresholds, null);
  int above = 0;
  for (const auto& g : e.scores.grid) {
    const double s = c.analysis.thresholds.gridMinMax ? g.score60MinMax : g.score60Mean;
    if (std::isfinite(s)) {
      above += s > c.analysis.thresholds.grid;
      e.maxScore60 = std::isfinite(e.maxScore60) ? std::max(e.maxScore60, s) : s;
    }
  }
  e.fractionGridAbove = e.rateMaps.empty() ? 0.0 : double(above) / double(e.rateMaps.size());
  if (o.tuning) {
    e.meanRate = rec.rates.cast<double>().rowwise().mean();
    const Eigen::VectorXd headings = flattenTimeMajor(rec.trajectories.heading);
    const Eigen::VectorXd speeds = flattenTimeMajor(rec.trajectories.speed);
    e.direction = computeDirectionTuning(rec.rates, headings, 36);
    e.speed = computeSpeedTuning(rec.rates, speeds, 20);
  }
  report(1.0);
  return e;
}

}  // namespace emergence::engine
