// Retina BN-CNN: configuration, parameters, initialisation, conv1, eval mode (retina_cnn.h).
// Training (batch statistics, backward) is in retina_cnn_train.cpp.
#include "engine/models/retina_cnn.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "engine/core/parallel.h"
#include "engine/core/random.h"

namespace emergence::engine {

using namespace retina_layers;

const char* retinaConv1KindName(RetinaConv1Kind k) {
  return k == RetinaConv1Kind::Full ? "full" : "separable";
}
const char* retinaBnModeName(RetinaBnMode m) {
  return m == RetinaBnMode::PerUnit ? "per_unit" : "per_channel";
}

int RetinaCnnConfig::conv1SpatialKernels() const {
  return conv1Channels * (conv1 == RetinaConv1Kind::Full ? historyFrames : conv1Rank);
}
BnShape RetinaCnnConfig::bn1() const {
  return {conv1Channels, conv1Pixels(), bn == RetinaBnMode::PerUnit};
}
BnShape RetinaCnnConfig::bn2() const {
  return {conv2Channels, conv2Pixels(), bn == RetinaBnMode::PerUnit};
}

void RetinaCnnConfig::validate() const {
  auto require = [](bool ok, const char* field, const std::string& reason) {
    if (!ok) throw std::invalid_argument(std::string("RetinaCnnConfig.") + field + ": " + reason);
  };
  require(windowPx >= 2, "windowPx", "must be ≥ 2");
  require(historyFrames >= 1, "historyFrames", "must be ≥ 1");
  require(conv1Channels >= 1, "conv1Channels", "must be ≥ 1");
  require(conv1Kernel >= 1 && conv1Kernel <= windowPx, "conv1Kernel",
          "must be in [1, windowPx = " + std::to_string(windowPx) + "]");
  require(conv1 == RetinaConv1Kind::Full || (conv1Rank >= 1 && conv1Rank <= historyFrames),
          "conv1Rank", "must be in [1, historyFrames]");
  require(conv2Channels >= 1, "conv2Channels", "must be ≥ 1");
  require(conv2Kernel >= 1 && conv2Kernel <= conv1Out(), "conv2Kernel",
          "must be in [1, windowPx − conv1Kernel + 1 = " + std::to_string(conv1Out()) + "]");
  require(numCells >= 1, "numCells", "must be ≥ 1");
  require(bnEpsilon > 0, "bnEpsilon", "must be > 0");
  require(bnMomentum >= 0 && bnMomentum <= 1, "bnMomentum", "must be in [0, 1]");
  require(noiseStd >= 0, "noiseStd", "must be ≥ 0");
}

template <typename S>
void RetinaCnnParameters<S>::resize(const RetinaCnnConfig& c) {
  const int k1 = c.conv1Kernel, k2 = c.conv2Kernel;
  conv1.resize(k1 * k1, c.conv1SpatialKernels());
  if (c.conv1 == RetinaConv1Kind::Separable)
    conv1Temporal.resize(c.historyFrames, c.conv1Channels * c.conv1Rank);
  else
    conv1Temporal.resize(0, 0);
  conv1Bias.resize(c.conv1Channels);
  bn1Gamma.resize(c.bn1().units());
  bn1Beta.resize(c.bn1().units());
  conv2.resize(c.conv1Channels * k2 * k2, c.conv2Channels);
  conv2Bias.resize(c.conv2Channels);
  bn2Gamma.resize(c.bn2().units());
  bn2Beta.resize(c.bn2().units());
  dense.resize(c.denseInputs(), c.numCells);
  bn3Gamma.resize(c.numCells);
  bn3Beta.resize(c.numCells);
}

template <typename S>
void RetinaCnnParameters<S>::setZero() {
  forEach([](const char*, S* p, Eigen::Index n) { std::fill(p, p + n, S(0)); });
}

template <typename S>
template <typename T>
RetinaCnnParameters<T> RetinaCnnParameters<S>::cast() const {
  RetinaCnnParameters<T> o;
  o.conv1 = conv1.template cast<T>();
  o.conv1Temporal = conv1Temporal.template cast<T>();
  o.conv1Bias = conv1Bias.template cast<T>();
  o.bn1Gamma = bn1Gamma.template cast<T>();
  o.bn1Beta = bn1Beta.template cast<T>();
  o.conv2 = conv2.template cast<T>();
  o.conv2Bias = conv2Bias.template cast<T>();
  o.bn2Gamma = bn2Gamma.template cast<T>();
  o.bn2Beta = bn2Beta.template cast<T>();
  o.dense = dense.template cast<T>();
  o.bn3Gamma = bn3Gamma.template cast<T>();
  o.bn3Beta = bn3Beta.template cast<T>();
  return o;
}

template <typename S>
void RetinaBnRunning<S>::reset(const RetinaCnnConfig& c) {
  mean1 = Vec::Zero(c.bn1().units());
  var1 = Vec::Ones(c.bn1().units());
  mean2 = Vec::Zero(c.bn2().units());
  var2 = Vec::Ones(c.bn2().units());
  mean3 = Vec::Zero(c.numCells);
  var3 = Vec::Ones(c.numCells);
}

template <typename S>
template <typename T>
RetinaBnRunning<T> RetinaBnRunning<S>::cast() const {
  RetinaBnRunning<T> o;
  o.mean1 = mean1.template cast<T>();
  o.var1 = var1.template cast<T>();
  o.mean2 = mean2.template cast<T>();
  o.var2 = var2.template cast<T>();
  o.mean3 = mean3.template cast<T>();
  o.var3 = var3.template cast<T>();
  return o;
}

template <typename S>
RetinaCnn<S>::RetinaCnn(const RetinaCnnConfig& c) : m_config(c) {
  c.validate();
  params.resize(c);
  params.setZero();
  params.bn1Gamma.setOnes();
  params.bn2Gamma.setOnes();
  params.bn3Gamma.setOnes();
  running.reset(c);
}

template <typename S>
void RetinaCnn<S>::initialize(Rng& rng) {
  const RetinaCnnConfig& c = m_config;
  auto uniform = [&](S* p, Eigen::Index n, double fanIn) {
    const double bound = 1.0 / std::sqrt(fanIn);
    for (Eigen::Index i = 0; i < n; ++i) p[i] = S(rng.uniform(-bound, bound));
  };
  const double k1sq = double(c.conv1Kernel) * c.conv1Kernel;
  const bool sep = c.conv1 == RetinaConv1Kind::Separable;
  // Full: fan-in H·k1² (Torch Conv2d with H input channels). Separable: K over k1², T over H.
  uniform(params.conv1.data(), params.conv1.size(), sep ? k1sq : k1sq * c.historyFrames);
  if (sep) uniform(params.conv1Temporal.data(), params.conv1Temporal.size(), c.historyFrames);
  uniform(params.conv1Bias.data(), params.conv1Bias.size(), sep ? k1sq : k1sq * c.historyFrames);
  const double fan2 = double(c.conv1Channels) * c.conv2Kernel * c.conv2Kernel;
  uniform(params.conv2.data(), params.conv2.size(), fan2);
  uniform(params.conv2Bias.data(), params.conv2Bias.size(), fan2);
  uniform(params.dense.data(), params.dense.size(), c.denseInputs());
  params.bn1Gamma.setOnes();
  params.bn1Beta.setZero();
  params.bn2Gamma.setOnes();
  params.bn2Beta.setZero();
  params.bn3Gamma.setOnes();
  params.bn3Beta.setZero();
  running.reset(c);
}

namespace {
int paddedKernels(int Q) { return kKernelGroup * ((Q + kKernelGroup - 1) / kKernelGroup); }
}  // namespace

// Packed conv1 spatial kernels for spatialCorrelate (retina_cnn_layers.h): k1² × Qp row-major.
// Separable: kernel q = c·R + r as stored. Full: reordered to q′ = h·C1 + c, so that the kernels a
// frame needs (the window positions h it takes in the chunk's windows) are one contiguous range.
template <typename S>
void RetinaCnn<S>::packConv1(std::vector<S>& KP) const {
  const RetinaCnnConfig& c = m_config;
  const int Q = c.conv1SpatialKernels(), Qp = paddedKernels(Q), k2sz = c.conv1Kernel * c.conv1Kernel;
  const int H = c.historyFrames, C1 = c.conv1Channels;
  KP.assign(size_t(k2sz) * Qp, S(0));
  for (int q = 0; q < Q; ++q) {
    const int dst = c.conv1 == RetinaConv1Kind::Full ? (q % H) * C1 + q / H : q;
    for (int uv = 0; uv < k2sz; ++uv) KP[size_t(uv) * Qp + dst] = params.conv1(uv, q);
  }
}

template <typename S>
void RetinaCnn<S>::conv1Forward(const Frames& frames, int L, Mat& buf, Mat& y1, Mat& z1,
                                bool bias) const {
  const RetinaCnnConfig& c = m_config;
  const int H = c.historyFrames, F = L + H - 1, P1 = c.conv1Pixels(), C1 = c.conv1Channels;
  const int side = c.windowPx, k1 = c.conv1Kernel, Q = c.conv1SpatialKernels(), Qp = paddedKernels(Q);
  if (frames.rows() != F || frames.cols() != side * side)
    throw std::invalid_argument("RetinaCnn: a chunk of " + std::to_string(L) + " samples needs " +
                                std::to_string(F) + " × " + std::to_string(side * side) +
                                " frames, got " + std::to_string(frames.rows()) + " × " +
                                std::to_string(frames.cols()));
  std::vector<S> KP;
  packConv1(KP);
  buf.resize(P1, Qp);  // used as a row-major P1 × W buffer (p·W + q)
  z1.setZero(Eigen::Index(L) * P1, C1);
  if (c.conv1 == RetinaConv1Kind::Separable) {
    const int R = c.conv1Rank;
    // Y_q(f, p) = (K_q ⋆ frame_f)(p): every frame once, (F·P1) × C1·R.
    y1.resize(Eigen::Index(F) * P1, Q);
    for (int f = 0; f < F; ++f) {
      spatialCorrelate(frames.row(f).data(), side, k1, KP.data(), Qp, 0, Qp / kKernelGroup,
                       buf.data());
      for (int q = 0; q < Q; ++q)
        y1.col(q).segment(Eigen::Index(f) * P1, P1) =
            Eigen::Map<const Vec, 0, Eigen::InnerStride<>>(buf.data() + q, P1, Eigen::InnerStride<>(Qp));
    }
    for (int ch = 0; ch < C1; ++ch) {
      Eigen::Map<Mat> z(z1.col(ch).data(), P1, L);
      for (int r = 0; r < R; ++r) {
        const int q = ch * R + r;
        const Eigen::Map<const Mat> yq(y1.col(q).data(), P1, F);
        // z_c(p, l) += Σ_h T[c, r, h]·Y_q(p, l + h)
        for (int h = 0; h < H; ++h) z.noalias() += params.conv1Temporal(h, q) * yq.middleCols(h, L);
      }
    }
  } else {
    y1.resize(0, 0);
    // z_c(p, l) = Σ_h Σ_{u,v} W1[c, h, u, v]·frame_{l+h}(i + u, j + v): frame f serves window
    // position h of sample l = f − h, for h ∈ [max(0, f − L + 1), min(H − 1, f)].
    for (int f = 0; f < F; ++f) {
      const int hmin = std::max(0, f - L + 1), hmax = std::min(H - 1, f);
      const int g0 = hmin * C1 / kKernelGroup, g1 = ((hmax + 1) * C1 + kKernelGroup - 1) / kKernelGroup;
      const int W = kKernelGroup * (g1 - g0);
      spatialCorrelate(frames.row(f).data(), side, k1, KP.data(), Qp, g0, g1, buf.data());
      for (int h = hmin; h <= hmax; ++h)
        for (int ch = 0; ch < C1; ++ch)
          Eigen::Map<Mat>(z1.col(ch).data(), P1, L).col(f - h) +=
              Eigen::Map<const Vec, 0, Eigen::InnerStride<>>(
                  buf.data() + (h * C1 + ch - kKernelGroup * g0), P1, Eigen::InnerStride<>(W));
    }
  }
  if (bias)
    for (int ch = 0; ch < C1; ++ch) z1.col(ch).array() += params.conv1Bias[ch];
}

namespace {
// Output ranges [first, first + count) of ≤ chunkBins outputs covering L outputs.
std::vector<std::pair<int, int>> chunkRanges(int L, int chunkBins) {
  std::vector<std::pair<int, int>> r;
  chunkBins = std::max(1, chunkBins);
  for (int o = 0; o < L; o += chunkBins) r.emplace_back(o, std::min(chunkBins, L - o));
  return r;
}
}  // namespace

template <typename S>
typename RetinaCnn<S>::Mat RetinaCnn<S>::conv1Linear(const Frames& frames) const {
  const RetinaCnnConfig& c = m_config;
  const int H = c.historyFrames, L = int(frames.rows()) - H + 1, P1 = c.conv1Pixels();
  if (L < 1) throw std::invalid_argument("RetinaCnn::conv1Linear: fewer frames than H");
  Mat out(Eigen::Index(L) * P1, c.conv1Channels);
  Mat xt, y1, z1;
  for (const auto& [o, n] : chunkRanges(L, 64)) {
    const Frames part = frames.middleRows(o, n + H - 1);
    conv1Forward(part, n, xt, y1, z1, false);
    out.middleRows(Eigen::Index(o) * P1, Eigen::Index(n) * P1) = z1;
  }
  return out;
}

template <typename S>
typename RetinaCnn<S>::Mat RetinaCnn<S>::effectiveConv1() const {
  const RetinaCnnConfig& c = m_config;
  if (c.conv1 == RetinaConv1Kind::Full) return params.conv1;
  const int H = c.historyFrames, R = c.conv1Rank, k2sz = c.conv1Kernel * c.conv1Kernel;
  Mat W = Mat::Zero(k2sz, Eigen::Index(c.conv1Channels) * H);
  for (int ch = 0; ch < c.conv1Channels; ++ch)
    for (int h = 0; h < H; ++h)
      for (int r = 0; r < R; ++r)  // W1[c, h] = Σ_r T[c, r, h]·K[c, r]
        W.col(ch * H + h) += params.conv1Temporal(h, ch * R + r) * params.conv1.col(ch * R + r);
  return W;
}

template <typename S>
RetinaEvalHead<S> RetinaCnn<S>::evalHead() const {
  const RetinaCnnConfig& c = m_config;
  RetinaEvalHead<S> h;
  h.c1 = c.conv1Channels;
  h.h1 = h.w1 = c.conv1Out();
  h.kh = h.kw = c.conv2Kernel;
  h.c2 = c.conv2Channels;
  h.h2 = h.w2 = c.conv2Out();
  h.cells = c.numCells;
  const S eps = S(c.bnEpsilon);
  // Eval BN: y = s·z + t with s = γ/√(running var + ε), t = β − s·running mean; expanded to
  // every unit (per-channel values repeated over the pixels).
  auto affine = [&](const BnShape& b, const Vec& g, const Vec& be, const Vec& m, const Vec& v,
                    Vec& s, Vec& t) {
    s.resize(b.channels * b.pixels);
    t.resize(b.channels * b.pixels);
    for (int ch = 0; ch < b.channels; ++ch)
      for (int p = 0; p < b.pixels; ++p) {
        const int u = b.unitOf(ch, p);
        s[ch * b.pixels + p] = g[u] / std::sqrt(v[u] + eps);
        t[ch * b.pixels + p] = be[u] - s[ch * b.pixels + p] * m[u];
      }
  };
  affine(c.bn1(), params.bn1Gamma, params.bn1Beta, running.mean1, running.var1, h.s1, h.t1);
  affine(c.bn2(), params.bn2Gamma, params.bn2Beta, running.mean2, running.var2, h.s2, h.t2);
  affine(BnShape{c.numCells, 1, true}, params.bn3Gamma, params.bn3Beta, running.mean3,
         running.var3, h.s3, h.t3);
  h.conv2 = params.conv2;
  h.b2 = params.conv2Bias;
  h.dense = params.dense;
  return h;
}

template <typename S>
typename RetinaCnn<S>::Mat RetinaCnn<S>::predict(const Frames& frames, int threads,
                                                 int chunkBins) const {
  const RetinaCnnConfig& c = m_config;
  const int H = c.historyFrames, L = int(frames.rows()) - H + 1;
  if (L < 1) throw std::invalid_argument("RetinaCnn::predict: fewer frames than H");
  const RetinaEvalHead<S> head = evalHead();
  const auto ranges = chunkRanges(L, chunkBins);
  Mat out(L, c.numCells);
  struct Work {
    Mat xt, y1, z1, yhat;
    typename RetinaEvalHead<S>::Trace tr;
  };
  std::vector<Work> work(size_t(parallelWorkers(int(ranges.size()), threads)));
  parallelForWorkers(int(ranges.size()), threads, [&](int i, int w) {
    const auto [o, n] = ranges[size_t(i)];
    Work& wk = work[size_t(w)];
    const Frames part = frames.middleRows(o, n + H - 1);
    conv1Forward(part, n, wk.xt, wk.y1, wk.z1, true);
    head.forward(wk.z1, n, wk.tr, wk.yhat);
    out.middleRows(o, n) = wk.yhat;
  });
  return out;
}

// --- eval head ------------------------------------------------------------------------------------

template <typename S>
void RetinaEvalHead<S>::forward(const Mat& Z1, int L, Trace& tr, Mat& out) const {
  const int P1 = h1 * w1, P2 = h2 * w2;
  tr.q1.resize(Z1.rows(), Z1.cols());
  for (int c = 0; c < c1; ++c) {  // q1 = s1 ⊙ z1 + t1
    const Eigen::Map<const Mat> z(Z1.col(c).data(), P1, L);
    Eigen::Map<Mat>(tr.q1.col(c).data(), P1, L) =
        ((z.array().colwise() * s1.segment(c * P1, P1).array()).colwise() +
         t1.segment(c * P1, P1).array())
            .matrix();
  }
  tr.a1 = tr.q1.cwiseMax(S(0));
  mapIm2col(tr.a1, L, h1, w1, kh, kw, tr.cols);
  tr.q2.noalias() = tr.cols * conv2;  // z2 = conv2 ⋆ a1 (+ b2 below)
  for (int c = 0; c < c2; ++c) {      // q2 = s2 ⊙ (z2 + b2) + t2
    Eigen::Map<Mat> q(tr.q2.col(c).data(), P2, L);
    q = (((q.array() + b2[c]).colwise() * s2.segment(c * P2, P2).array()).colwise() +
         t2.segment(c * P2, P2).array())
            .matrix();
  }
  tr.a2 = tr.q2.cwiseMax(S(0));
  tr.y3.setZero(L, cells);  // z3(l, n) = Σ_{c,p} W_d(c·P2 + p, n)·a2_c(p, l)
  for (int c = 0; c < c2; ++c)
    tr.y3.noalias() += Eigen::Map<const Mat>(tr.a2.col(c).data(), P2, L).transpose() *
                       dense.middleRows(Eigen::Index(c) * P2, P2);
  out.resize(L, cells);
  for (int n = 0; n < cells; ++n) {  // ŷ = softplus(s3·z3 + t3)
    tr.y3.col(n) = (tr.y3.col(n).array() * s3[n] + t3[n]).matrix();
    for (int l = 0; l < L; ++l) out(l, n) = softplus(tr.y3(l, n));
  }
}

template <typename S>
void RetinaEvalHead<S>::backwardToA2(const Trace& tr, const Mat& dOut, int L, Mat& G2) const {
  const int P2 = h2 * w2;
  Mat dz3(L, cells);  // ∂/∂z3 = dOut·σ(y3)·s3
  for (int n = 0; n < cells; ++n)
    for (int l = 0; l < L; ++l) dz3(l, n) = dOut(l, n) * sigmoid(tr.y3(l, n)) * s3[n];
  G2.resize(Eigen::Index(L) * P2, c2);
  for (int c = 0; c < c2; ++c)  // ∂/∂a2_c = W_d,c·dz3ᵀ
    Eigen::Map<Mat>(G2.col(c).data(), P2, L).noalias() =
        dense.middleRows(Eigen::Index(c) * P2, P2) * dz3.transpose();
}

template <typename S>
void RetinaEvalHead<S>::backwardFromZ2(const Mat& dZ2, int L, Mat& dA1) const {
  const Mat dcols = dZ2 * conv2.transpose();  // ∂/∂cols, (L·P2) × C1·kh·kw
  dA1.setZero(Eigen::Index(L) * h1 * w1, c1);
  mapCol2imAdd(dcols, L, h1, w1, kh, kw, dA1);
}

template <typename S>
void RetinaEvalHead<S>::backward(const Trace& tr, const Mat& dOut, int L, Mat& dZ1) const {
  const int P1 = h1 * w1, P2 = h2 * w2;
  Mat g;
  backwardToA2(tr, dOut, L, g);
  for (int c = 0; c < c2; ++c) {  // ReLU mask and BN2 gain
    Eigen::Map<Mat> gc(g.col(c).data(), P2, L);
    const Eigen::Map<const Mat> q(tr.q2.col(c).data(), P2, L);
    gc = ((q.array() > S(0)).select(gc.array(), S(0)).colwise() * s2.segment(c * P2, P2).array())
             .matrix();
  }
  backwardFromZ2(g, L, dZ1);
  for (int c = 0; c < c1; ++c) {  // ReLU mask and BN1 gain
    Eigen::Map<Mat> gc(dZ1.col(c).data(), P1, L);
    const Eigen::Map<const Mat> q(tr.q1.col(c).data(), P1, L);
    gc = ((q.array() > S(0)).select(gc.array(), S(0)).colwise() * s1.segment(c * P1, P1).array())
             .matrix();
  }
}

template struct RetinaCnnParameters<float>;
template struct RetinaCnnParameters<double>;
template RetinaCnnParameters<double> RetinaCnnParameters<float>::cast<double>() const;
template RetinaCnnParameters<float> RetinaCnnParameters<double>::cast<float>() const;
template RetinaCnnParameters<float> RetinaCnnParameters<float>::cast<float>() const;
template struct RetinaBnRunning<float>;
template struct RetinaBnRunning<double>;
template RetinaBnRunning<double> RetinaBnRunning<float>::cast<double>() const;
template RetinaBnRunning<float> RetinaBnRunning<double>::cast<float>() const;
template struct RetinaEvalHead<float>;
template struct RetinaEvalHead<double>;
template class RetinaCnn<float>;
template class RetinaCnn<double>;

}  // namespace emergence::engine
