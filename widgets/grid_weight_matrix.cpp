#include "widgets/grid_weight_matrix.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "widgets/grid_view_support.h"
#include "widgets/matrix_heatmap.h"
#include "widgets/view_support.h"

namespace emergence::widgets {

using engine::SpatialClass;

GridWeightMatrixView::GridWeightMatrixView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->setSpacing(4);
  auto* top = new QHBoxLayout;
  top->addWidget(new QLabel(tr("Order:"), this));
  m_orderBox = new QComboBox(this);
  m_orderBox->setObjectName(QStringLiteral("orderBox"));
  m_orderBox->addItem(tr("Raw"));
  m_orderBox->addItem(tr("Grouped by class"));
  m_orderBox->addItem(tr("Grid units by phase"));
  m_orderBox->setCurrentIndex(int(m_order));
  top->addWidget(m_orderBox);
  top->addStretch(1);
  layout->addLayout(top);
  m_canvas = new MatrixHeatmap(this);
  layout->addWidget(m_canvas, 1);
  m_readout = new QLabel(tr("Hover a cell to read a weight"), this);
  m_readout->setObjectName(QStringLiteral("readout"));
  m_readout->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(m_readout);
  connect(m_orderBox, &QComboBox::currentIndexChanged, this, [this](int i) { setOrder(Order(i)); });
  connect(m_canvas, &MatrixHeatmap::cellHovered, this, &GridWeightMatrixView::showReadout);
  connect(m_canvas, &MatrixHeatmap::cellClicked, this, [this](int post, int pre) {
    showReadout(post, pre);
    emit unitClicked(post);
  });
}

void GridWeightMatrixView::setOrder(Order order) {
  m_order = order;
  if (m_orderBox->currentIndex() != int(order)) m_orderBox->setCurrentIndex(int(order));
  rebuild(true);
}

void GridWeightMatrixView::setPresentationScale(double scale) {
  m_scale = std::clamp(scale, 0.5, 4.0);
  QFont f = font();
  f.setPointSizeF(9 * m_scale);
  m_readout->setFont(f);
  m_orderBox->setFont(f);
  m_canvas->setScale(m_scale);
}

void GridWeightMatrixView::setSnapshot(std::shared_ptr<const engine::GridSnapshot> snapshot) {
  m_snapshot = std::move(snapshot);
  rebuild(false);
}

const std::vector<int>& GridWeightMatrixView::displayOrder() const { return m_canvas->order(); }

QRectF GridWeightMatrixView::cellRect(int row, int column) const {
  return m_canvas->cellRect(row, column).translated(m_canvas->geometry().topLeft());
}

void GridWeightMatrixView::rebuild(bool force) {
  const auto& w = m_snapshot ? m_snapshot->weights : nullptr;
  const auto& e = m_snapshot ? m_snapshot->evaluation : nullptr;
  const std::uint64_t key = (m_snapshot ? m_snapshot->runId << 44 : 0) ^
                            ((w ? w->version : 0) << 20) ^ (e ? e->version : 0);
  if (!force && key == m_key) return;
  m_key = key;
  if (!w || w->wRec.rows() == 0) {
    m_canvas->clear();
    return;
  }
  const int n = int(w->wRec.rows());
  const bool haveClasses = e && int(e->evaluation.classes.classes.size()) == n;
  std::vector<int> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  std::vector<MatrixHeatmap::Group> groups;
  std::vector<QColor> colours;
  if (haveClasses) {
    const auto& classes = e->evaluation.classes.classes;
    for (int i = 0; i < n; ++i) colours.push_back(spatialClassColor(classes[size_t(i)]));
    auto byScore = [&](std::vector<int>& units) {
      std::stable_sort(units.begin(), units.end(), [&](int a, int b) {
        const double sa = e->evaluation.scores.grid[size_t(a)].score60;
        const double sb = e->evaluation.scores.grid[size_t(b)].score60;
        if (std::isnan(sa) != std::isnan(sb)) return std::isnan(sb);
        return sa > sb;
      });
    };
    if (m_order == Order::ByClass || m_order == Order::ByPhase) {
      order.clear();
      std::vector<int> phased;
      if (m_order == Order::ByPhase && int(e->phases.order.size()) == n &&
          e->phases.orderedByPhase > 0) {
        phased.assign(e->phases.order.begin(), e->phases.order.begin() + e->phases.orderedByPhase);
        groups.push_back({0, tr("grid, by phase")});
        order = phased;
      }
      for (SpatialClass c : kSpatialClassOrder) {
        std::vector<int> units;
        for (int i = 0; i < n; ++i)
          if (classes[size_t(i)] == c && std::find(phased.begin(), phased.end(), i) == phased.end())
            units.push_back(i);
        if (units.empty()) continue;
        byScore(units);
        groups.push_back({int(order.size()), spatialClassDisplayName(c)});
        order.insert(order.end(), units.begin(), units.end());
      }
    }
  }
  // Colour limit: the 99th percentile of |W| off the diagonal — the self-connections (W_rec
  // starts as the identity in the default preset) would otherwise wash the structure out.
  std::vector<float> off;
  off.reserve(size_t(n) * size_t(n));
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i)
      if (i != j && std::isfinite(w->wRec(i, j))) off.push_back(std::abs(w->wRec(i, j)));
  double limit = 0;
  if (!off.empty()) {
    const size_t k = std::min(off.size() - 1, size_t(0.99 * double(off.size())));
    std::nth_element(off.begin(), off.begin() + long(k), off.end());
    limit = off[k];
  }
  m_canvas->setData(w->wRec, std::move(order), std::move(groups), std::move(colours), limit);
}

QString GridWeightMatrixView::describeUnit(int unit) const {
  const auto& e = m_snapshot ? m_snapshot->evaluation : nullptr;
  if (!e || unit >= int(e->evaluation.classes.classes.size())) return tr("unit %1").arg(unit);
  const double s = e->evaluation.scores.grid[size_t(unit)].score60;
  return tr("%1, score60 %2")
      .arg(spatialClassDisplayName(e->evaluation.classes.classes[size_t(unit)]))
      .arg(std::isfinite(s) ? QString::number(s, 'f', 2) : QStringLiteral("–"));
}

void GridWeightMatrixView::showReadout(int post, int pre) {
  if (!m_canvas->hasData()) return;
  const QString text = tr("W[post %1 ← pre %2] = %3   (post: %4;  pre: %5)")
                           .arg(post)
                           .arg(pre)
                           .arg(double(m_canvas->value(post, pre)), 0, 'g', 4)
                           .arg(describeUnit(post), describeUnit(pre));
  m_readout->setText(text);
  m_canvas->setToolTip(text);
}

QString GridWeightMatrixView::readout() const { return m_readout->text(); }

bool GridWeightMatrixView::exportData(const QString& csvPath) const {
  std::vector<QStringList> rows;
  if (m_canvas->hasData())
    for (int i : m_canvas->order())
      for (int j : m_canvas->order())
        rows.push_back({QString::number(i), QString::number(j), csvNumber(m_canvas->value(i, j))});
  return writeCsv(csvPath, {"post", "pre", "weight"}, rows);
}

}  // namespace emergence::widgets
