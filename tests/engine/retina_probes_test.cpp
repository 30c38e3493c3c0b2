// Probe stimuli (retina.md §5): each renders what the spec defines, with the right metadata.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/retina/probes.h"

using namespace emergence::engine;

namespace {

// Centroid (centred px) and total mass of a column profile.
void profileMoments(const float* row, int width, double* centroid, double* mass) {
  double m = 0, mx = 0;
  for (int x = 0; x < width; ++x) {
    m += row[x];
    mx += row[x] * (x + 0.5 - 0.5 * width);
  }
  *mass = m;
  *centroid = m != 0 ? mx / m : NAN;
}

}  // namespace

TEST(RetinaProbes, OsrFlashTimingAndOmission) {
  OsrParams p;
  p.periodFrames = 8;
  p.flashFrames = 2;
  p.flashes = 10;
  p.intensity = -2.0;
  p.leadFrames = 50;
  p.tailFrames = 60;
  const ProbeStimulus s = osrProbe(p);
  EXPECT_EQ(s.symmetry, ProbeSymmetry::FullField);
  ASSERT_EQ(s.flashOnsets.size(), 10u);
  EXPECT_EQ(s.omittedOnset, 50 + 10 * 8);
  EXPECT_EQ(s.frames(), 50 + 80 + 60);
  for (int t = 0; t < s.frames(); ++t) {
    const bool inFlash = t >= 50 && t < 130 && (t - 50) % 8 < 2;
    EXPECT_EQ(s.fullField[t], inFlash ? -2.0f : 0.0f) << t;
  }
  for (int i = 0; i < 10; ++i) EXPECT_EQ(s.flashOnsets[i], 50 + 8 * i);
  // The omitted flash and everything after it is background.
  EXPECT_TRUE((s.fullField.tail(60).array() == 0.0f).all());
  // Flashes may resume after the omission.
  p.flashesAfter = 3;
  const ProbeStimulus r = osrProbe(p);
  ASSERT_EQ(r.flashOnsets.size(), 13u);
  EXPECT_EQ(r.flashOnsets[10], r.omittedOnset + 8);
  EXPECT_EQ(r.fullField[r.omittedOnset], 0.0f);
  EXPECT_EQ(r.fullField[r.omittedOnset + 8], -2.0f);
  // Rendering broadcasts to every pixel.
  const FrameBlock f = s.render();
  ASSERT_EQ(f.rows(), s.frames());
  ASSERT_EQ(f.cols(), 50 * 50);
  EXPECT_TRUE((f.row(50).array() == -2.0f).all());
  EXPECT_TRUE((f.row(52).array() == 0.0f).all());
  p.flashFrames = 9;
  try {
    osrProbe(p);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("flashFrames"), std::string::npos) << e.what();
  }
}

TEST(RetinaProbes, LatencyStepFlashStepResponsePairedFlash) {
  LatencyParams lp;
  lp.kind = LatencyKind::Step;
  lp.intensity = -0.25;
  const ProbeStimulus step = latencyProbe(lp);
  EXPECT_EQ(step.stepOnset, 40);
  EXPECT_EQ(step.frames(), 100);
  EXPECT_EQ(step.fullField[39], 0.0f);
  EXPECT_TRUE((step.fullField.tail(60).array() == -0.25f).all());
  lp.kind = LatencyKind::Flash;
  lp.intensity = -3.0;
  const ProbeStimulus flash = latencyProbe(lp);
  ASSERT_EQ(flash.flashOnsets.size(), 1u);
  EXPECT_EQ(flash.fullField.sum(), -6.0f);
  EXPECT_EQ(flash.fullField[40], -3.0f);
  EXPECT_EQ(flash.fullField[41], -3.0f);
  EXPECT_EQ(flash.fullField[42], 0.0f);

  const ProbeStimulus sr = stepResponseProbe(1.5, 100, 40, 60);
  EXPECT_EQ(sr.frames(), 200);
  EXPECT_EQ(sr.fullField.segment(40, 100).sum(), 150.0f);
  EXPECT_EQ(sr.fullField[140], 0.0f);

  const ProbeStimulus pf = pairedFlashProbe(5, 1, -2.0, 40, 30);
  ASSERT_EQ(pf.flashOnsets.size(), 2u);
  EXPECT_EQ(pf.flashOnsets[1], 40 + 1 + 5);
  EXPECT_EQ(pf.fullField.sum(), -4.0f);
  EXPECT_EQ(pf.fullField[46], -2.0f);

  const ProbeStimulus cs = contrastStepsProbe({0.5, 2.0}, 2000, 7);
  ASSERT_EQ(cs.segmentOnsets.size(), 2u);
  const auto sd = [](const Eigen::VectorXf& v) {
    const double m = v.cast<double>().mean();
    return std::sqrt((v.cast<double>().array() - m).square().mean());
  };
  EXPECT_NEAR(sd(cs.fullField.head(2000)), 0.5, 0.03);
  EXPECT_NEAR(sd(cs.fullField.tail(2000)), 2.0, 0.1);
}

