#include "app/hd_lab_bridge.h"

#include <QMetaType>
#include <algorithm>

namespace emergence::app {

HdLabBridge::HdLabBridge(QObject* parent) : QObject(parent) {
  qRegisterMetaType<std::shared_ptr<const engine::HdSnapshot>>();
  m_timer.setInterval(16);
  m_timer.setTimerType(Qt::PreciseTimer);
  connect(&m_timer, &QTimer::timeout, this, &HdLabBridge::poll);
  m_clock.start();
}

HdLabBridge::~HdLabBridge() = default;  // the runtime's destructor stops and joins its thread

void HdLabBridge::setRuntime(std::unique_ptr<engine::HdLabRuntime> runtime) {
  m_timer.stop();
  m_runtime.reset();  // join the old engine thread before the new one starts
  m_runtime = std::move(runtime);
  m_latest.reset();
  m_lastSequence = 0;
  m_frames = 0;
  m_frameTimes.clear();
  m_posted.clear();
  m_latency = {};
  m_latencySumMs = 0;
  m_pendingRemovals.clear();
  m_handles.clear();
  m_checkedCommand = 0;
  if (!m_runtime) return;
  m_runtime->start();
  m_timer.start();
  poll();
}

long long HdLabBridge::post(engine::HdCommand command) {
  if (!m_runtime) return 0;
  const long long id = m_runtime->post(std::move(command));
  m_posted[id] = {m_clock.elapsed(), m_frames};
  // Bound the table if frames stop arriving (e.g. the engine thread is busy saving).
  while (m_posted.size() > 1000) m_posted.erase(m_posted.begin());
  return id;
}

void HdLabBridge::removeWhenApplied(long long addCommandId) {
  m_pendingRemovals.push_back(addCommandId);
  if (m_latest) resolvePendingRemovals(*m_latest);
}

int HdLabBridge::interventionIdFor(long long addCommandId) const {
  return m_runtime ? m_runtime->interventionIdFor(addCommandId) : 0;
}

QString HdLabBridge::commandError(long long commandId) const {
  if (!m_runtime) return {};
  for (const auto& e : m_runtime->commandLog())
    if (e.command.commandId == commandId) return QString::fromStdString(e.error);
  return {};
}

std::shared_ptr<InterventionHandle> HdLabBridge::newInterventionHandle() {
  std::erase_if(m_handles, [](const auto& w) { return w.expired(); });
  auto h = std::make_shared<InterventionHandle>();
  m_handles.push_back(h);
  return h;
}

std::shared_ptr<InterventionHandle> HdLabBridge::handleForEngineId(int engineId) {
  for (const auto& w : m_handles)
    if (auto h = w.lock(); h && resolve(*h) == engineId) return h;
  auto h = newInterventionHandle();
  h->engineId = engineId;
  return h;
}

int HdLabBridge::resolve(InterventionHandle& h) const {
  if (h.engineId == 0 && h.addCommandId > 0) h.engineId = interventionIdFor(h.addCommandId);
  return h.engineId;
}

void HdLabBridge::removeIntervention(InterventionHandle& h) {
  if (const int id = resolve(h); id > 0) {
    engine::HdCommand c;
    c.kind = engine::HdCommand::Kind::RemoveIntervention;
    c.id = id;
    post(c);
  } else if (h.addCommandId > 0) {
    removeWhenApplied(h.addCommandId);
  }
}

double HdLabBridge::framesPerSecond() const {
  if (m_frameTimes.size() < 2) return 0.0;
  const qint64 now = m_clock.elapsed();
  // Frames in the last second (the deque is trimmed to that window on every delivery); if no
  // frame arrived recently the rate decays to 0.
  const auto recent = std::count_if(m_frameTimes.begin(), m_frameTimes.end(),
                                    [&](qint64 t) { return now - t <= 1000; });
  return double(recent);
}

void HdLabBridge::poll() {
  if (!m_runtime) return;
  auto s = m_runtime->latest();
  if (!s || s->sequence == m_lastSequence) return;
  m_lastSequence = s->sequence;
  m_latest = s;
  ++m_frames;
  const qint64 now = m_clock.elapsed();
  m_frameTimes.push_back(now);
  while (!m_frameTimes.empty() && now - m_frameTimes.front() > 1000) m_frameTimes.pop_front();
  measureLatency(*s);
  emit snapshotChanged(s);
  resolvePendingRemovals(*s);
  reportFailures(*s);
}

void HdLabBridge::measureLatency(const engine::HdSnapshot& s) {
  const qint64 now = m_clock.elapsed();
  for (auto it = m_posted.begin(); it != m_posted.end() && it->first <= s.lastAppliedCommand;) {
    if (it->second.framesAtPost == 0) {  // posted while the engine was still starting
      it = m_posted.erase(it);
      continue;
    }
    const double ms = double(now - it->second.atMs);
    const int frames = int(m_frames - it->second.framesAtPost);
    ++m_latency.samples;
    m_latency.lastMs = ms;
    m_latency.lastFrames = frames;
    m_latency.maxMs = std::max(m_latency.maxMs, ms);
    m_latency.maxFrames = std::max(m_latency.maxFrames, frames);
    m_latencySumMs += ms;
    m_latency.meanMs = m_latencySumMs / m_latency.samples;
    it = m_posted.erase(it);
  }
}

void HdLabBridge::resolvePendingRemovals(const engine::HdSnapshot& s) {
  for (auto it = m_pendingRemovals.begin(); it != m_pendingRemovals.end();) {
    const int id = m_runtime->interventionIdFor(*it);
    if (id > 0) {
      engine::HdCommand c;
      c.kind = engine::HdCommand::Kind::RemoveIntervention;
      c.id = id;
      post(c);
      it = m_pendingRemovals.erase(it);
    } else if (*it <= s.lastAppliedCommand) {
      it = m_pendingRemovals.erase(it);  // the add failed: nothing to remove
    } else {
      ++it;
    }
  }
}

void HdLabBridge::reportFailures(const engine::HdSnapshot& s) {
  if (s.lastAppliedCommand <= m_checkedCommand) return;
  const long long from = m_checkedCommand;
  m_checkedCommand = s.lastAppliedCommand;
  for (const auto& e : m_runtime->commandLog())
    if (e.command.commandId > from && !e.error.empty())
      emit commandFailed(e.command.commandId, QString::fromStdString(e.error));
}

}  // namespace emergence::app
