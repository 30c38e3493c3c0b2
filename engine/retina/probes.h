#pragma once
// Probe stimuli of retina.md §5 (never used for training). Conventions of §4: 1 frame = 10 ms,
// 1 px = 55 µm, background 0, intensities in z (dark < 0). Every probe starts from the background
// (the responder starts from rest) and carries its own metadata (event frames, bar positions) so
// the phenomenon metrics need nothing else.
//
// Compact forms, so attribution can exploit the symmetry (retina.md §6.3):
//   FullField  every pixel of frame t equals fullField[t]                    (T values)
//   BarX       every row of frame t equals profileX.row(t) (varies along x)  (T × W)
//   None       the frames themselves                                          (T × (H·W))
// render() expands any of them into T × (H·W) frames (frames.h layout).
//
// Bars: centre X in centred coordinates (px, 0 = window centre, + = right), width w px, full
// height; a pixel column [x, x + 1) (centred) shows intensity × (overlap of [X − w/2, X + w/2]
// with the column), i.e. exact area anti-aliasing, so sub-pixel bar motion is smooth.
#include <Eigen/Core>
#include <limits>
#include <string>
#include <vector>

#include "engine/retina/frames.h"

namespace emergence::engine {

enum class ProbeSymmetry { FullField, BarX, None };
const char* probeSymmetryName(ProbeSymmetry s);

struct ProbeGeometry {
  int height = 50, width = 50;  // px
};

struct ProbeStimulus {
  std::string name;  // "osr", "flash", "step", "moving_bar", "flashed_bar", "motion_reversal", …
  ProbeSymmetry symmetry = ProbeSymmetry::FullField;
  int height = 50, width = 50;
  Eigen::VectorXf fullField;  // FullField: T
  FrameBlock profileX;        // BarX: T × W
  FrameBlock movie;           // None: T × (H·W)

  // Metadata (−1 / NaN / empty when not applicable). Frames count from 0 = first probe frame.
  std::vector<int> flashOnsets;    // first frame of every flash shown (OSR, flash, paired flash)
  int flashFrames = 0;             // frames per flash
  int periodFrames = 0;            // OSR: flash period
  int omittedOnset = -1;           // OSR: first frame of the omitted flash
  int stepOnset = -1;              // step / latency step: first frame at the new level
  std::vector<int> segmentOnsets;  // contrast steps: first frame of every segment
  std::vector<double> segmentSds;  // contrast steps: SD of every segment, z
  double intensity = 0;            // z (signed; dark < 0)
  double barWidthPx = 0;
  double speedPxPerFrame = 0;   // moving / reversing bar
  int direction = 0;            // +1 rightwards, −1 leftwards (moving bar)
  Eigen::VectorXd barCentrePx;  // T, bar centre (centred px), NaN where no bar is shown
  double flashPositionPx = std::numeric_limits<double>::quiet_NaN();  // flashed bar centre
  double reversalPointPx = std::numeric_limits<double>::quiet_NaN();  // reversal: turning point
  int reversalFrame = -1;  // reversal: the frame at which the bar is at the turning point

