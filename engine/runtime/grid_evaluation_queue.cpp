#include "engine/runtime/grid_evaluation_queue.h"

#include <algorithm>
#include <cstdio>

namespace emergence::engine {

void GridEvaluationQueue::reset(std::shared_ptr<const TrajectoryBatch> trainingTrials, int evalTrials) {
  cancelAll();
  m_trials = std::move(trainingTrials);
  m_evalTrials = evalTrials;
}

std::string GridEvaluationQueue::enqueue(Request r) {
  auto firstPeriodic = [this] {
    return std::find_if(m_pending.begin(), m_pending.end(), [](const Request& q) { return !q.requested; });
  };
  if (r.requested) {
    m_pending.insert(firstPeriodic(), std::move(r));
    return {};
  }
  m_pending.push_back(std::move(r));
  const auto periodic = std::count_if(m_pending.begin(), m_pending.end(), [](const Request& q) { return !q.requested; });
  if (size_t(periodic) <= kMaxPeriodicPending) return {};
  const auto oldest = firstPeriodic();
  const std::string message = "evaluations fall behind training: the development point of update " +
                              std::to_string(oldest->network->update()) + " is skipped";
  m_pending.erase(oldest);
  return message;
}

void GridEvaluationQueue::cancelAll() {
  m_pending.clear();
  if (m_job) {
    m_job->cancel();
    m_retiring.push_back(std::move(m_job));
    m_job.reset();
  }
  for (const auto& j : m_retiring) j->cancel();
}

void GridEvaluationQueue::startNext() {
  if (m_job || m_pending.empty()) return;
  m_running = std::move(m_pending.front());
  m_pending.pop_front();
  auto net = m_running.network;
  auto trials = m_trials;
  const bool arena = m_running.arenaTest;
  const ArenaSpec spec = m_running.arena;
  char title[160];
  std::snprintf(title, sizeof title, "%s at update %lld (%d trials)", arena ? "arena test" : "evaluation",
                net->update(), m_evalTrials);
  m_title = title;
  m_job = std::make_shared<BackgroundJob>(m_title, [net, trials, arena, spec](JobContext& ctx) -> std::any {
    const Arena a = arena ? Arena(spec) : Arena(net->config().arena);
    const TrajectoryBatch tb = arena ? net->evaluationTrials(a) : TrajectoryBatch();
    return computeGridEvaluationProduct(
        *net, arena ? tb : *trials, a,
        arena ? GridEvaluationProduct::Kind::ArenaTest : GridEvaluationProduct::Kind::Training,
        /*threads=*/1, [&](double f) {
          ctx.throwIfCancelled();
          ctx.setProgress(f);
        });
  });
}

std::optional<GridEvaluationQueue::Outcome> GridEvaluationQueue::poll() {
  std::erase_if(m_retiring, [](const auto& j) { return j->done(); });
  std::optional<Outcome> out;
  if (m_job && m_job->done()) {
    Outcome o;
    o.request = std::move(m_running);
    const auto state = m_job->state();
    if (state == BackgroundJob::State::Finished) {
      if (const auto* r = m_job->resultAs<std::shared_ptr<GridEvaluationProduct>>(); r) o.product = *r;
    } else if (state == BackgroundJob::State::Failed) {
      o.message = m_title + " failed: " + m_job->error();
    } else {
      o.message = m_title + " cancelled";
    }
    m_job.reset();
    m_running = {};
    out = std::move(o);
  }
  startNext();
  return out;
}

}  // namespace emergence::engine
