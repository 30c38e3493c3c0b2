// Frame time of the rate-map mosaic (product.md §3: views refresh at ≥ 30 frames per second
// while training runs), measured with QBENCHMARK on the offscreen raster platform:
//   steadyFrame      a repaint when nothing changed (what most frames are: one blit)
//   newProductFrame  a repaint after new live maps arrived (every tile re-rendered and the
//                    mosaic composed again; about once a second while training)
// for 256 and 1024 units (20 × 20 bins) in a 1000 × 800 view. Run:
//   QT_QPA_PLATFORM=offscreen build/…/tests/widgets/widgets_grid_bench
#include <QTest>

#include "tests/widgets/synthetic_grid_snapshot.h"
#include "widgets/grid_arena_view.h"
#include "widgets/grid_rate_map_mosaic.h"
#include "widgets/grid_score_histograms.h"
#include "widgets/grid_training_curves.h"

using namespace emergence;

class GridMosaicBench : public QObject {
  Q_OBJECT
 private slots:
  void steadyFrame_data() { units(); }
  void steadyFrame() {
    QFETCH(int, n);
    widgets::GridRateMapMosaic m;
    m.resize(1000, 800);
    m.setSnapshot(testing::makeGridSnapshot(n, 20));
    m.show();
    QVERIFY(QTest::qWaitForWindowExposed(&m));
    m.canvas()->repaint();
    QBENCHMARK { m.canvas()->repaint(); }
  }
  void newProductFrame_data() { units(); }
  void newProductFrame() {
    QFETCH(int, n);
    widgets::GridRateMapMosaic m;
    m.resize(1000, 800);
    auto s = testing::makeGridSnapshot(n, 20);
    m.setSnapshot(s);
    m.show();
    QVERIFY(QTest::qWaitForWindowExposed(&m));
    std::uint64_t version = s->liveMaps->version;
    QBENCHMARK {
      auto next = std::make_shared<engine::GridSnapshot>(*s);
      auto live = std::make_shared<engine::GridLiveMapsProduct>(*s->liveMaps);
      live->version = ++version;
      next->liveMaps = live;
      m.setSnapshot(next);
      m.canvas()->repaint();
    }
  }

  // The other views that change every frame or every few frames, for comparison.
  void arenaFrame() {
    widgets::GridArenaView v;
    v.resize(470, 560);
    v.setSnapshot(testing::makeGridSnapshot(256, 20));
    v.show();
    QVERIFY(QTest::qWaitForWindowExposed(&v));
    QBENCHMARK { v.canvas()->repaint(); }
  }
  void trainingCurvesNewHistory() {
    widgets::GridTrainingCurvesView v;
    v.resize(480, 420);
    auto s = testing::makeGridSnapshot(256, 20);
    v.show();
    QVERIFY(QTest::qWaitForWindowExposed(&v));
    QBENCHMARK {
      auto next = std::make_shared<engine::GridSnapshot>(*s);
      next->history = std::make_shared<std::vector<engine::GridUpdateRecord>>(*s->history);
      v.setSnapshot(next);
      v.repaint();
    }
  }

 private:
  void units() {
    QTest::addColumn<int>("n");
    QTest::newRow("256 units") << 256;
    QTest::newRow("1024 units") << 1024;
  }
};

QTEST_MAIN(GridMosaicBench)
#include "grid_mosaic_bench.moc"
