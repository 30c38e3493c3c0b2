#include "app/recent_runs.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace emergence::app {
namespace {
const QString kKey = QStringLiteral("runs/recent");

QString normalised(const QString& folder) {
  return QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
}
}  // namespace

QStringList RecentRuns::list() {
  QStringList l = QSettings().value(kKey).toStringList();
  l.removeAll(QString());
  while (l.size() > kMax) l.removeLast();
  return l;
}

void RecentRuns::add(const QString& folder) {
  if (folder.isEmpty()) return;
  const QString f = normalised(folder);
  QStringList l = list();
  l.removeAll(f);
  l.prepend(f);
  while (l.size() > kMax) l.removeLast();
  QSettings().setValue(kKey, l);
}

void RecentRuns::remove(const QString& folder) {
  QStringList l = list();
  l.removeAll(normalised(folder));
  QSettings().setValue(kKey, l);
}

void RecentRuns::clear() { QSettings().remove(kKey); }

}  // namespace emergence::app
