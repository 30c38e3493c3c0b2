// The Emergence desktop application: parses the command line, opens the lab's window and starts
// training; with no --preset, --load or --screenshot it shows the start page instead (in the
// lab used last, or --lab).
// `--screenshot FILE --after N` saves the main window after N training updates and exits (0 on
// success, 1 on a load/training failure) — used by the end-to-end tests under Xvfb.
#include <QApplication>
#include <QIcon>
#include <QMessageBox>
#include <QPixmap>
#include <QTimer>
#include <chrono>
#include <cstdio>

#include "app/app_options.h"
#include "app/lab_window.h"
#include "app/translations.h"
#include "engine/train/grid_run_folder.h"

using emergence::app::AppOptions;
using emergence::app::LabWindow;

namespace {

void printError(const QString& message) {
  std::fprintf(stderr, "emergence: %s\n", qPrintable(message));
}

// Waits for `after` updates, lets the views repaint, grabs the window and quits.
void armScreenshot(LabWindow* window, const AppOptions& o) {
  auto* bridge = window->labBridge();
  auto taken = std::make_shared<bool>(false);
  // Watchdog: a screenshot run never hangs a test suite.
  QTimer::singleShot(std::chrono::minutes(6), window, [taken, o] {
    if (*taken) return;
    printError(QObject::tr("no screenshot after 6 minutes (waiting for update %1)")
                   .arg(o.screenshotAfter));
    QApplication::exit(3);
  });
  QObject::connect(
      bridge, &emergence::app::LabBridge::frameDelivered, window, [window, o, taken, bridge] {
        if (*taken) return;
        const auto f = bridge->frame();
        if (f.state == emergence::engine::RunState::Failed) {
          *taken = true;
          printError(QObject::tr("training failed: %1").arg(f.message));
          QTimer::singleShot(0, window, [] { QApplication::exit(1); });
          return;
        }
        if (f.update < o.screenshotAfter) return;
        *taken = true;
        // A few frames later, so every view has drawn the snapshot that reached N.
        QTimer::singleShot(600, window, [window, o, bridge] {
          const QPixmap shot = window->grab();
          if (!shot.save(o.screenshotFile)) {
            printError(QObject::tr("cannot write screenshot %1").arg(o.screenshotFile));
            QApplication::exit(1);
            return;
          }
          const auto lat = bridge->latency();
          std::printf(
              "emergence: screenshot %s (%dx%d) of the %s at update %lld; %.1f updates/s; %.0f fps; "
              "%lld frames; "
              "command→frame latency last %.1f ms / %d frame(s), mean %.1f ms, max %.1f ms / %d "
              "frame(s) over %d commands; views: %s\n",
              qPrintable(o.screenshotFile), shot.width(), shot.height(),
              qPrintable(window->labId()), bridge->frame().update, bridge->frame().updatesPerSecond,
              bridge->framesPerSecond(),
              bridge->framesDelivered(), lat.lastMs, lat.lastFrames, lat.meanMs, lat.maxMs,
              lat.maxFrames, lat.samples,
              qPrintable(window->visibleViewTitles().join(QStringLiteral(", "))));
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
    wanted = wanted || args.back() == QLatin1String("-h") ||
             args.back() == QLatin1String("--help") || args.back() == QLatin1String("--help-all") ||
             args.back() == QLatin1String("-v") || args.back() == QLatin1String("--version");
  }
  if (!wanted) return false;
  QCoreApplication core(argc, argv);
  emergence::app::installTranslations(core);
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
  // The installed desktop entry and icon (packaging/) share this id; the SVG compiled into the
  // executable stands in when the icon theme does not have it (a build-tree run).
  QGuiApplication::setDesktopFileName(QStringLiteral("org.emergencelab.Emergence"));
  QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("org.emergencelab.Emergence"),
                                               QIcon(QStringLiteral(":/icons/emergence.svg"))));
  emergence::app::installTranslations(app);

  const auto parsed = emergence::app::parseAppOptions(QApplication::arguments());
  if (parsed.exitNow) {
    if (!parsed.error.isEmpty()) printError(parsed.error + QObject::tr(" (see --help)"));
    return parsed.exitCode;
  }
  const AppOptions& o = parsed.options;
  const bool screenshotRun = !o.screenshotFile.isEmpty();
  const bool interactiveStart = !o.presetGiven && o.loadRunDir.isEmpty() && !screenshotRun;

  // The lab: --lab; else the lab of the --load folder; else (start page only) the one used last.
  QString lab = o.labGiven || !interactiveStart ? o.lab : LabWindow::lastLab();
  if (!o.labGiven && !o.loadRunDir.isEmpty()) {
    try {
      const QString of =
          QString::fromStdString(emergence::engine::runFolderLab(o.loadRunDir.toStdString()));
      if (LabWindow::labIds().contains(of)) lab = of;
    } catch (const std::exception&) {
      // unreadable: loadRun below reports it with file, field and reason
    }
  }
  emergence::app::LabBridge::setFrameRateHz(o.frameRateHz);
  // Heap-allocated: switching labs replaces (and deletes) the window.
  LabWindow* window = LabWindow::create(lab, /*persistLayout=*/!screenshotRun);
  window->setAttribute(Qt::WA_DeleteOnClose);
  window->setTrainingThreads(o.threads);
  if (screenshotRun) armScreenshot(window, o);

  // No --preset, --load or --screenshot: the start page chooses what to open.
  if (interactiveStart) {
    if (o.fullscreen)
      window->setPresentationMode(true);
    else
      window->show();
    window->showStartPage(/*atLaunch=*/true, LabWindow::lastPreset(lab), o.seed.value_or(0));
    return QApplication::exec();
  }

  bool started = false;
  if (!o.loadRunDir.isEmpty()) {
    const QString error = window->loadRun(o.loadRunDir, o.threads);
    if (!error.isEmpty()) {
      printError(error);
      if (screenshotRun) {
        delete window;
        return 1;
      }
      QMessageBox::critical(nullptr, QObject::tr("Cannot load run"), error);
    } else {
      started = true;
    }
  }
  if (!started) {
    // A failed --load without --preset: the last preset used.
    const QString preset = !o.presetGiven && !screenshotRun ? LabWindow::lastPreset(lab) : o.preset;
    window->startPreset(preset, o.seed.value_or(0));
  }
  if (o.fullscreen)
    window->setPresentationMode(true);
  else
    window->show();
  return QApplication::exec();
}
