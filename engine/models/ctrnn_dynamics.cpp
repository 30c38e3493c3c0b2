// Forward pass, loss and backpropagation through time of the CTRNN (equations in ctrnn.h).
#include <cmath>
#include <stdexcept>

#include "engine/core/normal_fill.h"
#include "engine/core/random.h"
#include "engine/models/ctrnn.h"

namespace emergence::engine {
namespace {

// r = f(z) and f'(z), element-wise, for a block of N × B.
template <typename S, typename Z, typename R, typename F>
void applyNonlinearity(Nonlinearity f, const Z& z, R&& r, F&& fp) {
  switch (f) {
    case Nonlinearity::RectifiedTanh: {
      const auto th = z.array().tanh().eval();
      r = th.max(S(0)).matrix();
      fp = ((z.array() > S(0)).template cast<S>() * (S(1) - th.square())).matrix();
      break;
    }
    case Nonlinearity::Tanh: {
      const auto th = z.array().tanh().eval();
      r = th.matrix();
      fp = (S(1) - th.square()).matrix();
      break;
    }
    case Nonlinearity::Relu:
      r = z.array().max(S(0)).matrix();
      fp = (z.array() > S(0)).template cast<S>().matrix();
      break;
  }
}

template <typename S, typename R, typename F>
void applyClamps(const UnitPerturbations& perturbations, int step, R&& r, F&& fp) {
  for (const auto& p : perturbations) {
    if (p.kind != UnitPerturbation::Kind::Clamp || !p.activeAt(step)) continue;
    for (int u : p.units) {
      r.row(u).setConstant(S(p.value));
      fp.row(u).setZero();
    }
  }
}

template <typename S>
double meanAbs(const Eigen::Matrix<S, -1, -1>& w) {
  return w.size() ? double(w.cwiseAbs().sum()) / double(w.size()) : 0.0;
}
template <typename S>
double meanSquare(const Eigen::Matrix<S, -1, -1>& w) {
  return w.size() ? double(w.squaredNorm()) / double(w.size()) : 0.0;
}

}  // namespace

template <typename S>
void Ctrnn<S>::forward(const SequenceBatch<S>& batch, const UnitPerturbations& perturbations,
                       Rng* noiseRng, CtrnnTrace<S>& tr, bool recordState,
                       const Mat* explicitNoise) const {
  const int N = m_config.numUnits, T = batch.steps, B = batch.trials;
  const S alpha = S(m_config.dtOverTau);
  const Mat wRec = params.W_rec.cwiseProduct(masks.rec.template cast<S>());
  const Mat wIn = params.W_in.cwiseProduct(masks.in.template cast<S>());
  const Mat wOut = params.W_out.cwiseProduct(masks.out.template cast<S>());
  tr.steps = T;
  tr.trials = B;
  tr.r.resize(N, Eigen::Index(T + 1) * B);
  tr.fprime.resize(N, Eigen::Index(T + 1) * B);
  if (recordState) tr.x.resize(N, Eigen::Index(T + 1) * B);

  // Input drive of every step at once: W_in u_t + b, N × (T·B).
  Mat drive = wIn * batch.inputs;
  drive.colwise() += params.b_rec;
  const bool noisy = explicitNoise != nullptr || (noiseRng != nullptr && m_config.noiseStd > 0);
  Mat noise;
  if (explicitNoise != nullptr) {
    if (explicitNoise->rows() != N || explicitNoise->cols() != Eigen::Index(T) * B)
      throw std::invalid_argument("Ctrnn::forward: explicit noise must be N × (T·B)");
    noise = *explicitNoise;
  } else if (noisy) {
    noise.resize(N, Eigen::Index(T) * B);
    fillNormal(noise.data(), noise.size(), *noiseRng, S(m_config.noiseStd));
  }

  Mat x(N, B);
  x.colwise() = params.x0;
  applyNonlinearity<S>(m_config.nonlinearity, x, tr.r.leftCols(B), tr.fprime.leftCols(B));
  applyClamps<S>(perturbations, 0, tr.r.leftCols(B), tr.fprime.leftCols(B));
  if (recordState) tr.x.leftCols(B) = x;

  Mat a(N, B), z;
  for (int t = 1; t <= T; ++t) {
    const Eigen::Index prev = Eigen::Index(t - 1) * B, cur = Eigen::Index(t) * B;
    // a_t = W_rec r_{t−1} + W_in u_t + b (+ injected current, + ξ_t)
    a.noalias() = wRec * tr.r.middleCols(prev, B);
    a += drive.middleCols(prev, B);
    for (const auto& p : perturbations) {
      if (p.kind != UnitPerturbation::Kind::Inject || !p.activeAt(t)) continue;
      for (int u : p.units) a.row(u).array() += S(p.value);
    }
    if (noisy && m_config.noisePosition == NoisePosition::InState) a += noise.middleCols(prev, B);
    // x_t = (1 − α) x_{t−1} + α a_t
    x = (S(1) - alpha) * x + alpha * a;
    auto rBlock = tr.r.middleCols(cur, B);
    auto fpBlock = tr.fprime.middleCols(cur, B);
    if (noisy && m_config.noisePosition == NoisePosition::BeforeNonlinearity) {
      z = x + noise.middleCols(prev, B);
      applyNonlinearity<S>(m_config.nonlinearity, z, rBlock, fpBlock);
    } else {
      applyNonlinearity<S>(m_config.nonlinearity, x, rBlock, fpBlock);
      if (noisy && m_config.noisePosition == NoisePosition::AfterNonlinearity)
        rBlock += noise.middleCols(prev, B);
    }
    applyClamps<S>(perturbations, t, rBlock, fpBlock);
    if (recordState) tr.x.middleCols(cur, B) = x;
  }
  // y_t = W_out r_t + b_out for t = 1..T, one product.
  tr.y.noalias() = wOut * tr.r.rightCols(Eigen::Index(T) * B);
  tr.y.colwise() += params.b_out;
}

template <typename S>
CtrnnLossSums Ctrnn<S>::lossSums(const SequenceBatch<S>& batch, const CtrnnTrace<S>& tr) const {
  const int nOut = m_config.numOutputs;
  CtrnnLossSums s;
  s.targetSum = Eigen::VectorXd::Zero(nOut);
  s.targetSumSq = Eigen::VectorXd::Zero(nOut);
  s.errorSumSq = Eigen::VectorXd::Zero(nOut);
  const auto mask = batch.lossMask.array().template cast<double>();
  for (int o = 0; o < nOut; ++o) {
    const auto target = batch.targets.row(o).array().template cast<double>();
    const auto err = tr.y.row(o).array().template cast<double>() - target;
    s.errorSumSq[o] = (mask * err.square()).sum();
    s.targetSum[o] = (mask * target).sum();
    s.targetSumSq[o] = (mask * target.square()).sum();
  }
  s.squaredError = s.errorSumSq.sum();
  s.validSamples = mask.sum();
  s.validElements = s.validSamples * nOut;
  s.sumSquaresR = double(tr.r.rightCols(Eigen::Index(tr.steps) * tr.trials).squaredNorm());
  return s;
}

template <typename S>
CtrnnLoss Ctrnn<S>::finishLoss(const CtrnnLossSums& s, const CtrnnLossConfig& lc,
                               int totalTrials, int steps) const {
  CtrnnLoss l;
  l.task = s.validElements > 0 ? s.squaredError / s.validElements : 0.0;
  l.activity =
      lc.activityL2 * s.sumSquaresR / (double(m_config.numUnits) * totalTrials * steps);
  const Mat wIn = params.W_in.cwiseProduct(masks.in.template cast<S>());
  const Mat wRec = params.W_rec.cwiseProduct(masks.rec.template cast<S>());
  const Mat wOut = params.W_out.cwiseProduct(masks.out.template cast<S>());
  l.weight = lc.weightL2In * meanSquare<S>(wIn) + lc.weightL2Rec * meanSquare<S>(wRec) +
             lc.weightL2Out * meanSquare<S>(wOut) + lc.weightL1In * meanAbs<S>(wIn) +
             lc.weightL1Rec * meanAbs<S>(wRec) + lc.weightL1Out * meanAbs<S>(wOut);
  l.total = l.task + l.activity + l.weight;
  // Normalised error: 100 · mean over outputs of Σ(y − y*)² / Σ(y* − mean y*)².
  double ne = 0.0;
  for (Eigen::Index o = 0; o < s.errorSumSq.size(); ++o) {
    const double var = s.targetSumSq[o] - s.targetSum[o] * s.targetSum[o] / s.validSamples;
    ne += var > 0 ? s.errorSumSq[o] / var : 0.0;
  }
  l.normalizedError = s.errorSumSq.size() ? 100.0 * ne / double(s.errorSumSq.size()) : 0.0;
  return l;
}

template <typename S>
void Ctrnn<S>::backward(const SequenceBatch<S>& batch, const CtrnnTrace<S>& tr,
                        const CtrnnLossConfig& lc, double validElements, int totalTrials,
                        CtrnnParameters<S>& grad) const {
  const int N = m_config.numUnits, T = tr.steps, B = tr.trials;
  const Eigen::Index TB = Eigen::Index(T) * B;
  const S alpha = S(m_config.dtOverTau);
  const Mat wRecT = params.W_rec.cwiseProduct(masks.rec.template cast<S>()).transpose();
  const Mat wOut = params.W_out.cwiseProduct(masks.out.template cast<S>());

  // ∂L/∂y_t = 2·mask·(y − y*)/n_valid, N_out × (T·B)
  Mat dY = tr.y - batch.targets;
  dY.array().rowwise() *= batch.lossMask.array() * S(2.0 / validElements);
  // Direct ∂L/∂r_t (t = 1..T): W_outᵀ dY + 2λ_r r_t/(N·B·T). The loop below turns each block, in
  // place, into G_t = ∂L/∂a_t = α·∂L/∂x_t.
  Mat G(N, TB);
  G.noalias() = wOut.transpose() * dY;
  if (lc.activityL2 != 0.0)
    G += S(2.0 * lc.activityL2 / (double(N) * totalTrials * T)) * tr.r.rightCols(TB);

  Mat gx = Mat::Zero(N, B), dr(N, B);
  for (int t = T; t >= 1; --t) {
    auto block = G.middleCols(Eigen::Index(t - 1) * B, B);
    // ∂L/∂r_t = direct + W_recᵀ G_{t+1}
    dr = block;
    if (t < T) dr.noalias() += wRecT * G.middleCols(Eigen::Index(t) * B, B);
    // ∂L/∂x_t = ∂L/∂r_t ⊙ f'(x_t) + (1 − α) ∂L/∂x_{t+1}
    gx = dr.cwiseProduct(tr.fprime.middleCols(Eigen::Index(t) * B, B)) + (S(1) - alpha) * gx;
    block = alpha * gx;
  }
  // Step 0: x_0 = x0 for every trial; r_0 = f(x_0) feeds a_1.
  dr.noalias() = wRecT * G.leftCols(B);
  gx = dr.cwiseProduct(tr.fprime.leftCols(B)) + (S(1) - alpha) * gx;
  grad.x0 += gx.rowwise().sum();
  // Weight gradients as single products over all steps: Σ_t G_t r_{t−1}ᵀ, Σ_t G_t u_tᵀ, …
  grad.W_rec.noalias() += G * tr.r.leftCols(TB).transpose();
  grad.b_rec += G.rowwise().sum();
  grad.W_in.noalias() += G * batch.inputs.transpose();
  grad.W_out.noalias() += dY * tr.r.rightCols(TB).transpose();
  grad.b_out += dY.rowwise().sum();
}

template <typename S>
void Ctrnn<S>::addPenaltyGradients(const CtrnnLossConfig& lc, CtrnnParameters<S>& grad) const {
  auto add = [](Mat& g, const Mat& w, const Eigen::MatrixXf& m, double l2, double l1) {
    if (w.size() == 0) return;
    const Mat eff = w.cwiseProduct(m.template cast<S>());
    if (l2 != 0.0) g += S(2.0 * l2 / double(w.size())) * eff;
    if (l1 != 0.0) g += S(l1 / double(w.size())) * eff.array().sign().matrix();
  };
  add(grad.W_in, params.W_in, masks.in, lc.weightL2In, lc.weightL1In);
  add(grad.W_rec, params.W_rec, masks.rec, lc.weightL2Rec, lc.weightL1Rec);
  add(grad.W_out, params.W_out, masks.out, lc.weightL2Out, lc.weightL1Out);
}

template <typename S>
void Ctrnn<S>::maskGradients(CtrnnParameters<S>& grad) const {
  grad.W_in = grad.W_in.cwiseProduct(masks.in.template cast<S>());
  grad.W_rec = grad.W_rec.cwiseProduct(masks.rec.template cast<S>());
  grad.W_out = grad.W_out.cwiseProduct(masks.out.template cast<S>());
  if (!m_config.learnInitialState) grad.x0.setZero();
  if (!m_config.learnRecurrentBias) grad.b_rec.setZero();
  if (!m_config.learnOutputBias) grad.b_out.setZero();
}

template class Ctrnn<float>;
template class Ctrnn<double>;

}  // namespace emergence::engine
