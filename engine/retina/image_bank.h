#pragma once
// Image bank of the natural-like movie (retina.md §8.1): `count` square images of `size` × `size`
// px, each rendered on demand from (seed, index), so nothing is stored on disk and the same seed
// always gives the same bits.
//
// Kinds (chosen per image by its own random stream, fractions in the config):
//   DeadLeaves  occluding disks, radius density p(r) ∝ r⁻³ on [rMin, rMax] px (Lee, Mumford &
//               Huang 2001), each disk one N(0, 1) value, drawn front to back until every pixel
//               is covered; ≈ 1/f² power with sharp edges.
//   PowerLaw    Gaussian field with amplitude spectrum |F(f)| ∝ f^(−α) (power ∝ f^(−2α)),
//               α ~ U(alphaMean − alphaSpread, alphaMean + alphaSpread), random phase (filtered
//               white noise, periodic 2-D FFT).
//   Mixture     w·deadLeaves + √(1 − w²)·powerLaw, w ~ U(mixWeightMin, mixWeightMax).
// Every field is standardised to mean 0, SD 1 ("field" stage), mapped to log-normal luminance
// L = exp(logGain·field), rescaled around its mean to RMS contrast c ~ U(contrastMin,
// contrastMax): L' = m·(1 + c·(L − m)/SD(L)) ("luminance" stage, mean m = mean(L), > 0), and
// converted to z units z = (L'/m − 1)/contrastPerZ (mean 0, SD c/0.35 ≈ 1).
#include <Eigen/Core>
#include <cstdint>

namespace emergence::engine {

// size × size, row = y, column = x.
using BankImage = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

enum class ImageKind { DeadLeaves, PowerLaw, Mixture };
const char* imageKindName(ImageKind kind);

struct ImageBankConfig {
  int count = 300;  // images
  int size = 256;   // px, power of two (periodic FFT synthesis), ≥ 16
  std::uint64_t seed = 1;
  double deadLeavesFraction = 1.0 / 3.0;  // P(DeadLeaves); P(PowerLaw) below; rest = Mixture
  double powerLawFraction = 1.0 / 3.0;
  double rMinPx = 1.0, rMaxPx = 80.0;              // dead-leaves disk radii, px
  double alphaMean = 1.0, alphaSpread = 0.2;       // amplitude exponent α, uniform ± spread
  double mixWeightMin = 0.5, mixWeightMax = 0.85;  // dead-leaves weight w in a mixture
  double logGain = 0.6;                            // L = exp(logGain·field)
  double contrastMin = 0.3, contrastMax = 0.4;     // RMS contrast SD(L')/mean(L')
  double contrastPerZ = 0.35;                      // z = 1 ↔ this contrast (retina.md §1)
};

// Parameters drawn for one image (all from its own random stream).
struct ImageInfo {
  ImageKind kind = ImageKind::DeadLeaves;
  double alpha = 0.0;        // PowerLaw / Mixture, else 0
  double mixWeight = 0.0;    // Mixture, else 0
  double rmsContrast = 0.0;  // c of the luminance stage
  int disks = 0;             // DeadLeaves / Mixture: disks drawn
};

// The three stages of one image (size × size each).
struct ImageStages {
  ImageInfo info;
  BankImage field;      // standardised Gaussian-like field (mean 0, SD 1)
  BankImage luminance;  // L', positive, RMS contrast info.rmsContrast
  BankImage z;          // z units, mean 0
};

class ImageBank {
 public:
  // Throws std::invalid_argument naming the field for an invalid config.
  explicit ImageBank(const ImageBankConfig& config = {});
  const ImageBankConfig& config() const { return m_config; }
  int count() const { return m_config.count; }
  int size() const { return m_config.size; }
  // Deterministic in (seed, index); index in [0, count). Thread-safe (no shared state).
  ImageInfo info(int index) const;
  BankImage image(int index) const;  // z units
  ImageStages stages(int index) const;

 private:
  ImageBankConfig m_config;
};

// Building blocks, exposed for tests.
// Dead-leaves field (unnormalised disk values, N(0, 1) each), size × size; `disks` = disks drawn.
BankImage renderDeadLeaves(int size, double rMin, double rMax, std::uint64_t seed, int* disks);
// Power-law Gaussian field, amplitude ∝ f^(−α), mean 0, SD 1; size a power of two.
BankImage renderPowerLawField(int size, double alpha, std::uint64_t seed);
// Radially averaged power spectrum of an image (mean removed): entry k = mean |F|² over the
// annulus k − ½ ≤ |f|·size < k + ½, for k = 0 … size/2 (f in cycles/px); size a power of two.
Eigen::VectorXd radialPowerSpectrum(const BankImage& image);
// Least-squares slope of log P(k) vs log k over k in [kLo, kHi].
double logLogSlope(const Eigen::VectorXd& power, int kLo, int kHi);

}  // namespace emergence::engine
