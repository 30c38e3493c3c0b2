#include "app/hd_lab_bridge.h"

#include <QMetaType>

namespace emergence::app {

HdLabBridge::HdLabBridge(QObject* parent) : LabBridge(parent) {
  qRegisterMetaType<std::shared_ptr<const engine::HdSnapshot>>();
}

HdLabBridge::~HdLabBridge() = default;  // the runtime's destructor stops and joins its thread

void HdLabBridge::setRuntime(std::unique_ptr<engine::HdLabRuntime> runtime) {
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

long long HdLabBridge::post(engine::HdCommand command) {
  if (!m_runtime) return 0;
  const long long id = m_runtime->post(std::move(command));
  notePosted(id);
  return id;
}

long long HdLabBridge::postAddIntervention(const engine::Intervention& i, long long) {
  engine::HdCommand c;
  c.kind = engine::HdCommand::Kind::AddIntervention;
  c.intervention = i;
  return post(c);
}

long long HdLabBridge::postRemoveIntervention(int engineId) {
  engine::HdCommand c;
  c.kind = engine::HdCommand::Kind::RemoveIntervention;
  c.id = engineId;
  return post(c);
}

long long HdLabBridge::postSave(const std::string& folder) {
  engine::HdCommand c;
  c.kind = engine::HdCommand::Kind::Save;
  c.path = folder;
  return post(c);
}

int HdLabBridge::interventionIdFor(long long addCommandId) const {
  return m_runtime ? m_runtime->interventionIdFor(addCommandId) : 0;
}

QString HdLabBridge::commandError(long long commandId) const {
  return commandErrorOf(m_runtime.get(), commandId);
}

bool HdLabBridge::fetchLatest(FrameInfo& info) {
  m_fetched = m_runtime ? m_runtime->latest() : nullptr;
  if (!m_fetched) return false;
  fillFrameInfo(*m_fetched, info);
  return true;
}

void HdLabBridge::emitSnapshot() {
  m_latest = m_fetched;
  emit snapshotChanged(m_latest);
}

std::vector<std::pair<long long, QString>> HdLabBridge::failedCommandsAfter(
    long long afterId) const {
  return failedCommandsOf(m_runtime.get(), afterId);
}

}  // namespace emergence::app
