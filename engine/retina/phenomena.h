#pragma once
// Phenomenon metrics of retina.md §12, computed from any responder: a callable that maps a probe
// (probes.h) to rate traces, N × T (Hz, row = cell, column = 10 ms bin aligned with the probe's
// frames: bin t is the response to frames ≤ t − 1, as for the synthetic retina and the CNN's
// "frames i … i+39 → bin i+40"). The same code scores the ground truth and a trained CNN.
//
// Peak times are refined below one bin by the vertex of the parabola through the peak bin and
// its two neighbours. Times are in ms (1 bin = 10 ms), positions in px (centred coordinates,
// probes.h) and µm (1 px = 55 µm). NaN marks a metric that could not be measured (no response,
// no local peak), never a guess.
#include <Eigen/Core>
#include <functional>
#include <limits>
#include <vector>

#include "engine/retina/probes.h"

namespace emergence::engine {

using ProbeResponder = std::function<Eigen::MatrixXd(const ProbeStimulus&)>;

struct TracePeak {
  double frame = std::numeric_limits<double>::quiet_NaN();    // sub-bin time of the peak
  double valueHz = std::numeric_limits<double>::quiet_NaN();  // trace at the peak bin
};
// Peak of trace over frames [from, to] (clipped to the trace). localOnly: the highest bin that
// is ≥ both neighbours and strictly > one of them, with from < bin < to (NaN if none);
// otherwise the argmax. Parabolic refinement when both neighbours exist.
TracePeak findPeak(const Eigen::Ref<const Eigen::VectorXd>& trace, int from, int to,
                   bool localOnly);

// Gaussian smoothing (SD in frames) with the kernel renormalised at the ends; sd ≤ 0 copies.
Eigen::VectorXd smoothTrace(const Eigen::Ref<const Eigen::VectorXd>& trace, double sdFrames);

// --- OSR (§5.1, §12): latency of the omitted-stimulus burst vs flash period -------------------
struct OsrConfig {
  std::vector<int> periodsFrames{6, 8, 10, 12, 15};  // 60–150 ms
  int comparePeriodFrames = 8;                       // "OSR peak above in-train response at 80 ms"
  int flashFrames = 2;
  int flashes = 10;
  double intensity = -2.0;
  int leadFrames = 50;
  int windowFrames = 40;  // OSR peak searched in (omitted onset, omitted onset + window]
  ProbeGeometry geometry{};
};
struct OsrResult {
  Eigen::VectorXd periodsMs;              // P
  Eigen::MatrixXd latencyAfterLastMs;     // N × P: OSR peak − onset of the last flash
  Eigen::MatrixXd latencyAfterOmittedMs;  // N × P: OSR peak − onset of the omitted flash
  Eigen::MatrixXd osrPeakHz;              // N × P
  Eigen::MatrixXd inTrainPeakHz;          // N × P: peak response to the last flash (one period)
  Eigen::VectorXd slope;                  // N: least-squares d(latencyAfterLast)/d(period)
  Eigen::VectorXd osrOverInTrain;         // N: osrPeak/inTrainPeak at comparePeriodFrames
};
OsrResult measureOsr(const ProbeResponder& responder, const OsrConfig& config = {});

// --- latency coding (§5.2, §12) ---------------------------------------------------------------
struct LatencyConfig {
  std::vector<double> intensities{0.25, 0.5, 1.0, 1.5, 2.0};  // I; the probe shows −I (dark)
  LatencyKind kind = LatencyKind::Step;
  int onsetFrame = 40;
  int flashFrames = 2;
  int totalFrames = 100;
  int windowFrames = 50;   // peak searched in (onset, onset + window]
  double minRiseHz = 3.0;  // a peak less than this above the rate at onset counts as none
  ProbeGeometry geometry{};
};
struct LatencyResult {
  Eigen::VectorXd intensities;  // K
  Eigen::MatrixXd latencyMs;    // N × K: peak time − onset
  Eigen::MatrixXd peakHz;       // N × K
  Eigen::VectorXd dropMs;       // N: latency at the first intensity − latency at the last
};
LatencyResult measureLatency(const ProbeResponder& responder, const LatencyConfig& config = {});

// --- RF centres along x from flashed bars (§5.4) -----------------------------------------------
struct RfMapConfig {
  // Flashed positions −range … +range in steps; halfRangePx ≤ 0: half the window width.
  double stepPx = 1.0, halfRangePx = 0.0;
  FlashedBarParams flash{};  // positionPx is overwritten
  ProbeGeometry geometry{};
};
struct RfMapResult {
  Eigen::VectorXd positionsPx;  // M, centred px
  Eigen::MatrixXd peakHz;       // N × M: peak response to the bar flashed at each position
  Eigen::VectorXd centrePx;     // N: parabolic peak of the profile (centred px)
};
RfMapResult mapRfCentresX(const ProbeResponder& responder, const RfMapConfig& config = {});

// --- motion anticipation (§5.4, §12) -----------------------------------------------------------
// lead = v·L_flash − ½(x₊ − x₋): the lag a response with the flash latency L_flash would have,
// minus how far past the RF centre the bar actually is at the moving-bar peak, averaged over
// the rightward (x₊) and leftward (x₋) sweeps (the RF centre cancels in the average).
struct AnticipationConfig {
  double speedPxPerFrame = 0.08;  // 0.44 mm/s
  double widthPx = 2.0;
  double intensity = -1.0;
  double sweepHalfPx = 30.0;  // bar from −30 to +30 px and back
  // The moving-bar response is broad (~5 px of travel) and carries a ripple at the
  // pixel-crossing period (1 px of travel, from the pixel grid of subunits) that makes its top
  // a bumpy plateau; its peak is taken after a Gaussian smoothing of SD smoothSdPx of bar travel
  // (smoothSdPx/v frames; 0 = none), which damps that ripple to < 1 % (e^(−2π²σ²)).
  double smoothSdPx = 0.5;
  RfMapConfig rfMap{};  // width/intensity/geometry copied from above
  ProbeGeometry geometry{};
};
struct AnticipationResult {
  RfMapResult rf;
  Eigen::VectorXd flashLatencyMs;  // N: latency of the bar flashed at the RF centre
  Eigen::MatrixXd movingPeakPx;    // N × 2: bar centre at the peak, rightward / leftward sweep
  Eigen::MatrixXd movingPeakHz;    // N × 2
  Eigen::VectorXd leadUm;          // N: anticipation, µm (> 0 = response ahead of the lag)
  Eigen::VectorXd expectedLagUm;   // N: v·L_flash, µm
};
AnticipationResult measureAnticipation(const ProbeResponder& responder,
                                       const AnticipationConfig& config = {});

// --- motion reversal (§5.3, §12) ---------------------------------------------------------------
// For every evaluated cell, a bar approaches from startOffsetPx left of the cell's RF centre,
// turns at centre + reversal point, and goes back; burst time = peak of the response in
// (reversal frame, reversal frame + window] after the reversal frame.
struct ReversalConfig {
  std::vector<double> reversalPointsPx{-8, -7, -6, -5, -4, -3, -2, -1, 0, 1, 2};
  double speedPxPerFrame = 0.14;
  double widthPx = 2.0;
  double intensity = -1.0;
  double startOffsetPx = -40.0;
  int windowFrames = 50;
  int tailFrames = 60;
  ProbeGeometry geometry{};
};
struct ReversalResult {
  std::vector<int> cells;            // evaluated cells (rows below)
  Eigen::VectorXd rfCentrePx;        // per evaluated cell (centred px)
  Eigen::VectorXd reversalPointsPx;  // K
  Eigen::MatrixXd burstTimeMs;       // cells × K: burst peak − reversal frame
  Eigen::MatrixXd burstHz;           // cells × K
  Eigen::MatrixXd motionPeakHz;      // cells × K: peak while the bar approached (before reversal)
  Eigen::VectorXd spreadMs;          // cells: max − min burst time over K (NaN if any is NaN)
};
// rfCentresPx: centred x of every responder cell (e.g. mapRfCentresX(...).centrePx).
ReversalResult measureReversal(const ProbeResponder& responder, const std::vector<int>& cells,
                               const Eigen::VectorXd& rfCentresPx,
                               const ReversalConfig& config = {});

}  // namespace emergence::engine
