#pragma once
// The bridge between the head-direction engine thread and Qt (architecture.md §2): a QTimer
// polls the runtime's "latest wins" mailbox on the GUI thread and emits snapshotChanged when a
// new snapshot arrived. The engine never calls into Qt. The bridge also measures what the
// quality bars of product.md §3 are about: frames delivered per second, and the latency from
// posting a command to the first delivered frame that contains its effect.
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <deque>
#include <map>
#include <memory>
#include <vector>

#include "engine/runtime/hd_lab_runtime.h"

namespace emergence::app {

// One logical intervention as the undo commands see it. The engine gives it a new id every time
// it is (re-)added; the handle follows it: `addCommandId` is the latest AddIntervention posted
// for it, `engineId` the id the engine assigned (0 while unknown).
struct InterventionHandle {
  long long addCommandId = 0;
  int engineId = 0;
};

class HdLabBridge : public QObject {
  Q_OBJECT
 public:
  struct LatencyStats {
    int samples = 0;
    double lastMs = 0, meanMs = 0, maxMs = 0;  // post → delivered frame, wall time
    int lastFrames = 0, maxFrames = 0;         // frames delivered until it showed (1 = next frame)
  };

  explicit HdLabBridge(QObject* parent = nullptr);
  ~HdLabBridge() override;

  // Takes ownership, starts the engine thread and the poll timer; the previous runtime (if
  // any) is stopped and joined. Counters are reset.
  void setRuntime(std::unique_ptr<engine::HdLabRuntime> runtime);
  engine::HdLabRuntime* runtime() const { return m_runtime.get(); }

  // Posts a command and remembers when, for the latency measurement. Returns its id (0 when
  // there is no runtime).
  long long post(engine::HdCommand command);
  // Removes the intervention added by command `addCommandId` as soon as the engine has
  // assigned its id (undo right after redo must not depend on the engine's timing).
  void removeWhenApplied(long long addCommandId);
  // Engine id of the intervention added by `addCommandId` (0 while not applied / failed).
  int interventionIdFor(long long addCommandId) const;
  // The engine's error for an applied command (empty when it succeeded or is not applied yet).
  QString commandError(long long commandId) const;

  // Handles shared by the undo commands (see InterventionHandle).
  std::shared_ptr<InterventionHandle> newInterventionHandle();
  // The handle currently holding engine id `engineId` (a new one if no command knows it yet).
  std::shared_ptr<InterventionHandle> handleForEngineId(int engineId);
  // Current engine id of a handle (resolving it from its add command when needed).
  int resolve(InterventionHandle& h) const;
  // Posts the removal of whatever the handle currently is (deferred until its id is known).
  void removeIntervention(InterventionHandle& h);

  std::shared_ptr<const engine::HdSnapshot> latest() const { return m_latest; }
  long long framesDelivered() const { return m_frames; }
  double framesPerSecond() const;  // over the last second
  LatencyStats latency() const { return m_latency; }
  void setPollIntervalMs(int ms) { m_timer.setInterval(ms); }

 public slots:
  void poll();

 signals:
  void snapshotChanged(std::shared_ptr<const emergence::engine::HdSnapshot> snapshot);
  // An applied command that the engine refused (e.g. a Save to an unwritable folder).
  void commandFailed(long long commandId, const QString& message);

 private:
  void resolvePendingRemovals(const engine::HdSnapshot& s);
  void reportFailures(const engine::HdSnapshot& s);
  void measureLatency(const engine::HdSnapshot& s);

  std::unique_ptr<engine::HdLabRuntime> m_runtime;
  QTimer m_timer;
  QElapsedTimer m_clock;
  std::shared_ptr<const engine::HdSnapshot> m_latest;
  std::uint64_t m_lastSequence = 0;
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

}  // namespace emergence::app
