#include "widgets/grid_arena_view.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "widgets/view_support.h"

namespace emergence::widgets {

GridArenaView::GridArenaView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->setSpacing(4);
  auto* top = new QHBoxLayout;
  m_placeCells = new QCheckBox(tr("Place cells"), this);
  m_placeCells->setObjectName(QStringLiteral("showPlaceCells"));
  m_placeCells->setToolTip(tr("Show the centres of the place cells the network reads out"));
  m_anchor = new QSpinBox(this);
  m_anchor->setObjectName(QStringLiteral("anchorEvery"));
  m_anchor->setRange(0, 100000);
  m_anchor->setSpecialValueText(tr("never"));
  m_anchor->setSuffix(tr(" steps"));
  m_anchor->setToolTip(
      tr("Re-encode the network state from the true position every N steps, as "
         "at the start of every training sequence; 0 = never (watch the decoded "
         "position drift)"));
  m_anchor->setFocusPolicy(Qt::ClickFocus);
  top->addWidget(m_placeCells);
  top->addSpacing(12);
  top->addWidget(new QLabel(tr("Re-anchor every"), this));
  top->addWidget(m_anchor);
  top->addStretch(1);
  layout->addLayout(top);
  m_header = new QLabel(this);
  m_header->setObjectName(QStringLiteral("arenaHeader"));
  m_header->setWordWrap(true);
  // A fixed height: a header that changes every frame must not relayout the window.
  m_header->setFixedHeight(m_header->fontMetrics().lineSpacing() * 3 + 4);
  m_header->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  layout->addWidget(m_header);
  m_canvas = new QWidget(this);
  m_canvas->setMinimumSize(200, 200);
  m_canvas->installEventFilter(this);
  m_canvas->setAttribute(Qt::WA_OpaquePaintEvent);
  layout->addWidget(m_canvas, 1);
  connect(m_placeCells, &QCheckBox::toggled, this, &GridArenaView::setShowPlaceCells);
  connect(m_anchor, &QSpinBox::editingFinished, this,
          [this] { emit anchorChanged(m_anchor->value()); });
}

void GridArenaView::setShowPlaceCells(bool on) {
  m_showPlaceCells = on;
  if (m_placeCells->isChecked() != on) m_placeCells->setChecked(on);
  m_canvas->update();
}

void GridArenaView::setPresentationScale(double scale) {
  m_scale = std::clamp(scale, 0.5, 4.0);
  QFont f = font();
  f.setPointSizeF(9 * m_scale);
  for (QWidget* w : std::initializer_list<QWidget*>{m_placeCells, m_anchor, m_header})
    w->setFont(f);
  m_header->setFixedHeight(QFontMetrics(f).lineSpacing() * 3 + 4);
  m_canvas->update();
}

void GridArenaView::setSnapshot(std::shared_ptr<const engine::GridSnapshot> snapshot) {
  m_snapshot = std::move(snapshot);
  if (!m_snapshot) return;
  const auto& live = m_snapshot->live;
  const bool cartesian = m_snapshot->readout == engine::GridReadout::Cartesian;
  m_anchor->setEnabled(!cartesian);
  m_placeCells->setEnabled(!cartesian);
  if (!m_anchor->hasFocus() && m_anchor->value() != live.anchorEvery) {
    const QSignalBlocker block(m_anchor);
    m_anchor->setValue(live.anchorEvery);
  }
  const QString header = headerText();
  if (header != m_header->text()) m_header->setText(header);
  m_canvas->update();
}

QString GridArenaView::headerText() const {
  if (!m_snapshot) return {};
  const auto& live = m_snapshot->live;
  double mean = 0;
  const int L = std::min<int>(100, int(live.errorTrace.size()));
  for (int k = int(live.errorTrace.size()) - L; k < int(live.errorTrace.size()); ++k)
    mean += live.errorTrace[size_t(k)];
  mean = L > 0 ? mean / L : 0;
  const double now = live.errorTrace.empty() ? 0.0 : live.errorTrace.back();
  QString text =
      tr("Trial %1, step %2 / %3 · decoding error %4 cm (mean of the last %5 steps %6 cm)")
          .arg(live.trial)
          .arg(live.step)
          .arg(live.steps)
          .arg(now, 0, 'f', 1)
          .arg(L)
          .arg(mean, 0, 'f', 1);
  if (live.anchorEvery > 0) text += tr(" · re-anchored %n step(s) ago", nullptr, live.sinceAnchor);
  if (!m_snapshot->interventions.empty()) {
    QStringList labels;
    for (const auto& i : m_snapshot->interventions)
      labels << (i.intervention.label.empty() ? tr("intervention")
                                              : QString::fromStdString(i.intervention.label));
    text += QStringLiteral("<br><b style='color:#B2182B'>%1</b>")
                .arg(labels.join(QStringLiteral("; ")).toHtmlEscaped());
  }
  return text;
}

