// Qt Test suite of the widgets library, run on the offscreen platform with synthetic snapshots
// (synthetic_snapshot.h). Also renders every view to PNG, SVG and CSV under widget_renders/.
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QPainter>
#include <QSignalSpy>
#include <QSvgGenerator>
#include <QTest>
#include <qcustomplot.h>

#include "tests/widgets/synthetic_snapshot.h"
#include "widgets/class_palette.h"
#include "widgets/class_scatter_view.h"
#include "widgets/connectivity_profiles_view.h"
#include "widgets/heading_trace_view.h"
#include "widgets/ring_view.h"
#include "widgets/spectrum_view.h"
#include "widgets/training_curves_view.h"
#include "widgets/unit_inspector.h"
#include "widgets/weight_matrix_view.h"

using namespace emergence;
using emergence::testing::makeSnapshot;
using widgets::WeightMatrixView;

namespace {

QColor pixelAt(QWidget& w, const QPointF& p) {
  const QPixmap pm = w.grab();
  const QImage img = pm.toImage();
  const double dpr = pm.devicePixelRatio();
  return img.pixelColor((p * dpr).toPoint());
}

bool reddish(const QColor& c) { return c.red() > c.blue() + 40 && c.red() > c.green() + 40; }
bool bluish(const QColor& c) { return c.blue() > c.red() + 40; }
bool white(const QColor& c) { return c.red() > 245 && c.green() > 245 && c.blue() > 245; }

QString renderDir() {
  const QString dir = qEnvironmentVariableIsSet("EMERGENCE_WIDGET_RENDER_DIR")
                          ? qEnvironmentVariable("EMERGENCE_WIDGET_RENDER_DIR")
                          : QDir::current().filePath(QStringLiteral("widget_renders"));
  QDir().mkpath(dir);
  return dir;
}

}  // namespace

class WidgetsTest : public QObject {
  Q_OBJECT
 private slots:
  void weightMatrixRawColours();
  void weightMatrixGroupedPutsCompassFirst();
  void weightMatrixClickEmitsPost();
  void ringClickOnUnit3EmitsUnitClicked();
  void ringBeforeAnalysisPlacesByIndex();
  void scatterThresholdEditEmitsNewValue();
  void scatterClickOnPointEmitsUnit();
  void inspectorTitleShowsClassAndPreferred();
  void profilesComputedForNinePairs();
  void renderAllViews();
};

void WidgetsTest::weightMatrixRawColours() {
  WeightMatrixView v;
  v.resize(520, 560);
  v.setSnapshot(makeSnapshot(12));
  v.setOrder(WeightMatrixView::Order::Raw);
  v.show();
  QVERIFY(QTest::qWaitForWindowExposed(&v));
  QCOMPARE(int(v.displayOrder().size()), 12);
  // W[5 ← 5] = 0.35 > 0, W[8 ← 7] ≈ −0.52 < 0, W[11 ← 0] = 0 (dead unit).
  QVERIFY(testing::plantedWeight(5, 5) > 0.3);
  QVERIFY(testing::plantedWeight(8, 7) < -0.3);
  const QColor pos = pixelAt(v, v.cellRect(5, 5).center());
  const QColor neg = pixelAt(v, v.cellRect(8, 7).center());
  const QColor zero = pixelAt(v, v.cellRect(11, 0).center());
  QVERIFY2(reddish(pos), qPrintable(pos.name()));
  QVERIFY2(bluish(neg), qPrintable(neg.name()));
  QVERIFY2(white(zero), qPrintable(zero.name()));
}

void WidgetsTest::weightMatrixGroupedPutsCompassFirst() {
  WeightMatrixView v;
  v.resize(520, 560);
  v.setSnapshot(makeSnapshot(12));
  v.setOrder(WeightMatrixView::Order::Grouped);
  v.show();
  QVERIFY(QTest::qWaitForWindowExposed(&v));
  // Compass units 5, 6, 7, 8 have preferred HDs 327.5, 105, 242.5, 20 → sorted 8, 6, 7, 5.
  const std::vector<int>& order = v.displayOrder();
  QCOMPARE(int(order.size()), 12);  // dead unit appended as its own group
  QCOMPARE(std::vector<int>(order.begin(), order.begin() + 4), (std::vector<int>{8, 6, 7, 5}));
  QCOMPARE(order.back(), 11);
  QVERIFY(v.groupBorders().size() >= 2);
  QCOMPARE(v.groupBorders()[0], 0);
  QCOMPARE(v.groupBorders()[1], 4);
  const QColor diag = pixelAt(v, v.cellRect(0, 0).center());     // W[8 ← 8] > 0
  const QColor far = pixelAt(v, v.cellRect(0, 2).center());      // W[8 ← 7] < 0
  QVERIFY2(reddish(diag), qPrintable(diag.name()));
  QVERIFY2(bluish(far), qPrintable(far.name()));
}

