// Synthetic ground-truth retina (retina.md §8.2): kernels, rest state, roster, streaming equals
// one-shot, probes from rest, Poisson counts. The phenomena it must reproduce are in
// retina_phenomena_test.cpp.
#include "engine/retina/synthetic_retina.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "engine/retina/natural_movie.h"

using namespace emergence::engine;

TEST(SyntheticRetina, GammaKernelIntegralsAndDiscretisation) {
  // ∫₀^t G by the closed form vs a fine midpoint rule; G integrates to 1.
  for (double tau : {0.02, 0.09}) {
    double acc = 0;
    const double h = 1e-5;
    for (double t = 0.5 * h; t < 0.1; t += h) acc += gammaKernel(t, tau, 3) * h;
    EXPECT_NEAR(acc, gammaKernelIntegral(0.1, tau, 3), 1e-7) << tau;
    EXPECT_NEAR(gammaKernelIntegral(20.0, tau, 3), 1.0, 1e-12);
    // Peak at nτ.
    EXPECT_GT(gammaKernel(3 * tau, tau, 3), gammaKernel(3 * tau * 0.9, tau, 3));
    EXPECT_GT(gammaKernel(3 * tau, tau, 3), gammaKernel(3 * tau * 1.1, tau, 3));
  }
  // 60 taps of 10 ms; Σ h = K(600 ms) = P₁(0.6) − β·P₂(0.6); no weight at lag 0.
  const TemporalKernelParams onSlow{0.035, 0.090, 0.9, 3, 0.6};
  const Eigen::VectorXd h = discreteTemporalKernel(onSlow, 0.01);
  ASSERT_EQ(h.size(), 60);
  EXPECT_NEAR(h.sum(),
              gammaKernelIntegral(0.6, 0.035, 3) - 0.9 * gammaKernelIntegral(0.6, 0.090, 3), 1e-12);
  EXPECT_GT(h[0], 0.0);  // ∫ over the first bin (lag 0–10 ms), the response to frame t − 1
  // Biphasic: positive lobe first, negative later.
  EXPECT_GT(h.head(10).sum(), 0.0);
  EXPECT_LT(h.segment(20, 30).sum(), 0.0);
  // Blur: taps sum to 1; a uniform image stays uniform away from the edges.
  const Eigen::VectorXd g = gaussianTaps(0.6);
  EXPECT_EQ(g.size(), 5);
  EXPECT_NEAR(g.sum(), 1.0, 1e-15);
  std::vector<float> img(20 * 20, 2.0f);
  std::vector<double> out(400);
  Eigen::VectorXd scratch;
  separableBlur(img.data(), 20, 20, g, out.data(), scratch);
  EXPECT_NEAR(out[10 * 20 + 10], 2.0, 1e-12);
  EXPECT_LT(out[0], 2.0);  // zero (background) outside the image
}

TEST(SyntheticRetina, DefaultRosterRecordsTypesAndPathways) {
  SyntheticRetina ret;
  ASSERT_EQ(ret.numCells(), 8);
  int fastOff = 0, osr = 0, reversal = 0;
  for (const RetinaCellSpec& c : ret.cells()) {
    // Central 24 × 24 px (3 × 3 grid spacing 8, jitter ±1.5).
    EXPECT_LE(std::abs(c.xPx - 25.0), 8.0 + 1.5 + 1e-9);
    EXPECT_LE(std::abs(c.yPx - 25.0), 8.0 + 1.5 + 1e-9);
    if (c.type == "fast-OFF") {
      ++fastOff;
      ASSERT_EQ(c.inputs.size(), 1u);
      EXPECT_EQ(c.inputs[0].pathway, RetinaPathway::OffFast);
      EXPECT_EQ(c.sigmaPx, 2.0);
      EXPECT_EQ(c.rHalfHz, 15.0);
    } else if (c.type == "OSR") {
      ++osr;
      ASSERT_EQ(c.inputs.size(), 2u);
      EXPECT_EQ(c.inputs[0].pathway, RetinaPathway::OffFast);
      EXPECT_EQ(c.inputs[1].pathway, RetinaPathway::OnSlow);
      EXPECT_EQ(c.inputs[1].weight, 1.0);
    } else if (c.type == "reversal") {
      ++reversal;
      ASSERT_EQ(c.inputs.size(), 2u);
      EXPECT_EQ(c.inputs[0].pathway, RetinaPathway::OffFast);
      EXPECT_EQ(c.inputs[0].beta, 1.0);
      EXPECT_EQ(c.inputs[1].pathway, RetinaPathway::OnFast);
      EXPECT_EQ(c.rHalfHz, 30.0);
    }
  }
  EXPECT_EQ(fastOff, 4);
  EXPECT_EQ(osr, 2);
  EXPECT_EQ(reversal, 2);
  // The seed moves the cells; the same seed gives the same roster.
  SyntheticRetinaConfig c2;
  c2.seed = 2;
  EXPECT_NE(SyntheticRetina(c2).cells()[0].xPx, ret.cells()[0].xPx);
  EXPECT_EQ(SyntheticRetina().cells()[3].xPx, ret.cells()[3].xPx);
  // Errors name the field.
  SyntheticRetinaConfig bad;
  bad.tauGcS = 0;
  try {
    SyntheticRetina r(bad);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("tauGcS"), std::string::npos) << e.what();
  }
}

