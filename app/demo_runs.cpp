#include "app/demo_runs.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace emergence::app {
namespace {

#ifdef EMERGENCE_BUILD_DIR
// True for an executable under the build tree it was compiled in; an installed or packaged copy
// (even of the same file) must find the demo runs it ships, not the build machine's sources.
bool runsFromBuildTree() {
  const QString build = QFileInfo(QStringLiteral(EMERGENCE_BUILD_DIR)).canonicalFilePath();
  const QString exe = QFileInfo(QCoreApplication::applicationDirPath()).canonicalFilePath();
  return !build.isEmpty() && (exe == build || exe.startsWith(build + QLatin1Char('/')));
}
#endif

}  // namespace

QStringList demoSearchPath(const QString& lab) {
  QStringList dirs;
  const QString env = qEnvironmentVariable("EMERGENCE_DEMO_DIR");
  if (!env.isEmpty()) dirs << QDir(env).filePath(lab);
  dirs << QDir(QCoreApplication::applicationDirPath())
              .filePath(QStringLiteral(EMERGENCE_DEMO_FROM_BIN "/") + lab);
#if defined(EMERGENCE_SOURCE_RESOURCES) && defined(EMERGENCE_BUILD_DIR)
  if (runsFromBuildTree()) dirs << QStringLiteral(EMERGENCE_SOURCE_RESOURCES "/demo/") + lab;
#endif
  for (QString& d : dirs) d = QDir::cleanPath(d);
  return dirs;
}

QString demoRunFolder(const QString& lab) {
  for (const QString& d : demoSearchPath(lab))
    if (QFileInfo(QDir(d).filePath(QStringLiteral("config.json"))).isFile()) return d;
  return {};
}

}  // namespace emergence::app
