// Qt Test suite of the grid-cells views (offscreen platform), fed the synthetic snapshot of
// synthetic_grid_snapshot.h: the mosaic (pixel check of a planted tile, sorting, caching, click →
// inspector), the inspector (SAC and its annulus drawn), the arena view (walls of every shape),
// histograms, training curves and weights. Renders every view to PNG/CSV under widget_renders/.
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTest>
#include <cmath>
#include <numeric>

#include "tests/widgets/synthetic_grid_snapshot.h"
#include "widgets/grid_arena_view.h"
#include "widgets/grid_rate_map_mosaic.h"
#include "widgets/grid_score_histograms.h"
#include "widgets/grid_training_curves.h"
#include "widgets/grid_unit_inspector.h"
#include "widgets/grid_weight_matrix.h"

using namespace emergence;
using testing::kPlanted;
using testing::makeGridSnapshot;
using widgets::GridRateMapMosaic;

namespace {

QImage grabImage(QWidget& w, double* dpr = nullptr) {
  const QPixmap pm = w.grab();
  if (dpr) *dpr = pm.devicePixelRatio();
  return pm.toImage();
}

QColor at(const QImage& img, double dpr, const QPointF& p) {
  return img.pixelColor((p * dpr).toPoint());
}

bool near(const QColor& c, QRgb want, int tol = 12) {
  return std::abs(c.red() - qRed(want)) <= tol && std::abs(c.green() - qGreen(want)) <= tol &&
         std::abs(c.blue() - qBlue(want)) <= tol;
}

bool dark(const QColor& c) { return c.red() < 90 && c.green() < 90 && c.blue() < 90; }

QString renderDir() {
  const QString dir = qEnvironmentVariableIsSet("EMERGENCE_WIDGET_RENDER_DIR")
                          ? qEnvironmentVariable("EMERGENCE_WIDGET_RENDER_DIR")
                          : QDir::current().filePath(QStringLiteral("widget_renders"));
  QDir().mkpath(dir);
  return dir;
}

int positionOf(const GridRateMapMosaic& m, int unit) {
  const auto& o = m.displayOrder();
  return int(std::find(o.begin(), o.end(), unit) - o.begin());
}

}  // namespace

class GridViewsTest : public QObject {
  Q_OBJECT
 private slots:
  void mosaicDrawsThePlantedTile();
  void mosaicSortsByEveryKey();
  void mosaicCachesTilesUntilTheVersionChanges();
  void mosaicClickShowsTheUnitInTheInspector();
  void inspectorDrawsTheSacAndItsAnnulus();
  void arenaViewDrawsTheWallsOfEveryShape();
  void histogramsCountEveryUnitAndTheDevelopmentCurve();
  void trainingCurvesAndWeights();
  void renderAllGridViews();
};

void GridViewsTest::mosaicDrawsThePlantedTile() {
  GridRateMapMosaic m;
  m.resize(700, 600);
  m.setTileSize(96);
  m.setSortKey(GridRateMapMosaic::SortKey::UnitIndex);
  m.setSnapshot(makeGridSnapshot());
  m.show();
  QVERIFY(QTest::qWaitForWindowExposed(&m));
  QCOMPARE(int(m.displayOrder().size()), 12);
  QCOMPARE(m.displayOrder()[size_t(kPlanted)], kPlanted);
  const QRect tile = m.tileRect(kPlanted);
  QCOMPARE(tile.width(), 96);
  double dpr = 1;
  const QImage img = grabImage(m, &dpr);
  // Left half of the map = its minimum (viridis 0), right half = its maximum (viridis 1), in the
  // middle band of the tile (clear of the class strip at the top and the score at the bottom).
  const QPointF left(tile.left() + tile.width() * 0.25, tile.center().y());
  const QPointF right(tile.left() + tile.width() * 0.75, tile.center().y());
  QVERIFY2(near(at(img, dpr, left), widgets::viridisRgb(0.0)),
           qPrintable(at(img, dpr, left).name()));
  QVERIFY2(near(at(img, dpr, right), widgets::viridisRgb(1.0)),
           qPrintable(at(img, dpr, right).name()));
  // The label printed on the tile is its score60.
  const auto s = makeGridSnapshot();
  const double score = s->liveMaps->scores.grid[kPlanted].score60;
  QCOMPARE(m.tileLabel(kPlanted),
           std::isfinite(score) ? QString::number(score, 'f', 2) : QStringLiteral("–"));
}

