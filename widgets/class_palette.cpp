#include "widgets/class_palette.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>

namespace emergence::widgets {

using engine::UnitClass;

QColor classColor(UnitClass c) {
  switch (c) {
    case UnitClass::Compass: return QColor(0x00, 0x72, 0xB2);      // blue
    case UnitClass::ShifterCcw: return QColor(0xE6, 0x9F, 0x00);   // orange
    case UnitClass::ShifterCw: return QColor(0x00, 0x9E, 0x73);    // bluish green
    case UnitClass::WeaklyTuned: return QColor(0xCC, 0x79, 0xA7);  // reddish purple
    case UnitClass::Dead: return QColor(0xA0, 0xA0, 0xA0);         // grey
  }
  return QColor(0x80, 0x80, 0x80);
}

QColor unclassifiedColor() { return QColor(0x56, 0x6C, 0x86); }

QString classDisplayName(UnitClass c) {
  switch (c) {
    case UnitClass::Compass: return QCoreApplication::translate("ClassPalette", "Compass");
    case UnitClass::ShifterCcw: return QCoreApplication::translate("ClassPalette", "Shifter CCW");
    case UnitClass::ShifterCw: return QCoreApplication::translate("ClassPalette", "Shifter CW");
    case UnitClass::WeaklyTuned: return QCoreApplication::translate("ClassPalette", "weak");
    case UnitClass::Dead: return QCoreApplication::translate("ClassPalette", "dead");
  }
  return {};
}

QColor trueHeadingColor() { return QColor(0x22, 0x22, 0x22); }
QColor decodedHeadingColor() { return QColor(0xD5, 0x5E, 0x00); }  // vermillion
QColor angularVelocityColor() { return QColor(0x56, 0xB4, 0xE9); }  // sky blue

QColor directionColor(double degrees) {
  if (!std::isfinite(degrees)) return QColor(0x90, 0x90, 0x90);
  double h = std::fmod(degrees, 360.0);
  if (h < 0) h += 360.0;
  return QColor::fromHsvF(float(h / 360.0), 0.78f, 0.88f);
}

QRgb divergingRgb(double value, double limit) {
  if (!std::isfinite(value)) return qRgb(0xD0, 0xD0, 0xD0);
  const double t = limit > 0 ? std::clamp(value / limit, -1.0, 1.0) : 0.0;
  // RdBu end points, through white; a slight gamma keeps small weights visible.
  const double a = std::pow(std::abs(t), 0.8);
  const QColor end = t >= 0 ? QColor(0xB2, 0x18, 0x2B) : QColor(0x21, 0x66, 0xAC);
  auto mix = [a](int c) { return int(std::lround(255.0 + (c - 255.0) * a)); };
  return qRgb(mix(end.red()), mix(end.green()), mix(end.blue()));
}

}  // namespace emergence::widgets
