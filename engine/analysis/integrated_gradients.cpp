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
  // Baseline: the background window (z1 = b1 everywhere), its F, gradient g(0) and ∂F/∂a1 h(0).
  Mat g0, h0;
  {
    Mat z1 = Mat::Zero(P, C1), out;
    withBias(z1);
    RetinaEvalHead<float>::Trace tr;
    head.forward(z1, 1, tr, out);
    r.baseline = target(out, 0);
    head.backward(tr, upstream(1), 1, g0, &h0);  // P × C1
  }
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
  struct Work {
    Mat lin, z1, out, g, h, hPrev, p, pPrev, G;
    RetinaEvalHead<float>::Trace tr;
  };
  std::vector<Work> work(size_t(parallelWorkers(blocks, ic.threads)));
  parallelForWorkers(blocks, ic.threads, [&](int b, int w) {
    Work& wk = work[size_t(w)];
    const int first = b * block, L = std::min(block, int(active.size()) - first);
    const Eigen::Index rows = Eigen::Index(L) * P;
    wk.lin.resize(rows, C1);  // ℓ of the block's bins, gathered
    for (int l = 0; l < L; ++l)
      wk.lin.middleRows(Eigen::Index(l) * P, P) =
          z.zlin.middleRows(Eigen::Index(active[size_t(first + l)]) * P, P);
    // Pre-activation of BN1's ReLU, p = s1 ⊙ z1 + t1 (unit row l·P + q of channel c: index c·P + q).
    auto preActivation = [&](const Mat& z1, Mat& p) {
      p.resize(z1.rows(), C1);
      for (int ch = 0; ch < C1; ++ch)
        for (Eigen::Index i = 0; i < z1.rows(); ++i) {
          const Eigen::Index u = Eigen::Index(ch) * P + i % P;
          p(i, ch) = head.s1[u] * z1(i, ch) + head.t1[u];
        }
    };
    // G accumulates ∫ g dα (Riemann, trapezoid) or ∫ 1[p > 0]·h dα (exact kinks; s1 applied last).
    wk.G.setZero(rows, C1);
    const float dAlpha = 1.0f / float(M);
    if (rule == IgQuadrature::Trapezoid)
      for (int l = 0; l < L; ++l) wk.G.middleRows(Eigen::Index(l) * P, P) = g0 * (0.5f * dAlpha);
    if (rule == IgQuadrature::ExactKinks) {
      wk.hPrev.resize(rows, C1);
      wk.z1 = Mat::Zero(rows, C1);
      withBias(wk.z1);
      for (int l = 0; l < L; ++l) wk.hPrev.middleRows(Eigen::Index(l) * P, P) = h0;
      preActivation(wk.z1, wk.pPrev);
    }
    const Mat dOut = upstream(L);
    for (int k = 1; k <= M; ++k) {
      const float alpha = float(k) / float(M);
      wk.z1 = alpha * wk.lin;
      withBias(wk.z1);
      head.forward(wk.z1, L, wk.tr, wk.out);
      if (k == M)
        for (int l = 0; l < L; ++l) r.response[active[size_t(first + l)]] = target(wk.out, l);
      head.backward(wk.tr, dOut, L, wk.g, rule == IgQuadrature::ExactKinks ? &wk.h : nullptr);
      if (rule != IgQuadrature::ExactKinks) {
        const float wgt = (rule == IgQuadrature::Trapezoid && k == M) ? 0.5f * dAlpha : dAlpha;
        wk.G += wgt * wk.g;
        continue;
      }
      preActivation(wk.z1, wk.p);
      for (int ch = 0; ch < C1; ++ch)
        for (Eigen::Index i = 0; i < rows; ++i) {
          const float p0 = wk.pPrev(i, ch), p1 = wk.p(i, ch);
          const float h0v = wk.hPrev(i, ch), dh = wk.h(i, ch) - h0v;
          float integral = 0;  // ∫ over the step of 1[p > 0]·(h0 + dh·s), s ∈ [0, 1], × Δα
          if (p0 > 0 && p1 > 0) {
            integral = h0v + 0.5f * dh;
          } else if (p0 > 0 || p1 > 0) {
            const float tau = p0 / (p0 - p1);  // where p crosses 0
            integral = p1 > 0 ? (1 - tau) * h0v + 0.5f * dh * (1 - tau * tau)  // on for s > τ
                              : tau * h0v + 0.5f * dh * tau * tau;             // on for s < τ
          }
          wk.G(i, ch) += dAlpha * integral;
        }
      std::swap(wk.hPrev, wk.h);
      std::swap(wk.pPrev, wk.p);
    }
    if (rule == IgQuadrature::ExactKinks)  // the BN1 gain s1 of g = 1[p > 0]·s1·h
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
