// MainWindow: actions, menus, toolbar, transport, presentation mode, theme, export.
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QRandomGenerator>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>

#include "app/autosaver.h"
#include "app/fixed_points_controller.h"
#include "app/main_window.h"
#include "app/shortcut_sheet.h"
#include "app/view_export.h"

namespace emergence::app {

using engine::HdCommand;

void MainWindow::createActions() {
  auto make = [this](const QString& text, std::initializer_list<QKeySequence> keys,
                     auto slot) {
    auto* a = new QAction(text, this);
    a->setShortcuts(QList<QKeySequence>(keys));
    a->setShortcutContext(Qt::WindowShortcut);
    connect(a, &QAction::triggered, this, slot);
    addAction(a);  // shortcuts keep working when menus and toolbars are hidden
    if (!a->shortcuts().isEmpty()) m_shortcutActions << a;
    return a;
  };
  m_playAction = make(tr("Start"), {Qt::Key_Space}, [this] { togglePlay(); });
  m_playAction->setCheckable(true);
  m_playAction->setToolTip(tr("Start or pause training (Space)"));
  make(tr("Step"), {Qt::Key_S, Qt::Key_Right, Qt::Key_Period}, [this] { singleStep(); })
      ->setObjectName(QStringLiteral("stepAction"));
  make(tr("Fast-forward"), {Qt::Key_F}, [this] { fastForward(); })
      ->setObjectName(QStringLiteral("fastForwardAction"));
  make(tr("Slower"), {Qt::Key_BracketLeft}, [this] { setSpeed(m_speed->value() - 1); });
  make(tr("Faster"), {Qt::Key_BracketRight}, [this] { setSpeed(m_speed->value() + 1); });
  for (int level = 0; level <= 4; ++level)
    make(tr("Speed %1").arg(level), {QKeySequence(Qt::Key_0 + level)}, [this, level] { setSpeed(level); });
  make(tr("Reset (same seed)"), {QKeySequence(Qt::CTRL | Qt::Key_R)}, [this] { resetRun(false); })
      ->setObjectName(QStringLiteral("resetSameSeed"));
  make(tr("Reset (new seed)"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)}, [this] { resetRun(true); })
      ->setObjectName(QStringLiteral("resetNewSeed"));
  make(tr("New…"), {QKeySequence::New}, [this] { showStartPage(); })->setObjectName(QStringLiteral("new"));
  make(tr("Save run…"), {QKeySequence::Save}, [this] { saveRun(); })->setObjectName(QStringLiteral("save"));
  make(tr("Load run…"), {QKeySequence::Open}, [this] { loadRunDialog(); })
      ->setObjectName(QStringLiteral("load"));
  m_presentationAction = make(tr("Presentation mode"), {Qt::Key_F11}, [this] { setPresentationMode(!m_presentation); });
  m_presentationAction->setCheckable(true);
  make(tr("Leave presentation mode"), {Qt::Key_Escape}, [this] { setPresentationMode(false); });
  make(tr("Keyboard shortcuts"), {QKeySequence(Qt::Key_Question), Qt::Key_F1}, [this] { showShortcutSheet(); });
  make(tr("Quit"), {QKeySequence::Quit}, [this] { close(); });
  auto* undo = m_undo.createUndoAction(this, tr("Undo"));
  undo->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Z)});
  auto* redo = m_undo.createRedoAction(this, tr("Redo"));
  redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
  for (QAction* a : {undo, redo}) {
    addAction(a);
    m_shortcutActions << a;
  }
  undo->setObjectName(QStringLiteral("undo"));
  redo->setObjectName(QStringLiteral("redo"));
  m_darkAction = new QAction(tr("Dark theme"), this);
  m_darkAction->setCheckable(true);
  connect(m_darkAction, &QAction::toggled, this,
          [this](bool dark) { setTheme(dark ? Theme::Dark : Theme::Light); });
}

namespace {
QAction* findAction(const QList<QAction*>& actions, const QString& objectNameOrText) {
  for (QAction* a : actions)
    if (a->objectName() == objectNameOrText || a->text() == objectNameOrText) return a;
  return nullptr;
}
}  // namespace