void GridViewsTest::mosaicSortsByEveryKey() {
  GridRateMapMosaic m;
  m.resize(700, 600);
  auto s = makeGridSnapshot();
  m.setSnapshot(s);
  m.show();
  QVERIFY(QTest::qWaitForWindowExposed(&m));
  const auto& sc = s->liveMaps->scores;
  auto best = [&](auto key) {
    int b = -1;
    double v = -1e300;
    for (int u = 0; u < s->numUnits; ++u)
      if (std::isfinite(key(u)) && key(u) > v) {
        v = key(u);
        b = u;
      }
    return b;
  };
  // Default: by grid score, best first; a hexagonal unit (u % 4 == 0) leads.
  QCOMPARE(m.sortKey(), GridRateMapMosaic::SortKey::GridScore);
  QCOMPARE(m.displayOrder().front(), best([&](int u) { return sc.grid[size_t(u)].score60; }));
  QCOMPARE(m.displayOrder().front() % 4, 0);
  const auto byGrid = m.displayOrder();
  m.setSortKey(GridRateMapMosaic::SortKey::BorderScore);
  QCOMPARE(m.displayOrder().front(), best([&](int u) { return sc.units[size_t(u)].border; }));
  QVERIFY(m.displayOrder() != byGrid);
  m.setSortKey(GridRateMapMosaic::SortKey::BandScore);
  QCOMPARE(m.displayOrder().front(), best([&](int u) { return sc.units[size_t(u)].band; }));
  m.setSortKey(GridRateMapMosaic::SortKey::MeanRate);
  QCOMPARE(m.displayOrder().front(), best([&](int u) { return s->liveMaps->meanRate[u]; }));
  m.setSortKey(GridRateMapMosaic::SortKey::UnitIndex);
  for (int k = 0; k < 12; ++k) QCOMPARE(m.displayOrder()[size_t(k)], k);
  // The sort box drives the same thing.
  auto* box = m.findChild<QComboBox*>(QStringLiteral("sortBox"));
  QVERIFY(box);
  box->setCurrentIndex(0);
  QCOMPARE(m.displayOrder(), byGrid);
}

void GridViewsTest::mosaicCachesTilesUntilTheVersionChanges() {
  GridRateMapMosaic m;
  m.resize(600, 500);
  auto s = makeGridSnapshot();
  m.setSnapshot(s);
  m.show();
  QVERIFY(QTest::qWaitForWindowExposed(&m));
  const long long renders = m.tileRenders();
  QCOMPARE(renders, 12LL);
  // A new snapshot with the same products: nothing is re-rendered.
  auto same = std::make_shared<engine::GridSnapshot>(*s);
  same->sequence = 10;
  m.setSnapshot(same);
  m.canvas()->repaint();
  QCOMPARE(m.tileRenders(), renders);
  const long long composes = m.composes();
  m.canvas()->repaint();
  QCOMPARE(m.composes(), composes);  // a plain repaint is a blit
  // A new version of the live maps: every tile once more.
  auto next = std::make_shared<engine::GridSnapshot>(*s);
  auto live = std::make_shared<engine::GridLiveMapsProduct>(*s->liveMaps);
  live->version = 5;
  next->liveMaps = live;
  m.setSnapshot(next);
  QCOMPARE(m.tileRenders(), renders + 12);
}

void GridViewsTest::mosaicClickShowsTheUnitInTheInspector() {
  GridRateMapMosaic m;
  widgets::GridUnitInspector inspector;
  QObject::connect(&m, &GridRateMapMosaic::unitClicked, &inspector,
                   &widgets::GridUnitInspector::setUnit);
  auto s = makeGridSnapshot();
  m.resize(700, 600);
  m.setSnapshot(s);
  inspector.setSnapshot(s);
  m.show();
  QVERIFY(QTest::qWaitForWindowExposed(&m));
  QSignalSpy spy(&m, &GridRateMapMosaic::unitClicked);
  const int unit = 4;
  const QRect tile = m.tileRect(positionOf(m, unit));
  QWidget* canvas = m.canvas();
  QTest::mouseClick(canvas, Qt::LeftButton, {}, canvas->mapFrom(&m, tile.center()));
  QCOMPARE(spy.count(), 1);
  QCOMPARE(spy.at(0).at(0).toInt(), unit);
  QCOMPARE(m.selectedUnit(), unit);
  QCOMPARE(inspector.unit(), unit);
  QVERIFY2(inspector.titleText().startsWith(QStringLiteral("Unit 4")),
           qPrintable(inspector.titleText()));
  const auto& g = s->evaluation->evaluation.scores.grid[unit];
  QVERIFY2(inspector.scoresText().contains(QString::number(g.score60MinMax, 'f', 2)),
           qPrintable(inspector.scoresText()));
  QVERIFY(inspector.scoresText().contains(QString::number(g.score90, 'f', 2)));
  const double spacingCm = 100.0 * g.spacingBins * s->evaluation->evaluation.binning.binWidth();
  QVERIFY(inspector.scoresText().contains(
      QStringLiteral("%1 cm").arg(QString::number(spacingCm, 'f', 0))));
}

