// Engine thread of the head-direction lab (architecture.md §2). The queue, mailbox, transport and
// publish loop are LabRuntimeLoop's; this file says how the lab trains, which heavy products it
// computes and when, and what its own commands (interventions, thresholds, save, reset) do.
#include "engine/runtime/hd_lab_runtime.h"

#include <algorithm>
#include <cmath>

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
  HdLiveSimulator live;

  void resetNetwork() { adopt(std::make_unique<HdTrainer>(config, threads)); }
  void adopt(std::unique_ptr<HdTrainer> t) {
    trainer = std::move(t);
    initialEigen = initialRecurrentEigenvalues(trainer->initialParameters(), trainer->baseMasks());
    recording = makeHdAnalysisRecording(config, kAnalysisTrials);
    live.reset(config, kLiveTrialSteps, kTraceLength);
    live.advance(trainer->model(), trainer->interventions().unitPerturbations(), 0);
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
  void trainOneUpdate() override { trainer->step(); }
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

  void advanceLive(int steps) override {
    live.advance(trainer->model(), trainer->interventions().unitPerturbations(), steps);
  }

  std::shared_ptr<HdSnapshot> buildSnapshot() override {
    auto s = std::make_shared<HdSnapshot>();
    s->numUnits = config.model.numUnits;
    s->history = trainer->history();
    s->live = live.trial();
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
        if (m_state == RunState::Paused || m_state == RunState::Failed) advanceLive(1);
        break;
      case K::RemoveIntervention:
        if (!trainer->removeIntervention(c.id))
          e.error = "no active intervention with id " + std::to_string(c.id);
        weightsDue = true;
        if (m_state == RunState::Paused || m_state == RunState::Failed) advanceLive(1);
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

long long HdLabRuntime::post(HdCommand c) { return m->post(std::move(c)); }

std::shared_ptr<const HdSnapshot> HdLabRuntime::latest() const { return m->latest(); }

std::vector<HdCommandLogEntry> HdLabRuntime::commandLog() const { return m->commandLog(); }

int HdLabRuntime::interventionIdFor(long long commandId) const { return m->resultIdFor(commandId); }

void HdLabRuntime::setPublishHz(double hz) { m->setPublishHz(hz); }

void HdLabRuntime::setAnalysisEveryUpdates(int n) {
  m->analysisEvery.store(std::max(1, n), std::memory_order_relaxed);
}

}  // namespace emergence::engine
