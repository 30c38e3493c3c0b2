// Engine thread of the head-direction lab (architecture.md §2). The queue, mailbox, transport and
// publish loop are LabRuntimeLoop's; this file says how the lab trains, which heavy products it
// computes and when, and what its own commands (interventions, thresholds, save, reset) do.
//
// Frames come from LabRuntimeLoop's frame thread (an update at full trial length takes
// 60–130 ms on two cores, far longer than a 60 Hz frame): after every update and every applied
// intervention the engine thread shares a frozen copy of the network and its active
// interventions (liveMutex); the frame thread runs the live trial on that copy and publishes
// frames by time. A unit intervention (inject, clamp, silence, or removing one) posted from the
// GUI is previewed on the live trial at the next frame, before the engine applies it at its next
// step boundary, so a click shows in the first frame after it (lastShownCommand). Previews stop
// at the first posted command that cannot be previewed (ablations, reset, …): frames never show
// a later command before an earlier one.
#include "engine/runtime/hd_lab_runtime.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "engine/runtime/hd_live_trial.h"
#include "engine/runtime/hd_products.h"
#include "engine/train/hd_run_folder.h"

namespace emergence::engine {
namespace {
constexpr int kWeightsEveryUpdates = 25;
constexpr int kLiveTrialSteps = 1000, kTraceLength = 300, kAnalysisTrials = 60;
}  // namespace

struct HdLabRuntime::Impl final : LabRuntimeLoop<HdCommand, HdSnapshot> {
  Impl(const HdRunConfig& c, int t) : config(c), threads(std::max(1, t)) {}
  ~Impl() override { stopThread(); }

  std::atomic<int> analysisEvery{100};

  // ---- engine thread only (after start()) ----
  HdRunConfig config;
  int threads;
  std::unique_ptr<HdTrainer> trainer;
  UnitClassThresholds thresholds;
  std::uint64_t analysisVersion = 0, weightsVersion = 0;
  std::shared_ptr<const HdAnalysisProduct> analysis;
  std::shared_ptr<const HdWeightsProduct> weights;
  bool analysisDue = true, weightsDue = true;
  Eigen::VectorXcd initialEigen;
  HdAnalysisRecording recording;
  long long appliedInterventionCommand = 0;  // commandId of the last applied add/remove

  // ---- shared between the engine thread, the frame thread and posters (liveMutex) ----
  struct SharedLive {
    std::shared_ptr<const Ctrnn<float>> model;  // frozen copy of the trained network
    std::map<int, Intervention> active;         // applied interventions, by id
    long long appliedUpTo = 0;                  // every command ≤ this is applied
    std::uint64_t generation = 0;               // changes when the network is replaced
    HdRunConfig config;
  };
  struct PostedCommand {
    long long commandId = 0;
    bool previewable = false;  // AddIntervention / RemoveIntervention of a unit intervention
    HdCommand command;
  };
  std::mutex liveMutex;
  SharedLive shared;
  std::deque<PostedCommand> posted;  // posted, not yet known to be applied (id order)

  // ---- frame thread only ----
  HdLiveSimulator live;
  std::uint64_t liveGeneration = 0;
  UnitPerturbations livePerturbations;
  bool liveStarted = false;
  std::uint64_t lastBaseSequence = 0;
  long long lastShownUpTo = 0;

  static bool samePerturbations(const UnitPerturbations& a, const UnitPerturbations& b) {
    if (a.size() != b.size()) return false;
    for (size_t k = 0; k < a.size(); ++k)
      if (a[k].kind != b[k].kind || a[k].units != b[k].units || a[k].value != b[k].value ||
          a[k].beginStep != b[k].beginStep || a[k].endStep != b[k].endStep)
        return false;
    return true;
  }

  // Any thread: queues the command and remembers it for previews. Both under liveMutex, so
  // `posted` is in command-id order.
  long long postCommand(const HdCommand& c) {
    const bool previewable =
        (c.kind == HdCommand::Kind::AddIntervention &&
         c.intervention.type == Intervention::Type::Unit) ||
        c.kind == HdCommand::Kind::RemoveIntervention;
    long long id;
    {
      std::lock_guard<std::mutex> lock(liveMutex);
      id = post(c);
      posted.push_back({id, previewable, c});
    }
    if (previewable) requestFrame();
    return id;
  }

