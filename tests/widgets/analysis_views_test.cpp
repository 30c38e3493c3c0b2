// Qt Test of the views of the two long analyses (offscreen platform), fed synthetic results
// (synthetic_results.h): the fixed points view (click a slow point → its eigenvalues; the ring
// drawn in heading colours) and the AV-statistics comparison (the planted class counts in the
// bars). Renders both to PNG/CSV under widget_renders/ for a visual check.
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <qcustomplot.h>

#include "tests/widgets/synthetic_results.h"
#include "tests/widgets/synthetic_snapshot.h"
#include "widgets/av_statistics_view.h"
#include "widgets/class_palette.h"
#include "widgets/fixed_points_view.h"

using namespace emergence;
using engine::UnitClass;

namespace {

QImage grabImage(QWidget& w, double* dpr) {
  const QPixmap pm = w.grab();
  *dpr = pm.devicePixelRatio();
  return pm.toImage();
}

bool saturated(const QColor& c) { return c.hsvSaturationF() > 0.45 && c.valueF() > 0.35; }

int countCsvRows(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) return -1;
  int n = 0;
  while (!f.atEnd()) {
    f.readLine();
    ++n;
  }
  return n;
}

QString renderDir() {
  const QString dir = QDir::current().filePath(QStringLiteral("widget_renders"));
  QDir().mkpath(dir);
  return dir;
}

}  // namespace

class AnalysisViewsTest : public QObject {
  Q_OBJECT
 private slots:
  void fixedPointsClickSelectsSlowPointAndShowsItsEigenvalues();
  void fixedPointsDrawsTheRingInHeadingColours();
  void fixedPointsButtonNeedsWeightsAndEmitsFind();
  void fixedPointsExportsEveryRow();
  void avStatisticsBarsShowThePlantedCounts();
  void avStatisticsControlsEmitAndExport();
};

void AnalysisViewsTest::fixedPointsClickSelectsSlowPointAndShowsItsEigenvalues() {
  widgets::FixedPointsView v;
  v.resize(760, 460);
  v.setResult(testing::makeAttractorResult(64, 8, 20));
  v.show();
  QVERIFY(QTest::qWaitForWindowExposed(&v));
  v.pcaPlot()->replot();
  QCOMPARE(v.selectedSlowPoint(), 0);  // the first point is shown by default
  QVERIFY2(v.eigenTitle().contains(QStringLiteral("slow point 0")), qPrintable(v.eigenTitle()));
  QSignalSpy spy(&v, &widgets::FixedPointsView::slowPointSelected);
  // Slow point 3 sits at the settled state of heading 3·360/8 = 135°.
  const QPoint p = v.pcaPlot()->mapFrom(&v, v.slowPointPosition(3).toPoint());
  QTest::mouseClick(v.pcaPlot(), Qt::LeftButton, {}, p);
  QCOMPARE(spy.count(), 1);
  QCOMPARE(spy.at(0).at(0).toInt(), 3);
  QCOMPARE(v.selectedSlowPoint(), 3);
  QVERIFY2(v.eigenTitle().contains(QStringLiteral("slow point 3")), qPrintable(v.eigenTitle()));
  QVERIFY2(v.eigenTitle().contains(QStringLiteral("|λ1| = 0.9960")), qPrintable(v.eigenTitle()));
  QVERIFY2(v.eigenTitle().contains(QStringLiteral("135°")), qPrintable(v.eigenTitle()));
  QCOMPARE(v.eigenvaluesShown(), 20);
  QVERIFY2(v.eigenTitle().contains(QStringLiteral("|λ2| = 0.6000")), qPrintable(v.eigenTitle()));
  // Zoomed (default): λ = 1 and every eigenvalue in view; unzoomed: the whole unit disc.
  auto* zoom = v.findChild<QCheckBox*>(QStringLiteral("zoomEigenvalues"));
  QVERIFY(zoom && zoom->isChecked());
  v.eigenPlot()->replot();
  QVERIFY(v.eigenPlot()->xAxis->range().contains(1.0) && v.eigenPlot()->xAxis->range().contains(-0.6));
  zoom->setChecked(false);
  v.eigenPlot()->replot();
  QVERIFY(v.eigenPlot()->xAxis->range().lower <= -1.1 && v.eigenPlot()->yAxis->range().upper >= 1.1);
  zoom->setChecked(true);
  // A click far from every slow point (the centre of the ring) keeps the selection.
  const QPoint centre = v.pcaPlot()->mapFrom(
      &v, ((v.settledPosition(0) + v.settledPosition(32)) / 2).toPoint());
  QTest::mouseClick(v.pcaPlot(), Qt::LeftButton, {}, centre);
  QCOMPARE(v.selectedSlowPoint(), 3);
  QCOMPARE(spy.count(), 1);
  QVERIFY2(v.ringSummary().contains(QStringLiteral("Ring: yes")), qPrintable(v.ringSummary()));
  QVERIFY2(v.ringSummary().contains(QStringLiteral("8 of 8 converged")), qPrintable(v.ringSummary()));
}

