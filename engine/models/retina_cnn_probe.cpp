// The retina CNN on probes, with the symmetric fast path (retina_cnn_probe.h).
#include "engine/models/retina_cnn_probe.h"

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "engine/core/parallel.h"
#include "engine/retina/frames.h"

namespace emergence::engine {

using Mat = Eigen::MatrixXf;

RetinaProbeConv1 probeConv1(const RetinaCnn<float>& net, const ProbeStimulus& probe, bool fast) {
  const RetinaCnnConfig& c = net.config();
  if (probe.height != c.windowPx || probe.width != c.windowPx)
    throw std::invalid_argument("probe '" + probe.name + "' is " + std::to_string(probe.height) +
                                "×" + std::to_string(probe.width) + " px, the CNN's window " +
                                std::to_string(c.windowPx) + "×" + std::to_string(c.windowPx));
  const int T = probe.frames(), H = c.historyFrames, C1 = c.conv1Channels, k1 = c.conv1Kernel;
  const int O1 = c.conv1Out(), S = c.windowPx;
  RetinaProbeConv1 z;
  z.bins = T;
  z.symmetry = fast ? probe.symmetry : ProbeSymmetry::None;
  // Frame index of window position h for bin t: t − H + h (< 0 → background 0).
  auto frameOf = [&](int t, int h) { return t - H + h; };
  if (z.symmetry == ProbeSymmetry::FullField) {
    const Mat W = net.effectiveConv1();  // k1² × C1·H
    const Eigen::RowVectorXf kbar = W.colwise().sum();  // k̄[c·H + h]
    z.height = z.width = 1;
    z.zlin.setZero(T, C1);
    for (int t = 0; t < T; ++t)
      for (int ch = 0; ch < C1; ++ch) {
        float acc = 0;  // Σ_h k̄[c, h]·s(t − H + h)
        for (int h = 0; h < H; ++h) {
          const int f = frameOf(t, h);
          if (f >= 0) acc += kbar[ch * H + h] * probe.fullField[f];
        }
        z.zlin(t, ch) = acc;
      }
  } else if (z.symmetry == ProbeSymmetry::BarX) {
    const Mat W = net.effectiveConv1();
    // k_y[c, h, v] = Σ_u W1[c, h, u, v]: row (c·H + h), column v.
    Mat ky = Mat::Zero(Eigen::Index(C1) * H, k1);
    for (int q = 0; q < C1 * H; ++q)
      for (int u = 0; u < k1; ++u)
        for (int v = 0; v < k1; ++v) ky(q, v) += W(u * k1 + v, q);
    z.height = 1;
    z.width = O1;
    z.zlin.setZero(Eigen::Index(T) * O1, C1);
    for (int t = 0; t < T; ++t)
      for (int h = 0; h < H; ++h) {
        const int f = frameOf(t, h);
        if (f < 0) continue;
        const float* row = probe.profileX.row(f).data();  // S values along x
        bool any = false;
        for (int x = 0; x < S && !any; ++x) any = row[x] != 0.0f;
        if (!any) continue;
        for (int ch = 0; ch < C1; ++ch)
          for (int j = 0; j < O1; ++j) {
            float acc = 0;  // Σ_v k_y[c, h, v]·s(f, j + v)
            for (int v = 0; v < k1; ++v) acc += ky(ch * H + h, v) * row[j + v];
            z.zlin(Eigen::Index(t) * O1 + j, ch) += acc;
          }
      }
  } else {
    // Full convolution of the rendered frames, H background frames in front: padded row
    // t + h = probe frame t − H + h, and the last frame is not needed (bin T − 1 uses ≤ T − 2).
    RetinaCnn<float>::Frames frames = RetinaCnn<float>::Frames::Zero(T + H - 1, S * S);
    const FrameBlock rendered = probe.render();
    if (T > 1) frames.bottomRows(T - 1) = rendered.topRows(T - 1);
    z.height = z.width = O1;
    z.zlin = net.conv1Linear(frames);
  }
  return z;
}

Mat expandProbeConv1(const RetinaProbeConv1& z, int O1) {
  const int P1 = O1 * O1, T = z.bins, C1 = int(z.zlin.cols());
  if (z.height == O1 && z.width == O1) return z.zlin;
  Mat out(Eigen::Index(T) * P1, C1);
  for (int ch = 0; ch < C1; ++ch)
    for (int t = 0; t < T; ++t)
      for (int i = 0; i < O1; ++i)
        for (int j = 0; j < O1; ++j)
          out(Eigen::Index(t) * P1 + i * O1 + j, ch) =
              z.width == 1 ? z.zlin(t, ch) : z.zlin(Eigen::Index(t) * O1 + j, ch);
  return out;
}

bool probeHeadReduces(const RetinaCnn<float>& net, const RetinaProbeConv1& z) {
  return net.config().bn == RetinaBnMode::PerChannel &&
         !(z.height == net.config().conv1Out() && z.width == net.config().conv1Out());
}

RetinaEvalHead<float> probeHead(const RetinaCnn<float>& net, const RetinaProbeConv1& z) {
  RetinaEvalHead<float> full = net.evalHead();
  const RetinaCnnConfig& c = net.config();
  const int O1 = c.conv1Out(), O2 = c.conv2Out(), k2 = c.conv2Kernel;
  if (z.height == O1 && z.width == O1) return full;
  if (!probeHeadReduces(net, z))
    throw std::invalid_argument(
        "probeHead: a reduced conv1 map needs per-channel batch norm; expand it first");
  const bool bar = z.height == 1 && z.width == O1;  // else full field (1 × 1)
  RetinaEvalHead<float> h = full;
  h.h1 = 1;
  h.w1 = bar ? O1 : 1;
  h.kh = 1;
  h.kw = bar ? k2 : 1;
  h.h2 = 1;
  h.w2 = bar ? O2 : 1;
  const int C1 = c.conv1Channels, C2 = c.conv2Channels, N = c.numCells;
  // Per-channel BN affine maps: one value per channel (take pixel 0 of each block).
  auto perChannel = [](const Eigen::VectorXf& v, int C, int P, int newP) {
    Eigen::VectorXf o(Eigen::Index(C) * newP);
    for (int ch = 0; ch < C; ++ch) o.segment(Eigen::Index(ch) * newP, newP).setConstant(v[ch * P]);
    return o;
  };
  h.s1 = perChannel(full.s1, C1, O1 * O1, h.h1 * h.w1);
  h.t1 = perChannel(full.t1, C1, O1 * O1, h.h1 * h.w1);
  h.s2 = perChannel(full.s2, C2, O2 * O2, h.h2 * h.w2);
  h.t2 = perChannel(full.t2, C2, O2 * O2, h.h2 * h.w2);
  // conv2: row (c1·kh + u')·kw + v' of the reduced kernel = Σ over the summed offsets.
  h.conv2.setZero(Eigen::Index(C1) * h.kh * h.kw, C2);
  for (int c1 = 0; c1 < C1; ++c1)
    for (int u = 0; u < k2; ++u)
      for (int v = 0; v < k2; ++v)
        h.conv2.row(Eigen::Index(c1) * h.kw + (bar ? v : 0)) += full.conv2.row((c1 * k2 + u) * k2 + v);
  // dense: row c2·(h2·w2) + x' = Σ over the summed positions (y, and x for full field).
  h.dense.setZero(Eigen::Index(C2) * h.h2 * h.w2, N);
  for (int c2 = 0; c2 < C2; ++c2)
    for (int y = 0; y < O2; ++y)
      for (int x = 0; x < O2; ++x)
        h.dense.row(Eigen::Index(c2) * h.w2 + (bar ? x : 0)) +=
            full.dense.row(Eigen::Index(c2) * O2 * O2 + y * O2 + x);
  return h;
}

Eigen::MatrixXd respondToProbe(const RetinaCnn<float>& net, const ProbeStimulus& probe,
                               int threads, const std::vector<int>& ablated) {
  const RetinaCnnConfig& c = net.config();
  RetinaProbeConv1 z = probeConv1(net, probe, true);
  for (int ch : ablated) {
    if (ch < 0 || ch >= c.conv1Channels)
      throw std::invalid_argument("respondToProbe: no first-layer channel " + std::to_string(ch));
    z.zlin.col(ch).setZero();  // z1 = b1: the channel's response to the background
  }
  if (!probeHeadReduces(net, z)) {
    z.zlin = expandProbeConv1(z, c.conv1Out());
    z.height = z.width = c.conv1Out();
  }
  const RetinaEvalHead<float> head = probeHead(net, z);
  const int T = z.bins, P = z.height * z.width, C1 = c.conv1Channels, chunk = 64;
  const int chunks = (T + chunk - 1) / chunk;
  Eigen::MatrixXd rates(c.numCells, T);
  struct Work {
    Mat z1, out;
    RetinaEvalHead<float>::Trace tr;
  };
  std::vector<Work> work(size_t(parallelWorkers(chunks, threads)));
  parallelForWorkers(chunks, threads, [&](int k, int w) {
    const int t0 = k * chunk, n = std::min(chunk, T - t0);
    Work& wk = work[size_t(w)];
    wk.z1 = z.zlin.middleRows(Eigen::Index(t0) * P, Eigen::Index(n) * P);
    for (int ch = 0; ch < C1; ++ch) wk.z1.col(ch).array() += net.params.conv1Bias[ch];
    head.forward(wk.z1, n, wk.tr, wk.out);
    rates.middleCols(t0, n) = (wk.out.transpose().cast<double>() / kRetinaFrameS);
  });
  return rates;
}

ProbeResponder retinaCnnResponder(const RetinaCnn<float>& net, int threads,
                                  std::vector<int> ablated) {
  auto copy = std::make_shared<const RetinaCnn<float>>(net);
  return [copy, threads, ablated](const ProbeStimulus& p) {
    return respondToProbe(*copy, p, threads, ablated);
  };
}

}  // namespace emergence::engine
