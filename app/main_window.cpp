#include "app/main_window.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QScreen>
#include <QMessageBox>
#include <QSettings>
#include <QSlider>
#include <QStatusBar>
#include <cmath>
#include <type_traits>

#include "app/autosaver.h"
#include "app/perturbation_console.h"
#include "app/recent_runs.h"
#include "app/undo_commands.h"
#include "engine/train/hd_run_folder.h"
#include "widgets/class_scatter_view.h"
#include "widgets/connectivity_profiles_view.h"
#include "widgets/fixed_points_view.h"
#include "widgets/heading_trace_view.h"
#include "widgets/ring_view.h"
#include "widgets/spectrum_view.h"
#include "widgets/training_curves_view.h"
#include "widgets/unit_inspector.h"
#include "widgets/weight_matrix_view.h"

namespace emergence::app {

using engine::HdCommand;
using engine::HdSnapshot;

MainWindow::MainWindow(bool persistLayout, QWidget* parent)
    : QMainWindow(parent), m_persistLayout(persistLayout) {
  setObjectName(QStringLiteral("MainWindow"));
  setWindowTitle(tr("Emergence — head-direction lab"));
  setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);
  setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
  setCorner(Qt::TopLeftCorner, Qt::LeftDockWidgetArea);
  m_normalFont = QApplication::font();
  createViews();
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
    m_restoredState = restoreState(settings.value(QStringLiteral("ui/state")).toByteArray());
  }
  connect(&m_bridge, &HdLabBridge::snapshotChanged, this, &MainWindow::onSnapshot);
  connect(&m_bridge, &HdLabBridge::commandFailed, this, [this](long long id, const QString& msg) {
    if (id == m_saveCommand) {
      m_saveCommand = 0;
      showErrorLater(tr("Save failed"), msg);
    } else {
      statusBar()->showMessage(msg, 8000);
    }
  });
  m_statusTimer.setInterval(250);
  connect(&m_statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
  m_statusTimer.start();
}

MainWindow::~MainWindow() {
  // Stop the engine thread before the views go away (no more snapshots).
  m_bridge.setRuntime(nullptr);
}

template <class T>
T* MainWindow::addView(T* view, const QString& title, const QString& objectName,
                       Qt::DockWidgetArea area) {
  View v;
  v.widget = view;
  v.title = title;
  view->setObjectName(objectName);
  view->setWindowTitle(title);
  v.setSnapshot = [view](std::shared_ptr<const HdSnapshot> s) { view->setSnapshot(std::move(s)); };
  v.setScale = [view](double k) { view->setPresentationScale(k); };
  v.exportCsv = [view](const QString& path) -> bool {
    if constexpr (std::is_void_v<decltype(view->exportData(path))>) {
      view->exportData(path);
      return true;
    } else {
      return bool(view->exportData(path));
    }
  };
  connect(view, &T::unitClicked, this, &MainWindow::selectUnit);
  if (area == Qt::NoDockWidgetArea) {
    setCentralWidget(view);
  } else {
    v.dock = new QDockWidget(title, this);
    v.dock->setObjectName(objectName + QStringLiteral("Dock"));
    v.dock->setWidget(view);
    addDockWidget(area, v.dock);
  }
  m_views.push_back(std::move(v));
  return view;
}

void MainWindow::createViews() {
  m_ring = addView(new widgets::RingView(this), tr("Ring"), QStringLiteral("ringView"),
                   Qt::NoDockWidgetArea);
  addView(new widgets::TrainingCurvesView(this), tr("Training curves"),
          QStringLiteral("trainingCurves"), Qt::RightDockWidgetArea);
  addView(new widgets::HeadingTraceView(this), tr("Heading trace"), QStringLiteral("headingTrace"),
          Qt::RightDockWidgetArea);
  addView(new widgets::WeightMatrixView(this), tr("Weights"), QStringLiteral("weightMatrix"),
          Qt::BottomDockWidgetArea);
  m_scatter = addView(new widgets::ClassScatterView(this), tr("Unit classes"),
                      QStringLiteral("classScatter"), Qt::BottomDockWidgetArea);
  addView(new widgets::ConnectivityProfilesView(this), tr("Connectivity"),
          QStringLiteral("connectivityProfiles"), Qt::BottomDockWidgetArea);
  addView(new widgets::SpectrumView(this), tr("Spectrum"), QStringLiteral("spectrum"),
          Qt::BottomDockWidgetArea);
  m_inspector = addView(new widgets::UnitInspector(this), tr("Unit inspector"),
                        QStringLiteral("unitInspector"), Qt::LeftDockWidgetArea);
  m_inspectorDock = m_views.back().dock;
  m_fixedPointsView = addView(new widgets::FixedPointsView(this), tr("Fixed points"),
                              QStringLiteral("fixedPoints"), Qt::BottomDockWidgetArea);
  m_fixedPointsDock = m_views.back().dock;
  // The ring holds the keyboard focus, so Space/S/F reach the transport from the start.
  m_ring->setFocusPolicy(Qt::StrongFocus);
  m_ring->setFocus();
  connect(m_scatter, &widgets::ClassScatterView::thresholdsEdited, this,
          &MainWindow::onThresholdsEdited);

  m_console = new PerturbationConsole(&m_bridge, &m_undo, this);
  m_consoleDock = new QDockWidget(tr("Perturbations"), this);
  m_consoleDock->setObjectName(QStringLiteral("perturbationConsoleDock"));
  m_consoleDock->setWidget(m_console);
  addDockWidget(Qt::LeftDockWidgetArea, m_consoleDock);
}

