// Checks a screenshot: exists, at least W×H pixels, and not blank (more than K distinct colours).
// usage: app_png_check FILE MIN_WIDTH MIN_HEIGHT MIN_COLOURS
#include <QImage>
#include <QSet>
#include <QString>
#include <cstdio>

int main(int argc, char* argv[]) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s FILE MIN_WIDTH MIN_HEIGHT MIN_COLOURS\n", argv[0]);
    return 2;
  }
  const QImage image(QString::fromLocal8Bit(argv[1]));
  if (image.isNull()) {
    std::fprintf(stderr, "%s: cannot read the image\n", argv[1]);
    return 1;
  }
  const int minW = std::atoi(argv[2]), minH = std::atoi(argv[3]), minColours = std::atoi(argv[4]);
  QSet<QRgb> colours;
  const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
  for (int y = 0; y < rgb.height(); y += 2)
    for (int x = 0; x < rgb.width(); x += 2) colours.insert(rgb.pixel(x, y));
  std::printf("%s: %d×%d, %lld distinct colours\n", argv[1], image.width(), image.height(),
              static_cast<long long>(colours.size()));
  if (image.width() < minW || image.height() < minH) {
    std::fprintf(stderr, "too small: need at least %d×%d\n", minW, minH);
    return 1;
  }
  if (colours.size() <= minColours) {
    std::fprintf(stderr, "looks blank: %lld colours, need more than %d\n",
                 static_cast<long long>(colours.size()), minColours);
    return 1;
  }
  return 0;
}
