#pragma once
// True vs decoded heading (degrees) over the recent steps of the live trial, with the angular
// velocity input below (°/step). Wrap-arounds (359° → 0°) are drawn as gaps, not vertical lines.
#include <QWidget>
#include <memory>

#include "engine/runtime/hd_snapshot.h"

class QCustomPlot;
class QCPAxisRect;
class QCPGraph;

namespace emergence::widgets {

class HeadingTraceView : public QWidget {
  Q_OBJECT
 public:
  explicit HeadingTraceView(QWidget* parent = nullptr);

  void setSnapshot(std::shared_ptr<const engine::HdSnapshot> snapshot);
  void setPresentationScale(double scale);
  // step, true_deg, decoded_deg, omega_deg_per_step.
  bool exportData(const QString& csvPath) const;
  QCustomPlot* plot() const { return m_plot; }

  QSize sizeHint() const override { return {480, 300}; }

 signals:
  void unitClicked(int unit);  // part of the common view interface; this view has no units

 private:
  void applyStyle();
  QCustomPlot* m_plot = nullptr;
  QCPAxisRect* m_headingRect = nullptr;
  QCPAxisRect* m_avRect = nullptr;
  QCPGraph* m_true = nullptr;
  QCPGraph* m_decoded = nullptr;
  QCPGraph* m_omega = nullptr;
  std::shared_ptr<const engine::HdSnapshot> m_snapshot;
  double m_scale = 1.0;
  int m_lastStep = -1;
  int m_span = 10;            // x range shown: the longest trace seen (steps)
  double m_omegaRange = 0;    // ± ω axis range (°/step)
  std::uint64_t m_lastSequence = ~0ull;
};

}  // namespace emergence::widgets
