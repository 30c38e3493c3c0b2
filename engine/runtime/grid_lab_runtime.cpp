// Engine thread of the grid-cells lab (grid_lab_runtime.h). The queue, mailbox, transport and
// publish loop are LabRuntimeLoop's; this file trains, schedules the products and runs the
// background evaluations.
#include "engine/runtime/grid_lab_runtime.h"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <map>
#include <set>

#include "engine/runtime/grid_live_trial.h"
#include "engine/runtime/grid_products.h"
#include "engine/train/grid_network.h"
#include "engine/train/grid_run_folder.h"

namespace emergence::engine {
namespace {
using Clock = std::chrono::steady_clock;
constexpr double kWeightsEverySeconds = 1.0, kLiveMapsMinSeconds = 1.0, kHistoryEverySeconds = 0.1;
constexpr double kLiveMapsBudget = 0.05;  // fraction of engine time for the live maps
double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }
std::atomic<std::uint64_t> g_nextRunId{1};
}  // namespace

struct GridLabRuntime::Impl final : LabRuntimeLoop<GridCommand, GridSnapshot> {
  Impl(const GridRunConfig& c, int t) : config(c), threads(std::max(1, t)) {}
  ~Impl() override {
    stopThread();
    cancelEvaluations();
  }

  std::atomic<bool> periodicEvaluations{true};

  // ---- engine thread only ----
  GridRunConfig config;
  int threads;
  std::unique_ptr<GridTrainer> trainer;
  std::uint64_t runId = 0;
  std::shared_ptr<const GridArenaInfo> arenaInfo;
  std::shared_ptr<const TrajectoryBatch> evalSet;
  GridLiveSimulator live;
  std::uint64_t liveMapsVersion = 0, evaluationVersion = 0, weightsVersion = 0;
  std::shared_ptr<const GridLiveMapsProduct> liveMaps;
  std::shared_ptr<const GridEvaluationProduct> evaluation, arenaTest;
  std::shared_ptr<const GridWeightsProduct> weights;
  std::shared_ptr<const std::vector<DevelopmentPoint>> development;
  bool weightsDue = true;
  Clock::time_point weightsAt{}, liveMapsAt{}, historyAt{};
  long long liveMapsUpdate = -1, weightsUpdate = -1;
  // Sliding window of the training maps: the previous half window and where each half starts.
  int mapWindow = 50;
  Eigen::MatrixXd prevSums;
  Eigen::VectorXd prevCounts;
  long long prevSamples = 0, prevFrom = 0, curFrom = 0;
  // Background evaluations: queued frozen networks, the running job, cancelled ones finishing.
  struct Pending {
    std::shared_ptr<const GridNetwork> network;
    bool arenaTest = false, developmentPoint = false;
    ArenaSpec arena;
  };
  std::deque<Pending> pending;
  std::shared_ptr<BackgroundJob> job;
  Pending running;
  std::string jobTitle;
  std::vector<std::shared_ptr<BackgroundJob>> retiring;
  // Interventions released after a number of live steps: id → remaining steps.
  std::map<int, long long> expiring;
  std::set<int> expired;
  std::shared_ptr<const std::vector<GridUpdateRecord>> history;
  size_t historyShown = ~size_t(0);

  void resetNetwork() { adopt(std::make_unique<GridTrainer>(config, threads)); }
  void adopt(std::unique_ptr<GridTrainer> t) {
    cancelEvaluations();
    trainer = std::move(t);
    config = trainer->config();
    runId = g_nextRunId.fetch_add(1);
    arenaInfo = makeGridArenaInfo(*trainer);
    evalSet = std::make_shared<const TrajectoryBatch>(trainer->evaluationSet());
    live.reset(config);
    m_liveStepsPerFrame = config.trajectory == TrajectoryModel::Rat ? 1 : 4;
    live.advance(*trainer, trainer->unitPerturbations(), 0);
    liveMaps.reset();
    evaluation.reset();
    arenaTest.reset();
    weights.reset();
    weightsDue = true;
    liveMapsUpdate = weightsUpdate = -1;
    prevSums.resize(0, 0);
    prevCounts.resize(0);
    prevSamples = 0;
    prevFrom = curFrom = trainer->updatesDone();
    trainer->clearTrainingMaps();
    expiring.clear();
    expired.clear();
    history.reset();
    historyShown = ~size_t(0);
    development = std::make_shared<const std::vector<DevelopmentPoint>>(
        trainer->developmentCurve().points());
    resetTransport();
    // The first evaluation: a development point at update 0, else the state of a loaded run.
    enqueueEvaluation(false, {}, trainer->updatesDone() == 0);
  }

