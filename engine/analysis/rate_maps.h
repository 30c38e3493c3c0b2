#pragma once
// Spatial rate maps and direction / speed tuning of units (grid-cells.md §3.1, §8.1, §8.6).
//
// Rate map: mean activity per spatial bin over the visited samples (scipy's
// binned_statistic_2d 'mean'), NaN where a bin was never visited (which includes every bin wholly
// outside the arena). n × n bins over a box (SpatialBinning):
//   bin width w = (xMax − xMin)/n; column j = x bin [xMin + j·w, xMin + (j+1)·w), row i = y bin
//   likewise from yMin (row 0 at the bottom: GUI views flip it for display); the upper edges
//   xMax, yMax belong to the last bin; samples outside the box are ignored.
// Maps are Eigen n × n matrices, map(i, j) = (y bin i, x bin j). The flat bin index used by the
// accumulator is i + j·n (Eigen's column-major order), so Eigen::Map of a flat row gives the map.
//
// Incremental accumulation: RateMapAccumulator adds batch after batch; sums and counts are
// accumulated sample by sample in sample order, so any split of the same sample sequence into
// batches gives bit-identical maps to a single add() of everything (tested).
#include <Eigen/Core>
#include <vector>

#include "engine/tasks/arena.h"

namespace emergence::engine {

enum class RateMapExtent {
  BoundingSquare,  // the arena's bounding box grown to a square: square bins (default; needed
                   // for the rotations of the grid score in non-square arenas)
  BoundingBox,     // the bounding box itself: n × n bins, rectangular in non-square boxes
};

struct SpatialBinning {
  int bins = 20;                                            // n per side
  double xMin = -0.5, xMax = 0.5, yMin = -0.5, yMax = 0.5;  // metres

  static SpatialBinning forArena(const Arena& arena, int bins,
                                 RateMapExtent extent = RateMapExtent::BoundingSquare);
  void validate() const;  // std::invalid_argument naming the field
  double binWidth() const { return (xMax - xMin) / bins; }   // m
  double binHeight() const { return (yMax - yMin) / bins; }  // m
  int cells() const { return bins * bins; }
  // Flat index i + j·n of the bin containing (x, y), or −1 outside the box.
  int flatIndex(double x, double y) const;
  // Centre of bin (row i, column j), metres.
  Eigen::Vector2d centre(int i, int j) const;
};

class RateMapAccumulator {
 public:
  RateMapAccumulator(const SpatialBinning& binning, int units);

  // rates: N × S (N = units), positions: 2 × S metres, same sample order. Rates and positions
  // of a TrajectoryBatch / CtrnnTrace line up directly (both columns t·B + b).
  void add(const Eigen::Ref<const Eigen::MatrixXf>& rates,
           const Eigen::Ref<const Eigen::MatrixXd>& positions);
  void add(const Eigen::Ref<const Eigen::MatrixXd>& rates,
           const Eigen::Ref<const Eigen::MatrixXd>& positions);
  void clear();

  const SpatialBinning& binning() const { return m_binning; }
  int units() const { return static_cast<int>(m_sums.rows()); }
  long long samples() const { return m_samples; }             // samples added inside the box
  const Eigen::MatrixXd& sums() const { return m_sums; }      // N × n², column = flat bin
  const Eigen::VectorXd& counts() const { return m_counts; }  // n², samples per bin
  Eigen::MatrixXd occupancy() const;                          // n × n counts
  Eigen::MatrixXd rateMap(int unit) const;                    // n × n, NaN where unvisited
  std::vector<Eigen::MatrixXd> rateMaps() const;              // one per unit

