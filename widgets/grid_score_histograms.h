#pragma once
// Scores of the grid-cells lab (product.md §1.2): histograms of score60 (the configured form),
// score90 and the border score over all units of the latest evaluation (the live maps before
// the first one), with the class thresholds drawn, and the development curve: the number of
// grid, border and band units at each evaluation checkpoint ("border first, grid later",
// CW18 Fig. 4).
#include <QWidget>
#include <memory>

#include "widgets/grid_view_support.h"

class QCustomPlot;
class QCPAxisRect;
class QCPBars;
class QCPGraph;
class QCPItemStraightLine;
class QCPTextElement;

namespace emergence::widgets {

class GridScoreHistogramsView : public QWidget {
  Q_OBJECT
 public:
  explicit GridScoreHistogramsView(QWidget* parent = nullptr);

  void setSnapshot(std::shared_ptr<const engine::GridSnapshot> snapshot);
  void setPresentationScale(double scale);
  // Two sections: the histograms (score, bin_centre, count) and the development curve.
  bool exportData(const QString& csvPath) const;

  // Counts per bin of the histogram k (0 score60, 1 score90, 2 border), bin width, first edge.
  std::vector<int> histogram(int k) const;
  static double binStart(int k);
  static double binWidth() { return 0.1; }
  static int binCount(int k);
  int developmentPoints() const;
  QString titleText() const;
  QCustomPlot* plot() const { return m_plot; }
  QSize sizeHint() const override { return {560, 440}; }

 signals:
  void unitClicked(int unit);  // common view interface

 private:
  void applyStyle();
  QCustomPlot* m_plot = nullptr;
  QCPTextElement* m_title = nullptr;
  QCPAxisRect* m_rects[4] = {};
  QCPBars* m_bars[3] = {};
  QCPItemStraightLine* m_threshold[2] = {};
  QCPGraph* m_dev[3] = {};
  std::shared_ptr<const engine::GridSnapshot> m_snapshot;
  std::vector<int> m_counts[3];
  std::uint64_t m_key = ~0ull;
  double m_scale = 1.0;
};

}  // namespace emergence::widgets
