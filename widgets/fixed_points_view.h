#pragma once
// Fixed points of the head-direction network (head-direction.md §8), drawn from an
// engine::HdAttractorResult:
//   left   the K settled states (ω = 0, noise off) in the top 2 PCs of their rates, coloured by
//          the heading θ0 they were cued with (a closed ring when the network is a ring
//          attractor), joined in heading order; the slow points (black diamonds) on top;
//   right  the Jacobian eigenvalues of the selected slow point in the complex plane, with the
//          unit circle (whole disc, or zoomed on the eigenvalues and λ = 1); the title gives
//          |λ1| and |λ2| (largest moduli) and q = ½‖F(x) − x‖².
// Below: the ring check (winding, radius CV, largest gap, explained variance) and the slow-point
// summary. "Find slow points" emits findRequested (the app runs the search as a background job
// and calls setResult). Clicking a slow point selects it.
#include <QWidget>
#include <memory>
#include <vector>

#include "engine/analysis/hd_attractor.h"
#include "engine/runtime/hd_snapshot.h"

class QCustomPlot;
class QCPCurve;
class QCPGraph;
class QCPTextElement;
class QCheckBox;
class QLabel;
class QMouseEvent;
class QPushButton;

namespace emergence::widgets {

class FixedPointsView : public QWidget {
  Q_OBJECT
 public:
  explicit FixedPointsView(QWidget* parent = nullptr);

  // Remembers the current update (the result may be older) and enables the button once the
  // snapshot has weights.
  void setSnapshot(std::shared_ptr<const engine::HdSnapshot> snapshot);
  void setPresentationScale(double scale);
  // Long format: kind (settled | slow | eigenvalue), index, heading_deg, pc1, pc2, q,
  // lambda_index, lambda_re, lambda_im, abs_lambda (empty where it does not apply).
  bool exportData(const QString& csvPath) const;

  void setResult(std::shared_ptr<const engine::HdAttractorResult> result);
  std::shared_ptr<const engine::HdAttractorResult> result() const { return m_result; }
  // While a search runs the button is disabled and `text` is shown as status.
  void setRunning(bool running);
  void setStatusText(const QString& text);

  void selectSlowPoint(int index);  // −1 clears
  int selectedSlowPoint() const { return m_selected; }
  // Widget coordinates of a settled state / slow point in the PC plot ((−1, −1) if none).
  QPointF settledPosition(int k) const;
  QPointF slowPointPosition(int k) const;
  QString eigenTitle() const;
  QString ringSummary() const;
  int eigenvaluesShown() const;  // points in the eigenvalue plot
  QCustomPlot* pcaPlot() const { return m_pca; }
  QCustomPlot* eigenPlot() const { return m_eigen; }

  QSize sizeHint() const override { return {620, 420}; }

 signals:
  void findRequested();
  void slowPointSelected(int index);
  void unitClicked(int unit);  // common view interface; states are not units

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  void applyStyle();
  void rebuildPca();
  void rebuildEigen();
  void refreshSummary();
  void fitRanges();
  void onPcaClicked(QMouseEvent* event);
  QPointF plotToWidget(QCustomPlot* plot, double x, double y) const;

  QPushButton* m_find = nullptr;
  QLabel* m_status = nullptr;
  QCheckBox* m_zoom = nullptr;  // eigenvalue plot: zoom on the eigenvalues and λ = 1
  QLabel* m_summary = nullptr;
  QCustomPlot* m_pca = nullptr;
  QCustomPlot* m_eigen = nullptr;
  QCPTextElement* m_pcaTitle = nullptr;
  QCPTextElement* m_eigenTitle = nullptr;
  QCPCurve* m_ringLine = nullptr;             // settled states in heading order, closed
  std::vector<QCPGraph*> m_headingGraphs;     // settled states binned by heading colour
  QCPGraph* m_slow = nullptr;
  QCPGraph* m_selectedMark = nullptr;
  QCPCurve* m_unitCircle = nullptr;
  QCPGraph* m_eigenvalues = nullptr;
  QCPGraph* m_lambda1 = nullptr;
  std::shared_ptr<const engine::HdSnapshot> m_snapshot;
  std::shared_ptr<const engine::HdAttractorResult> m_result;
  int m_selected = -1;
  bool m_running = false;
  double m_scale = 1.0;
  double m_pcaExtent = 1.0, m_eigenExtent = 1.15;
  double m_pcaCx = 0, m_pcaCy = 0, m_eigenCx = 0;
};

}  // namespace emergence::widgets