TEST(RetinaProbes, MovingBarPositionAndProfile) {
  MovingBarParams p;
  p.speedPxPerFrame = 0.08;
  p.startPx = -30;
  p.endPx = 30;
  p.widthPx = 2;
  p.intensity = -1;
  const ProbeStimulus s = movingBarProbe(p);
  EXPECT_EQ(s.symmetry, ProbeSymmetry::BarX);
  const int n = 1 + 750;  // 60 px / 0.08 px per frame
  EXPECT_EQ(s.frames(), p.leadFrames + n + p.tailFrames);
  EXPECT_EQ(s.direction, 1);
  EXPECT_TRUE(std::isnan(s.barCentrePx[0]));
  for (int k = 0; k < n; k += 37) {
    const int t = p.leadFrames + k;
    EXPECT_NEAR(s.barCentrePx[t], -30 + 0.08 * k, 1e-9);
    double c, m;
    profileMoments(s.profileX.row(t).data(), 50, &c, &m);
    if (std::abs(s.barCentrePx[t]) < 23) {  // bar fully inside the 50 px window
      EXPECT_NEAR(m, -2.0, 1e-5) << t;      // width × intensity (area anti-aliasing)
      EXPECT_NEAR(c, s.barCentrePx[t], 1e-5) << t;
      EXPECT_GE(s.profileX.row(t).maxCoeff(), -1e-7f);
      EXPECT_GE(s.profileX.row(t).minCoeff(), -1.0f - 1e-6f);
    }
  }
  // Every row of a rendered frame is the profile.
  float frame[50 * 50];
  const int t = p.leadFrames + 400;
  s.renderFrame(t, frame);
  for (int y = 0; y < 50; ++y)
    for (int x = 0; x < 50; ++x) ASSERT_EQ(frame[y * 50 + x], s.profileX(t, x));
  // Leftwards.
  p.startPx = 30;
  p.endPx = -30;
  const ProbeStimulus l = movingBarProbe(p);
  EXPECT_EQ(l.direction, -1);
  EXPECT_NEAR(l.barCentrePx[p.leadFrames + 100], 30 - 8.0, 1e-9);
}

TEST(RetinaProbes, FlashedBarAtSubPixelPosition) {
  FlashedBarParams p;
  p.positionPx = 3.3;
  const ProbeStimulus s = flashedBarProbe(p, {32, 32});
  EXPECT_EQ(s.width, 32);
  EXPECT_EQ(s.frames(), 70);
  for (int t = 0; t < 70; ++t) {
    double c, m;
    profileMoments(s.profileX.row(t).data(), 32, &c, &m);
    if (t == 43 || t == 44) {
      EXPECT_NEAR(m, -2.0, 1e-5);
      EXPECT_NEAR(c, 3.3, 1e-5);
      EXPECT_NEAR(s.barCentrePx[t], 3.3, 1e-12);
    } else {
      EXPECT_EQ(m, 0.0) << t;
    }
  }
  EXPECT_EQ(s.flashOnsets.front(), 43);
}

TEST(RetinaProbes, MotionReversalPathAndReversalFrame) {
  ReversalParams p;
  p.startPx = -40;
  p.reversalPx = -3;
  p.speedPxPerFrame = 0.14;
  p.tailFrames = 20;
  const ProbeStimulus s = motionReversalProbe(p);
  const int n = 1 + int(std::floor(37 / 0.14));
  EXPECT_EQ(s.reversalFrame, n - 1);
  EXPECT_EQ(s.frames(), 2 * n - 1 + 20);
  EXPECT_DOUBLE_EQ(s.barCentrePx[0], -40.0);
  EXPECT_DOUBLE_EQ(s.barCentrePx[s.reversalFrame], -3.0);
  EXPECT_NEAR(s.speedPxPerFrame, 0.14, 0.001);
  // The path is monotone out, symmetric back, and the turning point is its maximum.
  for (int k = 1; k < n; ++k) {
    EXPECT_GT(s.barCentrePx[k], s.barCentrePx[k - 1]);
    EXPECT_DOUBLE_EQ(s.barCentrePx[s.reversalFrame + k], s.barCentrePx[s.reversalFrame - k]);
  }
  EXPECT_DOUBLE_EQ(s.barCentrePx.maxCoeff(), -3.0);
  EXPECT_DOUBLE_EQ(s.barCentrePx[s.frames() - 1], -40.0);
  double c, m;
  profileMoments(s.profileX.row(s.reversalFrame).data(), 50, &c, &m);
  EXPECT_NEAR(c, -3.0, 1e-5);
  EXPECT_NEAR(m, -2.0, 1e-5);
}

TEST(RetinaProbes, ReversingGratingFlipsEveryHalfPeriod) {
  const ProbeStimulus s = reversingGratingProbe(5, 50, 0.0, 1.0, 2, 40);
  EXPECT_EQ(s.frames(), 40 + 200);
  EXPECT_TRUE((s.profileX.topRows(40).array() == 0.0f).all());
  // Bars of 5 px: column x = 25 (centred [0, 1)) is +1, x = 30 (centred [5, 6)) is −1.
  EXPECT_EQ(s.profileX(40, 25), 1.0f);
  EXPECT_EQ(s.profileX(40, 29), 1.0f);
  EXPECT_EQ(s.profileX(40, 30), -1.0f);
  EXPECT_EQ(s.profileX(40, 24), -1.0f);
  EXPECT_TRUE(s.profileX.row(89) == s.profileX.row(40));
  EXPECT_TRUE(s.profileX.row(90) == -s.profileX.row(40));
  EXPECT_TRUE(s.profileX.row(140) == s.profileX.row(40));
  ASSERT_EQ(s.segmentOnsets.size(), 4u);
  EXPECT_EQ(s.segmentOnsets[1], 90);
}
