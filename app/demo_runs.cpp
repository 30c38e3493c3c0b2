#include "app/demo_runs.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace emergence::app {

QStringList demoSearchPath(const QString& lab) {
  QStringList dirs;
  const QString env = qEnvironmentVariable("EMERGENCE_DEMO_DIR");
  if (!env.isEmpty()) dirs << QDir(env).filePath(lab);
  dirs << QDir(QCoreApplication::applicationDirPath())
              .filePath(QStringLiteral("../share/emergence/demo/") + lab);
#ifdef EMERGENCE_SOURCE_RESOURCES
  dirs << QDir(QStringLiteral(EMERGENCE_SOURCE_RESOURCES)).filePath(QStringLiteral("demo/") + lab);
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
