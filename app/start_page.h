#pragma once
// Start page (product.md §2 "Presets"/"Runs"): shown at launch when no --preset, --load or
// --screenshot was given, and from File → New. Lists every lab with its presets (one line of
// description each), a demo run where one is shipped, and the recent runs; one click on a
// preset emits labPresetChosen (and presetChosen, with the seed in the spin box), one click on an
// existing recent run or "Open run folder…" emits runChosen, "Open demo" demoChosen. Any of them
// closes the page.
#include <QDialog>
#include <QStringList>
#include <cstdint>
#include <vector>

class QListWidget;
class QListWidgetItem;
class QSpinBox;

namespace emergence::app {

class StartPage : public QDialog {
  Q_OBJECT
 public:
  struct Preset {
    QString name, description;
  };
  struct Lab {
    QString id, title;
    std::vector<Preset> presets;
    bool demoAvailable = false;
    QString demoLabel;  // the demo button's text, e.g. "Open demo: grid cells"
  };

  StartPage(const std::vector<Lab>& labs, const QStringList& recent, std::uint64_t seed,
            QWidget* parent = nullptr);
  // The head-direction lab alone (names from engine::hdPresetNames()).
  StartPage(const QStringList& presets, const QStringList& recent, std::uint64_t seed,
            QWidget* parent = nullptr);

  // One translated line about a head-direction preset (a summary of its configuration for
  // unknown names).
  static QString presetDescription(const QString& name);

  std::uint64_t seed() const;
  QListWidget* presetList(int lab = 0) const { return m_presets.at(size_t(lab)); }
  int labCount() const { return int(m_presets.size()); }
  QListWidget* recentList() const { return m_recent; }

 signals:
  void presetChosen(const QString& preset, std::uint64_t seed);
  void labPresetChosen(const QString& lab, const QString& preset, std::uint64_t seed);
  void runChosen(const QString& folder);
  void demoChosen(const QString& lab);

 private:
  void build(const std::vector<Lab>& labs, const QStringList& recent, std::uint64_t seed);
  void onPresetClicked(const QString& lab, QListWidgetItem* item);
  void onRecentClicked(QListWidgetItem* item);
  void openFolder();

  std::vector<QListWidget*> m_presets;
  QListWidget* m_recent = nullptr;
  QSpinBox* m_seed = nullptr;
};

}  // namespace emergence::app
