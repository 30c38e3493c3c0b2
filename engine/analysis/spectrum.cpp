// Eigenvalue spectrum and PCA; see spectrum.h.
#include "engine/analysis/spectrum.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <stdexcept>
#include <vector>

namespace emergence::engine {
namespace {

template <typename S>
using ConstRef = Eigen::Ref<const Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>>;

template <typename S>
PcaResult pcaImpl(const ConstRef<S>& X, int k, bool project) {
  const Eigen::Index N = X.rows(), S_ = X.cols();
  if (N == 0 || S_ < 2) throw std::invalid_argument("pca: need at least one variable and 2 samples");
  k = std::clamp(k, 1, int(N));
  PcaResult p;
  p.mean = Eigen::VectorXd::Zero(N);
  for (Eigen::Index s = 0; s < S_; ++s) p.mean += X.col(s).template cast<double>();
  p.mean /= double(S_);
  // C = Σ_s (x_s − μ)(x_s − μ)ᵀ / (S − 1), in blocks of columns.
  constexpr Eigen::Index kBlock = 4096;
  Eigen::MatrixXd cov = Eigen::MatrixXd::Zero(N, N), block;
  for (Eigen::Index s0 = 0; s0 < S_; s0 += kBlock) {
    const Eigen::Index n = std::min(kBlock, S_ - s0);
    block = X.middleCols(s0, n).template cast<double>();
    block.colwise() -= p.mean;
    cov.selfadjointView<Eigen::Lower>().rankUpdate(block);
  }
  cov = cov.selfadjointView<Eigen::Lower>();
  cov /= double(S_ - 1);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(cov);
  if (es.info() != Eigen::Success) throw std::runtime_error("pca: eigen-decomposition failed");
  // Eigen returns ascending eigenvalues: take the last k, reversed.
  p.totalVariance = cov.trace();
  p.components.resize(N, k);
  p.variance.resize(k);
  for (int c = 0; c < k; ++c) {
    const Eigen::Index src = N - 1 - c;
    p.variance[c] = std::max(0.0, es.eigenvalues()[src]);
    Eigen::VectorXd v = es.eigenvectors().col(src);
    Eigen::Index imax = 0;
    v.cwiseAbs().maxCoeff(&imax);
    if (v[imax] < 0) v = -v;
    p.components.col(c) = v;
  }
  p.explainedRatio = p.totalVariance > 0 ? Eigen::VectorXd(p.variance / p.totalVariance)
                                         : Eigen::VectorXd::Zero(k);
  if (project) {
    p.projections.resize(k, S_);
    for (Eigen::Index s0 = 0; s0 < S_; s0 += kBlock) {
      const Eigen::Index n = std::min(kBlock, S_ - s0);
      block = X.middleCols(s0, n).template cast<double>();
      block.colwise() -= p.mean;
      p.projections.middleCols(s0, n).noalias() = p.components.transpose() * block;
    }
  }
  return p;
}

}  // namespace

Eigen::VectorXcd eigenvaluesOf(const Eigen::MatrixXd& m) {
  if (m.rows() != m.cols()) throw std::invalid_argument("eigenvaluesOf: matrix must be square");
  if (m.size() == 0) return {};
  Eigen::EigenSolver<Eigen::MatrixXd> es(m, /*computeEigenvectors=*/false);
  if (es.info() != Eigen::Success) throw std::runtime_error("eigenvaluesOf: no convergence");
  Eigen::VectorXcd ev = es.eigenvalues();
  std::vector<std::complex<double>> v(ev.data(), ev.data() + ev.size());
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
    return a.real() != b.real() ? a.real() > b.real() : a.imag() > b.imag();
  });
  for (Eigen::Index i = 0; i < ev.size(); ++i) ev[i] = v[size_t(i)];
  return ev;
}

double spectralRadius(const Eigen::VectorXcd& eigenvalues) {
  return eigenvalues.size() ? eigenvalues.cwiseAbs().maxCoeff() : 0.0;
}

PcaResult pca(const Eigen::Ref<const Eigen::MatrixXd>& activity, int k, bool project) {
  return pcaImpl<double>(activity, k, project);
}
PcaResult pca(const Eigen::Ref<const Eigen::MatrixXf>& activity, int k, bool project) {
  return pcaImpl<float>(activity, k, project);
}

Eigen::MatrixXd projectOntoPcs(const PcaResult& p, const Eigen::Ref<const Eigen::MatrixXd>& x) {
  if (x.rows() != p.mean.size()) throw std::invalid_argument("projectOntoPcs: wrong row count");
  return p.components.transpose() * (x.colwise() - p.mean);
}

}  // namespace emergence::engine
