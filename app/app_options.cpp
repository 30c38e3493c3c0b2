#include "app/app_options.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>

#include "engine/train/grid_run_config.h"
#include "engine/train/hd_run_config.h"

namespace emergence::app {

ParsedOptions parseAppOptions(const QStringList& arguments) {
  ParsedOptions out;
  QCommandLineParser p;
  p.setApplicationDescription(QCoreApplication::translate(
      "AppOptions", "Emergence: neural networks learn neuroscience tasks while you watch."));
  const auto helpOption = p.addHelpOption();
  const auto versionOption = p.addVersionOption();
  const QCommandLineOption lab("lab", QCoreApplication::translate("AppOptions", "Lab to open: head_direction or grid_cells."), "LAB",
                               "head_direction");
  const QCommandLineOption preset("preset", QCoreApplication::translate("AppOptions", "Preset of the lab (head_direction: paper, default; grid_cells: default, sorscher, cueva_wei)."), "NAME",
                                  "default");
  const QCommandLineOption seed("seed", QCoreApplication::translate("AppOptions", "Random seed (positive integer)."), "N");
  const QCommandLineOption load("load", QCoreApplication::translate("AppOptions", "Load a saved run folder."), "RUN_DIR");
  const QCommandLineOption fullscreen("fullscreen", QCoreApplication::translate("AppOptions", "Start in presentation mode."));
  const QCommandLineOption screenshot(
      "screenshot", QCoreApplication::translate("AppOptions", "Save a screenshot of the main window to FILE and quit."), "FILE");
  const QCommandLineOption after(
      "after", QCoreApplication::translate("AppOptions", "Training updates before the screenshot (default 0)."), "N", "0");
  const QCommandLineOption threads("threads", QCoreApplication::translate("AppOptions", "Training threads (default 2)."), "K",
                                   "2");
  const QCommandLineOption frameRate(
      "frame-rate",
      QCoreApplication::translate("AppOptions", "Frames per second the views are drawn at while running (10–120, default 60; lower leaves more CPU to training)."),
      "HZ", "60");
  p.addOptions({lab, preset, seed, load, fullscreen, screenshot, after, threads, frameRate});

  auto fail = [&](const QString& msg) {
    out.error = msg;
    out.exitCode = 2;
    out.exitNow = true;
    return out;
  };
  if (!p.parse(arguments)) return fail(p.errorText());
  if (p.isSet(helpOption)) {
    std::fputs(qPrintable(p.helpText()), stdout);
    out.exitNow = true;
    return out;
  }
  if (p.isSet(versionOption)) {
    std::printf("%s %s\n", qPrintable(QCoreApplication::applicationName()),
                qPrintable(QCoreApplication::applicationVersion()));
    out.exitNow = true;
    return out;
  }
  if (!p.positionalArguments().isEmpty())
    return fail(QCoreApplication::translate("AppOptions", "unexpected argument: %1")
                    .arg(p.positionalArguments().first()));

  AppOptions& o = out.options;
  o.lab = p.value(lab);
  o.labGiven = p.isSet(lab);
  if (o.lab != QLatin1String("head_direction") && o.lab != QLatin1String("grid_cells"))
    return fail(QCoreApplication::translate(
                    "AppOptions", "--lab: unknown or not yet available lab \"%1\" (available: head_direction, grid_cells)")
                    .arg(o.lab));
  o.preset = p.value(preset);
  o.presetGiven = p.isSet(preset);
  bool known = false;
  QStringList names;
  const std::vector<std::string> presets =
      o.lab == QLatin1String("grid_cells") ? engine::gridPresetNames() : engine::hdPresetNames();
  for (const auto& n : presets) {
    names << QString::fromStdString(n);
    known = known || o.preset == names.back();
  }
  if (!known)
    return fail(QCoreApplication::translate("AppOptions", "--preset: unknown preset \"%1\" of the lab %2 (known: %3)")
                    .arg(o.preset, o.lab, names.join(QStringLiteral(", "))));
  bool ok = true;
  if (p.isSet(seed)) {
    const qulonglong s = p.value(seed).toULongLong(&ok);
    if (!ok || s == 0)
      return fail(QCoreApplication::translate("AppOptions", "--seed: expected a positive integer, got \"%1\"")
                      .arg(p.value(seed)));
    o.seed = s;
  }
  o.loadRunDir = p.value(load);
  o.fullscreen = p.isSet(fullscreen);
  o.screenshotFile = p.value(screenshot);
  o.screenshotAfter = p.value(after).toLongLong(&ok);
  if (!ok || o.screenshotAfter < 0)
    return fail(QCoreApplication::translate("AppOptions", "--after: expected a non-negative integer, got \"%1\"")
                    .arg(p.value(after)));
  o.threads = p.value(threads).toInt(&ok);
  if (!ok || o.threads < 1 || o.threads > 256)
    return fail(QCoreApplication::translate("AppOptions", "--threads: expected an integer in [1, 256], got \"%1\"")
                    .arg(p.value(threads)));
  o.frameRateHz = p.value(frameRate).toDouble(&ok);
  if (!ok || !(o.frameRateHz >= 10 && o.frameRateHz <= 120))
    return fail(QCoreApplication::translate("AppOptions", "--frame-rate: expected a number in [10, 120], got \"%1\"")
                    .arg(p.value(frameRate)));
  return out;
}

}  // namespace emergence::app
