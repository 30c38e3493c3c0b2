#pragma once
// Autosave of the current run (product.md §2 "Runs"): every N minutes (5 by default; 1–240;
// switchable off in Edit → Preferences) the run is saved into
//   QStandardPaths::AppDataLocation/runs/<preset>-seed<N>-<yyyyMMdd-HHmmss of the run's start>
// through the engine's Save command, so the engine thread writes the folder (atomically, see
// hd_run_folder.h, grid_run_folder.h) and the GUI never waits. Works for every lab (LabBridge). A save is skipped when no update happened since the
// last one. The folder becomes a recent run once written; failures name the file and reason.
#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>
#include <cstdint>
#include <memory>

#include "engine/train/hd_run_config.h"

namespace emergence::app {

class LabBridge;

class Autosaver : public QObject {
  Q_OBJECT
 public:
  explicit Autosaver(LabBridge* bridge, QObject* parent = nullptr);

  static QString defaultRoot();  // AppDataLocation/runs
  // "<name>-seed<N>-<yyyyMMdd-HHmmss>" (name: the preset, with a lab prefix for labs other than
  // the head-direction lab, e.g. "grid_cells-default")
  static QString folderName(const QString& name, std::uint64_t seed, const QDateTime& started);
  static QString folderName(const engine::HdRunConfig& config, const QDateTime& started);

  void setRoot(const QString& root) { m_root = root; }
  QString root() const { return m_root; }
  bool enabled() const { return m_enabled; }
  void setEnabled(bool on);
  int intervalMinutes() const { return m_minutes; }
  void setIntervalMinutes(int minutes);  // clamped to [1, 240]
  void setIntervalMs(int ms);            // tests: any interval
  // QSettings "autosave/enabled" (default true) and "autosave/minutes" (default 5).
  void loadSettings();
  void storeSettings() const;

  // A new run started (or was loaded): its autosaves go to a new folder.
  void beginRun(const QString& name, std::uint64_t seed,
                const QDateTime& started = QDateTime::currentDateTime());
  void beginRun(const engine::HdRunConfig& config, const QDateTime& started = QDateTime::currentDateTime());
  QString folder() const { return m_folder; }
  long long lastSavedUpdate() const { return m_lastSaved; }
  bool savePending() const { return m_pending > 0; }

  // Status-bar text and tooltip.
  QString statusText() const;
  QString statusToolTip() const;

 public slots:
  // Posts a Save command now, unless disabled, nothing changed since the last save or a save is
  // still pending; returns whether one was posted.
  bool saveNow();

 signals:
  void statusChanged();
  void saved(const QString& folder, long long update);
  void failed(const QString& message);

 private:
  void onFrame();
  void restartTimer();

  LabBridge* m_bridge;
  QTimer m_timer;
  QString m_root, m_folder, m_error;
  bool m_enabled = true;
  int m_minutes = 5;
  long long m_pending = 0;         // command id of the Save in flight
  long long m_pendingUpdate = -1;  // update it saves
  long long m_lastSaved = -1;
  QDateTime m_lastSavedAt;
};

}  // namespace emergence::app