  // ---- evaluations ----
  void enqueueEvaluation(bool arena, const ArenaSpec& spec, bool point) {
    Pending p;
    p.network = std::make_shared<const GridNetwork>(trainer->network());
    p.arenaTest = arena;
    p.arena = spec;
    p.developmentPoint = point;
    pending.push_back(std::move(p));
  }
  void cancelEvaluations() {
    pending.clear();
    if (job) {
      job->cancel();
      retiring.push_back(std::move(job));
      job.reset();
    }
  }
  void startNextEvaluation() {
    if (job || pending.empty()) return;
    running = std::move(pending.front());
    pending.pop_front();
    auto net = running.network;
    auto trials = evalSet;
    const bool arena = running.arenaTest;
    const ArenaSpec spec = running.arena;
    const int jobThreads = 1;  // training keeps its threads; the job is the extra work
    char title[160];
    std::snprintf(title, sizeof title, "%s at update %lld (%d trials)",
                  arena ? "arena test" : "evaluation", net->update(),
                  config.analysis.evalTrials);
    jobTitle = title;
    job = std::make_shared<BackgroundJob>(jobTitle, [=](JobContext& ctx) -> std::any {
      const Arena a = arena ? Arena(spec) : Arena(net->config().arena);
      const TrajectoryBatch tb = arena ? net->evaluationTrials(a) : TrajectoryBatch();
      auto product = computeGridEvaluationProduct(
          *net, arena ? tb : *trials, a,
          arena ? GridEvaluationProduct::Kind::ArenaTest : GridEvaluationProduct::Kind::Training,
          jobThreads, [&](double f) {
            ctx.throwIfCancelled();
            ctx.setProgress(f);
          });
      return product;
    });
  }
  void pollEvaluations() {
    std::erase_if(retiring, [](const auto& j) { return j->done(); });
    if (job && job->done()) {
      const auto state = job->state();
      if (state == BackgroundJob::State::Finished) {
        if (const auto* r = job->resultAs<std::shared_ptr<GridEvaluationProduct>>(); r && *r) {
          (*r)->version = ++evaluationVersion;
          if (running.arenaTest) {
            arenaTest = *r;
          } else {
            evaluation = *r;
            if (running.developmentPoint) {
              trainer->addDevelopmentPoint((*r)->atUpdate, (*r)->evaluation.classes);
              development = std::make_shared<const std::vector<DevelopmentPoint>>(
                  trainer->developmentCurve().points());
            }
          }
        }
      } else if (state == BackgroundJob::State::Failed) {
        m_message = jobTitle + " failed: " + job->error();
      } else {
        m_message = jobTitle + " cancelled";
      }
      job.reset();
      running = {};
      m_dirty = true;
    }
    startNextEvaluation();
  }