void AnalysisViewsTest::fixedPointsDrawsTheRingInHeadingColours() {
  widgets::FixedPointsView v;
  v.resize(760, 460);
  v.setResult(testing::makeAttractorResult(64, 8, 20));
  v.show();
  QVERIFY(QTest::qWaitForWindowExposed(&v));
  v.pcaPlot()->replot();
  double dpr = 1;
  const QImage img = grabImage(v, &dpr);
  auto at = [&](QPointF p) { return img.pixelColor((p * dpr).toPoint()); };
  // Every settled state that is not under a slow point is a saturated dot.
  int coloured = 0, checked = 0;
  for (int k = 0; k < 64; ++k) {
    if (k % 8 == 0) continue;  // slow points drawn on top
    ++checked;
    if (saturated(at(v.settledPosition(k)))) ++coloured;
  }
  QVERIFY2(coloured == checked, qPrintable(QStringLiteral("%1 of %2").arg(coloured).arg(checked)));
  // Colours follow the cued heading: states half a turn apart differ in hue.
  const QColor a = at(v.settledPosition(5)), b = at(v.settledPosition(37));
  const int dh = std::abs(a.hsvHue() - b.hsvHue());
  QVERIFY2(std::min(dh, 360 - dh) > 90, qPrintable(a.name() + QLatin1Char(' ') + b.name()));
  // The ring is round: the states are on a circle in pixels too (equal axis scales).
  const QPointF c = (v.settledPosition(0) + v.settledPosition(32)) / 2;
  const double r0 = QLineF(c, v.settledPosition(0)).length();
  const double r16 = QLineF(c, v.settledPosition(16)).length();
  QVERIFY2(std::abs(r0 - r16) < 2.0, qPrintable(QStringLiteral("%1 vs %2").arg(r0).arg(r16)));
  // Inside the ring, away from it: background.
  const QColor inside = at(c + QPointF(0.45 * r0, 0.3 * r0));
  QVERIFY2(!saturated(inside), qPrintable(inside.name()));
  v.grab().save(QDir(renderDir()).filePath(QStringLiteral("fixed_points.png")));
}

void AnalysisViewsTest::fixedPointsButtonNeedsWeightsAndEmitsFind() {
  widgets::FixedPointsView v;
  auto* button = v.findChild<QPushButton*>(QStringLiteral("findSlowPoints"));
  QVERIFY(button);
  QVERIFY(!button->isEnabled());  // no snapshot, no weights
  v.setSnapshot(testing::makeSnapshot(12));
  QVERIFY(button->isEnabled());
  QSignalSpy spy(&v, &widgets::FixedPointsView::findRequested);
  QTest::mouseClick(button, Qt::LeftButton);
  QCOMPARE(spy.count(), 1);
  v.setRunning(true);
  QVERIFY(!button->isEnabled());
  v.setRunning(false);
  QVERIFY(button->isEnabled());
  // An older result is labelled with its update.
  v.setResult(testing::makeAttractorResult(16, 4, 6));
  v.setSnapshot(testing::makeSnapshot(12));  // update 300 < 1200: not "now"
  QVERIFY2(v.ringSummary().contains(QStringLiteral("update 1200")), qPrintable(v.ringSummary()));
}

void AnalysisViewsTest::fixedPointsExportsEveryRow() {
  widgets::FixedPointsView v;
  v.setResult(testing::makeAttractorResult(64, 8, 20));
  const QString path = QDir(renderDir()).filePath(QStringLiteral("fixed_points.csv"));
  QVERIFY(v.exportData(path));
  QCOMPARE(countCsvRows(path), 1 + 64 + 8 + 8 * 20);  // header, settled, slow, eigenvalues
}

