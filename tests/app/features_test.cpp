// Qt Test of the app's run and job features (offscreen platform), with real widgets and, where it
// matters, the real engine thread on tiny configurations:
//   - JobWatcher + JobProgressWidget on engine::BackgroundJob: progress, result, Cancel button;
//   - the start page: presets with descriptions, recent runs, the emitted choice;
//   - RecentRuns (at most 10, most recent first), Autosaver (saves through the engine's Save
//     command into <root>/<preset>-seed<N>-<date>);
//   - FixedPointsController and AvStatisticsDialog: their jobs end with results in the views;
//   - the main window wiring: Fixed points dock, Lab menu entries, status-bar progress.
// Settings and standard paths are redirected to a temporary folder (never the user's).
#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <thread>

#include "app/autosaver.h"
#include "app/av_statistics_dialog.h"
#include "app/fixed_points_controller.h"
#include "app/hd_lab_bridge.h"
#include "app/job_progress_widget.h"
#include "app/job_watcher.h"
#include "app/main_window.h"
#include "app/recent_runs.h"
#include "app/start_page.h"
#include "engine/runtime/background_job.h"
#include "engine/train/hd_run_config.h"
#include "widgets/av_statistics_view.h"
#include "widgets/fixed_points_view.h"

using namespace emergence;
using State = engine::BackgroundJob::State;

namespace {

// A default-preset run small enough for tests: 12 units, short trials, tiny batches.
engine::HdRunConfig tinyConfig() {
  engine::HdRunConfig c = engine::hdPreset("default");
  c.model.numUnits = 12;
  c.task.steps = 40;
  c.training.batchSize = 4;
  c.training.testTrials = 4;
  c.training.testSteps = 40;
  c.training.curriculumUpdates = 0;
  return c;
}

void writeFile(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(bytes);
}

}  // namespace

class FeaturesTest : public QObject {
  Q_OBJECT
  QTemporaryDir m_settings;

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("EmergenceTest"));
    QCoreApplication::setApplicationName(QStringLiteral("EmergenceFeaturesTest"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
    RecentRuns::clear();
  }
  void init() { app::RecentRuns::clear(); }

  void jobProgressReachesOneAndDeliversTheResult();
  void jobProgressCancelButtonStopsTheJob();
  void jobProgressReportsFailureReason();
  void startPageListsBothPresetsAndEmitsTheChosenOne();
  void startPageOpensARecentRunWithAClick();
  void recentRunsKeepsTheTenMostRecent();
  void autosaveFolderName();
  void autosaverSavesThroughTheEngine();
  void fixedPointsControllerFindsSlowPointsOfACopy();
  void avStatisticsDialogTrainsThreeRuns();
  void mainWindowWiresTheNewFeatures();

 private:
  using RecentRuns = app::RecentRuns;
};

void FeaturesTest::jobProgressReachesOneAndDeliversTheResult() {
  auto job = std::make_shared<engine::BackgroundJob>("count", [](engine::JobContext& ctx) -> std::any {
    for (int k = 1; k <= 50; ++k) {
      ctx.setProgress(k / 50.0);
      ctx.setStatus("step " + std::to_string(k));
      std::this_thread::sleep_for(std::chrono::milliseconds(4));
    }
    return 42;
  });
  app::JobWatcher watcher(job, QStringLiteral("Counting"), nullptr, 10);
  app::JobProgressWidget bar;
  QSignalSpy progress(&watcher, &app::JobWatcher::progressChanged);
  QSignalSpy finished(&watcher, &app::JobWatcher::finished);
  QSignalSpy ended(&bar, &app::JobProgressWidget::jobEnded);
  bar.track(&watcher);
  QCOMPARE(bar.activeJobs(), 1);
  QVERIFY(bar.isVisibleTo(nullptr) || !bar.isHidden());
  QTRY_VERIFY_WITH_TIMEOUT(bar.rowValue(0) > 0 || watcher.ended(), 5000);
  QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
  QCOMPARE(finished.at(0).at(0).value<State>(), State::Finished);
  QCOMPARE(watcher.progress(), 1.0);
  QCOMPARE(watcher.status(), QStringLiteral("step 50"));
  QVERIFY(progress.count() >= 2);  // several updates on the way
  QCOMPARE(*job->resultAs<int>(), 42);
  QCOMPARE(bar.activeJobs(), 0);  // the row goes when the job ends
  QVERIFY(bar.isHidden());
  QCOMPARE(ended.count(), 1);
  QVERIFY(ended.at(0).at(2).toString().contains(QStringLiteral("Counting finished")));
}

