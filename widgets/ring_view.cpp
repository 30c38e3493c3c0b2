#include "widgets/ring_view.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <algorithm>
#include <cmath>
#include <numbers>

#include "widgets/class_palette.h"
#include "widgets/view_support.h"

namespace emergence::widgets {

namespace {
constexpr double kPi = std::numbers::pi;
constexpr double kArcDegPerDegPerStep = 10.0;  // AV arrow: 1 °/step of ω → 10° of arc
}  // namespace

RingView::RingView(QWidget* parent) : QWidget(parent) {
  setMouseTracking(false);
  setAttribute(Qt::WA_OpaquePaintEvent);
  setToolTip(tr("Units on a ring by preferred head direction; click a unit to inspect it"));
}

void RingView::setSnapshot(std::shared_ptr<const engine::HdSnapshot> snapshot) {
  m_snapshot = std::move(snapshot);
  update();
}

void RingView::setPresentationScale(double scale) {
  m_scale = std::clamp(scale, 0.5, 4.0);
  update();
}

void RingView::setSelectedUnit(int unit) {
  m_selected = unit;
  update();
}

double RingView::unitAngleDeg(int unit) const {
  const int n = m_snapshot ? m_snapshot->numUnits : 0;
  if (n <= 0) return 0.0;
  const auto& a = m_snapshot->analysis;
  if (a && unit < a->preferredDeg.size() && std::isfinite(a->preferredDeg[unit]))
    return wrapDeg360(a->preferredDeg[unit]);
  return 360.0 * unit / n;
}

QPointF RingView::centre() const { return QPointF(width() / 2.0, height() / 2.0 + 6 * m_scale); }

double RingView::ringRadius() const {
  // Room for the header line above and the AV arrow outside the ring, both growing with the scale.
  return std::max(20.0, 0.5 * std::min(width(), height()) - 70 * m_scale);
}

QPointF RingView::onRing(double deg, double radius) const {
  const double r = deg * kPi / 180.0;
  return centre() + QPointF(radius * std::cos(r), -radius * std::sin(r));
}

double RingView::dotRadius(double activation) const {
  const int n = std::max(1, m_snapshot ? m_snapshot->numUnits : 1);
  const double spacing = 2 * kPi * ringRadius() / n;
  const double rMax = std::clamp(0.75 * spacing, 4.0 * m_scale, 16.0 * m_scale);
  const double rMin = std::max(1.5, 0.3 * rMax);
  return rMin + (rMax - rMin) * std::clamp(activation, 0.0, 1.0);
}

QPointF RingView::unitPosition(int unit) const { return onRing(unitAngleDeg(unit), ringRadius()); }

int RingView::unitAt(const QPointF& p) const {
  if (!m_snapshot) return -1;
  int best = -1;
  double bestD = 1e300;
  for (int i = 0; i < m_snapshot->numUnits; ++i) {
    const QPointF d = unitPosition(i) - p;
    const double dist = std::hypot(d.x(), d.y());
    if (dist < bestD) {
      bestD = dist;
      best = i;
    }
  }
  const double tolerance = dotRadius(1.0) + 4 * m_scale;
  return bestD <= tolerance ? best : -1;
}

void RingView::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
  const int u = unitAt(event->position());
  if (u >= 0) {
    m_selected = u;
    update();
    emit unitClicked(u);
  }
}

void RingView::drawNeedle(QPainter& p, double rad, const QColor& c, Qt::PenStyle style,
                          double lengthFactor) {
  const double len = ringRadius() * lengthFactor;
  const QPointF tip = centre() + QPointF(len * std::cos(rad), -len * std::sin(rad));
  QPen pen(c, 3.0 * m_scale, style, Qt::RoundCap);
  p.setPen(pen);
  p.drawLine(centre(), tip);
  // Arrow head.
  const double h = 10 * m_scale;
  const QPointF back = centre() + QPointF((len - h) * std::cos(rad), -(len - h) * std::sin(rad));
  const QPointF side(std::sin(rad) * h * 0.45, std::cos(rad) * h * 0.45);
  p.setPen(Qt::NoPen);
  p.setBrush(c);
  p.drawPolygon(QPolygonF({tip, back + side, back - side}));
}

