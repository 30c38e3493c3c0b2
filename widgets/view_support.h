#pragma once
// Small helpers shared by the views: CSV export, presentation-scaled plot styling, angles.
#include <QString>
#include <QStringList>
#include <vector>

class QCustomPlot;
class QCPAxisRect;

namespace emergence::widgets {

// Writes a header and rows as CSV (comma separated, '.' decimal point). False on an I/O error.
bool writeCsv(const QString& path, const QStringList& header,
              const std::vector<QStringList>& rows);
// Number for CSV: full precision, "nan" for NaN.
QString csvNumber(double v);

// Fonts, pens and background of a plot for a presentation scale (1 = normal).
void stylePlot(QCustomPlot* plot, double scale);
void styleAxisRect(QCPAxisRect* rect, double scale);

// Wraps degrees into (−180, 180].
double wrapDeg180(double d);
// Wraps degrees into [0, 360).
double wrapDeg360(double d);

}  // namespace emergence::widgets
