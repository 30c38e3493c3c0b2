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
// Frame thread (optional, concurrentFrames()): a lab whose updates take longer than a frame
// (the grid-cells lab: 80 ms and more) cannot publish 30–60 frames per second from between its
// updates. Then the engine thread only stores a "base" snapshot after every update and command,
// and a second thread publishes frames by time: composeFrame(base) copies the base and adds what
// moves every frame (the live trial, simulated there on a frozen copy of the network). The frame
// thread is then the only writer of the mailbox; it may post commands (e.g. releasing a timed
// intervention).
//
// A lab derives from LabRuntimeLoop<Command, Snapshot> and implements the hooks (engine thread
// only). Requirements on the types:
//   Command: `kind` of an enum `Command::Kind` with the enumerators Start, Pause, SingleStep,
//            FastForward, SetDelay, Test, SetLiveTrialSpeed and Stop; `count` (long long),
//            `value` (double) and `commandId` (long long, assigned by post()).
//   Snapshot: `sequence`, `state`, `update`, `plannedUpdates`, `updatesPerSecond`, `message` and
//             `lastAppliedCommand`, filled here; the lab fills the rest in buildSnapshot().
// The derived class's destructor must call stopThread() (the thread calls its hooks).
// Scheduling: on Linux the engine thread lowers its own priority a little (nice +4; the worker
// threads of a training step and background jobs it starts inherit it), so on a machine whose
// cores are all busy training, the GUI thread still gets the CPU it needs for its frames. Training
// never waits for the GUI: it only yields when the GUI actually wants to run.
// No Qt here.
#include <algorithm>
#include <atomic>
#include <cerrno>
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

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace emergence::engine {

template <class Command>
struct RuntimeLogEntry {
  long long update = 0;  // updates done when the command was applied
  Command command;
  int resultId = 0;   // e.g. AddIntervention: the intervention id assigned (0 if it failed)
  std::string error;  // non-empty when the command could not be applied
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
    m_concurrent = concurrentFrames();
    computeDueProductsSafely();
    publish();
    if (m_concurrent) {
      publishFrame(Clock::now());  // latest() is never null from here on
      m_frameThread = std::thread([this] { frameLoop(); });
    }
    m_thread = std::thread([this] { run(); });
  }
  // Posts Stop and joins; safe to call twice.
  void stopThread() {
    if (m_thread.joinable()) {
      Command stop;
      stop.kind = Command::Kind::Stop;
      post(stop);
      m_thread.join();
    }
    if (m_frameThread.joinable()) {
      {
        std::lock_guard<std::mutex> lock(m_baseMutex);
        m_frameStop = true;
      }
      m_baseCv.notify_all();
      m_frameThread.join();
    }
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
  // Frame thread (see the header comment): on, advanceLive is never called; composeFrame runs on
  // the frame thread with the latest base snapshot (common fields filled) and the seconds since
  // its previous frame, and returns the frame to publish (null: nothing changed, no frame).
  virtual bool concurrentFrames() const { return false; }
  virtual std::shared_ptr<Snapshot> composeFrame(const std::shared_ptr<const Snapshot>& base,
                                                 double secondsSinceLastFrame) {
    return std::make_shared<Snapshot>(*base);
  }
  // Any thread: ask the frame thread for a frame now (e.g. an intervention to preview).
  void requestFrame() {
    if (!m_concurrent) return;
    {
      std::lock_guard<std::mutex> lock(m_baseMutex);
      m_frameDue = true;
    }
    m_baseCv.notify_all();
  }
  // Live-trial steps per frame (SetLiveTrialSpeed), readable from the frame thread.
  int liveStepsPerFrame() const { return m_liveStepsPerFrame.load(std::memory_order_relaxed); }
  double publishHz() const {
    return std::clamp(m_publishHz.load(std::memory_order_relaxed), 0.1, 1000.0);
  }
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
  std::atomic<int> m_liveStepsPerFrame{4};
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
  // Frame thread: the base snapshot it composes frames from, and a poke for frames due now.
  bool m_concurrent = false;
  std::mutex m_baseMutex;
  std::condition_variable m_baseCv;
  std::shared_ptr<const Snapshot> m_base;
  bool m_frameDue = false, m_frameStop = false;
  std::thread m_frameThread;
  std::uint64_t m_frameSequence = 0;  // frame thread only (after start)
  Clock::time_point m_lastFrame{};

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

  // Direct mode: into the mailbox. Frame-thread mode: the new base, and a frame is due now.
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
    if (m_concurrent) {
      {
        std::lock_guard<std::mutex> lock(m_baseMutex);
        m_base.swap(next);
        m_frameDue = true;
      }
      m_baseCv.notify_all();
      return;  // the previous base is released here, outside the lock
    }
    {
      std::lock_guard<std::mutex> lock(m_mailboxMutex);
      m_mailbox.swap(next);
    }
    // `next` (the previous snapshot) is released here, outside the lock.
  }

  // Frame thread: one frame from the latest base.
  void publishFrame(Clock::time_point now) {
    std::shared_ptr<const Snapshot> base;
    {
      std::lock_guard<std::mutex> lock(m_baseMutex);
      base = m_base;
      m_frameDue = false;
    }
    if (!base) return;
    const double dt = m_lastFrame == Clock::time_point{}
                          ? 0.0
                          : std::chrono::duration<double>(now - m_lastFrame).count();
    m_lastFrame = now;
    std::shared_ptr<Snapshot> frame = composeFrame(base, dt);
    if (!frame) {  // nothing new to show
      std::lock_guard<std::mutex> lock(m_mailboxMutex);
      if (m_mailbox) return;
      frame = std::make_shared<Snapshot>(*base);
    }
    frame->sequence = ++m_frameSequence;
    std::shared_ptr<const Snapshot> next(std::move(frame));
    {
      std::lock_guard<std::mutex> lock(m_mailboxMutex);
      m_mailbox.swap(next);
    }
  }

  void frameLoop() {
    auto nextFrame = Clock::now();
    while (true) {
      {
        std::unique_lock<std::mutex> lock(m_baseMutex);
        m_baseCv.wait_until(lock, nextFrame, [&] { return m_frameStop || m_frameDue; });
        if (m_frameStop) return;
      }
      const auto now = Clock::now();
      publishFrame(now);
      const auto period = std::chrono::duration_cast<Clock::duration>(
          std::chrono::duration<double>(1.0 / publishHz()));
      nextFrame = std::max(nextFrame + period, now);
    }
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
          if (m_ffRemaining > 0)
            m_ffReturn = RunState::Training;
          else
            m_state = RunState::Training;
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
        m_liveStepsPerFrame.store(int(std::clamp<long long>(c.count, 0, 100000)),
                                  std::memory_order_relaxed);
      } else if (c.kind == K::Stop) {
        m_stopping = true;
      } else {
        applyLabCommand(c, e);
      }
    } catch (const std::exception& ex) {
      e.error = ex.what();
    }
    if (!e.error.empty())
      m_message = e.error;
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

  static void lowerThreadPriority() {
#if defined(__linux__)
    const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    errno = 0;
    const int nice = ::getpriority(PRIO_PROCESS, tid);
    if (errno == 0) ::setpriority(PRIO_PROCESS, tid, std::min(nice + 4, 19));
#endif
  }

  void run() {
    lowerThreadPriority();
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
      const double hz = publishHz();
      const auto period =
          std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / hz));
      const bool liveRunning =
          (m_state == RunState::Training || m_state == RunState::Testing) && m_ffRemaining == 0;
      if (m_concurrent) {
        // The frame thread draws the frames; the base follows every update and command.
        if (m_dirty || applied || now >= nextPublish) {
          publish();
          nextPublish = std::max(nextPublish + period, now);
        }
      } else if (now >= nextPublish) {
        if (liveRunning) {
          // Steps in proportion to the time elapsed, so slow updates do not slow the trial
          // down (capped at four frames' worth).
          const double frames = std::chrono::duration<double>(now - lastLive).count() * hz;
          const int steps = int(std::lround(std::min(frames, 4.0) * liveStepsPerFrame()));
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
        if (hasBackgroundWork())
          m_queueCv.wait_for(lock, kBackgroundPoll, ready);
        else
          m_queueCv.wait(lock, ready);
        lastLive = Clock::now();
      }
    }
    publish();
  }
};

}  // namespace emergence::engine
