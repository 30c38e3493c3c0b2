#pragma once
// Command line of the desktop app (product.md §2 "Command line").
#include <QString>
#include <QStringList>
#include <cstdint>
#include <optional>

namespace emergence::app {

struct AppOptions {
  QString lab = QStringLiteral("head_direction");  // or grid_cells
  bool labGiven = false;              // false: the start page opens in the lab used last
  QString preset = QStringLiteral("default");
  bool presetGiven = false;           // false: the last preset used (QSettings) wins
  std::optional<std::uint64_t> seed;  // the preset's seed when absent
  QString loadRunDir;                 // empty: start a new run
  bool fullscreen = false;            // presentation mode at start
  QString screenshotFile;             // empty: interactive
  long long screenshotAfter = 0;      // training updates before the screenshot
  int threads = 2;
  double frameRateHz = 60;  // frames/s published while running (--frame-rate)
};

struct ParsedOptions {
  AppOptions options;
  bool exitNow = false;  // --help / --version printed
  int exitCode = 0;
  QString error;         // non-empty: bad command line (exitCode 2)
};

// Parses QCoreApplication::arguments()-style lists (first entry = program name).
ParsedOptions parseAppOptions(const QStringList& arguments);

}  // namespace emergence::app
