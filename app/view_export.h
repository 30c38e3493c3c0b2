#pragma once
// Export of a view: the picture as PNG (at the device pixel ratio), SVG or PDF (vector, via the
// widget's paint code), and the data behind it as CSV (the view's own exportData).
#include <QString>
#include <functional>

class QWidget;

namespace emergence::app {

// File-dialog filter string for the export formats.
QString viewExportFilter();
// Writes `view` to `path`, the format chosen by the suffix (.png .svg .pdf .csv). `csv` is called
// for .csv. Returns an empty string on success, otherwise the reason.
QString exportView(QWidget* view, const QString& path, const std::function<bool(const QString&)>& csv);

}  // namespace emergence::app
