#pragma once
// Training curves of the grid-cells lab: total loss and task loss (cross-entropy or MSE, log
// axis), decoding error of the training batches in cm (log axis), and updates per second
// (1 / wall time of each update, mean over 20 updates; pauses are not counted).
#include <QWidget>
#include <memory>

#include "engine/runtime/grid_snapshot.h"

class QCustomPlot;
class QCPAxisRect;
class QCPGraph;
class QCPTextElement;

namespace emergence::widgets {

class GridTrainingCurvesView : public QWidget {
  Q_OBJECT
 public:
  explicit GridTrainingCurvesView(QWidget* parent = nullptr);

  void setSnapshot(std::shared_ptr<const engine::GridSnapshot> snapshot);
  void setPresentationScale(double scale);
  // update, loss, task, weight, activity, decoding_error_cm, gradient_norm, seconds
  bool exportData(const QString& csvPath) const;
  QCustomPlot* plot() const { return m_plot; }
  int pointsShown() const;
  QString titleText() const;
  QSize sizeHint() const override { return {480, 420}; }

 signals:
  void unitClicked(int unit);  // common view interface

 private:
  void applyStyle();
  QCustomPlot* m_plot = nullptr;
  QCPTextElement* m_title = nullptr;
  QCPAxisRect* m_rects[3] = {};
  QCPGraph *m_loss = nullptr, *m_task = nullptr, *m_error = nullptr, *m_rate = nullptr;
  std::shared_ptr<const engine::GridSnapshot> m_snapshot;
  const void* m_shownHistory = nullptr;
  double m_scale = 1.0;
};

}  // namespace emergence::widgets