void MainWindow::createMenusAndToolbar() {
  const auto acts = actions();
  auto act = [&](const QString& key) { return findAction(acts, key); };

  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(act(QStringLiteral("new")));
  file->addAction(act(QStringLiteral("save")));
  file->addAction(act(QStringLiteral("load")));
  m_recentMenu = file->addMenu(tr("Recent runs"));
  m_recentMenu->setObjectName(QStringLiteral("recentRunsMenu"));
  connect(m_recentMenu, &QMenu::aboutToShow, this, [this] { fillRecentMenu(); });
  fillRecentMenu();
  m_exportMenu = file->addMenu(tr("Export view"));
  for (size_t k = 0; k < m_views.size(); ++k)
    m_exportMenu->addAction(m_views[k].title + QStringLiteral("…"), this,
                            [this, k] { exportViewDialog(int(k)); });
  file->addSeparator();
  file->addAction(act(tr("Quit")));

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  edit->addAction(act(QStringLiteral("undo")));
  edit->addAction(act(QStringLiteral("redo")));
  edit->addSeparator();
  edit->addAction(tr("Preferences…"), this, [this] { showPreferences(); })
      ->setObjectName(QStringLiteral("preferences"));

  QMenu* lab = menuBar()->addMenu(tr("&Lab"));
  QMenu* hd = lab->addMenu(tr("Head direction"));
  for (const auto& name : engine::hdPresetNames()) {
    const QString preset = QString::fromStdString(name);
    hd->addAction(tr("New run with preset \"%1\"").arg(preset), this, [this, name] {
      engine::HdRunConfig c = engine::hdPreset(name);
      c.seed = m_config.seed;
      startRun(c, m_threads);
    });
  }
  hd->addSeparator();
  hd->addAction(tr("Find slow points"), this, [this] {
       m_fixedPointsDock->show();
       m_fixedPointsDock->raise();
       m_fixedPoints->find();
     })->setObjectName(QStringLiteral("findSlowPointsAction"));
  hd->addAction(tr("Angular-velocity statistics…"), this, [this] { showAvStatistics(); })
      ->setObjectName(QStringLiteral("avStatisticsAction"));
  QMenu* more = lab->addMenu(tr("Grid cells (coming)"));
  more->setEnabled(false);
  more = lab->addMenu(tr("Retina (coming)"));
  more->setEnabled(false);

  QMenu* run = menuBar()->addMenu(tr("&Run"));
  for (const char* key : {"Start", "stepAction", "fastForwardAction", "Slower", "Faster",
                          "resetSameSeed", "resetNewSeed"})
    if (QAction* a = act(key[0] >= 'a' ? QString::fromLatin1(key) : tr(key))) run->addAction(a);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  view->addAction(m_presentationAction);
  view->addAction(m_darkAction);
  view->addSeparator();
  for (const auto& v : m_views)
    if (v.dock) view->addAction(v.dock->toggleViewAction());
  for (QDockWidget* dock : {m_consoleDock, m_inspectorDock}) {
    QAction* toggle = dock->toggleViewAction();
    toggle->setShortcut(dock == m_consoleDock ? QKeySequence(Qt::Key_P) : QKeySequence(Qt::Key_I));
    addAction(toggle);
    m_shortcutActions << toggle;
  }
  view->addAction(m_consoleDock->toggleViewAction());
  view->addSeparator();
  view->addAction(tr("Reset layout"), this, [this] { resetLayout(); });

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(act(tr("Keyboard shortcuts")));
  help->addAction(tr("About Emergence"), this, [this] {
    QMessageBox::about(this, tr("About Emergence"),
                       tr("<b>Emergence %1</b><p>Neural networks learn neuroscience tasks while you "
                          "watch brain-like circuits emerge inside them.</p>")
                           .arg(QStringLiteral(EMERGENCE_VERSION)));
  });

  m_toolbar = addToolBar(tr("Transport"));
  m_toolbar->setObjectName(QStringLiteral("transportToolbar"));
  m_toolbar->setMovable(false);
  m_toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
  m_toolbar->addAction(m_playAction);
  m_toolbar->addAction(act(QStringLiteral("stepAction")));
  m_toolbar->addAction(act(QStringLiteral("fastForwardAction")));
  m_ffCount = new QSpinBox(this);
  m_ffCount->setRange(1, 100000);
  m_ffCount->setValue(100);
  m_ffCount->setPrefix(tr("N = "));
  m_ffCount->setToolTip(tr("Updates to run without drawing when fast-forwarding (F)"));
  m_ffCount->setFocusPolicy(Qt::ClickFocus);
  m_toolbar->addWidget(m_ffCount);
  m_toolbar->addSeparator();
  m_toolbar->addWidget(new QLabel(tr(" Speed "), this));
  m_speed = new QSlider(Qt::Horizontal, this);
  m_speed->setRange(0, 4);
  m_speed->setValue(4);
  m_speed->setPageStep(1);
  m_speed->setTickPosition(QSlider::TicksBelow);
  m_speed->setFixedWidth(120);
  m_speed->setFocusPolicy(Qt::NoFocus);
  m_speed->setToolTip(tr("Demonstration delay between updates: 0 = 1 s … 4 = full speed ([ ], 0–4)"));
  connect(m_speed, &QSlider::valueChanged, this, [this](int v) { setSpeed(v); });
  m_toolbar->addWidget(m_speed);
  m_toolbar->addSeparator();
  m_toolbar->addAction(act(QStringLiteral("resetSameSeed")));
  m_toolbar->addAction(act(QStringLiteral("resetNewSeed")));
  m_toolbar->addSeparator();
  m_toolbar->addAction(act(QStringLiteral("undo")));
  m_toolbar->addAction(act(QStringLiteral("redo")));
  m_toolbar->addSeparator();
  m_toolbar->addAction(act(QStringLiteral("save")));
  m_toolbar->addAction(act(QStringLiteral("load")));
  auto* exportButton = new QToolButton(this);
  exportButton->setText(tr("Export view"));
  exportButton->setMenu(m_exportMenu);
  exportButton->setPopupMode(QToolButton::InstantPopup);
  m_toolbar->addWidget(exportButton);
  m_toolbar->addSeparator();
  m_toolbar->addAction(m_presentationAction);
}

