// Integrated gradients of the retina CNN onto conv1 units (integrated_gradients.h).
#include "engine/analysis/integrated_gradients.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "engine/core/parallel.h"
#include "engine/models/retina_cnn_probe.h"
#include "engine/retina/frames.h"

namespace emergence::engine {

using Mat = Eigen::MatrixXf;

ProbeAttribution integratedGradients(const RetinaCnn<float>& net, const ProbeStimulus& probe,
                                     const IntegratedGradientsConfig& ic) {
  const auto start = std::chrono::steady_clock::now();
  const RetinaCnnConfig& c = net.config();
  if (ic.steps < 1) throw std::invalid_argument("IntegratedGradientsConfig.steps: must be ≥ 1");
  if (ic.cell < -1 || ic.cell >= c.numCells)
    throw std::invalid_argument("IntegratedGradientsConfig.cell: " + std::to_string(ic.cell) +
                                " is not a cell of the network (or −1 for the sum)");
  const int C1 = c.conv1Channels, O1 = c.conv1Out(), N = c.numCells, M = ic.steps;
  RetinaProbeConv1 z = probeConv1(net, probe, ic.fast);
  if (!probeHeadReduces(net, z)) {
    z.zlin = expandProbeConv1(z, O1);
    z.height = z.width = O1;
  }
  const RetinaEvalHead<float> head = probeHead(net, z);
  const int T = z.bins, P = z.height * z.width;
  // Each reduced unit stands for `orbit` units of the full map (1, O1 rows, or O1² pixels).
  const double orbit = double(O1) * O1 / P;
  ProbeAttribution r;
  r.probe = probe.name;
  r.cell = ic.cell;
  r.steps = M;
  r.geometry = P == 1 ? ProbeSymmetry::FullField
                      : (z.height == 1 ? ProbeSymmetry::BarX : ProbeSymmetry::None);

  // ∂F/∂ŷ: F = ŷ_cell/dt (Hz) or Σ_n ŷ_n/dt.
  auto upstream = [&](int L) {
    Mat d = Mat::Zero(L, N);
    if (ic.cell >= 0)
      d.col(ic.cell).setConstant(float(1.0 / kRetinaFrameS));
    else
      d.setConstant(float(1.0 / kRetinaFrameS));
    return d;
  };
  auto target = [&](const Mat& out, int l) {
    return ic.cell >= 0 ? double(out(l, ic.cell)) / kRetinaFrameS
                        : double(out.row(l).sum()) / kRetinaFrameS;
  };
  auto withBias = [&](Mat& z1) {
    for (int ch = 0; ch < C1; ++ch) z1.col(ch).array() += net.params.conv1Bias[ch];
  };
  // Baseline: the background window (z1 = b1 everywhere): F(0), g(0) and the trace at α = 0.
  Mat g0, G20;
  RetinaEvalHead<float>::Trace tr0;
  {
    Mat z1 = Mat::Zero(P, C1), out;
    withBias(z1);
    head.forward(z1, 1, tr0, out);
    r.baseline = target(out, 0);
    head.backward(tr0, upstream(1), 1, g0);  // P × C1
    head.backwardToA2(tr0, upstream(1), 1, G20);
  }
  const int P2 = head.h2 * head.w2, C2 = head.c2;
  // Active bins: any stimulus-driven conv1 value.
  std::vector<int> active;
  for (int t = 0; t < T; ++t)
    if (z.zlin.middleRows(Eigen::Index(t) * P, P).cwiseAbs().maxCoeff() > 0.0f) active.push_back(t);
  r.activeBins = int(active.size());
  r.response = Eigen::VectorXd::Constant(T, r.baseline);
  r.channel = Eigen::MatrixXd::Zero(C1, T);
  r.activity = Eigen::MatrixXd::Zero(C1, T);
  const bool haveX = r.geometry != ProbeSymmetry::FullField;
  if (haveX) r.channelX = Eigen::MatrixXd::Zero(Eigen::Index(C1) * O1, T);
  if (ic.keepUnits) r.units = Mat::Zero(Eigen::Index(T) * P, C1);

  const int block = std::max(1, ic.blockBins);
  const int blocks = (int(active.size()) + block - 1) / block;
  const IgQuadrature rule = ic.quadrature;
  // ∫₀¹ 1[p(s) > 0]·(h0 + (h1 − h0)·s) ds with p linear from p0 to p1 (exact for that interpolant).
  auto onIntegral = [](float p0, float p1, float h0, float h1) {
    if (p0 > 0 && p1 > 0) return 0.5f * (h0 + h1);
    if (!(p0 > 0) && !(p1 > 0)) return 0.0f;
    const float tau = p0 / (p0 - p1), dh = h1 - h0;  // p crosses 0 at s = τ
    return p1 > 0 ? (1 - tau) * h0 + 0.5f * dh * (1 - tau * tau)  // on for s > τ
                  : tau * h0 + 0.5f * dh * tau * tau;             // on for s < τ
  };
  auto onFraction = [](float p0, float p1) {
    if (p0 > 0 && p1 > 0) return 1.0f;
    if (!(p0 > 0) && !(p1 > 0)) return 0.0f;
    const float tau = p0 / (p0 - p1);
    return p1 > 0 ? 1 - tau : tau;
  };
  auto broadcast = [](const Mat& one, int L) {  // a 1-sample block repeated for L samples
    Mat m(one.rows() * L, one.cols());
    for (int l = 0; l < L; ++l) m.middleRows(Eigen::Index(l) * one.rows(), one.rows()) = one;
    return m;
  };
  struct Work {
    Mat lin, z1, out, g, G, G2, G2prev, q1prev, q2prev, I2, hint;
    RetinaEvalHead<float>::Trace tr;
  };
  std::vector<Work> work(size_t(parallelWorkers(blocks, ic.threads)));
  parallelForWorkers(blocks, ic.threads, [&](int b, int w) {
    Work& wk = work[size_t(w)];
    const int first = b * block, L = std::min(block, int(active.size()) - first);
    const Eigen::Index rows = Eigen::Index(L) * P, rows2 = Eigen::Index(L) * P2;
    wk.lin.resize(rows, C1);  // ℓ of the block's bins, gathered
    for (int l = 0; l < L; ++l)
      wk.lin.middleRows(Eigen::Index(l) * P, P) =
          z.zlin.middleRows(Eigen::Index(active[size_t(first + l)]) * P, P);
    // G accumulates ∫ g dα (Riemann, trapezoid) or ∫ 1[q1 > 0]·h dα (exact kinks; s1 applied last).
    wk.G.setZero(rows, C1);
    const float dAlpha = 1.0f / float(M);
    if (rule == IgQuadrature::Trapezoid) wk.G = broadcast(g0, L) * (0.5f * dAlpha);
    if (rule == IgQuadrature::ExactKinks) {
      wk.G2prev = broadcast(G20, L);
      wk.q1prev = broadcast(tr0.q1, L);
      wk.q2prev = broadcast(tr0.q2, L);
    }
    const Mat dOut = upstream(L);
    for (int k = 1; k <= M; ++k) {
      const float alpha = float(k) / float(M);
      wk.z1 = alpha * wk.lin;
      withBias(wk.z1);
      head.forward(wk.z1, L, wk.tr, wk.out);
      if (k == M)
        for (int l = 0; l < L; ++l) r.response[active[size_t(first + l)]] = target(wk.out, l);
      if (rule != IgQuadrature::ExactKinks) {
        head.backward(wk.tr, dOut, L, wk.g);
        const float wgt = (rule == IgQuadrature::Trapezoid && k == M) ? 0.5f * dAlpha : dAlpha;
        wk.G += wgt * wk.g;
        continue;
      }
      // Step α_{k−1} → α_k. Layer 2: I2 = s2·∫ 1[q2 > 0]·G2 dα per unit (G2 = ∂F/∂a2 linear in
      // the step, q2 linear), so conv2's ReLU switches are integrated exactly; back through
      // conv2ᵀ (linear) that is ∫ ∂F/∂a1 dα over the step; layer 1: × the on-fraction of q1.
      head.backwardToA2(wk.tr, dOut, L, wk.G2);
      wk.I2.resize(rows2, C2);
      for (int ch = 0; ch < C2; ++ch)
        for (Eigen::Index i = 0; i < rows2; ++i)
          wk.I2(i, ch) = dAlpha * head.s2[Eigen::Index(ch) * P2 + i % P2] *
                         onIntegral(wk.q2prev(i, ch), wk.tr.q2(i, ch), wk.G2prev(i, ch), wk.G2(i, ch));
      head.backwardFromZ2(wk.I2, L, wk.hint);
      for (int ch = 0; ch < C1; ++ch)
        for (Eigen::Index i = 0; i < rows; ++i)
          wk.G(i, ch) += onFraction(wk.q1prev(i, ch), wk.tr.q1(i, ch)) * wk.hint(i, ch);
      std::swap(wk.G2prev, wk.G2);
      wk.q1prev = wk.tr.q1;
      wk.q2prev = wk.tr.q2;
    }
    if (rule == IgQuadrature::ExactKinks)  // the BN1 gain s1 of g = 1[q1 > 0]·s1·h
      for (int ch = 0; ch < C1; ++ch)
        for (Eigen::Index i = 0; i < rows; ++i) wk.G(i, ch) *= head.s1[Eigen::Index(ch) * P + i % P];
    // A = ℓ ⊙ ∫ g dα; channel and channel × x sums (each reduced unit = orbit full units).
    const Mat A = wk.lin.cwiseProduct(wk.G);
    for (int l = 0; l < L; ++l) {
      const int t = active[size_t(first + l)];
      const auto At = A.middleRows(Eigen::Index(l) * P, P);  // P × C1
      const auto lt = wk.lin.middleRows(Eigen::Index(l) * P, P);
      for (int ch = 0; ch < C1; ++ch) {
        r.channel(ch, t) = At.col(ch).cast<double>().sum();
        r.activity(ch, t) = orbit * lt.col(ch).cast<double>().sum();
        if (haveX)
          for (int q = 0; q < P; ++q) r.channelX(Eigen::Index(ch) * O1 + q % O1, t) += double(At(q, ch));
      }
      if (ic.keepUnits) r.units.middleRows(Eigen::Index(t) * P, P) = At;
    }
  });
  r.residual = r.channel.colwise().sum().transpose() - (r.response.array() - r.baseline).matrix();
  // Relative to the probe's largest response change, floored at 1 Hz (a probe the cell does not
  // respond to is judged by its absolute error in Hz).
  const double scale = std::max(1.0, (r.response.array() - r.baseline).abs().maxCoeff());
  r.completenessError = r.residual.cwiseAbs().maxCoeff() / scale;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace emergence::engine
