#pragma once
// The shell every lab's main window shares (product.md §2; architecture.md §6: the window only
// wires docks, actions and the bridge): transport (play/pause Space, step Right/./S, fast-forward
// F, speed [ ] 0–4, reset same/new seed), File (new = start page, save, load, recent runs,
// export of any view as PNG/SVG/PDF/CSV), Edit (undo/redo, preferences), the Lab menu (every
// lab's presets; switching labs opens that lab's window), View (presentation mode F11 with
// projector fonts and hidden chrome, dark theme, docks, reset layout), the shortcut sheet (?),
// the status bar (state, update, rate, the lab's metric, frames/s, command→frame latency,
// autosave, long jobs with progress and Cancel), layout persistence and autosave.
//   lab_window.cpp          construction, views registry, frames, status bar, settings, switching
//   lab_window_actions.cpp  actions, menus, toolbar, transport, presentation mode, export
//   lab_window_runs.cpp     start page, recent runs, demo runs, autosave, preferences
// A lab's window (MainWindow for the head-direction lab, GridLabWindow) derives from it, creates
// its views with addView(), and implements the hooks.
#include <QMainWindow>
#include <QTimer>
#include <QUndoStack>
#include <functional>
#include <memory>
#include <type_traits>
#include <vector>

#include "app/lab_bridge.h"
#include "app/theme.h"

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QSlider;
class QSpinBox;
class QToolBar;

namespace emergence::app {

class Autosaver;
class JobProgressWidget;
class JobWatcher;

// Demonstration delay between updates for the speed levels 0…4 (seconds; 4 = full speed).
inline constexpr double kSpeedDelays[5] = {1.0, 0.25, 0.05, 0.01, 0.0};

class LabWindow : public QMainWindow {
  Q_OBJECT
 public:
  // Every lab's window (lab_windows.cpp). null for an unknown lab id.
  static LabWindow* create(const QString& lab, bool persistLayout, QWidget* parent = nullptr);
  static QStringList labIds();                        // "head_direction", "grid_cells"
  static QString labDisplayName(const QString& lab);  // translated
  static QStringList presetNames(const QString& lab);
  static QString presetDescription(const QString& lab, const QString& preset);  // translated
  // The preset used last in `lab` (QSettings), or "default".
  static QString lastPreset(const QString& lab);
  static QString lastLab();

  ~LabWindow() override;

  virtual QString labId() const = 0;
  // Starts a new run with a preset of this lab (replacing the current run) and trains.
  virtual void startPreset(const QString& preset, std::uint64_t seed) = 0;
  // Loads a run folder of this lab; on failure returns the engine's message (file, field,
  // reason) and keeps the current run.
  virtual QString loadRun(const QString& folder, int threads) = 0;
  virtual LabBridge* labBridge() = 0;

  void setTrainingThreads(int threads) { m_threads = threads < 1 ? 1 : threads; }
  int trainingThreads() const { return m_threads; }
  QUndoStack* undoStack() { return &m_undo; }
  bool presentationMode() const { return m_presentation; }
  JobProgressWidget* jobProgress() { return m_jobs; }
  Autosaver* autosaver() { return m_autosaver; }
  // Titles of the views; of those on screen (the central view, visible docks, raised tabs).
  QStringList viewTitles() const;
  QStringList visibleViewTitles() const;

  // Runs `action` on the window of `lab`: this one, or a new one that replaces this window when
  // the action succeeds (empty string). Returns the action's error (the new window is discarded
  // then) — e.g. a run folder of the other lab that cannot be read.
  QString switchToLab(const QString& lab, const std::function<QString(LabWindow*)>& action);

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
  // The start page (File → New). atLaunch: closing it without a choice starts `fallbackPreset`
  // of this lab. seed: shown in the page (0: the current run's seed).
  void showStartPage(bool atLaunch = false, const QString& fallbackPreset = QString(),
                     std::uint64_t seed = 0);
  // A run folder of any lab (switching window if needed), with an error box on failure.
  void openRun(const QString& folder);
  void openDemo(const QString& lab);
  void showPreferences();

 protected:
  explicit LabWindow(bool persistLayout, QWidget* parent = nullptr);
  // Call at the end of the subclass constructor, after its views exist.
  void initShell();

