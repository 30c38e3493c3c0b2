#include "widgets/grid_rate_map_mosaic.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollArea>
#include <QScrollBar>
#include <QStaticText>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "widgets/view_support.h"

namespace emergence::widgets {

namespace {
constexpr int kMinFitSide = 28, kMaxFitSide = 160, kGap = 2;

QString number(double v, int decimals = 2) {
  return std::isfinite(v) ? QString::number(v, 'f', decimals) : QStringLiteral("–");
}
}  // namespace

class GridRateMapMosaic::Canvas : public QWidget {
 public:
  explicit Canvas(GridRateMapMosaic* owner) : QWidget(owner), m_owner(owner) {
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMouseTracking(true);
    setObjectName(QStringLiteral("mosaicCanvas"));
  }

 protected:
  void paintEvent(QPaintEvent* e) override {
    if (m_owner->m_composeDue) m_owner->compose();
    QPainter p(this);
    p.drawImage(e->rect(), m_owner->m_composed,
                QRectF(QPointF(e->rect().topLeft()) * m_owner->m_composed.devicePixelRatio(),
                       QSizeF(e->rect().size()) * m_owner->m_composed.devicePixelRatio()));
    const int sel = m_owner->m_selected;
    const auto& order = m_owner->m_order;
    const auto it = std::find(order.begin(), order.end(), sel);
    if (it != order.end()) {
      const QRect r = m_owner->canvasTileRect(int(it - order.begin()));
      p.setPen(QPen(palette().highlight().color(), 3.0 * m_owner->m_scale));
      p.setBrush(Qt::NoBrush);
      p.drawRect(r.adjusted(1, 1, -1, -1));
    }
  }
  void mousePressEvent(QMouseEvent* e) override {
    if (e->button() != Qt::LeftButton) return;
    const int u = m_owner->unitAtCanvas(e->position().toPoint());
    if (u >= 0) {
      m_owner->setSelectedUnit(u);
      emit m_owner->unitClicked(u);
    }
  }
  bool event(QEvent* e) override {
    if (e->type() == QEvent::ToolTip) {
      auto* he = static_cast<QHelpEvent*>(e);
      const int u = m_owner->unitAtCanvas(he->pos());
      if (u >= 0)
        QToolTip::showText(he->globalPos(), m_owner->toolTipFor(u), this);
      else
        QToolTip::hideText();
      return true;
    }
    return QWidget::event(e);
  }

