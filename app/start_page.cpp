#include "app/start_page.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

#include "engine/train/hd_run_config.h"

namespace emergence::app {
namespace {
constexpr int kRoleValue = Qt::UserRole;  // preset name or run folder
}

QString StartPage::presetDescription(const QString& name) {
  if (name == QLatin1String("paper"))
    return tr("The paper's recipe exactly: AdamW at 1e-3, 500-step trials, 5000 updates (slow to "
              "leave its plateau).");
  if (name == QLatin1String("default"))
    return tr("Tuned for watching emergence live: learning rate 3e-3, trial-length curriculum, "
              "3000 updates; classes appear within minutes.");
  try {
    const engine::HdRunConfig c = engine::hdPreset(name.toStdString());
    return tr("%1 units, %2 updates of %3-step trials, learning rate %4.")
        .arg(c.model.numUnits)
        .arg(c.training.updates)
        .arg(c.task.steps)
        .arg(c.training.optimizer.learningRate);
  } catch (const std::exception&) {
    return tr("(unknown preset)");
  }
}

StartPage::StartPage(const QStringList& presets, const QStringList& recent, std::uint64_t seed,
                     QWidget* parent)
    : QDialog(parent) {
  setObjectName(QStringLiteral("startPage"));
  setWindowTitle(tr("Emergence — start"));
  auto* layout = new QVBoxLayout(this);
  auto* heading = new QLabel(tr("<h2>Emergence</h2><p>Neural networks learn neuroscience tasks while "
                                "you watch brain-like circuits emerge inside them.</p>"),
                             this);
  heading->setWordWrap(true);
  layout->addWidget(heading);

  auto* presetBox = new QGroupBox(tr("New run — head-direction lab (ring attractor)"), this);
  auto* pl = new QVBoxLayout(presetBox);
  m_presets = new QListWidget(presetBox);
  m_presets->setObjectName(QStringLiteral("presetList"));
  m_presets->setWordWrap(true);
  m_presets->setSpacing(2);
  for (const QString& name : presets) {
    auto* item = new QListWidgetItem(tr("%1 — %2").arg(name, presetDescription(name)), m_presets);
    item->setData(kRoleValue, name);
    item->setToolTip(tr("Start a new run with the preset \"%1\"").arg(name));
  }
  pl->addWidget(m_presets);
  auto* seedRow = new QHBoxLayout;
  auto* seedLabel = new QLabel(tr("Seed"), presetBox);
  m_seed = new QSpinBox(presetBox);
  m_seed->setObjectName(QStringLiteral("seed"));
  m_seed->setRange(1, 2147483647);
  m_seed->setValue(int(std::clamp<std::uint64_t>(seed, 1, 2147483647)));
  seedLabel->setBuddy(m_seed);
  seedRow->addWidget(seedLabel);
  seedRow->addWidget(m_seed);
  seedRow->addStretch(1);
  pl->addLayout(seedRow);
  layout->addWidget(presetBox, 1);

  auto* recentBox = new QGroupBox(tr("Recent runs"), this);
  auto* rl = new QVBoxLayout(recentBox);
  m_recent = new QListWidget(recentBox);
  m_recent->setObjectName(QStringLiteral("recentList"));
  m_recent->setTextElideMode(Qt::ElideMiddle);
  m_recent->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  m_recent->setSpacing(2);
  for (const QString& folder : recent) {
    const QFileInfo info(folder);
    const bool exists = QFileInfo(QDir(folder).filePath(QStringLiteral("config.json"))).isFile();
    // Two lines: the run's name, then where it is.
    auto* item = new QListWidgetItem(
        exists ? tr("%1\n    %2").arg(info.fileName(), QDir::toNativeSeparators(folder))
               : tr("%1 (missing)\n    %2").arg(info.fileName(), QDir::toNativeSeparators(folder)),
        m_recent);
    item->setData(kRoleValue, folder);
    item->setToolTip(QDir::toNativeSeparators(folder));
    if (!exists) item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
  }
  if (recent.isEmpty()) {
    auto* none = new QListWidgetItem(tr("No recent runs yet: saved and autosaved runs appear here."), m_recent);
    none->setFlags(Qt::NoItemFlags);
  }
  rl->addWidget(m_recent);
  layout->addWidget(recentBox, 1);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  QPushButton* open = buttons->addButton(tr("Open run folder…"), QDialogButtonBox::ActionRole);
  open->setObjectName(QStringLiteral("openRunFolder"));
  connect(open, &QPushButton::clicked, this, &StartPage::openFolder);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);
  connect(m_presets, &QListWidget::itemClicked, this, &StartPage::onPresetClicked);
  connect(m_presets, &QListWidget::itemActivated, this, &StartPage::onPresetClicked);
  connect(m_recent, &QListWidget::itemClicked, this, &StartPage::onRecentClicked);
  connect(m_recent, &QListWidget::itemActivated, this, &StartPage::onRecentClicked);
  resize(720, 560);
}

std::uint64_t StartPage::seed() const { return std::uint64_t(m_seed->value()); }

void StartPage::onPresetClicked(QListWidgetItem* item) {
  if (!item) return;
  const QString name = item->data(kRoleValue).toString();
  if (name.isEmpty()) return;
  emit presetChosen(name, seed());
  accept();
}

void StartPage::onRecentClicked(QListWidgetItem* item) {
  if (!item || !(item->flags() & Qt::ItemIsEnabled)) return;
  const QString folder = item->data(kRoleValue).toString();
  if (folder.isEmpty()) return;
  emit runChosen(folder);
  accept();
}

void StartPage::openFolder() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Load run folder"));
  if (dir.isEmpty()) return;
  emit runChosen(dir);
  accept();
}

}  // namespace emergence::app
