#include "app/preferences_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace emergence::app {

PreferencesDialog::PreferencesDialog(bool autosave, int minutes, const QString& autosaveRoot,
                                     QWidget* parent)
    : QDialog(parent) {
  setObjectName(QStringLiteral("preferences"));
  setWindowTitle(tr("Preferences"));
  auto* layout = new QVBoxLayout(this);
  auto* form = new QFormLayout;
  m_autosave = new QCheckBox(tr("Autosave the current run"), this);
  m_autosave->setObjectName(QStringLiteral("autosaveEnabled"));
  m_autosave->setChecked(autosave);
  m_minutes = new QSpinBox(this);
  m_minutes->setObjectName(QStringLiteral("autosaveMinutes"));
  m_minutes->setRange(1, 240);
  m_minutes->setValue(minutes);
  m_minutes->setSuffix(tr(" min"));
  m_minutes->setEnabled(autosave);
  connect(m_autosave, &QCheckBox::toggled, m_minutes, &QSpinBox::setEnabled);
  form->addRow(m_autosave);
  form->addRow(tr("Every"), m_minutes);
  auto* where = new QLabel(tr("Into a folder per run under %1").arg(QDir::toNativeSeparators(autosaveRoot)), this);
  where->setWordWrap(true);
  where->setTextInteractionFlags(Qt::TextSelectableByMouse);
  form->addRow(where);
  layout->addLayout(form);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);
}

bool PreferencesDialog::autosave() const { return m_autosave->isChecked(); }
int PreferencesDialog::minutes() const { return m_minutes->value(); }

}  // namespace emergence::app
