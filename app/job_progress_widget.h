#pragma once
// Status-bar area for long jobs (product.md §2 "Progress"): one row per running job — its
// title and status, a progress bar and a Cancel button. A row disappears when its job ends; the
// widget hides itself when no job runs. jobEnded reports how each job ended, with the failure
// reason, so the window can say it in the status bar.
#include <QPointer>
#include <QWidget>
#include <vector>

#include "engine/runtime/background_job.h"

class QHBoxLayout;
class QLabel;
class QProgressBar;
class QPushButton;

namespace emergence::app {

class JobWatcher;

class JobProgressWidget : public QWidget {
  Q_OBJECT
 public:
  explicit JobProgressWidget(QWidget* parent = nullptr);

  // Shows `watcher` until its job ends (or the watcher is destroyed).
  void track(JobWatcher* watcher);
  int activeJobs() const { return int(m_rows.size()); }
  // Row widgets, for tests: label text, bar value in [0, 1000], the Cancel button.
  QString rowText(int row) const;
  int rowValue(int row) const;
  QPushButton* cancelButton(int row) const;

 signals:
  // message: translated summary ("Fixed points finished in 2.1 s", "… failed: <reason>").
  void jobEnded(const QString& title, engine::BackgroundJob::State state, const QString& message);

 private:
  struct Row {
    QPointer<JobWatcher> watcher;
    QWidget* box = nullptr;
    QLabel* label = nullptr;
    QProgressBar* bar = nullptr;
    QPushButton* cancel = nullptr;
  };
  void removeRow(QWidget* box);
  QHBoxLayout* m_layout = nullptr;
  std::vector<Row> m_rows;
};

}  // namespace emergence::app