void WidgetsTest::weightMatrixClickEmitsPost() {
  WeightMatrixView v;
  v.resize(520, 560);
  v.setSnapshot(makeSnapshot(12));
  v.setOrder(WeightMatrixView::Order::Grouped);
  v.show();
  QVERIFY(QTest::qWaitForWindowExposed(&v));
  QSignalSpy spy(&v, &WeightMatrixView::unitClicked);
  QWidget* canvas = v.childAt(v.cellRect(1, 3).center().toPoint());
  QVERIFY(canvas);
  const QPoint local = canvas->mapFrom(&v, v.cellRect(1, 3).center().toPoint());
  QTest::mouseMove(canvas, local);
  QTest::mouseClick(canvas, Qt::LeftButton, {}, local);
  QCOMPARE(spy.count(), 1);
  QCOMPARE(spy.at(0).at(0).toInt(), 6);  // row 1 of the grouped order
  QVERIFY2(v.readout().contains(QStringLiteral("post 6")), qPrintable(v.readout()));
  QVERIFY2(v.readout().contains(QStringLiteral("pre 5")), qPrintable(v.readout()));
}

void WidgetsTest::ringClickOnUnit3EmitsUnitClicked() {
  widgets::RingView v;
  v.resize(420, 420);
  v.setSnapshot(makeSnapshot(12));
  v.show();
  QVERIFY(QTest::qWaitForWindowExposed(&v));
  QSignalSpy spy(&v, &widgets::RingView::unitClicked);
  QTest::mouseClick(&v, Qt::LeftButton, {}, v.unitPosition(3).toPoint());
  QCOMPARE(spy.count(), 1);
  QCOMPARE(spy.at(0).at(0).toInt(), 3);
  // Unit 3 sits at its preferred HD (52.5°): right of and above the centre.
  const QPointF p = v.unitPosition(3);
  QVERIFY(p.x() > v.width() / 2.0 && p.y() < v.height() / 2.0);
  // Far from any unit: no signal.
  QTest::mouseClick(&v, Qt::LeftButton, {}, QPoint(v.width() / 2, v.height() / 2));
  QCOMPARE(spy.count(), 1);
}

void WidgetsTest::ringBeforeAnalysisPlacesByIndex() {
  widgets::RingView v;
  v.resize(400, 400);
  v.setSnapshot(makeSnapshot(12, false));
  // Unit 3 of 12 at 90°: straight above the centre.
  const QPointF p = v.unitPosition(3);
  QVERIFY(std::abs(p.x() - v.width() / 2.0) < 1.0);
  QVERIFY(p.y() < v.height() / 2.0);
}

void WidgetsTest::scatterThresholdEditEmitsNewValue() {
  widgets::ClassScatterView v;
  v.resize(520, 480);
  auto snap = makeSnapshot(12);
  v.setSnapshot(snap);
  QSignalSpy spy(&v, &widgets::ClassScatterView::thresholdsEdited);
  auto* box = v.findChild<QDoubleSpinBox*>(QStringLiteral("compassMinStrength"));
  QVERIFY(box);
  box->setValue(0.5);
  QCOMPARE(spy.count(), 1);
  const auto t = spy.at(0).at(0).value<engine::UnitClassThresholds>();
  QCOMPARE(t.compassMinStrength, 0.5);
  QCOMPARE(t.compassMaxSlope, snap->analysis->thresholds.compassMaxSlope);
  QCOMPARE(v.thresholds().compassMinStrength, 0.5);
  // A new snapshot with the same analysis version does not reset the edit.
  v.setSnapshot(snap);
  QCOMPARE(box->value(), 0.5);
}

