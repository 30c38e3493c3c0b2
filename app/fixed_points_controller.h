#pragma once
// Runs the fixed-point analysis of the Fixed points dock (head-direction.md §8) as a background
// job: on the view's findRequested it copies the network of the latest snapshot's weights
// product (engine::ctrnnFromWeights, so the live trainer is never touched), settles it from 64
// headings with ω = 0 and noise off, searches the slow points and checks the ring
// (engine::computeHdAttractor), then hands the result to the view. Progress and Cancel show in
// the view's status line and, through jobStarted, in the status bar.
#include <QObject>
#include <QPointer>
#include <functional>

#include "engine/analysis/hd_attractor.h"
#include "app/job_watcher.h"  // complete type: JobWatcher* travels in a signal
#include "engine/train/hd_run_config.h"

namespace emergence::widgets {
class FixedPointsView;
}

namespace emergence::app {

class HdLabBridge;

class FixedPointsController : public QObject {
  Q_OBJECT
 public:
  // `config` returns the current run's configuration (model sizes, α, nonlinearity, cue steps).
  FixedPointsController(HdLabBridge* bridge, widgets::FixedPointsView* view,
                        std::function<engine::HdRunConfig()> config, QObject* parent = nullptr);
  ~FixedPointsController() override;

  void setAnalysisConfig(const engine::HdAttractorConfig& c) { m_analysis = c; }
  bool running() const;
  JobWatcher* watcher() const { return m_watcher; }

 public slots:
  void find();  // no-op while a search runs
  void cancel();

 signals:
  void jobStarted(JobWatcher* watcher);

 private:
  void onFinished();

  HdLabBridge* m_bridge;
  QPointer<widgets::FixedPointsView> m_view;
  std::function<engine::HdRunConfig()> m_config;
  engine::HdAttractorConfig m_analysis;
  JobWatcher* m_watcher = nullptr;
  long long m_atUpdate = -1;
};

}  // namespace emergence::app
