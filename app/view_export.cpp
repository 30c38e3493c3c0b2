#include "app/view_export.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPainter>
#include <QPdfWriter>
#include <QPixmap>
#include <QSvgGenerator>
#include <QWidget>

namespace emergence::app {

QString viewExportFilter() {
  return QCoreApplication::translate(
      "ViewExport",
      "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf);;CSV data (*.csv)");
}

QString exportView(QWidget* view, const QString& path,
                   const std::function<bool(const QString&)>& csv) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == QLatin1String("csv")) {
    if (!csv || !csv(path))
      return QCoreApplication::translate("ViewExport",
                                         "could not write the data of this view to %1")
          .arg(path);
    return {};
  }
  if (suffix == QLatin1String("png")) {
    const QPixmap pixmap = view->grab();  // at the device pixel ratio
    if (!pixmap.save(path, "PNG"))
      return QCoreApplication::translate("ViewExport", "could not write %1").arg(path);
    return {};
  }
  if (suffix == QLatin1String("svg")) {
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(view->size());
    svg.setViewBox(view->rect());
    svg.setTitle(view->windowTitle());
    svg.setDescription(QCoreApplication::translate("ViewExport", "Exported from Emergence"));
    QPainter painter;
    if (!painter.begin(&svg))
      return QCoreApplication::translate("ViewExport", "could not write %1").arg(path);
    view->render(&painter, {}, {}, QWidget::DrawChildren);
    painter.end();
    return {};
  }
  if (suffix == QLatin1String("pdf")) {
    QPdfWriter pdf(path);
    pdf.setTitle(view->windowTitle());
    pdf.setCreator(QStringLiteral("Emergence"));
    pdf.setPageSize(QPageSize(QSizeF(view->width(), view->height()), QPageSize::Point));
    pdf.setPageMargins({});
    pdf.setResolution(72);
    QPainter painter;
    if (!painter.begin(&pdf))
      return QCoreApplication::translate("ViewExport", "could not write %1").arg(path);
    view->render(&painter, {}, {}, QWidget::DrawChildren);
    painter.end();
    return {};
  }
  return QCoreApplication::translate("ViewExport",
                                     "unknown format \"%1\" (use .png, .svg, .pdf or .csv)")
      .arg(suffix);
}

}  // namespace emergence::app
