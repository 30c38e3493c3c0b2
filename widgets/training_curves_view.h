#pragma once
// Training curves over updates: total loss and task MSE (log y) above, training and test
// normalised error (%, log y) below; the header shows the current update rate.
#include <QWidget>
#include <memory>

#include "engine/runtime/hd_snapshot.h"

class QCustomPlot;
class QCPAxisRect;
class QCPGraph;
class QCPTextElement;

namespace emergence::widgets {

class TrainingCurvesView : public QWidget {
  Q_OBJECT
 public:
  explicit TrainingCurvesView(QWidget* parent = nullptr);

  void setSnapshot(std::shared_ptr<const engine::HdSnapshot> snapshot);
  void setPresentationScale(double scale);
  // update, loss, task, activity, weight, train_error_pct, test_error_pct, gradient_norm.
  bool exportData(const QString& csvPath) const;
  QCustomPlot* plot() const { return m_plot; }

  QSize sizeHint() const override { return {480, 340}; }

 signals:
  void unitClicked(int unit);  // common view interface; this view has no units

 private:
  void applyStyle();
  QCustomPlot* m_plot = nullptr;
  QCPTextElement* m_title = nullptr;
  QCPAxisRect* m_lossRect = nullptr;
  QCPAxisRect* m_errorRect = nullptr;
  QCPGraph *m_loss = nullptr, *m_task = nullptr, *m_train = nullptr, *m_test = nullptr;
  std::shared_ptr<const engine::HdSnapshot> m_snapshot;
  double m_scale = 1.0;
  size_t m_shownRecords = ~size_t(0);
  long long m_shownUpdate = -1;
};

}  // namespace emergence::widgets
