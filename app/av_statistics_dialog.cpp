#include "app/av_statistics_dialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "app/hd_lab_bridge.h"
#include "app/job_watcher.h"
#include "app/view_export.h"
#include "engine/runtime/background_job.h"
#include "engine/runtime/hd_av_statistics.h"
#include "widgets/av_statistics_view.h"

namespace emergence::app {

using Result = std::shared_ptr<const engine::HdAvStatsResult>;

AvStatisticsDialog::AvStatisticsDialog(HdLabBridge* bridge, std::function<engine::HdRunConfig()> config,
                                       QWidget* parent)
    : QDialog(parent), m_bridge(bridge), m_config(std::move(config)) {
  setObjectName(QStringLiteral("avStatisticsDialog"));
  setWindowTitle(tr("Angular-velocity statistics: slow, normal and fast turning"));
  setModal(false);
  auto* layout = new QVBoxLayout(this);
  m_view = new widgets::AvStatisticsView(this);
  m_view->setObjectName(QStringLiteral("avStatisticsView"));
  m_view->setWindowTitle(windowTitle());
  layout->addWidget(m_view, 1);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  QPushButton* exportButton = buttons->addButton(tr("Export…"), QDialogButtonBox::ActionRole);
  exportButton->setObjectName(QStringLiteral("exportAvStatistics"));
  connect(exportButton, &QPushButton::clicked, this, &AvStatisticsDialog::exportDialog);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
  layout->addWidget(buttons);
  connect(m_view, &widgets::AvStatisticsView::startRequested, this, &AvStatisticsDialog::start);
  connect(m_view, &widgets::AvStatisticsView::cancelRequested, this, &AvStatisticsDialog::cancel);
  resize(1250, 860);
}

AvStatisticsDialog::~AvStatisticsDialog() {
  if (m_watcher) m_watcher->cancel();  // the job's destructor joins once the watcher goes
}

bool AvStatisticsDialog::running() const { return m_watcher && !m_watcher->ended(); }

void AvStatisticsDialog::showEvent(QShowEvent* event) {
  QDialog::showEvent(event);
  // The preset's own length is the default number of updates per run.
  const engine::HdRunConfig c = m_config();
  const QString key = QString::fromStdString(c.preset);
  if (!running() && key != m_defaultsFor) {
    m_defaultsFor = key;
    m_view->setUpdatesPerRun(c.training.updates);
  }
}

void AvStatisticsDialog::cancel() {
  if (running()) {
    m_watcher->cancel();
    m_view->setStatusText(tr("Stopping after the current update…"));
  }
}

void AvStatisticsDialog::start(int updatesPerRun) {
  if (running()) return;
  const engine::HdRunConfig base = m_config();
  engine::HdAvStatsConfig c;
  c.updates = updatesPerRun;
  c.threads = 1;  // the live lab keeps its cores
  if (const auto s = m_bridge->latest(); s && s->analysis) c.thresholds = s->analysis->thresholds;
  auto job = std::make_shared<engine::BackgroundJob>(
      "AV statistics", [base, c](engine::JobContext& ctx) -> std::any {
        auto partial = std::make_shared<engine::HdAvStatsResult>();
        *partial = engine::runHdAvStatistics(
            base, c, [&ctx, &c](int run, int runs, long long u, long long n) {
              ctx.setProgress((run + double(u) / double(std::max<long long>(n, 1))) / runs);
              const QString factor = QString::number(c.factors[size_t(run)], 'g', 3);
              ctx.setStatus((u < n ? tr("run %1 of %2 (AV ×%3): update %4 of %5")
                                         .arg(run + 1).arg(runs).arg(factor).arg(u).arg(n)
                                   : tr("run %1 of %2 (AV ×%3): classifying units")
                                         .arg(run + 1).arg(runs).arg(factor))
                                .toStdString());
              return !ctx.cancelled();
            });
        return Result(std::move(partial));
      });
  delete m_watcher;
  m_watcher = new JobWatcher(job, tr("AV statistics"), this, 200);
  connect(m_watcher, &JobWatcher::progressChanged, this, [this](double p, const QString& s) {
    m_view->setStatusText(tr("%1 % · %2").arg(int(std::lround(100 * p))).arg(s));
  });
  connect(m_watcher, &JobWatcher::finished, this, &AvStatisticsDialog::onFinished);
  m_view->setRunning(true);
  m_view->setStatusText(tr("Starting: %1 runs of %2 updates (preset %3, seed %4)…")
                            .arg(c.factors.size())
                            .arg(updatesPerRun)
                            .arg(QString::fromStdString(base.preset))
                            .arg(qulonglong(base.seed)));
  emit jobStarted(m_watcher);
}

void AvStatisticsDialog::onFinished() {
  m_view->setRunning(false);
  const auto& job = *m_watcher->job();
  using S = engine::BackgroundJob::State;
  if (job.state() == S::Failed) {
    m_view->setStatusText(tr("Failed: %1").arg(QString::fromStdString(job.error())));
    return;
  }
  const Result* r = job.resultAs<Result>();
  const int done = r && *r ? int((*r)->runs.size()) : 0;
  if (done > 0) m_view->setResult(*r);
  const QString secs = QString::number(job.elapsedSeconds() / 60.0, 'f', 1);
  m_view->setStatusText(job.state() == S::Cancelled
                            ? tr("Cancelled after %1 min; %2 of %3 runs complete (shown).")
                                  .arg(secs)
                                  .arg(done)
                                  .arg(engine::HdAvStatsConfig{}.factors.size())
                            : tr("Done in %1 min.").arg(secs));
}

void AvStatisticsDialog::exportDialog() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Export AV statistics"),
                                                    QStringLiteral("av_statistics.csv"), viewExportFilter());
  if (path.isEmpty()) return;
  const QString error =
      exportView(m_view, path, [this](const QString& p) { return m_view->exportData(p); });
  if (!error.isEmpty()) QMessageBox::critical(this, tr("Export failed"), error);
}

}  // namespace emergence::app
