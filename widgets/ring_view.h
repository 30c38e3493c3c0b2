#pragma once
// Ring view of the head-direction network: every unit is a dot on a ring at its preferred head
// direction (by index before the first analysis), coloured by class; dot size and brightness show
// its current rate in the live trial, so the activity bump is visible. Needles: true (dark) and
// decoded (vermillion) heading. A curved arrow outside the ring shows the angular-velocity input
// (arc length ∝ ω, counter-clockwise for ω > 0). Angles grow counter-clockwise from the right.
#include <QPixmap>
#include <QWidget>
#include <map>
#include <memory>

#include "engine/runtime/hd_snapshot.h"

namespace emergence::widgets {

class RingView : public QWidget {
  Q_OBJECT
 public:
  explicit RingView(QWidget* parent = nullptr);

  void setSnapshot(std::shared_ptr<const engine::HdSnapshot> snapshot);
  void setPresentationScale(double scale);
  // unit, class, preferred HD (°), angle on the ring (°), current rate.
  bool exportData(const QString& csvPath) const;

  // Widget coordinates of a unit's dot centre (for hit tests and tests).
  QPointF unitPosition(int unit) const;
  // Unit under a widget point, or −1.
  int unitAt(const QPointF& p) const;
  void setSelectedUnit(int unit);
  int selectedUnit() const { return m_selected; }

  QSize sizeHint() const override { return {520, 520}; }
  QSize minimumSizeHint() const override { return {220, 220}; }

 signals:
  void unitClicked(int unit);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;

 private:
  double unitAngleDeg(int unit) const;
  double dotRadius(double activation) const;
  QPointF centre() const;
  double ringRadius() const;
  QPointF onRing(double deg, double radius) const;
  void drawNeedle(QPainter& p, double rad, const QColor& c, Qt::PenStyle style, double lengthFactor);
  void drawAvArrow(QPainter& p, double omega, double heading);
  void drawLegend(QPainter& p);
  void renderBackground();
  const QPixmap& dotSprite(int cls, int level);

  // Frame-invariant parts, cached (software rendering of ~100 antialiased dots, text and the
  // ring every frame was most of the GUI thread's time while training).
  struct BackgroundKey {
    QSize size;
    double dpr = 0, scale = 0;
    int units = 0;
    std::uint64_t analysis = 0;  // analysis version (0: none)
    bool operator==(const BackgroundKey&) const = default;
  };
  static constexpr int kDotLevels = 24;  // activation levels of the cached dot sprites
  BackgroundKey m_backgroundKey;
  QPixmap m_background;
  std::map<int, QPixmap> m_sprites;  // class × level → dot

  std::shared_ptr<const engine::HdSnapshot> m_snapshot;
  double m_scale = 1.0;
  int m_selected = -1;
};

}  // namespace emergence::widgets
