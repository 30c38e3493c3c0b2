#pragma once
// Main window of the head-direction lab, on the shared shell LabWindow (transport, menus,
// presentation mode, themes, export, start page, autosave, status bar). Thin by design
// (architecture.md §6): it creates the lab's views, puts them in docks and wires the console,
// the inspector, the class thresholds and the long jobs (fixed points, AV statistics) to the
// engine through the bridge and the undo stack.
//   main_window.cpp       views, docks, layout, runs, hooks of the shell
//   main_window_runs.cpp  the lab's long jobs (fixed points, AV statistics) and Lab-menu entries
#include <QPointer>
#include <memory>

#include "app/hd_lab_bridge.h"
#include "app/lab_window.h"
#include "engine/train/hd_run_config.h"

class QDockWidget;

namespace emergence::widgets {
class RingView;
class UnitInspector;
class ClassScatterView;
class FixedPointsView;
}  // namespace emergence::widgets

namespace emergence::app {

class AvStatisticsDialog;
class FixedPointsController;
class PerturbationConsole;

class MainWindow : public LabWindow {
  Q_OBJECT
 public:
  // `persistLayout` false: ignore and do not write QSettings window state (screenshot runs, so
  // they look the same on every machine).
  explicit MainWindow(bool persistLayout = true, QWidget* parent = nullptr);
  ~MainWindow() override;

  QString labId() const override { return QStringLiteral("head_direction"); }
  // Starts a new run (replacing the current one) and starts training.
  void startRun(const engine::HdRunConfig& config, int threads);
  void startPreset(const QString& preset, std::uint64_t seed) override;
  // Loads a run folder; on failure returns the engine's message (file, field, reason).
  QString loadRun(const QString& folder, int threads) override;
  LabBridge* labBridge() override { return &m_bridge; }

  HdLabBridge* bridge() { return &m_bridge; }
  PerturbationConsole* console() { return m_console; }
  FixedPointsController* fixedPoints() { return m_fixedPoints; }
  AvStatisticsDialog* avStatistics();  // created on first use

 public slots:
  void showAvStatistics();

 protected:
  long long postTransport(Transport kind, long long count, double value) override;
  void postReset(std::uint64_t seed) override;
  QString labTitle() const override { return tr("head-direction lab"); }
  QString metricText() const override;
  QString currentPreset() const override { return QString::fromStdString(m_config.preset); }
  std::uint64_t currentSeed() const override { return m_config.seed; }
  void setCurrentSeed(std::uint64_t seed) override { m_config.seed = seed; }
  void takeLatestSnapshot() override;
  void fillLabMenu(QMenu* menu) override;
  void arrangeDefaultLayout() override;
  void applyDefaultSizes() override;
  void presentationLayout(bool on) override;
  void selectUnit(int unit) override;
  QList<QDockWidget*> panelDocks() const override;

 private:
  void createViews();
  void startRuntime(std::unique_ptr<engine::HdLabRuntime> runtime,
                    const engine::HdRunConfig& config, int threads);
  void onThresholdsEdited(const engine::UnitClassThresholds& t);
  void createJobs();  // main_window_runs.cpp

  HdLabBridge m_bridge;
  engine::HdRunConfig m_config;
  std::shared_ptr<const engine::HdSnapshot> m_latest;

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
};

}  // namespace emergence::app
