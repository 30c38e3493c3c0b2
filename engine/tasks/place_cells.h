#pragma once
// Place-cell ensemble of the place-cell readout (grid-cells.md §4.1, §6.4; Sorscher
// `place_cells.py`). Np centres c_i uniform in the arena; for a position x with squared
// distances d_i² = |x − c_i|² (metres²) the target over cells i is one of:
//   Softmax                p_i = softmax_i(−d_i²/(2σ²))
//   DifferenceOfSoftmaxes  q_i = softmax_i(−d_i²/(2σ²)) − softmax_i(−d_i²/(2sσ²)),
//                          p_i = (q_i + |min_j q_j|) / Σ_k (q_k + |min_j q_j|)   (NFL: critical)
//   Gaussian               p_i = exp(−d_i²/(2σ²))  (unnormalised, peak 1)
// σ = 0.12 m, surround scale s = 2 (σ₂² = sσ²) by default. Softmaxes are computed stably (the
// largest logit is subtracted first).
// Decoding (§4.1): position = mean of the centres of the k cells with the largest activity
// (k = 3); activity may be logits or probabilities (top-k is the same).
//
// Shapes: positions 2 × S (metres, any sample order, e.g. columns t·B + b); targets and
// activities Np × S; centres 2 × Np.
#include <Eigen/Core>
#include <cstdint>
#include <string>

#include "engine/tasks/arena.h"

namespace emergence::engine {

enum class PlaceCellTarget { Softmax, DifferenceOfSoftmaxes, Gaussian };
// "softmax", "difference_of_softmaxes", "gaussian".
const char* placeCellTargetName(PlaceCellTarget t);
PlaceCellTarget placeCellTargetFromName(const std::string& name,
                                        const std::string& field = "readout.target");

struct PlaceCellConfig {
  int cells = 512;             // Np
  double sigma = 0.12;         // σ, metres
  double surroundScale = 2.0;  // s: surround variance = s·σ²
  PlaceCellTarget target = PlaceCellTarget::DifferenceOfSoftmaxes;
  std::uint64_t seed = 0;  // centres: Arena::randomPoint with Rng(seed)
  int decodeTopK = 3;      // k
  void validate() const;   // std::invalid_argument naming the field
};

class PlaceCells {
 public:
  // Centres uniform in the arena, drawn from Rng(config.seed).
  PlaceCells(const Arena& arena, const PlaceCellConfig& config = {});
  // Explicit centres (2 × Np, metres); config.cells is replaced by their number.
  PlaceCells(const Eigen::MatrixXd& centres, const PlaceCellConfig& config);

  const PlaceCellConfig& config() const { return m_config; }
  int size() const { return static_cast<int>(m_centres.cols()); }
  const Eigen::MatrixXd& centres() const { return m_centres; }  // 2 × Np

  // Np × S targets of the configured kind, or of the kind given.
  Eigen::MatrixXd targets(const Eigen::Ref<const Eigen::MatrixXd>& positions) const;
  Eigen::MatrixXd targets(const Eigen::Ref<const Eigen::MatrixXd>& positions,
                          PlaceCellTarget kind) const;
  // Squared distances d_i², Np × S.
  Eigen::MatrixXd squaredDistances(const Eigen::Ref<const Eigen::MatrixXd>& positions) const;

  // 2 × S decoded positions: mean centre of the top-k cells per column (k ≤ 0: config k).
  Eigen::MatrixXd decode(const Eigen::Ref<const Eigen::MatrixXf>& activity, int k = 0) const;
  Eigen::MatrixXd decode(const Eigen::Ref<const Eigen::MatrixXd>& activity, int k = 0) const;

 private:
  PlaceCellConfig m_config;
  Eigen::MatrixXd m_centres;
};

// Per-sample Euclidean error |decoded − truth| (S), metres; both 2 × S.
Eigen::VectorXd decodingErrors(const Eigen::Ref<const Eigen::MatrixXd>& decoded,
                               const Eigen::Ref<const Eigen::MatrixXd>& truth);
// Mean of decodingErrors, metres.
double meanDecodingError(const Eigen::Ref<const Eigen::MatrixXd>& decoded,
                         const Eigen::Ref<const Eigen::MatrixXd>& truth);

}  // namespace emergence::engine
