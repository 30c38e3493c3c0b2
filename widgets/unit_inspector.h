#pragma once
// Everything about one unit: HD tuning (all samples, CW-only, CCW-only, with the CCW − CW
// offset), AV tuning at the preferred HD with the fitted slope, the unit's rate over the live
// trial, and its incoming (W[unit ← j]) and outgoing (W[j ← unit]) weights against the partner's
// preferred direction relative to the unit's. The title gives unit index, class and preferred HD.
#include <QWidget>
#include <memory>

#include "engine/runtime/hd_snapshot.h"

class QCustomPlot;
class QCPAxisRect;
class QCPGraph;
class QCPItemText;
class QLabel;

namespace emergence::widgets {

class UnitInspector : public QWidget {
  Q_OBJECT
 public:
  explicit UnitInspector(QWidget* parent = nullptr);

  void setSnapshot(std::shared_ptr<const engine::HdSnapshot> snapshot);
  void setPresentationScale(double scale);
  // The curves of the shown unit, long format: panel, x, y (series named in the panel column).
  bool exportData(const QString& csvPath) const;

  int unit() const { return m_unit; }
  QString titleText() const;
  QCustomPlot* plot() const { return m_plot; }

  QSize sizeHint() const override { return {460, 560}; }

 public slots:
  void setUnit(int unit);

 signals:
  void unitClicked(int unit);  // a partner clicked in the weights panel

 private:
  void refreshAll();
  void refreshTitle();
  void refreshAnalysis();
  void refreshWeights();
  bool refreshActivity();  // true when its axes changed
  void applyStyle();
  double partnerDelta(int partner) const;

  QLabel* m_title = nullptr;
  QCustomPlot* m_plot = nullptr;
  QCPAxisRect *m_hdRect = nullptr, *m_avRect = nullptr, *m_actRect = nullptr, *m_wRect = nullptr;
  QCPGraph *m_hdAll = nullptr, *m_hdCw = nullptr, *m_hdCcw = nullptr;
  QCPGraph *m_av = nullptr, *m_avFit = nullptr;
  QCPGraph* m_activity = nullptr;
  QCPGraph *m_wIn = nullptr, *m_wOut = nullptr;
  QCPItemText* m_offsetText = nullptr;
  QCPItemText* m_slopeText = nullptr;
  std::shared_ptr<const engine::HdSnapshot> m_snapshot;
  int m_unit = -1;
  int m_activitySpan = 10;  // x range of the activity trace: the longest seen (steps)
  std::uint64_t m_analysisVersion = ~0ull, m_weightsVersion = ~0ull;
  int m_shownUnit = -2;
  double m_scale = 1.0;
};

}  // namespace emergence::widgets