 private:
  GridRateMapMosaic* m_owner;
};

GridRateMapMosaic::GridRateMapMosaic(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->setSpacing(4);
  auto* top = new QHBoxLayout;
  m_sourceBox = new QComboBox(this);
  m_sourceBox->setObjectName(QStringLiteral("sourceBox"));
  m_sourceBox->addItem(tr("Live (training batches)"));
  m_sourceBox->addItem(tr("Evaluation"));
  m_sourceBox->addItem(tr("Arena test"));
  m_sourceBox->setToolTip(
      tr("Live: maps from the last training batches. Evaluation: the last full "
         "evaluation (fixed trials, noise off). Arena test: the trained network "
         "in the arena of the arena editor."));
  m_sortBox = new QComboBox(this);
  m_sortBox->setObjectName(QStringLiteral("sortBox"));
  m_sortBox->addItem(tr("Grid score (60°)"));
  m_sortBox->addItem(tr("Border score"));
  m_sortBox->addItem(tr("Band score"));
  m_sortBox->addItem(tr("Mean rate"));
  m_sortBox->addItem(tr("Unit index"));
  m_sizeBox = new QComboBox(this);
  m_sizeBox->setObjectName(QStringLiteral("tileSizeBox"));
  m_sizeBox->addItem(tr("Fit all"), 0);
  for (int px : {32, 48, 64, 96, 128}) m_sizeBox->addItem(tr("%1 px").arg(px), px);
  m_smoothBox = new QCheckBox(tr("Smooth"), this);
  m_smoothBox->setToolTip(tr("Display smoothing, σ = 1 bin (scores use the raw maps)"));
  top->addWidget(new QLabel(tr("Maps:"), this));
  top->addWidget(m_sourceBox);
  top->addWidget(new QLabel(tr("Sort by:"), this));
  top->addWidget(m_sortBox);
  top->addWidget(m_sizeBox);
  top->addWidget(m_smoothBox);
  top->addStretch(1);
  layout->addLayout(top);
  m_header = new QLabel(this);
  m_header->setObjectName(QStringLiteral("mosaicHeader"));
  layout->addWidget(m_header);
  m_scroll = new QScrollArea(this);
  m_scroll->setWidgetResizable(false);
  m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  m_scroll->setFrameShape(QFrame::NoFrame);
  m_canvas = new Canvas(this);
  m_scroll->setWidget(m_canvas);
  m_scroll->viewport()->installEventFilter(this);  // relayout when the visible area changes
  layout->addWidget(m_scroll, 1);
  connect(m_sourceBox, &QComboBox::currentIndexChanged, this,
          [this](int i) { setSource(GridMapSource(i)); });
  connect(m_sortBox, &QComboBox::currentIndexChanged, this,
          [this](int i) { setSortKey(SortKey(i)); });
  connect(m_sizeBox, &QComboBox::currentIndexChanged, this,
          [this](int i) { setTileSize(m_sizeBox->itemData(i).toInt()); });
  connect(m_smoothBox, &QCheckBox::toggled, this, &GridRateMapMosaic::setSmoothing);
  updateHeader();
}

GridRateMapMosaic::~GridRateMapMosaic() = default;

QWidget* GridRateMapMosaic::canvas() const { return m_canvas; }

void GridRateMapMosaic::setSnapshot(std::shared_ptr<const engine::GridSnapshot> snapshot) {
  m_snapshot = std::move(snapshot);
  refresh(false);
}

void GridRateMapMosaic::setPresentationScale(double scale) {
  m_scale = std::clamp(scale, 0.5, 4.0);
  QFont f = font();
  f.setPointSizeF(9 * m_scale);
  for (QWidget* w :
       std::initializer_list<QWidget*>{m_sourceBox, m_sortBox, m_sizeBox, m_smoothBox, m_header})
    w->setFont(f);
  m_composeDue = true;
  relayout();
}

void GridRateMapMosaic::setSource(GridMapSource source) {
  m_source = source;
  if (m_sourceBox->currentIndex() != int(source)) m_sourceBox->setCurrentIndex(int(source));
  refresh(true);
}

void GridRateMapMosaic::setSortKey(SortKey key) {
  m_sort = key;
  if (m_sortBox->currentIndex() != int(key)) m_sortBox->setCurrentIndex(int(key));
  sortUnits();
  m_composeDue = true;
  updateHeader();
  m_canvas->update();
}

void GridRateMapMosaic::setSmoothing(bool on) {
  m_smooth = on;
  if (m_smoothBox->isChecked() != on) m_smoothBox->setChecked(on);
  refresh(true);
}

void GridRateMapMosaic::setTileSize(int pixels) {
  m_tileSize = pixels <= 0 ? Fit : std::clamp(pixels, 16, 400);
  relayout();
}

void GridRateMapMosaic::setSelectedUnit(int unit) {
  m_selected = unit;
  m_canvas->update();
}

void GridRateMapMosaic::refresh(bool force) {
  if (!m_snapshot) return;
  // Live maps appear after the first updates of a run; until then the last evaluation is shown.
  const GridMapSource shown =
      m_source == GridMapSource::Live && !m_snapshot->liveMaps && m_snapshot->evaluation
          ? GridMapSource::Evaluation
          : m_source;
  const std::uint64_t key =
      gridSourceVersion(*m_snapshot, shown) * 4 + (m_smooth ? 1 : 0) + (shown != m_source ? 2 : 0);
  if (!force && key == m_dataKey) return;  // same product: keep the cached tiles
  m_dataKey = key;
  m_shownSource = shown;
  m_scores = gridUnitScores(*m_snapshot, shown);
  renderTiles();
  sortUnits();
  m_composeDue = true;
  updateHeader();
  relayout();
  m_canvas->update();
}

void GridRateMapMosaic::renderTiles() {
  m_scaled.clear();  // re-scaled at the next composition
  m_tiles.assign(size_t(m_scores.units), QImage());
  for (int u = 0; u < m_scores.units; ++u) {
    m_tiles[size_t(u)] = rateMapImage(*m_scores.maps[size_t(u)], m_smooth ? 1.0 : 0.0);
    ++m_tileRenders;
  }
}

double GridRateMapMosaic::keyOf(int u) const {
  const size_t k = size_t(u);
  switch (m_sort) {
    case SortKey::GridScore:
      return m_scores.score60[k];
    case SortKey::BorderScore:
      return m_scores.border[k];
    case SortKey::BandScore:
      return m_scores.band[k];
    case SortKey::MeanRate:
      return m_scores.meanRate[k];
    case SortKey::UnitIndex:
      return -double(u);
  }
  return 0;
}

void GridRateMapMosaic::sortUnits() {
  m_order.resize(size_t(m_scores.units));
  std::iota(m_order.begin(), m_order.end(), 0);
  // Descending by the key, NaN last, ties by index.
  std::stable_sort(m_order.begin(), m_order.end(), [this](int a, int b) {
    const double ka = keyOf(a), kb = keyOf(b);
    if (std::isnan(ka) != std::isnan(kb)) return std::isnan(kb);
    if (std::isnan(ka)) return a < b;
    return ka > kb;
  });
}

QString GridRateMapMosaic::tileLabel(int unit) const {
  if (unit < 0 || unit >= m_scores.units) return {};
  switch (m_sort) {
    case SortKey::BorderScore:
      return number(m_scores.border[size_t(unit)]);
    case SortKey::BandScore:
      return number(m_scores.band[size_t(unit)]);
    case SortKey::MeanRate:
      return number(m_scores.meanRate[size_t(unit)], 3);
    default:
      return number(m_scores.score60[size_t(unit)]);
  }
}

void GridRateMapMosaic::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  relayout();
}

