#include "app/main_window.h"

#include <QAction>
#include <QDockWidget>
#include <QStatusBar>
#include <cmath>

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

MainWindow::MainWindow(bool persistLayout, QWidget* parent) : LabWindow(persistLayout, parent) {
  setObjectName(QStringLiteral("MainWindow"));
  createViews();
  initShell();
  createJobs();
  // P and I bring back the console and the inspector (e.g. in presentation mode).
  for (QDockWidget* dock : {m_consoleDock, m_inspectorDock}) {
    QAction* toggle = dock->toggleViewAction();
    toggle->setShortcut(dock == m_consoleDock ? QKeySequence(Qt::Key_P) : QKeySequence(Qt::Key_I));
    addShortcut(toggle);
  }
}

MainWindow::~MainWindow() {
  // Stop the engine thread before the views go away (no more snapshots).
  m_bridge.setRuntime(nullptr);
}

void MainWindow::createViews() {
  auto latest = [this] { return m_latest; };
  m_ring = addView(new widgets::RingView(this), tr("Ring"), QStringLiteral("ringView"),
                   Qt::NoDockWidgetArea, latest);
  addView(new widgets::TrainingCurvesView(this), tr("Training curves"),
          QStringLiteral("trainingCurves"), Qt::RightDockWidgetArea, latest);
  addView(new widgets::HeadingTraceView(this), tr("Heading trace"), QStringLiteral("headingTrace"),
          Qt::RightDockWidgetArea, latest);
  addView(new widgets::WeightMatrixView(this), tr("Weights"), QStringLiteral("weightMatrix"),
          Qt::BottomDockWidgetArea, latest);
  m_scatter = addView(new widgets::ClassScatterView(this), tr("Unit classes"),
                      QStringLiteral("classScatter"), Qt::BottomDockWidgetArea, latest);
  addView(new widgets::ConnectivityProfilesView(this), tr("Connectivity"),
          QStringLiteral("connectivityProfiles"), Qt::BottomDockWidgetArea, latest);
  addView(new widgets::SpectrumView(this), tr("Spectrum"), QStringLiteral("spectrum"),
          Qt::BottomDockWidgetArea, latest);
  m_inspector = addView(new widgets::UnitInspector(this), tr("Unit inspector"),
                        QStringLiteral("unitInspector"), Qt::LeftDockWidgetArea, latest);
  m_inspectorDock = m_views.back().dock;
  m_fixedPointsView = addView(new widgets::FixedPointsView(this), tr("Fixed points"),
                              QStringLiteral("fixedPoints"), Qt::BottomDockWidgetArea, latest);
  m_fixedPointsDock = m_views.back().dock;
  // The ring holds the keyboard focus, so Space/S/F reach the transport from the start.
  m_ring->setFocusPolicy(Qt::StrongFocus);
  m_ring->setFocus();
  connect(m_scatter, &widgets::ClassScatterView::thresholdsEdited, this,
          &MainWindow::onThresholdsEdited);

  m_console = new PerturbationConsole(&m_bridge, &m_undo, this);
  m_consoleDock = addPanel(m_console, tr("Perturbations"),
                           QStringLiteral("perturbationConsoleDock"), Qt::LeftDockWidgetArea);
}

QList<QDockWidget*> MainWindow::panelDocks() const { return {m_consoleDock}; }

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
  QDockWidget* d[8] = {};
  for (size_t k = 1; k < m_views.size() && k < 8; ++k) d[k] = m_views[k].dock;
  resizeDocks({m_consoleDock, d[1]}, {364, 470}, Qt::Horizontal);
  resizeDocks({d[3], d[4]}, {500, 690}, Qt::Horizontal);
  resizeDocks({d[3]}, {360}, Qt::Vertical);
  resizeDocks({d[1], d[2]}, {300, 260}, Qt::Vertical);
}

void MainWindow::presentationLayout(bool on) {
  if (!on) return;
  // The console and inspector make room for the big views (P / I bring them back); bottom row
  // at projector font sizes: weights | classes, connectivity, spectrum (tabs).
  m_consoleDock->hide();
  m_inspectorDock->hide();
  if (m_views.size() >= 7) {
    tabifyDockWidget(m_views[4].dock, m_views[5].dock);
    tabifyDockWidget(m_views[4].dock, m_views[6].dock);
    m_views[4].dock->raise();
    m_views[3].dock->raise();
  }
}

void MainWindow::startRun(const engine::HdRunConfig& config, int threads) {
  startRuntime(std::make_unique<engine::HdLabRuntime>(config, threads), config, threads);
}

void MainWindow::startPreset(const QString& preset, std::uint64_t seed) {
  engine::HdRunConfig c = engine::hdPreset(preset.toStdString());
  if (seed != 0) c.seed = seed;  // 0: the preset's own seed
  startRun(c, m_threads);
}

void MainWindow::startRuntime(std::unique_ptr<engine::HdLabRuntime> runtime,
                              const engine::HdRunConfig& config, int threads) {
  m_config = config;
  m_threads = threads;
  m_latest.reset();
  m_bridge.setRuntime(std::move(runtime));
  runStarted();
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

long long MainWindow::postTransport(Transport kind, long long count, double value) {
  HdCommand c;
  switch (kind) {
    case Transport::Start:
      c.kind = HdCommand::Kind::Start;
      break;
    case Transport::Pause:
      c.kind = HdCommand::Kind::Pause;
      break;
    case Transport::SingleStep:
      c.kind = HdCommand::Kind::SingleStep;
      break;
    case Transport::FastForward:
      c.kind = HdCommand::Kind::FastForward;
      break;
    case Transport::SetDelay:
      c.kind = HdCommand::Kind::SetDelay;
      break;
  }
  c.count = count;
  c.value = value;
  return m_bridge.post(c);
}

void MainWindow::postReset(std::uint64_t seed) {
  HdCommand c;
  c.kind = HdCommand::Kind::Reset;
  c.seed = seed;
  m_bridge.post(c);
}

QString MainWindow::metricText() const {
  double testError = std::nan("");
  if (m_latest)
    for (auto it = m_latest->history.rbegin(); it != m_latest->history.rend(); ++it)
      if (std::isfinite(it->testError)) {
        testError = it->testError;
        break;
      }
  return std::isfinite(testError) ? tr("test error %1 %").arg(testError, 0, 'f', 2)
                                  : tr("test error –");
}

void MainWindow::takeLatestSnapshot() {
  m_latest = m_bridge.latest();
  m_console->setSnapshot(m_latest);
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

}  // namespace emergence::app
