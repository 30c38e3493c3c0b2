#pragma once
// A square weight matrix as a heatmap, shared by the labs' weight-matrix views: diverging
// blue–white–red with zero = white and symmetric limits ±max|W| over the shown cells, rows and
// columns in a given display order (row = postsynaptic, column = presynaptic), optional groups
// (lines at their borders, names above), coloured unit strips along the top and the left, axis
// titles and a colour bar. The cell image (one pixel per cell) is built once per setData() and
// scaled without smoothing, so it is crisp at any device pixel ratio. Hovering a cell emits
// cellHovered, a left click cellClicked.
#include <Eigen/Core>
#include <QColor>
#include <QImage>
#include <QString>
#include <QWidget>
#include <vector>

namespace emergence::widgets {

class MatrixHeatmap : public QWidget {
  Q_OBJECT
 public:
  struct Group {
    int start = 0;  // display position of the group's first unit
    QString name;
  };

  explicit MatrixHeatmap(QWidget* parent = nullptr);

  // w: N × N in unit indexing; order: units shown, in display order; unitColours: per unit
  // (index = unit, empty = no strips). An empty order clears the matrix. limit > 0: the colour
  // scale's limit (larger weights saturate); else max |w| over the shown cells.
  void setData(const Eigen::MatrixXf& w, std::vector<int> order, std::vector<Group> groups,
               std::vector<QColor> unitColours, double limit = 0.0);
  void clear();
  void setScale(double scale);
  void setEmptyText(const QString& text) { m_emptyText = text; }

  const std::vector<int>& order() const { return m_order; }
  const std::vector<Group>& groups() const { return m_groups; }
  double limit() const { return m_limit; }
  float value(int post, int pre) const { return m_w(post, pre); }
  bool hasData() const { return !m_order.empty(); }
  QRectF matrixRect() const;                   // in this widget's coordinates
  QRectF cellRect(int row, int column) const;  // display row/column, this widget's coordinates
  bool cellAt(const QPointF& pos, int& post, int& pre) const;

 signals:
  void cellHovered(int post, int pre);
  void cellClicked(int post, int pre);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;

 private:
  Eigen::MatrixXf m_w;
  std::vector<int> m_order;
  std::vector<Group> m_groups;
  std::vector<QColor> m_colours;
  QImage m_image;
  double m_limit = 1.0, m_scale = 1.0;
  QString m_emptyText;
};

}  // namespace emergence::widgets
