// Image bank (retina.md §8.1); conventions in image_bank.h.
#include "engine/retina/image_bank.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <stdexcept>
#include <string>
#include <unsupported/Eigen/FFT>
#include <vector>

#include "engine/core/random.h"

namespace emergence::engine {
namespace {

using Complex = std::complex<double>;

bool isPowerOfTwo(int n) { return n > 0 && (n & (n - 1)) == 0; }

void require(bool ok, const std::string& field, const std::string& reason) {
  if (!ok) throw std::invalid_argument("ImageBankConfig." + field + ": " + reason);
}

// In-place 2-D DFT of an n × n row-major complex array (rows, then columns); the inverse is
// scaled by 1/n² (Eigen::FFT scales each 1-D inverse by 1/n).
void fft2(std::vector<Complex>& a, int n, bool inverse) {
  Eigen::FFT<double> fft;
  std::vector<Complex> in(n), out(n);
  for (int pass = 0; pass < 2; ++pass) {
    for (int i = 0; i < n; ++i) {
      // pass 0: row i; pass 1: column i.
      for (int j = 0; j < n; ++j) in[j] = pass == 0 ? a[size_t(i) * n + j] : a[size_t(j) * n + i];
      if (inverse)
        fft.inv(out, in);
      else
        fft.fwd(out, in);
      for (int j = 0; j < n; ++j)
        (pass == 0 ? a[size_t(i) * n + j] : a[size_t(j) * n + i]) = out[j];
    }
  }
}

// Signed integer frequency of DFT index k (cycles per image): k for k ≤ n/2, else k − n.
int signedFrequency(int k, int n) { return k <= n / 2 ? k : k - n; }

// Standardise in place to mean 0, SD 1 (population SD); a constant image becomes all zeros.
void standardise(BankImage& img) {
  const double mean = img.cast<double>().mean();
  const double var = (img.cast<double>().array() - mean).square().mean();
  const double sd = std::sqrt(var);
  if (sd > 0)
    img = ((img.cast<double>().array() - mean) / sd).cast<float>().matrix();
  else
    img.setZero();
}

}  // namespace

const char* imageKindName(ImageKind kind) {
  switch (kind) {
    case ImageKind::DeadLeaves:
      return "dead-leaves";
    case ImageKind::PowerLaw:
      return "power-law";
    case ImageKind::Mixture:
      return "mixture";
  }
  return "?";
}

BankImage renderDeadLeaves(int size, double rMin, double rMax, std::uint64_t seed, int* disks) {
  Rng rng(seed);
  BankImage img(size, size);
  std::vector<std::uint8_t> covered(size_t(size) * size, 0);
  const std::int64_t total = std::int64_t(size) * size;
  std::int64_t done = 0;
  // Inverse CDF of p(r) ∝ r⁻³ on [rMin, rMax]: r = (rMin⁻² − U·(rMin⁻² − rMax⁻²))^(−½).
  const double a = 1.0 / (rMin * rMin), b = a - 1.0 / (rMax * rMax);
  // Centres uniform over the image extended by rMax on every side (stationary statistics).
  const double lo = -rMax, span = size + 2.0 * rMax;
  constexpr int kMaxDisks = 5'000'000;
  int n = 0;
  for (; n < kMaxDisks && done < total; ++n) {
    const double r = 1.0 / std::sqrt(a - rng.uniform() * b);
    const double cx = lo + span * rng.uniform(), cy = lo + span * rng.uniform();
    const float value = float(rng.normal());
    // Front to back: a disk paints only pixels no earlier (nearer) disk has covered.
    // Pixel (x, y) is inside when its centre (x + ½, y + ½) is within r of (cx, cy).
    const int y0 = std::max(0, int(std::ceil(cy - r - 0.5)));
    const int y1 = std::min(size - 1, int(std::floor(cy + r - 0.5)));
    for (int y = y0; y <= y1; ++y) {
      const double dy = y + 0.5 - cy;
      const double h2 = r * r - dy * dy;
      if (h2 < 0) continue;
      const double h = std::sqrt(h2);
      const int x0 = std::max(0, int(std::ceil(cx - h - 0.5)));
      const int x1 = std::min(size - 1, int(std::floor(cx + h - 0.5)));
      for (int x = x0; x <= x1; ++x) {
        const size_t i = size_t(y) * size + x;
        if (covered[i]) continue;
        covered[i] = 1;
        img(y, x) = value;
        ++done;
      }
    }
  }
  if (done < total) {  // practically never: fill what is left with one more leaf
    const float value = float(rng.normal());
    for (int i = 0; i < total; ++i)
      if (!covered[i]) img.data()[i] = value;
  }
  if (disks) *disks = n;
  return img;
}

BankImage renderPowerLawField(int size, double alpha, std::uint64_t seed) {
  if (!isPowerOfTwo(size))
    throw std::invalid_argument("renderPowerLawField: size " + std::to_string(size) +
                                " is not a power of two");
  Rng rng(seed);
  std::vector<Complex> a(size_t(size) * size);
  for (auto& v : a) v = Complex(rng.normal(), 0.0);  // white noise
  fft2(a, size, false);
  // Amplitude filter |H(f)| = |f|^(−α), f = √(fx² + fy²) in cycles per image; DC removed.
  for (int ky = 0; ky < size; ++ky) {
    const double fy = signedFrequency(ky, size);
    for (int kx = 0; kx < size; ++kx) {
      const double fx = signedFrequency(kx, size);
      const double f = std::sqrt(fx * fx + fy * fy);
      a[size_t(ky) * size + kx] *= f > 0 ? std::pow(f, -alpha) : 0.0;
    }
  }
  fft2(a, size, true);
  BankImage img(size, size);
  for (int i = 0; i < size * size; ++i) img.data()[i] = float(a[i].real());
  standardise(img);
  return img;
}

Eigen::VectorXd radialPowerSpectrum(const BankImage& image) {
  const int n = int(image.rows());
  if (image.cols() != n || !isPowerOfTwo(n))
    throw std::invalid_argument(
        "radialPowerSpectrum: image must be square with a power-of-two "
        "side");
  const double mean = image.cast<double>().mean();
  std::vector<Complex> a(size_t(n) * n);
  for (int i = 0; i < n * n; ++i) a[i] = Complex(image.data()[i] - mean, 0.0);
  fft2(a, n, false);
  Eigen::VectorXd sum = Eigen::VectorXd::Zero(n / 2 + 1), count = sum;
  for (int ky = 0; ky < n; ++ky) {
    const double fy = signedFrequency(ky, n);
    for (int kx = 0; kx < n; ++kx) {
      const double fx = signedFrequency(kx, n);
      const int k = int(std::lround(std::sqrt(fx * fx + fy * fy)));
      if (k > n / 2) continue;
      sum[k] += std::norm(a[size_t(ky) * n + kx]);
      count[k] += 1.0;
    }
  }
  return (sum.array() / count.array().max(1.0)).matrix();
}

double logLogSlope(const Eigen::VectorXd& power, int kLo, int kHi) {
  if (kLo < 1 || kHi <= kLo || kHi >= power.size())
    throw std::invalid_argument("logLogSlope: need 1 ≤ kLo < kHi < " +
                                std::to_string(power.size()));
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  const int m = kHi - kLo + 1;
  for (int k = kLo; k <= kHi; ++k) {
    const double x = std::log(double(k)), y = std::log(std::max(power[k], 1e-300));
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  return (m * sxy - sx * sy) / (m * sxx - sx * sx);
}

ImageBank::ImageBank(const ImageBankConfig& c) : m_config(c) {
  require(c.count > 0, "count", "must be > 0, got " + std::to_string(c.count));
  require(c.size >= 16 && isPowerOfTwo(c.size), "size",
          "must be a power of two ≥ 16, got " + std::to_string(c.size));
  require(c.deadLeavesFraction >= 0 && c.powerLawFraction >= 0 &&
              c.deadLeavesFraction + c.powerLawFraction <= 1.0 + 1e-12,
          "deadLeavesFraction/powerLawFraction", "must be ≥ 0 with a sum ≤ 1");
  require(c.rMinPx > 0 && c.rMaxPx >= c.rMinPx, "rMinPx/rMaxPx", "need 0 < rMinPx ≤ rMaxPx");
  require(c.alphaSpread >= 0 && c.alphaMean - c.alphaSpread > 0, "alphaMean/alphaSpread",
          "need alphaMean − alphaSpread > 0 and alphaSpread ≥ 0");
  require(c.mixWeightMin >= 0 && c.mixWeightMax <= 1 && c.mixWeightMin <= c.mixWeightMax,
          "mixWeightMin/mixWeightMax", "need 0 ≤ min ≤ max ≤ 1");
  require(c.logGain > 0, "logGain", "must be > 0");
  require(c.contrastMin > 0 && c.contrastMax >= c.contrastMin, "contrastMin/contrastMax",
          "need 0 < min ≤ max");
  // L' = m·(1 + c·(L − m)/SD) stays positive when c < SD(L)/m; for a log-normal L that is
  // √(e^{g²} − 1) (0.66 at g = 0.6); require a margin (each image also clamps c, stages()).
  require(c.contrastMax < 0.9 * std::sqrt(std::exp(c.logGain * c.logGain) - 1.0), "contrastMax",
          "too high for logGain (luminance would go negative)");
  require(c.contrastPerZ > 0, "contrastPerZ", "must be > 0");
}

ImageInfo ImageBank::info(int index) const {
  if (index < 0 || index >= m_config.count)
    throw std::out_of_range("ImageBank: index " + std::to_string(index) + " outside [0, " +
                            std::to_string(m_config.count) + ")");
  Rng rng = Rng(m_config.seed).stream(std::uint64_t(index));
  ImageInfo info;
  const double u = rng.uniform();
  info.kind = u < m_config.deadLeavesFraction                               ? ImageKind::DeadLeaves
              : u < m_config.deadLeavesFraction + m_config.powerLawFraction ? ImageKind::PowerLaw
                                                                            : ImageKind::Mixture;
  const double alpha = rng.uniform(m_config.alphaMean - m_config.alphaSpread,
                                   m_config.alphaMean + m_config.alphaSpread);
  const double w = rng.uniform(m_config.mixWeightMin, m_config.mixWeightMax);
  info.rmsContrast = rng.uniform(m_config.contrastMin, m_config.contrastMax);
  if (info.kind != ImageKind::DeadLeaves) info.alpha = alpha;
  if (info.kind == ImageKind::Mixture) info.mixWeight = w;
  return info;
}

ImageStages ImageBank::stages(int index) const {
  ImageStages s;
  s.info = info(index);
  const Rng base = Rng(m_config.seed).stream(std::uint64_t(index));
  const std::uint64_t leavesSeed = base.stream(1).seed(), fieldSeed = base.stream(2).seed();
  const int n = m_config.size;
  switch (s.info.kind) {
    case ImageKind::DeadLeaves:
      s.field = renderDeadLeaves(n, m_config.rMinPx, m_config.rMaxPx, leavesSeed, &s.info.disks);
      standardise(s.field);
      break;
    case ImageKind::PowerLaw:
      s.field = renderPowerLawField(n, s.info.alpha, fieldSeed);
      break;
    case ImageKind::Mixture: {
      BankImage leaves =
          renderDeadLeaves(n, m_config.rMinPx, m_config.rMaxPx, leavesSeed, &s.info.disks);
      standardise(leaves);
      const BankImage pink = renderPowerLawField(n, s.info.alpha, fieldSeed);
      const float w = float(s.info.mixWeight),
                  v = float(std::sqrt(1.0 - s.info.mixWeight * s.info.mixWeight));
      s.field = w * leaves + v * pink;
      standardise(s.field);
      break;
    }
  }
  // Log-normal luminance, then RMS contrast c around the mean: L' = m·(1 + c·(L − m)/SD(L)).
  const Eigen::ArrayXXd L = (m_config.logGain * s.field.cast<double>().array()).exp();
  const double m = L.mean();
  const double sd = std::sqrt((L - m).square().mean());
  // c < SD(L)/m keeps L' > 0 (L > 0); a rare near-flat image (a few huge leaves) gets a lower c.
  const double c = std::min(s.info.rmsContrast, 0.95 * sd / m);
  s.info.rmsContrast = c;
  const Eigen::ArrayXXd Lp = sd > 0 ? Eigen::ArrayXXd(m * (1.0 + c * (L - m) / sd))
                                    : Eigen::ArrayXXd(Eigen::ArrayXXd::Constant(n, n, m));
  s.luminance = Lp.cast<float>().matrix();
  // z = (L'/m − 1)/contrastPerZ = c·(L − m)/(SD·contrastPerZ).
  s.z = ((Lp / m - 1.0) / m_config.contrastPerZ).cast<float>().matrix();
  return s;
}

BankImage ImageBank::image(int index) const { return stages(index).z; }

}  // namespace emergence::engine
