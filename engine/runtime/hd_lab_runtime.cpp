// Engine thread of the head-direction lab (architecture.md §2).
//   - The GUI posts commands into a mutex-protected vector; the engine swaps it out at each step
//     boundary, applies the commands in order and logs each with the update count at that time.
//     SingleStep runs its update inline, so the log order is the exact order of events.
//   - Snapshots are published by time (publishHz), right after any applied command, and go into
//     a mutex-guarded shared_ptr<const HdSnapshot> ("latest wins"; readers copy the pointer).
//   - Paused (and Failed) wait on a condition variable that any new command wakes; Testing and a
//     training demo delay wait with a deadline (the next frame).
#include "engine/runtime/hd_lab_runtime.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>

#include "engine/runtime/hd_live_trial.h"
#include "engine/runtime/hd_products.h"
#include "engine/train/hd_run_folder.h"

namespace emergence::engine {
namespace {
using Clock = std::chrono::steady_clock;
constexpr int kWeightsEveryUpdates = 25;
constexpr int kLiveTrialSteps = 1000, kTraceLength = 300, kAnalysisTrials = 60;
constexpr double kRateWindowSeconds = 2.0;
}  // namespace

struct HdLabRuntime::Impl {
  Impl(const HdRunConfig& c, int t) : config(c), threads(std::max(1, t)) {}

  // ---- shared with other threads ----
  std::mutex queueMutex;
  std::condition_variable queueCv;
  std::vector<HdCommand> queue;
  long long nextCommandId = 1;
  mutable std::mutex logMutex;
  std::vector<HdCommandLogEntry> log;
  // Mailbox. GCC 12's std::atomic<std::shared_ptr> works but ThreadSanitizer reports its internal
  // lock-bit protocol as a race (load() unlocks with relaxed order), so the pointer is guarded by a
  // mutex held only for a pointer copy (a reference-count increment): readers never wait on
  // anything longer than that, and never on the engine's work.
  mutable std::mutex mailboxMutex;
  std::shared_ptr<const HdSnapshot> mailbox;
  std::atomic<double> publishHz{60.0};
  std::atomic<int> analysisEvery{100};
  std::thread thread;
  bool started = false;  // touched by the owner thread only

  // ---- engine thread only (after start()) ----
  HdRunConfig config;
  int threads;
  std::unique_ptr<HdTrainer> trainer;
  RunState state = RunState::Paused, ffReturn = RunState::Paused;
  long long ffRemaining = 0;
  double delaySeconds = 0;
  int liveStepsPerFrame = 4;
  UnitClassThresholds thresholds;
  std::string message;
  long long lastApplied = 0;
  bool stopping = false;
  bool dirty = false;  // something changed since the last publication
  bool engineError = false;  // an exception escaped a training step (state Failed until Reset)
  bool failed() const { return engineError || trainer->failed(); }
  std::uint64_t sequence = 0, analysisVersion = 0, weightsVersion = 0;
  std::shared_ptr<const HdAnalysisProduct> analysis;
  std::shared_ptr<const HdWeightsProduct> weights;
  bool analysisDue = true, weightsDue = true;
  Eigen::VectorXcd initialEigen;
  HdAnalysisRecording recording;
  HdLiveSimulator live;
  std::deque<std::pair<Clock::time_point, long long>> rateWindow;

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
    rateWindow.clear();
    ffRemaining = 0;
    state = RunState::Paused;
    engineError = false;
    message.clear();
  }

  void computeDueProducts() {
    try {
      computeDueProductsUnchecked();
    } catch (const std::exception& ex) {
      weightsDue = analysisDue = false;
      message = std::string("analysis failed: ") + ex.what();
    }
  }
  void computeDueProductsUnchecked() {
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
  }

  // One optimiser update (training, fast-forward or single step).
  void doUpdate() {
    if (failed()) return;
    dirty = true;
    try {
      trainer->step();
    } catch (const std::exception& ex) {
      engineError = true;
      state = RunState::Failed;
      message = std::string("training stopped: ") + ex.what();
      ffRemaining = 0;
      return;
    }
    const long long u = trainer->updatesDone();
    const auto now = Clock::now();
    rateWindow.emplace_back(now, u);
    while (rateWindow.size() > 2 &&
           std::chrono::duration<double>(now - rateWindow.front().first).count() >
               kRateWindowSeconds)
      rateWindow.pop_front();
    if (trainer->failed()) {
      state = RunState::Failed;
      message = trainer->failure();
      ffRemaining = 0;
      weightsDue = true;
      return;
    }
    const int every = std::max(1, analysisEvery.load(std::memory_order_relaxed));
    if (u % every == 0) analysisDue = true;
    if (u % kWeightsEveryUpdates == 0) weightsDue = true;
  }

