// The grid-cells lab in the app (Qt Test, offscreen): the window's wiring (mosaic click → console
// selection and inspector; silencing through the console with undo/redo, timed silencing
// released by the engine; arena test into the mosaic; presentation mode), lab switching (Lab
// menu / a grid run folder opened from the head-direction window) and the multi-lab start page.
#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "app/autosaver.h"
#include "app/grid_experiment_panel.h"
#include "app/grid_lab_window.h"
#include "app/grid_perturbation_console.h"
#include "app/lab_window.h"
#include "app/main_window.h"
#include "app/start_page.h"
#include "engine/train/grid_run_folder.h"
#include "widgets/grid_rate_map_mosaic.h"
#include "widgets/grid_unit_inspector.h"

using namespace emergence;

namespace {

engine::GridRunConfig tinyConfig() {
  engine::GridRunConfig c = engine::gridPreset("default");
  c.seed = 4;
  c.placeCellModel.numUnits = 32;
  c.placeCells.cells = 24;
  c.rat.steps = 10;
  c.training.batchSize = 8;
  c.analysis.evalTrials = 40;
  c.analysis.bins = 12;
  c.analysis.analyzeEvery = 20;
  c.normalise();
  return c;
}

app::LabWindow* topLevelOfLab(const QString& lab) {
  for (QWidget* w : QApplication::topLevelWidgets())
    if (auto* lw = qobject_cast<app::LabWindow*>(w); lw && lw->labId() == lab && lw->isVisible())
      return lw;
  return nullptr;
}

}  // namespace

class GridAppTest : public QObject {
  Q_OBJECT
 private slots:
  void windowWiring();
  void startPageListsBothLabs();
  void switchingLabsAndOpeningAGridRun();
};

void GridAppTest::windowWiring() {
  app::GridLabWindow window(/*persistLayout=*/false);
  window.startRun(tinyConfig(), 1);
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  QTRY_VERIFY_WITH_TIMEOUT(window.bridge()->latest() && window.bridge()->latest()->evaluation &&
                               window.bridge()->latest()->liveMaps,
                           30000);
  QVERIFY(window.windowTitle().contains(QStringLiteral("grid-cells lab")));
  for (const QString& title :
       {QStringLiteral("Rate maps"), QStringLiteral("Arena"), QStringLiteral("Unit inspector"),
        QStringLiteral("Scores"), QStringLiteral("Training curves"), QStringLiteral("Weights")})
    QVERIFY2(window.viewTitles().contains(title), qPrintable(title));
  QTRY_COMPARE_WITH_TIMEOUT(int(window.mosaic()->displayOrder().size()), 32, 5000);
  // A click on a tile: the console selects the unit, the inspector shows it.
  emit window.mosaic()->unitClicked(3);
  QCOMPARE(window.console()->selection(), std::vector<int>{3});
  QCOMPARE(window.inspector()->unit(), 3);
  QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("gridUnitInspectorDock"))->isVisible());
  // Silence it through the console: in the next frames, gone with undo, back with redo.
  window.console()->setAction(2);
  window.console()->setDurationSteps(0);
  window.console()->applyPerturbation();
  QTRY_COMPARE_WITH_TIMEOUT(window.bridge()->latest()->interventions.size(), size_t(1), 5000);
  QTRY_COMPARE_WITH_TIMEOUT(window.bridge()->latest()->live.rates[3], 0.0f, 5000);
  window.undoStack()->undo();
  QTRY_COMPARE_WITH_TIMEOUT(window.bridge()->latest()->interventions.size(), size_t(0), 5000);
  window.undoStack()->redo();
  QTRY_COMPARE_WITH_TIMEOUT(window.bridge()->latest()->interventions.size(), size_t(1), 5000);
  window.undoStack()->undo();
  QTRY_COMPARE_WITH_TIMEOUT(window.bridge()->latest()->interventions.size(), size_t(0), 5000);
  // Silencing all grid units for 40 live steps: released by the engine.
  window.console()->setTarget(app::GridPerturbationConsole::Target::All);
  window.console()->setDurationSteps(40);
  window.console()->applyPerturbation();
  QTRY_COMPARE_WITH_TIMEOUT(window.bridge()->latest()->interventions.size(), size_t(1), 5000);
  QVERIFY(window.bridge()->latest()->interventions[0].remainingSteps > 0);
  QTRY_COMPARE_WITH_TIMEOUT(window.bridge()->latest()->interventions.size(), size_t(0), 10000);
  // The arena editor: re-evaluate in a circle → the mosaic shows the arena test.
  engine::ArenaSpec circle{engine::ArenaShape::Circle, 1, 1, 1, 0.8};
  window.experiments()->setArena(circle);
  window.findChild<QPushButton*>(QStringLiteral("evaluateInArena"))->click();
  QTRY_VERIFY_WITH_TIMEOUT(window.bridge()->latest()->arenaTest != nullptr, 20000);
  QCOMPARE(window.bridge()->latest()->arenaTest->arena.shape, engine::ArenaShape::Circle);
  QCOMPARE(window.mosaic()->source(), widgets::GridMapSource::ArenaTest);
  QTRY_COMPARE_WITH_TIMEOUT(int(window.mosaic()->displayOrder().size()), 32, 5000);
  // Retrain with metabolic cost: a new run with the changed config.
  window.experiments()->setMetabolicCost(0.05);
  window.findChild<QPushButton*>(QStringLiteral("retrain"))->click();
  QCOMPARE(window.config().training.activityL2, 0.05);
  QCOMPARE(window.config().arena.shape, engine::ArenaShape::Circle);
  QVERIFY(window.windowTitle().contains(QStringLiteral("modified")));
  QTRY_VERIFY_WITH_TIMEOUT(window.bridge()->latest() && window.bridge()->latest()->update >= 2,
                           20000);
  // Presentation mode hides the chrome and the side panels, and brings them back.
  window.setPresentationMode(true);
  QVERIFY(!window.menuBar()->isVisible());
  QVERIFY(!window.findChild<QDockWidget*>(QStringLiteral("gridPerturbationsDock"))->isVisible());
  window.setPresentationMode(false);
  QVERIFY(window.menuBar()->isVisible());
  // Lab menu entries of this lab.
  for (const char* name : {"gridEvaluateAction", "gridArenaEditorAction", "openDemo_grid_cells",
                           "head_directionPreset_paper", "grid_cellsPreset_cueva_wei"})
    QVERIFY2(window.findChild<QAction*>(QString::fromLatin1(name)), name);
  QCOMPARE(app::Autosaver::folderName(QStringLiteral("grid_cells-default"), 7,
                                      QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5))),
           QStringLiteral("grid_cells-default-seed7-20250102-030405"));
  // A bad run folder: the message names the file; the current run goes on.
  QTemporaryDir bad;
  QVERIFY(window.loadRun(bad.path(), 1).contains(QStringLiteral("config.json")));
  QVERIFY(window.bridge()->hasRuntime());
}

