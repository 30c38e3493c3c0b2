#pragma once
// Experiments of the grid-cells lab that change the task or the network (product.md §1.2):
//   Arena editor — shape (square, rectangle, circle, triangle, hexagon) and size; either
//     re-evaluate the trained network in that arena (the maps deform: "stretch the box") or
//     retrain in it;
//   Retrain to compare — readout type (place cells / Cartesian), metabolic cost λ and the
//     CTRNN noise: these change the network itself, so they start a new run with the same seed
//     (the current run can be saved first; autosave keeps it) and the two can be compared;
//   Evaluation — a full evaluation now, and the window of the live maps.
// The panel emits requests; the window posts them (arena tests, evaluations, map window) or
// starts the new run.
#include <QWidget>

#include "engine/train/grid_run_config.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace emergence::app {

class GridExperimentPanel : public QWidget {
  Q_OBJECT
 public:
  explicit GridExperimentPanel(QWidget* parent = nullptr);

  // The run the panel edits (fields start from it).
  void setConfig(const engine::GridRunConfig& config);
  engine::ArenaSpec arena() const;  // as edited
  void setArena(const engine::ArenaSpec& spec);
  // The current run's configuration with the edited arena, readout, metabolic cost and noise.
  engine::GridRunConfig retrainConfig() const;
  void setReadout(engine::GridReadout r);
  void setMetabolicCost(double lambda);
  void setNoise(double sd);
  void setEvaluationRunning(bool running, const QString& status);

 signals:
  void evaluateInArena(const engine::ArenaSpec& arena);
  void retrain(const engine::GridRunConfig& config);
  void evaluateNow();
  void mapWindowChanged(int updates);

 private:
  void updateSizeFields();
  QWidget* buildArenaBox();
  QWidget* buildRetrainBox();
  QWidget* buildEvaluationBox();

  engine::GridRunConfig m_config;
  QComboBox* m_shape = nullptr;
  QDoubleSpinBox* m_side = nullptr;
  QDoubleSpinBox* m_width = nullptr;
  QDoubleSpinBox* m_height = nullptr;
  QDoubleSpinBox* m_radius = nullptr;
  QLabel* m_sideLabel = nullptr;
  QLabel* m_widthLabel = nullptr;
  QLabel* m_heightLabel = nullptr;
  QLabel* m_radiusLabel = nullptr;
  QComboBox* m_readout = nullptr;
  QDoubleSpinBox* m_activity = nullptr;
  QDoubleSpinBox* m_noise = nullptr;
  QSpinBox* m_mapWindow = nullptr;
  QPushButton* m_evaluate = nullptr;
  QLabel* m_evaluationStatus = nullptr;
};

}  // namespace emergence::app