void GridViewsTest::inspectorDrawsTheSacAndItsAnnulus() {
  widgets::GridUnitInspector v;
  v.resize(480, 680);
  auto s = makeGridSnapshot();
  v.setSnapshot(s);
  v.setUnit(0);  // hexagonal
  v.show();
  QVERIFY(QTest::qWaitForWindowExposed(&v));
  double dpr = 1;
  const QImage img = grabImage(v, &dpr);
  QVERIFY(v.sacShown());
  QVERIFY(v.annulusInnerPx() > 2);
  QVERIFY(v.annulusOuterPx() > v.annulusInnerPx() + 2);
  const auto& g = s->evaluation->evaluation.scores.grid[0];
  QCOMPARE(v.annulusOuterPx() / v.annulusInnerPx(), g.best60.outer / g.best60.inner);
  // Both circles are drawn: most points on them are the annulus colour (a peak marker may sit on
  // one), and the SAC inside is not.
  for (double r : {v.annulusInnerPx(), v.annulusOuterPx()}) {
    int hits = 0;
    for (int k = 0; k < 16; ++k) {
      const double a = 2 * M_PI * (k + 0.5) / 16;
      hits += dark(at(img, dpr, v.sacCentre() + QPointF(r * std::cos(a), r * std::sin(a))));
    }
    QVERIFY2(hits >= 12, qPrintable(QStringLiteral("radius %1: %2 of 16").arg(r).arg(hits)));
  }
  QVERIFY(!dark(at(img, dpr, v.sacCentre())));  // the SAC's centre: correlation 1 (red)
  // Before the first evaluation: no SAC, a message.
  auto early = std::make_shared<engine::GridSnapshot>(*s);
  early->evaluation.reset();
  v.setSnapshot(early);
  v.grab();
  QVERIFY(!v.sacShown());
  QVERIFY(v.scoresText().contains(QStringLiteral("pending")));
}

void GridViewsTest::arenaViewDrawsTheWallsOfEveryShape() {
  using engine::ArenaShape;
  for (ArenaShape shape : {ArenaShape::Square, ArenaShape::Rectangle, ArenaShape::Circle,
                           ArenaShape::Triangle, ArenaShape::Hexagon}) {
    widgets::GridArenaView v;
    v.resize(560, 600);
    auto s = makeGridSnapshot(12, 20, shape);
    v.setSnapshot(s);
    v.show();
    QVERIFY(QTest::qWaitForWindowExposed(&v));
    double dpr = 1;
    const QImage img = grabImage(v, &dpr);
    int hits = 0, total = 0;
    for (const auto& w : s->arena->walls) {
      for (double t : {0.3, 0.7}) {
        const Eigen::Vector2d p = w.a + t * (w.b - w.a);
        hits += dark(at(img, dpr, v.toWidget(p)));
        ++total;
      }
    }
    QVERIFY2(hits >= total - 2, qPrintable(QStringLiteral("%1: %2 of %3 wall points dark")
                                               .arg(engine::arenaShapeName(shape))
                                               .arg(hits)
                                               .arg(total)));
    // Inside, away from the trail: the arena's light interior.
    const QColor inside = at(img, dpr, v.toWidget(Eigen::Vector2d(0.0, 0.0)));
    QVERIFY2(!dark(inside), qPrintable(inside.name()));
    QVERIFY(v.headerText().contains(QStringLiteral("step 300")));
    if (shape == ArenaShape::Circle)
      QVERIFY(v.exportData(QDir(renderDir()).filePath(QStringLiteral("grid_arena_trail.csv"))));
  }
}

