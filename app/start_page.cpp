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

#include "engine/train/grid_run_folder.h"
#include "engine/train/hd_run_config.h"

namespace emergence::app {
namespace {
constexpr int kRoleValue = Qt::UserRole;  // preset name or run folder

QString labOfFolder(const QString& folder) {
  try {
    const std::string lab = engine::runFolderLab(folder.toStdString());
    if (lab == "grid_cells") return StartPage::tr("grid cells");
    return StartPage::tr("head direction");
  } catch (const std::exception&) {
    return {};
  }
}
}  // namespace

QString StartPage::presetDescription(const QString& name) {
  if (name == QLatin1String("paper"))
    return tr(
        "The paper's recipe exactly: AdamW at 1e-3, 500-step trials, 5000 updates (slow to "
        "leave its plateau).");
  if (name == QLatin1String("default"))
    return tr(
        "Tuned for watching emergence live: learning rate 3e-3, trial-length curriculum, "
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
  Lab hd;
  hd.id = QStringLiteral("head_direction");
  hd.title = tr("Head-direction lab (ring attractor)");
  for (const QString& p : presets) hd.presets.push_back({p, presetDescription(p)});
  build({hd}, recent, seed);
}

StartPage::StartPage(const std::vector<Lab>& labs, const QStringList& recent, std::uint64_t seed,
                     QWidget* parent)
    : QDialog(parent) {
  build(labs, recent, seed);
}

void StartPage::build(const std::vector<Lab>& labs, const QStringList& recent, std::uint64_t seed) {
  setObjectName(QStringLiteral("startPage"));
  setWindowTitle(tr("Emergence — start"));
  auto* layout = new QVBoxLayout(this);
  auto* heading =
      new QLabel(tr("<h2>Emergence</h2><p>Neural networks learn neuroscience tasks while "
                    "you watch brain-like circuits emerge inside them.</p>"),
                 this);
  heading->setWordWrap(true);
  layout->addWidget(heading);

  auto* labRow = new QHBoxLayout;
  for (const Lab& lab : labs) {
    auto* box = new QGroupBox(tr("New run — %1").arg(lab.title), this);
    box->setObjectName(lab.id + QStringLiteral("Box"));
    auto* bl = new QVBoxLayout(box);
    auto* list = new QListWidget(box);
    list->setObjectName(labs.size() == 1 ? QStringLiteral("presetList")
                                         : lab.id + QStringLiteral("Presets"));
    list->setWordWrap(true);
    list->setSpacing(2);
    for (const Preset& p : lab.presets) {
      auto* item = new QListWidgetItem(tr("%1 — %2").arg(p.name, p.description), list);
      item->setData(kRoleValue, p.name);
      item->setToolTip(tr("Start a new run with the preset \"%1\"").arg(p.name));
    }
    bl->addWidget(list);
    const QString id = lab.id;
    connect(list, &QListWidget::itemClicked, this,
            [this, id](QListWidgetItem* i) { onPresetClicked(id, i); });
    connect(list, &QListWidget::itemActivated, this,
            [this, id](QListWidgetItem* i) { onPresetClicked(id, i); });
    if (lab.demoAvailable) {
      auto* demo =
          new QPushButton(lab.demoLabel.isEmpty() ? tr("Open demo run") : lab.demoLabel, box);
      demo->setObjectName(QStringLiteral("openDemo_") + lab.id);
      demo->setToolTip(tr("A run trained with a fixed seed whose circuits have already emerged"));
      connect(demo, &QPushButton::clicked, this, [this, id] {
        emit demoChosen(id);
        accept();
      });
      bl->addWidget(demo);
    }
    m_presets.push_back(list);
    labRow->addWidget(box);
  }
  layout->addLayout(labRow, 1);
  auto* seedRow = new QHBoxLayout;
  auto* seedLabel = new QLabel(tr("Seed"), this);
  m_seed = new QSpinBox(this);
  m_seed->setObjectName(QStringLiteral("seed"));
  m_seed->setRange(1, 2147483647);
  m_seed->setValue(int(std::clamp<std::uint64_t>(seed, 1, 2147483647)));
  seedLabel->setBuddy(m_seed);
  seedRow->addWidget(seedLabel);
  seedRow->addWidget(m_seed);
  seedRow->addStretch(1);
  layout->addLayout(seedRow);

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
    const QString lab = exists && labs.size() > 1 ? labOfFolder(folder) : QString();
    const QString name = lab.isEmpty() ? info.fileName() : tr("%1 (%2)").arg(info.fileName(), lab);
    // Two lines: the run's name, then where it is.
    auto* item = new QListWidgetItem(
        exists ? tr("%1\n    %2").arg(name, QDir::toNativeSeparators(folder))
               : tr("%1 (missing)\n    %2").arg(info.fileName(), QDir::toNativeSeparators(folder)),
        m_recent);
    item->setData(kRoleValue, folder);
    item->setToolTip(QDir::toNativeSeparators(folder));
    if (!exists) item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
  }
  if (recent.isEmpty()) {
    auto* none = new QListWidgetItem(
        tr("No recent runs yet: saved and autosaved runs appear here."), m_recent);
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
  connect(m_recent, &QListWidget::itemClicked, this, &StartPage::onRecentClicked);
  connect(m_recent, &QListWidget::itemActivated, this, &StartPage::onRecentClicked);
  resize(labs.size() > 1 ? 980 : 720, 600);
}

std::uint64_t StartPage::seed() const { return std::uint64_t(m_seed->value()); }

void StartPage::onPresetClicked(const QString& lab, QListWidgetItem* item) {
  if (!item) return;
  const QString name = item->data(kRoleValue).toString();
  if (name.isEmpty()) return;
  emit presetChosen(name, seed());
  emit labPresetChosen(lab, name, seed());
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