  double updatesPerSecond(Clock::time_point now) {
    while (!rateWindow.empty() &&
           std::chrono::duration<double>(now - rateWindow.front().first).count() >
               kRateWindowSeconds)
      rateWindow.pop_front();
    if (rateWindow.size() < 2) return 0.0;
    const double dt =
        std::chrono::duration<double>(rateWindow.back().first - rateWindow.front().first).count();
    return dt > 0 ? double(rateWindow.back().second - rateWindow.front().second) / dt : 0.0;
  }

  void advanceLive(int steps) {
    live.advance(trainer->model(), trainer->interventions().unitPerturbations(), steps);
  }

  void publish() {
    auto s = std::make_shared<HdSnapshot>();
    s->sequence = ++sequence;
    s->state = state;
    s->update = trainer->updatesDone();
    s->plannedUpdates = config.training.updates;
    s->updatesPerSecond = updatesPerSecond(Clock::now());
    s->numUnits = config.model.numUnits;
    s->message = message;
    s->history = trainer->history();
    s->live = live.trial();
    s->analysis = analysis;
    s->weights = weights;
    for (const auto& [id, i] : trainer->interventions().active()) s->interventions.emplace_back(id, i);
    s->lastAppliedCommand = lastApplied;
    dirty = false;
    std::shared_ptr<const HdSnapshot> next(std::move(s));
    {
      std::lock_guard<std::mutex> lock(mailboxMutex);
      mailbox.swap(next);
    }
    // `next` (the previous snapshot) is released here, outside the lock.
  }

  // Applies one command; returns the log entry.
  HdCommandLogEntry apply(const HdCommand& c) {
    HdCommandLogEntry e;
    e.update = trainer->updatesDone();
    e.command = c;
    using K = HdCommand::Kind;
    const bool failed = this->failed();
    try {
      switch (c.kind) {
        case K::Start:
          if (failed) break;
          if (ffRemaining > 0) ffReturn = RunState::Training;
          else state = RunState::Training;
          break;
        case K::Pause:
          ffRemaining = 0;
          if (!failed) state = RunState::Paused;
          break;
        case K::Test:
          ffRemaining = 0;
          if (!failed) state = RunState::Testing;
          break;
        case K::SingleStep:
          if (failed) break;
          ffRemaining = 0;
          doUpdate();
          if (!this->failed()) state = RunState::Paused;
          weightsDue = true;
          break;
        case K::FastForward:
          if (failed || c.count <= 0) break;
          if (ffRemaining == 0) ffReturn = state;
          ffRemaining = c.count;
          state = RunState::Training;
          break;
        case K::SetDelay:
          delaySeconds = std::isfinite(c.value) ? std::max(0.0, c.value) : 0.0;
          break;
        case K::Reset:
          if (c.seed != 0) config.seed = c.seed;
          resetNetwork();
          break;
        case K::AddIntervention: {
          e.resultId = trainer->addIntervention(c.intervention);
          weightsDue = true;
          if (state == RunState::Paused || state == RunState::Failed) advanceLive(1);
          break;
        }
        case K::RemoveIntervention:
          if (!trainer->removeIntervention(c.id))
            e.error = "no active intervention with id " + std::to_string(c.id);
          weightsDue = true;
          if (state == RunState::Paused || state == RunState::Failed) advanceLive(1);
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
        case K::SetLiveTrialSpeed:
          liveStepsPerFrame = int(std::clamp<long long>(c.count, 0, 100000));
          break;
        case K::Stop:
          stopping = true;
          break;
      }
    } catch (const std::exception& ex) {
      e.error = ex.what();
    }
    if (!e.error.empty()) message = e.error;
    else if (state != RunState::Failed && c.kind != K::SetLiveTrialSpeed && c.kind != K::SetDelay)
      message.clear();
    lastApplied = std::max(lastApplied, c.commandId);
    return e;
  }

