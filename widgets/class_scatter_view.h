#pragma once
// Diagnostic scatter of the unit classes (head-direction.md §6.5): HD tuning strength (x) against
// AV slope (y), each unit coloured by its preferred HD, with the Compass box (strength >
// compassMinStrength, |slope| ≤ compassMaxSlope) and the weak-tuning box (strength <
// weakMaxStrength, |slope| ≤ weakMaxSlope) and the dead-strength line drawn. The thresholds are
// edited in the spin boxes below the plot (object names = the UnitClassThresholds fields); an
// edit emits thresholdsEdited with the full new set. Clicking a point emits unitClicked.
#include <QWidget>
#include <memory>
#include <vector>

#include "engine/runtime/hd_snapshot.h"

class QCustomPlot;
class QCPGraph;
class QCPItemRect;
class QCPItemStraightLine;
class QDoubleSpinBox;
class QMouseEvent;

namespace emergence::widgets {

class ClassScatterView : public QWidget {
  Q_OBJECT
 public:
  explicit ClassScatterView(QWidget* parent = nullptr);

  void setSnapshot(std::shared_ptr<const engine::HdSnapshot> snapshot);
  void setPresentationScale(double scale);
  // unit, class, strength, av_slope, preferred_deg.
  bool exportData(const QString& csvPath) const;

  // Thresholds as currently shown in the spin boxes.
  engine::UnitClassThresholds thresholds() const { return m_thresholds; }
  // Pixel position of a unit's point (widget coordinates); (−1, −1) if not plotted.
  QPointF unitPosition(int unit) const;
  QCustomPlot* plot() const { return m_plot; }

  QSize sizeHint() const override { return {520, 480}; }

 signals:
  void unitClicked(int unit);
  void thresholdsEdited(const engine::UnitClassThresholds& thresholds);

 private:
  void rebuildPoints();
  void updateBoxes();
  void showThresholds(const engine::UnitClassThresholds& t);
  void onSpinEdited();
  void onPlotClicked(QMouseEvent* event);
  void applyStyle();

  QCustomPlot* m_plot = nullptr;
  std::vector<QCPGraph*> m_hueGraphs;           // one graph per preferred-HD colour bin
  std::vector<std::vector<int>> m_graphUnits;   // units of each graph's data points, in key order
  QCPItemRect* m_compassBox = nullptr;
  QCPItemRect* m_weakBox = nullptr;
  QCPItemStraightLine* m_deadLine = nullptr;
  struct Spin {
    QDoubleSpinBox* box = nullptr;
    double engine::UnitClassThresholds::*field = nullptr;
  };
  std::vector<Spin> m_spins;
  engine::UnitClassThresholds m_thresholds;
  std::shared_ptr<const engine::HdSnapshot> m_snapshot;
  std::uint64_t m_analysisVersion = ~0ull;
  double m_scale = 1.0;
  int m_selected = -1;
};

}  // namespace emergence::widgets
