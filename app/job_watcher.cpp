#include "app/job_watcher.h"

#include <QMetaType>

namespace emergence::app {

JobWatcher::JobWatcher(std::shared_ptr<engine::BackgroundJob> job, QString title, QObject* parent,
                       int pollMs)
    : QObject(parent), m_job(std::move(job)), m_title(std::move(title)) {
  qRegisterMetaType<engine::BackgroundJob::State>();
  m_timer.setInterval(pollMs);
  connect(&m_timer, &QTimer::timeout, this, &JobWatcher::poll);
  m_timer.start();
}

void JobWatcher::cancel() {
  if (m_job) m_job->cancel();
}

void JobWatcher::poll() {
  if (m_ended || !m_job) return;
  const double p = m_job->progress();
  const QString s = QString::fromStdString(m_job->status());
  // Read the state before emitting: a job that ended is reported with its final progress.
  const bool done = m_job->done();
  if (p != m_progress || s != m_status) {
    m_progress = p;
    m_status = s;
    emit progressChanged(p, s);
  }
  if (done) {
    m_ended = true;
    m_timer.stop();
    emit finished(m_job->state());
  }
}

}  // namespace emergence::app
