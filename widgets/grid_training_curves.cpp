#include "widgets/grid_training_curves.h"

#include <qcustomplot.h>

#include <QVBoxLayout>
#include <cmath>

#include "widgets/view_support.h"

namespace emergence::widgets {

namespace {
void setLog(QCPAxis* a) {
  auto t = QSharedPointer<QCPAxisTickerLog>::create();
  t->setLogBase(10);
  t->setSubTickCount(8);
  a->setScaleType(QCPAxis::stLogarithmic);
  a->setTicker(t);
  a->setNumberFormat(QStringLiteral("g"));
  a->setNumberPrecision(3);
}

void fitRange(QCPAxis* axis, std::initializer_list<QCPGraph*> graphs, bool log) {
  double lo = 1e300, hi = -1e300;
  for (QCPGraph* g : graphs)
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
      if (std::isfinite(it->value) && (!log || it->value > 0)) {
        lo = std::min(lo, it->value);
        hi = std::max(hi, it->value);
      }
  if (lo > hi) {
    lo = log ? 0.1 : 0;
    hi = log ? 10 : 1;
  }
  if (log)
    axis->setRange(lo / 1.4, hi * 1.4);
  else
    axis->setRange(0, std::max(hi * 1.15, 1e-6));
}
}  // namespace

GridTrainingCurvesView::GridTrainingCurvesView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  m_plot = new QCustomPlot(this);
  layout->addWidget(m_plot);
  auto* grid = m_plot->plotLayout();
  // Keep the default legend alive (stylePlot touches it) but out of the layout and hidden.
  m_plot->legend->setVisible(false);
  m_plot->axisRect()->insetLayout()->take(m_plot->legend);
  m_plot->legend->setParent(m_plot);
  grid->clear();
  m_title = new QCPTextElement(m_plot, tr("Training"));
  grid->addElement(0, 0, m_title);
  auto* group = new QCPMarginGroup(m_plot);
  for (int k = 0; k < 3; ++k) {
    m_rects[k] = new QCPAxisRect(m_plot);
    grid->addElement(k + 1, 0, m_rects[k]);
    m_rects[k]->setMarginGroup(QCP::msLeft | QCP::msRight, group);
    for (QCPAxis* a : m_rects[k]->axes()) {
      a->setLayer(QStringLiteral("axes"));
      a->grid()->setLayer(QStringLiteral("grid"));
    }
    if (k < 2) m_rects[k]->axis(QCPAxis::atBottom)->setTickLabels(false);
  }
  grid->setRowStretchFactor(0, 0.01);
  grid->setRowStretchFactor(3, 0.6);
  setLog(m_rects[0]->axis(QCPAxis::atLeft));
  setLog(m_rects[1]->axis(QCPAxis::atLeft));
  m_rects[0]->axis(QCPAxis::atLeft)->setLabel(tr("loss"));
  m_rects[1]->axis(QCPAxis::atLeft)->setLabel(tr("decoding error (cm)"));
  m_rects[2]->axis(QCPAxis::atLeft)->setLabel(tr("updates/s"));
  m_rects[2]->axis(QCPAxis::atBottom)->setLabel(tr("update"));
  for (int k = 1; k < 3; ++k)
    connect(m_rects[0]->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
            m_rects[k]->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::setRange));
  auto graph = [&](int k) {
    return m_plot->addGraph(m_rects[k]->axis(QCPAxis::atBottom), m_rects[k]->axis(QCPAxis::atLeft));
  };
  m_loss = graph(0);
  m_task = graph(0);
  m_error = graph(1);
  m_rate = graph(2);
  m_loss->setName(tr("total loss"));
  m_task->setName(tr("task (cross-entropy / MSE)"));
  auto* legend = new QCPLegend;
  m_rects[0]->insetLayout()->addElement(legend, Qt::AlignTop | Qt::AlignRight);
  legend->setLayer(QStringLiteral("legend"));
  m_loss->addToLegend(legend);
  m_task->addToLegend(legend);
  applyStyle();
}