void FeaturesTest::jobProgressCancelButtonStopsTheJob() {
  std::atomic<int> steps{0};
  auto job = std::make_shared<engine::BackgroundJob>("endless", [&steps](engine::JobContext& ctx) -> std::any {
    while (!ctx.cancelled()) {
      ++steps;
      ctx.setProgress(0.3);
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return int(steps);
  });
  app::JobWatcher watcher(job, QStringLiteral("Endless"), nullptr, 10);
  app::JobProgressWidget bar;
  bar.show();
  QSignalSpy ended(&bar, &app::JobProgressWidget::jobEnded);
  bar.track(&watcher);
  QTRY_COMPARE_WITH_TIMEOUT(bar.rowValue(0), 300, 5000);
  QVERIFY(bar.rowText(0).startsWith(QStringLiteral("Endless")));
  QPushButton* cancel = bar.cancelButton(0);
  QVERIFY(cancel);
  QTest::mouseClick(cancel, Qt::LeftButton);
  QVERIFY(job->cancelRequested());
  QTRY_VERIFY_WITH_TIMEOUT(watcher.ended(), 5000);
  QCOMPARE(watcher.state(), State::Cancelled);
  QCOMPARE(bar.activeJobs(), 0);
  QCOMPARE(ended.count(), 1);
  QVERIFY(ended.at(0).at(2).toString().contains(QStringLiteral("cancelled")));
  const int stoppedAt = steps;
  QTest::qWait(30);
  QCOMPARE(int(steps), stoppedAt);  // the work really stopped
  QCOMPARE(*job->resultAs<int>(), stoppedAt);  // the partial result is kept
}

void FeaturesTest::jobProgressReportsFailureReason() {
  auto job = std::make_shared<engine::BackgroundJob>("broken", [](engine::JobContext&) -> std::any {
    throw std::invalid_argument("weights product: wRec is 3×3, the model needs 12×12");
  });
  app::JobWatcher watcher(job, QStringLiteral("Fixed points"), nullptr, 10);
  app::JobProgressWidget bar;
  QSignalSpy ended(&bar, &app::JobProgressWidget::jobEnded);
  bar.track(&watcher);
  QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 5000);
  QCOMPARE(ended.at(0).at(1).value<State>(), State::Failed);
  const QString message = ended.at(0).at(2).toString();
  QVERIFY2(message.contains(QStringLiteral("wRec is 3×3")), qPrintable(message));
}

void FeaturesTest::startPageListsBothPresetsAndEmitsTheChosenOne() {
  QStringList presets;
  for (const auto& n : engine::hdPresetNames()) presets << QString::fromStdString(n);
  QCOMPARE(presets, (QStringList{QStringLiteral("paper"), QStringLiteral("default")}));
  app::StartPage page(presets, {}, 7);
  page.show();
  QVERIFY(QTest::qWaitForWindowExposed(&page));
  QListWidget* list = page.presetList();
  QCOMPARE(list->count(), 2);
  for (int k = 0; k < 2; ++k) {
    const QString text = list->item(k)->text();
    QVERIFY2(text.startsWith(presets[k]), qPrintable(text));
    QVERIFY2(text.contains(app::StartPage::presetDescription(presets[k])), qPrintable(text));
    QVERIFY(app::StartPage::presetDescription(presets[k]).size() > 20);
  }
  QSignalSpy chosen(&page, &app::StartPage::presetChosen);
  QSignalSpy runs(&page, &app::StartPage::runChosen);
  const QRect r = list->visualItemRect(list->item(1));
  QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, r.center());
  QCOMPARE(chosen.count(), 1);
  QCOMPARE(chosen.at(0).at(0).toString(), QStringLiteral("default"));
  QCOMPARE(chosen.at(0).at(1).value<std::uint64_t>(), std::uint64_t(7));
  QCOMPARE(runs.count(), 0);
  QCOMPARE(page.result(), int(QDialog::Accepted));
  QVERIFY(!page.isVisible());
}

