#pragma once
// W_rec as a heatmap (row = postsynaptic, column = presynaptic), diverging blue–white–red with
// zero = white and symmetric limits ±max|W|. Orders: raw (all units by index), by preferred
// direction (dead units dropped) and grouped by class (Compass | Shifter CCW | Shifter CW | weak |
// dead, each group by preferred direction, with lines at the group borders). Class strips along
// the edges; hovering a cell shows "W[post i ← pre j] = v" in the read-out; a click selects the
// postsynaptic unit. The drawing is MatrixHeatmap's (shared with the grid-cells lab); the order
// is rebuilt only when (weights version, analysis version, order) change.
#include <QWidget>
#include <memory>
#include <vector>

#include "engine/runtime/hd_snapshot.h"

class QComboBox;
class QLabel;

namespace emergence::widgets {

class MatrixHeatmap;

class WeightMatrixView : public QWidget {
  Q_OBJECT
 public:
  enum class Order { Raw = 0, ByPreferred = 1, Grouped = 2 };

  explicit WeightMatrixView(QWidget* parent = nullptr);

  void setSnapshot(std::shared_ptr<const engine::HdSnapshot> snapshot);
  void setPresentationScale(double scale);
  // The matrix as shown (current order): post, pre, weight — one row per cell.
  bool exportData(const QString& csvPath) const;

  void setOrder(Order order);
  Order order() const { return m_order; }
  // Units in display order (rows top to bottom = columns left to right).
  const std::vector<int>& displayOrder() const { return m_displayOrder; }
  // Display position (row/column) of group borders in the grouped order.
  const std::vector<int>& groupBorders() const { return m_groupStart; }
  // Cell (display row, display column) in this widget's coordinates.
  QRectF cellRect(int row, int column) const;
  // Text of the hover read-out.
  QString readout() const;
  double colourLimit() const;

  QSize sizeHint() const override { return {520, 560}; }

 signals:
  void unitClicked(int unit);  // the postsynaptic unit of the clicked cell

 private:
  void rebuild();
  QString describeUnit(int unit) const;
  void showReadout(int post, int pre);

  QComboBox* m_orderBox = nullptr;
  QLabel* m_readout = nullptr;
  MatrixHeatmap* m_canvas = nullptr;
  std::shared_ptr<const engine::HdSnapshot> m_snapshot;
  Order m_order = Order::Grouped;
  double m_scale = 1.0;
  // Cache.
  std::uint64_t m_weightsVersion = ~0ull, m_analysisVersion = ~0ull;
  Order m_cachedOrder = Order::Raw;
  bool m_cacheValid = false;
  std::vector<int> m_displayOrder;
  std::vector<int> m_groupStart;                 // display indices where a new group starts
  std::vector<engine::UnitClass> m_groupClasses;  // class per group
};

}  // namespace emergence::widgets
