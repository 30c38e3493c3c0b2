#pragma once
// The BN-CNN of retina.md §2 (Tanaka et al. 2019; Maheswaranathan et al. 2023), with a fast
// space–time separable variant of conv1 (§10). Per sample, the input is the last H frames of an
// S × S window (z units) as channels, and the output the expected spike count of N cells in the
// next 10 ms bin:
//   z1 = conv1(x) + b1          C1 filters H × k1 × k1, valid      → C1 × O1 × O1, O1 = S − k1 + 1
//   a1 = ReLU(BN1(z1) + σξ₁)    ξ ~ N(0, 1), training only
//   z2 = conv2(a1) + b2         C2 filters C1 × k2 × k2, valid     → C2 × O2 × O2, O2 = O1 − k2 + 1
//   a2 = ReLU(BN2(z2) + σξ₂)
//   z3 = W_d·vec(a2)            no bias                            → N
//   ŷ  = softplus(BN3(z3))      expected count per bin (rate = ŷ/dt Hz)
// BN(z) = γ·(z − μ)/√(var + ε) + β with batch statistics in training (biased variance) and
// running statistics in eval mode, updated as Torch (momentum m = 0.01):
//   running_mean ← (1 − m)·running_mean + m·μ,  running_var ← (1 − m)·running_var + m·var·n/(n−1).
// BN1 and BN2 are per unit (one γ, β per channel × pixel: faithful, §2) or per channel (the
// equivariant switch); BN3 is per output cell.
// conv1 kinds:
//   Full       W1[c, h, u, v], the paper's non-separable kernel;
//   Separable  W1[c, h, u, v] = Σ_{r<R} T[c, r, h]·K[c, r, u, v] (rank R, spatial K, temporal T).
//
// Samples come in chunks of L consecutive bins sharing their frames (F = L + H − 1 frames; sample
// l uses frames l … l + H − 1), so each frame is convolved spatially once for all the windows
// that contain it (§10): conv1 = per frame, the k1 × k1 correlations with the spatial kernels
// (one GEMM over all frames of the chunk), then a temporal combination over the H frames of each
// window (separable) or the H frame-kernels summed (full).
//
// Loss (retina.md §3, per batch of B samples × N cells):
//   L = (1/BN) Σ (ŷ − y·log(ŷ + ε))  +  λ_a·(1/BN) Σ |ŷ|  +  λ₂·(Σ W_conv1² + Σ W_conv2²)
// with W_conv1 = W1 (full) or the factors K and T (separable). Hand-written backward passes;
// training parallel over chunks with every reduction done in chunk order (bit-identical for any
// thread count). float for training, double for gradient checks.
#include <Eigen/Core>
#include <string>
#include <vector>

#include "engine/models/retina_cnn_layers.h"

namespace emergence::engine {

class Rng;

enum class RetinaConv1Kind { Full, Separable };
enum class RetinaBnMode { PerUnit, PerChannel };
const char* retinaConv1KindName(RetinaConv1Kind k);  // "full", "separable"
const char* retinaBnModeName(RetinaBnMode m);        // "per_unit", "per_channel"

struct RetinaCnnConfig {
  int windowPx = 50;      // S
  int historyFrames = 40; // H (frames of 10 ms)
  int conv1Channels = 8;  // C1
  int conv1Kernel = 15;   // k1
  RetinaConv1Kind conv1 = RetinaConv1Kind::Full;
  int conv1Rank = 2;      // R (separable only)
  int conv2Channels = 8;  // C2
  int conv2Kernel = 11;   // k2
  int numCells = 8;       // N
  RetinaBnMode bn = RetinaBnMode::PerUnit;
  double bnEpsilon = 1e-3;
  double bnMomentum = 0.01;
  double noiseStd = 0.05;

  int conv1Out() const { return windowPx - conv1Kernel + 1; }  // O1
  int conv2Out() const { return conv1Out() - conv2Kernel + 1; }  // O2
  int conv1Pixels() const { return conv1Out() * conv1Out(); }    // P1
  int conv2Pixels() const { return conv2Out() * conv2Out(); }    // P2
  int denseInputs() const { return conv2Channels * conv2Pixels(); }
  // Spatial kernels of conv1: C1·H (full, column c·H + h) or C1·R (separable, column c·R + r).
  int conv1SpatialKernels() const;
  retina_layers::BnShape bn1() const;
  retina_layers::BnShape bn2() const;
  // Throws std::invalid_argument("RetinaCnnConfig.<field>: <reason>").
  void validate() const;
};

// Learned parameters. Storage is column-major; each comment gives the C-order array it is (the
// weights.npz layout, retina_run_folder.h).
template <typename S>
struct RetinaCnnParameters {
  using Mat = retina_layers::Mat<S>;
  using Vec = retina_layers::Vec<S>;
  Mat conv1;          // k1² × Q: full (C1, H, k1, k1), Q = C1·H; separable K (C1, R, k1, k1)
  Mat conv1Temporal;  // separable: H × C1·R = T (C1, R, H); full: 0 × 0
  Vec conv1Bias;      // C1
  Vec bn1Gamma, bn1Beta;  // per unit C1·P1 = (C1, O1, O1); per channel C1
  Mat conv2;              // C1·k2² × C2 = (C2, C1, k2, k2)
  Vec conv2Bias;          // C2
  Vec bn2Gamma, bn2Beta;  // per unit (C2, O2, O2); per channel C2
  Mat dense;              // D × N, D = C2·P2 = (N, C2, O2, O2) (Torch Linear weight)
  Vec bn3Gamma, bn3Beta;  // N