void RingView::drawAvArrow(QPainter& p, double omega, double heading) {
  const double omegaDeg = omega * 180.0 / kPi;
  const double span = std::clamp(omegaDeg * kArcDegPerDegPerStep, -170.0, 170.0);
  const double r = ringRadius() + dotRadius(1.0) + 12 * m_scale;
  const double startDeg = heading * 180.0 / kPi;
  const QColor c = angularVelocityColor().darker(115);
  if (std::abs(span) < 1.0) {  // still: a small bar across the heading
    p.setPen(QPen(c, 3 * m_scale, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(onRing(startDeg - 2, r), onRing(startDeg + 2, r));
    return;
  }
  QPainterPath path;
  path.moveTo(onRing(startDeg, r));
  const int steps = std::max(4, int(std::abs(span) / 3));
  for (int i = 1; i <= steps; ++i) path.lineTo(onRing(startDeg + span * i / steps, r));
  p.setBrush(Qt::NoBrush);
  p.setPen(QPen(c, 4 * m_scale, Qt::SolidLine, Qt::RoundCap));
  p.drawPath(path);
  // Head: a triangle tangent to the arc at its end.
  const double endRad = (startDeg + span) * kPi / 180.0;
  const double dir = span > 0 ? 1.0 : -1.0;
  const QPointF tip = onRing(startDeg + span + dir * 4.0, r);
  const QPointF tangent(-std::sin(endRad) * dir, -std::cos(endRad) * dir);
  const QPointF normal(std::cos(endRad), -std::sin(endRad));
  const double h = 9 * m_scale;
  const QPointF base = tip - tangent * h * 1.4;
  p.setPen(Qt::NoPen);
  p.setBrush(c);
  p.drawPolygon(QPolygonF({tip, base + normal * h * 0.7, base - normal * h * 0.7}));
}

void RingView::drawLegend(QPainter& p) {
  QFont f = font();
  f.setPointSizeF(8.5 * m_scale);
  p.setFont(f);
  const QFontMetricsF fm(f);
  const double line = fm.height() + 2 * m_scale;
  double y = height() - 8 * m_scale - line * kClassDisplayOrder.size();
  const auto& a = m_snapshot ? m_snapshot->analysis : nullptr;
  for (engine::UnitClass c : kClassDisplayOrder) {
    const double s = 9 * m_scale;
    p.setPen(Qt::NoPen);
    p.setBrush(classColor(c));
    p.drawEllipse(QRectF(8 * m_scale, y + (line - s) / 2, s, s));
    p.setPen(QColor(0x30, 0x30, 0x30));
    QString text = classDisplayName(c);
    if (a) text += QStringLiteral("  %1").arg(a->counts[int(c)]);
    p.drawText(QPointF(8 * m_scale + s + 6 * m_scale, y + fm.ascent() + 1), text);
    y += line;
  }
  // Needle legend, bottom right.
  const QString trueText = tr("true heading"), decText = tr("decoded"), avText = tr("ω input");
  const double w = std::max({fm.horizontalAdvance(trueText), fm.horizontalAdvance(decText),
                             fm.horizontalAdvance(avText)}) + 34 * m_scale;
  double x = width() - w - 8 * m_scale;
  y = height() - 8 * m_scale - 3 * line;
  const std::array<std::pair<QColor, QString>, 3> items = {
      std::pair{trueHeadingColor(), trueText}, std::pair{decodedHeadingColor(), decText},
      std::pair{angularVelocityColor().darker(115), avText}};
  for (int i = 0; i < 3; ++i) {
    p.setPen(QPen(items[i].first, 3 * m_scale, i == 1 ? Qt::DashLine : Qt::SolidLine, Qt::FlatCap));
    p.drawLine(QPointF(x, y + line / 2), QPointF(x + 22 * m_scale, y + line / 2));
    p.setPen(QColor(0x30, 0x30, 0x30));
    p.drawText(QPointF(x + 28 * m_scale, y + fm.ascent() + 1), items[i].second);
    y += line;
  }
}

// Everything that does not change from frame to frame: white ground, ring guide, compass
// ticks, the class legend (with the counts of the current analysis), the needle legend and the
// "no analysis" note. Re-rendered when the size, scale or analysis changes.
void RingView::renderBackground() {
  const double dpr = devicePixelRatioF();
  m_background = QPixmap(size() * dpr);
  m_background.setDevicePixelRatio(dpr);
  m_background.fill(Qt::white);
  QPainter p(&m_background);
  p.setRenderHint(QPainter::Antialiasing);
  QFont f = font();
  f.setPointSizeF(9.5 * m_scale);
  const QFontMetricsF fm(f);
  const double R = ringRadius();
  p.setPen(QPen(QColor(0xDD, 0xDD, 0xDD), 1.5 * m_scale));
  p.setBrush(Qt::NoBrush);
  p.drawEllipse(centre(), R, R);
  p.setPen(QColor(0x8A, 0x8A, 0x8A));
  QFont small = f;
  small.setPointSizeF(8 * m_scale);
  p.setFont(small);
  for (int deg = 0; deg < 360; deg += 90) {
    const QPointF q = onRing(deg, R - dotRadius(1.0) - 14 * m_scale);
    const QString t = QStringLiteral("%1°").arg(deg);
    const QSizeF sz(QFontMetricsF(small).horizontalAdvance(t), QFontMetricsF(small).height());
    p.drawText(QRectF(q - QPointF(sz.width() / 2, sz.height() / 2), sz), Qt::AlignCenter, t);
  }
  if (!m_snapshot->analysis) {
    p.setFont(f);
    p.setPen(QColor(0x80, 0x80, 0x80));
    p.drawText(QPointF(8 * m_scale, 8 * m_scale + fm.ascent() + 2 * fm.height()),
               tr("ordered by index (no analysis yet)"));
  }
  drawLegend(p);
}

// A unit's dot at activation level `level` (0…kDotLevels−1) in class colour slot `cls`
// (kNumUnitClasses = not yet classified): brighter and bigger with the rate, fading towards
// white when silent. Cached: antialiased ellipses are the raster engine's slowest primitive.
const QPixmap& RingView::dotSprite(int cls, int level) {
  const int key = cls * kDotLevels + level;
  auto it = m_sprites.find(key);
  if (it != m_sprites.end()) return it->second;
  const double k = double(level) / (kDotLevels - 1);
  const QColor base = cls < engine::kNumUnitClasses ? classColor(engine::UnitClass(cls))
                                                    : unclassifiedColor();
  QColor c = base;
  const double fade = 0.78 * (1.0 - k);
  c.setRgbF(float(base.redF() + (1 - base.redF()) * fade),
            float(base.greenF() + (1 - base.greenF()) * fade),
            float(base.blueF() + (1 - base.blueF()) * fade));
  const double r = dotRadius(k), half = r + 1.0 * m_scale + 1.0;
  const double dpr = devicePixelRatioF();
  QPixmap sprite(QSize(int(std::ceil(2 * half * dpr)), int(std::ceil(2 * half * dpr))));
  sprite.setDevicePixelRatio(dpr);
  sprite.fill(Qt::transparent);
  QPainter p(&sprite);
  p.setRenderHint(QPainter::Antialiasing);
  p.setPen(QPen(base.darker(125), 1.0 * m_scale));
  p.setBrush(c);
  const double w = sprite.width() / dpr;
  p.drawEllipse(QPointF(w / 2, w / 2), r, r);
  return m_sprites.emplace(key, std::move(sprite)).first->second;
}

void RingView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  QFont f = font();
  f.setPointSizeF(9.5 * m_scale);
  p.setFont(f);
  const QFontMetricsF fm(f);
  if (!m_snapshot || m_snapshot->numUnits <= 0) {
    p.fillRect(rect(), Qt::white);
    p.setPen(QColor(0x80, 0x80, 0x80));
    p.drawText(rect(), Qt::AlignCenter, tr("No network yet"));
    return;
  }
  const auto& s = *m_snapshot;
  const auto& live = s.live;
  const auto& a = s.analysis;
  // The cached parts depend on the size, the scale, the units' count and the analysis.
  const BackgroundKey key{size(), devicePixelRatioF(), m_scale, s.numUnits, a ? a->version : 0};
  if (!(key == m_backgroundKey)) {
    if (key.size != m_backgroundKey.size || key.dpr != m_backgroundKey.dpr ||
        key.scale != m_backgroundKey.scale || key.units != m_backgroundKey.units)
      m_sprites.clear();
    m_backgroundKey = key;
    renderBackground();
  }
  p.drawPixmap(0, 0, m_background);
  p.setRenderHint(QPainter::Antialiasing);

  // Units: brighter and bigger with the rate, normalised by the current maximum.
  const int n = s.numUnits;
  const bool haveRates = live.rates.size() == n;
  double maxRate = 0.0;
  if (haveRates)
    for (int i = 0; i < n; ++i)
      if (std::isfinite(live.rates[i])) maxRate = std::max(maxRate, double(live.rates[i]));
  const double norm = std::max(maxRate, 0.05);
  std::vector<int> drawOrder(n);
  for (int i = 0; i < n; ++i) drawOrder[i] = i;
  if (haveRates)  // active units on top
    std::stable_sort(drawOrder.begin(), drawOrder.end(),
                     [&](int x, int y) { return live.rates[x] < live.rates[y]; });
  for (int i : drawOrder) {
    const double act = haveRates && std::isfinite(live.rates[i]) ? live.rates[i] / norm : 0.0;
    const int cls = (a && i < int(a->classes.size())) ? int(a->classes[i]) : engine::kNumUnitClasses;
    const int level = int(std::lround(std::clamp(act, 0.0, 1.0) * (kDotLevels - 1)));
    const QPixmap& sprite = dotSprite(cls, level);
    const QPointF c = unitPosition(i);
    const double half = sprite.width() / sprite.devicePixelRatio() / 2;
    p.drawPixmap(QPointF(c.x() - half, c.y() - half), sprite);
  }
  if (m_selected >= 0 && m_selected < n) {
    p.setPen(QPen(QColor(0x11, 0x11, 0x11), 2 * m_scale));
    p.setBrush(Qt::NoBrush);
    const double r = dotRadius(1.0) + 3 * m_scale;
    p.drawEllipse(unitPosition(m_selected), r, r);
  }

  // Needles and the AV arrow.
  if (live.steps > 0) {
    drawNeedle(p, live.trueHeading, trueHeadingColor(), Qt::SolidLine, 0.72);
    drawNeedle(p, live.decodedHeading, decodedHeadingColor(), Qt::DashLine, 0.62);
    drawAvArrow(p, live.omega, live.trueHeading);
  }
  p.setPen(Qt::NoPen);
  p.setBrush(QColor(0x44, 0x44, 0x44));
  p.drawEllipse(centre(), 3.5 * m_scale, 3.5 * m_scale);

  // Header text.
  p.setFont(f);
  p.setPen(QColor(0x30, 0x30, 0x30));
  QString header = tr("Update %1").arg(s.update);
  if (live.steps > 0) header += tr("  ·  step %1 / %2").arg(live.step).arg(live.steps);
  p.drawText(QPointF(8 * m_scale, 8 * m_scale + fm.ascent()), header);
  QString right = tr("ω = %1 °/step").arg(live.omega * 180.0 / kPi, 0, 'f', 2);
  if (haveRates) right += tr("   max r = %1").arg(maxRate, 0, 'f', 2);
  const bool twoLines = fm.horizontalAdvance(header) + fm.horizontalAdvance(right) + 24 * m_scale > width();
  const double rightY = 8 * m_scale + fm.ascent() + (twoLines ? fm.height() : 0.0);
  p.drawText(QPointF(width() - 8 * m_scale - fm.horizontalAdvance(right), rightY), right);
}

bool RingView::exportData(const QString& csvPath) const {
  std::vector<QStringList> rows;
  const int n = m_snapshot ? m_snapshot->numUnits : 0;
  for (int i = 0; i < n; ++i) {
    const auto& a = m_snapshot->analysis;
    const QString cls = (a && i < int(a->classes.size()))
                            ? QString::fromStdString(engine::toString(a->classes[i]))
                            : QString();
    const double pref = (a && i < a->preferredDeg.size()) ? a->preferredDeg[i] : std::nan("");
    const double rate =
        i < m_snapshot->live.rates.size() ? double(m_snapshot->live.rates[i]) : std::nan("");
    rows.push_back({QString::number(i), cls, csvNumber(pref), csvNumber(unitAngleDeg(i)),
                    csvNumber(rate)});
  }
  return writeCsv(csvPath, {"unit", "class", "preferred_deg", "ring_angle_deg", "rate"}, rows);
}

}  // namespace emergence::widgets
