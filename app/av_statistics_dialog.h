#pragma once
// The angular-velocity statistics experiment (product.md §1.1, head-direction.md §3.3) in its own
// non-modal window (Lab → Angular-velocity statistics…): the comparison view, the job that trains
// the three networks (engine::runHdAvStatistics on a background thread, one training thread,
// runs in sequence, so the live lab stays responsive) and the export of the results. Closing
// the window does not stop a running job: the status bar keeps its progress and Cancel.
#include <QDialog>
#include <functional>
#include <memory>

#include "app/job_watcher.h"  // complete type: JobWatcher* travels in a signal
#include "engine/train/hd_run_config.h"

namespace emergence::widgets {
class AvStatisticsView;
}

namespace emergence::app {

class HdLabBridge;

class AvStatisticsDialog : public QDialog {
  Q_OBJECT
 public:
  // `config` returns the current run's configuration (preset, seed, every parameter).
  AvStatisticsDialog(HdLabBridge* bridge, std::function<engine::HdRunConfig()> config,
                     QWidget* parent = nullptr);
  ~AvStatisticsDialog() override;

  widgets::AvStatisticsView* view() const { return m_view; }
  bool running() const;
  JobWatcher* watcher() const { return m_watcher; }

 public slots:
  void start(int updatesPerRun);
  void cancel();
  void exportDialog();

 signals:
  void jobStarted(JobWatcher* watcher);

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void onFinished();

  HdLabBridge* m_bridge;
  std::function<engine::HdRunConfig()> m_config;
  widgets::AvStatisticsView* m_view = nullptr;
  JobWatcher* m_watcher = nullptr;
  QString m_defaultsFor;  // preset whose update count the spin box shows
};

}  // namespace emergence::app
