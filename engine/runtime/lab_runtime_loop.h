#pragma once
// The engine-thread machinery every lab shares (architecture.md §2), so a lab's runtime only
// says how to train, what its products are and what its own commands do:
//   - the command queue: any thread posts; the engine swaps the queue out at each step boundary,
//     applies the commands in order and logs each with the update count at that time
//     (same seed + same log = same weights). SingleStep runs its update inline, so the log order
//     is the exact order of events;
//   - the mailbox: snapshots are published by time (publishHz, default 60) and right after any
//     applied command into a mutex-guarded shared_ptr<const Snapshot> ("latest wins": readers
//     copy a pointer, never wait on the engine's work);
//   - transport: Start, Pause, Test (live trial without training), SingleStep, FastForward (N
//     updates without live frames, then back to the previous state), SetDelay (demonstration
//     delay between updates), SetLiveTrialSpeed, Stop; Paused and Failed wait on a condition
//     variable that any new command wakes; Testing and a demonstration delay wait with a
//     deadline (the next frame). The engine emits nothing per step.
//
// A lab derives from LabRuntimeLoop<Command, Snapshot> and implements the hooks (engine thread
// only). Requirements on the types:
//   Command: `kind` of an enum `Command::Kind` with the enumerators Start, Pause, SingleStep,
//            FastForward, SetDelay, Test, SetLiveTrialSpeed and Stop; `count` (long long),
//            `value` (double) and `commandId` (long long, assigned by post()).
//   Snapshot: `sequence`, `state`, `update`, `plannedUpdates`, `updatesPerSecond`, `message` and
//             `lastAppliedCommand`, filled here; the lab fills the rest in buildSnapshot().
// The derived class's destructor must call stopThread() (the thread calls its hooks).
// No Qt here.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/runtime/run_state.h"

namespace emergence::engine {

template <class Command>
struct RuntimeLogEntry {
  long long update = 0;  // updates done when the command was applied
  Command command;
  int resultId = 0;    // e.g. AddIntervention: the intervention id assigned (0 if it failed)
  std::string error;   // non-empty when the command could not be applied
};

template <class Command, class Snapshot>
class LabRuntimeLoop {
 public:
  using LogEntry = RuntimeLogEntry<Command>;
  using Clock = std::chrono::steady_clock;

  LabRuntimeLoop() = default;
  LabRuntimeLoop(const LabRuntimeLoop&) = delete;
  LabRuntimeLoop& operator=(const LabRuntimeLoop&) = delete;
  virtual ~LabRuntimeLoop() = default;

  // Publishes the first snapshot (latest() is never null from here on) and launches the thread.
  void startThread() {
    if (m_started) return;
    m_started = true;
    computeDueProductsSafely();
    publish();
    m_thread = std::thread([this] { run(); });
  }
  // Posts Stop and joins; safe to call twice.
  void stopThread() {
    if (!m_thread.joinable()) return;
    Command stop;
    stop.kind = Command::Kind::Stop;
    post(stop);
    m_thread.join();
  }

  // Thread-safe from any thread; returns the command id.
  long long post(Command c) {
    long long id;
    {
      std::lock_guard<std::mutex> lock(m_queueMutex);
      id = m_nextCommandId++;
      c.commandId = id;
      m_queue.push_back(std::move(c));
    }
    m_queueCv.notify_one();
    return id;
  }
  std::shared_ptr<const Snapshot> latest() const {
    std::lock_guard<std::mutex> lock(m_mailboxMutex);
    return m_mailbox;
  }
  std::vector<LogEntry> commandLog() const {
    std::lock_guard<std::mutex> lock(m_logMutex);
    return m_log;
  }
  // resultId of an applied command (0 if not applied yet or it failed).
  int resultIdFor(long long commandId) const {
    std::lock_guard<std::mutex> lock(m_logMutex);
    for (auto it = m_log.rbegin(); it != m_log.rend(); ++it)
      if (it->command.commandId == commandId) return it->resultId;
    return 0;
  }
  void setPublishHz(double hz) {
    if (std::isfinite(hz) && hz > 0) m_publishHz.store(hz, std::memory_order_relaxed);
  }

