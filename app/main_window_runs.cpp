// MainWindow: start page, recent runs, autosave and preferences, and the long jobs (fixed
// points, AV statistics) with their progress in the status bar. Wiring only: the logic lives in
// StartPage, RecentRuns, Autosaver, FixedPointsController, AvStatisticsDialog and
// JobProgressWidget.
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <algorithm>

#include "app/autosaver.h"
#include "app/av_statistics_dialog.h"
#include "app/fixed_points_controller.h"
#include "app/job_progress_widget.h"
#include "app/job_watcher.h"
#include "app/main_window.h"
#include "app/preferences_dialog.h"
#include "app/recent_runs.h"
#include "app/start_page.h"
#include "widgets/fixed_points_view.h"

namespace emergence::app {

void MainWindow::createRunFeatures() {
  // Long jobs: progress rows at the left end of the permanent status-bar area.
  m_jobs = new JobProgressWidget(this);
  statusBar()->insertPermanentWidget(0, m_jobs);
  connect(m_jobs, &JobProgressWidget::jobEnded, this,
          [this](const QString&, engine::BackgroundJob::State, const QString& message) {
            statusBar()->showMessage(message, 10000);
          });
  m_fixedPoints = new FixedPointsController(&m_bridge, m_fixedPointsView, [this] { return m_config; }, this);
  connect(m_fixedPoints, &FixedPointsController::jobStarted, this, &MainWindow::trackJob);

  // Autosave (off in screenshot and test runs, which do not use the user's settings).
  m_autosaver = new Autosaver(&m_bridge, this);
  if (m_persistLayout) m_autosaver->loadSettings();
  else m_autosaver->setEnabled(false);
  m_autosaveLabel = new QLabel(this);
  m_autosaveLabel->setObjectName(QStringLiteral("autosaveLabel"));
  m_autosaveLabel->setContentsMargins(8, 0, 8, 0);
  statusBar()->addPermanentWidget(m_autosaveLabel);
  auto refresh = [this] {
    m_autosaveLabel->setText(m_autosaver->statusText());
    m_autosaveLabel->setToolTip(m_autosaver->statusToolTip());
  };
  connect(m_autosaver, &Autosaver::statusChanged, this, refresh);
  connect(m_autosaver, &Autosaver::failed, this,
          [this](const QString& message) { statusBar()->showMessage(message, 15000); });
  refresh();
}

void MainWindow::trackJob(JobWatcher* watcher) { m_jobs->track(watcher); }

AvStatisticsDialog* MainWindow::avStatistics() {
  if (!m_avStats) {
    m_avStats = new AvStatisticsDialog(&m_bridge, [this] { return m_config; }, this);
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

void MainWindow::showStartPage(bool atLaunch, const QString& fallbackPreset, std::uint64_t seed) {
  if (seed == 0) seed = m_config.seed;
  QStringList presets;
  for (const auto& n : engine::hdPresetNames()) presets << QString::fromStdString(n);
  auto* page = new StartPage(presets, m_persistLayout ? RecentRuns::list() : QStringList(), seed, this);
  page->setAttribute(Qt::WA_DeleteOnClose);
  // The last preset used (else the fallback, else "default") is preselected: Enter starts it.
  int row = presets.indexOf(QSettings().value(QStringLiteral("lab/lastPreset")).toString());
  if (row < 0) row = presets.indexOf(fallbackPreset);
  if (row < 0) row = presets.indexOf(QStringLiteral("default"));
  page->presetList()->setCurrentRow(std::max(row, 0));
  auto chosen = std::make_shared<bool>(false);
  connect(page, &StartPage::presetChosen, this, [this, chosen](const QString& name, std::uint64_t seed) {
    *chosen = true;
    engine::HdRunConfig c = engine::hdPreset(name.toStdString());
    c.seed = seed;
    startRun(c, m_threads);
  });
  connect(page, &StartPage::runChosen, this, [this, chosen](const QString& folder) {
    *chosen = true;
    openRun(folder);
  });
  if (atLaunch) {
    // Closed without a choice: the window must not stay empty.
    connect(page, &QDialog::finished, this, [this, chosen, fallbackPreset, seed](int) {
      if (*chosen || m_bridge.runtime()) return;
      engine::HdRunConfig c = engine::hdPreset(
          (fallbackPreset.isEmpty() ? QStringLiteral("default") : fallbackPreset).toStdString());
      c.seed = seed;
      startRun(c, m_threads);
    });
  }
  page->open();
}

void MainWindow::openRun(const QString& folder) {
  const QString error = loadRun(folder, m_threads);
  if (error.isEmpty()) return;
  QMessageBox::critical(this, tr("Cannot load run"), error);
  // A run that cannot be read any more is dropped from the list (its folder stays untouched).
  if (!QFileInfo::exists(folder)) RecentRuns::remove(folder);
}

void MainWindow::fillRecentMenu() {
  m_recentMenu->clear();
  const QStringList runs = m_persistLayout ? RecentRuns::list() : QStringList();
  for (const QString& folder : runs) {
    QAction* a = m_recentMenu->addAction(QFileInfo(folder).fileName(), this, [this, folder] { openRun(folder); });
    a->setToolTip(folder);
    a->setStatusTip(folder);
  }
  if (runs.isEmpty()) m_recentMenu->addAction(tr("(none yet)"))->setEnabled(false);
  m_recentMenu->addSeparator();
  m_recentMenu->addAction(tr("Clear list"), this, [] { RecentRuns::clear(); })->setEnabled(!runs.isEmpty());
}

void MainWindow::showPreferences() {
  PreferencesDialog d(m_autosaver->enabled(), m_autosaver->intervalMinutes(), m_autosaver->root(), this);
  if (d.exec() != QDialog::Accepted) return;
  m_autosaver->setIntervalMinutes(d.minutes());
  m_autosaver->setEnabled(d.autosave());
  if (m_persistLayout) m_autosaver->storeSettings();
}

}  // namespace emergence::app
