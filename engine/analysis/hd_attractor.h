#pragma once
// The attractor analysis of a head-direction network (head-direction.md §8), in one call that a
// background job can follow and stop: settle K noise-free trials from K headings with ω = 0
// (settleFromHeadings), search a slow point from each of `searches` settled states
// (findSlowPoints, Levenberg–Marquardt on q = ½‖F(x) − x‖²), and check that the settled rates
// form a closed ring in their top 2 PCs (checkRing, with the slow points projected too).
#include <functional>
#include <vector>

#include "engine/analysis/fixed_points.h"

namespace emergence::engine {

struct HdAttractorConfig {
  SettleConfig settle{};    // 64 headings, cue 10 steps, then 2000 steps with ω = 0
  int searches = 64;        // slow-point searches, from settled states spread evenly over θ
  SlowPointConfig slow{};
  RingCheckConfig ring{};
  double nearOne = 0.02;    // |λ1| within this of 1 counts as "one eigenvalue near 1"
};

struct HdAttractorResult {
  long long atUpdate = -1;             // update of the weights analysed (caller's bookkeeping)
  SettledStates settled;               // K states, N × K
  std::vector<SlowPoint> slowPoints;   // P ≤ searches (fewer when stopped early)
  std::vector<int> slowStart;          // P: index k of the settled state each search began at
  RingCheck ring;                      // PCA of settled.r; ring.slow2d is 2 × P
  bool complete = false;               // every search ran

  // Summary of the slow points (§12 "Attractor"): converged searches; points whose Jacobian has
  // its largest |λ| within nearOne of 1 while the second-largest is below 1.
  int converged = 0;
  int oneNearUnity = 0;
  double nearOne = 0.02;     // the tolerance used (config.nearOne)
  double medianQ = 0;        // median q over the slow points (NaN if none)
  double medianAbsLambda1 = 0;  // median largest |λ| (NaN if none)
};

// Largest and second-largest |λ| of a spectrum (NaN when it has fewer entries).
double largestAbsEigenvalue(const Eigen::VectorXcd& eigenvalues);
double secondAbsEigenvalue(const Eigen::VectorXcd& eigenvalues);

// progress(done, total) is called once after settling (done = 0) and after each slow-point search;
// returning false stops the analysis: the result then holds the points found so far, with the
// ring check made on what is there, and complete = false. Throws std::invalid_argument when the
// network lacks the 3 head-direction inputs or the configuration is empty.
HdAttractorResult computeHdAttractor(const Ctrnn<float>& net, const HdAttractorConfig& config = {},
                                     const std::function<bool(int, int)>& progress = {});

}  // namespace emergence::engine