  bool applyPending() {
    std::vector<HdCommand> cmds;
    {
      std::lock_guard<std::mutex> lock(queueMutex);
      cmds.swap(queue);
    }
    if (cmds.empty()) return false;
    for (const auto& c : cmds) {
      HdCommandLogEntry e = apply(c);
      {
        std::lock_guard<std::mutex> lock(logMutex);
        log.push_back(std::move(e));
      }
      if (stopping) break;
    }
    return true;
  }

  void run() {
    auto nextPublish = Clock::now(), lastLive = Clock::now(), nextStep = Clock::now();
    computeDueProducts();
    publish();
    while (true) {
      const bool applied = applyPending();
      if (stopping) break;
      computeDueProducts();
      auto now = Clock::now();
      if (ffRemaining > 0) {
        doUpdate();
        if (ffRemaining > 0 && --ffRemaining == 0 && !failed()) {
          state = ffReturn;
          weightsDue = analysisDue = true;
        }
        computeDueProducts();
        now = Clock::now();
      } else if (state == RunState::Training && now >= nextStep) {
        doUpdate();
        computeDueProducts();
        now = Clock::now();
        nextStep = now + std::chrono::duration_cast<Clock::duration>(
                             std::chrono::duration<double>(delaySeconds));
      }
      const double hz = std::clamp(publishHz.load(std::memory_order_relaxed), 0.1, 1000.0);
      const auto period =
          std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / hz));
      const bool liveRunning =
          (state == RunState::Training || state == RunState::Testing) && ffRemaining == 0;
      if (now >= nextPublish) {
        if (liveRunning) {
          // Steps in proportion to the time elapsed, so slow updates do not slow the trial
          // down (capped at four frames' worth).
          const double frames = std::chrono::duration<double>(now - lastLive).count() * hz;
          const int steps = int(std::lround(std::min(frames, 4.0) * liveStepsPerFrame));
          advanceLive(steps);
        }
        lastLive = now;
        publish();
        nextPublish = std::max(nextPublish + period, now);
      } else if (applied) {
        publish();
      }
      // Busy states go straight on to the next update.
      if (ffRemaining > 0 || (state == RunState::Training && delaySeconds <= 0)) continue;
      std::unique_lock<std::mutex> lock(queueMutex);
      auto ready = [&] { return !queue.empty(); };
      if (state == RunState::Training || state == RunState::Testing) {
        auto deadline = nextPublish;
        if (state == RunState::Training) deadline = std::min(deadline, nextStep);
        queueCv.wait_until(lock, deadline, ready);
      } else {
        if (dirty) {
          lock.unlock();
          publish();
          lock.lock();
        }
        queueCv.wait(lock, ready);
        lastLive = Clock::now();
      }
    }
    publish();
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

HdLabRuntime::~HdLabRuntime() {
  if (m->thread.joinable()) {
    HdCommand stop;
    stop.kind = HdCommand::Kind::Stop;
    post(stop);
    m->thread.join();
  }
}

void HdLabRuntime::start() {
  if (m->started) return;
  m->started = true;
  m->computeDueProducts();
  m->publish();  // latest() is never null from here on
  m->thread = std::thread([impl = m.get()] { impl->run(); });
}

long long HdLabRuntime::post(HdCommand c) {
  long long id;
  {
    std::lock_guard<std::mutex> lock(m->queueMutex);
    id = m->nextCommandId++;
    c.commandId = id;
    m->queue.push_back(std::move(c));
  }
  m->queueCv.notify_one();
  return id;
}

std::shared_ptr<const HdSnapshot> HdLabRuntime::latest() const {
  std::lock_guard<std::mutex> lock(m->mailboxMutex);
  return m->mailbox;
}

std::vector<HdCommandLogEntry> HdLabRuntime::commandLog() const {
  std::lock_guard<std::mutex> lock(m->logMutex);
  return m->log;
}

int HdLabRuntime::interventionIdFor(long long commandId) const {
  std::lock_guard<std::mutex> lock(m->logMutex);
  for (auto it = m->log.rbegin(); it != m->log.rend(); ++it)
    if (it->command.commandId == commandId) return it->resultId;
  return 0;
}

void HdLabRuntime::setPublishHz(double hz) {
  if (std::isfinite(hz) && hz > 0) m->publishHz.store(hz, std::memory_order_relaxed);
}

void HdLabRuntime::setAnalysisEveryUpdates(int n) {
  m->analysisEvery.store(std::max(1, n), std::memory_order_relaxed);
}

}  // namespace emergence::engine
