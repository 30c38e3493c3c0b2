// The labs the shell knows: their ids, names and presets, and the factory of their windows.
#include <QCoreApplication>

#include "app/grid_lab_window.h"
#include "app/lab_window.h"
#include "app/main_window.h"
#include "app/start_page.h"
#include "engine/train/grid_run_config.h"
#include "engine/train/hd_run_config.h"

namespace emergence::app {

LabWindow* LabWindow::create(const QString& lab, bool persistLayout, QWidget* parent) {
  if (lab == QLatin1String("head_direction")) return new MainWindow(persistLayout, parent);
  if (lab == QLatin1String("grid_cells")) return new GridLabWindow(persistLayout, parent);
  return nullptr;
}

QStringList LabWindow::labIds() {
  return {QStringLiteral("head_direction"), QStringLiteral("grid_cells")};
}

QString LabWindow::labDisplayName(const QString& lab) {
  if (lab == QLatin1String("head_direction"))
    return QCoreApplication::translate("LabWindow", "Head-direction lab (ring attractor)");
  if (lab == QLatin1String("grid_cells"))
    return QCoreApplication::translate("LabWindow", "Grid-cells lab (path integration in 2-D)");
  return lab;
}

QStringList LabWindow::presetNames(const QString& lab) {
  QStringList out;
  if (lab == QLatin1String("head_direction"))
    for (const auto& n : engine::hdPresetNames()) out << QString::fromStdString(n);
  else if (lab == QLatin1String("grid_cells"))
    for (const auto& n : engine::gridPresetNames()) out << QString::fromStdString(n);
  return out;
}

QString LabWindow::presetDescription(const QString& lab, const QString& preset) {
  if (lab == QLatin1String("head_direction")) return StartPage::presetDescription(preset);
  if (lab == QLatin1String("grid_cells")) {
    const std::string d = engine::gridPresetDescription(preset.toStdString());
    if (d.empty()) return QCoreApplication::translate("LabWindow", "(unknown preset)");
    return QCoreApplication::translate("GridPreset", d.c_str());
  }
  return {};
}

}  // namespace emergence::app
