#pragma once
// Head-direction (HD) and angular-velocity (AV) tuning of RNN units (head-direction.md §6.2–6.4,
// §6.6), computed from test-set recordings.
//
// Inputs (S samples, any order; the caller picks the samples, e.g. steps after the cue):
//   rates    R: N × S, r of every unit at every sample (float or double)
//   heading  θ: S, true integrated heading, radians (wrapped into [0, 2π) here)
//   decoded  θ̂: S, decoded heading atan2(y_sin, y_cos), radians
//   omega    ω: S, angular velocity of the step that led to the sample, rad/step
// HD bins: hdBins equal bins over [0°, 360°); bin k = [k·w, (k+1)·w), w = 360°/hdBins, centre
// (k + ½)·w. A tuning curve is the mean r per bin; empty bins are NaN and every max/min/argmax
// skips them.
// AV bins: avBins equal bins over [−nSD·SD, +nSD·SD], SD = standard deviation of the non-zero ω
// values; bin k = [lo + k·h, lo + (k+1)·h), the upper edge hi is put in the last bin; samples
// outside are ignored.
#include <Eigen/Core>
#include <vector>

#include "engine/models/ctrnn.h"
#include "engine/tasks/head_direction_task.h"

namespace emergence::engine {

struct HdTuningConfig {
  int hdBins = 360;                // 1° bins (the 2024 code uses 99)
  int avBins = 100;                // §6.4 and §6.6
  double avRangeSd = 3.0;          // ω kept within ±avRangeSd·SD(non-zero ω)
  double avHalfWindowDeg = 1.5;    // AV tuning: samples with |θ − pref| ≤ this (circular)
  double avActiveLevel = 0.05;     // the "≥ 0.05" rule of §6.4 step 3
  double avActiveFraction = 0.25;  // ... applied when more than this fraction of bins is active
};

// Equal-width ω bins, rad/step.
struct AvBinning {
  int bins = 0;
  double sdNonZero = 0.0;  // SD of the non-zero ω values (population SD), rad/step
  double lo = 0.0, hi = 0.0;
  bool valid() const { return bins > 0 && hi > lo; }
  double width() const { return (hi - lo) / bins; }
  double centre(int k) const { return lo + (k + 0.5) * width(); }
  // Bin of ω, or −1 outside [lo, hi] (or when not valid).
  int binOf(double omega) const;
};
AvBinning makeAvBinning(const Eigen::Ref<const Eigen::VectorXd>& omega, int bins, double rangeSd);

// Index of the bin containing `angleRad` (wrapped into [0, 2π)), 0..bins−1.
int hdBinOf(double angleRad, int bins);
// Centre of HD bin k, degrees.
inline double hdBinCentreDeg(int k, int bins) { return (k + 0.5) * 360.0 / bins; }

// Argmax of a curve skipping NaN; −1 if every value is NaN.
int nanArgMax(const Eigen::Ref<const Eigen::VectorXd>& curve);
// max − min skipping NaN; NaN if every value is NaN.
double nanRange(const Eigen::Ref<const Eigen::VectorXd>& curve);

// §6.4 steps 2–4 on a binned AV curve (NaN = empty bin): drop `zeroBin`; if more than
// activeFraction of the remaining non-empty bins are ≥ activeLevel, drop the bins below it; fit
// y = intercept + slope·x by least squares over what is left. x in the caller's unit.
struct AvLineFit {
  double slope = 0.0, intercept = 0.0;  // NaN when fewer than two distinct x remain
  int binsUsed = 0;
  Eigen::VectorXi used;  // avBins, 1 where the bin entered the fit
};
AvLineFit fitAvTuningLine(const Eigen::Ref<const Eigen::VectorXd>& x,
                          const Eigen::Ref<const Eigen::VectorXd>& curve, int zeroBin,
                          double activeLevel, double activeFraction);

struct HdTuningResult {
  int numUnits = 0, hdBins = 0;
  Eigen::VectorXd hdCentresDeg;  // hdBins, degrees
  // Sample counts per HD bin (all, ω > 0, ω < 0; true and decoded heading): hdBins each.
  Eigen::VectorXd occupancy, occupancyCcw, occupancyCw;
  Eigen::VectorXd occupancyDecoded, occupancyDecodedCcw, occupancyDecodedCw;
  // Tuning curves, N × hdBins, mean r per bin, NaN where the bin is empty.
  Eigen::MatrixXd curve, curveCcw, curveCw;                       // true θ
  Eigen::MatrixXd curveDecoded, curveDecodedCcw, curveDecodedCw;  // decoded θ̂
  // Per unit (N), degrees in [0, 360) for preferred HDs; NaN if the unit's curve is all NaN.
  Eigen::VectorXd preferredDeg, strength;                 // true θ: centre of argmax, max − min
  Eigen::VectorXd preferredDecodedDeg, strengthDecoded;   // decoded θ̂
  Eigen::VectorXd preferredCcwDeg, preferredCwDeg;        // true θ, ω > 0 and ω < 0 samples
  Eigen::VectorXd offsetDeg;                              // wrap(pref_CCW − pref_CW), (−180, 180]
  // AV tuning at the preferred HD (§6.4), on `av`'s bins.
  AvBinning av;
  Eigen::VectorXd avCentresDegPerStep;  // avBins, ω bin centres in degrees per step
  Eigen::MatrixXd avCurve;              // N × avBins, mean r, NaN where empty
  Eigen::MatrixXi avUsed;               // N × avBins, 1 where the bin entered the line fit
  Eigen::VectorXi avSamples;            // N, samples within the window and the ω range
  Eigen::VectorXd avSlope;              // N, rate per (degree per step); NaN if no fit
  Eigen::VectorXd avIntercept;          // N, rate at ω = 0 of the fitted line
  // Activity range max − min of r over all given samples (N); for the dead rule pass the
  // samples after the cue (t > 10).
  Eigen::VectorXd activityRange;
};

// Everything above in one call. heading, decoded and omega have S entries; R is N × S.
HdTuningResult computeHdTuning(const Eigen::Ref<const Eigen::MatrixXf>& rates,
                               const Eigen::Ref<const Eigen::VectorXd>& heading,
                               const Eigen::Ref<const Eigen::VectorXd>& decoded,
                               const Eigen::Ref<const Eigen::VectorXd>& omega,
                               const HdTuningConfig& config = {});
HdTuningResult computeHdTuning(const Eigen::Ref<const Eigen::MatrixXd>& rates,
                               const Eigen::Ref<const Eigen::VectorXd>& heading,
                               const Eigen::Ref<const Eigen::VectorXd>& decoded,
                               const Eigen::Ref<const Eigen::VectorXd>& omega,
                               const HdTuningConfig& config = {});

// max − min of r over samples, per unit (N).
Eigen::VectorXd activityRange(const Eigen::Ref<const Eigen::MatrixXf>& rates);
Eigen::VectorXd activityRange(const Eigen::Ref<const Eigen::MatrixXd>& rates);

// Joint HD × AV maps (§6.6): mean r per (ω bin, HD bin) cell on the config's hdBins × avBins
// (ω range as in §6.4). Each map is avBins × hdBins: row = ω bin (from −nSD·SD up), column = HD
// bin; NaN where the cell is empty.
struct HdAvMaps {
  int hdBins = 0, avBins = 0;
  AvBinning av;
  Eigen::MatrixXd counts;  // avBins × hdBins, samples per cell (shared by all units)
  std::vector<int> units;  // unit index of each map
  std::vector<Eigen::MatrixXd> mean;           // per unit, avBins × hdBins
  std::vector<Eigen::MatrixXd> rowNormalised;  // per unit: each ω-row scaled to [0, 1]
};
// `units` empty = all units.
HdAvMaps computeHdAvMaps(const Eigen::Ref<const Eigen::MatrixXf>& rates,
                         const Eigen::Ref<const Eigen::VectorXd>& heading,
                         const Eigen::Ref<const Eigen::VectorXd>& omega,
                         const std::vector<int>& units = {}, const HdTuningConfig& config = {});
HdAvMaps computeHdAvMaps(const Eigen::Ref<const Eigen::MatrixXd>& rates,
                         const Eigen::Ref<const Eigen::VectorXd>& heading,
                         const Eigen::Ref<const Eigen::VectorXd>& omega,
                         const std::vector<int>& units = {}, const HdTuningConfig& config = {});
// Each row → (v − min)/(max − min), only where the row's range (NaN skipped) > minRange; other
// rows are copied unchanged. NaN stays NaN.
Eigen::MatrixXd normaliseRows(const Eigen::MatrixXd& map, double minRange = 1e-4);

// Test-set samples out of a forward pass on HeadDirectionTrials (noise off for §6.1), keeping
// trial steps t ≥ firstStep (1-based; firstStep = cueSteps + 1 keeps "t > 10").
//   rates N × S, heading/decoded/omega S; sample order: step-major, trials within a step.
template <typename S>
struct HdSamples {
  Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic> rates;
  Eigen::VectorXd heading, decoded, omega;
};
template <typename S>
HdSamples<S> gatherHdSamples(const CtrnnTrace<S>& trace, const HeadDirectionTrials& trials,
                             int firstStep);

extern template HdSamples<float> gatherHdSamples<float>(const CtrnnTrace<float>&,
                                                        const HeadDirectionTrials&, int);
extern template HdSamples<double> gatherHdSamples<double>(const CtrnnTrace<double>&,
                                                          const HeadDirectionTrials&, int);

}  // namespace emergence::engine
