// Forward pass, cross-entropy loss and BPTT of the place-cell RNN (equations in the header).
#include "engine/models/place_cell_rnn.h"

#include <cmath>
#include <stdexcept>

#include "engine/core/random.h"

namespace emergence::engine {
namespace {

template <typename S, typename Z, typename G, typename F>
void activate(Nonlinearity f, const Z& z, G&& g, F&& fp) {
  switch (f) {
    case Nonlinearity::Relu:
      g = z.array().max(S(0)).matrix();
      fp = (z.array() > S(0)).template cast<S>().matrix();
      break;
    case Nonlinearity::Tanh: {
      const auto th = z.array().tanh().eval();
      g = th.matrix();
      fp = (S(1) - th.square()).matrix();
      break;
    }
    case Nonlinearity::RectifiedTanh: {
      const auto th = z.array().tanh().eval();
      g = th.max(S(0)).matrix();
      fp = ((z.array() > S(0)).template cast<S>() * (S(1) - th.square())).matrix();
      break;
    }
  }
}

template <typename S, typename G>
void clampUnits(const UnitPerturbations& ps, int step, G&& g) {
  for (const auto& p : ps)
    if (p.kind == UnitPerturbation::Kind::Clamp && p.activeAt(step))
      for (int u : p.units) g.row(u).setConstant(S(p.value));
}

template <typename S, typename Gp>
void zeroClampedSlopes(const UnitPerturbations& ps, int step, Gp&& fp) {
  for (const auto& p : ps)
    if (p.kind == UnitPerturbation::Kind::Clamp && p.activeAt(step))
      for (int u : p.units) fp.row(u).setZero();
}

}  // namespace

template <typename S>
void PlaceCellRnnParameters<S>::resize(const PlaceCellRnnConfig& c) {
  W_enc.resize(c.numUnits, c.numPlaceCells);
  W_in.resize(c.numUnits, c.numInputs);
  W_rec.resize(c.numUnits, c.numUnits);
  W_out.resize(c.numPlaceCells, c.numUnits);
}

template <typename S>
void PlaceCellRnnParameters<S>::setZero() {
  W_enc.setZero();
  W_in.setZero();
  W_rec.setZero();
  W_out.setZero();
}

void PlaceCellRnnMasks::reset(const PlaceCellRnnConfig& c) {
  enc = Eigen::MatrixXf::Ones(c.numUnits, c.numPlaceCells);
  in = Eigen::MatrixXf::Ones(c.numUnits, c.numInputs);
  rec = Eigen::MatrixXf::Ones(c.numUnits, c.numUnits);
  out = Eigen::MatrixXf::Ones(c.numPlaceCells, c.numUnits);
}

template <typename S>
void initializePlaceCellRnn(const PlaceCellRnnConfig& c, Rng& rng, PlaceCellRnnParameters<S>& p) {
  p.resize(c);
  // U(±gain/√fan_in), column-major within each matrix, fixed order W_enc, W_in, W_rec, W_out.
  auto uniform = [&](auto& m, double bound) {
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = S(bound * (2.0 * rng.uniform() - 1.0));
  };
  uniform(p.W_enc, c.initEncoderGain / std::sqrt(double(c.numPlaceCells)));
  uniform(p.W_in, c.initInputGain / std::sqrt(double(c.numUnits)));  // torch nn.RNN: 1/√hidden
  if (c.initRecurrentIdentity) {
    p.W_rec.setIdentity();
    p.W_rec *= S(c.initRecurrentGain);
  } else {
    uniform(p.W_rec, c.initRecurrentGain / std::sqrt(double(c.numUnits)));
  }
  uniform(p.W_out, c.initOutputGain / std::sqrt(double(c.numUnits)));
}

template <typename S>
PlaceCellBatch<S> PlaceCellBatch<S>::slice(int first, int count) const {
  PlaceCellBatch<S> out;
  out.steps = steps;
  out.trials = count;
  out.initialCode = initialCode.middleCols(first, count);
  out.inputs.resize(inputs.rows(), Eigen::Index(steps) * count);
  out.targets.resize(targets.rows(), Eigen::Index(steps) * count);
  for (int t = 0; t < steps; ++t) {
    const Eigen::Index src = Eigen::Index(t) * trials + first, dst = Eigen::Index(t) * count;
    out.inputs.middleCols(dst, count) = inputs.middleCols(src, count);
    out.targets.middleCols(dst, count) = targets.middleCols(src, count);
  }
  return out;
}

template <typename S>
void PlaceCellRnn<S>::forward(const PlaceCellBatch<S>& batch, const UnitPerturbations& ps,
                              PlaceCellRnnTrace<S>& tr) const {
  const int Ng = m_config.numUnits, T = batch.steps, B = batch.trials;
  if (batch.inputs.rows() != m_config.numInputs || batch.inputs.cols() != Eigen::Index(T) * B ||
      batch.initialCode.rows() != m_config.numPlaceCells || batch.initialCode.cols() != B)
    throw std::invalid_argument("PlaceCellRnn::forward: batch shapes do not match the model");
  const Mat wEnc = params.W_enc.cwiseProduct(masks.enc.template cast<S>());
  const Mat wIn = params.W_in.cwiseProduct(masks.in.template cast<S>());
  const Mat wRec = params.W_rec.cwiseProduct(masks.rec.template cast<S>());
  const Mat wOut = params.W_out.cwiseProduct(masks.out.template cast<S>());
  tr.steps = T;
  tr.trials = B;
  tr.g.resize(Ng, Eigen::Index(T + 1) * B);
  tr.fprime.resize(Ng, Eigen::Index(T) * B);
  tr.g.leftCols(B).noalias() = wEnc * batch.initialCode;  // g_0 = W_enc p_0
  clampUnits<S>(ps, 0, tr.g.leftCols(B));
  tr.g0Slope = Mat::Ones(Ng, B);
  zeroClampedSlopes<S>(ps, 0, tr.g0Slope);
  // Input drive of every step at once: W_in v_t, Ng × (T·B); z_t then adds W_rec g_{t−1}.
  Mat z = wIn * batch.inputs;
  for (int t = 1; t <= T; ++t) {
    auto zt = z.middleCols(Eigen::Index(t - 1) * B, B);
    zt.noalias() += wRec * tr.g.middleCols(Eigen::Index(t - 1) * B, B);
    for (const auto& p : ps)
      if (p.kind == UnitPerturbation::Kind::Inject && p.activeAt(t))
        for (int u : p.units) zt.row(u).array() += S(p.value);
    auto gt = tr.g.middleCols(Eigen::Index(t) * B, B);
    auto fpt = tr.fprime.middleCols(Eigen::Index(t - 1) * B, B);
    activate<S>(m_config.nonlinearity, zt, gt, fpt);
    clampUnits<S>(ps, t, gt);
    zeroClampedSlopes<S>(ps, t, fpt);
  }
  // ℓ_t = W_out g_t for t = 1..T in one product; softmax per column (max-shifted).
  tr.logits.noalias() = wOut * tr.g.rightCols(Eigen::Index(T) * B);
  tr.softmax.resize(tr.logits.rows(), tr.logits.cols());
  for (Eigen::Index k = 0; k < tr.logits.cols(); ++k) {
    const S mx = tr.logits.col(k).maxCoeff();
    tr.softmax.col(k) = (tr.logits.col(k).array() - mx).exp().matrix();
    tr.softmax.col(k) /= tr.softmax.col(k).sum();
  }
}

template <typename S>
PlaceCellLossSums PlaceCellRnn<S>::lossSums(const PlaceCellBatch<S>& batch,
                                            const PlaceCellRnnTrace<S>& tr) const {
  PlaceCellLossSums s;
  // −Σ_i p_i log q_i with log q = ℓ − logsumexp(ℓ), in double per column.
  for (Eigen::Index k = 0; k < tr.logits.cols(); ++k) {
    const double mx = double(tr.logits.col(k).maxCoeff());
    double sumExp = 0.0;
    for (Eigen::Index i = 0; i < tr.logits.rows(); ++i) sumExp += std::exp(double(tr.logits(i, k)) - mx);
    const double lse = mx + std::log(sumExp);
    double ce = 0.0;
    for (Eigen::Index i = 0; i < tr.logits.rows(); ++i)
      ce -= double(batch.targets(i, k)) * (double(tr.logits(i, k)) - lse);
    s.crossEntropy += ce;
  }
  s.samples = double(tr.logits.cols());
  s.sumSquaresG = double(tr.g.rightCols(Eigen::Index(tr.steps) * tr.trials).squaredNorm());
  return s;
}

template <typename S>
PlaceCellLoss PlaceCellRnn<S>::finishLoss(const PlaceCellLossSums& s,
                                          const PlaceCellLossConfig& lc) const {
  PlaceCellLoss l;
  l.crossEntropy = s.samples > 0 ? s.crossEntropy / s.samples : 0.0;
  const Mat wRec = params.W_rec.cwiseProduct(masks.rec.template cast<S>());
  l.weight = lc.recurrentL2 * double(wRec.squaredNorm());
  l.activity = s.samples > 0 ? lc.activityL2 * s.sumSquaresG / (s.samples * m_config.numUnits) : 0.0;
  l.total = l.crossEntropy + l.weight + l.activity;
  return l;
}

template <typename S>
void PlaceCellRnn<S>::backward(const PlaceCellBatch<S>& batch, const PlaceCellRnnTrace<S>& tr,
                               const PlaceCellLossConfig& lc, double totalSamples,
                               PlaceCellRnnParameters<S>& grad) const {
  const int Ng = m_config.numUnits, T = tr.steps, B = tr.trials;
  const Eigen::Index TB = Eigen::Index(T) * B;
  const Mat wRecT = params.W_rec.cwiseProduct(masks.rec.template cast<S>()).transpose();
  const Mat wOut = params.W_out.cwiseProduct(masks.out.template cast<S>());
  // ∂L/∂ℓ_t = (q_t − p_t·Σ_i p_i)/(T·B); Σ_i p_i = 1 for normalised targets, kept general.
  Mat dL = tr.softmax;
  for (Eigen::Index k = 0; k < TB; ++k) dL.col(k) *= batch.targets.col(k).sum();
  dL -= batch.targets;
  dL *= S(1.0 / totalSamples);
  // Direct ∂L/∂g_t = W_outᵀ ∂L/∂ℓ_t + 2λ_r g_t/(Ng·T·B); the loop turns each block, in place,
  // into δ_t = ∂L/∂z_t = (direct + W_recᵀ δ_{t+1}) ⊙ f'(z_t).
  Mat D(Ng, TB);
  D.noalias() = wOut.transpose() * dL;
  if (lc.activityL2 != 0.0) D += S(2.0 * lc.activityL2 / (double(Ng) * totalSamples)) * tr.g.rightCols(TB);
  for (int t = T; t >= 1; --t) {
    auto block = D.middleCols(Eigen::Index(t - 1) * B, B);
    if (t < T) block.noalias() += wRecT * D.middleCols(Eigen::Index(t) * B, B);
    block.array() *= tr.fprime.middleCols(Eigen::Index(t - 1) * B, B).array();
  }
  // ∂L/∂g_0 = W_recᵀ δ_1 (g_0 = W_enc p_0 is linear; clamped g_0 rows pass no gradient).
  Mat dg0 = wRecT * D.leftCols(B);
  dg0.array() *= tr.g0Slope.array();
  grad.W_enc.noalias() += dg0 * batch.initialCode.transpose();
  // Weight gradients as single products over all steps.
  grad.W_rec.noalias() += D * tr.g.leftCols(TB).transpose();
  grad.W_in.noalias() += D * batch.inputs.transpose();
  grad.W_out.noalias() += dL * tr.g.rightCols(TB).transpose();
}

template <typename S>
void PlaceCellRnn<S>::addPenaltyGradients(const PlaceCellLossConfig& lc,
                                          PlaceCellRnnParameters<S>& grad) const {
  if (lc.recurrentL2 != 0.0)
    grad.W_rec += S(2.0 * lc.recurrentL2) * params.W_rec.cwiseProduct(masks.rec.template cast<S>());
}

template <typename S>
void PlaceCellRnn<S>::maskGradients(PlaceCellRnnParameters<S>& grad) const {
  grad.W_enc = grad.W_enc.cwiseProduct(masks.enc.template cast<S>());
  grad.W_in = grad.W_in.cwiseProduct(masks.in.template cast<S>());
  grad.W_rec = grad.W_rec.cwiseProduct(masks.rec.template cast<S>());
  grad.W_out = grad.W_out.cwiseProduct(masks.out.template cast<S>());
}

template struct PlaceCellRnnParameters<float>;
template struct PlaceCellRnnParameters<double>;
template struct PlaceCellBatch<float>;
template struct PlaceCellBatch<double>;
template void initializePlaceCellRnn<float>(const PlaceCellRnnConfig&, Rng&,
                                            PlaceCellRnnParameters<float>&);
template void initializePlaceCellRnn<double>(const PlaceCellRnnConfig&, Rng&,
                                             PlaceCellRnnParameters<double>&);
template class PlaceCellRnn<float>;
template class PlaceCellRnn<double>;

}  // namespace emergence::engine
