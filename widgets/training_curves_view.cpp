#include "widgets/training_curves_view.h"

#include <QVBoxLayout>
#include <cmath>
#include <qcustomplot.h>

#include "widgets/view_support.h"

namespace emergence::widgets {

namespace {
QSharedPointer<QCPAxisTickerLog> logTicker() {
  auto t = QSharedPointer<QCPAxisTickerLog>::create();
  t->setLogBase(10);
  t->setSubTickCount(8);
  return t;
}

void setLog(QCPAxis* a) {
  a->setScaleType(QCPAxis::stLogarithmic);
  a->setTicker(logTicker());
  a->setNumberFormat(QStringLiteral("gb"));
  a->setNumberPrecision(0);
}

// Log range around the finite positive values of the given graphs.
void fitLogRange(QCPAxis* axis, std::initializer_list<QCPGraph*> graphs) {
  double lo = 1e300, hi = -1e300;
  for (QCPGraph* g : graphs)
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
      if (std::isfinite(it->value) && it->value > 0) {
        lo = std::min(lo, it->value);
        hi = std::max(hi, it->value);
      }
  if (lo > hi) { lo = 0.1; hi = 10; }
  axis->setRange(lo / 1.6, hi * 1.6);
}
}  // namespace

TrainingCurvesView::TrainingCurvesView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  m_plot = new QCustomPlot(this);
  layout->addWidget(m_plot);
  m_plot->plotLayout()->insertRow(0);
  m_title = new QCPTextElement(m_plot, tr("Training"));
  m_plot->plotLayout()->addElement(0, 0, m_title);
  m_lossRect = m_plot->axisRect();
  m_errorRect = new QCPAxisRect(m_plot);
  m_plot->plotLayout()->addElement(2, 0, m_errorRect);
  auto* group = new QCPMarginGroup(m_plot);
  m_lossRect->setMarginGroup(QCP::msLeft | QCP::msRight, group);
  m_errorRect->setMarginGroup(QCP::msLeft | QCP::msRight, group);
  for (QCPAxis* a : m_errorRect->axes()) a->setLayer(QStringLiteral("axes"));
  for (QCPAxis* a : m_errorRect->axes()) a->grid()->setLayer(QStringLiteral("grid"));

  auto x1 = m_lossRect->axis(QCPAxis::atBottom), y1 = m_lossRect->axis(QCPAxis::atLeft);
  auto x2 = m_errorRect->axis(QCPAxis::atBottom), y2 = m_errorRect->axis(QCPAxis::atLeft);
  setLog(y1);
  setLog(y2);
  y1->setLabel(tr("loss"));
  y2->setLabel(tr("normalised error (%)"));
  x2->setLabel(tr("update"));
  x1->setTickLabels(false);
  connect(x1, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), x2,
          qOverload<const QCPRange&>(&QCPAxis::setRange));

  m_loss = m_plot->addGraph(x1, y1);
  m_task = m_plot->addGraph(x1, y1);
  m_train = m_plot->addGraph(x2, y2);
  m_test = m_plot->addGraph(x2, y2);
  m_loss->setName(tr("total loss"));
  m_task->setName(tr("task MSE"));
  m_train->setName(tr("training error"));
  m_test->setName(tr("test error"));

  m_plot->legend->setVisible(true);
  m_lossRect->insetLayout()->addElement(m_plot->legend, Qt::AlignTop | Qt::AlignRight);
  // A second legend for the error panel.
  auto* legend2 = new QCPLegend;
  m_errorRect->insetLayout()->addElement(legend2, Qt::AlignTop | Qt::AlignRight);
  legend2->setLayer(QStringLiteral("legend"));
  m_plot->legend->removeItem(m_plot->legend->itemCount() - 1);
  m_plot->legend->removeItem(m_plot->legend->itemCount() - 1);
  m_train->addToLegend(legend2);
  m_test->addToLegend(legend2);
  applyStyle();
}

void TrainingCurvesView::applyStyle() {
  stylePlot(m_plot, m_scale);
  QFont tf;
  tf.setPointSizeF(9.5 * m_scale);
  tf.setBold(true);
  m_title->setFont(tf);
  for (QCPLayoutElement* e : m_errorRect->insetLayout()->elements(false))
    if (auto* l = qobject_cast<QCPLegend*>(e)) {
      l->setFont(m_plot->legend->font());
      l->setBorderPen(m_plot->legend->borderPen());
      l->setBrush(m_plot->legend->brush());
    }
  m_loss->setPen(QPen(QColor(0x22, 0x22, 0x22), 1.6 * m_scale));
  m_task->setPen(QPen(QColor(0x00, 0x72, 0xB2), 1.3 * m_scale));
  m_train->setPen(QPen(QColor(0xE6, 0x9F, 0x00), 1.4 * m_scale));
  m_test->setPen(QPen(QColor(0xD5, 0x5E, 0x00), 2.0 * m_scale));
  m_test->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(0xD5, 0x5E, 0x00),
                                          Qt::white, 5 * m_scale));
}

void TrainingCurvesView::setPresentationScale(double scale) {
  m_scale = std::clamp(scale, 0.5, 4.0);
  applyStyle();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingCurvesView::setSnapshot(std::shared_ptr<const engine::HdSnapshot> snapshot) {
  m_snapshot = std::move(snapshot);
  if (!m_snapshot) return;
  const auto& h = m_snapshot->history;
  // The curves change once per update, not per frame: redraw only then.
  if (h.size() == m_shownRecords && m_snapshot->update == m_shownUpdate) return;
  m_shownUpdate = m_snapshot->update;
  m_title->setText(tr("Update %1  ·  %2 updates/s").arg(m_snapshot->update)
                       .arg(m_snapshot->updatesPerSecond, 0, 'f', 1));
  if (h.size() == m_shownRecords) {
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    return;
  }
  m_shownRecords = h.size();
  QVector<double> u, loss, task, train, tu, test;
  u.reserve(int(h.size()));
  for (const auto& r : h) {
    u.push_back(double(r.update));
    loss.push_back(r.loss);
    task.push_back(r.task);
    train.push_back(r.trainError);
    if (std::isfinite(r.testError)) {
      tu.push_back(double(r.update));
      test.push_back(r.testError);
    }
  }
  m_loss->setData(u, loss, true);
  m_task->setData(u, task, true);
  m_train->setData(u, train, true);
  m_test->setData(tu, test, true);
  const double last = h.empty() ? 10.0 : std::max<double>(10.0, double(h.back().update));
  m_lossRect->axis(QCPAxis::atBottom)->setRange(0, last * 1.02);
  fitLogRange(m_lossRect->axis(QCPAxis::atLeft), {m_loss, m_task});
  fitLogRange(m_errorRect->axis(QCPAxis::atLeft), {m_train, m_test});
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool TrainingCurvesView::exportData(const QString& csvPath) const {
  std::vector<QStringList> rows;
  if (m_snapshot)
    for (const auto& r : m_snapshot->history)
      rows.push_back({QString::number(r.update), csvNumber(r.loss), csvNumber(r.task),
                      csvNumber(r.activity), csvNumber(r.weight), csvNumber(r.trainError),
                      csvNumber(r.testError), csvNumber(r.gradientNorm)});
  return writeCsv(csvPath,
                  {"update", "loss", "task", "activity", "weight", "train_error_pct",
                   "test_error_pct", "gradient_norm"},
                  rows);
}

}  // namespace emergence::widgets
