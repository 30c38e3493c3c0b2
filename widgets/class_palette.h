#pragma once
// One palette for every view: unit classes (Okabe–Ito colours, safe for the common forms of colour
// blindness), the heading needles, a cyclic map for preferred directions and the diverging
// blue–white–red map of weight matrices (ColorBrewer RdBu; zero = white).
#include <QColor>
#include <QString>
#include <array>

#include "engine/analysis/unit_classes.h"

namespace emergence::widgets {

// Display order of the classes in legends and grouped matrices.
inline constexpr std::array<engine::UnitClass, engine::kNumUnitClasses> kClassDisplayOrder = {
    engine::UnitClass::Compass, engine::UnitClass::ShifterCcw, engine::UnitClass::ShifterCw,
    engine::UnitClass::WeaklyTuned, engine::UnitClass::Dead};

QColor classColor(engine::UnitClass c);
// Colour of units before the first analysis (no class known yet).
QColor unclassifiedColor();
// Translated, human-readable name ("Compass", "Shifter CCW", …).
QString classDisplayName(engine::UnitClass c);

QColor trueHeadingColor();
QColor decodedHeadingColor();
QColor angularVelocityColor();

// Cyclic colour for a direction in degrees (0 and 360 give the same colour).
QColor directionColor(double degrees);
// Diverging map: −limit → blue, 0 → white, +limit → red (clamped; NaN → light grey).
QRgb divergingRgb(double value, double limit);

}  // namespace emergence::widgets