 protected:
  // ---- hooks, called on the engine thread (and from startThread() before it runs) ----
  virtual long long updatesDone() const = 0;
  virtual long long plannedUpdates() const = 0;
  // The trainer stopped on a non-finite loss; failureText() says why.
  virtual bool trainerFailed() const = 0;
  virtual std::string failureText() const = 0;
  // One optimiser update (may throw: the run goes to Failed with the exception's message).
  virtual void trainOneUpdate() = 0;
  // After a successful update `u` (schedule products); after a failed one.
  virtual void afterUpdate(long long u) {}
  virtual void afterFailure() {}
  // After SingleStep and at the end of a fast-forward.
  virtual void afterSingleStep() {}
  virtual void afterFastForward() {}
  // Heavy products that are due; exceptions are caught and shown as the message.
  virtual void computeDueProducts() = 0;
  // Advance the live trial by `steps` simulation steps.
  virtual void advanceLive(int steps) = 0;
  // A new snapshot with the lab's fields; the common fields are filled by publish().
  virtual std::shared_ptr<Snapshot> buildSnapshot() = 0;
  // Every command the transport does not handle; set e.resultId / e.error (or throw).
  virtual void applyLabCommand(const Command& c, LogEntry& e) = 0;
  // Work outside the thread (e.g. background evaluations) whose end the loop must notice even
  // while paused: it then wakes every `kBackgroundPoll` instead of waiting for a command.
  virtual bool hasBackgroundWork() const { return false; }
  static constexpr std::chrono::milliseconds kBackgroundPoll{50};

  // ---- engine-thread state for the hooks ----
  bool failed() const { return m_engineError || trainerFailed(); }
  // Back to Paused with nothing pending (a new network: Reset / adopt).
  void resetTransport() {
    m_ffRemaining = 0;
    m_state = RunState::Paused;
    m_engineError = false;
    m_message.clear();
    m_rateWindow.clear();
  }
  RunState m_state = RunState::Paused;
  long long m_ffRemaining = 0;
  double m_delaySeconds = 0;
  int m_liveStepsPerFrame = 4;
  std::string m_message;
  bool m_dirty = false;  // something changed since the last publication

 private:
  RunState m_ffReturn = RunState::Paused;
  bool m_engineError = false;
  bool m_stopping = false;
  long long m_lastApplied = 0;
  std::uint64_t m_sequence = 0;
  std::deque<std::pair<Clock::time_point, long long>> m_rateWindow;
  static constexpr double kRateWindowSeconds = 2.0;

  // ---- shared with other threads ----
  std::mutex m_queueMutex;
  std::condition_variable m_queueCv;
  std::vector<Command> m_queue;
  long long m_nextCommandId = 1;
  mutable std::mutex m_logMutex;
  std::vector<LogEntry> m_log;
  // GCC 12's std::atomic<std::shared_ptr> works but ThreadSanitizer reports its internal
  // lock-bit protocol as a race, so the pointer is guarded by a mutex held only for a pointer
  // copy (a reference-count increment).
  mutable std::mutex m_mailboxMutex;
  std::shared_ptr<const Snapshot> m_mailbox;
  std::atomic<double> m_publishHz{60.0};
  std::thread m_thread;
  bool m_started = false;  // owner thread only

  void computeDueProductsSafely() {
    try {
      computeDueProducts();
    } catch (const std::exception& ex) {
      m_message = std::string("analysis failed: ") + ex.what();
    }
  }

  void doUpdate() {
    if (failed()) return;
    m_dirty = true;
    try {
      trainOneUpdate();
    } catch (const std::exception& ex) {
      m_engineError = true;
      m_state = RunState::Failed;
      m_message = std::string("training stopped: ") + ex.what();
      m_ffRemaining = 0;
      afterFailure();
      return;
    }
    const long long u = updatesDone();
    const auto now = Clock::now();
    m_rateWindow.emplace_back(now, u);
    while (m_rateWindow.size() > 2 &&
           std::chrono::duration<double>(now - m_rateWindow.front().first).count() >
               kRateWindowSeconds)
      m_rateWindow.pop_front();
    if (trainerFailed()) {
      m_state = RunState::Failed;
      m_message = failureText();
      m_ffRemaining = 0;
      afterFailure();
      return;
    }
    afterUpdate(u);
  }

  double updatesPerSecond(Clock::time_point now) {
    while (!m_rateWindow.empty() &&
           std::chrono::duration<double>(now - m_rateWindow.front().first).count() >
               kRateWindowSeconds)
      m_rateWindow.pop_front();
    if (m_rateWindow.size() < 2) return 0.0;
    const double dt =
        std::chrono::duration<double>(m_rateWindow.back().first - m_rateWindow.front().first)
            .count();
    return dt > 0 ? double(m_rateWindow.back().second - m_rateWindow.front().second) / dt : 0.0;
  }

  void publish() {
    std::shared_ptr<Snapshot> s = buildSnapshot();
    s->sequence = ++m_sequence;
    s->state = m_state;
    s->update = updatesDone();
    s->plannedUpdates = plannedUpdates();
    s->updatesPerSecond = updatesPerSecond(Clock::now());
    s->message = m_message;
    s->lastAppliedCommand = m_lastApplied;
    m_dirty = false;
    std::shared_ptr<const Snapshot> next(std::move(s));
    {
      std::lock_guard<std::mutex> lock(m_mailboxMutex);
      m_mailbox.swap(next);
    }
    // `next` (the previous snapshot) is released here, outside the lock.
  }

