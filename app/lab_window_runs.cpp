// LabWindow: start page, recent runs, demo runs, autosave, preferences and the status-bar area
// of long jobs. Wiring only: the logic lives in StartPage, RecentRuns, Autosaver,
// JobProgressWidget and demo_runs.
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>
#include <algorithm>

#include "app/autosaver.h"
#include "app/demo_runs.h"
#include "app/job_progress_widget.h"
#include "app/lab_window.h"
#include "app/preferences_dialog.h"
#include "app/recent_runs.h"
#include "app/start_page.h"
#include "engine/train/grid_run_folder.h"

namespace emergence::app {

void LabWindow::createRunFeatures() {
  // Long jobs: progress rows at the left end of the permanent status-bar area.
  m_jobs = new JobProgressWidget(this);
  m_jobs->setObjectName(QStringLiteral("jobProgress"));
  statusBar()->insertPermanentWidget(0, m_jobs);
  connect(m_jobs, &JobProgressWidget::jobEnded, this,
          [this](const QString&, engine::BackgroundJob::State, const QString& message) {
            statusBar()->showMessage(message, 10000);
          });
  // Autosave (off in screenshot and test runs, which do not use the user's settings).
  m_autosaver = new Autosaver(labBridge(), this);
  if (m_persistLayout)
    m_autosaver->loadSettings();
  else
    m_autosaver->setEnabled(false);
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

void LabWindow::showStartPage(bool atLaunch, const QString& fallbackPreset, std::uint64_t seed) {
  if (seed == 0) seed = currentSeed() ? currentSeed() : 1;
  std::vector<StartPage::Lab> labs;
  for (const QString& id : labIds()) {
    StartPage::Lab l;
    l.id = id;
    l.title = labDisplayName(id);
    for (const QString& p : presetNames(id)) l.presets.push_back({p, presetDescription(id, p)});
    l.demoAvailable = !demoRunFolder(id).isEmpty();
    if (id == QLatin1String("grid_cells")) l.demoLabel = tr("Open demo: grid cells");
    labs.push_back(std::move(l));
  }
  auto* page =
      new StartPage(labs, m_persistLayout ? RecentRuns::list() : QStringList(), seed, this);
  page->setAttribute(Qt::WA_DeleteOnClose);
  // The last preset of this lab (else the fallback, else "default") is preselected: Enter starts
  // it.
  const int labIndex = int(labIds().indexOf(labId()));
  QListWidget* list = page->presetList(labIndex);
  const QStringList presets = presetNames(labId());
  int row = presets.indexOf(m_persistLayout ? lastPreset(labId()) : QString());
  if (row < 0) row = presets.indexOf(fallbackPreset);
  if (row < 0) row = presets.indexOf(QStringLiteral("default"));
  list->setCurrentRow(std::max(row, 0));
  list->setFocus();
  auto chosen = std::make_shared<bool>(false);
  connect(page, &StartPage::labPresetChosen, this,
          [this, chosen](const QString& lab, const QString& name, std::uint64_t s) {
            *chosen = true;
            switchToLab(lab, [name, s](LabWindow* w) {
              w->startPreset(name, s);
              return QString();
            });
          });
  connect(page, &StartPage::runChosen, this, [this, chosen](const QString& folder) {
    *chosen = true;
    openRun(folder);
  });
  connect(page, &StartPage::demoChosen, this, [this, chosen](const QString& lab) {
    *chosen = true;
    openDemo(lab);
  });
  if (atLaunch) {
    // Closed without a choice: the window must not stay empty.
    connect(page, &QDialog::finished, this, [this, chosen, fallbackPreset, seed](int) {
      if (*chosen || labBridge()->hasRuntime()) return;
      startPreset(fallbackPreset.isEmpty() ? QStringLiteral("default") : fallbackPreset, seed);
    });
  }
  page->open();
}

void LabWindow::openRun(const QString& folder) {
  QString lab;
  try {
    lab = QString::fromStdString(engine::runFolderLab(folder.toStdString()));
  } catch (const std::exception& ex) {
    QMessageBox::critical(this, tr("Cannot load run"), QString::fromStdString(ex.what()));
    if (!QFileInfo::exists(folder)) RecentRuns::remove(folder);
    return;
  }
  if (lab.isEmpty()) lab = QStringLiteral("head_direction");  // runs written before the field
  if (!labIds().contains(lab)) {
    QMessageBox::critical(
        this, tr("Cannot load run"),
        tr("%1: config.json: lab: \"%2\" is not a lab of this version").arg(folder, lab));
    return;
  }
  const int threads = m_threads;
  const QString error =
      switchToLab(lab, [folder, threads](LabWindow* w) { return w->loadRun(folder, threads); });
  if (error.isEmpty()) return;
  QMessageBox::critical(this, tr("Cannot load run"), error);
  // A run that cannot be read any more is dropped from the list (its folder stays untouched).
  if (!QFileInfo::exists(folder)) RecentRuns::remove(folder);
}

void LabWindow::openDemo(const QString& lab) {
  const QString folder = demoRunFolder(lab);
  if (folder.isEmpty()) {
    QMessageBox::critical(
        this, tr("No demo run"),
        tr("The demo run of the %1 is not installed (looked in %2).")
            .arg(labDisplayName(lab), demoSearchPath(lab).join(QStringLiteral(", "))));
    return;
  }
  openRun(folder);
}

void LabWindow::fillRecentMenu() {
  m_recentMenu->clear();
  const QStringList runs = m_persistLayout ? RecentRuns::list() : QStringList();
  for (const QString& folder : runs) {
    QAction* a = m_recentMenu->addAction(QFileInfo(folder).fileName(), this,
                                         [this, folder] { openRun(folder); });
    a->setToolTip(folder);
    a->setStatusTip(folder);
  }
  if (runs.isEmpty()) m_recentMenu->addAction(tr("(none yet)"))->setEnabled(false);
  m_recentMenu->addSeparator();
  m_recentMenu->addAction(tr("Clear list"), this, [] { RecentRuns::clear(); })
      ->setEnabled(!runs.isEmpty());
}

void LabWindow::showPreferences() {
  PreferencesDialog d(m_autosaver->enabled(), m_autosaver->intervalMinutes(), m_autosaver->root(),
                      this);
  if (d.exec() != QDialog::Accepted) return;
  m_autosaver->setIntervalMinutes(d.minutes());
  m_autosaver->setEnabled(d.autosave());
  if (m_persistLayout) m_autosaver->storeSettings();
}

}  // namespace emergence::app
