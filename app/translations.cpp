#include "app/translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QTranslator>

namespace emergence::app {

QString installTranslations(QCoreApplication& app, const QLocale& locale) {
  // QTranslator::load(locale, …) tries every UI language of the locale in order of preference
  // (de_AT → de), so an Austrian locale gets the German file. English is the source language.
  auto* own = new QTranslator(&app);
  QString language;
  if (own->load(locale, QStringLiteral("emergence"), QStringLiteral("_"),
                QStringLiteral(":/i18n"))) {
    QCoreApplication::installTranslator(own);
    language = own->language();
  } else {
    delete own;
  }
  auto* qt = new QTranslator(&app);
  if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
               QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    QCoreApplication::installTranslator(qt);
  else
    delete qt;
  return language;
}

QStringList availableTranslations() {
  QStringList languages;
  const auto files =
      QDir(QStringLiteral(":/i18n")).entryInfoList({QStringLiteral("emergence_*.qm")});
  for (const QFileInfo& f : files)
    languages << f.completeBaseName().mid(QStringLiteral("emergence_").size());
  return languages;
}

}  // namespace emergence::app