  // Engine thread: publish the network and interventions the live trial runs on. `applied`:
  // the id of the command just applied (0: none).
  void shareLive(long long applied = 0, bool newNetwork = false) {
    auto model = std::make_shared<const Ctrnn<float>>(trainer->model());
    std::lock_guard<std::mutex> lock(liveMutex);
    shared.model = std::move(model);
    shared.active = trainer->interventions().active();
    shared.appliedUpTo = std::max(shared.appliedUpTo, applied);
    if (newNetwork) {
      ++shared.generation;
      shared.config = config;
    }
  }

  void resetNetwork() { adopt(std::make_unique<HdTrainer>(config, threads)); }
  void adopt(std::unique_ptr<HdTrainer> t) {
    trainer = std::move(t);
    initialEigen = initialRecurrentEigenvalues(trainer->initialParameters(), trainer->baseMasks());
    recording = makeHdAnalysisRecording(config, kAnalysisTrials);
    shareLive(0, true);
    analysis.reset();
    weights.reset();
    analysisDue = weightsDue = true;
    resetTransport();
  }

  // ---- LabRuntimeLoop hooks ----
  long long updatesDone() const override { return trainer->updatesDone(); }
  long long plannedUpdates() const override { return config.training.updates; }
  bool trainerFailed() const override { return trainer->failed(); }
  std::string failureText() const override { return trainer->failure(); }
  void trainOneUpdate() override {
    trainer->step();
    shareLive();
  }
  void afterUpdate(long long u) override {
    const int every = std::max(1, analysisEvery.load(std::memory_order_relaxed));
    if (u % every == 0) analysisDue = true;
    if (u % kWeightsEveryUpdates == 0) weightsDue = true;
  }
  void afterFailure() override { weightsDue = true; }
  void afterSingleStep() override { weightsDue = true; }
  void afterFastForward() override { weightsDue = analysisDue = true; }

  void computeDueProducts() override {
    try {
      if (weightsDue) {
        weights = computeHdWeightsProduct(trainer->model(), initialEigen, ++weightsVersion,
                                          trainer->updatesDone());
        weightsDue = false;
      }
      if (analysisDue) {
        analysis = computeHdAnalysisProduct(trainer->model(), recording, thresholds,
                                            ++analysisVersion, trainer->updatesDone());
        analysisDue = false;
      }
    } catch (const std::exception& ex) {
      weightsDue = analysisDue = false;
      m_message = std::string("analysis failed: ") + ex.what();
    }
  }

  bool concurrentFrames() const override { return true; }
  void advanceLive(int) override {}  // the frame thread runs the live trial

