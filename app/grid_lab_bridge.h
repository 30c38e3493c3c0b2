#pragma once
// The bridge between the grid-cells engine thread and Qt (architecture.md §2), on the shared
// LabBridge (polling, frame rate, latency, intervention handles): it owns the runtime and
// delivers its GridSnapshot values as snapshotChanged.
#include <memory>

#include "app/lab_bridge.h"
#include "engine/runtime/grid_lab_runtime.h"

namespace emergence::app {

class GridLabBridge : public LabBridge {
  Q_OBJECT
 public:
  explicit GridLabBridge(QObject* parent = nullptr);
  ~GridLabBridge() override;

  // Takes ownership, starts the engine thread and the poll timer; the previous runtime (if
  // any) is stopped and joined.
  void setRuntime(std::unique_ptr<engine::GridLabRuntime> runtime);
  engine::GridLabRuntime* runtime() const { return m_runtime.get(); }
  bool hasRuntime() const override { return m_runtime != nullptr; }

  long long post(engine::GridCommand command);  // 0 without a runtime
  std::shared_ptr<const engine::GridSnapshot> latest() const { return m_latest; }

  long long postAddIntervention(const engine::Intervention& i, long long durationSteps) override;
  long long postRemoveIntervention(int engineId) override;
  long long postSave(const std::string& folder) override;
  int interventionIdFor(long long addCommandId) const override;
  QString commandError(long long commandId) const override;

 signals:
  void snapshotChanged(std::shared_ptr<const emergence::engine::GridSnapshot> snapshot);

 protected:
  bool fetchLatest(FrameInfo& info) override;
  void emitSnapshot() override;
  std::vector<std::pair<long long, QString>> failedCommandsAfter(long long afterId) const override;

 private:
  std::unique_ptr<engine::GridLabRuntime> m_runtime;
  std::shared_ptr<const engine::GridSnapshot> m_latest, m_fetched;
};

}  // namespace emergence::app