  void resize(const RetinaCnnConfig& c);
  void setZero();
  template <typename F>
  void forEach(F&& f) {  // (name, data, size) in a fixed order (optimizer state, saving)
    f("conv1_weight", conv1.data(), conv1.size());
    if (conv1Temporal.size() > 0) f("conv1_temporal", conv1Temporal.data(), conv1Temporal.size());
    f("conv1_bias", conv1Bias.data(), conv1Bias.size());
    f("bn1_gamma", bn1Gamma.data(), bn1Gamma.size());
    f("bn1_beta", bn1Beta.data(), bn1Beta.size());
    f("conv2_weight", conv2.data(), conv2.size());
    f("conv2_bias", conv2Bias.data(), conv2Bias.size());
    f("bn2_gamma", bn2Gamma.data(), bn2Gamma.size());
    f("bn2_beta", bn2Beta.data(), bn2Beta.size());
    f("dense_weight", dense.data(), dense.size());
    f("bn3_gamma", bn3Gamma.data(), bn3Gamma.size());
    f("bn3_beta", bn3Beta.data(), bn3Beta.size());
  }
  template <typename T>
  RetinaCnnParameters<T> cast() const;
};

// Batch-norm running statistics (not learned; eval mode uses them).
template <typename S>
struct RetinaBnRunning {
  using Vec = retina_layers::Vec<S>;
  Vec mean1, var1, mean2, var2, mean3, var3;  // shapes of the matching γ
  void reset(const RetinaCnnConfig& c);  // mean 0, var 1 (Torch's initial values)
  template <typename T>
  RetinaBnRunning<T> cast() const;
};

// A training batch: chunks of `length` consecutive samples.
template <typename S>
struct RetinaChunkBatch {
  using Frames = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  int length = 0;                               // L samples per chunk
  std::vector<Frames> frames;                   // per chunk (L + H − 1) × S², z units
  std::vector<retina_layers::Mat<S>> targets;   // per chunk L × N, spike counts per bin
  int chunks() const { return int(frames.size()); }
  int samples() const { return chunks() * length; }
};

struct RetinaLossConfig {
  double kernelL2 = 0.0;    // λ₂ on the conv kernels (sum of squares)
  double activityL1 = 0.0;  // λ_a on the outputs (mean |ŷ|)
  double poissonEpsilon = 1e-8;
};

struct RetinaLoss {
  double poisson = 0, activity = 0, weight = 0, total = 0;
  double meanRate = 0;  // mean ŷ over the batch (counts per bin)
};

// The post-conv1 network in eval mode (batch norm as per-unit affine maps from the running
// statistics), on a first-layer map of h1 × w1 pixels: the full network, or its exact reduction
// for spatially symmetric inputs when BN is per channel (integrated_gradients.h).
//   a1 = ReLU(s1 ⊙ z1 + t1),  z2 = conv2(a1) + b2,  a2 = ReLU(s2 ⊙ z2 + t2),
//   z3 = W_d·vec(a2),  ŷ = softplus(s3 ⊙ z3 + t3)
template <typename S>
struct RetinaEvalHead {
  using Mat = retina_layers::Mat<S>;
  using Vec = retina_layers::Vec<S>;
  int c1 = 0, h1 = 0, w1 = 0;  // first-layer channels and map
  int kh = 0, kw = 0;          // conv2 kernel
  int c2 = 0, h2 = 0, w2 = 0, cells = 0;
  Vec s1, t1;  // C1·h1·w1 (index c·P + p)
  Mat conv2;   // C1·kh·kw × C2
  Vec b2;
  Vec s2, t2;  // C2·h2·w2
  Mat dense;   // C2·h2·w2 × N
  Vec s3, t3;  // N

  struct Trace {
    // q1, a1 (L·P1 × C1): BN1 output before / after the ReLU; q2, a2 (L·P2 × C2) likewise after
    // conv2 and BN2; cols: conv2's im2col; y3 (L × N): BN3 output (before softplus).
    Mat q1, a1, cols, q2, a2, y3;
  };
  // Z1: (L·h1·w1) × C1, conv1 output including its bias. out: L × N, ŷ.
  void forward(const Mat& Z1, int L, Trace& tr, Mat& out) const;
  // dZ1 = ∂(Σ dOut ⊙ ŷ)/∂Z1 for the trace of forward (dOut: L × N).
  void backward(const Trace& tr, const Mat& dOut, int L, Mat& dZ1) const;
  // The two halves of backward, for integrated gradients (integrated_gradients.cpp):
  //   G2 = ∂(Σ dOut ⊙ ŷ)/∂a2 (L·P2 × C2, before BN2's ReLU mask and gain);
  //   dA1 = conv2ᵀ·dZ2, the gradient with respect to a1 of a given gradient dZ2 at conv2's output.
  void backwardToA2(const Trace& tr, const Mat& dOut, int L, Mat& G2) const;
  void backwardFromZ2(const Mat& dZ2, int L, Mat& dA1) const;
};

template <typename S>
class RetinaCnn {
 public:
  using Mat = retina_layers::Mat<S>;
  using Vec = retina_layers::Vec<S>;
  using Frames = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

