// LabWindow: actions, menus, toolbar, transport, presentation mode, theme, export.
#include <QAction>
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
#include <algorithm>

#include "app/autosaver.h"
#include "app/lab_window.h"
#include "app/shortcut_sheet.h"
#include "app/view_export.h"

namespace emergence::app {

void LabWindow::createActions() {
  auto make = [this](const QString& text, std::initializer_list<QKeySequence> keys, auto slot) {
    auto* a = new QAction(text, this);
    a->setShortcuts(QList<QKeySequence>(keys));
    a->setShortcutContext(Qt::WindowShortcut);
    connect(a, &QAction::triggered, this, slot);
    addShortcut(a);  // shortcuts keep working when menus and toolbars are hidden
    return a;
  };
  m_playAction = make(tr("Start"), {Qt::Key_Space}, [this] { togglePlay(); });
  m_playAction->setCheckable(true);
  m_playAction->setObjectName(QStringLiteral("playAction"));
  m_playAction->setToolTip(tr("Start or pause training (Space)"));
  make(tr("Step"), {Qt::Key_S, Qt::Key_Right, Qt::Key_Period}, [this] { singleStep(); })
      ->setObjectName(QStringLiteral("stepAction"));
  make(tr("Fast-forward"), {Qt::Key_F}, [this] { fastForward(); })
      ->setObjectName(QStringLiteral("fastForwardAction"));
  make(tr("Slower"), {Qt::Key_BracketLeft}, [this] { setSpeed(m_speed->value() - 1); })
      ->setObjectName(QStringLiteral("slowerAction"));
  make(tr("Faster"), {Qt::Key_BracketRight}, [this] { setSpeed(m_speed->value() + 1); })
      ->setObjectName(QStringLiteral("fasterAction"));
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
  m_presentationAction =
      make(tr("Presentation mode"), {Qt::Key_F11}, [this] { setPresentationMode(!m_presentation); });
  m_presentationAction->setCheckable(true);
  m_presentationAction->setObjectName(QStringLiteral("presentationAction"));
  make(tr("Leave presentation mode"), {Qt::Key_Escape}, [this] { setPresentationMode(false); });
  make(tr("Keyboard shortcuts"), {QKeySequence(Qt::Key_Question), Qt::Key_F1}, [this] { showShortcutSheet(); })
      ->setObjectName(QStringLiteral("shortcutsAction"));
  make(tr("Quit"), {QKeySequence::Quit}, [this] { close(); })->setObjectName(QStringLiteral("quitAction"));
  auto* undo = m_undo.createUndoAction(this, tr("Undo"));
  undo->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Z)});
  auto* redo = m_undo.createRedoAction(this, tr("Redo"));
  redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
  undo->setObjectName(QStringLiteral("undo"));
  redo->setObjectName(QStringLiteral("redo"));
  addShortcut(undo);
  addShortcut(redo);
  m_darkAction = new QAction(tr("Dark theme"), this);
  m_darkAction->setCheckable(true);
  m_darkAction->setObjectName(QStringLiteral("darkThemeAction"));
  connect(m_darkAction, &QAction::toggled, this,
          [this](bool dark) { setTheme(dark ? Theme::Dark : Theme::Light); });
}

void LabWindow::createMenusAndToolbar() {
  auto act = [this](const char* name) { return findChild<QAction*>(QString::fromLatin1(name)); };

  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(act("new"));
  file->addAction(act("save"));
  file->addAction(act("load"));
  m_recentMenu = file->addMenu(tr("Recent runs"));
  m_recentMenu->setObjectName(QStringLiteral("recentRunsMenu"));
  connect(m_recentMenu, &QMenu::aboutToShow, this, [this] { fillRecentMenu(); });
  fillRecentMenu();
  m_exportMenu = file->addMenu(tr("Export view"));
  m_exportMenu->setObjectName(QStringLiteral("exportMenu"));
  for (size_t k = 0; k < m_views.size(); ++k)
    m_exportMenu->addAction(m_views[k].title + QStringLiteral("…"), this,
                            [this, k] { exportViewDialog(int(k)); });
  file->addSeparator();
  file->addAction(act("quitAction"));

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  edit->addAction(act("undo"));
  edit->addAction(act("redo"));
  edit->addSeparator();
  edit->addAction(tr("Preferences…"), this, [this] { showPreferences(); })
      ->setObjectName(QStringLiteral("preferences"));

  // Lab: every lab's presets (another lab's preset opens that lab's window); this lab's own
  // experiments below its presets.
  QMenu* lab = menuBar()->addMenu(tr("&Lab"));
  lab->setObjectName(QStringLiteral("labMenu"));
  for (const QString& id : labIds()) {
    QMenu* sub = lab->addMenu(labDisplayName(id));
    sub->setObjectName(id + QStringLiteral("Menu"));
    for (const QString& preset : presetNames(id)) {
      QAction* a = sub->addAction(tr("New run with preset \"%1\"").arg(preset), this, [this, id, preset] {
        const std::uint64_t seed = currentSeed() ? currentSeed() : 1;
        switchToLab(id, [preset, seed](LabWindow* w) {
          w->startPreset(preset, seed);
          return QString();
        });
      });
      a->setObjectName(QStringLiteral("%1Preset_%2").arg(id, preset));
      a->setToolTip(presetDescription(id, preset));
      a->setStatusTip(presetDescription(id, preset));
    }
    if (id == QLatin1String("grid_cells"))
      sub->addAction(tr("Open demo run (grids already trained)"), this, [this, id] { openDemo(id); })
          ->setObjectName(QStringLiteral("openDemo_grid_cells"));
    if (id == labId()) {
      sub->addSeparator();
      fillLabMenu(sub);
    }
  }
  lab->addMenu(tr("Retina (coming)"))->setEnabled(false);

  QMenu* run = menuBar()->addMenu(tr("&Run"));
  for (const char* key : {"playAction", "stepAction", "fastForwardAction", "slowerAction",
                          "fasterAction", "resetSameSeed", "resetNewSeed"})
    if (QAction* a = act(key)) run->addAction(a);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  view->addAction(m_presentationAction);
  view->addAction(m_darkAction);
  view->addSeparator();
  for (const auto& v : m_views)
    if (v.dock) view->addAction(v.dock->toggleViewAction());
  for (QDockWidget* dock : panelDocks()) view->addAction(dock->toggleViewAction());
  view->addSeparator();
  view->addAction(tr("Reset layout"), this, [this] { resetLayout(); })
      ->setObjectName(QStringLiteral("resetLayout"));

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(act("shortcutsAction"));
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
  m_toolbar->addAction(act("stepAction"));
  m_toolbar->addAction(act("fastForwardAction"));
  m_ffCount = new QSpinBox(this);
  m_ffCount->setObjectName(QStringLiteral("fastForwardCount"));
  m_ffCount->setRange(1, 1000000);
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
  m_toolbar->addAction(act("resetSameSeed"));
  m_toolbar->addAction(act("resetNewSeed"));
  m_toolbar->addSeparator();
  m_toolbar->addAction(act("undo"));
  m_toolbar->addAction(act("redo"));
  m_toolbar->addSeparator();
  m_toolbar->addAction(act("save"));
  m_toolbar->addAction(act("load"));
  auto* exportButton = new QToolButton(this);
  exportButton->setText(tr("Export view"));
  exportButton->setMenu(m_exportMenu);
  exportButton->setPopupMode(QToolButton::InstantPopup);
  m_toolbar->addWidget(exportButton);
  m_toolbar->addSeparator();
  m_toolbar->addAction(m_presentationAction);
}

