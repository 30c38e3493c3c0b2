#pragma once
// Start page (product.md §2 "Presets"/"Runs"): shown at launch when no --preset, --load or
// --screenshot was given, and from File → New. Lists the head-direction presets with a one-line
// description each and the recent runs; one click on a preset emits presetChosen (with the seed
// in the spin box), one click on an existing recent run or "Open run folder…" emits runChosen.
// Either closes the page.
#include <QDialog>
#include <QStringList>
#include <cstdint>

class QListWidget;
class QListWidgetItem;
class QSpinBox;

namespace emergence::app {

class StartPage : public QDialog {
  Q_OBJECT
 public:
  // presets: names (engine::hdPresetNames()); recent: folders, most recent first.
  StartPage(const QStringList& presets, const QStringList& recent, std::uint64_t seed,
            QWidget* parent = nullptr);

  // One translated line about a preset (a summary of its configuration for unknown names).
  static QString presetDescription(const QString& name);

  std::uint64_t seed() const;
  QListWidget* presetList() const { return m_presets; }
  QListWidget* recentList() const { return m_recent; }

 signals:
  void presetChosen(const QString& preset, std::uint64_t seed);
  void runChosen(const QString& folder);

 private:
  void onPresetClicked(QListWidgetItem* item);
  void onRecentClicked(QListWidgetItem* item);
  void openFolder();

  QListWidget* m_presets = nullptr;
  QListWidget* m_recent = nullptr;
  QSpinBox* m_seed = nullptr;
};

}  // namespace emergence::app
