#include "widgets/matrix_heatmap.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "widgets/class_palette.h"

namespace emergence::widgets {

MatrixHeatmap::MatrixHeatmap(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setMinimumSize(160, 160);
  setAttribute(Qt::WA_OpaquePaintEvent);
  m_emptyText = tr("No weights yet");
}

void MatrixHeatmap::clear() {
  m_order.clear();
  m_groups.clear();
  m_image = QImage();
  update();
}

void MatrixHeatmap::setScale(double scale) {
  m_scale = std::clamp(scale, 0.5, 4.0);
  update();
}

void MatrixHeatmap::setData(const Eigen::MatrixXf& w, std::vector<int> order,
                            std::vector<Group> groups, std::vector<QColor> unitColours,
                            double fixedLimit) {
  m_w = w;
  m_order = std::move(order);
  m_groups = std::move(groups);
  m_colours = std::move(unitColours);
  const int m = int(m_order.size());
  double limit = 0.0;
  for (int i : m_order)
    for (int j : m_order)
      if (std::isfinite(m_w(i, j))) limit = std::max(limit, std::abs(double(m_w(i, j))));
  m_limit = fixedLimit > 0 ? fixedLimit : limit > 0 ? limit : 1.0;
  m_image = QImage(std::max(m, 1), std::max(m, 1), QImage::Format_RGB32);
  m_image.fill(Qt::white);
  for (int r = 0; r < m; ++r) {
    auto* line = reinterpret_cast<QRgb*>(m_image.scanLine(r));
    for (int c = 0; c < m; ++c) line[c] = divergingRgb(m_w(m_order[r], m_order[c]), m_limit);
  }
  update();
}

QRectF MatrixHeatmap::matrixRect() const {
  const double strip = 6 * m_scale, gap = 3 * m_scale;
  const double left = 8 * m_scale + strip + gap + 22 * m_scale;
  const double top = 6 * m_scale + strip + gap + 16 * m_scale;
  const double right = 70 * m_scale;  // colour bar
  const double bottom = 8 * m_scale;
  const double side = std::max(10.0, std::min(width() - left - right, height() - top - bottom));
  return QRectF(left, top, side, side);
}

QRectF MatrixHeatmap::cellRect(int row, int column) const {
  const int m = std::max<int>(1, int(m_order.size()));
  const QRectF mr = matrixRect();
  const double cell = mr.width() / m;
  return QRectF(mr.left() + column * cell, mr.top() + row * cell, cell, cell);
}

bool MatrixHeatmap::cellAt(const QPointF& pos, int& post, int& pre) const {
  const int m = int(m_order.size());
  const QRectF mr = matrixRect();
  if (m == 0 || !mr.contains(pos)) return false;
  const int r = std::clamp(int((pos.y() - mr.top()) / mr.height() * m), 0, m - 1);
  const int c = std::clamp(int((pos.x() - mr.left()) / mr.width() * m), 0, m - 1);
  post = m_order[r];
  pre = m_order[c];
  return true;
}

void MatrixHeatmap::mouseMoveEvent(QMouseEvent* e) {
  int post = 0, pre = 0;
  if (cellAt(e->position(), post, pre)) emit cellHovered(post, pre);
}

void MatrixHeatmap::mousePressEvent(QMouseEvent* e) {
  int post = 0, pre = 0;
  if (e->button() == Qt::LeftButton && cellAt(e->position(), post, pre))
    emit cellClicked(post, pre);
}

void MatrixHeatmap::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), Qt::white);
  QFont f = font();
  f.setPointSizeF(8.5 * m_scale);
  p.setFont(f);
  const QFontMetricsF fm(f);
  if (m_image.isNull() || m_order.empty()) {
    p.setPen(QColor(0x80, 0x80, 0x80));
    p.drawText(rect(), Qt::AlignCenter, m_emptyText);
    return;
  }
  const QRectF mr = matrixRect();
  const int m = int(m_order.size());
  const double cell = mr.width() / m;
  p.setRenderHint(QPainter::SmoothPixmapTransform, false);
  p.drawImage(mr, m_image);

  // Unit strips along the top (presynaptic) and the left (postsynaptic).
  const double strip = 6 * m_scale, gap = 3 * m_scale;
  if (!m_colours.empty()) {
    for (int k = 0; k < m; ++k) {
      const int u = m_order[size_t(k)];
      if (u < 0 || u >= int(m_colours.size())) continue;
      const QColor c = m_colours[size_t(u)];
      p.fillRect(QRectF(mr.left() + k * cell, mr.top() - gap - strip, cell + 0.5, strip), c);
      p.fillRect(QRectF(mr.left() - gap - strip, mr.top() + k * cell, strip, cell + 0.5), c);
    }
  }
  // Group borders.
  p.setRenderHint(QPainter::Antialiasing);
  p.setPen(QPen(QColor(0x20, 0x20, 0x20), 1.4 * m_scale));
  for (size_t g = 1; g < m_groups.size(); ++g) {
    const double x = mr.left() + m_groups[g].start * cell, y = mr.top() + m_groups[g].start * cell;
    p.drawLine(QPointF(x, mr.top()), QPointF(x, mr.bottom()));
    p.drawLine(QPointF(mr.left(), y), QPointF(mr.right(), y));
  }
  p.setPen(QPen(QColor(0x60, 0x60, 0x60), 1.0 * m_scale));
  p.setBrush(Qt::NoBrush);
  p.drawRect(mr);
  // Group names above their columns (when there is room).
  p.setPen(QColor(0x30, 0x30, 0x30));
  for (size_t g = 0; g < m_groups.size(); ++g) {
    const int end = g + 1 < m_groups.size() ? m_groups[g + 1].start : m;
    const QRectF box(mr.left() + m_groups[g].start * cell, mr.top() - gap - strip - fm.height() - 2,
                     (end - m_groups[g].start) * cell, fm.height());
    if (fm.horizontalAdvance(m_groups[g].name) < box.width())
      p.drawText(box, Qt::AlignCenter, m_groups[g].name);
  }
  // Axis titles.
  p.drawText(QRectF(mr.left(), 2, mr.width(), fm.height()), Qt::AlignCenter,
             m_groups.empty() ? tr("presynaptic j →") : QString());
  p.save();
  p.translate(6 * m_scale + fm.ascent() * 0.2, mr.center().y());
  p.rotate(-90);
  p.drawText(QRectF(-mr.height() / 2, -2, mr.height(), fm.height()), Qt::AlignCenter,
             tr("postsynaptic i →"));
  p.restore();

  // Colour bar.
  const QRectF bar(mr.right() + 14 * m_scale, mr.top(), 12 * m_scale, mr.height());
  const int steps = 128;
  for (int k = 0; k < steps; ++k) {
    const double v = m_limit * (1.0 - 2.0 * (k + 0.5) / steps);
    p.fillRect(QRectF(bar.left(), bar.top() + k * bar.height() / steps, bar.width(),
                      bar.height() / steps + 0.5),
               QColor(divergingRgb(v, m_limit)));
  }
  p.setPen(QPen(QColor(0x60, 0x60, 0x60), 1.0));
  p.drawRect(bar);
  p.setPen(QColor(0x30, 0x30, 0x30));
  const double tx = bar.right() + 4 * m_scale;
  p.drawText(QPointF(tx, bar.top() + fm.ascent()), QStringLiteral("+%1").arg(m_limit, 0, 'g', 2));
  p.drawText(QPointF(tx, bar.center().y() + fm.ascent() / 2 - 1), QStringLiteral("0"));
  p.drawText(QPointF(tx, bar.bottom()), QStringLiteral("−%1").arg(m_limit, 0, 'g', 2));
}

}  // namespace emergence::widgets