  int frames() const;
  // Frame t as H·W values (row-major, frames.h), into out[0 … H·W).
  void renderFrame(int t, float* out) const;
  FrameBlock render() const;  // T × (H·W)
};

// --- full-field probes ---------------------------------------------------------------------------
// OSR (§5.1): `flashes` flashes of flashFrames frames at `intensity`, one every periodFrames,
// starting at leadFrames; the next flash is omitted (omittedOnset = lead + flashes·period);
// flashesAfter more flashes may follow the omitted one; tailFrames after the omitted onset.
struct OsrParams {
  int periodFrames = 8;  // 80 ms (N23 `osr.py`: duration 2 + interval 6)
  int flashFrames = 2;   // 20 ms
  int flashes = 10;
  double intensity = -2.0;
  int leadFrames = 50;
  int flashesAfter = 0;
  int tailFrames = 60;
};
ProbeStimulus osrProbe(const OsrParams& p, const ProbeGeometry& g = {});

// Latency (§5.2). Flash: flashFrames frames at intensity from onsetFrame; Step: intensity from
// onsetFrame to the end (Tanaka `SinglePulse`).
enum class LatencyKind { Flash, Step };
struct LatencyParams {
  LatencyKind kind = LatencyKind::Step;
  double intensity = -1.0;  // z; the spec's "intensity I" of a dark step is −I here
  int onsetFrame = 40;
  int flashFrames = 2;
  int totalFrames = 100;
};
ProbeStimulus latencyProbe(const LatencyParams& p, const ProbeGeometry& g = {});

// Step response (§5.5): intensity for durationFrames from onsetFrame, then back to 0.
ProbeStimulus stepResponseProbe(double intensity, int durationFrames = 100, int onsetFrame = 40,
                                int tailFrames = 100, const ProbeGeometry& g = {});

// Paired flash (§5.5): two flashes of flashFrames at intensity, the second starting
// intervalFrames after the end of the first.
ProbeStimulus pairedFlashProbe(int intervalFrames, int flashFrames = 1, double intensity = -2.0,
                               int delayFrames = 40, int tailFrames = 60,
                               const ProbeGeometry& g = {});

// Contrast steps (§5.5): full-field Gaussian white noise N(0, sd²) per frame, segment k lasting
// segmentFrames with SD sds[k] (e.g. {c0, c1} repeated), deterministic from `seed`.
ProbeStimulus contrastStepsProbe(const std::vector<double>& sds, int segmentFrames,
                                 std::uint64_t seed, const ProbeGeometry& g = {});

// --- bar probes (BarX) ---------------------------------------------------------------------------
// Moving bar (§5.4): bar of widthPx at intensity, centre moving from startPx to endPx (centred
// px) at speedPxPerFrame: centre(k) = start + k·v·sign(end − start) for k = 0 … ⌊|end − start|/v⌋,
// after leadFrames of background (bar not shown), then tailFrames of background.
struct MovingBarParams {
  double widthPx = 2.0;
  double intensity = -1.0;
  double speedPxPerFrame = 0.08;  // 0.44 mm/s
  double startPx = -30.0, endPx = 30.0;
  int leadFrames = 40;
  int tailFrames = 40;
};
ProbeStimulus movingBarProbe(const MovingBarParams& p, const ProbeGeometry& g = {});

// Flashed bar (§5.4): bar centred at positionPx for flashFrames from onsetFrame.
struct FlashedBarParams {
  double positionPx = 0.0;
  double widthPx = 2.0;
  double intensity = -1.0;
  int flashFrames = 2;  // 20 ms
  int onsetFrame = 43;
  int totalFrames = 70;
};
ProbeStimulus flashedBarProbe(const FlashedBarParams& p, const ProbeGeometry& g = {});

// Motion reversal (§5.3): the bar moves from startPx to reversalPx and straight back, at
// speedPxPerFrame (adjusted so that it lands exactly on reversalPx: centres =
// linspace(start, reversal, n), n = 1 + ⌊|reversal − start|/v⌋; then the same path back without
// repeating the turning frame), then tailFrames at the start position. reversalFrame = n − 1.
struct ReversalParams {
  double widthPx = 2.0;
  double intensity = -1.0;
  double speedPxPerFrame = 0.14;  // N23 `motion_reversal.py` main (0.77 mm/s)
  double startPx = -40.0;
  double reversalPx = 0.0;
  int tailFrames = 0;
};
ProbeStimulus motionReversalProbe(const ReversalParams& p, const ProbeGeometry& g = {});

// Reversing grating (§5.5): square-wave grating of barPx bars (period 2·barPx) along x, phase
// `phasePx` (shift, px), contrast ±intensity reversing every halfPeriodFrames, `cycles` full
// reversal cycles after leadFrames of background.
ProbeStimulus reversingGratingProbe(int barPx = 5, int halfPeriodFrames = 50, double phasePx = 0,
                                    double intensity = 1.0, int cycles = 3, int leadFrames = 40,
                                    const ProbeGeometry& g = {});

// Column profile of a bar (exact area anti-aliasing), W values, added into `row`.
void addBarProfile(double centrePx, double widthPx, double intensity, int width, float* row);

}  // namespace emergence::engine
