#include "app/grid_experiment_panel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace emergence::app {

using engine::ArenaShape;

GridExperimentPanel::GridExperimentPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addWidget(buildArenaBox());
  layout->addWidget(buildRetrainBox());
  layout->addWidget(buildEvaluationBox());
  layout->addStretch(1);
  setConfig(engine::gridPreset("default"));
}

QWidget* GridExperimentPanel::buildArenaBox() {
  auto* box = new QGroupBox(tr("Arena editor"), this);
  auto* form = new QFormLayout(box);
  m_shape = new QComboBox(box);
  m_shape->setObjectName(QStringLiteral("arenaShape"));
  const std::pair<ArenaShape, QString> shapes[] = {
      {ArenaShape::Square, tr("Square")},
      {ArenaShape::Rectangle, tr("Rectangle")},
      {ArenaShape::Circle, tr("Circle")},
      {ArenaShape::Triangle, tr("Equilateral triangle")},
      {ArenaShape::Hexagon, tr("Regular hexagon")}};
  for (const auto& [s, name] : shapes) m_shape->addItem(name, int(s));
  form->addRow(tr("Shape"), m_shape);
  auto spin = [box](const char* name) {
    auto* s = new QDoubleSpinBox(box);
    s->setObjectName(QString::fromLatin1(name));
    s->setRange(0.1, 20.0);
    s->setDecimals(2);
    s->setSingleStep(0.1);
    s->setSuffix(tr(" m"));
    return s;
  };
  m_side = spin("arenaSide");
  m_width = spin("arenaWidth");
  m_height = spin("arenaHeight");
  m_radius = spin("arenaRadius");
  m_sideLabel = new QLabel(tr("Side"), box);
  m_widthLabel = new QLabel(tr("Width"), box);
  m_heightLabel = new QLabel(tr("Height"), box);
  m_radiusLabel = new QLabel(tr("Radius"), box);
  form->addRow(m_sideLabel, m_side);
  form->addRow(m_widthLabel, m_width);
  form->addRow(m_heightLabel, m_height);
  form->addRow(m_radiusLabel, m_radius);
  connect(m_shape, &QComboBox::currentIndexChanged, this, &GridExperimentPanel::updateSizeFields);
  auto* row = new QHBoxLayout;
  auto* test = new QPushButton(tr("Re-evaluate here"), box);
  test->setObjectName(QStringLiteral("evaluateInArena"));
  test->setToolTip(
      tr("Evaluate the trained network, unchanged, in this arena: its rate maps appear "
         "in the mosaic (Maps: Arena test) and deform with the walls."));
  auto* retrainHere = new QPushButton(tr("Retrain here"), box);
  retrainHere->setObjectName(QStringLiteral("retrainInArena"));
  retrainHere->setToolTip(tr("Start a new run (same seed and settings) in this arena."));
  row->addWidget(test);
  row->addWidget(retrainHere);
  form->addRow(row);
  connect(test, &QPushButton::clicked, this, [this] { emit evaluateInArena(arena()); });
  connect(retrainHere, &QPushButton::clicked, this, [this] {
    engine::GridRunConfig c = m_config;
    c.arena = arena();
    emit retrain(c);
  });
  return box;
}

QWidget* GridExperimentPanel::buildRetrainBox() {
  auto* box = new QGroupBox(tr("Retrain to compare"), this);
  auto* form = new QFormLayout(box);
  m_readout = new QComboBox(box);
  m_readout->setObjectName(QStringLiteral("readout"));
  m_readout->addItem(tr("Place cells (Sorscher)"), int(engine::GridReadout::PlaceCells));
  m_readout->addItem(tr("Cartesian x, y (Cueva & Wei)"), int(engine::GridReadout::Cartesian));
  m_readout->setToolTip(
      tr("Only the readout changes; arena, trajectories, training recipe and seed "
         "stay. Cartesian readouts are not expected to give hexagonal grids."));
  form->addRow(tr("Readout"), m_readout);
  m_activity = new QDoubleSpinBox(box);
  m_activity->setObjectName(QStringLiteral("metabolicCost"));
  m_activity->setRange(0.0, 10.0);
  m_activity->setDecimals(4);
  m_activity->setSingleStep(0.01);
  m_activity->setSpecialValueText(tr("off"));
  m_activity->setToolTip(
      tr("Metabolic cost λ · mean(activity²) (CW18's firing-rate penalty); 0 = off"));
  form->addRow(tr("Metabolic cost λ"), m_activity);
  m_noise = new QDoubleSpinBox(box);
  m_noise->setObjectName(QStringLiteral("noise"));
  m_noise->setRange(0.0, 5.0);
  m_noise->setDecimals(3);
  m_noise->setSingleStep(0.05);
  m_noise->setSpecialValueText(tr("off"));
  m_noise->setToolTip(
      tr("SD of the CTRNN's noise (Cartesian readout); the place-cell RNN is noise-free"));
  form->addRow(tr("Noise SD"), m_noise);
  connect(m_readout, &QComboBox::currentIndexChanged, this, [this] {
    m_noise->setEnabled(engine::GridReadout(m_readout->currentData().toInt()) ==
                        engine::GridReadout::Cartesian);
  });
  auto* start = new QPushButton(tr("Retrain with these settings"), box);
  start->setObjectName(QStringLiteral("retrain"));
  start->setToolTip(
      tr("Starts a new run with the same seed; save the current run first (Ctrl+S) to "
         "compare the two later (autosave keeps it too)."));
  connect(start, &QPushButton::clicked, this, [this] { emit retrain(retrainConfig()); });
  form->addRow(start);
  auto* note = new QLabel(tr("<small>These change the network itself, so they start a new run "
                             "(\"retrain to compare\").</small>"),
                          box);
  note->setWordWrap(true);
  form->addRow(note);
  return box;
}

