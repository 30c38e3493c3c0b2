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
  // Baseline: the background window (z1 = b1 everywhere), its F and gradient g(0).
  Mat g0;
  {
    Mat z1 = Mat::Zero(P, C1), out;
    withBias(z1);
    RetinaEvalHead<float>::Trace tr;
    head.forward(z1, 1, tr, out);
    r.baseline = target(out, 0);
    head.backward(tr, upstream(1), 1, g0);  // P × C1
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
  struct Work {
    Mat lin, z1, out, g, G;
    RetinaEvalHead<float>::Trace tr;
  };
  std::vector<Work> work(size_t(parallelWorkers(blocks, ic.threads)));
  parallelForWorkers(blocks, ic.threads, [&](int b, int w) {
    Work& wk = work[size_t(w)];
    const int first = b * block, L = std::min(block, int(active.size()) - first);
    wk.lin.resize(Eigen::Index(L) * P, C1);  // ℓ of the block's bins, gathered
    for (int l = 0; l < L; ++l)
      wk.lin.middleRows(Eigen::Index(l) * P, P) =
          z.zlin.middleRows(Eigen::Index(active[size_t(first + l)]) * P, P);
    // G = Σ_k w_k·g(α_k): trapezoid w_0 = w_M = 1/(2M), else 1/M; Riemann w_k = 1/M, k ≥ 1.
    wk.G.setZero(wk.lin.rows(), C1);
    if (ic.trapezoid)
      for (int l = 0; l < L; ++l) wk.G.middleRows(Eigen::Index(l) * P, P) = g0 / float(2 * M);
    const Mat dOut = upstream(L);
    for (int k = 1; k <= M; ++k) {
      const float alpha = float(k) / float(M);
      wk.z1 = alpha * wk.lin;
      withBias(wk.z1);
      head.forward(wk.z1, L, wk.tr, wk.out);
      if (k == M)
        for (int l = 0; l < L; ++l) r.response[active[size_t(first + l)]] = target(wk.out, l);
      head.backward(wk.tr, dOut, L, wk.g);
      const float wgt = (ic.trapezoid && k == M) ? 1.0f / float(2 * M) : 1.0f / float(M);
      wk.G += wgt * wk.g;
    }
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
          for (int p = 0; p < P; ++p) r.channelX(Eigen::Index(ch) * O1 + p % O1, t) += double(At(p, ch));
      }
      if (ic.keepUnits) r.units.middleRows(Eigen::Index(t) * P, P) = At;
    }
  });
  r.residual = r.channel.colwise().sum().transpose() - (r.response.array() - r.baseline).matrix();
  const double scale = (r.response.array() - r.baseline).abs().maxCoeff();
  r.completenessError = scale > 0 ? r.residual.cwiseAbs().maxCoeff() / scale : 0.0;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace emergence::engine