void MainWindow::arrangeDefaultLayout() {
  // Left column: console and inspector as tabs (a click on a unit raises the inspector); right
  // column: curves above the heading trace; bottom row: weight matrix / connectivity / spectrum
  // (tabs) beside the class scatter. The ring gets the centre. Fits 1600×1000 (projectors).
  QDockWidget* d[8] = {};
  for (size_t k = 1; k < m_views.size() && k < 8; ++k) d[k] = m_views[k].dock;
  // d[1] curves, d[2] trace, d[3] weights, d[4] classes, d[5] connectivity, d[6] spectrum,
  // d[7] inspector
  tabifyDockWidget(m_consoleDock, m_inspectorDock);
  m_consoleDock->raise();
  splitDockWidget(d[1], d[2], Qt::Vertical);
  splitDockWidget(d[3], d[4], Qt::Horizontal);
  tabifyDockWidget(d[3], d[5]);
  tabifyDockWidget(d[3], d[6]);
  tabifyDockWidget(d[3], m_fixedPointsDock);
  d[3]->raise();
}

void MainWindow::applyDefaultSizes() {
  // Only meaningful once the window has its real size (called after the first show).
  QDockWidget* d[8] = {};
  for (size_t k = 1; k < m_views.size() && k < 8; ++k) d[k] = m_views[k].dock;
  resizeDocks({m_consoleDock, d[1]}, {364, 470}, Qt::Horizontal);
  resizeDocks({d[3], d[4]}, {500, 690}, Qt::Horizontal);
  resizeDocks({d[3]}, {360}, Qt::Vertical);
  resizeDocks({d[1], d[2]}, {300, 260}, Qt::Vertical);
}

void MainWindow::startRun(const engine::HdRunConfig& config, int threads) {
  startRuntime(std::make_unique<engine::HdLabRuntime>(config, threads), config, threads);
}

void MainWindow::startRuntime(std::unique_ptr<engine::HdLabRuntime> runtime,
                              const engine::HdRunConfig& config, int threads) {
  m_config = config;
  m_threads = threads;
  m_undo.clear();
  m_latest.reset();
  m_bridge.setRuntime(std::move(runtime));
  postSimple(int(HdCommand::Kind::SetDelay), 0, kSpeedDelays[m_speed ? m_speed->value() : 4]);
  postSimple(int(HdCommand::Kind::Start));
  setWindowTitle(tr("Emergence — head-direction lab — preset %1, seed %2")
                     .arg(QString::fromStdString(config.preset))
                     .arg(qulonglong(config.seed)));
  if (m_persistLayout)
    QSettings().setValue(QStringLiteral("lab/lastPreset"), QString::fromStdString(config.preset));
  m_autosaver->beginRun(config);
}

QString MainWindow::loadRun(const QString& folder, int threads) {
  try {
    // Full validation of every file (names file, field and reason on error).
    engine::HdTrainer trainer = engine::loadHdRun(folder.toStdString(), threads);
    const engine::HdRunConfig config = trainer.config();
    // Training resumes exactly where the saved run stopped (weights, optimiser, history,
    // interventions).
    startRuntime(std::make_unique<engine::HdLabRuntime>(std::move(trainer)), config, threads);
    statusBar()->showMessage(tr("Loaded %1").arg(folder), 8000);
    if (m_persistLayout) RecentRuns::add(folder);
    return {};
  } catch (const std::exception& ex) {
    return QString::fromStdString(ex.what());
  }
}

void MainWindow::postSimple(int kind, long long count, double value) {
  HdCommand c;
  c.kind = HdCommand::Kind(kind);
  c.count = count;
  c.value = value;
  m_bridge.post(c);
}

