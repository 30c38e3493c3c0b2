// The user interface follows the locale: English (the source language) when there is no
// translation, German from the compiled-in emergence_de.qm for a German locale — checked on the
// real menus of the head-direction window and on the start page (offscreen platform). An entry
// left in English, or a tr() whose context lupdate got wrong, makes this fail.
#include "app/translations.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "app/grid_lab_window.h"
#include "app/main_window.h"
#include "app/start_page.h"

using namespace emergence;

namespace {

// Text of every action in the menu bar, depth first, keyed by menu path and position; the
// recent-runs menu (file paths) is left out.
QMap<QString, QString> menuTexts(QMenuBar* bar) {
  QMap<QString, QString> out;
  std::function<void(const QString&, const QList<QAction*>&)> walk =
      [&](const QString& path, const QList<QAction*>& actions) {
        int k = 0;
        for (QAction* a : actions) {
          const QString key = path + QLatin1Char('/') + QString::number(k++);
          if (a->isSeparator()) continue;
          if (a->menu() && a->menu()->objectName() == QLatin1String("recentRunsMenu")) continue;
          out.insert(key, a->text());
          if (a->menu()) walk(key, a->menu()->actions());
        }
      };
  walk(QString(), bar->actions());
  return out;
}

// Minimum width of a lab window once its docks are laid out (pixels).
int minimumWidth(QWidget& window) {
  window.show();
  QCoreApplication::processEvents();
  return window.minimumSizeHint().width();
}

}  // namespace

class TranslationsTest : public QObject {
  Q_OBJECT
  QTemporaryDir m_settings;
  QMap<QString, QString> m_english;
  int m_englishMinWidth[2] = {0, 0};  // head direction, grid cells

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
  }

  void germanIsShipped() {
    QVERIFY2(app::availableTranslations().contains(QStringLiteral("de")),
             qPrintable(app::availableTranslations().join(QLatin1Char(' '))));
  }

  // Runs first: no translator is installed yet.
  void englishAndUnknownLocalesStayInEnglish() {
    QCOMPARE(app::installTranslations(*qApp, QLocale(QLocale::English, QLocale::UnitedStates)),
             QString());
    QCOMPARE(app::installTranslations(*qApp, QLocale(QLocale::Swahili, QLocale::Kenya)), QString());
    app::MainWindow window(/*persistLayout=*/false);
    m_english = menuTexts(window.menuBar());
    m_englishMinWidth[0] = minimumWidth(window);
    app::GridLabWindow grid(/*persistLayout=*/false);
    m_englishMinWidth[1] = minimumWidth(grid);
    QVERIFY(m_english.size() > 30);
    QVERIFY(m_english.values().contains(QStringLiteral("&File")));
    QVERIFY(m_english.values().contains(QStringLiteral("Save run…")));
  }

  void germanLocaleTranslatesMenusAndStartPage() {
    // de_AT falls back to the German file: QTranslator tries de_AT, then de.
    QCOMPARE(app::installTranslations(*qApp, QLocale(QLocale::German, QLocale::Austria)),
             QStringLiteral("de"));
    app::MainWindow window(/*persistLayout=*/false);
    const auto german = menuTexts(window.menuBar());
    // German words are longer: the windows must still fit where the English ones do (a
    // label or combo-box entry that grew too long widens its dock and the whole window).
    app::GridLabWindow grid(/*persistLayout=*/false);
    const int germanMinWidth[2] = {minimumWidth(window), minimumWidth(grid)};
    qInfo("minimum widths (px): head direction %d en, %d de; grid cells %d en, %d de",
          m_englishMinWidth[0], germanMinWidth[0], m_englishMinWidth[1], germanMinWidth[1]);
    for (int k = 0; k < 2; ++k)
      QVERIFY2(
          germanMinWidth[k] <= m_englishMinWidth[k] * 105 / 100,
          qPrintable(QStringLiteral("%1 window: minimum width %2 px in German, %3 px in English")
                         .arg(k == 0 ? QStringLiteral("head-direction") : QStringLiteral("grid"))
                         .arg(germanMinWidth[k])
                         .arg(m_englishMinWidth[k])));
    QCOMPARE(german.keys(), m_english.keys());
    for (const char* title : {"&Datei", "&Bearbeiten", "&Labor", "La&uf", "&Ansicht", "&Hilfe"})
      QVERIFY2(german.values().contains(QString::fromUtf8(title)), title);
    // Words that are the same in both languages (also as "Ring…" in File → Export view);
    // everything else must have changed.
    const QStringList same = {QStringLiteral("Start"), QStringLiteral("Pause"),
                              QStringLiteral("Ring")};
    QStringList untranslated;
    for (auto it = m_english.cbegin(); it != m_english.cend(); ++it) {
      QString word = it.value();
      if (word.endsWith(QChar(0x2026))) word.chop(1);
      if (german.value(it.key()) == it.value() && !same.contains(word)) untranslated << it.value();
    }
    QVERIFY2(untranslated.isEmpty(), qPrintable(untranslated.join(QStringLiteral(" | "))));

    app::StartPage page({QStringLiteral("paper"), QStringLiteral("default")}, {}, 7);
    QCOMPARE(page.windowTitle(), QStringLiteral("Emergence — Start"));
    bool headline = false;
    for (auto* label : page.findChildren<QLabel*>())
      headline = headline || label->text().contains(QStringLiteral("Neuronale Netze lernen"));
    QVERIFY(headline);
    QVERIFY(app::StartPage::presetDescription(QStringLiteral("paper"))
                .startsWith(QStringLiteral("Genau das Rezept")));

    // EMERGENCE_I18N_SHOTS=DIR: PNGs of the German start page and menus, to look at.
    const QString shots = qEnvironmentVariable("EMERGENCE_I18N_SHOTS");
    if (!shots.isEmpty()) {
      QVERIFY(QDir().mkpath(shots));
      page.resize(page.sizeHint().expandedTo(QSize(900, 640)));
      QVERIFY(page.grab().save(QDir(shots).filePath(QStringLiteral("start_page_de.png"))));
      window.resize(1400, 900);
      window.show();
      QVERIFY(window.grab().save(QDir(shots).filePath(QStringLiteral("window_de.png"))));
      int k = 0;
      for (QAction* a : window.menuBar()->actions()) {
        if (!a->menu()) continue;
        a->menu()->adjustSize();
        QVERIFY(a->menu()->grab().save(
            QDir(shots).filePath(QStringLiteral("menu_%1_de.png").arg(k++))));
      }
    }
  }
};

QTEST_MAIN(TranslationsTest)
#include "translations_test.moc"
