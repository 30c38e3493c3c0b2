#pragma once
// Everything about one unit of the grid-cells lab (product.md §1.2): its rate map (with the
// arena's walls), its spatial autocorrelogram with the best annulus of score60 drawn and the six
// peaks that give spacing and orientation, its head-direction tuning as a polar plot (mean
// vector length R and preferred direction) and its speed tuning (mean rate vs speed, with the
// speed score). The text gives score60 (min/max and mean forms), score90, spacing (cm),
// orientation, border and band scores and the class. Drawn from the latest evaluation (the live
// maps only give the rate map and scores until the first evaluation arrives).
#include <QImage>
#include <QWidget>
#include <memory>

#include "widgets/grid_view_support.h"

class QLabel;

namespace emergence::widgets {

class GridUnitInspector : public QWidget {
  Q_OBJECT
 public:
  explicit GridUnitInspector(QWidget* parent = nullptr);

  void setSnapshot(std::shared_ptr<const engine::GridSnapshot> snapshot);
  void setPresentationScale(double scale);
  // The unit's rate map (bins, NaN = unvisited), HD and speed tuning as CSV sections.
  bool exportData(const QString& csvPath) const;

  void setUnit(int unit);
  int unit() const { return m_unit; }
  QString titleText() const;
  QString scoresText() const;
  // As last drawn, in this widget's coordinates: whether a SAC is shown, its centre, and the
  // radii (px) of the best annulus.
  bool sacShown() const { return m_sacShown; }
  QPointF sacCentre() const;
  double annulusInnerPx() const { return m_annulusInnerPx; }
  double annulusOuterPx() const { return m_annulusOuterPx; }
  static QColor annulusColor();
  QSize sizeHint() const override { return {420, 640}; }

 signals:
  void unitClicked(int unit);  // common view interface

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void rebuild();
  void paintCanvas();
  const engine::GridEvaluationProduct* evaluation() const;

  QLabel* m_title = nullptr;
  QLabel* m_scores = nullptr;
  QWidget* m_canvas = nullptr;
  std::shared_ptr<const engine::GridSnapshot> m_snapshot;
  int m_unit = -1;
  double m_scale = 1.0;
  std::uint64_t m_key = ~0ull;
  QImage m_map, m_sac;
  bool m_sacShown = false;
  QPointF m_sacCentre;
  double m_annulusInnerPx = 0, m_annulusOuterPx = 0;
};

}  // namespace emergence::widgets
