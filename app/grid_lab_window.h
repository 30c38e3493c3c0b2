#pragma once
// Main window of the grid-cells lab, on the shared shell LabWindow. It only wires docks: the
// rate-map mosaic in the centre; the arena view with the perturbation console and the
// experiments (arena editor, retrain toggles, evaluation) on the left; the unit inspector and
// the scores, training curves and weights on the right. A click on a unit anywhere selects it in
// the console and shows it in the inspector; the running background evaluation shows in the
// status bar with a Cancel button.
#include <memory>

#include "app/grid_lab_bridge.h"
#include "app/lab_window.h"
#include "engine/train/grid_run_config.h"

class QDockWidget;

namespace emergence::widgets {
class GridArenaView;
class GridRateMapMosaic;
class GridUnitInspector;
}  // namespace emergence::widgets

namespace emergence::app {

class GridExperimentPanel;
class GridPerturbationConsole;
class JobWatcher;

class GridLabWindow : public LabWindow {
  Q_OBJECT
 public:
  explicit GridLabWindow(bool persistLayout = true, QWidget* parent = nullptr);
  ~GridLabWindow() override;

  QString labId() const override { return QStringLiteral("grid_cells"); }
  void startRun(const engine::GridRunConfig& config, int threads);
  void startPreset(const QString& preset, std::uint64_t seed) override;
  QString loadRun(const QString& folder, int threads) override;
  LabBridge* labBridge() override { return &m_bridge; }

  GridLabBridge* bridge() { return &m_bridge; }
  GridPerturbationConsole* console() { return m_console; }
  GridExperimentPanel* experiments() { return m_experiments; }
  widgets::GridRateMapMosaic* mosaic() { return m_mosaic; }
  widgets::GridUnitInspector* inspector() { return m_inspector; }
  const engine::GridRunConfig& config() const { return m_config; }

 public slots:
  void evaluateNow();
  void evaluateInArena(const engine::ArenaSpec& arena);

 protected:
  long long postTransport(Transport kind, long long count, double value) override;
  void postReset(std::uint64_t seed) override;
  QString labTitle() const override { return tr("grid-cells lab"); }
  QString metricText() const override;
  QString currentPreset() const override;
  std::uint64_t currentSeed() const override { return m_config.seed; }
  void setCurrentSeed(std::uint64_t seed) override { m_config.seed = seed; }
  void takeLatestSnapshot() override;
  void afterFrame() override;
  void fillLabMenu(QMenu* menu) override;
  void arrangeDefaultLayout() override;
  void applyDefaultSizes() override;
  void presentationLayout(bool on) override;
  void selectUnit(int unit) override;
  QList<QDockWidget*> panelDocks() const override;
  QString autosaveName() const override;

 private:
  void createViews();
  void startRuntime(std::unique_ptr<engine::GridLabRuntime> runtime,
                    const engine::GridRunConfig& config, int threads, bool modified);
  void post(engine::GridCommand::Kind kind, long long count = 0);

  GridLabBridge m_bridge;
  engine::GridRunConfig m_config;
  bool m_modified = false;  // the configuration differs from its preset (retrain to compare)
  std::shared_ptr<const engine::GridSnapshot> m_latest;
  const engine::BackgroundJob* m_followedJob = nullptr;  // the evaluation shown in the status bar

  widgets::GridArenaView* m_arena = nullptr;
  widgets::GridRateMapMosaic* m_mosaic = nullptr;
  widgets::GridUnitInspector* m_inspector = nullptr;
  QDockWidget* m_inspectorDock = nullptr;
  GridPerturbationConsole* m_console = nullptr;
  QDockWidget* m_consoleDock = nullptr;
  GridExperimentPanel* m_experiments = nullptr;
  QDockWidget* m_experimentsDock = nullptr;
};

}  // namespace emergence::app
