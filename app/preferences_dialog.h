#pragma once
// Edit → Preferences: autosave on/off and its interval (minutes), with the folder it writes to.
#include <QDialog>

class QCheckBox;
class QSpinBox;

namespace emergence::app {

class PreferencesDialog : public QDialog {
  Q_OBJECT
 public:
  PreferencesDialog(bool autosave, int minutes, const QString& autosaveRoot, QWidget* parent = nullptr);
  bool autosave() const;
  int minutes() const;

 private:
  QCheckBox* m_autosave = nullptr;
  QSpinBox* m_minutes = nullptr;
};

}  // namespace emergence::app