  RetinaCnn() = default;
  explicit RetinaCnn(const RetinaCnnConfig& c);
  const RetinaCnnConfig& config() const { return m_config; }

  // Torch's defaults: every kernel and bias U(±1/√fan_in) (separable: K with fan-in k1², T with
  // fan-in H), dense U(±1/√D); γ = 1, β = 0; running mean 0, var 1. Draw order: conv1 (K), T,
  // conv1 bias, conv2, conv2 bias, dense.
  void initialize(Rng& rng);

  // Training mode on a batch: forward with batch statistics and noise (from noise->stream(4·chunk
  // + layer) when noise is given and σ > 0), loss, backward into grad (resized and overwritten),
  // and, when updateRunning, the running statistics. Parallel over chunks.
  RetinaLoss trainStep(const RetinaChunkBatch<S>& batch, const RetinaLossConfig& lc,
                       const Rng* noise, int threads, RetinaCnnParameters<S>& grad,
                       bool updateRunning);
  // Training-mode loss only (same noise), for finite differences.
  RetinaLoss trainLoss(const RetinaChunkBatch<S>& batch, const RetinaLossConfig& lc,
                       const Rng* noise, int threads);
  // Training-mode predictions ŷ (per chunk L × N) of the last trainStep/trainLoss.
  const std::vector<Mat>& lastOutputs() const { return m_out; }

  // Eval mode: ŷ (expected counts per bin) for every window of `frames` (F × S² rows): output l
  // (of L = F − H + 1) uses frames l … l + H − 1. Cut into chunks of ≤ chunkBins outputs run in
  // parallel.
  Mat predict(const Frames& frames, int threads, int chunkBins = 128) const;

  // conv1 without its bias on every window (the part linear in the stimulus), (L·P1) × C1.
  Mat conv1Linear(const Frames& frames) const;
  // The effective conv1 kernel W1[c, h, u, v] as k1² × (C1·H) (column c·H + h).
  Mat effectiveConv1() const;
  RetinaEvalHead<S> evalHead() const;
  // "Precise BN" (Wu & Johnson 2021): replaces the running statistics by the population mean and
  // (biased) variance of each batch-norm layer's input over every window of `chunks` (frames as
  // for predict), eval mode, layer by layer (BN2's statistics with the new BN1, …). The running
  // averages of batch statistics underestimate the population variance when a batch's samples
  // are correlated (a few contiguous chunks), which inflates eval-mode gains.
  void recalibrateBatchNorm(const std::vector<Frames>& chunks, int threads);

  RetinaCnnParameters<S> params;
  RetinaBnRunning<S> running;

 private:
  struct ChunkTrace {
    Mat y1;                  // separable: (F·P1) × C1·R spatial maps
    Mat z1, xh1, a1;         // (L·P1) × C1
    Mat cols2;               // (L·P2) × C1·k2²
    Mat z2, xh2, a2;         // (L·P2) × C2
    Mat z3, xh3, y3;         // L × N
  };
  struct Scratch {
    Mat xt;                  // conv1 per-frame buffer (spatialCorrelate output)
    Mat g1, g2, g3, dcols;   // gradients of the chunk
  };
  struct Stats {             // one layer's batch statistics
    std::vector<double> sum, sumSq;
    Vec mean, invStd, var;   // var: biased
  };
  RetinaLoss forwardTrain(const RetinaChunkBatch<S>& batch, const RetinaLossConfig& lc,
                          const Rng* noise, int threads);
  void packConv1(std::vector<S>& KP) const;
  void conv1Forward(const Frames& frames, int L, Mat& buf, Mat& y1, Mat& z1, bool bias) const;
  void conv1Backward(const Frames& frames, int L, const Mat& g1, const Mat& y1, Mat& buf,
                     RetinaCnnParameters<S>& grad) const;
  void reduceStats(Stats& st, const std::vector<std::vector<double>>& sums,
                   const std::vector<std::vector<double>>& sumSqs, int units, double n,
                   Vec& runMean, Vec& runVar, bool updateRunning);

  RetinaCnnConfig m_config;
  std::vector<ChunkTrace> m_traces;
  std::vector<Scratch> m_scratch;  // per worker
  std::vector<Mat> m_out;          // per chunk ŷ (L × N)
  std::vector<Mat> m_dOut;         // per chunk ∂L/∂y3 (L × N)
  Stats m_stats[3];
  double m_samples = 0;
  bool m_updateRunning = false;
};

extern template class RetinaCnn<float>;
extern template class RetinaCnn<double>;
extern template struct RetinaEvalHead<float>;
extern template struct RetinaEvalHead<double>;

}  // namespace emergence::engine