  // Frame thread: the base plus the live trial, advanced in proportion to the time since the
  // previous frame while training or testing (capped at four frames' worth), with the posted
  // unit interventions the engine has not applied yet.
  std::shared_ptr<HdSnapshot> composeFrame(const std::shared_ptr<const HdSnapshot>& base,
                                           double dt) override {
    std::shared_ptr<const Ctrnn<float>> model;
    std::map<int, Intervention> active;
    long long shownUpTo = base->lastAppliedCommand;
    bool reset = false;
    HdRunConfig cfg;
    {
      std::lock_guard<std::mutex> lock(liveMutex);
      const long long applied = std::max(base->lastAppliedCommand, shared.appliedUpTo);
      while (!posted.empty() && posted.front().commandId <= applied) posted.pop_front();
      model = shared.model;
      active = shared.active;
      shownUpTo = std::max(shownUpTo, shared.appliedUpTo);
      if (shared.generation != liveGeneration) {
        reset = true;
        liveGeneration = shared.generation;
        cfg = shared.config;
      }
      const int n = model ? model->config().numUnits : 0;
      for (const PostedCommand& pc : posted) {
        if (!pc.previewable) break;  // never show a command before an earlier one
        const HdCommand& c = pc.command;
        if (c.kind == HdCommand::Kind::RemoveIntervention) {
          auto it = active.find(c.id);
          if (it != active.end() && it->second.type != Intervention::Type::Unit) break;
          if (it != active.end()) active.erase(it);
        } else {
          const bool valid = std::all_of(c.intervention.unit.units.begin(),
                                         c.intervention.unit.units.end(),
                                         [&](int u) { return u >= 0 && u < n; });
          if (valid) active.emplace(-int(pc.commandId), c.intervention);  // no engine id yet
        }
        shownUpTo = pc.commandId;
      }
    }
    if (!model) return nullptr;
    if (reset) {
      live.reset(cfg, kLiveTrialSteps, kTraceLength);
      liveStarted = false;
    }
    UnitPerturbations ps;
    for (const auto& [id, i] : active)
      if (i.type == Intervention::Type::Unit) ps.push_back(i.unit);
    const bool running = base->state == RunState::Training || base->state == RunState::Testing;
    const bool changed = !samePerturbations(ps, livePerturbations);
    int steps = 0;
    if (running)
      steps = int(std::lround(std::min(dt * publishHz(), 4.0) * liveStepsPerFrame()));
    if (liveStarted && changed)
      steps = std::max(steps, 1);  // at least one step shows the changed intervention
    else if (!running && liveStarted && !reset && base->sequence == lastBaseSequence &&
             shownUpTo == lastShownUpTo)
      return nullptr;  // paused and nothing new to show
    live.advance(*model, ps, steps);
    liveStarted = true;
    livePerturbations = std::move(ps);
    lastBaseSequence = base->sequence;
    lastShownUpTo = shownUpTo;
    auto frame = std::make_shared<HdSnapshot>(*base);
    frame->live = live.trial();
    frame->lastShownCommand = std::max(shownUpTo, base->lastAppliedCommand);
    return frame;
  }

  std::shared_ptr<HdSnapshot> buildSnapshot() override {
    auto s = std::make_shared<HdSnapshot>();
    s->numUnits = config.model.numUnits;
    s->history = trainer->history();
    s->analysis = analysis;
    s->weights = weights;
    for (const auto& [id, i] : trainer->interventions().active())
      s->interventions.emplace_back(id, i);
    return s;
  }

  void applyLabCommand(const HdCommand& c, LogEntry& e) override {
    using K = HdCommand::Kind;
    switch (c.kind) {
      case K::Reset:
        if (c.seed != 0) config.seed = c.seed;
        resetNetwork();
        break;
      case K::AddIntervention:
        e.resultId = trainer->addIntervention(c.intervention);
        weightsDue = true;
        shareLive(c.commandId);
        break;
      case K::RemoveIntervention:
        if (!trainer->removeIntervention(c.id))
          e.error = "no active intervention with id " + std::to_string(c.id);
        weightsDue = true;
        shareLive(c.commandId);
        break;
      case K::SetThresholds:
        thresholds = c.thresholds;
        analysisDue = true;
        break;
      case K::Analyze:
        analysisDue = true;
        break;
      case K::Save:
        saveHdRun(*trainer, c.path);
        break;
      default:
        break;  // transport commands are handled by LabRuntimeLoop
    }
  }
};

HdLabRuntime::HdLabRuntime(const HdRunConfig& config, int threads)
    : m(std::make_unique<Impl>(config, threads)) {
  m->resetNetwork();
}

HdLabRuntime::HdLabRuntime(HdTrainer trainer)
    : m(std::make_unique<Impl>(trainer.config(), trainer.threads())) {
  m->adopt(std::make_unique<HdTrainer>(std::move(trainer)));
}

HdLabRuntime::~HdLabRuntime() { m->stopThread(); }

void HdLabRuntime::start() { m->startThread(); }

long long HdLabRuntime::post(HdCommand c) { return m->postCommand(c); }

std::shared_ptr<const HdSnapshot> HdLabRuntime::latest() const { return m->latest(); }

std::vector<HdCommandLogEntry> HdLabRuntime::commandLog() const { return m->commandLog(); }

int HdLabRuntime::interventionIdFor(long long commandId) const { return m->resultIdFor(commandId); }

void HdLabRuntime::setPublishHz(double hz) { m->setPublishHz(hz); }

void HdLabRuntime::setAnalysisEveryUpdates(int n) {
  m->analysisEvery.store(std::max(1, n), std::memory_order_relaxed);
}

}  // namespace emergence::engine
