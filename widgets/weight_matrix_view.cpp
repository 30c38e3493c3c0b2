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
#include "widgets/matrix_heatmap.h"
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
  m_canvas = new MatrixHeatmap(this);
  layout->addWidget(m_canvas, 1);
  connect(m_canvas, &MatrixHeatmap::cellHovered, this, &WeightMatrixView::showReadout);
  connect(m_canvas, &MatrixHeatmap::cellClicked, this, [this](int post, int pre) {
    showReadout(post, pre);
    emit unitClicked(post);
  });
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
  m_canvas->setScale(m_scale);
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
  if (!w || w->wRec.rows() == 0) {
    m_canvas->clear();
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
  std::vector<MatrixHeatmap::Group> groups;
  for (size_t g = 0; g < m_groupStart.size(); ++g)
    groups.push_back({m_groupStart[g], classDisplayName(m_groupClasses[g])});
  std::vector<QColor> colours;
  if (a && int(a->classes.size()) == n)
    for (int i = 0; i < n; ++i) colours.push_back(classColor(a->classes[size_t(i)]));
  m_canvas->setData(w->wRec, m_displayOrder, std::move(groups), std::move(colours));
}

double WeightMatrixView::colourLimit() const { return m_canvas->limit(); }

QRectF WeightMatrixView::cellRect(int row, int column) const {
  return m_canvas->cellRect(row, column).translated(m_canvas->geometry().topLeft());
}

QString WeightMatrixView::describeUnit(int unit) const {
  const auto& a = m_snapshot ? m_snapshot->analysis : nullptr;
  if (!a || unit >= int(a->classes.size())) return tr("unit %1").arg(unit);
  return tr("%1, %2°").arg(classDisplayName(a->classes[unit])).arg(a->preferredDeg[unit], 0, 'f', 0);
}

void WeightMatrixView::showReadout(int post, int pre) {
  if (!m_snapshot || !m_snapshot->weights) return;
  const double v = m_snapshot->weights->wRec(post, pre);
  const QString text = tr("W[post %1 ← pre %2] = %3   (post: %4;  pre: %5)")
                           .arg(post).arg(pre).arg(v, 0, 'g', 4)
                           .arg(describeUnit(post), describeUnit(pre));
  m_readout->setText(text);
  m_canvas->setToolTip(text);
}

QString WeightMatrixView::readout() const { return m_readout->text(); }

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