bool GridRateMapMosaic::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_scroll->viewport() && event->type() == QEvent::Resize) relayout();
  return QWidget::eventFilter(watched, event);
}

void GridRateMapMosaic::relayout() {
  const int n = std::max(1, m_scores.units);
  const QSize view = m_scroll->viewport()->size();
  const int width = std::max(40, view.width());
  int side = m_tileSize;
  if (m_tileSize == Fit) {
    side = int(kMinFitSide * m_scale);
    for (int s = int(kMaxFitSide * m_scale); s >= int(kMinFitSide * m_scale); --s) {
      const int cols = std::max(1, width / s);
      const int rows = (n + cols - 1) / cols;
      if (rows * s <= view.height()) {
        side = s;
        break;
      }
    }
  }
  side = std::max(8, side);
  const int cols = std::max(1, width / side);
  const int rows = (n + cols - 1) / cols;
  const QSize size(width, std::max(side, rows * side));
  const int offset = std::max(0, (width - std::min(cols, n) * side) / 2);  // centred
  if (side != m_side || cols != m_columns || size != m_canvas->size() || offset != m_offsetX) {
    m_side = side;
    m_columns = cols;
    m_offsetX = offset;
    m_canvas->resize(size);
    m_composeDue = true;
  }
  m_canvas->update();
}

QRect GridRateMapMosaic::canvasTileRect(int k) const {
  const int row = k / std::max(1, m_columns), col = k % std::max(1, m_columns);
  return QRect(m_offsetX + col * m_side, row * m_side, m_side, m_side);
}

