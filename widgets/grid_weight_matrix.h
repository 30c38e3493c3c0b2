#pragma once
// Recurrent weights of the grid-cells network as a heatmap (MatrixHeatmap): raw order, grouped
// by class (grid | border | band | other, each by decreasing score60) or with the grid units
// sorted by their spatial phase on a common lattice (engine/analysis/grid_phases.h; the other
// units follow by class), the order in which a continuous-attractor structure shows. Class
// strips along the edges; hovering a cell reads the weight; a click selects the postsynaptic
// unit. The colour scale saturates at the 99th percentile of |W| off the diagonal (the default
// preset's W_rec starts as the identity). Rebuilt only when the weights or the evaluation change.
#include <QWidget>
#include <memory>
#include <vector>

#include "engine/runtime/grid_snapshot.h"

class QComboBox;
class QLabel;

namespace emergence::widgets {

class MatrixHeatmap;

class GridWeightMatrixView : public QWidget {
  Q_OBJECT
 public:
  enum class Order { Raw = 0, ByClass = 1, ByPhase = 2 };

  explicit GridWeightMatrixView(QWidget* parent = nullptr);

  void setSnapshot(std::shared_ptr<const engine::GridSnapshot> snapshot);
  void setPresentationScale(double scale);
  bool exportData(const QString& csvPath) const;  // post, pre, weight in the shown order

  void setOrder(Order order);
  Order order() const { return m_order; }
  const std::vector<int>& displayOrder() const;
  QRectF cellRect(int row, int column) const;  // this widget's coordinates
  QString readout() const;
  QSize sizeHint() const override { return {520, 560}; }

 signals:
  void unitClicked(int unit);

 private:
  void rebuild(bool force);
  QString describeUnit(int unit) const;
  void showReadout(int post, int pre);

  QComboBox* m_orderBox = nullptr;
  QLabel* m_readout = nullptr;
  MatrixHeatmap* m_canvas = nullptr;
  std::shared_ptr<const engine::GridSnapshot> m_snapshot;
  Order m_order = Order::ByClass;
  double m_scale = 1.0;
  std::uint64_t m_key = ~0ull;
};

}  // namespace emergence::widgets
