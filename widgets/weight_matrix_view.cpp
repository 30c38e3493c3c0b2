#include "widgets/weight_matrix_view.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "engine/analysis/connectivity.h"
#include "widgets/class_palette.h"
#include "widgets/view_support.h"

namespace emergence::widgets {

using engine::UnitClass;

WeightMatrixView::WeightMatrixView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->setSpacing(4);
  auto* top = new QHBoxLayout;
  top->addWidget(new QLabel(tr("Order:"), this));
  m_orderBox = new QComboBox(this);
  m_orderBox->setObjectName(QStringLiteral("orderBox"));
  m_orderBox->addItem(tr("Raw"));
  m_orderBox->addItem(tr("By preferred direction"));
  m_orderBox->addItem(tr("Grouped by class"));
  m_orderBox->setCurrentIndex(int(m_order));
  top->addWidget(m_orderBox);
  top->addStretch(1);
  layout->addLayout(top);
  m_canvas = new QWidget(this);
  m_canvas->setMouseTracking(true);
  m_canvas->setMinimumSize(160, 160);
  m_canvas->installEventFilter(this);
  m_canvas->setAttribute(Qt::WA_OpaquePaintEvent);
  layout->addWidget(m_canvas, 1);
  m_readout = new QLabel(this);
  m_readout->setObjectName(QStringLiteral("readout"));
  m_readout->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_readout->setText(tr("Hover a cell to read a weight"));
  layout->addWidget(m_readout);
  connect(m_orderBox, &QComboBox::currentIndexChanged, this,
          [this](int i) { setOrder(Order(i)); });
}

void WeightMatrixView::setOrder(Order order) {
  m_order = order;
  if (m_orderBox->currentIndex() != int(order)) m_orderBox->setCurrentIndex(int(order));
  rebuild();
  m_canvas->update();
}

void WeightMatrixView::setPresentationScale(double scale) {
  m_scale = std::clamp(scale, 0.5, 4.0);
  QFont f = font();
  f.setPointSizeF(9 * m_scale);
  m_readout->setFont(f);
  m_orderBox->setFont(f);
  m_canvas->update();
}

void WeightMatrixView::setSnapshot(std::shared_ptr<const engine::HdSnapshot> snapshot) {
  m_snapshot = std::move(snapshot);
  rebuild();
}

void WeightMatrixView::rebuild() {
  const auto& w = m_snapshot ? m_snapshot->weights : nullptr;
  const auto& a = m_snapshot ? m_snapshot->analysis : nullptr;
  const std::uint64_t wv = w ? w->version : 0, av = a ? a->version : 0;
  if (m_cacheValid && wv == m_weightsVersion && av == m_analysisVersion && m_order == m_cachedOrder)
    return;  // nothing changed: keep the cached image
  m_weightsVersion = wv;
  m_analysisVersion = av;
  m_cachedOrder = m_order;
  m_cacheValid = true;
  m_displayOrder.clear();
  m_groupStart.clear();
  m_groupClasses.clear();
  m_image = QImage();
  if (!w || w->wRec.rows() == 0) {
    m_canvas->update();
    return;
  }
  const int n = int(w->wRec.rows());
  const bool haveAnalysis = a && int(a->classes.size()) == n && a->preferredDeg.size() == n;
  if (m_order == Order::Raw || !haveAnalysis) {
    for (int i = 0; i < n; ++i) m_displayOrder.push_back(i);
  } else if (m_order == Order::ByPreferred) {
    m_displayOrder = engine::orderByPreferredHd(a->preferredDeg, a->classes);
  } else {
    const engine::GroupedOrder g = engine::groupedOrder(a->preferredDeg, a->classes, true);
    m_displayOrder = g.order;
    m_groupClasses = g.groups;
    m_groupStart.assign(g.groupStart.begin(), g.groupStart.end() - 1);
    const std::vector<int> dead = engine::unitsOfClass(a->classes, UnitClass::Dead);
    if (!dead.empty()) {
      m_groupStart.push_back(int(m_displayOrder.size()));
      m_groupClasses.push_back(UnitClass::Dead);
      m_displayOrder.insert(m_displayOrder.end(), dead.begin(), dead.end());
    }
  }
  const int m = int(m_displayOrder.size());
  double limit = 0.0;
  for (int i : m_displayOrder)
    for (int j : m_displayOrder)
      if (std::isfinite(w->wRec(i, j))) limit = std::max(limit, std::abs(double(w->wRec(i, j))));
  m_limit = limit > 0 ? limit : 1.0;
  m_image = QImage(std::max(m, 1), std::max(m, 1), QImage::Format_RGB32);
  m_image.fill(Qt::white);
  for (int r = 0; r < m; ++r) {
    auto* line = reinterpret_cast<QRgb*>(m_image.scanLine(r));
    for (int c = 0; c < m; ++c) line[c] = divergingRgb(w->wRec(m_displayOrder[r], m_displayOrder[c]), m_limit);
  }
  m_canvas->update();
}

