#pragma once
// In-silico lesion experiments of head-direction.md §7.2 / §12 ("Perturbations"). Silencing a
// set of units forces their outputs r to 0 from a chosen trial step (a clamp), noise off.
#include <Eigen/Core>
#include <vector>

#include "engine/models/ctrnn.h"
#include "engine/tasks/head_direction_task.h"

namespace emergence::engine {

struct DriftResult {
  double omega = 0;             // constant AV during the window, rad/step (NaN: generator AV)
  double meanAbsDriftDeg = 0;   // mean over trials of |decoded(end) − decoded(begin)|, unwrapped
  double maxAbsDriftDeg = 0;
  double meanSignedDriftDeg = 0;  // + = counter-clockwise
  double intactTurnDeg = 0;     // the same trials without silencing: mean signed turn
  double trueTurnDeg = 0;       // integral of the AV input over the window
  // Where the bump goes: resultant length of the decoded headings at the end of the window
  // over trials (1 = every trial, whatever its start, ends at one heading: a pinned bump;
  // ≈ 0 for headings spread evenly, as a bump that holds its start would leave them), and
  // their circular mean (degrees, [0, 360)).
  double endConcentration = 0;
  double endHeadingDeg = 0;
  // Population rate of the units not silenced at the end of the window over that at its
  // start, mean over trials (≈ 1: the bump persists; ≈ 0: activity dies).
  double remainingActivityRatio = 0;
};

struct LesionProtocol {
  int trials = 64;        // initial headings, evenly spaced on the circle
  int cueSteps = 10;
  int settleSteps = 50;   // ω = 0 after the cue, before silencing
  int windowSteps = 200;  // silenced window
  double omega = 0.05;    // rad/step for the constant-AV protocol (≈ 1 SD of training AV)
};

// Decoded heading drift while `units` are silenced and ω is constant during the window.
DriftResult silencedDrift(const Ctrnn<float>& net, const std::vector<int>& units, double omega,
                          const LesionProtocol& p);
// The same with AV drawn from the task generator (no still periods), `seed` for the draws.
DriftResult silencedDriftGeneratorAv(const Ctrnn<float>& net, const std::vector<int>& units,
                                     const HeadDirectionTaskConfig& task,
                                     const LesionProtocol& p, std::uint64_t seed);

struct SilencingErrorResult {
  double beforeError = 0;  // normalised error (%) before silencing
  double duringError = 0;  // during the silenced window
  double afterError = 0;   // after release (bump re-forms?)
};
// Generator trials of `steps` steps; units silenced on [silenceBegin, silenceEnd).
SilencingErrorResult silencedError(const Ctrnn<float>& net, const std::vector<int>& units,
                                   const HeadDirectionTaskConfig& task, int trials, int steps,
                                   int silenceBegin, int silenceEnd, std::uint64_t seed);

}  // namespace emergence::engine