void MainWindow::togglePlay() {
  const bool running = m_latest && m_latest->state == engine::RunState::Training;
  postSimple(int(running ? HdCommand::Kind::Pause : HdCommand::Kind::Start));
}

void MainWindow::singleStep() { postSimple(int(HdCommand::Kind::SingleStep)); }

void MainWindow::fastForward() {
  postSimple(int(HdCommand::Kind::FastForward), m_ffCount ? m_ffCount->value() : 100);
  statusBar()->showMessage(tr("Fast-forwarding %1 updates…").arg(m_ffCount->value()), 3000);
}

void MainWindow::setSpeed(int level) {
  level = std::clamp(level, 0, 4);
  if (m_speed && m_speed->value() != level) {
    m_speed->setValue(level);  // re-enters through valueChanged
    return;
  }
  postSimple(int(HdCommand::Kind::SetDelay), 0, kSpeedDelays[level]);
}

void MainWindow::resetRun(bool newSeed) {
  HdCommand c;
  c.kind = HdCommand::Kind::Reset;
  if (newSeed) {
    std::uint64_t seed = 0;
    while (seed == 0) seed = QRandomGenerator::global()->generate() % 1000000u;
    m_config.seed = seed;
  }
  c.seed = m_config.seed;
  m_undo.clear();  // the interventions of the old network are gone
  m_bridge.post(c);
  postSimple(int(HdCommand::Kind::Start));
  m_autosaver->beginRun(m_config);  // a new network: a new autosave folder
  setWindowTitle(tr("Emergence — head-direction lab — preset %1, seed %2")
                     .arg(QString::fromStdString(m_config.preset))
                     .arg(qulonglong(m_config.seed)));
}

void MainWindow::saveRun() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Save run into folder"));
  if (dir.isEmpty()) return;
  HdCommand c;
  c.kind = HdCommand::Kind::Save;
  c.path = dir.toStdString();
  m_savePath = dir;
  m_saveCommand = m_bridge.post(c);
}

void MainWindow::loadRunDialog() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Load run folder"));
  if (dir.isEmpty()) return;
  const QString error = loadRun(dir, m_threads);
  if (!error.isEmpty()) QMessageBox::critical(this, tr("Cannot load run"), error);
}

void MainWindow::exportViewDialog(int index) {
  const View& v = m_views[size_t(index)];
  QString selected;
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Export %1").arg(v.title), v.widget->objectName() + QStringLiteral(".png"),
      viewExportFilter(), &selected);
  if (path.isEmpty()) return;
  if (m_latest) v.setSnapshot(m_latest);  // hidden tabs skip snapshots; bring it up to date
  const QString error = exportView(v.widget, path, v.exportCsv);
  if (!error.isEmpty()) QMessageBox::critical(this, tr("Export failed"), error);
  else statusBar()->showMessage(tr("Exported %1 to %2").arg(v.title, path), 6000);
}

void MainWindow::setPresentationMode(bool on) {
  if (on == m_presentation) return;
  m_presentation = on;
  m_presentationAction->setChecked(on);
  // Fonts and line widths for a projector; chrome hidden (the shortcuts stay active).
  // The console and inspector make room for the big views (P / I bring them back); the
  // layout before presentation is restored afterwards.
  if (on) {
    m_statePresentation = saveState();
    m_consoleDock->hide();
    m_inspectorDock->hide();
    // Bottom row at projector font sizes: weights | classes, connectivity, spectrum (tabs).
    if (m_views.size() >= 7) {
      tabifyDockWidget(m_views[4].dock, m_views[5].dock);
      tabifyDockWidget(m_views[4].dock, m_views[6].dock);
      m_views[4].dock->raise();
      m_views[3].dock->raise();
    }
  }
  QFont font = m_normalFont;
  if (on) font.setPointSizeF(font.pointSizeF() * 1.4);
  QApplication::setFont(font);
  for (auto& v : m_views) v.setScale(on ? 1.6 : 1.0);
  menuBar()->setVisible(!on);
  m_toolbar->setVisible(!on);
  statusBar()->setVisible(!on);
  if (on) {
    showFullScreen();
  } else {
    showNormal();
    restoreState(m_statePresentation);
  }
}

void MainWindow::showShortcutSheet() {
  ShortcutSheet sheet(m_shortcutActions, this);
  sheet.exec();
}

void MainWindow::resetLayout() {
  if (m_presentation) setPresentationMode(false);
  restoreState(m_defaultState);
  for (auto& v : m_views)
    if (v.dock) v.dock->show();
  m_consoleDock->show();
  m_consoleDock->raise();
  applyDefaultSizes();
}

void MainWindow::setTheme(Theme theme) {
  m_theme = theme;
  applyTheme(theme);
  if (m_darkAction) {
    const QSignalBlocker block(m_darkAction);
    m_darkAction->setChecked(theme == Theme::Dark);
  }
  if (m_persistLayout) QSettings().setValue(QStringLiteral("ui/theme"), toString(theme));
}

}  // namespace emergence::app