QWidget* GridExperimentPanel::buildEvaluationBox() {
  auto* box = new QGroupBox(tr("Evaluation"), this);
  auto* form = new QFormLayout(box);
  m_evaluate = new QPushButton(tr("Evaluate now"), box);
  m_evaluate->setObjectName(QStringLiteral("evaluateNow"));
  m_evaluate->setToolTip(
      tr("Rate maps, scores, classes and tuning of the current network on the "
         "fixed evaluation trials, in the background (progress and Cancel in "
         "the status bar)"));
  connect(m_evaluate, &QPushButton::clicked, this, &GridExperimentPanel::evaluateNow);
  m_evaluationStatus = new QLabel(box);
  m_evaluationStatus->setObjectName(QStringLiteral("evaluationStatus"));
  m_evaluationStatus->setWordWrap(true);
  form->addRow(m_evaluate, m_evaluationStatus);
  m_mapWindow = new QSpinBox(box);
  m_mapWindow->setObjectName(QStringLiteral("mapWindow"));
  m_mapWindow->setRange(2, 100000);
  m_mapWindow->setValue(50);
  m_mapWindow->setSuffix(tr(" updates"));
  m_mapWindow->setToolTip(tr("The live maps cover the last half to whole of this many updates"));
  connect(m_mapWindow, &QSpinBox::editingFinished, this,
          [this] { emit mapWindowChanged(m_mapWindow->value()); });
  form->addRow(tr("Live maps over"), m_mapWindow);
  return box;
}

void GridExperimentPanel::setEvaluationRunning(bool running, const QString& status) {
  m_evaluationStatus->setText(status);
  m_evaluate->setEnabled(!running);
}

void GridExperimentPanel::updateSizeFields() {
  const auto s = ArenaShape(m_shape->currentData().toInt());
  const bool side =
      s == ArenaShape::Square || s == ArenaShape::Triangle || s == ArenaShape::Hexagon;
  const bool rect = s == ArenaShape::Rectangle, circle = s == ArenaShape::Circle;
  for (QWidget* w : {static_cast<QWidget*>(m_side), static_cast<QWidget*>(m_sideLabel)})
    w->setVisible(side);
  for (QWidget* w : {static_cast<QWidget*>(m_width), static_cast<QWidget*>(m_widthLabel),
                     static_cast<QWidget*>(m_height), static_cast<QWidget*>(m_heightLabel)})
    w->setVisible(rect);
  for (QWidget* w : {static_cast<QWidget*>(m_radius), static_cast<QWidget*>(m_radiusLabel)})
    w->setVisible(circle);
}

void GridExperimentPanel::setArena(const engine::ArenaSpec& a) {
  m_shape->setCurrentIndex(m_shape->findData(int(a.shape)));
  m_side->setValue(a.side);
  m_width->setValue(a.width);
  m_height->setValue(a.height);
  m_radius->setValue(a.radius);
  updateSizeFields();
}

engine::ArenaSpec GridExperimentPanel::arena() const {
  engine::ArenaSpec a;
  a.shape = ArenaShape(m_shape->currentData().toInt());
  a.side = m_side->value();
  a.width = m_width->value();
  a.height = m_height->value();
  a.radius = m_radius->value();
  return a;
}

void GridExperimentPanel::setConfig(const engine::GridRunConfig& c) {
  m_config = c;
  engine::ArenaSpec a = c.arena;
  // Sensible sizes for the shapes the run does not use: the same extent as the run's arena.
  const engine::Box2 box = engine::Arena(c.arena).boundingBox();
  const double extent = std::max(box.width(), box.height());
  if (a.shape != ArenaShape::Square && a.shape != ArenaShape::Triangle &&
      a.shape != ArenaShape::Hexagon)
    a.side = extent;
  if (a.shape != ArenaShape::Rectangle) {
    a.width = extent * 1.5;
    a.height = extent;
  }
  if (a.shape != ArenaShape::Circle) a.radius = extent / 2;
  setArena(a);
  setReadout(c.readout);
  setMetabolicCost(c.training.activityL2);
  setNoise(c.cartesianModel.noiseStd);
}

void GridExperimentPanel::setReadout(engine::GridReadout r) {
  m_readout->setCurrentIndex(m_readout->findData(int(r)));
  m_noise->setEnabled(r == engine::GridReadout::Cartesian);
}
void GridExperimentPanel::setMetabolicCost(double lambda) { m_activity->setValue(lambda); }
void GridExperimentPanel::setNoise(double sd) { m_noise->setValue(sd); }

engine::GridRunConfig GridExperimentPanel::retrainConfig() const {
  engine::GridRunConfig c = m_config;
  c.arena = arena();
  c.readout = engine::GridReadout(m_readout->currentData().toInt());
  c.training.activityL2 = m_activity->value();
  c.cartesianModel.noiseStd = m_noise->value();
  // The preset name stays: config.json is read back by overlaying its fields on that preset,
  // and some model settings (e.g. the CTRNN's self-connection mask) are not written.
  c.normalise();
  return c;
}

}  // namespace emergence::app
