#pragma once
// Angular-velocity statistics comparison (head-direction.md §3.3, Fig. 5 c/f/i), drawn from an
// engine::HdAvStatsResult: one column per run (AV SD ×0.1, ×1, ×3) with
//   - the histogram of the run's non-zero ω (degrees per step),
//   - the class scatter: HD tuning strength (x) vs AV slope (y), points coloured by class, with
//     the Compass and weak-tuning boxes of the thresholds used;
// and below, the class counts (Compass | Shifter CCW | Shifter CW | weak | dead) as a grouped bar
// chart, one bar per run in each class group, the count printed above each bar.
// Controls: updates per run, Start (emits startRequested) and Cancel (cancelRequested); the app
// runs the training as a background job and calls setResult.
#include <QWidget>
#include <memory>
#include <vector>

#include "engine/runtime/hd_av_statistics.h"

class QCustomPlot;
class QCPAxisRect;
class QCPBars;
class QCPItemText;
class QCPLegend;
class QCPTextElement;
class QLabel;
class QPushButton;
class QSpinBox;

namespace emergence::widgets {

class AvStatisticsView : public QWidget {
  Q_OBJECT
 public:
  explicit AvStatisticsView(QWidget* parent = nullptr);

  void setResult(std::shared_ptr<const engine::HdAvStatsResult> result);
  std::shared_ptr<const engine::HdAvStatsResult> result() const { return m_result; }
  void setPresentationScale(double scale);
  // Long format: factor, av_scale, record (run | unit | histogram | count), index, class,
  // strength, av_slope, preferred_deg, omega_deg_per_step, count, test_error.
  bool exportData(const QString& csvPath) const;

  int updatesPerRun() const;
  void setUpdatesPerRun(int updates);
  void setRunning(bool running);
  bool running() const { return m_running; }
  void setStatusText(const QString& text);

  // What the bar chart shows (for tests): height and printed label of run `run`'s bar for class c;
  // NaN / empty when there is no such bar.
  double barValue(int run, engine::UnitClass c) const;
  QString barLabel(int run, engine::UnitClass c) const;
  QString columnTitle(int run) const;
  int columns() const { return int(m_columns.size()); }
  QCustomPlot* runsPlot() const { return m_runsPlot; }
  QCustomPlot* countsPlot() const { return m_countsPlot; }

  QSize sizeHint() const override { return {1200, 820}; }

 signals:
  void startRequested(int updatesPerRun);
  void cancelRequested();
  void unitClicked(int unit);  // common view interface (units of other networks: never emitted)

 private:
  struct Column {
    QCPAxisRect* histogram = nullptr;
    QCPAxisRect* scatter = nullptr;
    QCPBars* histogramBars = nullptr;
    QCPTextElement* title = nullptr;
  };
  void rebuildColumns(int count);
  void fillColumn(int k, const engine::HdAvStatsRun* run);
  void rebuildCounts();
  void applyStyle();

  QSpinBox* m_updates = nullptr;
  QPushButton* m_start = nullptr;
  QPushButton* m_cancel = nullptr;
  QLabel* m_status = nullptr;
  QCustomPlot* m_runsPlot = nullptr;
  QCustomPlot* m_countsPlot = nullptr;
  std::vector<Column> m_columns;
  QCPLegend* m_classLegend = nullptr;     // class colours, in the first scatter
  std::vector<QObject*> m_marginGroups;  // one per column, deleted with the columns
  std::vector<QCPBars*> m_countBars;                 // one per run
  std::vector<std::vector<QCPItemText*>> m_countLabels;  // [run][display class]
  std::shared_ptr<const engine::HdAvStatsResult> m_result;
  bool m_running = false;
  double m_scale = 1.0;
};

// Colour of run k of n in the bar chart (light → dark as turning gets faster).
QColor avRunColor(int k, int n);

}  // namespace emergence::widgets
