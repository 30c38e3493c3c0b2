#pragma once
// Follows an engine::BackgroundJob from the GUI thread (architecture.md §2: the GUI polls, the
// worker never calls into Qt): a QTimer reads its progress and status every `pollMs` and emits
// progressChanged when they change, and ended once when the job reaches an end state. Owned by
// whoever started the job; the status-bar JobProgressWidget shows every watcher it is given.
#include <QObject>
#include <QString>
#include <QTimer>
#include <memory>

#include "engine/runtime/background_job.h"

namespace emergence::app {

class JobWatcher : public QObject {
  Q_OBJECT
 public:
  // `title` is the translated name shown to the user ("Fixed points").
  JobWatcher(std::shared_ptr<engine::BackgroundJob> job, QString title, QObject* parent = nullptr,
             int pollMs = 100);

  const std::shared_ptr<engine::BackgroundJob>& job() const { return m_job; }
  QString title() const { return m_title; }
  double progress() const { return m_progress; }
  QString status() const { return m_status; }
  bool ended() const { return m_ended; }
  engine::BackgroundJob::State state() const { return m_job->state(); }

 public slots:
  void cancel();
  void poll();  // also called by the timer

 signals:
  void progressChanged(double fraction, const QString& status);
  void finished(engine::BackgroundJob::State state);  // once; finished, cancelled or failed

 private:
  std::shared_ptr<engine::BackgroundJob> m_job;
  QString m_title, m_status;
  double m_progress = -1;
  bool m_ended = false;
  QTimer m_timer;
};

}  // namespace emergence::app
