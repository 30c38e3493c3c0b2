#include "app/lab_window.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSlider>
#include <QStatusBar>

#include "app/autosaver.h"
#include "app/job_progress_widget.h"
#include "app/recent_runs.h"

namespace emergence::app {

LabWindow::LabWindow(bool persistLayout, QWidget* parent)
    : QMainWindow(parent), m_persistLayout(persistLayout) {
  setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);
  setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
  setCorner(Qt::TopLeftCorner, Qt::LeftDockWidgetArea);
  m_normalFont = QApplication::font();
}

LabWindow::~LabWindow() = default;

QString LabWindow::settingsKey(const QString& key) const {
  // The head-direction lab keeps the keys it had before there were several labs.
  if (labId() == QLatin1String("head_direction")) return key;
  return labId() + QLatin1Char('/') + key;
}

QString LabWindow::lastLab() {
  const QString lab = QSettings().value(QStringLiteral("lab/lastLab")).toString();
  return labIds().contains(lab) ? lab : QStringLiteral("head_direction");
}

QString LabWindow::lastPreset(const QString& lab) {
  const QString key = lab == QLatin1String("head_direction")
                          ? QStringLiteral("lab/lastPreset")
                          : lab + QStringLiteral("/lab/lastPreset");
  const QString last = QSettings().value(key).toString();
  return presetNames(lab).contains(last) ? last : QStringLiteral("default");
}

void LabWindow::initShell() {
  createActions();
  createMenusAndToolbar();
  createStatusBar();
  createRunFeatures();
  arrangeDefaultLayout();
  QSettings settings;
  // Screenshot runs ignore the user's settings so they look the same everywhere.
  setTheme(m_persistLayout ? themeFromString(settings.value(QStringLiteral("ui/theme")).toString())
                           : Theme::Light);
  // After the theme (its metrics change the minimum sizes); fits a 1600×1000 projector.
  resize(QSize(1600, 1000).boundedTo(screen()->availableGeometry().size()));
  if (m_persistLayout) {
    restoreGeometry(settings.value(QStringLiteral("ui/geometry")).toByteArray());
    m_restoredState =
        restoreState(settings.value(settingsKey(QStringLiteral("ui/state"))).toByteArray());
  }
  connect(labBridge(), &LabBridge::frameDelivered, this, &LabWindow::onFrame);
  connect(labBridge(), &LabBridge::commandFailed, this, [this](long long id, const QString& msg) {
    if (id == m_saveCommand) {
      m_saveCommand = 0;
      showErrorLater(tr("Save failed"), msg);
    } else {
      statusBar()->showMessage(msg, 8000);
    }
  });
  m_statusTimer.setInterval(250);
  connect(&m_statusTimer, &QTimer::timeout, this, &LabWindow::updateStatus);
  m_statusTimer.start();
  updateTitle();
}

void LabWindow::placeView(View& v, const QString& objectName, Qt::DockWidgetArea area) {
  if (area == Qt::NoDockWidgetArea) {
    setCentralWidget(v.widget);
    return;
  }
  v.dock = new QDockWidget(v.title, this);
  v.dock->setObjectName(objectName + QStringLiteral("Dock"));
  v.dock->setWidget(v.widget);
  addDockWidget(area, v.dock);
  // A dock that becomes visible (a raised tab) catches up with the latest snapshot at once.
  connect(v.dock, &QDockWidget::visibilityChanged, this, [this, w = v.widget](bool visible) {
    if (!visible) return;
    for (auto& view : m_views)
      if (view.widget == w) view.refresh();
  });
}

QDockWidget* LabWindow::addPanel(QWidget* panel, const QString& title, const QString& objectName,
                                 Qt::DockWidgetArea area) {
  auto* dock = new QDockWidget(title, this);
  dock->setObjectName(objectName);
  dock->setWidget(panel);
  addDockWidget(area, dock);
  return dock;
}

QStringList LabWindow::viewTitles() const {
  QStringList t;
  for (const auto& v : m_views) t << v.title;
  return t;
}

QStringList LabWindow::visibleViewTitles() const {
  QStringList t;
  for (const auto& v : m_views)
    if (v.widget->isVisible()) t << v.title;  // hidden tabs and closed docks are not
  return t;
}

void LabWindow::addShortcut(QAction* a) {
  addAction(a);
  if (!a->shortcuts().isEmpty()) m_shortcutActions << a;
}

void LabWindow::runStarted() {
  m_undo.clear();
  postTransport(Transport::SetDelay, 0, kSpeedDelays[m_speed ? m_speed->value() : 4]);
  postTransport(Transport::Start);
  updateTitle();
  if (m_persistLayout) {
    QSettings s;
    s.setValue(QStringLiteral("lab/lastLab"), labId());
    s.setValue(labId() == QLatin1String("head_direction")
                   ? QStringLiteral("lab/lastPreset")
                   : labId() + QStringLiteral("/lab/lastPreset"),
               currentPreset());
  }
  m_autosaver->beginRun(autosaveName(), currentSeed());
}

void LabWindow::updateTitle() {
  setWindowTitle(labBridge()->hasRuntime() ? tr("Emergence — %1 — preset %2, seed %3")
                                                 .arg(labTitle(), currentPreset())
                                                 .arg(qulonglong(currentSeed()))
                                           : tr("Emergence — %1").arg(labTitle()));
}

