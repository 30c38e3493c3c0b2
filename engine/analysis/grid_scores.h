#pragma once
// Spatial autocorrelogram and grid scores (grid-cells.md §8.2, §8.3; DeepMind `scores.py`).
//
// Rate maps are n × n (map(i, j): row i = y bin, column j = x bin; NaN = unvisited), square bins.
//
// SAC (§8.2): for every lag (dy, dx) ∈ [−(n−1), n−1]², over the N overlapping pairs of valid
// bins (λ₁ = map(i, j), λ₂ = map(i + dy, j + dx)):
//     r = (Σλ₁λ₂/N − Σλ₁·Σλ₂/N²) / (sd₁·sd₂),  sd_k = sqrt(Σλ_k²/N − (Σλ_k/N)²)
// stored at sac(dy + n − 1, dx + n − 1), size (2n − 1)²; the centre (n − 1, n − 1) is lag 0.
// Lags with N = 0 or a zero / negative / round-off-sized variance give 0 (as numpy's
// nan_to_num does for the NaN of 0/0; where DeepMind's code would produce ±inf or garbage from
// round-off, we give 0).
//
// Grid score (§8.3): the SAC is rotated about its centre by 30, 45, 60, 90, 120, 135 and 150°
// with bilinear interpolation (size kept, zero outside the array: reshape = False semantics;
// DeepMind's scipy.ndimage.rotate uses cubic splines, the spec asks for bilinear). Annuli in
// integer lag units z = |(dx, dy)|: inner < z ≤ outer with inner = 0.2·n, outer ∈
// linspace(0.4, 1.0, 10)·n (numpy's linspace arithmetic). In each annulus, with m and var from
// the unrotated SAC S:  c_θ = mean[(S − m)(R_θ − m)] / (mean[(S − m)²] + 1e-5), and
//     score60 (min/max form, Sargolini / NFL) = min(c60, c120) − max(c30, c90, c150)
//     score60 (mean form, Banino's default)   = (c60 + c120)/2 − (c30 + c90 + c150)/3
//     score90                                 = c90 − (c45 + c135)/2
// each maximised over the annuli separately (the first annulus wins ties, like np.argmax).
//
// Spacing and orientation [design]: local maxima of the SAC (greater than their 8 neighbours,
// value > peakMinValue, at ≥ peakMinDistance bins from the centre, within n − 1 bins), refined to
// sub-bin position by a parabola through the peak and its two neighbours along x and along y;
// the six nearest the centre are kept. Spacing = median distance (bins; × bin width for metres).
// Orientation = arg(Σ_k e^{6iφ_k})/6, degrees in [0°, 60°), φ_k = angle of peak k counterclockwise
// from +x (x = column, y = row). NaN with no peaks.
//
// Speed: per n the annuli, pixel order and rotation taps are precomputed; the SAC is computed
// directly (no FFT) with vectorisable row correlations that skip zero bins, and the bin-pair
// counts of a validity mask are shared by all maps with the same mask.
#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <limits>
#include <vector>

namespace emergence::engine {

struct GridScoreConfig {
  bool minMax = true;           // score60 in the Sargolini min/max form (else the mean form)
  double innerRadius = 0.2;     // × n
  double outerRadiusMin = 0.4;  // × n
  double outerRadiusMax = 1.0;  // × n
  int outerRadiusCount = 10;
  double peakMinDistance = 2.0;  // bins from the SAC centre (skips the central peak)
  double peakMinValue = 0.0;     // correlation a SAC peak must exceed
  bool keepSac = true;           // store the SAC in the result (GUI mosaics)
  void validate() const;         // std::invalid_argument naming the field
};

struct GridAnnulus {
  double inner = 0.0, outer = 0.0;  // radii in SAC bins (lags)
};

struct GridScore {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  double score60 = kNaN;  // the configured form (GridScoreConfig::minMax), max over annuli
  double score60MinMax = kNaN, score60Mean = kNaN, score90 = kNaN;
  int annulus60 = -1;  // index of the best annulus of `score60`
  int annulus60MinMax = -1, annulus60Mean = -1, annulus90 = -1;
  GridAnnulus best60, best90;  // radii of the best annuli of score60 and score90
  // c_θ at 30, 45, 60, 90, 120, 135, 150° in the best annulus of score60.
  std::array<double, 7> correlations{};
  double spacingBins = kNaN;           // SAC bins (multiply by SpatialBinning::binWidth() for m)
  double orientationDeg = kNaN;        // [0, 60)
  std::vector<Eigen::Vector2d> peaks;  // ≤ 6 (dx, dy) lags in bins, nearest first
  Eigen::MatrixXd sac;                 // (2n−1)², if keepSac
};

// The seven rotation angles, degrees.
inline constexpr std::array<double, 7> kGridScoreAngles = {30, 45, 60, 90, 120, 135, 150};

// SAC of one n × n rate map (NaN = unvisited): (2n − 1) × (2n − 1).
Eigen::MatrixXd spatialAutocorrelogram(const Eigen::MatrixXd& rateMap);

// Rotate an image counterclockwise by angleDeg about its centre ((rows−1)/2, (cols−1)/2) with
// bilinear interpolation, same size, 0 outside (x = column, y = row):
//   out(y, x) = in(c + R(−θ)·((x, y) − c)).
Eigen::MatrixXd rotateBilinear(const Eigen::MatrixXd& image, double angleDeg);

class GridScorer {
 public:
  explicit GridScorer(int bins, const GridScoreConfig& config = {});
  int bins() const { return m_n; }
  const GridScoreConfig& config() const { return m_config; }
  const std::vector<GridAnnulus>& annuli() const { return m_annuli; }

  GridScore score(const Eigen::MatrixXd& rateMap) const;  // n × n map
  GridScore scoreSac(const Eigen::MatrixXd& sac) const;   // (2n−1)² SAC
  // Many maps, over up to `threads` threads (results do not depend on the thread count).
  std::vector<GridScore> scoreAll(const std::vector<Eigen::MatrixXd>& rateMaps,
                                  int threads = 1) const;

 private:
  struct Tap {
    int index[4];
    double weight[4];
  };
  GridScore scoreRowMajorSac(const std::vector<double>& sac) const;
  void findPeaks(const std::vector<double>& sac, GridScore& out) const;

  int m_n = 0, m_l = 0;  // n, 2n − 1
  GridScoreConfig m_config;
  std::vector<GridAnnulus> m_annuli;
  std::vector<int> m_pixels;      // row-major SAC indices with inner < z ≤ max outer, by z
  std::vector<int> m_annulusEnd;  // annulus a = m_pixels[0, m_annulusEnd[a])
  std::vector<Tap> m_taps;        // [angle][pixel], 7 × m_pixels.size()
};

}  // namespace emergence::engine
