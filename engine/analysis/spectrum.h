#pragma once
// Linear-algebra views of a network: the eigenvalue spectrum of W_rec (head-direction.md §6.7) and
// principal component analysis of activity (§8, ring attractor in the top 2 PCs).
#include <Eigen/Core>

namespace emergence::engine {

// Eigenvalues of a square matrix (general real, so complex), sorted by descending real part, then
// descending imaginary part. For W_rec pass the effective weights W ⊙ mask.
Eigen::VectorXcd eigenvaluesOf(const Eigen::MatrixXd& m);
// Spectral radius max |λ|.
double spectralRadius(const Eigen::VectorXcd& eigenvalues);

// PCA of activity X (N variables × S samples): eigen-decomposition of the sample covariance
// C = (X − μ)(X − μ)ᵀ / (S − 1) (N × N) with Eigen::SelfAdjointEigenSolver.
struct PcaResult {
  Eigen::VectorXd mean;            // μ, N
  Eigen::MatrixXd components;      // N × k, orthonormal columns, PC 1 first; the largest-|·|
                                   // entry of each column is made positive (deterministic sign)
  Eigen::VectorXd variance;        // k eigenvalues of C, descending
  Eigen::VectorXd explainedRatio;  // k, variance / trace(C)
  double totalVariance = 0.0;      // trace(C)
  Eigen::MatrixXd projections;     // k × S, componentsᵀ (X − μ); empty when not requested
};
// k is clamped to [1, N]. Covariance accumulated in column blocks, so X is never copied whole.
PcaResult pca(const Eigen::Ref<const Eigen::MatrixXd>& activity, int k, bool project = true);
PcaResult pca(const Eigen::Ref<const Eigen::MatrixXf>& activity, int k, bool project = true);
// componentsᵀ (X − μ) for new data X (N × M) → k × M.
Eigen::MatrixXd projectOntoPcs(const PcaResult& p, const Eigen::Ref<const Eigen::MatrixXd>& x);

}  // namespace emergence::engine
