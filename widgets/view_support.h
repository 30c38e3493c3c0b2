#pragma once
// Small helpers shared by the views: CSV export, presentation-scaled plot styling, angles.
#include <QString>
#include <QStringList>
#include <vector>

class QCustomPlot;
class QCPAxisRect;
class QCPLayer;
class QCPAxis;

namespace emergence::widgets {

// Writes a header and rows as CSV (comma separated, '.' decimal point). False on an I/O error.
bool writeCsv(const QString& path, const QStringList& header,
              const std::vector<QStringList>& rows);
// Number for CSV: full precision, "nan" for NaN.
QString csvNumber(double v);

// Fonts, pens and background of a plot for a presentation scale (1 = normal).
void stylePlot(QCustomPlot* plot, double scale);
void styleAxisRect(QCPAxisRect* rect, double scale);

// Streaming traces (updated every frame) live on their own buffered layer above "main", so a
// frame redraws only that layer's paint buffer instead of the whole plot (axes, tick labels,
// the other panels). liveLayer() creates it on first use.
QCPLayer* liveLayer(QCustomPlot* plot);
// Redraws only the live layer when `axesChanged` is false, else the whole plot (queued).
void replotLive(QCustomPlot* plot, bool axesChanged);
// Sets an axis range and says whether it changed (then tick labels must be redrawn).
bool setRangeIfChanged(QCPAxis* axis, double lower, double upper);

// Wraps degrees into (−180, 180].
double wrapDeg180(double d);
// Wraps degrees into [0, 360).
double wrapDeg360(double d);

}  // namespace emergence::widgets
