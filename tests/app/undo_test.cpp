// Qt Test of the app's undo machinery against the real engine thread (offscreen platform):
// interventions posted through the perturbation console's undo commands, undone and redone, and
// threshold edits; plus the command-line parser.
#include <QComboBox>
#include <QDockWidget>
#include <QMenuBar>
#include <QFileInfo>
#include <QLabel>
#include <QTemporaryDir>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

#include "app/app_options.h"
#include "app/hd_lab_bridge.h"
#include "app/main_window.h"
#include "widgets/ring_view.h"
#include "app/perturbation_console.h"
#include "app/undo_commands.h"
#include "app/view_export.h"
#include "engine/train/hd_run_config.h"

using namespace emergence;

class UndoTest : public QObject {
  Q_OBJECT

  std::unique_ptr<app::HdLabBridge> m_bridge;
  QUndoStack m_undo;

  std::shared_ptr<const engine::HdSnapshot> latest() { return m_bridge->runtime()->latest(); }
  size_t active() { return latest()->interventions.size(); }

 private slots:
  void init() {
    engine::HdRunConfig c = engine::hdPreset("default");
    c.training.batchSize = 8;  // small: the test is about commands, not learning
    m_bridge = std::make_unique<app::HdLabBridge>();
    m_bridge->setRuntime(std::make_unique<engine::HdLabRuntime>(c, 1));  // paused
    m_undo.clear();
    QTRY_VERIFY_WITH_TIMEOUT(m_bridge->latest() != nullptr, 10000);
  }
  void cleanup() {
    m_undo.clear();
    m_bridge.reset();
  }
  // Tests that do not use the fixture's runtime still get one from init(); harmless.