QRectF WeightMatrixView::matrixRect() const {
  const double strip = 6 * m_scale, gap = 3 * m_scale;
  const double left = 8 * m_scale + strip + gap + 22 * m_scale;
  const double top = 6 * m_scale + strip + gap + 16 * m_scale;
  const double right = 70 * m_scale;  // colour bar
  const double bottom = 8 * m_scale;
  const double side = std::max(10.0, std::min(m_canvas->width() - left - right,
                                               m_canvas->height() - top - bottom));
  return QRectF(left, top, side, side);
}

QRectF WeightMatrixView::cellRect(int row, int column) const {
  const int m = std::max<int>(1, int(m_displayOrder.size()));
  const QRectF mr = matrixRect();
  const double cell = mr.width() / m;
  return QRectF(mr.left() + column * cell, mr.top() + row * cell, cell, cell)
      .translated(m_canvas->geometry().topLeft());
}

bool WeightMatrixView::cellAt(const QPointF& pos, int& post, int& pre) const {
  const int m = int(m_displayOrder.size());
  const QRectF mr = matrixRect();
  if (m == 0 || !mr.contains(pos)) return false;
  const int r = std::clamp(int((pos.y() - mr.top()) / mr.height() * m), 0, m - 1);
  const int c = std::clamp(int((pos.x() - mr.left()) / mr.width() * m), 0, m - 1);
  post = m_displayOrder[r];
  pre = m_displayOrder[c];
  return true;
}

QString WeightMatrixView::describeUnit(int unit) const {
  const auto& a = m_snapshot ? m_snapshot->analysis : nullptr;
  if (!a || unit >= int(a->classes.size())) return tr("unit %1").arg(unit);
  return tr("%1, %2°").arg(classDisplayName(a->classes[unit])).arg(a->preferredDeg[unit], 0, 'f', 0);
}

void WeightMatrixView::showReadout(int post, int pre) {
  const double v = m_snapshot->weights->wRec(post, pre);
  const QString text = tr("W[post %1 ← pre %2] = %3   (post: %4;  pre: %5)")
                           .arg(post).arg(pre).arg(v, 0, 'g', 4)
                           .arg(describeUnit(post), describeUnit(pre));
  m_readout->setText(text);
  m_canvas->setToolTip(text);
}

QString WeightMatrixView::readout() const { return m_readout->text(); }

bool WeightMatrixView::eventFilter(QObject* watched, QEvent* event) {
  if (watched != m_canvas) return QWidget::eventFilter(watched, event);
  switch (event->type()) {
    case QEvent::Paint:
      paintCanvas();
      return true;
    case QEvent::MouseMove: {
      int post = 0, pre = 0;
      if (cellAt(static_cast<QMouseEvent*>(event)->position(), post, pre)) showReadout(post, pre);
      return false;
    }
    case QEvent::MouseButtonPress: {
      auto* me = static_cast<QMouseEvent*>(event);
      int post = 0, pre = 0;
      if (me->button() == Qt::LeftButton && cellAt(me->position(), post, pre)) {
        showReadout(post, pre);
        emit unitClicked(post);
        return true;
      }
      return false;
    }
    default: return false;
  }
}