  // ---- live maps window ----
  void rollWindow(long long u) {
    if (u - curFrom < std::max(1, mapWindow / 2)) return;
    const RateMapAccumulator& acc = trainer->trainingMaps();
    prevSums = acc.sums();
    prevCounts = acc.counts();
    prevSamples = acc.samples();
    prevFrom = curFrom;
    trainer->clearTrainingMaps();
    curFrom = u;
  }
  void computeLiveMaps(Clock::time_point now) {
    const RateMapAccumulator& acc = trainer->trainingMaps();
    Eigen::MatrixXd sums = acc.sums();
    Eigen::VectorXd counts = acc.counts();
    long long samples = acc.samples();
    long long from = curFrom;
    if (prevSums.size() == sums.size()) {
      sums += prevSums;
      counts += prevCounts;
      samples += prevSamples;
      from = prevFrom;
    }
    if (samples == 0) return;
    auto p = computeGridLiveMaps(acc.binning(), trainer->arena(), sums, counts, samples);
    p->version = ++liveMapsVersion;
    p->atUpdate = trainer->updatesDone();
    p->fromUpdate = from;
    liveMapsUpdate = p->atUpdate;
    // Next one when the cost stays within the budget.
    liveMapsAt = now + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(
                           std::max(kLiveMapsMinSeconds, p->computeSeconds / kLiveMapsBudget)));
    liveMaps = std::move(p);
  }

  // ---- LabRuntimeLoop hooks ----
  long long updatesDone() const override { return trainer->updatesDone(); }
  long long plannedUpdates() const override { return config.training.updates; }
  bool trainerFailed() const override { return trainer->failed(); }
  std::string failureText() const override { return trainer->failure(); }
  void trainOneUpdate() override { trainer->step(); }
  void afterUpdate(long long u) override {
    rollWindow(u);
    if (periodicEvaluations.load(std::memory_order_relaxed) &&
        u % std::max(1, config.analysis.analyzeEvery) == 0)
      enqueueEvaluation(false, {}, true);
  }
  void afterFailure() override { weightsDue = true; }
  void afterSingleStep() override { weightsDue = true; }
  void afterFastForward() override {
    weightsDue = true;
    if (pending.empty() && !job) enqueueEvaluation(false, {}, false);
  }
  bool hasBackgroundWork() const override { return job != nullptr || !pending.empty(); }

  void computeDueProducts() override {
    const auto now = Clock::now();
    pollEvaluations();
    const long long u = trainer->updatesDone();
    if (weightsDue || (u != weightsUpdate && (m_state != RunState::Training ||
                                             seconds(now - weightsAt) >= kWeightsEverySeconds))) {
      auto w = computeGridWeightsProduct(*trainer);
      w->version = ++weightsVersion;
      weights = std::move(w);
      weightsAt = now;
      weightsUpdate = u;
      weightsDue = false;
    }
    // Live maps are not refreshed during a fast-forward (nothing is drawn then).
    if (m_ffRemaining == 0 && u != liveMapsUpdate && now >= liveMapsAt) computeLiveMaps(now);
  }

  void advanceLive(int steps) override {
    // In segments up to the next timed release, so a release happens at its exact step.
    while (true) {
      long long segment = steps;
      for (const auto& [id, left] : expiring) segment = std::min(segment, left);
      live.advance(*trainer, trainer->unitPerturbations(), int(std::max(0LL, segment)));
      steps -= int(segment);
      for (auto it = expiring.begin(); it != expiring.end();) {
        it->second -= segment;
        if (it->second <= 0) {
          trainer->removeIntervention(it->first);
          expired.insert(it->first);
          weightsDue = true;
          m_dirty = true;
          it = expiring.erase(it);
        } else {
          ++it;
        }
      }
      if (steps <= 0) break;
    }
  }

  std::shared_ptr<GridSnapshot> buildSnapshot() override {
    auto s = std::make_shared<GridSnapshot>();
    s->runId = runId;
    s->numUnits = trainer->numUnits();
    s->preset = config.preset;
    s->seed = config.seed;
    s->readout = config.readout;
    s->evalTrials = config.analysis.evalTrials;
    s->stepSeconds = config.trajectory == TrajectoryModel::Rat ? config.rat.dt : 0.0;
    s->arena = arenaInfo;
    const auto now = Clock::now();
    if (!history || (trainer->history().size() != historyShown &&
                     seconds(now - historyAt) >= kHistoryEverySeconds)) {
      history = std::make_shared<const std::vector<GridUpdateRecord>>(trainer->history());
      historyShown = trainer->history().size();
      historyAt = now;
    }
    s->history = history;
    s->live = live.trial();
    s->liveMaps = liveMaps;
    s->evaluation = evaluation;
    s->arenaTest = arenaTest;
    s->weights = weights;
    s->development = development;
    if (job) s->evaluationJob = {job, jobTitle, running.network->update(), running.arenaTest};
    s->evaluationsQueued = int(pending.size());
    for (const auto& [id, i] : trainer->interventions().active()) {
      const auto e = expiring.find(id);
      s->interventions.push_back({id, i, e == expiring.end() ? -1 : e->second});
    }
    return s;
  }

  void applyLabCommand(const GridCommand& c, LogEntry& e) override {
    using K = GridCommand::Kind;
    const bool paused = m_state == RunState::Paused || m_state == RunState::Failed;
    switch (c.kind) {
      case K::Reset:
        if (c.seed != 0) config.seed = c.seed;
        resetNetwork();
        break;
      case K::AddIntervention:
        e.resultId = trainer->addIntervention(c.intervention);
        if (c.count > 0) expiring[e.resultId] = c.count;
        weightsDue = true;
        if (paused) live.advance(*trainer, trainer->unitPerturbations(), 1);
        break;
      case K::RemoveIntervention:
        if (!trainer->removeIntervention(c.id)) {
          // Released by its timer before the user's removal arrived: nothing left to do.
          if (!expired.count(c.id))
            e.error = "no active intervention with id " + std::to_string(c.id);
        }
        expiring.erase(c.id);
        weightsDue = true;
        if (paused) live.advance(*trainer, trainer->unitPerturbations(), 1);
        break;
      case K::Evaluate:
        enqueueEvaluation(false, {}, false);
        break;
      case K::EvaluateInArena:
        c.arena.validate("arena");
        enqueueEvaluation(true, c.arena, false);
        break;
      case K::CancelEvaluations:
        cancelEvaluations();
        break;
      case K::SetLiveAnchor:
        live.setAnchorEvery(int(std::clamp<long long>(c.count, 0, 1000000)));
        break;
      case K::SetMapWindow:
        mapWindow = int(std::clamp<long long>(c.count, 2, 1000000));
        break;
      case K::Save:
        saveGridRun(*trainer, c.path);
        if (evaluation && evaluation->atUpdate == trainer->updatesDone())
          saveGridEvaluation(evaluation->evaluation, c.path + "/analysis.npz");
        break;
      default:
        break;  // transport commands are handled by LabRuntimeLoop
    }
  }
};

GridLabRuntime::GridLabRuntime(const GridRunConfig& config, int threads)
    : m(std::make_unique<Impl>(config, threads)) {
  m->resetNetwork();
}

GridLabRuntime::GridLabRuntime(GridTrainer trainer, int threads)
    : m(std::make_unique<Impl>(trainer.config(), threads)) {
  trainer.setThreads(threads);
  m->adopt(std::make_unique<GridTrainer>(std::move(trainer)));
}

GridLabRuntime::~GridLabRuntime() { m->stopThread(); }

void GridLabRuntime::start() { m->startThread(); }

long long GridLabRuntime::post(GridCommand c) { return m->post(std::move(c)); }

std::shared_ptr<const GridSnapshot> GridLabRuntime::latest() const { return m->latest(); }

std::vector<GridCommandLogEntry> GridLabRuntime::commandLog() const { return m->commandLog(); }

int GridLabRuntime::interventionIdFor(long long commandId) const {
  return m->resultIdFor(commandId);
}

void GridLabRuntime::setPublishHz(double hz) { m->setPublishHz(hz); }

void GridLabRuntime::setPeriodicEvaluations(bool on) {
  m->periodicEvaluations.store(on, std::memory_order_relaxed);
}

}  // namespace emergence::engine
