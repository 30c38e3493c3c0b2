#include "engine/train/grid_trainer.h"

#include <chrono>
#include <cmath>

#include "engine/core/parallel.h"
#include "engine/core/random.h"
#include "engine/train/grid_models.h"

namespace emergence::engine {

GridTrainer::GridTrainer(const GridRunConfig& config, int threads)
    : m_config(config),
      m_threads(threads < 1 ? 1 : threads),
      m_arena(config.arena),
      m_placeCells(m_arena, config.placeCells),
      m_optimizer(config.training.optimizer),
      m_development(config.analysis.thresholds, config.analysis.bins) {
  m_config.normalise();
  Rng master(m_config.seed);
  Rng init = master.stream(kInitStream);
  m_model = makeGridModel(m_config, m_placeCells, init);
  m_trainingMaps = std::make_unique<RateMapAccumulator>(
      SpatialBinning::forArena(m_arena, m_config.analysis.bins), m_model->numUnits());
  Rng evalRng = master.stream(kEvalStream);
  m_eval = drawTrajectories(m_arena, m_config.analysis.evalTrials, evalRng,
                            m_config.analysis.evalSteps);
}

GridTrainer::~GridTrainer() = default;
GridTrainer::GridTrainer(GridTrainer&&) noexcept = default;

int GridTrainer::numUnits() const { return m_model->numUnits(); }

TrajectoryBatch GridTrainer::drawTrajectories(const Arena& arena, int trials, Rng& rng,
                                              int steps) const {
  if (m_config.trajectory == TrajectoryModel::Rat) {
    RatTrajectoryConfig c = m_config.rat;
    if (steps > 0) c.steps = steps;
    return generateRatTrajectories(arena, c, trials, rng);
  }
  CuevaWeiTrajectoryConfig c = m_config.cuevaWei;
  if (steps > 0) c.steps = steps;
  return generateCuevaWeiTrajectories(arena, c, trials, rng);
}

GridUpdateRecord GridTrainer::step() {
  GridUpdateRecord rec;
  if (failed()) {
    rec.loss = std::numeric_limits<double>::quiet_NaN();
    return rec;
  }
  const auto start = std::chrono::steady_clock::now();
  const auto& tc = m_config.training;
  const int B = tc.batchSize, shards = std::min(tc.shards, B), T = m_config.steps();
  Rng master(m_config.seed);
  Rng taskRng = master.stream(kTaskStream + std::uint64_t(m_update));
  const TrajectoryBatch tb = drawTrajectories(m_arena, B, taskRng);
  m_model->setBatch(tb);
  const double samples = double(T) * B;
  std::vector<GridLossSums> sums(shards);
  parallelFor(shards, m_threads, [&](int s) {
    const int first = int((long long)s * B / shards), last = int((long long)(s + 1) * B / shards);
    Rng noise = master.stream(kNoiseStream + std::uint64_t(m_update) * 64 + std::uint64_t(s));
    sums[s] = m_model->shardStep(s, first, last - first, samples, 2.0 * samples, &noise);
  });
  for (int s = 1; s < shards; ++s) sums[0].add(sums[s]);
  // Live rate maps from the training batch (activity as the network had it, noise included).
  for (int s = 0; s < shards; ++s) {
    const int first = int((long long)s * B / shards), last = int((long long)(s + 1) * B / shards);
    m_trainingMaps->add(m_model->shardRates(s), truePositionsOfTrials(tb, first, last - first));
  }
  m_model->reduceGradients(shards);
  rec = m_model->finish(sums[0]);
  rec.update = m_update + 1;
  rec.gradientNorm = clipGradientNorm(m_model->gradientMaps(), tc.gradientClip);
  if (!std::isfinite(rec.loss) || !std::isfinite(rec.gradientNorm)) {
    m_failure = "training stopped at update " + std::to_string(rec.update) +
                ": the loss or gradient became " + (std::isnan(rec.loss) ? "NaN" : "infinite") +
                "; the weights of update " + std::to_string(m_update) +
                " are kept (try a smaller learning rate or gradient clipping)";
    rec.loss = std::numeric_limits<double>::quiet_NaN();
    return rec;
  }
  AdamWConfig opt = tc.optimizer;
  opt.learningRate = m_config.learningRateAt(m_update);
  m_optimizer.setConfig(opt);
  m_optimizer.step(m_model->views());
  ++m_update;
  rec.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m_history.push_back(rec);
  return rec;
}

GridTrainer::Recording GridTrainer::record(const TrajectoryBatch& tb,
                                           const UnitPerturbations& ps) const {
  Recording r;
  r.trajectories = tb;
  // Record in shards over the trials so memory stays bounded for large evaluation sets.
  const int B = tb.trials, T = tb.steps, chunk = 500;
  const int chunks = (B + chunk - 1) / chunk;
  r.rates.resize(m_model->numUnits(), Eigen::Index(T) * B);
  r.decoded.resize(2, Eigen::Index(T) * B);
  parallelFor(chunks, m_threads, [&](int k) {
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
  return r;
}

namespace {

GridEvaluation evaluateRecording(const GridTrainer::Recording& rec, const Arena& arena,
                                 const GridRunConfig& c, int threads) {
  GridEvaluation e;
  const Eigen::MatrixXd truth = positionTargets(rec.trajectories);
  e.decodingErrorCm = 100.0 * meanDecodingError(rec.decoded, truth);
  e.binning = SpatialBinning::forArena(arena, c.analysis.bins);
  e.rateMaps = computeRateMaps(e.binning, rec.rates, truth);
  const GridScorer grid(c.analysis.bins);
  const BorderScorer border(arena, e.binning);
  const BandScorer band(c.analysis.bins);
  e.scores = scoreSpatialMaps(e.rateMaps, grid, border, band, threads);
  // Band null: shuffled maps smoothed by 2 bins, like network maps (which are spatially smooth);
  // an unsmoothed permutation is white noise and would call every smooth map a band
  // (border_band_scores.h).
  ShuffleNullConfig shuffle;
  shuffle.shuffles = 200;
  shuffle.seed = c.seed;
  shuffle.smoothSigmaBins = 2.0;
  const ShuffleNull null = spatialShuffleNull(e.rateMaps, band, &grid, shuffle, threads);
  e.gridNullThreshold = null.gridThreshold(95.0);
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
  return e;
}

}  // namespace

GridEvaluation GridTrainer::evaluate(const UnitPerturbations& ps, bool recordPoint) {
  GridEvaluation e = evaluateRecording(record(m_eval, ps), m_arena, m_config, m_threads);
  e.update = m_update;
  if (recordPoint) m_development.record(m_update, e.classes);
  return e;
}

GridEvaluation GridTrainer::evaluateInArena(const ArenaSpec& spec, const UnitPerturbations& ps) {
  const Arena arena(spec);
  Rng evalRng = Rng(m_config.seed).stream(kEvalStream);
  const TrajectoryBatch tb = drawTrajectories(arena, m_config.analysis.evalTrials, evalRng,
                                              m_config.analysis.evalSteps);
  GridEvaluation e = evaluateRecording(record(tb, ps), arena, m_config, m_threads);
  e.update = m_update;
  return e;
}

std::vector<GridTrainer::NamedArray> GridTrainer::parameters() const {
  return m_model->parameters();
}

}  // namespace emergence::engine