void WeightMatrixView::paintCanvas() {
  QPainter p(m_canvas);
  p.fillRect(m_canvas->rect(), Qt::white);
  QFont f = font();
  f.setPointSizeF(8.5 * m_scale);
  p.setFont(f);
  const QFontMetricsF fm(f);
  if (m_image.isNull() || m_displayOrder.empty()) {
    p.setPen(QColor(0x80, 0x80, 0x80));
    p.drawText(m_canvas->rect(), Qt::AlignCenter, tr("No weights yet"));
    return;
  }
  const QRectF mr = matrixRect();
  const int m = int(m_displayOrder.size());
  const double cell = mr.width() / m;
  p.setRenderHint(QPainter::SmoothPixmapTransform, false);
  p.drawImage(mr, m_image);

  // Class strips along the top (presynaptic) and the left (postsynaptic).
  const auto& a = m_snapshot->analysis;
  const double strip = 6 * m_scale, gap = 3 * m_scale;
  if (a && int(a->classes.size()) == m_snapshot->numUnits) {
    for (int k = 0; k < m; ++k) {
      const QColor c = classColor(a->classes[m_displayOrder[k]]);
      p.fillRect(QRectF(mr.left() + k * cell, mr.top() - gap - strip, cell + 0.5, strip), c);
      p.fillRect(QRectF(mr.left() - gap - strip, mr.top() + k * cell, strip, cell + 0.5), c);
    }
  }
  // Group borders.
  p.setRenderHint(QPainter::Antialiasing);
  p.setPen(QPen(QColor(0x20, 0x20, 0x20), 1.4 * m_scale));
  for (size_t g = 1; g < m_groupStart.size(); ++g) {
    const double x = mr.left() + m_groupStart[g] * cell, y = mr.top() + m_groupStart[g] * cell;
    p.drawLine(QPointF(x, mr.top()), QPointF(x, mr.bottom()));
    p.drawLine(QPointF(mr.left(), y), QPointF(mr.right(), y));
  }
  p.setPen(QPen(QColor(0x60, 0x60, 0x60), 1.0 * m_scale));
  p.setBrush(Qt::NoBrush);
  p.drawRect(mr);
  // Group names above their columns (when there is room).
  p.setPen(QColor(0x30, 0x30, 0x30));
  for (size_t g = 0; g < m_groupStart.size(); ++g) {
    const int end = g + 1 < m_groupStart.size() ? m_groupStart[g + 1] : m;
    const QRectF box(mr.left() + m_groupStart[g] * cell, mr.top() - gap - strip - fm.height() - 2,
                     (end - m_groupStart[g]) * cell, fm.height());
    const QString name = classDisplayName(m_groupClasses[g]);
    if (fm.horizontalAdvance(name) < box.width()) p.drawText(box, Qt::AlignCenter, name);
  }
  // Axis titles.
  p.drawText(QRectF(mr.left(), 2, mr.width(), fm.height()), Qt::AlignCenter,
             m_groupStart.empty() ? tr("presynaptic j →") : QString());
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

bool WeightMatrixView::exportData(const QString& csvPath) const {
  std::vector<QStringList> rows;
  if (m_snapshot && m_snapshot->weights)
    for (int i : m_displayOrder)
      for (int j : m_displayOrder)
        rows.push_back({QString::number(i), QString::number(j),
                        csvNumber(m_snapshot->weights->wRec(i, j))});
  return writeCsv(csvPath, {"post", "pre", "weight"}, rows);
}

}  // namespace emergence::widgets