QRect GridRateMapMosaic::tileRect(int k) const {
  return canvasTileRect(k).translated(m_canvas->mapTo(this, QPoint(0, 0)));
}

int GridRateMapMosaic::unitAtCanvas(const QPoint& p) const {
  if (m_side <= 0 || p.x() < 0 || p.y() < 0) return -1;
  if (p.x() < m_offsetX) return -1;
  const int col = (p.x() - m_offsetX) / m_side, row = p.y() / m_side;
  if (col >= m_columns) return -1;
  const int k = row * m_columns + col;
  return k >= 0 && k < int(m_order.size()) ? m_order[size_t(k)] : -1;
}

void GridRateMapMosaic::compose() {
  m_composeDue = false;
  ++m_composes;
  const qreal dpr = devicePixelRatioF();
  const QSize logical = m_canvas->size();
  m_composed = QImage(logical * dpr, QImage::Format_RGB32);
  m_composed.setDevicePixelRatio(dpr);
  const QColor background = palette().color(QPalette::Base);
  m_composed.fill(background);
  QPainter p(&m_composed);
  if (m_scores.units == 0) {
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(QRect(QPoint(0, 0), logical), Qt::AlignCenter,
               m_source == GridMapSource::ArenaTest
                   ? tr("No arena test yet: Lab → Arena editor → Re-evaluate")
                   : tr("No rate maps yet"));
    return;
  }
  p.setRenderHint(QPainter::SmoothPixmapTransform, false);
  QFont f = font();
  const int textPx = std::clamp(int(m_side * 0.24), 8, int(16 * m_scale));
  f.setPixelSize(textPx);
  p.setFont(f);
  const bool text = m_side >= 24;
  const int strip = std::max(2, m_side / 14);
  const bool haveClasses = int(m_scores.classes.size()) == m_scores.units;
  // Tiles pre-scaled to the tile size at the device pixel ratio (nearest neighbour, crisp bins),
  // so composing is a plain blit per tile; redone only when the tiles or their size change.
  const QSize innerSize(m_side - kGap, m_side - kGap);
  if (m_scaledSize != innerSize * dpr || m_scaled.size() != m_tiles.size()) {
    m_scaledSize = innerSize * dpr;
    m_scaled.resize(m_tiles.size());
    for (size_t u = 0; u < m_tiles.size(); ++u) {
      m_scaled[u] = m_tiles[u].scaled(m_scaledSize, Qt::IgnoreAspectRatio, Qt::FastTransformation);
      m_scaled[u].setDevicePixelRatio(dpr);
    }
  }
  for (int k = 0; k < int(m_order.size()); ++k) {
    const int u = m_order[size_t(k)];
    const QRect tile = canvasTileRect(k);
    const QRect inner = tile.adjusted(kGap / 2, kGap / 2, -kGap / 2, -kGap / 2);
    p.drawImage(inner.topLeft(), m_scaled[size_t(u)]);
    if (haveClasses && m_scores.classes[size_t(u)] != engine::SpatialClass::Other)
      p.fillRect(QRect(inner.topLeft(), QSize(inner.width(), strip)),
                 spatialClassColor(m_scores.classes[size_t(u)]));
    if (text) {
      // Labels as cached QStaticText (a few hundred distinct numbers): much cheaper than
      // laying out text for every tile.
      const QRect band(inner.left(), inner.bottom() - textPx - 2, inner.width(), textPx + 3);
      p.fillRect(band, QColor(0, 0, 0, 140));
      p.setPen(Qt::white);
      const QStaticText& label = staticText(tileLabel(u), f);
      p.drawStaticText(
          QPointF(band.left() + 2, band.top() + (band.height() - label.size().height()) / 2),
          label);
      if (m_side >= 84) {
        const QStaticText& index = staticText(QStringLiteral("#%1").arg(u), f);
        p.drawStaticText(QPointF(band.right() - 2 - index.size().width(),
                                 band.top() + (band.height() - index.size().height()) / 2),
                         index);
      }
    }
  }
}

