#include "app/job_progress_widget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <cmath>

#include "app/job_watcher.h"

namespace emergence::app {

JobProgressWidget::JobProgressWidget(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("jobProgress"));
  m_layout = new QHBoxLayout(this);
  m_layout->setContentsMargins(0, 0, 0, 0);
  m_layout->setSpacing(12);
  hide();
}

void JobProgressWidget::track(JobWatcher* watcher) {
  if (!watcher || watcher->ended()) return;
  Row row;
  row.watcher = watcher;
  row.box = new QWidget(this);
  row.box->setObjectName(QStringLiteral("jobRow"));
  auto* h = new QHBoxLayout(row.box);
  h->setContentsMargins(0, 0, 0, 0);
  h->setSpacing(4);
  row.label = new QLabel(watcher->title(), row.box);
  row.bar = new QProgressBar(row.box);
  row.bar->setRange(0, 1000);
  row.bar->setValue(0);
  row.bar->setFixedWidth(110);
  row.bar->setMaximumHeight(16);
  row.bar->setTextVisible(true);
  row.bar->setFormat(QStringLiteral("%p %"));
  row.cancel = new QPushButton(tr("Cancel"), row.box);
  row.cancel->setToolTip(tr("Stop %1").arg(watcher->title()));
  row.cancel->setFocusPolicy(Qt::NoFocus);
  h->addWidget(row.label);
  h->addWidget(row.bar);
  h->addWidget(row.cancel);
  m_layout->addWidget(row.box);
  QWidget* box = row.box;
  QLabel* label = row.label;
  QProgressBar* bar = row.bar;
  connect(row.cancel, &QPushButton::clicked, watcher, [watcher, label] {
    watcher->cancel();
    label->setText(tr("%1: stopping…").arg(watcher->title()));
  });
  connect(watcher, &JobWatcher::progressChanged, box, [watcher, label, bar](double p, const QString& s) {
    bar->setValue(int(std::lround(p * 1000)));
    if (!watcher->job()->cancelRequested())
      label->setText(s.isEmpty() ? watcher->title() : tr("%1: %2").arg(watcher->title(), s));
  });
  connect(watcher, &JobWatcher::finished, box, [this, watcher, box](engine::BackgroundJob::State st) {
    using S = engine::BackgroundJob::State;
    const auto& job = *watcher->job();
    const QString secs = QString::number(job.elapsedSeconds(), 'f', 1);
    QString message;
    switch (st) {
      case S::Finished: message = tr("%1 finished in %2 s").arg(watcher->title(), secs); break;
      case S::Cancelled: message = tr("%1 cancelled after %2 s").arg(watcher->title(), secs); break;
      case S::Failed:
        message = tr("%1 failed: %2").arg(watcher->title(), QString::fromStdString(job.error()));
        break;
      case S::Running: break;
    }
    const QString title = watcher->title();
    removeRow(box);
    emit jobEnded(title, st, message);
  });
  connect(watcher, &QObject::destroyed, box, [this, box] { removeRow(box); });
  m_rows.push_back(row);
  show();
  watcher->poll();  // show the current progress at once
}

void JobProgressWidget::removeRow(QWidget* box) {
  for (auto it = m_rows.begin(); it != m_rows.end(); ++it)
    if (it->box == box) {
      m_rows.erase(it);
      box->hide();
      box->deleteLater();
      break;
    }
  if (m_rows.empty()) hide();
}

QString JobProgressWidget::rowText(int row) const {
  return row >= 0 && row < activeJobs() ? m_rows[size_t(row)].label->text() : QString();
}

int JobProgressWidget::rowValue(int row) const {
  return row >= 0 && row < activeJobs() ? m_rows[size_t(row)].bar->value() : -1;
}

QPushButton* JobProgressWidget::cancelButton(int row) const {
  return row >= 0 && row < activeJobs() ? m_rows[size_t(row)].cancel : nullptr;
}

}  // namespace emergence::app