void GridTrainingCurvesView::applyStyle() {
  stylePlot(m_plot, m_scale);
  QFont tf;
  tf.setPointSizeF(9.5 * m_scale);
  tf.setBold(true);
  m_title->setFont(tf);
  for (QCPLayoutElement* e : m_rects[0]->insetLayout()->elements(false))
    if (auto* l = qobject_cast<QCPLegend*>(e)) {
      QFont f;
      f.setPointSizeF(8 * m_scale);
      l->setFont(f);
      l->setBrush(QColor(255, 255, 255, 220));
      l->setBorderPen(QPen(QColor(0xC8, 0xC8, 0xC8)));
    }
  m_loss->setPen(QPen(QColor(0x22, 0x22, 0x22), 1.6 * m_scale));
  m_task->setPen(QPen(QColor(0x00, 0x72, 0xB2), 1.3 * m_scale));
  m_error->setPen(QPen(QColor(0xD5, 0x5E, 0x00), 1.6 * m_scale));
  m_rate->setPen(QPen(QColor(0x00, 0x9E, 0x73), 1.4 * m_scale));
}

void GridTrainingCurvesView::setPresentationScale(double scale) {
  m_scale = std::clamp(scale, 0.5, 4.0);
  applyStyle();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int GridTrainingCurvesView::pointsShown() const { return m_loss->dataCount(); }
QString GridTrainingCurvesView::titleText() const { return m_title->text(); }

void GridTrainingCurvesView::setSnapshot(std::shared_ptr<const engine::GridSnapshot> snapshot) {
  m_snapshot = std::move(snapshot);
  if (!m_snapshot) return;
  const auto& hp = m_snapshot->history;
  const double lastError = hp && !hp->empty() ? hp->back().decodingErrorCm : NAN;
  m_title->setText(tr("Update %1 · %2 updates/s · decoding error %3 cm")
                       .arg(m_snapshot->update)
                       .arg(m_snapshot->updatesPerSecond, 0, 'f', 1)
                       .arg(std::isfinite(lastError) ? QString::number(lastError, 'f', 1)
                                                     : QStringLiteral("–")));
  if (hp.get() == m_shownHistory) {
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    return;
  }
  m_shownHistory = hp.get();
  QVector<double> u, loss, task, error, rate;
  if (hp) {
    const auto& h = *hp;
    u.reserve(int(h.size()));
    double window = 0;
    for (size_t k = 0; k < h.size(); ++k) {
      const auto& r = h[k];
      u.push_back(double(r.update));
      loss.push_back(r.loss);
      task.push_back(r.task);
      error.push_back(r.decodingErrorCm);
      window += r.seconds;
      if (k >= 20) window -= h[k - 20].seconds;
      const double n = double(std::min<size_t>(k + 1, 20));
      rate.push_back(window > 0 ? n / window : 0.0);
    }
  }
  m_loss->setData(u, loss, true);
  m_task->setData(u, task, true);
  m_error->setData(u, error, true);
  m_rate->setData(u, rate, true);
  const double last = u.isEmpty() ? 10.0 : std::max(10.0, u.back());
  m_rects[0]->axis(QCPAxis::atBottom)->setRange(0, last * 1.02);
  fitRange(m_rects[0]->axis(QCPAxis::atLeft), {m_loss, m_task}, true);
  fitRange(m_rects[1]->axis(QCPAxis::atLeft), {m_error}, true);
  fitRange(m_rects[2]->axis(QCPAxis::atLeft), {m_rate}, false);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool GridTrainingCurvesView::exportData(const QString& csvPath) const {
  std::vector<QStringList> rows;
  if (m_snapshot && m_snapshot->history)
    for (const auto& r : *m_snapshot->history)
      rows.push_back({QString::number(r.update), csvNumber(r.loss), csvNumber(r.task),
                      csvNumber(r.weight), csvNumber(r.activity), csvNumber(r.decodingErrorCm),
                      csvNumber(r.gradientNorm), csvNumber(r.seconds)});
  return writeCsv(csvPath,
                  {"update", "loss", "task", "weight", "activity", "decoding_error_cm",
                   "gradient_norm", "seconds"},
                  rows);
}

}  // namespace emergence::widgets