void GridViewsTest::histogramsCountEveryUnitAndTheDevelopmentCurve() {
  widgets::GridScoreHistogramsView v;
  v.resize(600, 460);
  auto s = makeGridSnapshot(24);
  v.setSnapshot(s);
  int finite60 = 0, finiteBorder = 0;
  for (int u = 0; u < 24; ++u) {
    finite60 += std::isfinite(s->evaluation->evaluation.scores.grid[u].score60);
    finiteBorder += std::isfinite(s->evaluation->evaluation.scores.units[u].border);
  }
  auto sum = [](const std::vector<int>& h) { return std::accumulate(h.begin(), h.end(), 0); };
  QCOMPARE(sum(v.histogram(0)), finite60);
  QCOMPARE(sum(v.histogram(2)), finiteBorder);
  QCOMPARE(v.developmentPoints(), 5);
  QVERIFY2(v.titleText().contains(QStringLiteral("of 24 units")), qPrintable(v.titleText()));
}

void GridViewsTest::trainingCurvesAndWeights() {
  widgets::GridTrainingCurvesView curves;
  auto s = makeGridSnapshot();
  curves.setSnapshot(s);
  QCOMPARE(curves.pointsShown(), 1200);
  QVERIFY(curves.titleText().contains(QStringLiteral("Update 1200")));
  widgets::GridWeightMatrixView w;
  w.resize(520, 560);
  w.setSnapshot(s);
  w.setOrder(widgets::GridWeightMatrixView::Order::ByClass);
  QCOMPARE(int(w.displayOrder().size()), 12);
  // Grid units first.
  const auto& classes = s->evaluation->evaluation.classes.classes;
  QCOMPARE(classes[size_t(w.displayOrder().front())], engine::SpatialClass::Grid);
  w.setOrder(widgets::GridWeightMatrixView::Order::ByPhase);
  QCOMPARE(int(w.displayOrder().size()), 12);
  const int phased = s->evaluation->phases.orderedByPhase;
  QVERIFY(phased > 0);
  for (int k = 0; k < phased; ++k)
    QCOMPARE(w.displayOrder()[size_t(k)], s->evaluation->phases.order[size_t(k)]);
  w.setOrder(widgets::GridWeightMatrixView::Order::Raw);
  QCOMPARE(w.displayOrder()[3], 3);
}

void GridViewsTest::renderAllGridViews() {
  const QString dir = renderDir();
  auto s = makeGridSnapshot(64, 20);
  auto render = [&](QWidget* w, auto* view, const QString& name, QSize size) {
    w->resize(size);
    view->setSnapshot(s);
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w));
    QTest::qWait(30);  // queued replots
    const QString png = QDir(dir).filePath(name + QStringLiteral(".png"));
    QVERIFY(w->grab().save(png));
    QVERIFY(view->exportData(QDir(dir).filePath(name + QStringLiteral(".csv"))));
    QVERIFY(QFileInfo(png).size() > 1000);
    w->hide();
  };
  GridRateMapMosaic mosaic;
  mosaic.setSelectedUnit(3);
  render(&mosaic, &mosaic, QStringLiteral("grid_mosaic"), {700, 620});
  widgets::GridArenaView arena;
  arena.setShowPlaceCells(true);
  render(&arena, &arena, QStringLiteral("grid_arena"), {560, 600});
  widgets::GridUnitInspector inspector;
  inspector.setUnit(0);
  render(&inspector, &inspector, QStringLiteral("grid_inspector"), {480, 680});
  widgets::GridScoreHistogramsView scores;
  render(&scores, &scores, QStringLiteral("grid_scores"), {600, 460});
  widgets::GridTrainingCurvesView curves;
  render(&curves, &curves, QStringLiteral("grid_training_curves"), {520, 420});
  widgets::GridWeightMatrixView weights;
  render(&weights, &weights, QStringLiteral("grid_weights"), {560, 600});
  mosaic.setPresentationScale(1.6);
  render(&mosaic, &mosaic, QStringLiteral("grid_mosaic_presentation"), {900, 700});
  // Nothing yet: no crash, a message.
  GridRateMapMosaic empty;
  empty.setSnapshot(std::make_shared<engine::GridSnapshot>());
  empty.grab();
}

QTEST_MAIN(GridViewsTest)
#include "grid_views_test.moc"
