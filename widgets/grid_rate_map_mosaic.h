#pragma once
// Rate-map mosaic of the grid-cells lab (product.md §1.2): every unit's spatial rate map as a
// tile, from the live training maps, the latest evaluation or the latest arena test; sortable by
// grid score (score60), border score, band score, mean rate or unit index, with the sort key's
// value printed on each tile and the unit's class as the tile's top strip. A click on a tile
// emits unitClicked; hovering shows all its scores.
//
// Fluid with hundreds of units: each tile's image (one pixel per bin, viridis from the map's
// min to max) is rendered only when the product's version changes; the tiles are composed into
// one image at the device pixel ratio only when the data, the order or the layout change; a
// frame is then a single blit plus the selection outline. tileRenders() and composes() count
// the work (tests check the caching; bench/grid_mosaic_bench measures the frame time).
#include <QFont>
#include <QImage>
#include <QStaticText>
#include <QWidget>
#include <map>
#include <memory>
#include <vector>

#include "widgets/grid_view_support.h"

class QComboBox;
class QCheckBox;
class QLabel;
class QScrollArea;

namespace emergence::widgets {

class GridRateMapMosaic : public QWidget {
  Q_OBJECT
 public:
  enum class SortKey { GridScore = 0, BorderScore = 1, BandScore = 2, MeanRate = 3, UnitIndex = 4 };
  enum TileSize { Fit = 0 };  // or a side in pixels (24…200)

  explicit GridRateMapMosaic(QWidget* parent = nullptr);
  ~GridRateMapMosaic() override;

  void setSnapshot(std::shared_ptr<const engine::GridSnapshot> snapshot);
  void setPresentationScale(double scale);
  // position, unit, class, score60, score90, border, band, mean_rate, spacing_cm, orientation_deg
  bool exportData(const QString& csvPath) const;

  void setSource(GridMapSource source);
  GridMapSource source() const { return m_source; }
  void setSortKey(SortKey key);
  SortKey sortKey() const { return m_sort; }
  void setSmoothing(bool on);    // display smoothing, σ = 1 bin (never before scoring)
  void setTileSize(int pixels);  // Fit (0) or pixels
  void setSelectedUnit(int unit);
  int selectedUnit() const { return m_selected; }

  // Units in display order (first tile = top left).
  const std::vector<int>& displayOrder() const { return m_order; }
  // Tile of display position k in this widget's coordinates (may lie outside the visible part).
  QRect tileRect(int position) const;
  int tileSide() const { return m_side; }
  QString tileLabel(int unit) const;  // the number printed on the tile
  QWidget* canvas() const;
  QScrollArea* scrollArea() const { return m_scroll; }
  long long tileRenders() const { return m_tileRenders; }
  long long composes() const { return m_composes; }

  QSize sizeHint() const override { return {640, 560}; }

 signals:
  void unitClicked(int unit);

 protected:
  void resizeEvent(QResizeEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  class Canvas;
  friend class Canvas;
  void refresh(bool force);
  void relayout();
  void renderTiles();
  void compose();
  void sortUnits();
  double keyOf(int unit) const;
  int unitAtCanvas(const QPoint& p) const;
  QRect canvasTileRect(int position) const;
  QString toolTipFor(int unit) const;
  const QStaticText& staticText(const QString& text, const QFont& font);
  void updateHeader();

  QComboBox* m_sourceBox = nullptr;
  QComboBox* m_sortBox = nullptr;
  QComboBox* m_sizeBox = nullptr;
  QCheckBox* m_smoothBox = nullptr;
  QLabel* m_header = nullptr;
  QScrollArea* m_scroll = nullptr;
  Canvas* m_canvas = nullptr;

  std::shared_ptr<const engine::GridSnapshot> m_snapshot;
  GridUnitScores m_scores;  // points into m_snapshot's products
  GridMapSource m_source = GridMapSource::Live;
  GridMapSource m_shownSource = GridMapSource::Live;  // Live falls back to Evaluation
  SortKey m_sort = SortKey::GridScore;
  bool m_smooth = false;
  int m_tileSize = Fit;
  double m_scale = 1.0;
  int m_selected = -1;
  int m_side = 40, m_columns = 1, m_offsetX = 0;

  std::uint64_t m_dataKey = ~0ull;
  std::vector<QImage> m_tiles;   // per unit, one pixel per bin
  std::vector<QImage> m_scaled;  // the same at the tile size (device pixels)
  QSize m_scaledSize;
  std::map<QString, QStaticText> m_textCache;  // tile labels, for m_textFont
  QFont m_textFont;
  std::vector<int> m_order;
  QImage m_composed;
  bool m_composeDue = true;
  long long m_tileRenders = 0, m_composes = 0;
};

}  // namespace emergence::widgets