  // ---- hooks ----
  enum class Transport { Start, Pause, SingleStep, FastForward, SetDelay };
  virtual long long postTransport(Transport kind, long long count = 0, double value = 0) = 0;
  virtual void postReset(std::uint64_t seed) = 0;
  virtual QString labTitle() const = 0;    // "head-direction lab"
  virtual QString metricText() const = 0;  // status bar, e.g. "test error 3.2 %"
  virtual QString currentPreset() const = 0;
  virtual std::uint64_t currentSeed() const = 0;
  virtual void setCurrentSeed(std::uint64_t seed) = 0;
  virtual void takeLatestSnapshot() = 0;    // on each frame, before the views are fed
  virtual void afterFrame() {}              // after the views are fed
  virtual void fillLabMenu(QMenu* menu) {}  // this lab's entries in Lab → <this lab>
  virtual void arrangeDefaultLayout() = 0;
  virtual void applyDefaultSizes() = 0;        // once the window has its real size
  virtual void presentationLayout(bool on) {}  // e.g. hide side panels for the big views
  virtual void selectUnit(int unit) {}
  virtual QList<QDockWidget*> panelDocks() const { return {}; }  // non-view docks (console…)
  // Name of the run in autosave folders: the preset, prefixed by the lab for non-HD labs.
  virtual QString autosaveName() const { return currentPreset(); }

  // ---- for the labs ----
  struct View {
    QWidget* widget = nullptr;
    QDockWidget* dock = nullptr;  // null for the central view
    QString title;
    std::function<void()> refresh;  // feed the latest snapshot
    std::function<void(double)> setScale;
    std::function<bool(const QString&)> exportCsv;
  };
  // `latest` returns the lab's latest snapshot (a shared_ptr, may be null).
  template <class T, class Latest>
  T* addView(T* view, const QString& title, const QString& objectName, Qt::DockWidgetArea area,
             Latest latest) {
    View v;
    v.widget = view;
    v.title = title;
    view->setObjectName(objectName);
    view->setWindowTitle(title);
    v.refresh = [view, latest] {
      if (auto s = latest()) view->setSnapshot(s);
    };
    v.setScale = [view](double k) { view->setPresentationScale(k); };
    v.exportCsv = [view](const QString& path) -> bool {
      if constexpr (std::is_void_v<decltype(view->exportData(path))>) {
        view->exportData(path);
        return true;
      } else {
        return bool(view->exportData(path));
      }
    };
    connect(view, &T::unitClicked, this, [this](int unit) { selectUnit(unit); });
    placeView(v, objectName, area);
    m_views.push_back(std::move(v));
    return view;
  }
  QDockWidget* addPanel(QWidget* panel, const QString& title, const QString& objectName,
                        Qt::DockWidgetArea area);
  // After a new runtime started (or a reset): undo cleared, speed and Start posted, window title,
  // autosave folder, last preset remembered.
  void runStarted();
  void addShortcut(QAction* action);
  QString settingsKey(const QString& key) const;  // per-lab keys of QSettings
  void showErrorLater(const QString& title, const QString& message);
  void trackJob(JobWatcher* watcher);

  std::vector<View> m_views;
  QUndoStack m_undo;
  bool m_persistLayout;
  int m_threads = 2;
  QFont m_normalFont;

 protected:
  void closeEvent(QCloseEvent* event) override;
  void showEvent(QShowEvent* event) override;

 private:
  void placeView(View& v, const QString& objectName, Qt::DockWidgetArea area);
  void createActions();
  void createMenusAndToolbar();
  void createStatusBar();
  void createRunFeatures();
  void fillRecentMenu();
  void onFrame();
  void updateStatus();
  void exportViewDialog(int viewIndex);
  void updateTitle();

  bool m_presentation = false;
  bool m_shownOnce = false, m_restoredState = false;
  Theme m_theme = Theme::Light;
  QByteArray m_defaultState, m_statePresentation;
  long long m_saveCommand = 0;
  QString m_savePath;

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
  QLabel* m_metricLabel = nullptr;
  QLabel* m_fpsLabel = nullptr;
  QLabel* m_latencyLabel = nullptr;
  QLabel* m_autosaveLabel = nullptr;
  QTimer m_statusTimer;
};

}  // namespace emergence::app
