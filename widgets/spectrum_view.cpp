#include "widgets/spectrum_view.h"

#include <QVBoxLayout>
#include <cmath>
#include <numbers>
#include <qcustomplot.h>

#include "engine/analysis/spectrum.h"
#include "widgets/view_support.h"

namespace emergence::widgets {

SpectrumView::SpectrumView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  m_plot = new QCustomPlot(this);
  layout->addWidget(m_plot);
  m_plot->plotLayout()->insertRow(0);
  m_title = new QCPTextElement(m_plot, tr("Eigenvalues of W_rec"));
  m_plot->plotLayout()->addElement(0, 0, m_title);
  m_circle = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
  QVector<double> t, cx, cy;
  for (int k = 0; k <= 240; ++k) {
    const double a = 2 * std::numbers::pi * k / 240;
    t.push_back(k);
    cx.push_back(std::cos(a));
    cy.push_back(std::sin(a));
  }
  m_circle->setData(t, cx, cy);
  m_circle->setName(tr("unit circle"));
  m_initial = m_plot->addGraph();
  m_current = m_plot->addGraph();
  m_initial->setLineStyle(QCPGraph::lsNone);
  m_current->setLineStyle(QCPGraph::lsNone);
  m_initial->setName(tr("initial"));
  m_current->setName(tr("current"));
  m_plot->xAxis->setLabel(tr("Re λ"));
  m_plot->yAxis->setLabel(tr("Im λ"));
  m_plot->legend->setVisible(true);
  m_plot->legend->removeItem(0);  // no entry for the circle
  m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  applyStyle();
  fitRanges();
}

void SpectrumView::applyStyle() {
  stylePlot(m_plot, m_scale);
  QFont tf;
  tf.setPointSizeF(9.5 * m_scale);
  tf.setBold(true);
  m_title->setFont(tf);
  m_circle->setPen(QPen(QColor(0x90, 0x90, 0x90), 1.2 * m_scale, Qt::DashLine));
  m_initial->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle,
                                             QPen(QColor(0x9A, 0x9A, 0x9A), 1.2 * m_scale),
                                             Qt::NoBrush, 6.5 * m_scale));
  m_current->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(0x00, 0x72, 0xB2),
                                             QColor(0x00, 0x72, 0xB2), 6 * m_scale));
}

void SpectrumView::setPresentationScale(double scale) {
  m_scale = std::clamp(scale, 0.5, 4.0);
  applyStyle();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SpectrumView::setSnapshot(std::shared_ptr<const engine::HdSnapshot> snapshot) {
  m_snapshot = std::move(snapshot);
  const auto& w = m_snapshot ? m_snapshot->weights : nullptr;
  const std::uint64_t v = w ? w->version : 0;
  if (v == m_weightsVersion) return;
  m_weightsVersion = v;
  auto fill = [](QCPGraph* g, const Eigen::VectorXcd& ev) {
    QVector<double> re, im;
    for (Eigen::Index i = 0; i < ev.size(); ++i) {
      re.push_back(ev[i].real());
      im.push_back(ev[i].imag());
    }
    g->setData(re, im);  // sorts by real part; fine for a scatter
  };
  m_extent = 1.15;
  if (w) {
    fill(m_initial, w->eigenvaluesInitial);
    fill(m_current, w->eigenvalues);
    const double r0 = engine::spectralRadius(w->eigenvaluesInitial);
    const double r1 = engine::spectralRadius(w->eigenvalues);
    if (std::isfinite(r0)) m_extent = std::max(m_extent, r0 * 1.1);
    if (std::isfinite(r1)) m_extent = std::max(m_extent, r1 * 1.1);
    m_title->setText(tr("Eigenvalues of W_rec  ·  spectral radius %1 → %2")
                         .arg(r0, 0, 'f', 3).arg(r1, 0, 'f', 3));
  } else {
    m_initial->data()->clear();
    m_current->data()->clear();
  }
  fitRanges();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SpectrumView::fitRanges() {
  // Equal scales: the circle stays round whatever the widget's shape.
  m_plot->xAxis->setRange(-m_extent, m_extent);
  m_plot->yAxis->setRange(-m_extent, m_extent);
  const QRect r = m_plot->axisRect()->rect();
  if (r.width() > 10 && r.height() > 10) {
    if (r.width() > r.height()) m_plot->xAxis->setScaleRatio(m_plot->yAxis, 1.0);
    else m_plot->yAxis->setScaleRatio(m_plot->xAxis, 1.0);
  }
}

void SpectrumView::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  m_plot->replot(QCustomPlot::rpImmediateRefresh);  // lay out first, so the axis rect is sized
  fitRanges();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool SpectrumView::exportData(const QString& csvPath) const {
  std::vector<QStringList> rows;
  const auto& w = m_snapshot ? m_snapshot->weights : nullptr;
  if (w) {
    for (Eigen::Index i = 0; i < w->eigenvaluesInitial.size(); ++i)
      rows.push_back({QStringLiteral("initial"), csvNumber(w->eigenvaluesInitial[i].real()),
                      csvNumber(w->eigenvaluesInitial[i].imag())});
    for (Eigen::Index i = 0; i < w->eigenvalues.size(); ++i)
      rows.push_back({QStringLiteral("current"), csvNumber(w->eigenvalues[i].real()),
                      csvNumber(w->eigenvalues[i].imag())});
  }
  return writeCsv(csvPath, {"which", "real", "imag"}, rows);
}

}  // namespace emergence::widgets
