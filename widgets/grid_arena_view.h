#pragma once
// Arena view of the grid-cells lab (product.md §1.2; CW18 Fig. 1c): the arena's walls (any
// shape), the live test trajectory's trail, the true position (black) and the decoded position
// (vermillion, joined to the true one by the current error), optionally the place-cell centres;
// a strip below shows the decoding error (cm) over the trail. The header says the trial, the
// step, when the network was last re-anchored and which interventions are active; the spin box
// sets the re-anchoring interval (emits anchorChanged; 0 = never, to watch the path integration
// drift).
#include <QWidget>
#include <memory>

#include "widgets/grid_view_support.h"

class QCheckBox;
class QLabel;
class QSpinBox;

namespace emergence::widgets {

class GridArenaView : public QWidget {
  Q_OBJECT
 public:
  explicit GridArenaView(QWidget* parent = nullptr);

  void setSnapshot(std::shared_ptr<const engine::GridSnapshot> snapshot);
  void setPresentationScale(double scale);
  // The trail: step offset, true x/y, decoded x/y (m), error (cm).
  bool exportData(const QString& csvPath) const;

  void setShowPlaceCells(bool on);
  bool showPlaceCells() const { return m_showPlaceCells; }
  // Arena point (m) → this widget's coordinates (as last drawn).
  QPointF toWidget(const Eigen::Vector2d& p) const;
  QWidget* canvas() const { return m_canvas; }
  QString headerText() const;
  QSize sizeHint() const override { return {560, 600}; }

 signals:
  void unitClicked(int unit);  // common view interface; this view has no units
  void anchorChanged(int steps);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void paintCanvas();
  QRectF arenaRect() const;
  QRectF errorRect() const;

  QCheckBox* m_placeCells = nullptr;
  QSpinBox* m_anchor = nullptr;
  QLabel* m_header = nullptr;
  QWidget* m_canvas = nullptr;
  std::shared_ptr<const engine::GridSnapshot> m_snapshot;
  bool m_showPlaceCells = false;
  double m_scale = 1.0;
  ArenaTransform m_transform;
};

}  // namespace emergence::widgets