void LabWindow::onFrame() {
  takeLatestSnapshot();
  for (auto& v : m_views)
    if (!v.dock || v.dock->isVisible()) v.refresh();  // hidden tabs skip the work
  const FrameInfo f = labBridge()->frame();
  if (m_playAction) {
    const bool running = f.state == engine::RunState::Training;
    m_playAction->setText(running ? tr("Pause") : tr("Start"));
    m_playAction->setChecked(running);
  }
  if (m_saveCommand > 0 && f.lastAppliedCommand >= m_saveCommand) {
    // A refused save is reported by commandFailed (an error box); only a written one is "saved".
    if (labBridge()->commandError(m_saveCommand).isEmpty()) {
      m_saveCommand = 0;
      statusBar()->showMessage(tr("Saved to %1").arg(m_savePath), 8000);
      if (m_persistLayout) RecentRuns::add(m_savePath);
    }
  }
  afterFrame();
}

void LabWindow::updateStatus() {
  const FrameInfo s = labBridge()->frame();
  if (!s.valid) return;
  static const char* states[] = {QT_TR_NOOP("Paused"), QT_TR_NOOP("Training"),
                                 QT_TR_NOOP("Testing"), QT_TR_NOOP("Failed")};
  m_stateLabel->setText(tr(states[int(s.state)]));
  m_stateLabel->setToolTip(s.message);
  m_updateLabel->setText(tr("update %1 / %2").arg(s.update).arg(s.plannedUpdates));
  m_rateLabel->setText(tr("%1 upd/s").arg(s.updatesPerSecond, 0, 'f', 1));
  m_metricLabel->setText(metricText());
  m_fpsLabel->setText(tr("%1 fps").arg(labBridge()->framesPerSecond(), 0, 'f', 0));
  const auto lat = labBridge()->latency();
  m_latencyLabel->setText(lat.samples ? tr("click→frame %1 ms").arg(lat.lastMs, 0, 'f', 0)
                                      : QString());
  m_latencyLabel->setToolTip(
      tr("Command to visible frame: last %1 ms (%2 frames), mean %3 ms, max %4 ms")
          .arg(lat.lastMs, 0, 'f', 1)
          .arg(lat.lastFrames)
          .arg(lat.meanMs, 0, 'f', 1)
          .arg(lat.maxMs, 0, 'f', 1));
  if (s.state == engine::RunState::Failed && !s.message.isEmpty())
    statusBar()->showMessage(s.message);
}

void LabWindow::createStatusBar() {
  auto add = [this](QLabel*& label, const char* name) {
    label = new QLabel(this);
    label->setObjectName(QString::fromLatin1(name));
    label->setContentsMargins(8, 0, 8, 0);
    statusBar()->addPermanentWidget(label);
  };
  add(m_stateLabel, "stateLabel");
  add(m_updateLabel, "updateLabel");
  add(m_rateLabel, "rateLabel");
  add(m_metricLabel, "metricLabel");
  add(m_fpsLabel, "fpsLabel");
  add(m_latencyLabel, "latencyLabel");
}

void LabWindow::showErrorLater(const QString& title, const QString& message) {
  // Queued: a modal box must not spin an event loop inside the bridge's poll.
  QTimer::singleShot(0, this,
                     [this, title, message] { QMessageBox::critical(this, title, message); });
}

void LabWindow::trackJob(JobWatcher* watcher) { m_jobs->track(watcher); }

QString LabWindow::switchToLab(const QString& lab,
                               const std::function<QString(LabWindow*)>& action) {
  if (lab == labId()) return action(this);
  LabWindow* next = create(lab, m_persistLayout);
  if (!next) return tr("unknown lab \"%1\"").arg(lab);
  next->setAttribute(Qt::WA_DeleteOnClose);
  next->setTrainingThreads(m_threads);
  const QString error = action(next);
  if (!error.isEmpty()) {
    delete next;
    return error;
  }
  if (m_presentation) {
    next->setPresentationMode(true);
  } else {
    next->setGeometry(geometry());
    next->show();
  }
  // This window goes (its layout is saved; with WA_DeleteOnClose it is deleted).
  QTimer::singleShot(0, this, &QWidget::close);
  return {};
}

void LabWindow::showEvent(QShowEvent* event) {
  QMainWindow::showEvent(event);
  if (m_shownOnce) return;
  m_shownOnce = true;
  // Dock sizes need the final window size: set them once the window is on screen.
  QTimer::singleShot(0, this, [this] {
    const QByteArray saved = saveState();
    // Views that received their first snapshot before the show may have pushed the window wider.
    if (!m_persistLayout || !m_restoredState)
      resize(QSize(1600, 1000).boundedTo(screen()->availableGeometry().size()));
    applyDefaultSizes();
    m_defaultState = saveState();
    if (m_restoredState) restoreState(saved);
  });
}

void LabWindow::closeEvent(QCloseEvent* event) {
  if (m_persistLayout) {
    QSettings settings;
    if (m_presentation) setPresentationMode(false);
    settings.setValue(QStringLiteral("ui/geometry"), saveGeometry());
    settings.setValue(settingsKey(QStringLiteral("ui/state")), saveState());
  }
  QMainWindow::closeEvent(event);
}

}  // namespace emergence::app