TEST(SyntheticRetina, RestIsBaselineAndRespondStartsFromRest) {
  SyntheticRetina ret;
  const RetinaResponse rest = ret.process(FrameBlock::Zero(50, 2500), false);
  EXPECT_TRUE((rest.rate.array() == ret.config().baselineHz).all());
  // A probe run from rest equals streaming its rendered frames after reset(), and leaves the
  // streaming state alone.
  OsrParams op;
  const ProbeStimulus probe = osrProbe(op);
  NaturalMovieConfig mc;
  mc.bank.size = 128;
  mc.bank.count = 4;
  NaturalMovie movie(mc);
  ret.process(movie.nextFrames(100), false);  // streaming state away from rest
  const std::int64_t before = ret.framesProcessed();
  const Eigen::MatrixXd fromRest = ret.respondRates(probe);
  EXPECT_EQ(ret.framesProcessed(), before);
  ret.reset();
  const RetinaResponse streamed = ret.process(probe.render(), false);
  EXPECT_TRUE(fromRest == streamed.rate);
  // The OSR train drives the cells well above baseline.
  EXPECT_GT(fromRest.maxCoeff(), 10.0);
}

TEST(SyntheticRetina, StreamingInChunksIsBitIdenticalToOneRun) {
  NaturalMovieConfig mc;
  mc.height = mc.width = 40;
  mc.bank.size = 128;
  mc.bank.count = 6;
  mc.objectProbability = 0.5;
  NaturalMovie movie(mc);
  const FrameBlock frames = movie.nextFrames(500);  // 5 s: the 600 ms kernels wrap many times
  SyntheticRetinaConfig rc;
  rc.height = rc.width = 40;
  rc.seed = 3;
  SyntheticRetina one(rc), two(rc);
  RetinaResponse whole;
  one.process(frames, whole, true, true);
  RetinaResponse a, b;
  two.process(frames.topRows(137), a, true, true);
  two.process(frames.bottomRows(363), b, true, true);
  ASSERT_EQ(whole.rate.cols(), 500);
  EXPECT_TRUE(whole.rate.leftCols(137) == a.rate);
  EXPECT_TRUE(whole.rate.rightCols(363) == b.rate);
  EXPECT_TRUE(whole.counts.leftCols(137) == a.counts);
  EXPECT_TRUE(whole.counts.rightCols(363) == b.counts);
  ASSERT_EQ(whole.inputs.size(), 8u);
  for (int c = 0; c < 8; ++c) EXPECT_TRUE(whole.inputs[c].rightCols(363) == b.inputs[c]) << c;
  // The movie drives every cell; rates are finite and non-negative.
  EXPECT_TRUE(whole.rate.allFinite());
  EXPECT_GE(whole.rate.minCoeff(), rc.baselineHz);
  for (int c = 0; c < 8; ++c) EXPECT_GT(whole.rate.row(c).maxCoeff(), 10.0) << c;
  // Pathway inputs: the rate is gain·max(0, Σ inputs − θ) before gain control, so a bin with
  // all inputs below θ is at baseline.
  for (int t = 0; t < 500; ++t)
    if (whole.inputs[0].col(t).sum() <= rc.thresholdV) {
      EXPECT_EQ(whole.rate(0, t), rc.baselineHz) << t;
    }
}

TEST(SyntheticRetina, PoissonCountsMatchTheRate) {
  Rng rng(17);
  const int T = 20000;
  Eigen::MatrixXd rate(3, T);
  rate.row(0).setConstant(2.0);
  rate.row(1).setConstant(80.0);
  rate.row(2).setConstant(4000.0);  // mean 40 per bin: the split path of the sampler
  const Eigen::MatrixXi k = SyntheticRetina::poissonCounts(rate, 0.01, rng);
  for (int n = 0; n < 3; ++n) {
    const double lambda = rate(n, 0) * 0.01;
    const Eigen::ArrayXd c = k.row(n).cast<double>().transpose().array();
    const double mean = c.mean(), var = (c - mean).square().mean();
    EXPECT_NEAR(mean, lambda, 4 * std::sqrt(lambda / T) + 1e-9) << n;
    EXPECT_NEAR(var / lambda, 1.0, 0.05) << n;  // Fano factor 1
  }
  Rng a(5), b(5);
  EXPECT_TRUE(SyntheticRetina::poissonCounts(rate, 0.01, a) ==
              SyntheticRetina::poissonCounts(rate, 0.01, b));
}