  void silenceThroughConsoleThenUndoRedo() {
    app::PerturbationConsole console(m_bridge.get(), &m_undo);
    connect(m_bridge.get(), &app::HdLabBridge::snapshotChanged, &console,
            &app::PerturbationConsole::setSnapshot);
    QTRY_VERIFY_WITH_TIMEOUT(m_bridge->latest() != nullptr, 5000);
    console.setSnapshot(m_bridge->latest());
    console.selectUnit(3);
    auto* selection = console.findChild<QLineEdit*>();
    QVERIFY(selection);
    selection->setText(QStringLiteral("3, 7, 10-12"));
    QCOMPARE(console.selection(), (std::vector<int>{3, 7, 10, 11, 12}));
    // Action "Silence" (index 2 of the action combo: inject, clamp, silence).
    for (auto* box : console.findChildren<QComboBox*>())
      if (box->findText(QStringLiteral("Silence")) >= 0) box->setCurrentIndex(box->findText(QStringLiteral("Silence")));
    console.applyPerturbation();
    QCOMPARE(m_undo.count(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(active(), size_t(1), 5000);
    const auto& [id, i] = latest()->interventions.front();
    QVERIFY(id > 0);
    QCOMPARE(i.type, engine::Intervention::Type::Unit);
    QCOMPARE(i.unit.kind, engine::UnitPerturbation::Kind::Clamp);
    QCOMPARE(i.unit.value, 0.0);
    QCOMPARE(i.unit.units, (std::vector<int>{3, 7, 10, 11, 12}));

    m_undo.undo();
    QTRY_COMPARE_WITH_TIMEOUT(active(), size_t(0), 5000);
    m_undo.redo();
    QTRY_COMPARE_WITH_TIMEOUT(active(), size_t(1), 5000);
    m_undo.undo();
    QTRY_COMPARE_WITH_TIMEOUT(active(), size_t(0), 5000);
  }

  void undoRightAfterRedoIsDeferredUntilTheIdIsKnown() {
    engine::Intervention silence;
    silence.unit = engine::UnitPerturbation::silence({1, 2});
    // Push and undo in the same event-loop turn: the engine may not have assigned the id yet.
    m_undo.push(new app::AddInterventionCommand(m_bridge.get(), silence));
    m_undo.undo();
    QTest::qWait(200);
    QTRY_COMPARE_WITH_TIMEOUT(active(), size_t(0), 5000);
    const auto log = m_bridge->runtime()->commandLog();
    int adds = 0, removes = 0;
    for (const auto& e : log) {
      adds += e.command.kind == engine::HdCommand::Kind::AddIntervention && e.resultId > 0;
      removes += e.command.kind == engine::HdCommand::Kind::RemoveIntervention && e.error.empty();
    }
    QCOMPARE(adds, 1);
    QCOMPARE(removes, 1);
  }

  void removeCommandUndoReadds() {
    engine::Intervention cut;
    cut.type = engine::Intervention::Type::Ablation;
    cut.ablation.rows = {0, 1, 2};
    cut.ablation.cols = {5, 6};
    m_undo.push(new app::AddInterventionCommand(m_bridge.get(), cut));
    QTRY_COMPARE_WITH_TIMEOUT(active(), size_t(1), 5000);
    const int id = latest()->interventions.front().first;
    m_undo.push(new app::RemoveInterventionCommand(m_bridge.get(), id, cut));
    QTRY_COMPARE_WITH_TIMEOUT(active(), size_t(0), 5000);
    m_undo.undo();  // re-adds (new engine id)
    QTRY_COMPARE_WITH_TIMEOUT(active(), size_t(1), 5000);
    m_undo.redo();  // removes the re-added one
    QTRY_COMPARE_WITH_TIMEOUT(active(), size_t(0), 5000);
    m_undo.undo();
    m_undo.undo();  // undo the original add too
    QTest::qWait(100);
    QTRY_COMPARE_WITH_TIMEOUT(active(), size_t(0), 5000);
  }

  void thresholdEditsMergeAndUndo() {
    engine::UnitClassThresholds before, mid = before, after = before;
    mid.compassMinStrength = 0.5;
    after.compassMinStrength = 0.4;
    m_undo.push(new app::SetThresholdsCommand(m_bridge.get(), before, mid));
    m_undo.push(new app::SetThresholdsCommand(m_bridge.get(), mid, after));
    QCOMPARE(m_undo.count(), 1);  // a drag is one undo step
    QTRY_VERIFY_WITH_TIMEOUT(latest()->analysis &&
                                 latest()->analysis->thresholds.compassMinStrength == 0.4,
                             20000);
    m_undo.undo();
    QTRY_VERIFY_WITH_TIMEOUT(latest()->analysis && latest()->analysis->thresholds.compassMinStrength ==
                                                       before.compassMinStrength,
                             20000);
  }

  void bridgeMeasuresLatency() {
    engine::HdCommand c;
    c.kind = engine::HdCommand::Kind::Analyze;
    m_bridge->post(c);
    QTRY_VERIFY_WITH_TIMEOUT(m_bridge->latency().samples >= 1, 20000);
    QVERIFY(m_bridge->latency().lastFrames >= 1);
    QVERIFY(m_bridge->framesDelivered() >= 1);
  }

  // product.md §3: an intervention takes effect at the next step and is visible in the next
  // frame. Measured while training runs (the engine applies commands between updates).
  void interventionLatencyWhileTraining_data() {
    QTest::addColumn<QString>("preset");
    QTest::newRow("default (curriculum from T=100)") << QStringLiteral("default");
    QTest::newRow("paper (T=500, an update ≫ a frame)") << QStringLiteral("paper");
  }
  void interventionLatencyWhileTraining() {
    QFETCH(QString, preset);
    // The real preset (batch 100), two training threads, as the app runs it.
    m_bridge->setRuntime(
        std::make_unique<engine::HdLabRuntime>(engine::hdPreset(preset.toStdString()), 2));
    engine::HdCommand start;
    start.kind = engine::HdCommand::Kind::Start;
    m_bridge->post(start);
    QTRY_VERIFY_WITH_TIMEOUT(m_bridge->latest() && m_bridge->latest()->update >= 3, 30000);
    QTest::qWait(300);
    double sumMs = 0, maxMs = 0;
    int maxFrames = 0, oneFrame = 0;
    const int n = 10;
    const long long framesBefore = m_bridge->framesDelivered();
    QElapsedTimer clock;
    clock.start();
    for (int k = 0; k < n; ++k) {
      engine::Intervention silence;
      silence.unit = engine::UnitPerturbation::silence({k});
      m_undo.push(new app::AddInterventionCommand(m_bridge.get(), silence));
      const int before = m_bridge->latency().samples;
      QTRY_VERIFY_WITH_TIMEOUT(m_bridge->latency().samples > before, 5000);
      const auto lat = m_bridge->latency();
      sumMs += lat.lastMs;
      maxMs = std::max(maxMs, lat.lastMs);
      maxFrames = std::max(maxFrames, lat.lastFrames);
      oneFrame += lat.lastFrames == 1;
      QTest::qWait(50);
    }
    const double fps = double(m_bridge->framesDelivered() - framesBefore) / (clock.elapsed() / 1e3);
    qInfo("%s: intervention → frame while training: mean %.1f ms, max %.1f ms, max %d frame(s), "
          "%d/%d in the first frame; %.1f frames/s delivered; update %lld",
          qPrintable(preset), sumMs / n, maxMs, maxFrames, oneFrame, n, fps,
          m_bridge->latest()->update);
    QTRY_COMPARE_WITH_TIMEOUT(latest()->interventions.size(), size_t(n), 5000);
    // Previewed by the frame thread, shown in the next frame; the bound leaves room for a
    // loaded CI machine (the numbers are printed above).
    QVERIFY(maxFrames <= 10);
  }

  void exportViewFormats() {
    QTemporaryDir dir;
    QLabel view(QStringLiteral("Emergence export test"));
    view.resize(320, 200);
    bool csvCalled = false;
    auto csv = [&](const QString&) { return csvCalled = true; };
    for (const char* ext : {"png", "svg", "pdf"}) {
      const QString path = dir.filePath(QStringLiteral("view.") + QLatin1String(ext));
      QCOMPARE(app::exportView(&view, path, csv), QString());
      QVERIFY2(QFileInfo(path).size() > 100, ext);
    }
    QCOMPARE(app::exportView(&view, dir.filePath(QStringLiteral("view.csv")), csv), QString());
    QVERIFY(csvCalled);
    QVERIFY(!app::exportView(&view, dir.filePath(QStringLiteral("view.bmpx")), csv).isEmpty());
  }

  // The main window wiring: a click on a unit in the ring selects it in the console and shows
  // the inspector; presentation mode hides the chrome and restores it.
  void mainWindowWiring() {
    m_bridge.reset();
    app::MainWindow window(/*persistLayout=*/false);
    engine::HdRunConfig c = engine::hdPreset("default");
    c.training.batchSize = 8;
    window.startRun(c, 1);
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.bridge()->latest() && window.bridge()->latest()->update >= 2, 20000);
    auto* ring = window.findChild<widgets::RingView*>();
    QVERIFY(ring);
    emit ring->unitClicked(5);
    QCOMPARE(window.console()->selection(), std::vector<int>{5});
    auto* inspector = window.findChild<QDockWidget*>(QStringLiteral("unitInspectorDock"));
    QVERIFY(inspector && inspector->isVisible());
    window.setPresentationMode(true);
    QVERIFY(!window.menuBar()->isVisible());
    window.setPresentationMode(false);
    QVERIFY(window.menuBar()->isVisible());
    window.console()->applyPerturbation();  // default action: inject 1.0 into unit 5
    QTRY_COMPARE_WITH_TIMEOUT(window.bridge()->latest()->interventions.size(), size_t(1), 5000);
    window.undoStack()->undo();
    QTRY_COMPARE_WITH_TIMEOUT(window.bridge()->latest()->interventions.size(), size_t(0), 5000);
  }

  void commandLine() {
    auto p = app::parseAppOptions({"emergence", "--preset", "paper", "--seed", "7", "--after", "5",
                                   "--screenshot", "x.png", "--threads", "3"});
    QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
    QCOMPARE(p.options.preset, QStringLiteral("paper"));
    QCOMPARE(*p.options.seed, std::uint64_t(7));
    QCOMPARE(p.options.screenshotAfter, 5LL);
    QCOMPARE(p.options.threads, 3);
    p = app::parseAppOptions({"emergence", "--lab", "retina"});
    QVERIFY(p.error.contains(QStringLiteral("grid_cells")));  // the message lists the labs
    QCOMPARE(p.exitCode, 2);
    p = app::parseAppOptions({"emergence", "--lab", "grid_cells", "--preset", "sorscher"});
    QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
    QCOMPARE(p.options.lab, QStringLiteral("grid_cells"));
    QVERIFY(p.options.labGiven);
    p = app::parseAppOptions({"emergence", "--lab", "grid_cells", "--preset", "paper"});
    QVERIFY(p.error.contains(QStringLiteral("cueva_wei")));  // validated against gridPresetNames()
    p = app::parseAppOptions({"emergence", "--preset", "nope"});
    QVERIFY(p.error.contains(QStringLiteral("paper")));
    p = app::parseAppOptions({"emergence", "--seed", "-3"});
    QVERIFY(!p.error.isEmpty());
  }
};

QTEST_MAIN(UndoTest)
#include "undo_test.moc"
