#include "app/lab_bridge.h"

#include <algorithm>
#include <atomic>

namespace emergence::app {

LabBridge::LabBridge(QObject* parent) : QObject(parent) {
  m_timer.setInterval(16);
  m_timer.setTimerType(Qt::PreciseTimer);
  connect(&m_timer, &QTimer::timeout, this, &LabBridge::poll);
  m_clock.start();
}

LabBridge::~LabBridge() = default;

void LabBridge::runtimeReplaced() {
  m_timer.stop();
  m_frame = {};
  m_frames = 0;
  m_frameTimes.clear();
  m_posted.clear();
  m_latency = {};
  m_latencySumMs = 0;
  m_pendingRemovals.clear();
  m_handles.clear();
  m_checkedCommand = 0;
  if (!hasRuntime()) return;
  m_timer.start();
  poll();
}

void LabBridge::notePosted(long long id) {
  if (id <= 0) return;
  m_posted[id] = {m_clock.elapsed(), m_frames};
  // Bound the table if frames stop arriving (e.g. the engine thread is busy saving).
  while (m_posted.size() > 1000) m_posted.erase(m_posted.begin());
}

void LabBridge::removeWhenApplied(long long addCommandId) {
  m_pendingRemovals.push_back(addCommandId);
  if (m_frame.valid) resolvePendingRemovals();
}

std::shared_ptr<InterventionHandle> LabBridge::newInterventionHandle() {
  std::erase_if(m_handles, [](const auto& w) { return w.expired(); });
  auto h = std::make_shared<InterventionHandle>();
  m_handles.push_back(h);
  return h;
}

std::shared_ptr<InterventionHandle> LabBridge::handleForEngineId(int engineId) {
  for (const auto& w : m_handles)
    if (auto h = w.lock(); h && resolve(*h) == engineId) return h;
  auto h = newInterventionHandle();
  h->engineId = engineId;
  return h;
}

int LabBridge::resolve(InterventionHandle& h) const {
  if (h.engineId == 0 && h.addCommandId > 0) h.engineId = interventionIdFor(h.addCommandId);
  return h.engineId;
}

void LabBridge::removeIntervention(InterventionHandle& h) {
  if (const int id = resolve(h); id > 0)
    postRemoveIntervention(id);
  else if (h.addCommandId > 0)
    removeWhenApplied(h.addCommandId);
}

double LabBridge::framesPerSecond() const {
  if (m_frameTimes.size() < 2) return 0.0;
  const qint64 now = m_clock.elapsed();
  // Frames in the last second (the deque is trimmed to that window on every delivery); if no
  // frame arrived recently the rate decays to 0.
  const auto recent = std::count_if(m_frameTimes.begin(), m_frameTimes.end(),
                                    [&](qint64 t) { return now - t <= 1000; });
  return double(recent);
}

namespace {
std::atomic<double> g_frameRateHz{60.0};
}  // namespace

void LabBridge::setFrameRateHz(double hz) {
  if (hz >= 10 && hz <= 120) g_frameRateHz.store(hz);
}
double LabBridge::frameRateHz() { return g_frameRateHz.load(); }

void LabBridge::poll() {
  if (!hasRuntime()) return;
  FrameInfo info;
  if (!fetchLatest(info) || (m_frame.valid && info.sequence == m_frame.sequence)) return;
  info.valid = true;
  m_frame = info;
  ++m_frames;
  const qint64 now = m_clock.elapsed();
  m_frameTimes.push_back(now);
  while (!m_frameTimes.empty() && now - m_frameTimes.front() > 1000) m_frameTimes.pop_front();
  measureLatency();
  emitSnapshot();
  emit frameDelivered();
  resolvePendingRemovals();
  reportFailures();
}

void LabBridge::measureLatency() {
  const qint64 now = m_clock.elapsed();
  for (auto it = m_posted.begin();
       it != m_posted.end() && it->first <= m_frame.lastShownCommand;) {
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

void LabBridge::resolvePendingRemovals() {
  for (auto it = m_pendingRemovals.begin(); it != m_pendingRemovals.end();) {
    const int id = interventionIdFor(*it);
    if (id > 0) {
      postRemoveIntervention(id);
      it = m_pendingRemovals.erase(it);
    } else if (*it <= m_frame.lastAppliedCommand) {
      it = m_pendingRemovals.erase(it);  // the add failed: nothing to remove
    } else {
      ++it;
    }
  }
}

void LabBridge::reportFailures() {
  if (m_frame.lastAppliedCommand <= m_checkedCommand) return;
  const long long from = m_checkedCommand;
  m_checkedCommand = m_frame.lastAppliedCommand;
  for (const auto& [id, error] : failedCommandsAfter(from))
    if (id <= m_checkedCommand) emit commandFailed(id, error);
}

}  // namespace emergence::app