 private:
  template <typename M>
  void addImpl(const M& rates, const Eigen::Ref<const Eigen::MatrixXd>& positions);
  SpatialBinning m_binning;
  Eigen::MatrixXd m_sums;
  Eigen::VectorXd m_counts;
  long long m_samples = 0;
};

// One-shot rate maps (same result as one RateMapAccumulator::add).
std::vector<Eigen::MatrixXd> computeRateMaps(const SpatialBinning& binning,
                                             const Eigen::Ref<const Eigen::MatrixXf>& rates,
                                             const Eigen::Ref<const Eigen::MatrixXd>& positions);

// NaN-aware Gaussian smoothing for display (Sorscher: σ = 1 bin, display only; never before
// scoring unless stated): out = (G∗V)/(G∗W), V = map with NaN → 0, W = 1 on valid bins, kernel
// exp(−(di² + dj²)/(2σ²)) truncated at radius ⌈truncate·σ⌉ bins. NaN bins stay NaN.
// σ ≤ 0 returns the map unchanged.
Eigen::MatrixXd smoothRateMap(const Eigen::MatrixXd& map, double sigmaBins, double truncate = 3.0);

// Head-direction tuning (§3.1, §8.6): mean activity in `bins` equal heading bins over [0°, 360°)
// (bin k = [k·w, (k+1)·w), centre (k + ½)·w, w = 360°/bins; 36–60 bins).
//   R_i = |Σ_k f_ik e^{iφ_k}| / Σ_k f_ik over non-empty bins, φ_k = bin centre; preferred
//   direction = arg of the same sum, degrees in [0, 360). R needs f ≥ 0: a unit whose curve has
//   negative values (tanh) is shifted by its minimum first (f − min f), documented in the result.
struct DirectionTuning {
  int bins = 0;
  Eigen::VectorXd centresDeg;        // bins
  Eigen::VectorXd occupancy;         // bins, samples per bin
  Eigen::MatrixXd curve;             // N × bins, NaN where the bin is empty
  Eigen::VectorXd meanVectorLength;  // N, R in [0, 1]; NaN if the curve is flat or empty
  Eigen::VectorXd preferredDeg;      // N, degrees in [0, 360); NaN with R
  Eigen::VectorXi shifted;           // N, 1 where f − min f was used
};
// rates N × S, headings S radians (any real value; wrapped).
DirectionTuning computeDirectionTuning(const Eigen::Ref<const Eigen::MatrixXd>& rates,
                                       const Eigen::Ref<const Eigen::VectorXd>& headings,
                                       int bins = 36);
DirectionTuning computeDirectionTuning(const Eigen::Ref<const Eigen::MatrixXf>& rates,
                                       const Eigen::Ref<const Eigen::VectorXd>& headings,
                                       int bins = 36);

// Speed tuning (§3.1, §8.6): mean activity in `bins` equal speed bins over [minSpeed, maxSpeed]
// (maxSpeed ≤ 0: the largest speed in the data; the upper edge joins the last bin), and the
// speed score = Pearson r between activity and speed over the samples with speed ≥ minSpeed
// (Kropff 2015). Units of speed are the caller's (m/step from TrajectoryBatch::speed).
struct SpeedTuning {
  int bins = 0;
  double minSpeed = 0.0, maxSpeed = 0.0;
  Eigen::VectorXd centres;     // bins, speed at bin centres
  Eigen::VectorXd occupancy;   // bins
  Eigen::MatrixXd curve;       // N × bins, NaN where empty
  Eigen::VectorXd speedScore;  // N, Pearson r; NaN if activity or speed is constant
  long long samplesUsed = 0;
};
SpeedTuning computeSpeedTuning(const Eigen::Ref<const Eigen::MatrixXd>& rates,
                               const Eigen::Ref<const Eigen::VectorXd>& speeds, int bins = 20,
                               double minSpeed = 0.0, double maxSpeed = 0.0);
SpeedTuning computeSpeedTuning(const Eigen::Ref<const Eigen::MatrixXf>& rates,
                               const Eigen::Ref<const Eigen::VectorXd>& speeds, int bins = 20,
                               double minSpeed = 0.0, double maxSpeed = 0.0);

}  // namespace emergence::engine