  LogEntry apply(const Command& c) {
    LogEntry e;
    e.update = updatesDone();
    e.command = c;
    using K = typename Command::Kind;
    const bool wasFailed = failed();
    try {
      if (c.kind == K::Start) {
        if (!wasFailed) {
          if (m_ffRemaining > 0) m_ffReturn = RunState::Training;
          else m_state = RunState::Training;
        }
      } else if (c.kind == K::Pause) {
        m_ffRemaining = 0;
        if (!wasFailed) m_state = RunState::Paused;
      } else if (c.kind == K::Test) {
        m_ffRemaining = 0;
        if (!wasFailed) m_state = RunState::Testing;
      } else if (c.kind == K::SingleStep) {
        if (!wasFailed) {
          m_ffRemaining = 0;
          doUpdate();
          if (!failed()) m_state = RunState::Paused;
          afterSingleStep();
        }
      } else if (c.kind == K::FastForward) {
        if (!wasFailed && c.count > 0) {
          if (m_ffRemaining == 0) m_ffReturn = m_state;
          m_ffRemaining = c.count;
          m_state = RunState::Training;
        }
      } else if (c.kind == K::SetDelay) {
        m_delaySeconds = std::isfinite(c.value) ? std::max(0.0, c.value) : 0.0;
      } else if (c.kind == K::SetLiveTrialSpeed) {
        m_liveStepsPerFrame = int(std::clamp<long long>(c.count, 0, 100000));
      } else if (c.kind == K::Stop) {
        m_stopping = true;
      } else {
        applyLabCommand(c, e);
      }
    } catch (const std::exception& ex) {
      e.error = ex.what();
    }
    if (!e.error.empty()) m_message = e.error;
    else if (m_state != RunState::Failed && c.kind != K::SetLiveTrialSpeed && c.kind != K::SetDelay)
      m_message.clear();
    m_lastApplied = std::max(m_lastApplied, c.commandId);
    return e;
  }

  bool applyPending() {
    std::vector<Command> cmds;
    {
      std::lock_guard<std::mutex> lock(m_queueMutex);
      cmds.swap(m_queue);
    }
    if (cmds.empty()) return false;
    for (const auto& c : cmds) {
      LogEntry e = apply(c);
      {
        std::lock_guard<std::mutex> lock(m_logMutex);
        m_log.push_back(std::move(e));
      }
      if (m_stopping) break;
    }
    return true;
  }

  void run() {
    auto nextPublish = Clock::now(), lastLive = Clock::now(), nextStep = Clock::now();
    while (true) {
      const bool applied = applyPending();
      if (m_stopping) break;
      computeDueProductsSafely();
      auto now = Clock::now();
      if (m_ffRemaining > 0) {
        doUpdate();
        if (m_ffRemaining > 0 && --m_ffRemaining == 0 && !failed()) {
          m_state = m_ffReturn;
          afterFastForward();
        }
        computeDueProductsSafely();
        now = Clock::now();
      } else if (m_state == RunState::Training && now >= nextStep) {
        doUpdate();
        computeDueProductsSafely();
        now = Clock::now();
        nextStep = now + std::chrono::duration_cast<Clock::duration>(
                             std::chrono::duration<double>(m_delaySeconds));
      }
      const double hz = std::clamp(m_publishHz.load(std::memory_order_relaxed), 0.1, 1000.0);
      const auto period =
          std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / hz));
      const bool liveRunning =
          (m_state == RunState::Training || m_state == RunState::Testing) && m_ffRemaining == 0;
      if (now >= nextPublish) {
        if (liveRunning) {
          // Steps in proportion to the time elapsed, so slow updates do not slow the trial
          // down (capped at four frames' worth).
          const double frames = std::chrono::duration<double>(now - lastLive).count() * hz;
          const int steps = int(std::lround(std::min(frames, 4.0) * m_liveStepsPerFrame));
          advanceLive(steps);
        }
        lastLive = now;
        publish();
        nextPublish = std::max(nextPublish + period, now);
      } else if (applied) {
        publish();
      }
      // Busy states go straight on to the next update.
      if (m_ffRemaining > 0 || (m_state == RunState::Training && m_delaySeconds <= 0)) continue;
      std::unique_lock<std::mutex> lock(m_queueMutex);
      auto ready = [&] { return !m_queue.empty(); };
      if (m_state == RunState::Training || m_state == RunState::Testing) {
        auto deadline = nextPublish;
        if (m_state == RunState::Training) deadline = std::min(deadline, nextStep);
        m_queueCv.wait_until(lock, deadline, ready);
      } else {
        if (m_dirty) {
          lock.unlock();
          publish();
          lock.lock();
        }
        if (hasBackgroundWork()) m_queueCv.wait_for(lock, kBackgroundPoll, ready);
        else m_queueCv.wait(lock, ready);
        lastLive = Clock::now();
      }
    }
    publish();
  }
};

}  // namespace emergence::engine
