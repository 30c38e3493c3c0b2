// Renders the scalable app icon to the fixed-size PNGs of the hicolor theme, and checks icons.
//   emergence_icon_tool render ICON.svg OUT.png SIZE   SIZE × SIZE PNG with an alpha channel
//   emergence_icon_tool check ICON.(svg|png) [SIZE]     0 when the file is a usable app icon
// A usable icon: the file parses (QSvgRenderer / QImage), is square (SIZE × SIZE for a PNG when
// SIZE is given), is transparent in its corners (rounded tile), opaque at its centre, and is not
// blank (more than 16 distinct colours once rendered). Runs without a display.
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSet>
#include <QString>
#include <QSvgRenderer>
#include <cstdio>
#include <cstdlib>

namespace {

QImage renderSvg(const QString& path, int size, QString* error) {
  QSvgRenderer svg(path);
  if (!svg.isValid()) {
    *error = QStringLiteral("%1: not a valid SVG document").arg(path);
    return {};
  }
  const QSize view = svg.viewBox().size();
  if (view.width() != view.height()) {
    *error = QStringLiteral("%1: view box %2×%3 is not square")
                 .arg(path)
                 .arg(view.width())
                 .arg(view.height());
    return {};
  }
  QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::transparent);
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing);
  svg.render(&painter);
  painter.end();
  return image;
}

// Empty when `image` looks like an app icon (see the header), else the reason.
QString iconProblem(const QImage& image) {
  if (image.width() != image.height())
    return QStringLiteral("%1×%2 is not square").arg(image.width()).arg(image.height());
  const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
  const int n = argb.width();
  if (!argb.hasAlphaChannel() || qAlpha(argb.pixel(0, 0)) != 0 ||
      qAlpha(argb.pixel(n - 1, n - 1)) != 0)
    return QStringLiteral("corners are not transparent");
  if (qAlpha(argb.pixel(n / 2, n / 2)) != 255) return QStringLiteral("centre is not opaque");
  QSet<QRgb> colours;
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x) colours.insert(argb.pixel(x, y));
  if (colours.size() <= 16)
    return QStringLiteral("looks blank (%1 distinct colours)").arg(colours.size());
  return {};
}

int fail(const QString& message) {
  std::fprintf(stderr, "emergence_icon_tool: %s\n", qPrintable(message));
  return 1;
}

}  // namespace

int main(int argc, char* argv[]) {
  qputenv("QT_QPA_PLATFORM", "offscreen");  // SVG rendering needs a QGuiApplication, not a display
  QGuiApplication app(argc, argv);
  const QStringList args = QGuiApplication::arguments();
  if (args.size() == 5 && args[1] == QLatin1String("render")) {
    const int size = args[4].toInt();
    if (size < 16 || size > 1024) return fail(QStringLiteral("SIZE must be in [16, 1024]"));
    QString error;
    const QImage image = renderSvg(args[2], size, &error);
    if (image.isNull()) return fail(error);
    if (!image.save(args[3], "PNG")) return fail(QStringLiteral("cannot write %1").arg(args[3]));
    return 0;
  }
  if ((args.size() == 3 || args.size() == 4) && args[1] == QLatin1String("check")) {
    const QString& path = args[2];
    const int size = args.size() == 4 ? args[3].toInt() : 0;
    QString error;
    QImage image;
    if (path.endsWith(QLatin1String(".svg"))) {
      image = renderSvg(path, size > 0 ? size : 256, &error);
      if (image.isNull()) return fail(error);
    } else {
      image = QImage(path);
      if (image.isNull()) return fail(QStringLiteral("%1: not a readable image").arg(path));
      if (size > 0 && image.size() != QSize(size, size))
        return fail(QStringLiteral("%1: %2×%3, expected %4×%4")
                        .arg(path)
                        .arg(image.width())
                        .arg(image.height())
                        .arg(size));
    }
    if (const QString p = iconProblem(image); !p.isEmpty())
      return fail(QStringLiteral("%1: %2").arg(path, p));
    std::printf("%s: %d×%d icon\n", qPrintable(path), image.width(), image.height());
    return 0;
  }
  std::fprintf(stderr,
               "usage: %s render ICON.svg OUT.png SIZE\n"
               "       %s check ICON.(svg|png) [SIZE]\n",
               argv[0], argv[0]);
  return 2;
}