void LabWindow::togglePlay() {
  const bool running = labBridge()->frame().state == engine::RunState::Training;
  postTransport(running ? Transport::Pause : Transport::Start);
}

void LabWindow::singleStep() { postTransport(Transport::SingleStep); }

void LabWindow::fastForward() {
  const int n = m_ffCount ? m_ffCount->value() : 100;
  postTransport(Transport::FastForward, n);
  statusBar()->showMessage(tr("Fast-forwarding %1 updates…").arg(n), 3000);
}

void LabWindow::setSpeed(int level) {
  level = std::clamp(level, 0, 4);
  if (m_speed && m_speed->value() != level) {
    m_speed->setValue(level);  // re-enters through valueChanged
    return;
  }
  postTransport(Transport::SetDelay, 0, kSpeedDelays[level]);
}

void LabWindow::resetRun(bool newSeed) {
  if (newSeed) {
    std::uint64_t seed = 0;
    while (seed == 0) seed = QRandomGenerator::global()->generate() % 1000000u;
    setCurrentSeed(seed);
  }
  m_undo.clear();  // the interventions of the old network are gone
  postReset(currentSeed());
  postTransport(Transport::Start);
  m_autosaver->beginRun(autosaveName(), currentSeed());  // a new network: a new autosave folder
  updateTitle();
}

void LabWindow::saveRun() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Save run into folder"));
  if (dir.isEmpty()) return;
  m_savePath = dir;
  m_saveCommand = labBridge()->postSave(dir.toStdString());
}

void LabWindow::loadRunDialog() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Load run folder"));
  if (dir.isEmpty()) return;
  openRun(dir);
}

void LabWindow::exportViewDialog(int index) {
  const View& v = m_views[size_t(index)];
  QString selected;
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Export %1").arg(v.title), v.widget->objectName() + QStringLiteral(".png"),
      viewExportFilter(), &selected);
  if (path.isEmpty()) return;
  v.refresh();  // hidden tabs skip snapshots; bring it up to date
  const QString error = exportView(v.widget, path, v.exportCsv);
  if (!error.isEmpty()) QMessageBox::critical(this, tr("Export failed"), error);
  else statusBar()->showMessage(tr("Exported %1 to %2").arg(v.title, path), 6000);
}

void LabWindow::setPresentationMode(bool on) {
  if (on == m_presentation) return;
  m_presentation = on;
  m_presentationAction->setChecked(on);
  // Fonts and line widths for a projector; chrome hidden (the shortcuts stay active). The lab
  // makes room for its big views; the layout before presentation is restored afterwards.
  if (on) m_statePresentation = saveState();
  presentationLayout(on);
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

void LabWindow::showShortcutSheet() {
  ShortcutSheet sheet(m_shortcutActions, this);
  sheet.exec();
}

void LabWindow::resetLayout() {
  if (m_presentation) setPresentationMode(false);
  restoreState(m_defaultState);
  for (auto& v : m_views)
    if (v.dock) v.dock->show();
  for (QDockWidget* dock : panelDocks()) {
    dock->show();
    dock->raise();
  }
  applyDefaultSizes();
}

void LabWindow::setTheme(Theme theme) {
  m_theme = theme;
  applyTheme(theme);
  if (m_darkAction) {
    const QSignalBlocker block(m_darkAction);
    m_darkAction->setChecked(theme == Theme::Dark);
  }
  if (m_persistLayout) QSettings().setValue(QStringLiteral("ui/theme"), toString(theme));
}

}  // namespace emergence::app