const QStaticText& GridRateMapMosaic::staticText(const QString& text, const QFont& font) {
  if (m_textFont != font) {
    m_textCache.clear();
    m_textFont = font;
  }
  auto it = m_textCache.find(text);
  if (it == m_textCache.end()) {
    QStaticText t(text);
    t.setTextFormat(Qt::PlainText);
    t.prepare(QTransform(), font);
    it = m_textCache.emplace(text, std::move(t)).first;
  }
  return it->second;
}

QString GridRateMapMosaic::toolTipFor(int u) const {
  const size_t k = size_t(u);
  QString cls;
  if (int(m_scores.classes.size()) == m_scores.units)
    cls = QStringLiteral(" (%1)").arg(spatialClassDisplayName(m_scores.classes[k]));
  return tr("Unit %1%2\nscore60 %3   score90 %4\nborder %5   band %6\nmean rate %7   spacing %8 cm")
      .arg(u)
      .arg(cls)
      .arg(number(m_scores.score60[k]), number(m_scores.score90[k]), number(m_scores.border[k]),
           number(m_scores.band[k]), number(m_scores.meanRate[k], 3),
           number(100.0 * m_scores.spacingM[k], 0));
}

void GridRateMapMosaic::updateHeader() {
  static const char* sortNames[] = {QT_TR_NOOP("grid score"), QT_TR_NOOP("border score"),
                                    QT_TR_NOOP("band score"), QT_TR_NOOP("mean rate"),
                                    QT_TR_NOOP("unit index")};
  if (!m_scores.valid()) {
    m_header->setText(tr("Waiting for rate maps…"));
    return;
  }
  QString what;
  if (m_shownSource == GridMapSource::Live && m_snapshot && m_snapshot->liveMaps)
    what = tr("Live maps of updates %1–%2")
               .arg(m_snapshot->liveMaps->fromUpdate + 1)
               .arg(m_scores.atUpdate);
  else if (m_shownSource == GridMapSource::ArenaTest && m_snapshot && m_snapshot->arenaTest)
    what =
        tr("Arena test (%1) at update %2")
            .arg(arenaDisplayDescription(m_snapshot->arenaTest->arena))
            .arg(m_scores.atUpdate);
  else
    what = m_source == GridMapSource::Live
               ? tr("Evaluation at update %1 (live maps after the first updates)")
                     .arg(m_scores.atUpdate)
               : tr("Evaluation at update %1").arg(m_scores.atUpdate);
  int grid = 0;
  for (auto c : m_scores.classes) grid += c == engine::SpatialClass::Grid;
  m_header->setText(
      tr("%1 · %2 units · sorted by %3%4")
          .arg(what)
          .arg(m_scores.units)
          .arg(tr(sortNames[int(m_sort)]))
          .arg(m_scores.classes.empty() ? QString() : tr(" · %1 grid units").arg(grid)));
}

bool GridRateMapMosaic::exportData(const QString& csvPath) const {
  std::vector<QStringList> rows;
  const bool haveClasses = int(m_scores.classes.size()) == m_scores.units;
  for (size_t k = 0; k < m_order.size(); ++k) {
    const size_t u = size_t(m_order[k]);
    rows.push_back({QString::number(k), QString::number(u),
                    haveClasses ? QString::fromLatin1(engine::spatialClassName(m_scores.classes[u]))
                                : QString(),
                    csvNumber(m_scores.score60[u]), csvNumber(m_scores.score90[u]),
                    csvNumber(m_scores.border[u]), csvNumber(m_scores.band[u]),
                    csvNumber(m_scores.meanRate[u]), csvNumber(100.0 * m_scores.spacingM[u]),
                    csvNumber(m_scores.orientationDeg[u])});
  }
  return writeCsv(csvPath,
                  {"position", "unit", "class", "score60", "score90", "border", "band", "mean_rate",
                   "spacing_cm", "orientation_deg"},
                  rows);
}

}  // namespace emergence::widgets
