#pragma once
// Demo runs shipped with the application (resources/demo/<lab>, documented in
// resources/demo/README.md): small run folders trained with a fixed seed, so a lecturer can open
// a network whose circuits have already emerged ("Open demo: grid cells").
#include <QString>
#include <QStringList>

namespace emergence::app {

// Where the demo of `lab` is looked for, in order: $EMERGENCE_DEMO_DIR/<lab>, the installed
// <prefix>/share/emergence/demo/<lab> (relative to the executable: bin/../share/emergence/demo),
// and, only for an executable inside its build tree, the source tree's resources/demo/<lab>.
QStringList demoSearchPath(const QString& lab);
// The first of those that holds a config.json, or empty.
QString demoRunFolder(const QString& lab);

}  // namespace emergence::app