void GridAppTest::startPageListsBothLabs() {
  std::vector<app::StartPage::Lab> labs;
  for (const QString& id : app::LabWindow::labIds()) {
    app::StartPage::Lab l;
    l.id = id;
    l.title = app::LabWindow::labDisplayName(id);
    for (const QString& p : app::LabWindow::presetNames(id))
      l.presets.push_back({p, app::LabWindow::presetDescription(id, p)});
    l.demoAvailable = id == QLatin1String("grid_cells");
    if (l.demoAvailable) l.demoLabel = QStringLiteral("Open demo: grid cells");
    labs.push_back(l);
  }
  app::StartPage page(labs, {}, 5);
  page.show();
  QVERIFY(QTest::qWaitForWindowExposed(&page));
  QCOMPARE(page.labCount(), 2);
  QListWidget* grid = page.presetList(1);
  QCOMPARE(grid->count(), 3);
  for (int k = 0; k < 3; ++k) {
    const std::string name = engine::gridPresetNames()[size_t(k)];
    QVERIFY(grid->item(k)->text().startsWith(QString::fromStdString(name)));
    QVERIFY2(
        grid->item(k)->text().contains(QString::fromStdString(engine::gridPresetDescription(name))),
        qPrintable(grid->item(k)->text()));
  }
  auto* demo = page.findChild<QPushButton*>(QStringLiteral("openDemo_grid_cells"));
  QVERIFY(demo);
  QCOMPARE(demo->text(), QStringLiteral("Open demo: grid cells"));
  QSignalSpy chosen(&page, &app::StartPage::labPresetChosen);
  QTest::mouseClick(grid->viewport(), Qt::LeftButton, {},
                    grid->visualItemRect(grid->item(2)).center());
  QCOMPARE(chosen.count(), 1);
  QCOMPARE(chosen.at(0).at(0).toString(), QStringLiteral("grid_cells"));
  QCOMPARE(chosen.at(0).at(1).toString(), QStringLiteral("cueva_wei"));
  QCOMPARE(chosen.at(0).at(2).value<std::uint64_t>(), std::uint64_t(5));
}

void GridAppTest::switchingLabsAndOpeningAGridRun() {
  // A saved grid run.
  QTemporaryDir dir;
  {
    engine::GridTrainer t(tinyConfig(), 1);
    for (int k = 0; k < 3; ++k) t.step();
    engine::saveGridRun(t, dir.path().toStdString());
  }
  auto* hd = new app::MainWindow(/*persistLayout=*/false);
  hd->setAttribute(Qt::WA_DeleteOnClose);
  engine::HdRunConfig c = engine::hdPreset("default");
  c.training.batchSize = 8;
  hd->startRun(c, 1);
  hd->show();
  QVERIFY(QTest::qWaitForWindowExposed(hd));
  QPointer<app::MainWindow> hdAlive(hd);
  // File → Load / Recent runs: a grid-cells folder opens the grid-cells window, resumed at 3.
  hd->openRun(dir.path());
  QTRY_VERIFY_WITH_TIMEOUT(hdAlive.isNull(), 5000);  // the head-direction window closed
  auto* grid = qobject_cast<app::GridLabWindow*>(topLevelOfLab(QStringLiteral("grid_cells")));
  QVERIFY(grid);
  QTRY_VERIFY_WITH_TIMEOUT(grid->bridge()->latest() && grid->bridge()->latest()->update >= 3,
                           20000);
  QCOMPARE(grid->bridge()->latest()->numUnits, 32);
  // Lab → Head direction → preset "default": back to the other lab.
  QPointer<app::GridLabWindow> gridAlive(grid);
  grid->switchToLab(QStringLiteral("head_direction"), [](app::LabWindow* w) {
    w->startPreset(QStringLiteral("paper"), 2);
    return QString();
  });
  QTRY_VERIFY_WITH_TIMEOUT(gridAlive.isNull(), 5000);
  auto* back = qobject_cast<app::MainWindow*>(topLevelOfLab(QStringLiteral("head_direction")));
  QVERIFY(back);
  QTRY_VERIFY_WITH_TIMEOUT(back->bridge()->latest() != nullptr, 20000);
  QVERIFY(back->windowTitle().contains(QStringLiteral("preset paper, seed 2")));
  back->close();
}

QTEST_MAIN(GridAppTest)
#include "grid_app_test.moc"
