// The Emergence desktop application: parses the command line, opens the main window and starts
// training; with no --preset, --load or --screenshot it shows the start page instead.
// `--screenshot FILE --after N` saves the main window after N training updates and exits (0 on
// success, 1 on a load/training failure) — used by the end-to-end test under Xvfb.
#include <QApplication>
#include <QMessageBox>
#include <QPixmap>
#include <QSettings>
#include <QTimer>
#include <chrono>
#include <cstdio>

#include "app/app_options.h"
#include "app/hd_lab_bridge.h"
#include "app/main_window.h"
#include "engine/train/hd_run_config.h"

using emergence::app::AppOptions;
using emergence::app::MainWindow;

namespace {

void printError(const QString& message) {
  std::fprintf(stderr, "emergence: %s\n", qPrintable(message));
}

// Waits for `after` updates, lets the views repaint, grabs the window and quits.
void armScreenshot(QApplication& app, MainWindow& window, const AppOptions& o) {
  auto* bridge = window.bridge();
  auto taken = std::make_shared<bool>(false);
  // Watchdog: a screenshot run never hangs a test suite.
  QTimer::singleShot(std::chrono::minutes(4), &app, [taken, o] {
    if (*taken) return;
    printError(QObject::tr("no screenshot after 4 minutes (waiting for update %1)").arg(o.screenshotAfter));
    QApplication::exit(3);
  });
  QObject::connect(
      bridge, &emergence::app::HdLabBridge::snapshotChanged, &window,
      [&app, &window, o, taken, bridge](std::shared_ptr<const emergence::engine::HdSnapshot> s) {
        if (*taken) return;
        if (s->state == emergence::engine::RunState::Failed) {
          *taken = true;
          printError(QObject::tr("training failed: %1").arg(QString::fromStdString(s->message)));
          QTimer::singleShot(0, &app, [] { QApplication::exit(1); });
          return;
        }
        if (s->update < o.screenshotAfter) return;
        *taken = true;
        // A few frames later, so every view has drawn the snapshot that reached N.
        QTimer::singleShot(400, &window, [&window, o, bridge] {
          const QPixmap shot = window.grab();
          if (!shot.save(o.screenshotFile)) {
            printError(QObject::tr("cannot write screenshot %1").arg(o.screenshotFile));
            QApplication::exit(1);
            return;
          }
          const auto lat = bridge->latency();
          const auto latest = bridge->latest();
          std::printf(
              "emergence: screenshot %s (%dx%d) at update %lld; %.0f fps; %lld frames; "
              "command→frame latency last %.1f ms / %d frame(s), mean %.1f ms, max %.1f ms / %d "
              "frame(s) over %d commands\n",
              qPrintable(o.screenshotFile), shot.width(), shot.height(),
              latest ? latest->update : -1LL, bridge->framesPerSecond(), bridge->framesDelivered(),
              lat.lastMs, lat.lastFrames, lat.meanMs, lat.maxMs, lat.maxFrames, lat.samples);
          std::fflush(stdout);
          QApplication::exit(0);
        });
      });
}

// --help and --version answer without a display (a QApplication needs one).
bool answeredWithoutDisplay(int argc, char* argv[], int* exitCode) {
  QStringList args;
  bool wanted = false;
  for (int i = 0; i < argc; ++i) {
    args << QString::fromLocal8Bit(argv[i]);
    wanted = wanted || args.back() == QLatin1String("-h") || args.back() == QLatin1String("--help") ||
             args.back() == QLatin1String("--help-all") || args.back() == QLatin1String("-v") ||
             args.back() == QLatin1String("--version");
  }
  if (!wanted) return false;
  QCoreApplication core(argc, argv);
  const auto parsed = emergence::app::parseAppOptions(args);
  if (!parsed.error.isEmpty()) printError(parsed.error + QObject::tr(" (see --help)"));
  *exitCode = parsed.exitCode;
  return parsed.exitNow;
}

}  // namespace

int main(int argc, char* argv[]) {
  QCoreApplication::setOrganizationName(QStringLiteral("Emergence"));
  QCoreApplication::setApplicationName(QStringLiteral("Emergence"));
  QCoreApplication::setApplicationVersion(QStringLiteral(EMERGENCE_VERSION));
  if (int code = 0; answeredWithoutDisplay(argc, argv, &code)) return code;
  QApplication app(argc, argv);
  QApplication::setApplicationDisplayName(QStringLiteral("Emergence"));

  const auto parsed = emergence::app::parseAppOptions(QApplication::arguments());
  if (parsed.exitNow) {
    if (!parsed.error.isEmpty()) printError(parsed.error + QObject::tr(" (see --help)"));
    return parsed.exitCode;
  }
  const AppOptions& o = parsed.options;
  const bool screenshotRun = !o.screenshotFile.isEmpty();

  MainWindow window(/*persistLayout=*/!screenshotRun);
  if (screenshotRun) armScreenshot(app, window, o);

  // No --preset, --load or --screenshot: the start page chooses what to open.
  if (!o.presetGiven && o.loadRunDir.isEmpty() && !screenshotRun) {
    QString fallback = o.preset;
    const QString last = QSettings().value(QStringLiteral("lab/lastPreset")).toString();
    for (const auto& name : emergence::engine::hdPresetNames())
      if (last == QString::fromStdString(name)) fallback = last;
    window.setTrainingThreads(o.threads);
    if (o.fullscreen) window.setPresentationMode(true);
    else window.show();
    window.showStartPage(/*atLaunch=*/true, fallback, o.seed.value_or(0));
    return QApplication::exec();
  }

  bool started = false;
  if (!o.loadRunDir.isEmpty()) {
    const QString error = window.loadRun(o.loadRunDir, o.threads);
    if (!error.isEmpty()) {
      printError(error);
      if (screenshotRun) return 1;
      QMessageBox::critical(nullptr, QObject::tr("Cannot load run"), error);
    } else {
      started = true;
    }
  }
  if (!started) {
    QString preset = o.preset;
    if (!o.presetGiven && !screenshotRun) {  // a failed --load: the last preset used
      const QString last = QSettings().value(QStringLiteral("lab/lastPreset")).toString();
      for (const auto& name : emergence::engine::hdPresetNames())
        if (last == QString::fromStdString(name)) preset = last;
    }
    emergence::engine::HdRunConfig config = emergence::engine::hdPreset(preset.toStdString());
    if (o.seed) config.seed = *o.seed;
    window.startRun(config, o.threads);
  }
  if (o.fullscreen) window.setPresentationMode(true);
  else window.show();
  return QApplication::exec();
}
