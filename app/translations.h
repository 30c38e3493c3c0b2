#pragma once
// Translations of the user interface: the app's own (resources/translations/emergence_<lang>.ts,
// compiled into the executable under :/i18n/) and Qt's (qtbase_<lang>.qm from Debian's
// qt6-translations-l10n, for the standard buttons of dialogs), for the user's locale.
#include <QLocale>
#include <QString>

class QCoreApplication;

namespace emergence::app {

// Installs on `app` the translators of `locale` (default: the system locale, i.e. LANGUAGE,
// LC_ALL, LC_MESSAGES or LANG) and returns the language of the app translation it loaded
// ("de"), or empty when the interface stays in English (the source language; no translation for
// that locale, or an English locale). Call once, after the application object exists.
QString installTranslations(QCoreApplication& app, const QLocale& locale = QLocale());

// The languages the app ships a translation for ("de", …), from :/i18n/.
QStringList availableTranslations();

}  // namespace emergence::app
