#include "app/grid_lab_bridge.h"

#include <QMetaType>

namespace emergence::app {

GridLabBridge::GridLabBridge(QObject* parent) : LabBridge(parent) {
  qRegisterMetaType<std::shared_ptr<const engine::GridSnapshot>>();
}

GridLabBridge::~GridLabBridge() = default;  // the runtime's destructor stops and joins its thread

void GridLabBridge::setRuntime(std::unique_ptr<engine::GridLabRuntime> runtime) {
  stopPolling();
  m_runtime.reset();  // join the old engine thread before the new one starts
  m_runtime = std::move(runtime);
  m_latest.reset();
  m_fetched.reset();
  if (m_runtime) {
    m_runtime->setPublishHz(frameRateHz());
    m_runtime->start();
  }
  runtimeReplaced();
}

long long GridLabBridge::post(engine::GridCommand command) {
  if (!m_runtime) return 0;
  const long long id = m_runtime->post(std::move(command));
  notePosted(id);
  return id;
}

long long GridLabBridge::postAddIntervention(const engine::Intervention& i,
                                             long long durationSteps) {
  engine::GridCommand c;
  c.kind = engine::GridCommand::Kind::AddIntervention;
  c.intervention = i;
  c.count = durationSteps;
  return post(c);
}

long long GridLabBridge::postRemoveIntervention(int engineId) {
  engine::GridCommand c;
  c.kind = engine::GridCommand::Kind::RemoveIntervention;
  c.id = engineId;
  return post(c);
}

long long GridLabBridge::postSave(const std::string& folder) {
  engine::GridCommand c;
  c.kind = engine::GridCommand::Kind::Save;
  c.path = folder;
  return post(c);
}

int GridLabBridge::interventionIdFor(long long addCommandId) const {
  return m_runtime ? m_runtime->interventionIdFor(addCommandId) : 0;
}

QString GridLabBridge::commandError(long long commandId) const {
  return commandErrorOf(m_runtime.get(), commandId);
}

bool GridLabBridge::fetchLatest(FrameInfo& info) {
  m_fetched = m_runtime ? m_runtime->latest() : nullptr;
  if (!m_fetched) return false;
  fillFrameInfo(*m_fetched, info);
  return true;
}

void GridLabBridge::emitSnapshot() {
  m_latest = m_fetched;
  emit snapshotChanged(m_latest);
}

std::vector<std::pair<long long, QString>> GridLabBridge::failedCommandsAfter(
    long long afterId) const {
  return failedCommandsOf(m_runtime.get(), afterId);
}

}  // namespace emergence::app