void FeaturesTest::startPageOpensARecentRunWithAClick() {
  QTemporaryDir dir;
  const QString good = QDir(dir.path()).filePath(QStringLiteral("default-seed3-20250101-101010"));
  QDir().mkpath(good);
  writeFile(QDir(good).filePath(QStringLiteral("config.json")), "{}");
  const QString missing = QDir(dir.path()).filePath(QStringLiteral("gone"));
  app::StartPage page({QStringLiteral("paper"), QStringLiteral("default")}, {good, missing}, 1);
  page.show();
  QVERIFY(QTest::qWaitForWindowExposed(&page));
  QListWidget* list = page.recentList();
  QCOMPARE(list->count(), 2);
  QVERIFY(list->item(0)->text().contains(QStringLiteral("default-seed3-20250101-101010")));
  QVERIFY(!(list->item(1)->flags() & Qt::ItemIsEnabled));  // a missing folder cannot be opened
  QVERIFY(list->item(1)->text().contains(QStringLiteral("missing")));
  QSignalSpy runs(&page, &app::StartPage::runChosen);
  QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(1)).center());
  QCOMPARE(runs.count(), 0);
  QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(0)).center());
  QCOMPARE(runs.count(), 1);
  QCOMPARE(runs.at(0).at(0).toString(), good);
}

void FeaturesTest::recentRunsKeepsTheTenMostRecent() {
  QTemporaryDir dir;
  for (int k = 0; k < 12; ++k) RecentRuns::add(QDir(dir.path()).filePath(QStringLiteral("run%1").arg(k)));
  QStringList l = RecentRuns::list();
  QCOMPARE(l.size(), RecentRuns::kMax);
  QVERIFY(l.front().endsWith(QStringLiteral("run11")));
  QVERIFY(l.back().endsWith(QStringLiteral("run2")));
  RecentRuns::add(QDir(dir.path()).filePath(QStringLiteral("run5/")));  // again: moved to the front
  l = RecentRuns::list();
  QCOMPARE(l.size(), RecentRuns::kMax);
  QVERIFY(l.front().endsWith(QStringLiteral("run5")));
  QCOMPARE(l.count(l.front()), 1);
  RecentRuns::remove(l.front());
  QCOMPARE(RecentRuns::list().size(), RecentRuns::kMax - 1);
}

void FeaturesTest::autosaveFolderName() {
  engine::HdRunConfig c = engine::hdPreset("paper");
  c.seed = 17;
  const QDateTime t(QDate(2025, 3, 4), QTime(5, 6, 7));
  QCOMPARE(app::Autosaver::folderName(c, t), QStringLiteral("paper-seed17-20250304-050607"));
  QVERIFY(app::Autosaver::defaultRoot().endsWith(QStringLiteral("/runs")));
}

