// Eigenvalue spectrum and PCA on matrices and data with planted structure.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <cstdio>

#include "engine/analysis/spectrum.h"
#include "engine/core/angles.h"
#include "engine/core/random.h"

using namespace emergence::engine;

TEST(Spectrum, EigenvaluesOfKnownMatrixUnderSimilarity) {
  const std::uint64_t seed = 99;
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  Rng rng(seed);
  // D = [0.5 −0.8; 0.8 0.5] ⊕ 3 ⊕ −1: eigenvalues 3, 0.5 ± 0.8i, −1.
  Eigen::MatrixXd D = Eigen::MatrixXd::Zero(4, 4);
  D(0, 0) = 0.5;
  D(0, 1) = -0.8;
  D(1, 0) = 0.8;
  D(1, 1) = 0.5;
  D(2, 2) = 3.0;
  D(3, 3) = -1.0;
  Eigen::MatrixXd P(4, 4);
  for (int i = 0; i < 16; ++i) P.data()[i] = rng.normal();
  P.diagonal().array() += 3.0;  // well conditioned
  const Eigen::MatrixXd M = P * D * P.inverse();
  const Eigen::VectorXcd ev = eigenvaluesOf(M);
  ASSERT_EQ(ev.size(), 4);
  EXPECT_NEAR(ev[0].real(), 3.0, 1e-10);
  EXPECT_NEAR(ev[0].imag(), 0.0, 1e-10);
  EXPECT_NEAR(ev[1].real(), 0.5, 1e-10);
  EXPECT_NEAR(ev[1].imag(), 0.8, 1e-10);
  EXPECT_NEAR(ev[2].real(), 0.5, 1e-10);
  EXPECT_NEAR(ev[2].imag(), -0.8, 1e-10);
  EXPECT_NEAR(ev[3].real(), -1.0, 1e-10);
  EXPECT_NEAR(spectralRadius(ev), 3.0, 1e-10);
}

TEST(Spectrum, CosineRingMatrixHasTwoEqualEigenvalues) {
  // W_ij = cos(2π(i − j)/N) = (c cᵀ + s sᵀ): rank 2, eigenvalues N/2 (twice), the rest 0.
  const int N = 24;
  Eigen::MatrixXd W(N, N);
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) W(i, j) = std::cos(kTwoPi * (i - j) / N);
  const Eigen::VectorXcd ev = eigenvaluesOf(W);
  EXPECT_NEAR(ev[0].real(), N / 2.0, 1e-9);
  EXPECT_NEAR(ev[1].real(), N / 2.0, 1e-9);
  for (int k = 2; k < N; ++k) EXPECT_NEAR(std::abs(ev[k]), 0.0, 1e-9);
}

TEST(Spectrum, PcaRecoversPlantedRing) {
  const std::uint64_t seed = 2024;
  std::printf("seed %llu\n", static_cast<unsigned long long>(seed));
  Rng rng(seed);
  const int N = 20, S = 3600;
  // Orthonormal u1, u2 by Gram–Schmidt on random vectors.
  Eigen::VectorXd u1(N), u2(N), mu(N);
  for (int i = 0; i < N; ++i) {
    u1[i] = rng.normal();
    u2[i] = rng.normal();
    mu[i] = rng.uniform();
  }
  u1.normalize();
  u2 -= u2.dot(u1) * u1;
  u2.normalize();
  const double a1 = 3.0, a2 = 2.0, noise = 0.05;
  Eigen::MatrixXd X(N, S);
  for (int s = 0; s < S; ++s) {
    const double phi = kTwoPi * s / S;
    X.col(s) = mu + a1 * std::cos(phi) * u1 + a2 * std::sin(phi) * u2;
    for (int i = 0; i < N; ++i) X(i, s) += noise * rng.normal();
  }
  const PcaResult p = pca(X, 3);
  ASSERT_EQ(p.components.cols(), 3);
  EXPECT_GT(std::abs(p.components.col(0).dot(u1)), 0.9999);
  EXPECT_GT(std::abs(p.components.col(1).dot(u2)), 0.9999);
  // Variance of a·cos φ over a full turn is a²/2; plus noise² per direction.
  EXPECT_NEAR(p.variance[0], a1 * a1 / 2 + noise * noise, 0.02);
  EXPECT_NEAR(p.variance[1], a2 * a2 / 2 + noise * noise, 0.02);
  EXPECT_NEAR(p.variance[2], noise * noise, 0.002);
  const double total = a1 * a1 / 2 + a2 * a2 / 2 + N * noise * noise;
  EXPECT_NEAR(p.totalVariance, total, 0.03);
  EXPECT_NEAR(p.explainedRatio[0] + p.explainedRatio[1], (total - N * noise * noise) / total, 0.005);
  EXPECT_NEAR(p.mean.dot(u1), mu.dot(u1), 0.01);
  // Projections lie on the planted ellipse (p1/a1)² + (p2/a2)² = 1.
  ASSERT_EQ(p.projections.cols(), S);
  double maxDev = 0;
  for (int s = 0; s < S; ++s) {
    const double e = std::pow(p.projections(0, s) / a1, 2) + std::pow(p.projections(1, s) / a2, 2);
    maxDev = std::max(maxDev, std::abs(e - 1.0));
  }
  EXPECT_LT(maxDev, 0.25);  // noise 0.05 per PC direction, 3.6 SD over 3600 samples
  // Components are orthonormal, signs deterministic, and new data project the same way.
  EXPECT_TRUE((p.components.transpose() * p.components).isApprox(Eigen::MatrixXd::Identity(3, 3), 1e-10));
  Eigen::Index imax;
  p.components.col(0).cwiseAbs().maxCoeff(&imax);
  EXPECT_GT(p.components(imax, 0), 0.0);
  EXPECT_TRUE(projectOntoPcs(p, X.leftCols(10)).isApprox(p.projections.leftCols(10), 1e-10));
  // Float input gives the same answer to float precision.
  const PcaResult pf = pca(Eigen::MatrixXf(X.cast<float>()), 2, false);
  EXPECT_NEAR(pf.variance[0], p.variance[0], 1e-4);
  EXPECT_EQ(pf.projections.size(), 0);
}

TEST(Spectrum, PcaMatchesDirectCovariance) {
  Rng rng(5);
  Eigen::MatrixXd X(4, 10000);  // > one 4096-column block
  for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = rng.normal() * (1 + i % 4);
  const PcaResult p = pca(X, 4, false);
  const Eigen::MatrixXd centred = X.colwise() - X.rowwise().mean();
  const Eigen::MatrixXd C = centred * centred.transpose() / double(X.cols() - 1);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(C);
  for (int k = 0; k < 4; ++k) EXPECT_NEAR(p.variance[k], es.eigenvalues()[3 - k], 1e-9);
  EXPECT_NEAR(p.totalVariance, C.trace(), 1e-9);
}
