#pragma once
// The bridge between the head-direction engine thread and Qt (architecture.md §2), on the shared
// LabBridge (polling, frame rate, latency, intervention handles): it owns the runtime and
// delivers its HdSnapshot values as snapshotChanged.
#include <memory>

#include "app/lab_bridge.h"
#include "engine/runtime/hd_lab_runtime.h"

namespace emergence::app {

class HdLabBridge : public LabBridge {
  Q_OBJECT
 public:
  explicit HdLabBridge(QObject* parent = nullptr);
  ~HdLabBridge() override;

  // Takes ownership, starts the engine thread and the poll timer; the previous runtime (if
  // any) is stopped and joined. Counters are reset.
  void setRuntime(std::unique_ptr<engine::HdLabRuntime> runtime);
  engine::HdLabRuntime* runtime() const { return m_runtime.get(); }
  bool hasRuntime() const override { return m_runtime != nullptr; }

  // Posts a command and remembers when, for the latency measurement. Returns its id (0 when
  // there is no runtime).
  long long post(engine::HdCommand command);
  std::shared_ptr<const engine::HdSnapshot> latest() const { return m_latest; }

  long long postAddIntervention(const engine::Intervention& i, long long durationSteps) override;
  long long postRemoveIntervention(int engineId) override;
  long long postSave(const std::string& folder) override;
  int interventionIdFor(long long addCommandId) const override;
  QString commandError(long long commandId) const override;

 signals:
  void snapshotChanged(std::shared_ptr<const emergence::engine::HdSnapshot> snapshot);

 protected:
  bool fetchLatest(FrameInfo& info) override;
  void emitSnapshot() override;
  std::vector<std::pair<long long, QString>> failedCommandsAfter(long long afterId) const override;

 private:
  std::unique_ptr<engine::HdLabRuntime> m_runtime;
  std::shared_ptr<const engine::HdSnapshot> m_latest, m_fetched;
};

}  // namespace emergence::app