void FeaturesTest::autosaverSavesThroughTheEngine() {
  QTemporaryDir root;
  app::HdLabBridge bridge;
  const engine::HdRunConfig c = tinyConfig();
  bridge.setRuntime(std::make_unique<engine::HdLabRuntime>(c, 1));  // paused
  app::Autosaver saver(&bridge);
  saver.setRoot(root.path());
  saver.beginRun(c, QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5)));
  QCOMPARE(saver.folder(), QDir(root.path()).filePath(QStringLiteral("default-seed1-20250102-030405")));
  QTRY_VERIFY_WITH_TIMEOUT(bridge.latest() != nullptr, 10000);
  QVERIFY(!saver.saveNow());  // update 0: nothing to save yet
  QVERIFY(saver.statusText().contains(QStringLiteral("default-seed1-20250102-030405")));
  engine::HdCommand step;
  step.kind = engine::HdCommand::Kind::SingleStep;
  bridge.post(step);
  QTRY_VERIFY_WITH_TIMEOUT(bridge.latest()->update >= 1, 10000);
  QSignalSpy saved(&saver, &app::Autosaver::saved);
  saver.setIntervalMs(50);  // the timer triggers the save
  QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 10000);
  QCOMPARE(saved.at(0).at(1).toLongLong(), 1LL);
  QVERIFY(QFile::exists(QDir(saver.folder()).filePath(QStringLiteral("config.json"))));
  QVERIFY(QFile::exists(QDir(saver.folder()).filePath(QStringLiteral("weights.npz"))));
  QCOMPARE(RecentRuns::list().value(0), saver.folder());
  QVERIFY2(saver.statusText().contains(QStringLiteral("autosaved update 1")), qPrintable(saver.statusText()));
  // Nothing changed since: no new save.
  QTest::qWait(200);
  QCOMPARE(saved.count(), 1);
  QVERIFY(!saver.saveNow());
  // Switched off: nothing posted, and the status says so.
  saver.setEnabled(false);
  QCOMPARE(saver.statusText(), QStringLiteral("autosave off"));
  // An unwritable root reports a reason naming the folder.
  bridge.post(step);
  QTRY_VERIFY_WITH_TIMEOUT(bridge.latest()->update >= 2, 10000);
  QSignalSpy failed(&saver, &app::Autosaver::failed);
  writeFile(QDir(root.path()).filePath(QStringLiteral("file")), "x");
  saver.setRoot(QDir(root.path()).filePath(QStringLiteral("file/sub")));
  saver.beginRun(c);
  saver.setEnabled(true);
  QVERIFY(!saver.saveNow());
  QCOMPARE(failed.count(), 1);
  QVERIFY2(failed.at(0).at(0).toString().contains(QStringLiteral("file/sub")),
           qPrintable(failed.at(0).at(0).toString()));
}

void FeaturesTest::fixedPointsControllerFindsSlowPointsOfACopy() {
  app::HdLabBridge bridge;
  const engine::HdRunConfig c = tinyConfig();
  bridge.setRuntime(std::make_unique<engine::HdLabRuntime>(c, 1));
  QTRY_VERIFY_WITH_TIMEOUT(bridge.latest() && bridge.latest()->weights, 10000);
  widgets::FixedPointsView view;
  view.setSnapshot(bridge.latest());
  app::FixedPointsController controller(&bridge, &view, [c] { return c; });
  engine::HdAttractorConfig ac;
  ac.settle.headings = 16;
  ac.settle.steps = 300;
  ac.searches = 8;
  controller.setAnalysisConfig(ac);
  QSignalSpy started(&controller, &app::FixedPointsController::jobStarted);
  auto* button = view.findChild<QPushButton*>(QStringLiteral("findSlowPoints"));
  QVERIFY(button && button->isEnabled());
  QTest::mouseClick(button, Qt::LeftButton);
  QCOMPARE(started.count(), 1);
  QVERIFY(controller.running() || controller.watcher()->ended());
  QTRY_VERIFY_WITH_TIMEOUT(view.result() != nullptr, 20000);
  QVERIFY(!controller.running());
  QVERIFY(button->isEnabled());
  const auto r = view.result();
  QCOMPARE(int(r->settled.x.cols()), 16);
  QCOMPARE(int(r->slowPoints.size()), 8);
  QCOMPARE(int(r->settled.x.rows()), 12);
  QCOMPARE(r->atUpdate, bridge.latest()->weights->atUpdate);
  QCOMPARE(view.selectedSlowPoint(), 0);
  QCOMPARE(view.eigenvaluesShown(), 12);
  QVERIFY2(view.findChild<QLabel*>(QStringLiteral("fixedPointsStatus"))->text().contains(QStringLiteral("8 slow points")),
           qPrintable(view.findChild<QLabel*>(QStringLiteral("fixedPointsStatus"))->text()));
}

