#pragma once
// The nine class-pair connectivity profiles (head-direction.md §6.7): mean ± SD of W_ji over the
// ordered pairs i → j of each (pre, post) pair of groups (Compass, Shifter CCW, Shifter CW),
// against Δ = wrap(pref_j − pref_i), 5° windows slid by 1°. Rows = presynaptic group, columns =
// postsynaptic group; one shared y range so the panels compare. Recomputed only when the
// weights or analysis version changes.
#include <QWidget>
#include <memory>
#include <vector>

#include "engine/analysis/connectivity.h"
#include "engine/runtime/hd_snapshot.h"

class QCustomPlot;
class QCPAxisRect;
class QCPGraph;
class QCPTextElement;

namespace emergence::widgets {

class ConnectivityProfilesView : public QWidget {
  Q_OBJECT
 public:
  explicit ConnectivityProfilesView(QWidget* parent = nullptr);

  void setSnapshot(std::shared_ptr<const engine::HdSnapshot> snapshot);
  void setPresentationScale(double scale);
  // pre_class, post_class, delta_deg, mean, sd, count.
  bool exportData(const QString& csvPath) const;
  const std::vector<engine::ConnectivityProfile>& profiles() const { return m_profiles; }
  QCustomPlot* plot() const { return m_plot; }

  QSize sizeHint() const override { return {620, 520}; }

 signals:
  void unitClicked(int unit);  // common view interface; profiles are not per unit

 private:
  void recompute();
  void applyStyle();
  QCustomPlot* m_plot = nullptr;
  struct Panel {
    QCPAxisRect* rect = nullptr;
    QCPTextElement* title = nullptr;
    QCPGraph *mean = nullptr, *upper = nullptr, *lower = nullptr;
  };
  std::vector<Panel> m_panels;  // 9, pre-major
  QCPTextElement* m_message = nullptr;
  std::shared_ptr<const engine::HdSnapshot> m_snapshot;
  std::vector<engine::ConnectivityProfile> m_profiles;
  std::uint64_t m_weightsVersion = ~0ull, m_analysisVersion = ~0ull;
  double m_scale = 1.0;
};

}  // namespace emergence::widgets
