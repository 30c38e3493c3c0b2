// Fit measures (retina.md §9); definitions in retina_evaluation.h.
#include "engine/retina/retina_evaluation.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace emergence::engine {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double variance(const Eigen::VectorXd& v) { return (v.array() - v.mean()).square().mean(); }

}  // namespace

double pearsonCorrelation(const Eigen::Ref<const Eigen::VectorXd>& a,
                          const Eigen::Ref<const Eigen::VectorXd>& b) {
  if (a.size() != b.size() || a.size() < 2) return kNaN;
  const Eigen::ArrayXd da = a.array() - a.mean(), db = b.array() - b.mean();
  const double den = std::sqrt(da.square().sum() * db.square().sum());
  return den > 0 ? (da * db).sum() / den : kNaN;
}

Eigen::VectorXd perCellCorrelation(const Eigen::Ref<const Eigen::MatrixXd>& model,
                                   const Eigen::Ref<const Eigen::MatrixXd>& target) {
  if (model.rows() != target.rows() || model.cols() != target.cols())
    throw std::invalid_argument("perCellCorrelation: model is " + std::to_string(model.rows()) +
                                "×" + std::to_string(model.cols()) + ", target " +
                                std::to_string(target.rows()) + "×" +
                                std::to_string(target.cols()));
  Eigen::VectorXd cc(model.rows());
  for (Eigen::Index n = 0; n < model.rows(); ++n)
    cc[n] = pearsonCorrelation(model.row(n).transpose(), target.row(n).transpose());
  return cc;
}

double noiseCorrectedFev(const Eigen::Ref<const Eigen::VectorXd>& model,
                         const Eigen::Ref<const Eigen::MatrixXd>& repeats) {
  const Eigen::Index R = repeats.rows(), T = repeats.cols();
  if (R < 2) throw std::invalid_argument("noiseCorrectedFev: need at least 2 repeats");
  if (model.size() != T)
    throw std::invalid_argument("noiseCorrectedFev: model has " + std::to_string(model.size()) +
                                " bins, repeats " + std::to_string(T));
  const Eigen::VectorXd mean = repeats.colwise().mean().transpose();
  // σ²_n = mean over t of the unbiased variance across repeats, divided by R.
  const double noise =
      (repeats.rowwise() - mean.transpose()).array().square().colwise().sum().mean() /
      double(R - 1) / double(R);
  const double mse = (model - mean).array().square().mean();
  const double explainable = variance(mean) - noise;
  return explainable > 0 ? 1.0 - (mse - noise) / explainable : kNaN;
}

double plainFev(const Eigen::Ref<const Eigen::VectorXd>& model,
                const Eigen::Ref<const Eigen::VectorXd>& target) {
  if (model.size() != target.size() || target.size() < 2) return kNaN;
  const double v = variance(target);
  return v > 0 ? 1.0 - (model - target).array().square().mean() / v : kNaN;
}

double splitHalfCeiling(const Eigen::Ref<const Eigen::MatrixXd>& repeats) {
  const Eigen::Index R = repeats.rows(), T = repeats.cols();
  if (R < 2) throw std::invalid_argument("splitHalfCeiling: need at least 2 repeats");
  Eigen::VectorXd even = Eigen::VectorXd::Zero(T), odd = Eigen::VectorXd::Zero(T);
  for (Eigen::Index r = 0; r < R; ++r) (r % 2 == 0 ? even : odd) += repeats.row(r).transpose();
  const double rho = pearsonCorrelation(even, odd);  // scaling does not change the CC
  return std::isfinite(rho) ? 2.0 * rho / (1.0 + rho) : kNaN;
}

}  // namespace emergence::engine
