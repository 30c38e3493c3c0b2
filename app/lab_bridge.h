#pragma once
// What every lab's bridge between its engine thread and Qt shares (architecture.md §2): a QTimer
// polls the runtime's "latest wins" mailbox on the GUI thread; each new snapshot is delivered
// (frameDelivered, and the lab's typed snapshotChanged). The engine never calls into Qt. The
// bridge also measures what the quality bars of product.md §3 are about — frames delivered per
// second and the latency from posting a command to the first frame that contains its effect —
// and keeps the handles that let undo/redo follow interventions whose engine ids change
// (InterventionHandle). Lab bridges (HdLabBridge, GridLabBridge) only say how to read their
// runtime and how to post the few commands the shell and the undo stack need.
#include <QElapsedTimer>
#include <algorithm>
#include <QObject>
#include <QString>
#include <QTimer>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/interventions/intervention_set.h"
#include "engine/runtime/run_state.h"

namespace emergence::app {

// One logical intervention as the undo commands see it. The engine gives it a new id every time
// it is (re-)added; the handle follows it: `addCommandId` is the latest AddIntervention posted
// for it, `engineId` the id the engine assigned (0 while unknown).
struct InterventionHandle {
  long long addCommandId = 0;
  int engineId = 0;
};

// The fields every lab's snapshot has.
struct FrameInfo {
  bool valid = false;
  engine::RunState state = engine::RunState::Paused;
  long long update = 0, plannedUpdates = 0;
  double updatesPerSecond = 0;
  QString message;
  long long lastAppliedCommand = 0;
  // ≥ lastAppliedCommand: every command up to this id shows in the frame (labs that preview
  // interventions before applying them; latency is measured to this).
  long long lastShownCommand = 0;
  std::uint64_t sequence = 0;
};

class LabBridge : public QObject {
  Q_OBJECT
 public:
  struct LatencyStats {
    int samples = 0;
    double lastMs = 0, meanMs = 0, maxMs = 0;  // post → delivered frame, wall time
    int lastFrames = 0, maxFrames = 0;         // frames delivered until it showed (1 = next frame)
  };

  explicit LabBridge(QObject* parent = nullptr);
  ~LabBridge() override;

  virtual bool hasRuntime() const = 0;
  // The latest delivered frame's common fields (valid = false before the first).
  FrameInfo frame() const { return m_frame; }

  // Commands the shell and the undo stack post without knowing the lab (0 without a runtime).
  // durationSteps > 0: the engine releases the intervention after that many live-trial steps
  // (labs without timed interventions ignore it).
  virtual long long postAddIntervention(const engine::Intervention& i, long long durationSteps) = 0;
  virtual long long postRemoveIntervention(int engineId) = 0;
  virtual long long postSave(const std::string& folder) = 0;

  // Removes the intervention added by command `addCommandId` as soon as the engine has
  // assigned its id (undo right after redo must not depend on the engine's timing).
  void removeWhenApplied(long long addCommandId);
  // Engine id of the intervention added by `addCommandId` (0 while not applied / failed).
  virtual int interventionIdFor(long long addCommandId) const = 0;
  // The engine's error for an applied command (empty when it succeeded or is not applied yet).
  virtual QString commandError(long long commandId) const = 0;

  std::shared_ptr<InterventionHandle> newInterventionHandle();
  // The handle currently holding engine id `engineId` (a new one if no command knows it yet).
  std::shared_ptr<InterventionHandle> handleForEngineId(int engineId);
  // Current engine id of a handle (resolving it from its add command when needed).
  int resolve(InterventionHandle& h) const;
  // Posts the removal of whatever the handle currently is (deferred until its id is known).
  void removeIntervention(InterventionHandle& h);

  long long framesDelivered() const { return m_frames; }
  double framesPerSecond() const;  // over the last second
  LatencyStats latency() const { return m_latency; }
  void setPollIntervalMs(int ms) { m_timer.setInterval(ms); }
  // Frames per second every runtime started from now on publishes (--frame-rate; default 60).
  static void setFrameRateHz(double hz);
  static double frameRateHz();

 public slots:
  void poll();

 signals:
  void frameDelivered();
  // An applied command that the engine refused (e.g. a Save to an unwritable folder).
  void commandFailed(long long commandId, const QString& message);

 protected:
  // ---- for the lab bridges ----
  // Reads the runtime's latest snapshot into the lab's typed member; false when there is none.
  virtual bool fetchLatest(FrameInfo& info) = 0;
  // Emits the lab's typed signal for the snapshot fetchLatest stored.
  virtual void emitSnapshot() = 0;
  // (command id, error) of every applied command with an error, ids > afterId.
  virtual std::vector<std::pair<long long, QString>> failedCommandsAfter(
      long long afterId) const = 0;
  // Call after replacing the runtime: resets counters; starts polling when there is one.
  void runtimeReplaced();
  void stopPolling() { m_timer.stop(); }
  // Call after posting any command (latency measurement).
  void notePosted(long long commandId);

 private:
  void resolvePendingRemovals();
  void reportFailures();
  void measureLatency();

  QTimer m_timer;
  QElapsedTimer m_clock;
  FrameInfo m_frame;
  long long m_frames = 0;
  std::deque<qint64> m_frameTimes;  // ms of the frames in the last second
  struct Posted {
    qint64 atMs;
    long long framesAtPost;
  };
  std::map<long long, Posted> m_posted;  // command id → when
  LatencyStats m_latency;
  double m_latencySumMs = 0;
  std::vector<std::weak_ptr<InterventionHandle>> m_handles;
  std::vector<long long> m_pendingRemovals;  // AddIntervention command ids
  long long m_checkedCommand = 0;            // failures reported up to this command id
};

// Helpers for the lab bridges, for any runtime with commandLog() and snapshot with the common
// fields (engine/runtime/lab_runtime_loop.h).
template <class Snapshot>
void fillFrameInfo(const Snapshot& s, FrameInfo& info) {
  info.state = s.state;
  info.update = s.update;
  info.plannedUpdates = s.plannedUpdates;
  info.updatesPerSecond = s.updatesPerSecond;
  info.message = QString::fromStdString(s.message);
  info.lastAppliedCommand = s.lastAppliedCommand;
  info.lastShownCommand = s.lastAppliedCommand;
  if constexpr (requires { s.lastShownCommand; })
    info.lastShownCommand = std::max(s.lastAppliedCommand, s.lastShownCommand);
  info.sequence = s.sequence;
}
template <class Runtime>
QString commandErrorOf(const Runtime* rt, long long commandId) {
  if (!rt) return {};
  for (const auto& e : rt->commandLog())
    if (e.command.commandId == commandId) return QString::fromStdString(e.error);
  return {};
}
template <class Runtime>
std::vector<std::pair<long long, QString>> failedCommandsOf(const Runtime* rt, long long afterId) {
  std::vector<std::pair<long long, QString>> out;
  if (rt)
    for (const auto& e : rt->commandLog())
      if (e.command.commandId > afterId && !e.error.empty())
        out.emplace_back(e.command.commandId, QString::fromStdString(e.error));
  return out;
}

}  // namespace emergence::app