void FeaturesTest::avStatisticsDialogTrainsThreeRuns() {
  app::HdLabBridge bridge;  // no runtime: default thresholds
  const engine::HdRunConfig c = tinyConfig();
  app::AvStatisticsDialog dialog(&bridge, [c] { return c; });
  dialog.show();
  QVERIFY(QTest::qWaitForWindowExposed(&dialog));
  QCOMPARE(dialog.view()->updatesPerRun(), c.training.updates);  // the preset's length by default
  QSignalSpy started(&dialog, &app::AvStatisticsDialog::jobStarted);
  dialog.view()->setUpdatesPerRun(3);
  auto* start = dialog.view()->findChild<QPushButton*>(QStringLiteral("startAvStatistics"));
  QTest::mouseClick(start, Qt::LeftButton);
  QCOMPARE(started.count(), 1);
  QTRY_VERIFY_WITH_TIMEOUT(!dialog.running(), 60000);
  const auto r = dialog.view()->result();
  QVERIFY(r);
  QVERIFY(r->complete);
  QCOMPARE(int(r->runs.size()), 3);
  for (int k = 0; k < 3; ++k) {
    QCOMPARE(r->runs[size_t(k)].updates, 3LL);
    int total = 0;
    for (engine::UnitClass cls : {engine::UnitClass::Dead, engine::UnitClass::Compass, engine::UnitClass::WeaklyTuned,
                                  engine::UnitClass::ShifterCcw, engine::UnitClass::ShifterCw})
      total += int(dialog.view()->barValue(k, cls));
    QCOMPARE(total, 12);  // every unit is in one bar
  }
  QCOMPARE(r->runs[2].avScale, 3.0);
  // Cancel: a long run stops within an update and keeps the runs finished so far (none here).
  dialog.view()->setUpdatesPerRun(100000);
  QTest::mouseClick(start, Qt::LeftButton);
  QTRY_VERIFY_WITH_TIMEOUT(dialog.watcher()->progress() > 0, 20000);
  auto* cancel = dialog.view()->findChild<QPushButton*>(QStringLiteral("cancelAvStatistics"));
  QVERIFY(cancel->isEnabled());
  QTest::mouseClick(cancel, Qt::LeftButton);
  QTRY_VERIFY_WITH_TIMEOUT(!dialog.running(), 20000);
  QCOMPARE(dialog.watcher()->state(), State::Cancelled);
  QCOMPARE(dialog.view()->result(), r);  // the previous result stays on screen
}

void FeaturesTest::mainWindowWiresTheNewFeatures() {
  app::MainWindow window(/*persistLayout=*/false);
  engine::HdRunConfig c = engine::hdPreset("default");
  c.training.batchSize = 8;
  window.startRun(c, 1);
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  QTRY_VERIFY_WITH_TIMEOUT(window.bridge()->latest() && window.bridge()->latest()->weights, 20000);
  auto* dock = window.findChild<QDockWidget*>(QStringLiteral("fixedPointsDock"));
  QVERIFY(dock);
  QCOMPARE(dock->windowTitle(), QStringLiteral("Fixed points"));
  auto* autosave = window.findChild<QLabel*>(QStringLiteral("autosaveLabel"));
  QVERIFY(autosave);
  QCOMPARE(autosave->text(), QStringLiteral("autosave off"));  // test runs never autosave
  for (const char* name : {"findSlowPointsAction", "avStatisticsAction", "preferences", "new"})
    QVERIFY2(window.findChild<QAction*>(QString::fromLatin1(name)), name);
  QVERIFY(window.findChild<QMenu*>(QStringLiteral("recentRunsMenu")));
  // Lab → Find slow points: the dock comes up, a progress row shows in the status bar, and the
  // result reaches the view.
  window.findChild<QAction*>(QStringLiteral("findSlowPointsAction"))->trigger();
  QVERIFY(dock->isVisible());
  QVERIFY(window.fixedPoints()->running() || window.fixedPoints()->watcher()->ended());
  if (window.fixedPoints()->running()) QCOMPARE(window.jobProgress()->activeJobs(), 1);
  auto* view = window.findChild<widgets::FixedPointsView*>();
  QVERIFY(view);
  QTRY_VERIFY_WITH_TIMEOUT(view->result() != nullptr, 60000);
  QTRY_COMPARE_WITH_TIMEOUT(window.jobProgress()->activeJobs(), 0, 5000);
  QCOMPARE(int(view->result()->settled.x.cols()), 64);
  // Lab → Angular-velocity statistics… opens the comparison window.
  window.findChild<QAction*>(QStringLiteral("avStatisticsAction"))->trigger();
  QVERIFY(window.avStatistics()->isVisible());
  window.avStatistics()->close();
}

QTEST_MAIN(FeaturesTest)
#include "features_test.moc"
