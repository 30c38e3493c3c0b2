// MainWindow: the head-direction lab's long jobs (fixed points, AV statistics) with their
// progress in the status bar, and its entries in the Lab menu. Wiring only: the logic lives in
// FixedPointsController and AvStatisticsDialog.
#include <QDockWidget>
#include <QMenu>

#include "app/av_statistics_dialog.h"
#include "app/fixed_points_controller.h"
#include "app/main_window.h"
#include "widgets/fixed_points_view.h"

namespace emergence::app {

void MainWindow::createJobs() {
  m_fixedPoints = new FixedPointsController(
      &m_bridge, m_fixedPointsView, [this] { return m_config; }, this);
  connect(m_fixedPoints, &FixedPointsController::jobStarted, this, &MainWindow::trackJob);
}

void MainWindow::fillLabMenu(QMenu* menu) {
  menu->addAction(tr("Find slow points"), this,
                  [this] {
                    m_fixedPointsDock->show();
                    m_fixedPointsDock->raise();
                    m_fixedPoints->find();
                  })
      ->setObjectName(QStringLiteral("findSlowPointsAction"));
  menu->addAction(tr("Angular-velocity statistics…"), this, [this] { showAvStatistics(); })
      ->setObjectName(QStringLiteral("avStatisticsAction"));
}

AvStatisticsDialog* MainWindow::avStatistics() {
  if (!m_avStats) {
    m_avStats = new AvStatisticsDialog(
        &m_bridge, [this] { return m_config; }, this);
    connect(m_avStats, &AvStatisticsDialog::jobStarted, this, &MainWindow::trackJob);
  }
  return m_avStats;
}

void MainWindow::showAvStatistics() {
  AvStatisticsDialog* d = avStatistics();
  d->show();
  d->raise();
  d->activateWindow();
}

}  // namespace emergence::app
