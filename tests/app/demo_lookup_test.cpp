// Demo runs are found where the package installs them, relative to the executable
// (<prefix>/bin/../share/emergence/demo/<lab>), and an installed copy of the executable never
// falls back to the build machine's source tree. The test copies itself into a temporary
// <prefix>/bin, lays out <prefix>/share/emergence/demo, and asks the copy (--child LAB) what
// app::demoRunFolder finds.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cstdio>

#include "app/demo_runs.h"

using emergence::app::demoRunFolder;

class DemoLookupTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_prefix;

  // Runs the relocated copy: what it finds for `lab` (empty if nothing).
  QString findFromInstalledCopy(const QString& lab) {
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("EMERGENCE_DEMO_DIR"));
    child.setProcessEnvironment(env);
    child.start(m_prefix.filePath(QStringLiteral("bin/demo_lookup_test")),
                {QStringLiteral("--child"), lab});
    if (!child.waitForFinished(60000) || child.exitCode() != 0) {
      qWarning() << "child failed:" << child.readAllStandardError();
      return QStringLiteral("<child failed>");
    }
    return QString::fromLocal8Bit(child.readAllStandardOutput()).trimmed();
  }

 private slots:
  void initTestCase() {
    QVERIFY(m_prefix.isValid());
    QVERIFY(QDir(m_prefix.path()).mkpath(QStringLiteral("bin")));
    QVERIFY(QFile::copy(QCoreApplication::applicationFilePath(),
                        m_prefix.filePath(QStringLiteral("bin/demo_lookup_test"))));
  }

  void buildTreeFindsTheSourceTreeDemo() {
    qunsetenv("EMERGENCE_DEMO_DIR");
    const QString found = demoRunFolder(QStringLiteral("grid_cells"));
    QCOMPARE(QFileInfo(found).canonicalFilePath(),
             QFileInfo(QStringLiteral(EMERGENCE_SOURCE_DIR "/resources/demo/grid_cells"))
                 .canonicalFilePath());
  }

  void installedCopyFindsShareEmergenceDemo() {
    const QString demo = m_prefix.filePath(QStringLiteral("share/emergence/demo/grid_cells"));
    QVERIFY(QDir().mkpath(demo));
    QFile config(QDir(demo).filePath(QStringLiteral("config.json")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("{}\n");
    config.close();
    QCOMPARE(QFileInfo(findFromInstalledCopy(QStringLiteral("grid_cells"))).canonicalFilePath(),
             QFileInfo(demo).canonicalFilePath());
  }

  void installedCopyIgnoresTheSourceTree() {
    // The source tree has resources/demo/grid_cells, the installed prefix does not.
    QVERIFY(QDir(m_prefix.filePath(QStringLiteral("share"))).removeRecursively());
    QCOMPARE(findFromInstalledCopy(QStringLiteral("grid_cells")), QString());
  }
};

int main(int argc, char* argv[]) {
  if (argc == 3 && QByteArray(argv[1]) == "--child") {
    QCoreApplication app(argc, argv);
    std::printf("%s\n", qPrintable(demoRunFolder(QString::fromLocal8Bit(argv[2]))));
    return 0;
  }
  QCoreApplication app(argc, argv);
  DemoLookupTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "demo_lookup_test.moc"