void MainWindow::onSnapshot(std::shared_ptr<const HdSnapshot> s) {
  m_latest = s;
  for (auto& v : m_views)
    if (!v.dock || v.dock->isVisible()) v.setSnapshot(s);  // hidden tabs skip the work
  m_console->setSnapshot(s);
  if (m_playAction) {
    const bool running = s->state == engine::RunState::Training;
    m_playAction->setText(running ? tr("Pause") : tr("Start"));
    m_playAction->setChecked(running);
  }
  if (m_saveCommand > 0 && s->lastAppliedCommand >= m_saveCommand) {
    // A refused save is reported by commandFailed (an error box); only a written one is "saved".
    if (m_bridge.commandError(m_saveCommand).isEmpty()) {
      m_saveCommand = 0;
      statusBar()->showMessage(tr("Saved to %1").arg(m_savePath), 8000);
      if (m_persistLayout) RecentRuns::add(m_savePath);
    }
  }
}

void MainWindow::updateStatus() {
  const auto& s = m_latest;
  if (!s) return;
  static const char* states[] = {QT_TR_NOOP("Paused"), QT_TR_NOOP("Training"),
                                 QT_TR_NOOP("Testing"), QT_TR_NOOP("Failed")};
  m_stateLabel->setText(tr(states[int(s->state)]));
  m_stateLabel->setToolTip(QString::fromStdString(s->message));
  m_updateLabel->setText(tr("update %1 / %2").arg(s->update).arg(s->plannedUpdates));
  m_rateLabel->setText(tr("%1 upd/s").arg(s->updatesPerSecond, 0, 'f', 1));
  double testError = std::nan("");
  for (auto it = s->history.rbegin(); it != s->history.rend(); ++it)
    if (std::isfinite(it->testError)) {
      testError = it->testError;
      break;
    }
  m_errorLabel->setText(std::isfinite(testError) ? tr("test error %1 %").arg(testError, 0, 'f', 2)
                                                 : tr("test error –"));
  m_fpsLabel->setText(tr("%1 fps").arg(m_bridge.framesPerSecond(), 0, 'f', 0));
  const auto lat = m_bridge.latency();
  m_latencyLabel->setText(lat.samples ? tr("click→frame %1 ms").arg(lat.lastMs, 0, 'f', 0)
                                      : QString());
  m_latencyLabel->setToolTip(tr("Command to visible frame: last %1 ms (%2 frames), mean %3 ms, max %4 ms")
                                 .arg(lat.lastMs, 0, 'f', 1)
                                 .arg(lat.lastFrames)
                                 .arg(lat.meanMs, 0, 'f', 1)
                                 .arg(lat.maxMs, 0, 'f', 1));
  if (s->state == engine::RunState::Failed && !s->message.empty())
    statusBar()->showMessage(QString::fromStdString(s->message));
}

void MainWindow::createStatusBar() {
  auto add = [this](QLabel*& label) {
    label = new QLabel(this);
    label->setContentsMargins(8, 0, 8, 0);
    statusBar()->addPermanentWidget(label);
  };
  add(m_stateLabel);
  add(m_updateLabel);
  add(m_rateLabel);
  add(m_errorLabel);
  add(m_fpsLabel);
  add(m_latencyLabel);
}

void MainWindow::selectUnit(int unit) {
  m_console->selectUnit(unit);
  m_ring->setSelectedUnit(unit);
  if (m_inspector) {
    m_inspector->setUnit(unit);
    m_inspectorDock->raise();
    m_inspectorDock->show();
  }
}

void MainWindow::onThresholdsEdited(const engine::UnitClassThresholds& t) {
  engine::UnitClassThresholds before;
  if (m_latest && m_latest->analysis) before = m_latest->analysis->thresholds;
  m_undo.push(new SetThresholdsCommand(&m_bridge, before, t));
}

void MainWindow::showErrorLater(const QString& title, const QString& message) {
  // Queued: a modal box must not spin an event loop inside the bridge's poll.
  QTimer::singleShot(0, this, [this, title, message] { QMessageBox::critical(this, title, message); });
}

void MainWindow::showEvent(QShowEvent* event) {
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

void MainWindow::closeEvent(QCloseEvent* event) {
  if (m_persistLayout) {
    QSettings settings;
    if (m_presentation) setPresentationMode(false);
    settings.setValue(QStringLiteral("ui/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("ui/state"), saveState());
  }
  QMainWindow::closeEvent(event);
}

}  // namespace emergence::app
