#include "widgets/connectivity_profiles_view.h"

#include <QVBoxLayout>
#include <cmath>
#include <qcustomplot.h>

#include "widgets/class_palette.h"
#include "widgets/view_support.h"

namespace emergence::widgets {

using engine::UnitClass;

namespace {
constexpr UnitClass kGroups[3] = {UnitClass::Compass, UnitClass::ShifterCcw, UnitClass::ShifterCw};
}

ConnectivityProfilesView::ConnectivityProfilesView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  m_plot = new QCustomPlot(this);
  layout->addWidget(m_plot);
  QCPLayoutGrid* grid = m_plot->plotLayout();
  // Keep the default legend alive (stylePlot touches it) but out of the layout and hidden.
  m_plot->legend->setVisible(false);
  m_plot->axisRect()->insetLayout()->take(m_plot->legend);
  m_plot->legend->setParent(m_plot);
  grid->clear();
  grid->setRowSpacing(2);
  grid->setColumnSpacing(4);
  m_message = new QCPTextElement(m_plot, QString());
  grid->addElement(0, 0, m_message);
  auto* panels = new QCPLayoutGrid;
  grid->addElement(1, 0, panels);
  grid->setRowStretchFactor(0, 0.01);
  auto* group = new QCPMarginGroup(m_plot);
  auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
  ticker->setTickStep(90);
  ticker->setScaleStrategy(QCPAxisTickerFixed::ssNone);
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) {
      Panel p;
      auto* cell = new QCPLayoutGrid;
      cell->setRowSpacing(0);
      panels->addElement(r, c, cell);
      p.title = new QCPTextElement(m_plot, tr("%1 → %2").arg(classDisplayName(kGroups[r]),
                                                            classDisplayName(kGroups[c])));
      p.title->setMargins(QMargins(0, 2, 0, 0));
      cell->addElement(0, 0, p.title);
      p.rect = new QCPAxisRect(m_plot);
      cell->addElement(1, 0, p.rect);
      cell->setRowStretchFactor(0, 0.01);
      p.rect->setMarginGroup(QCP::msLeft | QCP::msRight, group);
      for (QCPAxis* a : p.rect->axes()) {
        a->setLayer(QStringLiteral("axes"));
        a->grid()->setLayer(QStringLiteral("grid"));
      }
      QCPAxis* x = p.rect->axis(QCPAxis::atBottom);
      x->setRange(-180, 180);
      x->setTicker(ticker);
      if (r == 2) x->setLabel(tr("Δ preferred HD (°)"));
      else x->setTickLabels(false);
      if (c == 0) p.rect->axis(QCPAxis::atLeft)->setLabel(tr("weight"));
      p.lower = m_plot->addGraph(x, p.rect->axis(QCPAxis::atLeft));
      p.upper = m_plot->addGraph(x, p.rect->axis(QCPAxis::atLeft));
      p.mean = m_plot->addGraph(x, p.rect->axis(QCPAxis::atLeft));
      p.upper->setChannelFillGraph(p.lower);
      m_panels.push_back(p);
    }
  }
  applyStyle();
}

void ConnectivityProfilesView::applyStyle() {
  stylePlot(m_plot, m_scale);
  QFont tf;
  tf.setPointSizeF(8.5 * m_scale);
  tf.setBold(true);
  for (size_t k = 0; k < m_panels.size(); ++k) {
    const Panel& p = m_panels[k];
    const QColor c = classColor(kGroups[k % 3]);  // colour of the postsynaptic group
    p.title->setFont(tf);
    p.title->setTextColor(QColor(0x30, 0x30, 0x30));
    p.mean->setPen(QPen(c.darker(110), 1.8 * m_scale));
    p.upper->setPen(Qt::NoPen);
    p.lower->setPen(Qt::NoPen);
    QColor fill = c;
    fill.setAlpha(60);
    p.upper->setBrush(fill);
  }
  QFont mf;
  mf.setPointSizeF(9 * m_scale);
  m_message->setFont(mf);
  m_message->setTextColor(QColor(0x80, 0x80, 0x80));
}

void ConnectivityProfilesView::setPresentationScale(double scale) {
  m_scale = std::clamp(scale, 0.5, 4.0);
  applyStyle();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ConnectivityProfilesView::setSnapshot(std::shared_ptr<const engine::HdSnapshot> snapshot) {
  m_snapshot = std::move(snapshot);
  const auto& w = m_snapshot ? m_snapshot->weights : nullptr;
  const auto& a = m_snapshot ? m_snapshot->analysis : nullptr;
  const std::uint64_t wv = w ? w->version : 0, av = a ? a->version : 0;
  if (wv == m_weightsVersion && av == m_analysisVersion) return;
  m_weightsVersion = wv;
  m_analysisVersion = av;
  recompute();
}

void ConnectivityProfilesView::recompute() {
  m_profiles.clear();
  const auto& w = m_snapshot ? m_snapshot->weights : nullptr;
  const auto& a = m_snapshot ? m_snapshot->analysis : nullptr;
  const int n = w ? int(w->wRec.rows()) : 0;
  if (w && a && n > 0 && int(a->classes.size()) == n && a->preferredDeg.size() == n) {
    m_profiles = engine::groupPairProfiles(w->wRec.cast<double>(), a->preferredDeg, a->classes);
    m_message->setText(tr("Mean ± SD of W[post ← pre] vs Δ preferred HD (update %1)")
                           .arg(a->atUpdate));
  } else {
    m_message->setText(tr("Connectivity profiles appear after the first tuning analysis"));
  }
  double lo = 1e300, hi = -1e300;
  for (size_t k = 0; k < m_panels.size(); ++k) {
    const Panel& p = m_panels[k];
    QVector<double> x, mean, up, down;
    if (k < m_profiles.size()) {
      const auto& prof = m_profiles[k];
      for (Eigen::Index i = 0; i < prof.deltaDeg.size(); ++i) {
        // Empty windows (no pair at that Δ) are skipped: the curve joins its neighbours.
        const double m = prof.mean[i];
        if (!std::isfinite(m)) continue;
        const double s = std::isfinite(prof.sd[i]) ? prof.sd[i] : 0.0;
        x.push_back(prof.deltaDeg[i]);
        mean.push_back(m);
        up.push_back(m + s);
        down.push_back(m - s);
        lo = std::min(lo, m - s);
        hi = std::max(hi, m + s);
      }
    }
    p.mean->setData(x, mean, true);
    p.upper->setData(x, up, true);
    p.lower->setData(x, down, true);
  }
  if (lo > hi) { lo = -1; hi = 1; }
  const double pad = 0.06 * std::max(hi - lo, 1e-6);
  for (const Panel& p : m_panels) p.rect->axis(QCPAxis::atLeft)->setRange(lo - pad, hi + pad);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool ConnectivityProfilesView::exportData(const QString& csvPath) const {
  std::vector<QStringList> rows;
  for (const auto& p : m_profiles)
    for (Eigen::Index i = 0; i < p.deltaDeg.size(); ++i)
      rows.push_back({QString::fromStdString(engine::toString(p.pre)),
                      QString::fromStdString(engine::toString(p.post)), csvNumber(p.deltaDeg[i]),
                      csvNumber(p.mean[i]), csvNumber(p.sd[i]), QString::number(p.count[i])});
  return writeCsv(csvPath, {"pre_class", "post_class", "delta_deg", "mean", "sd", "count"}, rows);
}

}  // namespace emergence::widgets
