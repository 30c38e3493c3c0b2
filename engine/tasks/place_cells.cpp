#include "engine/tasks/place_cells.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "engine/core/random.h"

namespace emergence::engine {
namespace {

std::string num(double v) {
  std::ostringstream o;
  o << v;
  return o.str();
}

// Column-wise softmax of logits L (Np × S), in place: p_i = exp(L_i − max L) / Σ exp(L_j − max L).
void softmaxColumns(Eigen::MatrixXd& logits) {
  for (Eigen::Index s = 0; s < logits.cols(); ++s) {
    auto col = logits.col(s);
    const double peak = col.maxCoeff();
    col = (col.array() - peak).exp();
    col /= col.sum();
  }
}

template <typename Mat>
Eigen::MatrixXd decodeTopK(const Eigen::MatrixXd& centres, const Mat& activity, int k) {
  const Eigen::Index np = centres.cols();
  if (activity.rows() != np)
    throw std::invalid_argument("activity: expected " + std::to_string(np) + " rows (one per " +
                                "place cell), got " + std::to_string(activity.rows()));
  if (k < 1 || k > np)
    throw std::invalid_argument("decode_top_k: must be in [1, " + std::to_string(np) + "], got " +
                                std::to_string(k));
  Eigen::MatrixXd out(2, activity.cols());
  std::vector<int> order(static_cast<size_t>(np));
  for (Eigen::Index s = 0; s < activity.cols(); ++s) {
    std::iota(order.begin(), order.end(), 0);
    // Top k by activity; ties broken by the lower cell index (deterministic).
    std::partial_sort(order.begin(), order.begin() + k, order.end(), [&](int a, int b) {
      const double va = activity(a, s), vb = activity(b, s);
      return va > vb || (va == vb && a < b);
    });
    Eigen::Vector2d sum = Eigen::Vector2d::Zero();
    for (int j = 0; j < k; ++j) sum += centres.col(order[j]);
    out.col(s) = sum / k;
  }
  return out;
}

}  // namespace

const char* placeCellTargetName(PlaceCellTarget t) {
  switch (t) {
    case PlaceCellTarget::Softmax:
      return "softmax";
    case PlaceCellTarget::DifferenceOfSoftmaxes:
      return "difference_of_softmaxes";
    case PlaceCellTarget::Gaussian:
      return "gaussian";
  }
  return "softmax";
}

PlaceCellTarget placeCellTargetFromName(const std::string& name, const std::string& field) {
  for (PlaceCellTarget t : {PlaceCellTarget::Softmax, PlaceCellTarget::DifferenceOfSoftmaxes,
                            PlaceCellTarget::Gaussian})
    if (name == placeCellTargetName(t)) return t;
  throw std::invalid_argument(field +
                              ": must be one of softmax, difference_of_softmaxes, gaussian; "
                              "got \"" +
                              name + "\"");
}

void PlaceCellConfig::validate() const {
  if (cells < 1) throw std::invalid_argument("place_cells.cells: must be ≥ 1, got " + num(cells));
  if (!std::isfinite(sigma) || sigma <= 0)
    throw std::invalid_argument("place_cells.sigma: must be a finite width > 0 m, got " +
                                num(sigma));
  if (!std::isfinite(surroundScale) || surroundScale <= 1.0)
    throw std::invalid_argument(
        "place_cells.surround_scale: must be finite and > 1 (surround wider than the centre), "
        "got " +
        num(surroundScale));
  if (decodeTopK < 1 || decodeTopK > cells)
    throw std::invalid_argument("place_cells.decode_top_k: must be in [1, cells = " + num(cells) +
                                "], got " + num(decodeTopK));
}

PlaceCells::PlaceCells(const Arena& arena, const PlaceCellConfig& config) : m_config(config) {
  m_config.validate();
  Rng rng(m_config.seed);
  m_centres.resize(2, m_config.cells);
  for (int i = 0; i < m_config.cells; ++i) m_centres.col(i) = arena.randomPoint(rng);
}

PlaceCells::PlaceCells(const Eigen::MatrixXd& centres, const PlaceCellConfig& config)
    : m_config(config), m_centres(centres) {
  if (centres.rows() != 2 || centres.cols() < 1)
    throw std::invalid_argument("place_cells.centres: expected a 2 × Np matrix with Np ≥ 1, got " +
                                std::to_string(centres.rows()) + " × " +
                                std::to_string(centres.cols()));
  if (!centres.allFinite()) throw std::invalid_argument("place_cells.centres: must be finite");
  m_config.cells = static_cast<int>(centres.cols());
  m_config.validate();
}

Eigen::MatrixXd PlaceCells::squaredDistances(
    const Eigen::Ref<const Eigen::MatrixXd>& positions) const {
  if (positions.rows() != 2)
    throw std::invalid_argument("positions: expected 2 rows (x, y), got " +
                                std::to_string(positions.rows()));
  // d²(i, s) = |c_i|² + |x_s|² − 2 c_i·x_s would cancel badly near a centre; use the direct
  // difference (Np·S·2 operations, cheap next to the exp).
  Eigen::MatrixXd d2(m_centres.cols(), positions.cols());
  for (Eigen::Index s = 0; s < positions.cols(); ++s) {
    const double x = positions(0, s), y = positions(1, s);
    d2.col(s) = (m_centres.row(0).array() - x).square().transpose() +
                (m_centres.row(1).array() - y).square().transpose();
  }
  return d2;
}

Eigen::MatrixXd PlaceCells::targets(const Eigen::Ref<const Eigen::MatrixXd>& positions) const {
  return targets(positions, m_config.target);
}

Eigen::MatrixXd PlaceCells::targets(const Eigen::Ref<const Eigen::MatrixXd>& positions,
                                    PlaceCellTarget kind) const {
  const Eigen::MatrixXd d2 = squaredDistances(positions);
  const double twoSigma2 = 2.0 * m_config.sigma * m_config.sigma;
  if (kind == PlaceCellTarget::Gaussian) return (-d2.array() / twoSigma2).exp().matrix();
  Eigen::MatrixXd centre = -d2 / twoSigma2;
  softmaxColumns(centre);
  if (kind == PlaceCellTarget::Softmax) return centre;
  Eigen::MatrixXd surround = -d2 / (twoSigma2 * m_config.surroundScale);
  softmaxColumns(surround);
  Eigen::MatrixXd q = centre - surround;
  // Global shift by |min| over cells, then renormalise to sum 1 (Sorscher, NFL).
  for (Eigen::Index s = 0; s < q.cols(); ++s) {
    auto col = q.col(s);
    col.array() += std::abs(col.minCoeff());
    col /= col.sum();
  }
  return q;
}

Eigen::MatrixXd PlaceCells::decode(const Eigen::Ref<const Eigen::MatrixXf>& activity, int k) const {
  return decodeTopK(m_centres, activity, k > 0 ? k : m_config.decodeTopK);
}
Eigen::MatrixXd PlaceCells::decode(const Eigen::Ref<const Eigen::MatrixXd>& activity, int k) const {
  return decodeTopK(m_centres, activity, k > 0 ? k : m_config.decodeTopK);
}

Eigen::VectorXd decodingErrors(const Eigen::Ref<const Eigen::MatrixXd>& decoded,
                               const Eigen::Ref<const Eigen::MatrixXd>& truth) {
  if (decoded.rows() != 2 || truth.rows() != 2 || decoded.cols() != truth.cols())
    throw std::invalid_argument(
        "decoded/truth: expected two 2 × S matrices of equal size, got " +
        std::to_string(decoded.rows()) + " × " + std::to_string(decoded.cols()) + " and " +
        std::to_string(truth.rows()) + " × " + std::to_string(truth.cols()));
  return (decoded - truth).colwise().norm().transpose();
}

double meanDecodingError(const Eigen::Ref<const Eigen::MatrixXd>& decoded,
                         const Eigen::Ref<const Eigen::MatrixXd>& truth) {
  const Eigen::VectorXd e = decodingErrors(decoded, truth);
  return e.size() > 0 ? e.mean() : 0.0;
}

}  // namespace emergence::engine