QRectF GridArenaView::errorRect() const {
  const double h = 56 * m_scale;
  return QRectF(40 * m_scale, m_canvas->height() - h - 4, m_canvas->width() - 52 * m_scale,
                h - 16 * m_scale);
}

QRectF GridArenaView::arenaRect() const {
  // A legend row above the arena, the scale bar below it, the error strip at the bottom.
  const double margin = 10 * m_scale, legend = 18 * m_scale, bar = 16 * m_scale;
  return QRectF(margin, margin + legend, m_canvas->width() - 2 * margin,
                m_canvas->height() - 2 * margin - legend - bar - 60 * m_scale);
}

QPointF GridArenaView::toWidget(const Eigen::Vector2d& p) const {
  return m_transform.map(p) + QPointF(m_canvas->geometry().topLeft());
}

bool GridArenaView::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_canvas && event->type() == QEvent::Paint) {
    paintCanvas();
    return true;
  }
  return QWidget::eventFilter(watched, event);
}

void GridArenaView::paintCanvas() {
  QPainter p(m_canvas);
  p.fillRect(m_canvas->rect(), Qt::white);
  p.setRenderHint(QPainter::Antialiasing);
  QFont f = font();
  f.setPointSizeF(8.5 * m_scale);
  p.setFont(f);
  if (!m_snapshot || !m_snapshot->arena) {
    p.setPen(QColor(0x80, 0x80, 0x80));
    p.drawText(m_canvas->rect(), Qt::AlignCenter, tr("No run yet"));
    return;
  }
  const auto& arena = *m_snapshot->arena;
  m_transform = ArenaTransform(arena.box, arenaRect());
  // Interior, walls.
  QPolygonF poly;
  for (const auto& w : arena.walls) poly << m_transform.map(w.a);
  p.setPen(Qt::NoPen);
  p.setBrush(QColor(0xF3, 0xF6, 0xFA));
  p.drawPolygon(poly);
  if (m_showPlaceCells && arena.placeCellCentres.cols() > 0) {
    p.setBrush(QColor(0x56, 0xB4, 0xE9, 150));
    const double r = 2.2 * m_scale;
    for (Eigen::Index k = 0; k < arena.placeCellCentres.cols(); ++k)
      p.drawEllipse(m_transform.map(Eigen::Vector2d(arena.placeCellCentres.col(k))), r, r);
    // One σ circle for scale, on the first centre.
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(QColor(0x56, 0xB4, 0xE9), 1.0 * m_scale, Qt::DashLine));
    const double s = arena.placeCellSigma * m_transform.scale();
    p.drawEllipse(m_transform.map(Eigen::Vector2d(arena.placeCellCentres.col(0))), s, s);
  }
  drawArenaWalls(p, arena.walls, m_transform, QColor(0x30, 0x30, 0x30), 3.0 * m_scale);

  // Trails: older points fade.
  const auto& live = m_snapshot->live;
  // Trails fade with age: drawn as a few polylines of increasing opacity (one polyline per
  // eighth of the trail keeps a frame cheap).
  auto trail = [&](const Eigen::MatrixXd& pts, const QColor& c, double width) {
    const int L = int(pts.cols()), pieces = 8;
    p.setBrush(Qt::NoBrush);
    for (int k = 0; k < pieces && L >= 2; ++k) {
      const int from = (L - 1) * k / pieces, to = (L - 1) * (k + 1) / pieces;
      if (to <= from) continue;
      QPolygonF line;
      for (int j = from; j <= to; ++j) line << m_transform.map(Eigen::Vector2d(pts.col(j)));
      QColor col = c;
      col.setAlphaF(float(0.15 + 0.85 * double(k + 1) / pieces));
      p.setPen(QPen(col, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
      p.drawPolyline(line);
    }
  };
  trail(live.trueTrail, truePositionColor(), 2.0 * m_scale);
  trail(live.decodedTrail, decodedPositionColor(), 1.4 * m_scale);
  // Current positions and the error between them.
  const QPointF t = m_transform.map(live.truePosition), d = m_transform.map(live.decodedPosition);
  p.setPen(QPen(QColor(0x70, 0x70, 0x70), 1.2 * m_scale, Qt::DashLine));
  p.drawLine(t, d);
  p.setPen(QPen(Qt::white, 1.5 * m_scale));
  p.setBrush(truePositionColor());
  p.drawEllipse(t, 6.5 * m_scale, 6.5 * m_scale);
  p.setPen(QPen(decodedPositionColor(), 3.0 * m_scale));
  p.setBrush(Qt::NoBrush);
  p.drawEllipse(d, 8.0 * m_scale, 8.0 * m_scale);

  // Legend and scale bar.
  const QFontMetricsF fm(f);
  const QRectF ar = arenaRect();
  const double y = 10 * m_scale + fm.ascent();
  p.setPen(truePositionColor());
  const QString trueText = tr("● true position"), decodedText = tr("○ decoded position");
  p.drawText(QPointF(ar.left(), y), trueText);
  p.setPen(decodedPositionColor());
  p.drawText(QPointF(ar.left() + fm.horizontalAdvance(trueText) + 14 * m_scale, y), decodedText);
  // Scale bar below the arena's bottom-right corner.
  const double barMetres = arena.box.width() > 1.5 ? 0.5 : 0.2;
  const double barPx = barMetres * m_transform.scale();
  const QRectF drawn = m_transform.mapped(arena.box);
  const QPointF b0(drawn.right() - barPx, drawn.bottom() + 8 * m_scale);
  p.setPen(QPen(QColor(0x30, 0x30, 0x30), 2.0 * m_scale));
  p.drawLine(b0, b0 + QPointF(barPx, 0));
  const QString barText = tr("%1 cm").arg(barMetres * 100, 0, 'f', 0);
  p.drawText(
      QPointF(b0.x() - fm.horizontalAdvance(barText) - 6 * m_scale, b0.y() + fm.ascent() / 2 - 1),
      barText);

  // Decoding error over the trail.
  const QRectF er = errorRect();
  const auto& e = live.errorTrace;
  double top = 10.0;
  for (float v : e) top = std::max(top, double(v));
  top = std::ceil(top / 10.0) * 10.0;
  p.setPen(QPen(QColor(0xC8, 0xC8, 0xC8), 1.0));
  p.setBrush(Qt::NoBrush);
  p.drawRect(er);
  p.setPen(QColor(0x40, 0x40, 0x40));
  p.drawText(QRectF(0, er.top() - 2, er.left() - 4, fm.height()), Qt::AlignRight,
             tr("%1").arg(top, 0, 'f', 0));
  p.drawText(QRectF(0, er.bottom() - fm.height() + 2, er.left() - 4, fm.height()), Qt::AlignRight,
             QStringLiteral("0"));
  p.drawText(QRectF(er.left(), er.bottom() + 1, er.width(), fm.height()), Qt::AlignCenter,
             fm.elidedText(tr("decoding error (cm), last %1 steps").arg(e.size()), Qt::ElideRight,
                           er.width()));
  if (e.size() >= 2) {
    QPainterPath path;
    const int L = int(e.size());
    for (int k = 0; k < L; ++k) {
      const QPointF q(er.left() + er.width() * k / double(L - 1),
                      er.bottom() - er.height() * std::min(1.0, double(e[size_t(k)]) / top));
      if (k == 0)
        path.moveTo(q);
      else
        path.lineTo(q);
    }
    p.setPen(QPen(decodedPositionColor(), 1.5 * m_scale));
    p.drawPath(path);
  }
}

bool GridArenaView::exportData(const QString& csvPath) const {
  std::vector<QStringList> rows;
  if (m_snapshot) {
    const auto& l = m_snapshot->live;
    const Eigen::Index L = l.trueTrail.cols();
    for (Eigen::Index k = 0; k < L; ++k)
      rows.push_back(
          {QString::number(l.step - (L - 1) + k), csvNumber(l.trueTrail(0, k)),
           csvNumber(l.trueTrail(1, k)), csvNumber(l.decodedTrail(0, k)),
           csvNumber(l.decodedTrail(1, k)),
           csvNumber(k < Eigen::Index(l.errorTrace.size()) ? l.errorTrace[size_t(k)] : NAN)});
  }
  return writeCsv(csvPath,
                  {"step", "true_x_m", "true_y_m", "decoded_x_m", "decoded_y_m", "error_cm"}, rows);
}

}  // namespace emergence::widgets
