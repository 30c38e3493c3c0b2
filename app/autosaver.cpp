#include "app/autosaver.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <algorithm>

#include "app/lab_bridge.h"
#include "app/recent_runs.h"

namespace emergence::app {

Autosaver::Autosaver(LabBridge* bridge, QObject* parent)
    : QObject(parent), m_bridge(bridge), m_root(defaultRoot()) {
  m_timer.setTimerType(Qt::VeryCoarseTimer);
  connect(&m_timer, &QTimer::timeout, this, &Autosaver::saveNow);
  connect(bridge, &LabBridge::frameDelivered, this, &Autosaver::onFrame);
  restartTimer();
}

QString Autosaver::defaultRoot() {
  return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
      .filePath(QStringLiteral("runs"));
}

QString Autosaver::folderName(const QString& name, std::uint64_t seed, const QDateTime& started) {
  return QStringLiteral("%1-seed%2-%3")
      .arg(name)
      .arg(qulonglong(seed))
      .arg(started.toString(QStringLiteral("yyyyMMdd-HHmmss")));
}

QString Autosaver::folderName(const engine::HdRunConfig& config, const QDateTime& started) {
  return folderName(QString::fromStdString(config.preset), config.seed, started);
}

void Autosaver::setEnabled(bool on) {
  m_enabled = on;
  restartTimer();
  emit statusChanged();
}

void Autosaver::setIntervalMinutes(int minutes) {
  m_minutes = std::clamp(minutes, 1, 240);
  m_timer.setInterval(m_minutes * 60 * 1000);
  restartTimer();
  emit statusChanged();
}

void Autosaver::setIntervalMs(int ms) {
  m_timer.setInterval(std::max(1, ms));
  restartTimer();
}

void Autosaver::restartTimer() {
  if (m_timer.interval() <= 0) m_timer.setInterval(m_minutes * 60 * 1000);
  if (m_enabled) m_timer.start();
  else m_timer.stop();
}

void Autosaver::loadSettings() {
  QSettings s;
  m_minutes = std::clamp(s.value(QStringLiteral("autosave/minutes"), 5).toInt(), 1, 240);
  m_timer.setInterval(m_minutes * 60 * 1000);
  setEnabled(s.value(QStringLiteral("autosave/enabled"), true).toBool());
}

void Autosaver::storeSettings() const {
  QSettings s;
  s.setValue(QStringLiteral("autosave/enabled"), m_enabled);
  s.setValue(QStringLiteral("autosave/minutes"), m_minutes);
}

void Autosaver::beginRun(const engine::HdRunConfig& config, const QDateTime& started) {
  beginRun(QString::fromStdString(config.preset), config.seed, started);
}

void Autosaver::beginRun(const QString& name, std::uint64_t seed, const QDateTime& started) {
  m_folder = QDir(m_root).filePath(folderName(name, seed, started));
  m_pending = 0;  // command ids restart with a new runtime
  m_pendingUpdate = m_lastSaved = -1;
  m_lastSavedAt = {};
  m_error.clear();
  restartTimer();
  emit statusChanged();
}

bool Autosaver::saveNow() {
  if (!m_enabled || m_folder.isEmpty() || m_pending > 0 || !m_bridge->hasRuntime()) return false;
  const FrameInfo s = m_bridge->frame();
  if (!s.valid || s.update == 0 || s.update == m_lastSaved) return false;
  if (!QDir().mkpath(m_root)) {
    m_error = tr("cannot create the folder %1").arg(m_root);
    emit failed(m_error);
    emit statusChanged();
    return false;
  }
  m_pendingUpdate = s.update;
  m_pending = m_bridge->postSave(m_folder.toStdString());
  emit statusChanged();
  return m_pending > 0;
}

void Autosaver::onFrame() {
  const FrameInfo s = m_bridge->frame();
  if (m_pending <= 0 || !s.valid || s.lastAppliedCommand < m_pending || !m_bridge->hasRuntime()) return;
  const long long id = m_pending;
  m_pending = 0;
  const QString error = m_bridge->commandError(id);
  if (error.isEmpty()) {
    m_error.clear();
    m_lastSaved = m_pendingUpdate;
    m_lastSavedAt = QDateTime::currentDateTime();
    RecentRuns::add(m_folder);
    emit saved(m_folder, m_lastSaved);
  } else {
    m_error = tr("autosave into %1 failed: %2").arg(m_folder, error);
    emit failed(m_error);
  }
  emit statusChanged();
}

QString Autosaver::statusText() const {
  if (!m_enabled) return tr("autosave off");
  if (m_folder.isEmpty()) return tr("autosave every %1 min").arg(m_minutes);
  QString path = m_folder;
  const QString home = QDir::homePath();
  if (path.startsWith(home + QLatin1Char('/'))) path = QStringLiteral("~") + path.mid(home.size());
  if (m_pending > 0) return tr("autosaving → %1").arg(path);
  if (!m_error.isEmpty()) return tr("autosave failed (see tooltip)");
  if (m_lastSaved >= 0)
    return tr("autosaved update %1 at %2 → %3")
        .arg(m_lastSaved)
        .arg(m_lastSavedAt.toString(QStringLiteral("HH:mm")))
        .arg(path);
  return tr("autosave every %1 min → %2").arg(m_minutes).arg(path);
}

QString Autosaver::statusToolTip() const {
  if (!m_error.isEmpty()) return m_error;
  return m_enabled ? tr("The run is saved every %1 minutes into %2 (Edit → Preferences to change)")
                         .arg(m_minutes)
                         .arg(m_folder)
                   : tr("Autosave is off (Edit → Preferences)");
}

}  // namespace emergence::app
