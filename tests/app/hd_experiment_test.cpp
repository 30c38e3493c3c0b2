// The head-direction lab's core experiment driven through the real window, as a user does it:
// the console's Target = "All shifters", Action = "Silence", a click on Apply; the next frames
// show every shifter unit silent on the live trial while the rest keep firing; Ctrl+Z (the
// window's undo stack) releases it and the units fire again. With EMERGENCE_HD_RUN=DIR the
// window opens that trained run (else a short fresh run of the default preset); with
// EMERGENCE_SHOT_DIR=DIR it writes before / during / after-undo screenshots there.
#include <QComboBox>
#include <QElapsedTimer>
#include <QDir>
#include <QPushButton>
#include <QTest>
#include <QUndoStack>

#include "app/main_window.h"
#include "app/perturbation_console.h"

using namespace emergence;

class HdExperimentTest : public QObject {
  Q_OBJECT
 private slots:
  void silenceAllShiftersThenUndo();

 private:
  static void shot(QWidget* w, const char* name) {
    const QString dir = qEnvironmentVariable("EMERGENCE_SHOT_DIR");
    if (dir.isEmpty()) return;
    QDir().mkpath(dir);
    QVERIFY(w->grab().save(dir + QLatin1Char('/') + QLatin1String(name)));
  }
};

void HdExperimentTest::silenceAllShiftersThenUndo() {
  app::MainWindow window(/*persistLayout=*/false);
  const QString run = qEnvironmentVariable("EMERGENCE_HD_RUN");
  if (run.isEmpty()) {
    engine::HdRunConfig c = engine::hdPreset("default");
    c.training.batchSize = 16;
    window.startRun(c, 2);
  } else {
    const QString error = window.loadRun(run, 2);
    QVERIFY2(error.isEmpty(), qPrintable(error));
  }
  window.resize(1600, 1000);
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  app::HdLabBridge* bridge = window.bridge();
  if (run.isEmpty()) {  // a few hundred cheap updates: the AV-tuned (shifter) units appear
    engine::HdCommand ff;
    ff.kind = engine::HdCommand::Kind::FastForward;
    ff.count = 400;
    bridge->post(ff);
  }
  engine::HdCommand start;
  start.kind = engine::HdCommand::Kind::Start;
  bridge->post(start);
  // Wait for an analysis with shifter units and a live trial under way.
  std::vector<int> shifters;
  QTRY_VERIFY_WITH_TIMEOUT(
      [&] {
        auto s = bridge->latest();
        if (!s || !s->analysis || s->live.step < 20) return false;
        shifters.clear();
        for (int i = 0; i < int(s->analysis->classes.size()); ++i)
          if (s->analysis->classes[i] == engine::UnitClass::ShifterCcw ||
              s->analysis->classes[i] == engine::UnitClass::ShifterCw)
            shifters.push_back(i);
        return !shifters.empty() && int(shifters.size()) < s->numUnits;
      }(),
      60000);
  QTest::qWait(500);
  shot(&window, "hd_before_silencing.png");

  auto* console = window.console();
  auto* target = console->findChild<QComboBox*>(QStringLiteral("perturbTarget"));
  auto* action = console->findChild<QComboBox*>(QStringLiteral("perturbAction"));
  auto* apply = console->findChild<QPushButton*>(QStringLiteral("perturbApply"));
  QVERIFY(target && action && apply);
  target->setCurrentIndex(target->findData(int(app::PerturbationConsole::Target::AllShifters)));
  action->setCurrentIndex(action->findData(2 /* Silence */));
  const std::vector<int> silenced =
      console->unitsOf(app::PerturbationConsole::Target::AllShifters);
  QVERIFY(!silenced.empty());
  const long long framesAtClick = bridge->framesDelivered();
  QElapsedTimer sinceClick;
  sinceClick.start();
  QTest::mouseClick(apply, Qt::LeftButton);
  QCOMPARE(window.undoStack()->count(), 1);
  // The next frames: every silenced unit at rate 0, some other unit still active.
  long long framesUntilShown = -1;
  connect(bridge, &app::LabBridge::frameDelivered, this, [&] {
    if (framesUntilShown >= 0) return;
    auto s = bridge->latest();
    if (!s || s->live.rates.size() != s->numUnits) return;
    for (int u : silenced)
      if (s->live.rates[u] != 0.0f) return;
    framesUntilShown = bridge->framesDelivered() - framesAtClick;
    qInfo("click on Apply (silence %d shifters) → first frame showing it: %lld frame(s), %lld ms",
          int(silenced.size()), framesUntilShown, (long long)sinceClick.elapsed());
  });
  QTRY_VERIFY_WITH_TIMEOUT(framesUntilShown >= 0, 10000);
  // The frame thread previews a posted intervention in the frame it composes next: the first
  // frame the GUI receives after the click shows it (a frame already in the mailbox when the
  // click happened may be delivered before it: at most 2).
  QVERIFY2(framesUntilShown <= 2, qPrintable(QString::number(framesUntilShown)));
  // …and the engine applies it at its next step boundary (listed in the snapshot).
  QTRY_VERIFY_WITH_TIMEOUT(!bridge->latest()->interventions.empty(), 10000);
  QTest::qWait(1500);  // let the bump evolve without the shifters
  auto during = bridge->latest();
  for (int u : silenced) QCOMPARE(during->live.rates[u], 0.0f);
  shot(&window, "hd_shifters_silenced.png");

  window.undoStack()->undo();
  QTRY_VERIFY_WITH_TIMEOUT(bridge->latest()->interventions.empty(), 10000);
  QTRY_VERIFY_WITH_TIMEOUT(
      [&] {
        auto s = bridge->latest();
        for (int u : silenced)
          if (s->live.rates[u] > 0.0f) return true;
        return false;
      }(),
      10000);
  QTest::qWait(1500);
  shot(&window, "hd_after_undo.png");
}

QTEST_MAIN(HdExperimentTest)
#include "hd_experiment_test.moc"