void AnalysisViewsTest::avStatisticsBarsShowThePlantedCounts() {
  widgets::AvStatisticsView v;
  v.resize(1200, 820);
  v.show();
  QVERIFY(QTest::qWaitForWindowExposed(&v));
  QCOMPARE(v.columns(), 3);  // placeholders before any result
  QVERIFY(v.columnTitle(0).contains(QStringLiteral("×0.1")));
  QVERIFY(std::isnan(v.barValue(0, UnitClass::Compass)));
  v.setResult(testing::makeAvStatsResult());
  v.countsPlot()->replot();
  v.runsPlot()->replot();
  QCOMPARE(v.columns(), 3);
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 5; ++c) {
      const int planted = testing::kPlantedCounts[size_t(r)][size_t(c)];
      QCOMPARE(v.barValue(r, UnitClass(c)), double(planted));
      QCOMPARE(v.barLabel(r, UnitClass(c)), QString::number(planted));
    }
  QVERIFY2(v.columnTitle(2).contains(QStringLiteral("×3")), qPrintable(v.columnTitle(2)));
  QVERIFY2(v.columnTitle(2).contains(QStringLiteral("8.59°/step")), qPrintable(v.columnTitle(2)));
  // Pixel check: the middle of the Compass bar of run ×0.1 (40 units) has that run's colour; the
  // Compass group is the first (key 1), run 0 is its left bar.
  QCustomPlot* plot = v.countsPlot();
  const double key = 1 - 0.4 + 0.5 * 0.8 / 3;
  const QPointF px(plot->xAxis->coordToPixel(key), plot->yAxis->coordToPixel(20));
  const QPixmap pm = plot->grab();
  const QColor got = pm.toImage().pixelColor((px * pm.devicePixelRatio()).toPoint());
  const QColor want = widgets::avRunColor(0, 3);
  QVERIFY2(std::abs(got.red() - want.red()) < 12 && std::abs(got.blue() - want.blue()) < 12,
           qPrintable(got.name() + QStringLiteral(" vs ") + want.name()));
  // Above the bar (value 45 > 40): no bar colour.
  const QPointF above(px.x(), plot->yAxis->coordToPixel(46.5));
  const QColor free = pm.toImage().pixelColor((above * pm.devicePixelRatio()).toPoint());
  QVERIFY2(free != want, qPrintable(free.name()));
  v.grab().save(QDir(renderDir()).filePath(QStringLiteral("av_statistics.png")));
}

void AnalysisViewsTest::avStatisticsControlsEmitAndExport() {
  widgets::AvStatisticsView v;
  auto* updates = v.findChild<QSpinBox*>(QStringLiteral("updatesPerRun"));
  auto* start = v.findChild<QPushButton*>(QStringLiteral("startAvStatistics"));
  auto* cancel = v.findChild<QPushButton*>(QStringLiteral("cancelAvStatistics"));
  QVERIFY(updates && start && cancel);
  v.setUpdatesPerRun(1500);
  QSignalSpy startSpy(&v, &widgets::AvStatisticsView::startRequested);
  QSignalSpy cancelSpy(&v, &widgets::AvStatisticsView::cancelRequested);
  QVERIFY(!cancel->isEnabled());
  QTest::mouseClick(start, Qt::LeftButton);
  QCOMPARE(startSpy.count(), 1);
  QCOMPARE(startSpy.at(0).at(0).toInt(), 1500);
  v.setRunning(true);
  QVERIFY(!start->isEnabled() && cancel->isEnabled());
  QTest::mouseClick(cancel, Qt::LeftButton);
  QCOMPARE(cancelSpy.count(), 1);
  v.setRunning(false);
  v.setResult(testing::makeAvStatsResult());
  const QString path = QDir(renderDir()).filePath(QStringLiteral("av_statistics.csv"));
  QVERIFY(v.exportData(path));
  // Per run: 1 run row, 100 units, 61 histogram bins, 5 counts.
  QCOMPARE(countCsvRows(path), 1 + 3 * (1 + 100 + 61 + 5));
  v.setPresentationScale(1.6);  // rebuilds with bigger fonts; the counts stay
  QCOMPARE(v.barValue(2, UnitClass::ShifterCw), 33.0);
}

QTEST_MAIN(AnalysisViewsTest)
#include "analysis_views_test.moc"
