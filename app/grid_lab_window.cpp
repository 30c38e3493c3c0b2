#include "app/grid_lab_window.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>
#include <QScrollArea>
#include <QStatusBar>
#include <cmath>

#include "app/grid_experiment_panel.h"
#include "app/grid_perturbation_console.h"
#include "app/job_watcher.h"
#include "app/recent_runs.h"
#include "engine/train/grid_run_folder.h"
#include "widgets/grid_arena_view.h"
#include "widgets/grid_rate_map_mosaic.h"
#include "widgets/grid_score_histograms.h"
#include "widgets/grid_training_curves.h"
#include "widgets/grid_unit_inspector.h"
#include "widgets/grid_weight_matrix.h"

namespace emergence::app {

using engine::GridCommand;

GridLabWindow::GridLabWindow(bool persistLayout, QWidget* parent)
    : LabWindow(persistLayout, parent) {
  setObjectName(QStringLiteral("GridLabWindow"));
  m_config = engine::gridPreset("default");
  createViews();
  initShell();
  // P, E and I bring back the console, the experiments and the inspector (presentation mode).
  const std::pair<QDockWidget*, Qt::Key> keys[] = {
      {m_consoleDock, Qt::Key_P}, {m_experimentsDock, Qt::Key_E}, {m_inspectorDock, Qt::Key_I}};
  for (const auto& [dock, key] : keys) {
    QAction* toggle = dock->toggleViewAction();
    toggle->setShortcut(QKeySequence(key));
    addShortcut(toggle);
  }
}

GridLabWindow::~GridLabWindow() {
  // Stop the engine thread before the views go away (no more snapshots).
  m_bridge.setRuntime(nullptr);
}

void GridLabWindow::createViews() {
  auto latest = [this] { return m_latest; };
  m_mosaic = addView(new widgets::GridRateMapMosaic(this), tr("Rate maps"),
                     QStringLiteral("rateMapMosaic"), Qt::NoDockWidgetArea, latest);
  m_arena = addView(new widgets::GridArenaView(this), tr("Arena"), QStringLiteral("arenaView"),
                    Qt::LeftDockWidgetArea, latest);
  m_inspector = addView(new widgets::GridUnitInspector(this), tr("Unit inspector"),
                        QStringLiteral("gridUnitInspector"), Qt::RightDockWidgetArea, latest);
  m_inspectorDock = m_views.back().dock;
  addView(new widgets::GridScoreHistogramsView(this), tr("Scores"), QStringLiteral("gridScores"),
          Qt::RightDockWidgetArea, latest);
  addView(new widgets::GridTrainingCurvesView(this), tr("Training curves"),
          QStringLiteral("gridTrainingCurves"), Qt::RightDockWidgetArea, latest);
  addView(new widgets::GridWeightMatrixView(this), tr("Weights"), QStringLiteral("gridWeights"),
          Qt::RightDockWidgetArea, latest);
  m_mosaic->setFocusPolicy(Qt::StrongFocus);
  m_mosaic->setFocus();
  connect(m_arena, &widgets::GridArenaView::anchorChanged, this,
          [this](int steps) { post(GridCommand::Kind::SetLiveAnchor, steps); });

  // The panels scroll when the arena view takes most of the column.
  auto scrolled = [this](QWidget* panel) {
    auto* area = new QScrollArea(this);
    area->setWidget(panel);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return area;
  };
  m_console = new GridPerturbationConsole(&m_bridge, &m_undo, this);
  m_consoleDock = addPanel(scrolled(m_console), tr("Perturbations"),
                           QStringLiteral("gridPerturbationsDock"), Qt::LeftDockWidgetArea);
  m_experiments = new GridExperimentPanel(this);
  m_experimentsDock = addPanel(scrolled(m_experiments), tr("Experiments"),
                               QStringLiteral("gridExperimentsDock"), Qt::LeftDockWidgetArea);
  connect(m_experiments, &GridExperimentPanel::evaluateNow, this, &GridLabWindow::evaluateNow);
  connect(m_experiments, &GridExperimentPanel::evaluateInArena, this,
          &GridLabWindow::evaluateInArena);
  connect(m_experiments, &GridExperimentPanel::mapWindowChanged, this,
          [this](int updates) { post(GridCommand::Kind::SetMapWindow, updates); });
  connect(
      m_experiments, &GridExperimentPanel::retrain, this, [this](const engine::GridRunConfig& c) {
        startRuntime(std::make_unique<engine::GridLabRuntime>(c, m_threads), c, m_threads, true);
        statusBar()->showMessage(
            tr("New run with the changed settings (the previous one is in Recent runs "
               "if it was saved or autosaved)"),
            10000);
      });
}

QList<QDockWidget*> GridLabWindow::panelDocks() const { return {m_consoleDock, m_experimentsDock}; }

void GridLabWindow::arrangeDefaultLayout() {
  // Left column: arena above the console and the experiments (tabs); right column: inspector
  // above scores, training curves and weights (tabs); the mosaic gets the centre.
  QDockWidget* arena = m_views[1].dock;
  QDockWidget* scores = m_views[3].dock;
  QDockWidget* curves = m_views[4].dock;
  QDockWidget* weights = m_views[5].dock;
  splitDockWidget(arena, m_consoleDock, Qt::Vertical);
  tabifyDockWidget(m_consoleDock, m_experimentsDock);
  m_consoleDock->raise();
  splitDockWidget(m_inspectorDock, scores, Qt::Vertical);
  tabifyDockWidget(scores, curves);
  tabifyDockWidget(scores, weights);
  scores->raise();
}

void GridLabWindow::applyDefaultSizes() {
  QDockWidget* arena = m_views[1].dock;
  QDockWidget* scores = m_views[3].dock;
  resizeDocks({arena, m_inspectorDock}, {470, 500}, Qt::Horizontal);
  resizeDocks({arena, m_consoleDock}, {560, 340}, Qt::Vertical);
  resizeDocks({m_inspectorDock, scores}, {470, 430}, Qt::Vertical);
}

void GridLabWindow::presentationLayout(bool on) {
  if (!on) return;
  // The big views for the projector: arena, mosaic, scores; P / E / I bring the panels back.
  m_consoleDock->hide();
  m_experimentsDock->hide();
  m_inspectorDock->hide();
  m_views[3].dock->raise();
}

void GridLabWindow::startRun(const engine::GridRunConfig& config, int threads) {
  startRuntime(std::make_unique<engine::GridLabRuntime>(config, threads), config, threads, false);
}

void GridLabWindow::startPreset(const QString& preset, std::uint64_t seed) {
  engine::GridRunConfig c = engine::gridPreset(preset.toStdString());
  if (seed != 0) c.seed = seed;  // 0: the preset's own seed
  startRun(c, m_threads);
}

void GridLabWindow::startRuntime(std::unique_ptr<engine::GridLabRuntime> runtime,
                                 const engine::GridRunConfig& config, int threads, bool modified) {
  m_config = config;
  m_modified = modified;
  m_threads = threads;
  m_latest.reset();
  m_followedJob = nullptr;
  m_inspector->setUnit(-1);  // a new network: the best unit of its first evaluation
  m_bridge.setRuntime(std::move(runtime));
  m_experiments->setConfig(config);
  runStarted();
}

QString GridLabWindow::loadRun(const QString& folder, int threads) {
  try {
    // Full validation of every file (names file, field and reason on error); training resumes
    // exactly where the saved run stopped.
    engine::GridTrainer trainer = engine::loadGridRun(folder.toStdString(), threads);
    const engine::GridRunConfig config = trainer.config();
    const bool modified = toJson(config) != toJson([&] {
                            engine::GridRunConfig p = engine::gridPreset(
                                config.preset == "custom" ? "default" : config.preset);
                            p.seed = config.seed;
                            return p;
                          }());
    startRuntime(std::make_unique<engine::GridLabRuntime>(std::move(trainer), threads), config,
                 threads, modified);
    statusBar()->showMessage(tr("Loaded %1").arg(folder), 8000);
    if (m_persistLayout) RecentRuns::add(folder);
    return {};
  } catch (const std::exception& ex) {
    return QString::fromStdString(ex.what());
  }
}

void GridLabWindow::post(GridCommand::Kind kind, long long count) {
  GridCommand c;
  c.kind = kind;
  c.count = count;
  m_bridge.post(c);
}

long long GridLabWindow::postTransport(Transport kind, long long count, double value) {
  GridCommand c;
  switch (kind) {
    case Transport::Start:
      c.kind = GridCommand::Kind::Start;
      break;
    case Transport::Pause:
      c.kind = GridCommand::Kind::Pause;
      break;
    case Transport::SingleStep:
      c.kind = GridCommand::Kind::SingleStep;
      break;
    case Transport::FastForward:
      c.kind = GridCommand::Kind::FastForward;
      break;
    case Transport::SetDelay:
      c.kind = GridCommand::Kind::SetDelay;
      break;
  }
  c.count = count;
  c.value = value;
  return m_bridge.post(c);
}

void GridLabWindow::postReset(std::uint64_t seed) {
  GridCommand c;
  c.kind = GridCommand::Kind::Reset;
  c.seed = seed;
  m_bridge.post(c);
}

void GridLabWindow::evaluateNow() { post(GridCommand::Kind::Evaluate); }

void GridLabWindow::evaluateInArena(const engine::ArenaSpec& arena) {
  GridCommand c;
  c.kind = GridCommand::Kind::EvaluateInArena;
  c.arena = arena;
  m_bridge.post(c);
  m_mosaic->setSource(widgets::GridMapSource::ArenaTest);
  statusBar()->showMessage(tr("Evaluating the trained network in a %1…")
                               .arg(widgets::arenaShapeDisplayName(arena.shape)),
                           6000);
}

QString GridLabWindow::currentPreset() const {
  const QString p = QString::fromStdString(m_config.preset);
  return m_modified ? tr("%1 (modified)").arg(p) : p;
}

QString GridLabWindow::autosaveName() const {
  return QStringLiteral("grid_cells-%1%2")
      .arg(QString::fromStdString(m_config.preset),
           m_modified ? QStringLiteral("-modified") : QString());
}

QString GridLabWindow::metricText() const {
  if (!m_latest || !m_latest->history || m_latest->history->empty()) return tr("decoding error –");
  return tr("decoding error %1 cm").arg(m_latest->history->back().decodingErrorCm, 0, 'f', 1);
}

void GridLabWindow::takeLatestSnapshot() {
  m_latest = m_bridge.latest();
  m_console->setSnapshot(m_latest);
}

void GridLabWindow::afterFrame() {
  if (!m_latest) return;
  // Until the user picks one, the inspector shows the unit with the best grid score.
  if (m_inspector->unit() < 0 && m_latest->evaluation) {
    const auto& grid = m_latest->evaluation->evaluation.scores.grid;
    int best = -1;
    for (int u = 0; u < int(grid.size()); ++u)
      if (std::isfinite(grid[size_t(u)].score60) &&
          (best < 0 || grid[size_t(u)].score60 > grid[size_t(best)].score60))
        best = u;
    if (best >= 0) {
      m_inspector->setUnit(best);
      m_mosaic->setSelectedUnit(best);
    }
  }
  const auto& j = m_latest->evaluationJob;
  QString status;
  if (j.job) {
    status =
        (j.arenaTest ? tr("Arena test at update %1: %2 %") : tr("Evaluation at update %1: %2 %"))
            .arg(j.atUpdate)
            .arg(int(100 * j.job->progress()));
    if (m_latest->evaluationsQueued > 0)
      status += tr(", %n queued", nullptr, m_latest->evaluationsQueued);
  } else if (m_latest->evaluation) {
    status = tr("last evaluation at update %1 (%2 s)")
                 .arg(m_latest->evaluation->atUpdate)
                 .arg(m_latest->evaluation->seconds, 0, 'f', 1);
  }
  m_experiments->setEvaluationRunning(j.job != nullptr, status);
  if (j.job && j.job.get() != m_followedJob) {
    // A new background evaluation: a progress row with Cancel in the status bar.
    m_followedJob = j.job.get();
    auto* watcher = new JobWatcher(j.job,
                                   j.arenaTest ? tr("Arena test at update %1").arg(j.atUpdate)
                                               : tr("Evaluation at update %1").arg(j.atUpdate),
                                   this);
    connect(watcher, &JobWatcher::finished, watcher, &QObject::deleteLater);
    trackJob(watcher);
  }
}

void GridLabWindow::fillLabMenu(QMenu* menu) {
  QAction* eval = menu->addAction(tr("Evaluate now"), this, [this] { evaluateNow(); });
  eval->setObjectName(QStringLiteral("gridEvaluateAction"));
  eval->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
  addShortcut(eval);
  menu->addAction(tr("Cancel evaluations"), this,
                  [this] { post(GridCommand::Kind::CancelEvaluations); })
      ->setObjectName(QStringLiteral("gridCancelEvaluations"));
  menu->addAction(tr("Arena editor and retraining…"), this,
                  [this] {
                    m_experimentsDock->show();
                    m_experimentsDock->raise();
                  })
      ->setObjectName(QStringLiteral("gridArenaEditorAction"));
  menu->addAction(tr("Perturbation console"), this,
                  [this] {
                    m_consoleDock->show();
                    m_consoleDock->raise();
                  })
      ->setObjectName(QStringLiteral("gridConsoleAction"));
}

void GridLabWindow::selectUnit(int unit) {
  m_console->selectUnit(unit);
  m_mosaic->setSelectedUnit(unit);
  m_inspector->setUnit(unit);
  m_inspectorDock->show();
  m_inspectorDock->raise();
}

}  // namespace emergence::app
