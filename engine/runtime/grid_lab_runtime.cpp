// Engine thread of the grid-cells lab (grid_lab_runtime.h). The queue, mailbox, transport and
// publish loop are LabRuntimeLoop's; this file trains, schedules the products and runs the
// background evaluations.
#include "engine/runtime/grid_lab_runtime.h"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>

#include "engine/runtime/grid_evaluation_queue.h"
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
    evaluations.cancelAll();
  }

  std::atomic<bool> periodicEvaluations{true};

  // ---- engine thread only ----
  GridRunConfig config;
  int threads;
  std::unique_ptr<GridTrainer> trainer;
  std::uint64_t runId = 0;
  std::shared_ptr<const GridArenaInfo> arenaInfo;
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
  GridEvaluationQueue evaluations;  // background evaluations
  // Interventions the frame thread released after their live steps (a later removal by hand is
  // then not an error).
  std::set<int> expired;
  Clock::time_point liveNetworkAt{};
  long long liveNetworkUpdate = -1;
  bool liveNetworkDue = true;

  // ---- shared with the frame thread (liveMutex): what the live trial runs on ----
  struct LiveInput {
    std::uint64_t runId = 0;
    GridRunConfig config;
    std::shared_ptr<const GridNetwork> network;                   // frozen weights and masks
    std::vector<std::pair<int, UnitPerturbation>> perturbations;  // active, by id
    std::uint64_t perturbationVersion = 0;
    std::vector<std::pair<int, long long>> newTimed;  // (id, live steps) added since last frame
    int anchorEvery = -1;  // ≥ 0: set the re-anchoring interval at the next frame
  };
  std::mutex liveMutex;
  LiveInput liveInput;

  // ---- frame thread only ----
  GridLiveSimulator live;
  std::uint64_t liveRunId = 0, livePerturbationVersion = 0;
  std::optional<Arena> liveArena;
  std::shared_ptr<const GridNetwork> liveNetwork;
  std::vector<std::pair<int, UnitPerturbation>> livePerturbations;
  std::map<int, long long> timed;  // id → live steps left
  std::shared_ptr<const GridSnapshot> lastBase;
  std::shared_ptr<const std::vector<GridUpdateRecord>> history;
  size_t historyShown = ~size_t(0);

  void resetNetwork() { adopt(std::make_unique<GridTrainer>(config, threads)); }
  void adopt(std::unique_ptr<GridTrainer> t) {
    trainer = std::move(t);
    config = trainer->config();
    runId = g_nextRunId.fetch_add(1);
    arenaInfo = makeGridArenaInfo(*trainer);
    evaluations.reset(std::make_shared<const TrajectoryBatch>(trainer->evaluationSet()),
                      config.analysis.evalTrials);
    m_liveStepsPerFrame = config.trajectory == TrajectoryModel::Rat ? 1 : 4;
    {
      std::lock_guard<std::mutex> lock(liveMutex);
      liveInput = {};
      liveInput.runId = runId;
      liveInput.config = config;
    }
    refreshLiveInput(Clock::now());
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
    expired.clear();
    history.reset();
    historyShown = ~size_t(0);
    development =
        std::make_shared<const std::vector<DevelopmentPoint>>(trainer->developmentCurve().points());
    resetTransport();
    // The first evaluation: a development point at update 0, else the state of a loaded run.
    enqueueEvaluation(false, {}, trainer->updatesDone() == 0);
  }

  // ---- the live trial's input (engine thread → frame thread) ----
  void refreshLiveInput(Clock::time_point now) {
    auto net = std::make_shared<const GridNetwork>(trainer->network());
    std::vector<std::pair<int, UnitPerturbation>> ps;
    for (const auto& [id, i] : trainer->interventions().active())
      if (i.type == Intervention::Type::Unit) ps.emplace_back(id, i.unit);
    {
      std::lock_guard<std::mutex> lock(liveMutex);
      liveInput.network = std::move(net);
      if (ps.size() != liveInput.perturbations.size() ||
          !std::equal(ps.begin(), ps.end(), liveInput.perturbations.begin(),
                      [](const auto& a, const auto& b) { return a.first == b.first; }))
        ++liveInput.perturbationVersion;
      liveInput.perturbations = std::move(ps);
    }
    liveNetworkAt = now;
    liveNetworkDue = false;
  }

  // ---- evaluations ----
  void enqueueEvaluation(bool arena, const ArenaSpec& spec, bool point, bool requested = false) {
    GridEvaluationQueue::Request r;
    r.network = std::make_shared<const GridNetwork>(trainer->network());
    r.arenaTest = arena;
    r.arena = spec;
    r.developmentPoint = point;
    r.requested = requested;
    if (std::string skipped = evaluations.enqueue(std::move(r)); !skipped.empty())
      m_message = skipped;
  }
  void pollEvaluations() {
    const auto outcome = evaluations.poll();
    if (!outcome) return;
    m_dirty = true;
    if (!outcome->message.empty()) m_message = outcome->message;
    if (!outcome->product) return;
    outcome->product->version = ++evaluationVersion;
    if (outcome->request.arenaTest) {
      arenaTest = outcome->product;
      return;
    }
    evaluation = outcome->product;
    if (outcome->request.developmentPoint) {
      trainer->addDevelopmentPoint(outcome->product->atUpdate,
                                   outcome->product->evaluation.classes);
      development = std::make_shared<const std::vector<DevelopmentPoint>>(
          trainer->developmentCurve().points());
    }
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
    // Not before the window holds a quarter of its updates: maps of one or two batches are
    // noise (until then the views show the last evaluation).
    if (samples == 0 || trainer->updatesDone() - from < std::max(2, mapWindow / 4)) return;
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
  void afterSingleStep() override { weightsDue = liveNetworkDue = true; }
  void afterFastForward() override {
    weightsDue = true;
    if (!evaluations.busy()) enqueueEvaluation(false, {}, false);
  }
  bool hasBackgroundWork() const override { return evaluations.busy(); }

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
    // The live trial's copy of the network: ~10 times a second while training, at once after
    // an intervention.
    if (liveNetworkDue || (m_ffRemaining == 0 && seconds(now - liveNetworkAt) >= 0.1 &&
                           trainer->updatesDone() != liveNetworkUpdate)) {
      refreshLiveInput(now);
      liveNetworkUpdate = trainer->updatesDone();
    }
  }

  void advanceLive(int) override {}  // the frame thread runs the live trial
  bool concurrentFrames() const override { return true; }

  // Frame thread: the base plus the live trial advanced by the time since the last frame.
  std::shared_ptr<GridSnapshot> composeFrame(const std::shared_ptr<const GridSnapshot>& base,
                                             double dt) override {
    bool reset = false, perturbationsChanged = false;
    std::vector<std::pair<int, long long>> newTimed;
    {
      std::lock_guard<std::mutex> lock(liveMutex);
      if (liveInput.runId != liveRunId) {
        liveRunId = liveInput.runId;
        live.reset(liveInput.config);
        liveArena.emplace(liveInput.config.arena);
        timed.clear();
        reset = true;
      }
      if (liveInput.anchorEvery >= 0) {
        live.setAnchorEvery(liveInput.anchorEvery);
        liveInput.anchorEvery = -1;
      }
      liveNetwork = liveInput.network;
      if (liveInput.perturbationVersion != livePerturbationVersion) {
        livePerturbationVersion = liveInput.perturbationVersion;
        perturbationsChanged = true;
      }
      livePerturbations = liveInput.perturbations;
      newTimed.swap(liveInput.newTimed);
    }
    for (const auto& [id, steps] : newTimed) timed[id] = steps;
    // Timed interventions already released here but not yet by the engine are not applied.
    std::erase_if(livePerturbations, [&](const auto& p) {
      const auto it = timed.find(p.first);
      return it != timed.end() && it->second <= 0;
    });
    const bool running = (base->state == RunState::Training || base->state == RunState::Testing) &&
                         !base->fastForwarding;
    int steps =
        running ? int(std::lround(std::min(dt * publishHz(), 4.0) * liveStepsPerFrame())) : 0;
    if (!running && (perturbationsChanged || reset)) steps = std::max(steps, 1);  // show it now
    if (!liveNetwork) return nullptr;
    if (steps == 0 && !reset && base == lastBase) return nullptr;  // nothing new
    lastBase = base;
    // In segments up to the next timed release, so a release happens at its exact step; the
    // engine removes it from training at its next step boundary (logged like any removal).
    while (true) {
      long long segment = steps;
      for (const auto& [id, left] : timed)
        if (left > 0) segment = std::min(segment, left);
      UnitPerturbations ps;
      for (const auto& [id, p] : livePerturbations) ps.push_back(p);
      live.advance(*liveNetwork, *liveArena, ps, int(std::max(0LL, segment)));
      steps -= int(segment);
      for (auto& [id, left] : timed) {
        if (left <= 0) continue;
        left -= segment;
        if (left <= 0) {
          std::erase_if(livePerturbations, [id = id](const auto& p) { return p.first == id; });
          GridCommand release;
          release.kind = GridCommand::Kind::RemoveIntervention;
          release.id = id;
          release.internal = true;
          post(release);
        }
      }
      if (steps <= 0) break;
    }
    auto frame = std::make_shared<GridSnapshot>(*base);
    frame->live = live.trial();
    std::erase_if(frame->interventions, [&](const GridActiveIntervention& a) {
      const auto it = timed.find(a.id);
      return it != timed.end() && it->second <= 0;  // released: gone from the next frame on
    });
    for (auto& a : frame->interventions) {
      const auto it = timed.find(a.id);
      a.remainingSteps = it == timed.end() ? -1 : it->second;
    }
    // Forget releases the engine has applied.
    std::erase_if(timed, [&](const auto& t) {
      return t.second <= 0 &&
             std::none_of(base->interventions.begin(), base->interventions.end(),
                          [&](const GridActiveIntervention& a) { return a.id == t.first; });
    });
    return frame;
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
    // Copied at most ~10 times a second while training (it grows by one record per update);
    // always complete when paused.
    if (!history || (trainer->history().size() != historyShown &&
                     (m_state != RunState::Training || m_ffRemaining > 0 ||
                      seconds(now - historyAt) >= kHistoryEverySeconds))) {
      history = std::make_shared<const std::vector<GridUpdateRecord>>(trainer->history());
      historyShown = trainer->history().size();
      historyAt = now;
    }
    s->history = history;
    s->fastForwarding = m_ffRemaining > 0;
    s->liveMaps = liveMaps;
    s->evaluation = evaluation;
    s->arenaTest = arenaTest;
    s->weights = weights;
    s->development = development;
    if (evaluations.job())
      s->evaluationJob = {evaluations.job(), evaluations.title(),
                          evaluations.running().network->update(), evaluations.running().arenaTest};
    s->evaluationsQueued = evaluations.queued();
    for (const auto& [id, i] : trainer->interventions().active())
      s->interventions.push_back({id, i, -1});
    return s;
  }

  void applyLabCommand(const GridCommand& c, LogEntry& e) override {
    using K = GridCommand::Kind;
    switch (c.kind) {
      case K::Reset:
        if (c.seed != 0) config.seed = c.seed;
        resetNetwork();
        break;
      case K::AddIntervention:
        e.resultId = trainer->addIntervention(c.intervention);
        if (c.count > 0) {
          std::lock_guard<std::mutex> lock(liveMutex);
          liveInput.newTimed.emplace_back(e.resultId, c.count);
        }
        weightsDue = liveNetworkDue = true;
        break;
      case K::RemoveIntervention:
        if (c.internal) expired.insert(c.id);
        if (!trainer->removeIntervention(c.id)) {
          // Released by its timer (or removed by hand) before this arrived: nothing to do.
          if (!expired.count(c.id))
            e.error = "no active intervention with id " + std::to_string(c.id);
        }
        weightsDue = liveNetworkDue = true;
        break;
      case K::Evaluate:
        enqueueEvaluation(false, {}, false, true);
        break;
      case K::EvaluateInArena:
        c.arena.validate("arena");
        enqueueEvaluation(true, c.arena, false, true);
        break;
      case K::CancelEvaluations:
        evaluations.cancelAll();
        break;
      case K::SetLiveAnchor: {
        std::lock_guard<std::mutex> lock(liveMutex);
        liveInput.anchorEvery = int(std::clamp<long long>(c.count, 0, 1000000));
        break;
      }
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
