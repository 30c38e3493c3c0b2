// The lesion experiments of engine/analysis/hd_lesions.h on a hand-built ring attractor whose
// behaviour is known: intact, it holds a bump at any heading (no drift, end headings spread
// over the circle); with every unit outside a 120° arc silenced, only that arc can carry a bump,
// so every start ends at the arc's centre (a pinned bump).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "engine/analysis/hd_lesions.h"
#include "engine/core/angles.h"
#include "tests/engine/ring_network.h"

using namespace emergence::engine;

namespace {
// The ring of ring_network.h with the readout y = (2/N)·Σ_i r_i (sin φ_i, cos φ_i)·k, k such
// that |y| = 1 on the settled bump (the targets are unit vectors): the decoded heading is the
// bump's centre.
Ctrnn<float> ringNetwork(int N) {
  Ctrnn<float> net = test_support::ringNetwork(N);
  for (int i = 0; i < N; ++i) {
    const double phi = kTwoPi * i / N;
    net.params.W_out(0, i) = float(2.0 * std::sin(phi) / N);
    net.params.W_out(1, i) = float(2.0 * std::cos(phi) / N);
  }
  net.params.x0.setZero();
  // Scale the readout so that |y| = 1 on the settled bump (the targets are unit vectors).
  const HeadDirectionTrials cue =
      headDirectionTrialsWithOmega(200, 10, Eigen::VectorXd::Zero(200), Eigen::VectorXd::Zero(1));
  CtrnnTrace<float> tr;
  net.forward(castBatch<float>(cue.batch), {}, nullptr, tr);
  const float amplitude = tr.y.col(tr.y.cols() - 1).norm();
  net.params.W_out /= amplitude;
  return net;
}

// Units whose preferred direction is more than `halfWidthDeg` from `centreDeg`.
std::vector<int> unitsOutsideArc(int N, double centreDeg, double halfWidthDeg) {
  std::vector<int> out;
  for (int i = 0; i < N; ++i)
    if (std::abs(wrapDegrees180(360.0 * i / N - centreDeg)) > halfWidthDeg) out.push_back(i);
  return out;
}
}  // namespace

TEST(HdLesions, IntactRingHoldsEveryHeading) {
  const int N = 48;
  const Ctrnn<float> net = ringNetwork(N);
  LesionProtocol p;
  p.trials = 16;
  const DriftResult d = silencedDrift(net, {}, 0.05, p);
  EXPECT_LT(d.meanAbsDriftDeg, 1.0);  // no AV input: the bump stays where the cue put it
  EXPECT_LT(d.endConcentration, 0.05);  // 16 evenly spaced starts end evenly spaced
  EXPECT_NEAR(d.remainingActivityRatio, 1.0, 0.02);
  EXPECT_NEAR(d.trueTurnDeg, degrees(0.05 * p.windowSteps), 1e-6);
}

TEST(HdLesions, SilencingAllButAnArcPinsTheBumpAtTheArc) {
  const int N = 48;
  const Ctrnn<float> net = ringNetwork(N);
  LesionProtocol p;
  p.trials = 16;
  const DriftResult d = silencedDrift(net, unitsOutsideArc(N, 90.0, 60.0), 0.0, p);
  EXPECT_GT(d.endConcentration, 0.95);
  EXPECT_NEAR(wrapDegrees180(d.endHeadingDeg - 90.0), 0.0, 5.0);
  // Starts spread evenly around the circle moved to 90°: mean |drift| ≈ 90° (the mean distance
  // of evenly spaced headings from one heading), far above the 10° of a held bump.
  EXPECT_GT(d.meanAbsDriftDeg, 60.0);
}

TEST(HdLesions, SilencingEveryUnitDestroysTheEstimateOnlyInTheWindow) {
  const int N = 48;
  const Ctrnn<float> net = ringNetwork(N);
  HeadDirectionTaskConfig task;
  task.avScale = 0.0;  // the ring has no AV input: hold the cued heading
  std::vector<int> all(N);
  for (int i = 0; i < N; ++i) all[size_t(i)] = i;
  const SilencingErrorResult none = silencedError(net, {}, task, 8, 120, 50, 90, 7);
  EXPECT_LT(none.beforeError, 1.0);
  EXPECT_LT(none.duringError, 1.0);
  const SilencingErrorResult lesioned = silencedError(net, all, task, 8, 120, 50, 90, 7);
  EXPECT_LT(lesioned.beforeError, 1.0);
  EXPECT_GT(lesioned.duringError, 50.0);  // y = 0: error of the best constant output or worse
}
