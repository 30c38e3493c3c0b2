#include "widgets/view_support.h"

#include <QFile>
#include <QTextStream>
#include <cmath>
#include <qcustomplot.h>

namespace emergence::widgets {

bool writeCsv(const QString& path, const QStringList& header,
              const std::vector<QStringList>& rows) {
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) return false;
  QTextStream out(&f);
  out << header.join(QLatin1Char(',')) << '\n';
  for (const QStringList& r : rows) out << r.join(QLatin1Char(',')) << '\n';
  out.flush();
  return f.error() == QFile::NoError;
}

QString csvNumber(double v) {
  if (std::isnan(v)) return QStringLiteral("nan");
  return QString::number(v, 'g', 9);
}

void styleAxisRect(QCPAxisRect* rect, double scale) {
  QFont tickFont;
  tickFont.setPointSizeF(8.5 * scale);
  QFont labelFont;
  labelFont.setPointSizeF(9.0 * scale);
  const QPen axisPen(QColor(0x50, 0x50, 0x50), 1.0 * scale);
  const QPen gridPen(QColor(0xE3, 0xE3, 0xE3), 1.0 * scale, Qt::SolidLine);
  for (QCPAxis* a : rect->axes()) {
    a->setTickLabelFont(tickFont);
    a->setLabelFont(labelFont);
    a->setBasePen(axisPen);
    a->setTickPen(axisPen);
    a->setSubTickPen(axisPen);
    a->setTickLengthIn(int(4 * scale));
    a->setSubTickLengthIn(int(2 * scale));
    a->setTickLabelColor(QColor(0x30, 0x30, 0x30));
    a->setLabelColor(QColor(0x20, 0x20, 0x20));
    a->grid()->setPen(gridPen);
    a->grid()->setZeroLinePen(QPen(QColor(0xB0, 0xB0, 0xB0), 1.0 * scale));
  }
}

QCPLayer* liveLayer(QCustomPlot* plot) {
  const QString name = QStringLiteral("live");
  if (QCPLayer* l = plot->layer(name)) return l;
  plot->addLayer(name, plot->layer(QStringLiteral("main")), QCustomPlot::limAbove);
  QCPLayer* l = plot->layer(name);
  l->setMode(QCPLayer::lmBuffered);
  return l;
}

void replotLive(QCustomPlot* plot, bool axesChanged) {
  QCPLayer* l = plot->layer(QStringLiteral("live"));
  if (axesChanged || !l || !plot->isVisible())
    plot->replot(QCustomPlot::rpQueuedReplot);
  else
    l->replot();  // repaints this layer's buffer, then composes the cached others
}

bool setRangeIfChanged(QCPAxis* axis, double lower, double upper) {
  const QCPRange r = axis->range();
  if (r.lower == lower && r.upper == upper) return false;
  axis->setRange(lower, upper);
  return true;
}

void stylePlot(QCustomPlot* plot, double scale) {
  plot->setBackground(Qt::white);
  plot->setAntialiasedElements(QCP::aePlottables | QCP::aeItems);
  for (QCPAxisRect* r : plot->axisRects()) styleAxisRect(r, scale);
  if (plot->legend) {
    QFont f;
    f.setPointSizeF(8.5 * scale);
    plot->legend->setFont(f);
    plot->legend->setBorderPen(QPen(QColor(0xC8, 0xC8, 0xC8)));
    plot->legend->setBrush(QColor(255, 255, 255, 220));
  }
}

double wrapDeg180(double d) {
  double r = std::fmod(d + 180.0, 360.0);
  if (r <= 0) r += 360.0;
  return r - 180.0;
}

double wrapDeg360(double d) {
  double r = std::fmod(d, 360.0);
  if (r < 0) r += 360.0;
  return r;
}

}  // namespace emergence::widgets
