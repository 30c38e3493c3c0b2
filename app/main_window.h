#pragma once
// Main window of the head-direction lab. Thin by design (architecture.md §6): it creates the
// views, puts them in docks, wires the actions to engine commands through the bridge and the
// undo stack, and shows the status bar. The science is in engine/, the drawing in widgets/.
//   main_window.cpp          views, docks, bridge, status bar, settings, run start/load
//   main_window_actions.cpp  actions, menus, toolbar, transport, presentation mode, export
//   main_window_runs.cpp     start page, recent runs, autosave, preferences, long jobs
//                            (fixed points, AV statistics) and their status-bar progress
#include <QMainWindow>
#include <QPointer>
#include <QTimer>
#include <QUndoStack>
#include <functional>
#include <memory>
#include <vector>

#include "app/app_options.h"
#include "app/hd_lab_bridge.h"
#include "app/theme.h"
#include "engine/train/hd_run_config.h"

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QSlider;
class QSpinBox;
class QToolBar;

namespace emergence::widgets {
class RingView;
class UnitInspector;
class ClassScatterView;
class FixedPointsView;
}  // namespace emergence::widgets

namespace emergence::app {

class Autosaver;
class AvStatisticsDialog;
class FixedPointsController;
class JobProgressWidget;
class JobWatcher;
class PerturbationConsole;

// Demonstration delay between updates for the speed levels 0…4 (seconds; 4 = full speed).
inline constexpr double kSpeedDelays[5] = {1.0, 0.25, 0.05, 0.01, 0.0};

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  // `persistLayout` false: ignore and do not write QSettings window state (screenshot runs, so
  // they look the same on every machine).
  explicit MainWindow(bool persistLayout = true, QWidget* parent = nullptr);
  ~MainWindow() override;

  // Starts a new run (replacing the current one) and starts training.
  void startRun(const engine::HdRunConfig& config, int threads);
  // Loads a run folder; on failure returns the engine's message (file, field, reason).
  QString loadRun(const QString& folder, int threads);

  // Threads of runs started from the start page or the Lab menu (startRun/loadRun set it too).
  void setTrainingThreads(int threads) { m_threads = threads < 1 ? 1 : threads; }

  HdLabBridge* bridge() { return &m_bridge; }
  QUndoStack* undoStack() { return &m_undo; }
  PerturbationConsole* console() { return m_console; }
  bool presentationMode() const { return m_presentation; }
  JobProgressWidget* jobProgress() { return m_jobs; }
  Autosaver* autosaver() { return m_autosaver; }
  FixedPointsController* fixedPoints() { return m_fixedPoints; }
  AvStatisticsDialog* avStatistics();  // created on first use

 public slots:
  void setPresentationMode(bool on);
  void togglePlay();
  void singleStep();
  void fastForward();
  void setSpeed(int level);  // 0 (slowest) … 4 (full speed)
  void resetRun(bool newSeed);
  void saveRun();
  void loadRunDialog();
  void showShortcutSheet();
  void resetLayout();
  void setTheme(Theme theme);
  // The start page (File → New). atLaunch: closing it without a choice starts `fallbackPreset`.
  // seed: shown in the page (0: the current run's seed).
  void showStartPage(bool atLaunch = false, const QString& fallbackPreset = QString(),
                     std::uint64_t seed = 0);
  void openRun(const QString& folder);  // loadRun with an error box
  void showAvStatistics();
  void showPreferences();

 protected:
  void closeEvent(QCloseEvent* event) override;
  void showEvent(QShowEvent* event) override;

 private:
  struct View {
    QWidget* widget = nullptr;
    QDockWidget* dock = nullptr;  // null for the central view
    QString title;
    std::function<void(std::shared_ptr<const engine::HdSnapshot>)> setSnapshot;
    std::function<void(double)> setScale;
    std::function<bool(const QString&)> exportCsv;
  };
  template <class T>
  T* addView(T* view, const QString& title, const QString& objectName, Qt::DockWidgetArea area);

  void startRuntime(std::unique_ptr<engine::HdLabRuntime> runtime,
                    const engine::HdRunConfig& config, int threads);
  void createViews();
  void createActions();
  void createMenusAndToolbar();
  void createStatusBar();
  void arrangeDefaultLayout();
  void applyDefaultSizes();
  void onSnapshot(std::shared_ptr<const engine::HdSnapshot> s);
  void updateStatus();
  void exportViewDialog(int viewIndex);
  void postSimple(int kind, long long count = 0, double value = 0);
  void showErrorLater(const QString& title, const QString& message);
  void onThresholdsEdited(const engine::UnitClassThresholds& t);
  void selectUnit(int unit);
  void createRunFeatures();  // main_window_runs.cpp
  void fillRecentMenu();
  void trackJob(JobWatcher* watcher);

  HdLabBridge m_bridge;
  QUndoStack m_undo;
  bool m_persistLayout;
  engine::HdRunConfig m_config;
  int m_threads = 2;
  bool m_presentation = false;
  bool m_shownOnce = false, m_restoredState = false;
  Theme m_theme = Theme::Light;
  QByteArray m_defaultState, m_statePresentation;
  std::vector<View> m_views;
  std::shared_ptr<const engine::HdSnapshot> m_latest;
  long long m_saveCommand = 0;
  QString m_savePath;
  QFont m_normalFont;

  widgets::RingView* m_ring = nullptr;
  widgets::UnitInspector* m_inspector = nullptr;
  widgets::ClassScatterView* m_scatter = nullptr;
  PerturbationConsole* m_console = nullptr;
  QDockWidget* m_consoleDock = nullptr;
  QDockWidget* m_inspectorDock = nullptr;
  widgets::FixedPointsView* m_fixedPointsView = nullptr;
  QDockWidget* m_fixedPointsDock = nullptr;
  FixedPointsController* m_fixedPoints = nullptr;
  AvStatisticsDialog* m_avStats = nullptr;
  Autosaver* m_autosaver = nullptr;
  JobProgressWidget* m_jobs = nullptr;
  QMenu* m_recentMenu = nullptr;

  QToolBar* m_toolbar = nullptr;
  QAction* m_playAction = nullptr;
  QAction* m_presentationAction = nullptr;
  QAction* m_darkAction = nullptr;
  QList<QAction*> m_shortcutActions;  // listed by the shortcut sheet
  QSlider* m_speed = nullptr;
  QSpinBox* m_ffCount = nullptr;
  QMenu* m_exportMenu = nullptr;
  QLabel* m_stateLabel = nullptr;
  QLabel* m_updateLabel = nullptr;
  QLabel* m_rateLabel = nullptr;
  QLabel* m_errorLabel = nullptr;
  QLabel* m_fpsLabel = nullptr;
  QLabel* m_latencyLabel = nullptr;
  QLabel* m_autosaveLabel = nullptr;
  QTimer m_statusTimer;
};

}  // namespace emergence::app
