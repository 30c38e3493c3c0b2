#pragma once
// Light and dark themes: the Fusion style with two palettes (persisted by the main window in
// QSettings under "ui/theme").
#include <QString>

namespace emergence::app {

enum class Theme { Light, Dark };

void applyTheme(Theme theme);
Theme themeFromString(const QString& s);  // "dark" → Dark, anything else → Light
QString toString(Theme theme);

}  // namespace emergence::app
