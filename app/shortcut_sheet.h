#pragma once
// The keyboard shortcut sheet (`?`): a dialog listing every action that has a shortcut.
#include <QDialog>
#include <QList>

class QAction;

namespace emergence::app {

class ShortcutSheet : public QDialog {
  Q_OBJECT
 public:
  ShortcutSheet(const QList<QAction*>& actions, QWidget* parent = nullptr);
};

}  // namespace emergence::app
