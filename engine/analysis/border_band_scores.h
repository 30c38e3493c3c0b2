#pragma once
// Border score (Solstad et al. 2008; grid-cells.md §8.4) on any Arena, band score (§8.5) and a
// spatial-shuffle null for band (and optionally grid) scores.
//
// Rate maps: n × n on a SpatialBinning (map(i, j): row i = y bin, column j = x bin; NaN =
// unvisited).
//
// Border score b = (CM − DM)/(CM + DM) ∈ [−1, 1]:
//  - fields: 4-connected sets of valid bins whose normalised rate r' = (r − min)/(max − min)
//    exceeds fieldThreshold (0.3) with at least the minimum area. For maps with min = 0 (ReLU)
//    this is Solstad's "rate > 0.3·max"; the normalisation also handles tanh units (rates < 0).
//    Minimum area: minFieldBins if > 0, else ⌈minFieldArea / bin area⌉ (200 cm² by default).
//  - walls: each side of a polygon arena; the circle's 64 chords are grouped into circleWallArcs
//    arcs (4 quarter arcs). The bins of a wall are the valid bins whose centre is within
//    wallBandBins bin widths of that wall.
//  - CM = max over walls w and fields f of |f ∩ bins(w)| / |bins(w)|, over ALL fields (not only
//    the first one, unlike ganguli-lab `scores.py`); the map is never modified.
//  - DM = Σ r'_b·d_b / Σ r'_b over the bins b of all fields, d_b = distance of the bin centre to
//    the nearest wall (0 outside the arena), divided by Arena::inradius(): half the shortest
//    side for squares and rectangles (Solstad's normaliser), the apothem for the triangle and
//    hexagon, the radius for the circle (the same "centre-to-nearest-wall" distance).
//  - no field → score NaN.
// Band score [design]: P = |FFT|² of the map with its mean (over valid bins) subtracted, NaN → 0,
// zero-padded to paddedSize² (≥ paddingFactor·n, a power of two). Frequencies with
// |f| < minCyclesPerMap cycles per map side are excluded (DC and the lowest ring); the peak k*
// is the largest remaining power; band = Σ P within peakRadius (in unpadded frequency steps,
// 1/n cycles per bin) of ±k* ÷ Σ P over all non-DC frequencies. A plane wave scores near 1, a
// hexagonal grid about 1/3, noise near 0.
#include <Eigen/Core>
#include <cstdint>
#include <limits>
#include <vector>

#include "engine/analysis/grid_scores.h"
#include "engine/analysis/rate_maps.h"
#include "engine/tasks/arena.h"

namespace emergence::engine {

struct BorderScoreConfig {
  double fieldThreshold = 0.3;  // × (max − min) above min
  int minFieldBins = 0;         // > 0 overrides minFieldArea
  double minFieldArea = 0.02;   // m² (Solstad: 200 cm²)
  double wallBandBins = 1.0;    // wall bins: centre within this many bin widths of the wall
  int circleWallArcs = 4;       // walls of a circular arena
  void validate() const;        // std::invalid_argument naming the field
};

struct BorderScore {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  double score = kNaN;  // (CM − DM)/(CM + DM)
  double cm = kNaN, dm = kNaN;
  int fields = 0;
  int bestWall = -1;  // wall (border-score wall index) of CM
};

class BorderScorer {
 public:
  BorderScorer(const Arena& arena, const SpatialBinning& binning,
               const BorderScoreConfig& config = {});
  BorderScore score(const Eigen::MatrixXd& rateMap) const;
  int walls() const { return static_cast<int>(m_wallBins.size()); }
  int minFieldBins() const { return m_minFieldBins; }
  // Field labels of a map (n × n, −1 outside fields, 0… per field) — for display.
  Eigen::MatrixXi fieldLabels(const Eigen::MatrixXd& rateMap) const;

 private:
  int labelFields(const Eigen::MatrixXd& map, std::vector<int>& label,
                  std::vector<double>& norm) const;
  int m_n = 0;
  BorderScoreConfig m_config;
  int m_minFieldBins = 1;
  std::vector<std::vector<int>> m_wallBins;  // per wall: candidate flat bins (i + j·n)
  std::vector<double> m_wallDistance;        // per flat bin: distance / inradius
};

struct BandScoreConfig {
  int paddingFactor = 2;         // padded size = next power of two ≥ paddingFactor·n
  double minCyclesPerMap = 1.0;  // exclude |f| below this (cycles per map side)
  double peakRadius = 1.0;       // in unpadded frequency steps
  void validate() const;
};

struct BandScore {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  double score = kNaN;           // ∈ [0, 1]; NaN for a flat or empty map
  double wavelengthBins = kNaN;  // 1/|k*|, bins
  double orientationDeg = kNaN;  // direction of k* (normal to the stripes), [0, 180)
};

class BandScorer {
 public:
  explicit BandScorer(int bins, const BandScoreConfig& config = {});
  int bins() const { return m_n; }
  int paddedSize() const { return m_p; }
  BandScore score(const Eigen::MatrixXd& rateMap) const;

 private:
  int m_n = 0, m_p = 0;
  BandScoreConfig m_config;
  Eigen::MatrixXcd m_dft;  // p × n: exp(−2πi·u·x/p), the zero-padded DFT as a matrix
};

// Pooled spatial-shuffle null: `shuffles` maps, map k = a random permutation of the valid bins
// of unit (k mod U)'s map (Fisher–Yates with Rng(seed), in order k = 0, 1, …), optionally
// smoothed (σ in bins), each band-scored (and grid-scored if a GridScorer is given).
// Caution (measured, n = 32): a pure permutation (σ = 0) is white noise, whose band p95 is
// ≈ 0.02, so every spatially smooth map passes it (100/100 smoothed random maps, and a single
// central blob scores ≈ 0.34). Smoothing the shuffles like the maps (σ = 2 bins for maps of
// smoothness 2 bins) brings the false-positive rate back to ≈ 5 %. Match σ to the rate maps.
struct ShuffleNullConfig {
  int shuffles = 500;
  std::uint64_t seed = 1;
  double smoothSigmaBins = 0.0;
  void validate() const;
};

struct ShuffleNull {
  std::vector<double> band;     // band scores of the shuffled maps (NaN removed), sorted
  std::vector<double> score60;  // configured-form score60 of the shuffled maps, sorted; empty
                                // without a GridScorer
  // Percentile p ∈ [0, 100] with numpy's default linear interpolation; NaN if empty.
  static double percentile(const std::vector<double>& sorted, double p);
  double bandThreshold(double p = 95.0) const { return percentile(band, p); }
  double gridThreshold(double p = 95.0) const { return percentile(score60, p); }
};

ShuffleNull spatialShuffleNull(const std::vector<Eigen::MatrixXd>& rateMaps, const BandScorer& band,
                               const GridScorer* grid, const ShuffleNullConfig& config = {},
                               int threads = 1);

}  // namespace emergence::engine
