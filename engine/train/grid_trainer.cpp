#include "engine/train/grid_trainer.h"

#include <chrono>
#include <cmath>
#include <stdexcept>

#include "engine/core/parallel.h"
#include "engine/core/random.h"
#include "engine/train/grid_models.h"
#include "engine/train/grid_network.h"

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
  m_baseMasks = m_model->baseMasks();
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
  m_model->prepareShards(shards);
  const UnitPerturbations perturbations = m_interventions.unitPerturbations();
  const double samples = double(T) * B;
  std::vector<GridLossSums> sums(shards);
  parallelFor(shards, m_threads, [&](int s) {
    const int first = int((long long)s * B / shards), last = int((long long)(s + 1) * B / shards);
    Rng noise = master.stream(kNoiseStream + std::uint64_t(m_update) * 64 + std::uint64_t(s));
    sums[s] =
        m_model->shardStep(s, first, last - first, samples, 2.0 * samples, &noise, perturbations);
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

GridNetwork GridTrainer::network() const {
  return GridNetwork(std::shared_ptr<const Model>(m_model->clone()), m_config, m_update);
}

namespace {
// The trainer's own model seen as a GridNetwork for the duration of one call (no copy).
GridNetwork borrowed(const GridTrainer::Model& model, const GridRunConfig& c, long long update) {
  return GridNetwork(std::shared_ptr<const GridTrainer::Model>(&model, [](const auto*) {}), c,
                     update);
}
}  // namespace

GridTrainer::Recording GridTrainer::record(const TrajectoryBatch& tb,
                                           const UnitPerturbations& ps) const {
  return borrowed(*m_model, m_config, m_update).record(tb, ps, m_threads);
}

GridEvaluation GridTrainer::evaluate(const UnitPerturbations& ps, bool recordPoint) {
  GridEvaluationOptions o;
  o.threads = m_threads;
  GridEvaluation e = borrowed(*m_model, m_config, m_update).evaluate(m_eval, m_arena, ps, o);
  if (recordPoint) m_development.record(m_update, e.classes);
  return e;
}

GridEvaluation GridTrainer::evaluateInArena(const ArenaSpec& spec, const UnitPerturbations& ps) {
  const Arena arena(spec);
  const GridNetwork net = borrowed(*m_model, m_config, m_update);
  GridEvaluationOptions o;
  o.threads = m_threads;
  return net.evaluate(net.evaluationTrials(arena), arena, ps, o);
}

void GridTrainer::addDevelopmentPoint(long long update, const SpatialClassification& classes) {
  m_development.record(update, classes);
}

std::vector<GridTrainer::NamedArray> GridTrainer::parameters() const {
  return m_model->parameters(false);
}

std::vector<GridTrainer::NamedArray> GridTrainer::effectiveParameters() const {
  return m_model->parameters(true);
}

// ---- interventions ----

void GridTrainer::refreshMasks() { m_model->setMasks(m_interventions.effectiveMasks(m_baseMasks)); }

int GridTrainer::addIntervention(const Intervention& i) {
  const int id = m_interventions.add(i, m_model->interventionShape(), m_update);
  refreshMasks();
  return id;
}

bool GridTrainer::removeIntervention(int id) {
  const bool ok = m_interventions.remove(id, m_update);
  refreshMasks();
  return ok;
}

// ---- live trial ----

void GridTrainer::liveStart(const Eigen::Vector2d& position, const UnitPerturbations& ps,
                            GridLiveState& st) const {
  m_model->liveStart(position, ps, st);
}

void GridTrainer::liveStep(const Eigen::VectorXf& input, const UnitPerturbations& ps,
                           GridLiveState& st) const {
  m_model->liveStep(input, ps, st);
}

Eigen::MatrixXf GridTrainer::networkInputs(const TrajectoryBatch& tb) const {
  return gridNetworkInputs(m_config, tb);
}

// ---- save / resume ----

GridTrainer::State GridTrainer::state() const {
  State s;
  s.update = m_update;
  s.params = m_model->parameters(false);
  s.optimizer = m_optimizer.state();
  s.history = m_history;
  s.development = m_development.points();
  s.interventionLog = m_interventions.log();
  s.failure = m_failure;
  return s;
}

void GridTrainer::restore(const State& s) {
  if (s.update < 0) throw std::invalid_argument("update: must be ≥ 0");
  if ((long long)s.history.size() != s.update)
    throw std::invalid_argument("history: " + std::to_string(s.history.size()) +
                                " records for update " + std::to_string(s.update));
  // Interventions first: their indices are checked against the model's sizes.
  InterventionSet interventions;
  interventions.replay(s.interventionLog, m_model->interventionShape());
  m_model->setParameters(s.params);
  for (const auto& a : s.params)
    if (a.name == "place_cell_centres" &&
        !a.value.isApprox(m_placeCells.centres().cast<float>(), 1e-5f))
      throw std::invalid_argument(
          "place_cell_centres: differ from the centres the configuration draws "
          "(model.place_cells.centres_seed)");
  if (s.optimizer.step > 0 || !s.optimizer.names.empty()) m_optimizer.setState(s.optimizer);
  m_update = s.update;
  m_history = s.history;
  m_development.clear();
  for (const auto& p : s.development) m_development.record(p);
  m_interventions = std::move(interventions);
  refreshMasks();
  m_failure = s.failure;
  m_trainingMaps->clear();
}

}  // namespace emergence::engine
