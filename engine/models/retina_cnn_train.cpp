// Retina BN-CNN in training mode: forward with batch statistics and noise, Poisson loss, and the
// hand-written backward pass (retina_cnn.h). Staged over the chunks of the batch: every stage runs
// in parallel over chunks, and each batch-norm reduction (statistics, Σg, Σg·x̂) and the parameter
// gradients are summed in chunk order, so the result does not depend on the thread count.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/core/normal_fill.h"
#include "engine/core/parallel.h"
#include "engine/core/random.h"
#include "engine/models/retina_cnn.h"

namespace emergence::engine {

using namespace retina_layers;

namespace {

template <typename S>
void addNoise(Mat<S>& Y, Rng rng, double sd) {
  // Y ← Y + σ·ξ, ξ ~ N(0, 1) (every entry, in memory order).
  Mat<S> xi(Y.rows(), Y.cols());
  fillNormal(xi.data(), xi.size(), rng, S(sd));
  Y += xi;
}

// Σ over chunks (in order) of per-chunk double vectors.
std::vector<double> sumInOrder(const std::vector<std::vector<double>>& parts, int n) {
  std::vector<double> s(size_t(n), 0.0);
  for (const auto& p : parts)
    for (int i = 0; i < n; ++i) s[size_t(i)] += p[size_t(i)];
  return s;
}

template <typename S>
Vec<S> toVec(const std::vector<double>& v) {
  Vec<S> o(Eigen::Index(v.size()));
  for (size_t i = 0; i < v.size(); ++i) o[Eigen::Index(i)] = S(v[i]);
  return o;
}

}  // namespace

template <typename S>
void RetinaCnn<S>::reduceStats(Stats& st, const std::vector<std::vector<double>>& sums,
                               const std::vector<std::vector<double>>& sumSqs, int units, double n,
                               Vec& runMean, Vec& runVar, bool updateRunning) {
  st.sum = sumInOrder(sums, units);
  st.sumSq = sumInOrder(sumSqs, units);
  st.mean.resize(units);
  st.var.resize(units);
  st.invStd.resize(units);
  const double m = m_config.bnMomentum;
  for (int u = 0; u < units; ++u) {
    const double mean = st.sum[size_t(u)] / n;
    const double var = std::max(0.0, st.sumSq[size_t(u)] / n - mean * mean);  // biased
    st.mean[u] = S(mean);
    st.var[u] = S(var);
    st.invStd[u] = S(1.0 / std::sqrt(var + m_config.bnEpsilon));
    if (updateRunning) {  // Torch: unbiased variance into the running estimate
      runMean[u] = S((1 - m) * double(runMean[u]) + m * mean);
      runVar[u] = S((1 - m) * double(runVar[u]) + m * var * n / std::max(n - 1.0, 1.0));
    }
  }
}

template <typename S>
RetinaLoss RetinaCnn<S>::forwardTrain(const RetinaChunkBatch<S>& batch, const RetinaLossConfig& lc,
                                      const Rng* noise, int threads) {
  const RetinaCnnConfig& c = m_config;
  const int C = batch.chunks(), L = batch.length, N = c.numCells;
  if (C < 1 || L < 1) throw std::invalid_argument("RetinaCnn: empty batch");
  if (int(batch.targets.size()) != C)
    throw std::invalid_argument("RetinaCnn: batch has " + std::to_string(C) + " frame chunks but " +
                                std::to_string(batch.targets.size()) + " target chunks");
  for (const auto& t : batch.targets)
    if (t.rows() != L || t.cols() != N)
      throw std::invalid_argument("RetinaCnn: targets must be " + std::to_string(L) + " × " +
                                  std::to_string(N) + " per chunk");
  const int P1 = c.conv1Pixels(), P2 = c.conv2Pixels(), O1 = c.conv1Out(), k2 = c.conv2Kernel;
  const BnShape bn1 = c.bn1(), bn2 = c.bn2(), bn3{N, 1, true};
  const double B = double(C) * L;
  m_samples = B;
  const bool noisy = noise && c.noiseStd > 0;
  m_traces.resize(size_t(C));
  m_scratch.resize(size_t(parallelWorkers(C, threads)));
  m_out.resize(size_t(C));
  m_dOut.resize(size_t(C));
  std::vector<std::vector<double>> s(static_cast<size_t>(C)), s2(static_cast<size_t>(C));
  auto clearSums = [&](int units) {
    for (int i = 0; i < C; ++i) {
      s[size_t(i)].assign(size_t(units), 0.0);
      s2[size_t(i)].assign(size_t(units), 0.0);
    }
  };
  // Stage 1: z1 = conv1(x) + b1; BN1 sums.
  clearSums(bn1.units());
  parallelForWorkers(C, threads, [&](int i, int w) {
    ChunkTrace& tr = m_traces[size_t(i)];
    conv1Forward(batch.frames[size_t(i)], L, m_scratch[size_t(w)].xt, tr.y1, tr.z1, true);
    bnAccumulate(tr.z1, L, bn1, s[size_t(i)].data(), s2[size_t(i)].data());
  });
  reduceStats(m_stats[0], s, s2, bn1.units(), bn1.perUnit ? B : B * P1, running.mean1,
              running.var1, m_updateRunning);
  // Stage 2: a1 = ReLU(BN1(z1) + σξ₁); z2 = conv2(a1) + b2; BN2 sums.
  clearSums(bn2.units());
  parallelFor(C, threads, [&](int i) {
    ChunkTrace& tr = m_traces[size_t(i)];
    bnApply(tr.z1, L, bn1, m_stats[0].mean, m_stats[0].invStd, params.bn1Gamma, params.bn1Beta,
            &tr.xh1, tr.a1);
    if (noisy) addNoise(tr.a1, noise->stream(4 * std::uint64_t(i) + 0), c.noiseStd);
    tr.a1 = tr.a1.cwiseMax(S(0));
    conv2Forward(tr.a1, L, O1, k2, params.conv2, params.conv2Bias, tr.z2);  // (L·P2) × C2
    bnAccumulate(tr.z2, L, bn2, s[size_t(i)].data(), s2[size_t(i)].data());
  });
  reduceStats(m_stats[1], s, s2, bn2.units(), bn2.perUnit ? B : B * P2, running.mean2,
              running.var2, m_updateRunning);
  // Stage 3: a2 = ReLU(BN2(z2) + σξ₂); z3 = W_d·vec(a2); BN3 sums.
  clearSums(N);
  parallelFor(C, threads, [&](int i) {
    ChunkTrace& tr = m_traces[size_t(i)];
    bnApply(tr.z2, L, bn2, m_stats[1].mean, m_stats[1].invStd, params.bn2Gamma, params.bn2Beta,
            &tr.xh2, tr.a2);
    if (noisy) addNoise(tr.a2, noise->stream(4 * std::uint64_t(i) + 1), c.noiseStd);
    tr.a2 = tr.a2.cwiseMax(S(0));
    tr.z3.setZero(L, N);  // z3(l, n) = Σ_{c,p} W_d(c·P2 + p, n)·a2_c(p, l)
    for (int ch = 0; ch < c.conv2Channels; ++ch)
      tr.z3.noalias() += Eigen::Map<const Mat>(tr.a2.col(ch).data(), P2, L).transpose() *
                         params.dense.middleRows(Eigen::Index(ch) * P2, P2);
    bnAccumulate(tr.z3, L, bn3, s[size_t(i)].data(), s2[size_t(i)].data());
  });
  reduceStats(m_stats[2], s, s2, N, B, running.mean3, running.var3, m_updateRunning);
  // Stage 4: ŷ = softplus(BN3(z3)); loss; ∂L/∂y3.
  //   ∂L/∂ŷ = (1 − y/(ŷ + ε) + λ_a)/(B·N)   (ŷ > 0, so |ŷ|' = 1);   ∂ŷ/∂y3 = σ(y3)
  std::vector<double> poisson(size_t(C), 0.0), rate(size_t(C), 0.0);
  const double eps = lc.poissonEpsilon, scale = 1.0 / (B * N);
  parallelFor(C, threads, [&](int i) {
    ChunkTrace& tr = m_traces[size_t(i)];
    bnApply(tr.z3, L, bn3, m_stats[2].mean, m_stats[2].invStd, params.bn3Gamma, params.bn3Beta,
            &tr.xh3, tr.y3);
    Mat& out = m_out[size_t(i)];
    Mat& d = m_dOut[size_t(i)];
    out.resize(L, N);
    d.resize(L, N);
    const Mat& y = batch.targets[size_t(i)];
    double ps = 0, rs = 0;
    for (int n = 0; n < N; ++n)
      for (int l = 0; l < L; ++l) {
        const S yh = softplus(tr.y3(l, n));
        out(l, n) = yh;
        const double target = double(y(l, n));
        ps += double(yh) - target * std::log(double(yh) + eps);
        rs += double(yh);
        d(l, n) = S((1.0 - target / (double(yh) + eps) + lc.activityL1) * scale *
                    double(sigmoid(tr.y3(l, n))));
      }
    poisson[size_t(i)] = ps;
    rate[size_t(i)] = rs;
  });
  RetinaLoss loss;
  for (int i = 0; i < C; ++i) {
    loss.poisson += poisson[size_t(i)];
    loss.meanRate += rate[size_t(i)];
  }
  loss.poisson *= scale;
  loss.meanRate *= scale;
  loss.activity = lc.activityL1 * loss.meanRate;
  double sq = params.conv1.template cast<double>().squaredNorm() +
              params.conv2.template cast<double>().squaredNorm();
  if (params.conv1Temporal.size() > 0)
    sq += params.conv1Temporal.template cast<double>().squaredNorm();
  loss.weight = lc.kernelL2 * sq;
  loss.total = loss.poisson + loss.activity + loss.weight;
  return loss;
}

template <typename S>
RetinaLoss RetinaCnn<S>::trainLoss(const RetinaChunkBatch<S>& batch, const RetinaLossConfig& lc,
                                   const Rng* noise, int threads) {
  m_updateRunning = false;
  return forwardTrain(batch, lc, noise, threads);
}

template <typename S>
void RetinaCnn<S>::conv1Backward(const Frames& frames, int L, const Mat& g1, const Mat& y1,
                                 Mat& buf, RetinaCnnParameters<S>& grad) const {
  const RetinaCnnConfig& c = m_config;
  const int H = c.historyFrames, F = L + H - 1, P1 = c.conv1Pixels(), C1 = c.conv1Channels;
  const int side = c.windowPx, k1 = c.conv1Kernel, k2sz = k1 * k1, Q = c.conv1SpatialKernels();
  const int Qp = kKernelGroup * ((Q + kKernelGroup - 1) / kKernelGroup);
  std::vector<S> dKP(size_t(k2sz) * Qp, S(0));  // packed layout of packConv1
  if (c.conv1 == RetinaConv1Kind::Separable) {
    const int R = c.conv1Rank;
    Mat dY = Mat::Zero(Eigen::Index(F) * P1, Q);
    for (int ch = 0; ch < C1; ++ch) {
      const Eigen::Map<const Mat> g(g1.col(ch).data(), P1, L);
      for (int r = 0; r < R; ++r) {
        const int q = ch * R + r;
        const Eigen::Map<const Mat> yq(y1.col(q).data(), P1, F);
        Eigen::Map<Mat> dyq(dY.col(q).data(), P1, F);
        for (int h = 0; h < H; ++h) {
          // ∂L/∂T[c, r, h] = Σ_{p,l} g_c(p, l)·Y_q(p, l + h);  ∂L/∂Y_q(p, l + h) += T·g_c(p, l)
          grad.conv1Temporal(h, q) += (g.array() * yq.middleCols(h, L).array()).sum();
          dyq.middleCols(h, L) += params.conv1Temporal(h, q) * g;
        }
      }
    }
    // ∂L/∂K_q[u, v] = Σ_{f,p} ∂L/∂Y_q(f, p)·frame_f(i + u, j + v)
    buf.setZero(P1, Qp);
    for (int f = 0; f < F; ++f) {
      for (int q = 0; q < Q; ++q)
        Eigen::Map<Vec, 0, Eigen::InnerStride<>>(buf.data() + q, P1, Eigen::InnerStride<>(Qp)) =
            dY.col(q).segment(Eigen::Index(f) * P1, P1);
      spatialCorrelateAdjoint(frames.row(f).data(), side, k1, buf.data(), Qp, 0, Qp / kKernelGroup,
                              dKP.data());
    }
    for (int q = 0; q < Q; ++q)
      for (int uv = 0; uv < k2sz; ++uv) grad.conv1(uv, q) += dKP[size_t(uv) * Qp + q];
  } else {
    // ∂L/∂W1[c, h, u, v] = Σ_l Σ_p g_c(p, l)·frame_{l+h}(i + u, j + v), frame by frame.
    buf.resize(P1, Qp);
    for (int f = 0; f < F; ++f) {
      const int hmin = std::max(0, f - L + 1), hmax = std::min(H - 1, f);
      const int g0 = hmin * C1 / kKernelGroup, gEnd = ((hmax + 1) * C1 + kKernelGroup - 1) / kKernelGroup;
      const int W = kKernelGroup * (gEnd - g0);
      Eigen::Map<Mat>(buf.data(), W, P1).setZero();
      for (int h = hmin; h <= hmax; ++h)
        for (int ch = 0; ch < C1; ++ch)
          Eigen::Map<Vec, 0, Eigen::InnerStride<>>(buf.data() + (h * C1 + ch - kKernelGroup * g0), P1,
                                                   Eigen::InnerStride<>(W)) =
              Eigen::Map<const Mat>(g1.col(ch).data(), P1, L).col(f - h);
      spatialCorrelateAdjoint(frames.row(f).data(), side, k1, buf.data(), Qp, g0, gEnd, dKP.data());
    }
    for (int ch = 0; ch < C1; ++ch)
      for (int h = 0; h < H; ++h)
        for (int uv = 0; uv < k2sz; ++uv)
          grad.conv1(uv, ch * H + h) += dKP[size_t(uv) * Qp + h * C1 + ch];
  }
  for (int ch = 0; ch < C1; ++ch) grad.conv1Bias[ch] += g1.col(ch).sum();
}

template <typename S>
RetinaLoss RetinaCnn<S>::trainStep(const RetinaChunkBatch<S>& batch, const RetinaLossConfig& lc,
                                   const Rng* noise, int threads, RetinaCnnParameters<S>& grad,
                                   bool updateRunning) {
  m_updateRunning = updateRunning;
  const RetinaLoss loss = forwardTrain(batch, lc, noise, threads);
  m_updateRunning = false;
  const RetinaCnnConfig& c = m_config;
  const int C = batch.chunks(), L = batch.length, N = c.numCells;
  const int P1 = c.conv1Pixels(), P2 = c.conv2Pixels(), O1 = c.conv1Out(), k2 = c.conv2Kernel;
  const BnShape bn1 = c.bn1(), bn2 = c.bn2(), bn3{N, 1, true};
  const double B = m_samples;
  grad.resize(c);
  grad.setZero();
  std::vector<RetinaCnnParameters<S>> part(static_cast<size_t>(C));
  for (auto& p : part) {
    p.resize(c);
    p.setZero();
  }
  std::vector<std::vector<double>> sg(static_cast<size_t>(C)), sgx(static_cast<size_t>(C));
  auto clearSums = [&](int units) {
    for (int i = 0; i < C; ++i) {
      sg[size_t(i)].assign(size_t(units), 0.0);
      sgx[size_t(i)].assign(size_t(units), 0.0);
    }
  };
  // dβ = Σ g, dγ = Σ g·x̂ over the batch, summed in chunk order.
  auto reduceBn = [&](int units, Vec& dGamma, Vec& dBeta) {
    dBeta = toVec<S>(sumInOrder(sg, units));
    dGamma = toVec<S>(sumInOrder(sgx, units));
  };
  // BN3 backward sums on ∂L/∂y3.
  clearSums(N);
  parallelFor(C, threads, [&](int i) {
    bnGradAccumulate(m_dOut[size_t(i)], m_traces[size_t(i)].xh3, L, bn3, sg[size_t(i)].data(),
                     sgx[size_t(i)].data());
  });
  reduceBn(N, grad.bn3Gamma, grad.bn3Beta);
  // Stage B3: ∂z3 (BN3), ∂W_d = Σ_l a2·∂z3, ∂a2 = W_d·∂z3ᵀ → ReLU mask → BN2 sums.
  clearSums(bn2.units());
  parallelForWorkers(C, threads, [&](int i, int w) {
    ChunkTrace& tr = m_traces[size_t(i)];
    Scratch& sc = m_scratch[size_t(w)];
    bnBackward(m_dOut[size_t(i)], &tr.xh3, L, bn3, params.bn3Gamma, m_stats[2].invStd,
               grad.bn3Beta, grad.bn3Gamma, B, sc.g3);
    sc.g2.resize(Eigen::Index(L) * P2, c.conv2Channels);
    for (int ch = 0; ch < c.conv2Channels; ++ch) {
      const Eigen::Map<const Mat> a(tr.a2.col(ch).data(), P2, L);
      part[size_t(i)].dense.middleRows(Eigen::Index(ch) * P2, P2).noalias() += a * sc.g3;
      Eigen::Map<Mat> g(sc.g2.col(ch).data(), P2, L);
      g.noalias() = params.dense.middleRows(Eigen::Index(ch) * P2, P2) * sc.g3.transpose();
      g = (a.array() > S(0)).select(g.array(), S(0)).matrix();
    }
    bnGradAccumulate(sc.g2, tr.xh2, L, bn2, sg[size_t(i)].data(), sgx[size_t(i)].data());
    tr.z3 = sc.g2;  // keep ∂L/∂(BN2 output) for the next stage (z3 is no longer needed)
  });
  reduceBn(bn2.units(), grad.bn2Gamma, grad.bn2Beta);
  // Stage B2: ∂z2 (BN2); ∂b2; ∂W2 and ∂a1 by direct correlation → ReLU mask → BN1 sums.
  clearSums(bn1.units());
  parallelForWorkers(C, threads, [&](int i, int w) {
    ChunkTrace& tr = m_traces[size_t(i)];
    Scratch& sc = m_scratch[size_t(w)];
    bnBackward(tr.z3, &tr.xh2, L, bn2, params.bn2Gamma, m_stats[1].invStd, grad.bn2Beta,
               grad.bn2Gamma, bn2.perUnit ? B : B * P2, sc.g2);
    for (int ch = 0; ch < c.conv2Channels; ++ch) part[size_t(i)].conv2Bias[ch] = sc.g2.col(ch).sum();
    conv2Backward(tr.a1, sc.g2, L, O1, k2, params.conv2, part[size_t(i)].conv2, sc.g1);
    sc.g1 = (tr.a1.array() > S(0)).select(sc.g1.array(), S(0)).matrix();
    bnGradAccumulate(sc.g1, tr.xh1, L, bn1, sg[size_t(i)].data(), sgx[size_t(i)].data());
    tr.z2 = sc.g1;  // ∂L/∂(BN1 output), for the next stage
  });
  reduceBn(bn1.units(), grad.bn1Gamma, grad.bn1Beta);
  // Stage B1: ∂z1 (BN1); ∂b1; ∂conv1.
  parallelForWorkers(C, threads, [&](int i, int w) {
    ChunkTrace& tr = m_traces[size_t(i)];
    Scratch& sc = m_scratch[size_t(w)];
    bnBackward(tr.z2, &tr.xh1, L, bn1, params.bn1Gamma, m_stats[0].invStd, grad.bn1Beta,
               grad.bn1Gamma, bn1.perUnit ? B : B * P1, sc.g1);
    conv1Backward(batch.frames[size_t(i)], L, sc.g1, tr.y1, sc.xt, part[size_t(i)]);
  });
  // Parameter gradients in chunk order, then the kernel L2 terms ∂(λ·ΣW²)/∂W = 2λW.
  for (int i = 0; i < C; ++i) {
    const auto& p = part[size_t(i)];
    grad.conv1 += p.conv1;
    if (grad.conv1Temporal.size() > 0) grad.conv1Temporal += p.conv1Temporal;
    grad.conv1Bias += p.conv1Bias;
    grad.conv2 += p.conv2;
    grad.conv2Bias += p.conv2Bias;
    grad.dense += p.dense;
  }
  const S l2 = S(2.0 * lc.kernelL2);
  grad.conv1 += l2 * params.conv1;
  if (grad.conv1Temporal.size() > 0) grad.conv1Temporal += l2 * params.conv1Temporal;
  grad.conv2 += l2 * params.conv2;
  return loss;
}

template <typename S>
void RetinaCnn<S>::recalibrateBatchNorm(const std::vector<Frames>& chunks, int threads) {
  const RetinaCnnConfig& c = m_config;
  const int C = int(chunks.size()), H = c.historyFrames, N = c.numCells, P2 = c.conv2Pixels();
  const int O1 = c.conv1Out(), k2 = c.conv2Kernel;
  const BnShape shapes[3] = {c.bn1(), c.bn2(), BnShape{N, 1, true}};
  Vec* means[3] = {&running.mean1, &running.mean2, &running.mean3};
  Vec* vars[3] = {&running.var1, &running.var2, &running.var3};
  std::vector<Scratch> scratch(size_t(parallelWorkers(C, threads)));
  for (int layer = 0; layer < 3; ++layer) {
    const int U = shapes[layer].units();
    std::vector<std::vector<double>> s(static_cast<size_t>(C)), s2(static_cast<size_t>(C));
    std::vector<double> count(static_cast<size_t>(C), 0.0);
    parallelForWorkers(C, threads, [&](int i, int w) {
      const int L = int(chunks[size_t(i)].rows()) - H + 1;
      Mat y1, z, a, zn;
      s[size_t(i)].assign(size_t(U), 0.0);
      s2[size_t(i)].assign(size_t(U), 0.0);
      conv1Forward(chunks[size_t(i)], L, scratch[size_t(w)].xt, y1, z, true);
      for (int l = 1; l <= layer; ++l) {  // eval-mode BN (new statistics) → ReLU → next layer
        const BnShape& b = shapes[l - 1];
        const Vec invStd = (vars[l - 1]->array() + S(c.bnEpsilon)).rsqrt().matrix();
        const Vec& g = l == 1 ? params.bn1Gamma : params.bn2Gamma;
        const Vec& be = l == 1 ? params.bn1Beta : params.bn2Beta;
        bnApply<S>(z, L, b, *means[l - 1], invStd, g, be, nullptr, a);
        a = a.cwiseMax(S(0));
        if (l == 1) {
          conv2Forward(a, L, O1, k2, params.conv2, params.conv2Bias, zn);
        } else {
          zn.setZero(L, N);
          for (int ch = 0; ch < c.conv2Channels; ++ch)
            zn.noalias() += Eigen::Map<const Mat>(a.col(ch).data(), P2, L).transpose() *
                            params.dense.middleRows(Eigen::Index(ch) * P2, P2);
        }
        z.swap(zn);
      }
      bnAccumulate(z, L, shapes[layer], s[size_t(i)].data(), s2[size_t(i)].data());
      count[size_t(i)] = double(L) * (shapes[layer].perUnit ? 1 : shapes[layer].pixels);
    });
    const std::vector<double> sum = sumInOrder(s, U), sumSq = sumInOrder(s2, U);
    double n = 0;
    for (double v : count) n += v;
    for (int u = 0; u < U; ++u) {
      const double mean = sum[size_t(u)] / n;
      (*means[layer])[u] = S(mean);
      (*vars[layer])[u] = S(std::max(0.0, sumSq[size_t(u)] / n - mean * mean));
    }
  }
}

#define EMERGENCE_RETINA_TRAIN(S)                                                                 \
  template void RetinaCnn<S>::reduceStats(Stats&, const std::vector<std::vector<double>>&,        \
                                          const std::vector<std::vector<double>>&, int, double,   \
                                          Vec&, Vec&, bool);                                      \
  template RetinaLoss RetinaCnn<S>::forwardTrain(const RetinaChunkBatch<S>&,                      \
                                                 const RetinaLossConfig&, const Rng*, int);       \
  template RetinaLoss RetinaCnn<S>::trainLoss(const RetinaChunkBatch<S>&,                         \
                                              const RetinaLossConfig&, const Rng*, int);          \
  template void RetinaCnn<S>::conv1Backward(const Frames&, int, const Mat&, const Mat&, Mat&,     \
                                            RetinaCnnParameters<S>&) const;                       \
  template RetinaLoss RetinaCnn<S>::trainStep(const RetinaChunkBatch<S>&,                         \
                                              const RetinaLossConfig&, const Rng*, int,           \
                                              RetinaCnnParameters<S>&, bool);       \
  template void RetinaCnn<S>::recalibrateBatchNorm(const std::vector<Frames>&, int);
EMERGENCE_RETINA_TRAIN(float)
EMERGENCE_RETINA_TRAIN(double)
#undef EMERGENCE_RETINA_TRAIN

}  // namespace emergence::engine