void WidgetsTest::scatterClickOnPointEmitsUnit() {
  widgets::ClassScatterView v;
  v.resize(520, 480);
  v.setSnapshot(makeSnapshot(12));
  v.show();
  QVERIFY(QTest::qWaitForWindowExposed(&v));
  v.plot()->replot();
  QSignalSpy spy(&v, &widgets::ClassScatterView::unitClicked);
  const QPoint p = v.plot()->mapFrom(&v, v.unitPosition(2).toPoint());
  QTest::mouseClick(v.plot(), Qt::LeftButton, {}, p);
  QCOMPARE(spy.count(), 1);
  QCOMPARE(spy.at(0).at(0).toInt(), 2);
}

void WidgetsTest::inspectorTitleShowsClassAndPreferred() {
  widgets::UnitInspector v;
  v.setSnapshot(makeSnapshot(12));
  v.setUnit(6);
  const QString title = v.titleText();
  QVERIFY2(title.contains(QStringLiteral("6")), qPrintable(title));
  QVERIFY2(title.contains(widgets::classDisplayName(engine::UnitClass::Compass)), qPrintable(title));
  QVERIFY2(title.contains(QStringLiteral("105°")), qPrintable(title));
  v.setUnit(3);
  QVERIFY2(v.titleText().contains(widgets::classDisplayName(engine::UnitClass::ShifterCw)),
           qPrintable(v.titleText()));
}

void WidgetsTest::profilesComputedForNinePairs() {
  widgets::ConnectivityProfilesView v;
  v.setSnapshot(makeSnapshot(24));
  QCOMPARE(int(v.profiles().size()), 9);
  QCOMPARE(int(v.profiles()[0].deltaDeg.size()), 360);
}

void WidgetsTest::renderAllViews() {
  const QString dir = renderDir();
  auto snap = makeSnapshot(96);
  auto exportView = [&](QWidget* w, auto* view, const QString& name, QSize size) {
    w->resize(size);
    view->setSnapshot(snap);
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w));
    QTest::qWait(30);  // queued replots
    const QString png = QDir(dir).filePath(name + QStringLiteral(".png"));
    QVERIFY(w->grab().save(png));
    QSvgGenerator svg;
    svg.setFileName(QDir(dir).filePath(name + QStringLiteral(".svg")));
    svg.setSize(w->size());
    svg.setViewBox(QRect(QPoint(0, 0), w->size()));
    {
      QPainter painter(&svg);
      w->render(&painter, {}, {}, QWidget::DrawChildren);
    }
    QVERIFY(view->exportData(QDir(dir).filePath(name + QStringLiteral(".csv"))));
    QVERIFY(QFileInfo(png).size() > 1000);
    w->hide();
  };
  widgets::RingView ring;
  ring.setSelectedUnit(6);
  exportView(&ring, &ring, QStringLiteral("ring"), {560, 560});
  widgets::HeadingTraceView trace;
  exportView(&trace, &trace, QStringLiteral("heading_trace"), {560, 340});
  widgets::TrainingCurvesView curves;
  exportView(&curves, &curves, QStringLiteral("training_curves"), {560, 380});
  WeightMatrixView matrix;
  exportView(&matrix, &matrix, QStringLiteral("weight_matrix_grouped"), {560, 600});
  matrix.setOrder(WeightMatrixView::Order::Raw);
  exportView(&matrix, &matrix, QStringLiteral("weight_matrix_raw"), {560, 600});
  widgets::ConnectivityProfilesView profiles;
  exportView(&profiles, &profiles, QStringLiteral("connectivity_profiles"), {720, 600});
  widgets::ClassScatterView scatter;
  exportView(&scatter, &scatter, QStringLiteral("class_scatter"), {600, 520});
  widgets::SpectrumView spectrum;
  exportView(&spectrum, &spectrum, QStringLiteral("spectrum"), {480, 480});
  widgets::UnitInspector inspector;
  inspector.setUnit(6);
  exportView(&inspector, &inspector, QStringLiteral("unit_inspector"), {480, 720});
  // Presentation scale.
  ring.setPresentationScale(1.8);
  exportView(&ring, &ring, QStringLiteral("ring_presentation"), {560, 560});
  // Empty snapshot state must not crash.
  widgets::RingView emptyRing;
  emptyRing.setSnapshot(nullptr);
  emptyRing.grab();
}

QTEST_MAIN(WidgetsTest)
#include "widgets_test.moc"
