#pragma once
// Eigenvalues of W_rec in the complex plane: initial (grey rings) vs current (filled blue), with
// the unit circle and equal scales on both axes. The header gives both spectral radii.
#include <QWidget>
#include <memory>

#include "engine/runtime/hd_snapshot.h"

class QCustomPlot;
class QCPCurve;
class QCPGraph;
class QCPTextElement;

namespace emergence::widgets {

class SpectrumView : public QWidget {
  Q_OBJECT
 public:
  explicit SpectrumView(QWidget* parent = nullptr);

  void setSnapshot(std::shared_ptr<const engine::HdSnapshot> snapshot);
  void setPresentationScale(double scale);
  // which (initial/current), real, imag.
  bool exportData(const QString& csvPath) const;
  QCustomPlot* plot() const { return m_plot; }

  QSize sizeHint() const override { return {440, 440}; }

 signals:
  void unitClicked(int unit);  // common view interface; eigenvalues are not units

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  void applyStyle();
  void fitRanges();
  QCustomPlot* m_plot = nullptr;
  QCPTextElement* m_title = nullptr;
  QCPCurve* m_circle = nullptr;
  QCPGraph* m_initial = nullptr;
  QCPGraph* m_current = nullptr;
  std::shared_ptr<const engine::HdSnapshot> m_snapshot;
  std::uint64_t m_weightsVersion = ~0ull;
  double m_extent = 1.2;
  double m_scale = 1.0;
};

}  // namespace emergence::widgets
