#include "app/fixed_points_controller.h"

#include <algorithm>
#include <cmath>

#include "app/hd_lab_bridge.h"
#include "app/job_watcher.h"
#include "engine/runtime/background_job.h"
#include "engine/runtime/hd_products.h"
#include "widgets/fixed_points_view.h"

namespace emergence::app {

using Result = std::shared_ptr<const engine::HdAttractorResult>;

FixedPointsController::FixedPointsController(HdLabBridge* bridge, widgets::FixedPointsView* view,
                                             std::function<engine::HdRunConfig()> config,
                                             QObject* parent)
    : QObject(parent), m_bridge(bridge), m_view(view), m_config(std::move(config)) {
  connect(view, &widgets::FixedPointsView::findRequested, this, &FixedPointsController::find);
}

FixedPointsController::~FixedPointsController() {
  if (m_watcher) m_watcher->cancel();  // the job's destructor joins once the watcher goes
}

bool FixedPointsController::running() const { return m_watcher && !m_watcher->ended(); }

void FixedPointsController::cancel() {
  if (running()) m_watcher->cancel();
}

void FixedPointsController::find() {
  if (running() || !m_view) return;
  const auto snap = m_bridge->latest();
  if (!snap || !snap->weights) {
    m_view->setStatusText(tr("No network yet: the run has not published its weights."));
    return;
  }
  const engine::HdRunConfig config = m_config();
  engine::Ctrnn<float> net;
  try {
    net = engine::ctrnnFromWeights(*snap->weights, config.model);
  } catch (const std::exception& ex) {
    m_view->setStatusText(tr("Cannot copy the network: %1").arg(QString::fromStdString(ex.what())));
    return;
  }
  engine::HdAttractorConfig ac = m_analysis;
  ac.settle.cueSteps = config.task.cueSteps;
  m_atUpdate = snap->weights->atUpdate;
  const long long at = m_atUpdate;
  // The job owns its copy of the network; nothing it touches is shared with the engine thread.
  auto job = std::make_shared<engine::BackgroundJob>(
      "fixed points", [net = std::move(net), ac, at](engine::JobContext& ctx) -> std::any {
        ctx.setStatus(tr("settling %1 states for %2 steps").arg(ac.settle.headings).arg(ac.settle.steps).toStdString());
        auto r = std::make_shared<engine::HdAttractorResult>(
            engine::computeHdAttractor(net, ac, [&ctx](int done, int total) {
              ctx.setProgress(0.1 + 0.9 * double(done) / std::max(total, 1));
              ctx.setStatus(tr("slow point %1 of %2").arg(done).arg(total).toStdString());
              return !ctx.cancelled();
            }));
        r->atUpdate = at;
        return Result(std::move(r));
      });
  delete m_watcher;
  m_watcher = new JobWatcher(job, tr("Fixed points"), this);
  connect(m_watcher, &JobWatcher::progressChanged, this, [this](double p, const QString& s) {
    if (m_view) m_view->setStatusText(tr("Searching (%1 %): %2").arg(int(std::lround(100 * p))).arg(s));
  });
  connect(m_watcher, &JobWatcher::finished, this, &FixedPointsController::onFinished);
  m_view->setRunning(true);
  m_view->setStatusText(tr("Searching the slow points of the network of update %1…").arg(at));
  emit jobStarted(m_watcher);
}

void FixedPointsController::onFinished() {
  if (!m_view || !m_watcher) return;
  m_view->setRunning(false);
  const auto& job = *m_watcher->job();
  using S = engine::BackgroundJob::State;
  const S st = job.state();
  if (st == S::Failed) {
    m_view->setStatusText(tr("Search failed: %1").arg(QString::fromStdString(job.error())));
    return;
  }
  const Result* r = job.resultAs<Result>();
  if (!r || !*r) {
    m_view->setStatusText(tr("Search cancelled before the states had settled."));
    return;
  }
  m_view->setResult(*r);
  const QString secs = QString::number(job.elapsedSeconds(), 'f', 1);
  const int points = int((*r)->slowPoints.size());
  m_view->setStatusText(st == S::Cancelled
                            ? tr("Cancelled after %1 slow points (%2 s); showing what was found.").arg(points).arg(secs)
                            : tr("%1 slow points of the network of update %2, found in %3 s. Click one for its Jacobian spectrum.")
                                  .arg(points)
                                  .arg((*r)->atUpdate)
                                  .arg(secs));
}

}  // namespace emergence::app
