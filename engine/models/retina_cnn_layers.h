#pragma once
// Layer kernels of the retina CNN (retina_cnn.h), forward and hand-written backward, on one chunk
// of L consecutive samples. Shared by training (batch statistics, staged over chunks) and
// inference / attribution (running statistics), and by the reduced-geometry fast path for
// spatially symmetric probes (integrated_gradients.h), so every kernel takes its map sizes
// explicitly (rectangular maps, rectangular kernels).
//
// Activation layout ("channel blocks"): a layer with C channels of h × w pixels (P = h·w) over L
// samples is a column-major (L·P) × C matrix; column c is channel c, row l·P + y·w + x is sample
// l at pixel (y, x). Channel c of sample block is therefore a contiguous P × L matrix, which is
// what per-unit batch norm reduces over (one row per unit) and what the temporal stage of the
// separable conv1 writes.
#include <Eigen/Core>

namespace emergence::engine::retina_layers {

template <typename S>
using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;
template <typename S>
using Vec = Eigen::Matrix<S, Eigen::Dynamic, 1>;

// --- conv1 im2col on frames ---------------------------------------------------------------------
// frames: F rows of side·side values (row-major image, frame f at frames + f·side·side).
// XT: (F·P1) × k², P1 = O·O, O = side − k + 1; row f·P1 + i·O + j, column u·k + v:
//   XT(f·P1 + i·O + j, u·k + v) = frame_f(i + u, j + v)
// so Y = XT·K is the valid 2-D correlation of every frame with every column of K (k² × Q).
template <typename S>
void frameIm2col(const S* frames, int F, int side, int k, Mat<S>& XT);

// --- direct spatial correlation of one frame with many kernels ---------------------------------
// Register-blocked, vectorised over groups of 16 kernels (no im2col, no GEMM packing: conv1's
// kernels are few, its images many). Packed kernels KP: k² × Qp row-major, KP[(u·k + v)·Qp + q],
// Qp = 16·⌈Q/16⌉ (zero padded). For the kernel groups g ∈ [g0, g1) (kernels 16·g0 … 16·g1 − 1):
//   out[p·W + q − 16·g0] = Σ_{u,v} KP[(u·k + v)·Qp + q]·x[(i + u)·side + j + v],  p = i·O + j,
// with W = 16·(g1 − g0), O = side − k + 1; x is one side × side frame (row-major).
// G is the group width (16 for conv1, kConv2Group for conv2); accumulate adds into out.
constexpr int kKernelGroup = 16;
constexpr int kConv2Group = 8;
template <typename S, int G = kKernelGroup>
void spatialCorrelate(const S* x, int side, int k, const S* KP, int Qp, int g0, int g1, S* out,
                      bool accumulate = false);
// The adjoint in the kernels: dKP[(u·k + v)·Qp + q] += Σ_p dOut[p·W + q − 16·g0]·x[(i+u)·side + j + v].
template <typename S, int G = kKernelGroup>
void spatialCorrelateAdjoint(const S* x, int side, int k, const S* dOut, int Qp, int g0, int g1,
                             S* dKP);

// conv2 by direct correlation (training path; square maps), vectorised over output channels:
//   Z(l·P2 + p, c2) = b[c2] + Σ_{c1,u,v} W(c1·k² + u·k + v, c2)·A(l·P1 + (i+u)·side + j + v, c1)
// (the same as mapIm2col + GEMM, without the im2col copy and the skinny GEMM's packing).
template <typename S>
void conv2Forward(const Mat<S>& A, int L, int side, int k, const Mat<S>& W, const Vec<S>& b,
                  Mat<S>& Z);
// dW += ∂/∂W, dA = ∂/∂A (overwritten) of Σ dZ ⊙ Z.
template <typename S>
void conv2Backward(const Mat<S>& A, const Mat<S>& dZ, int L, int side, int k, const Mat<S>& W,
                   Mat<S>& dW, Mat<S>& dA);

// --- 2-D valid correlation between channel-block maps ------------------------------------------
// A: (L·hin·win) × Cin. ColsT: (L·ho·wo) × (Cin·kh·kw), ho = hin − kh + 1, wo = win − kw + 1:
//   ColsT(l·ho·wo + i·wo + j, c·kh·kw + u·kw + v) = A(l·hin·win + (i + u)·win + j + v, c)
// Z = ColsT·W (W: Cin·kh·kw × Cout) is the valid correlation Z[o](i, j) = Σ_{c,u,v} W·A[c](i+u, j+v).
template <typename S>
void mapIm2col(const Mat<S>& A, int L, int hin, int win, int kh, int kw, Mat<S>& ColsT);
// The adjoint: dA(l·hin·win + (i + u)·win + j + v, c) += dColsT(l·ho·wo + i·wo + j, c·kh·kw + u·kw + v).
template <typename S>
void mapCol2imAdd(const Mat<S>& dColsT, int L, int hin, int win, int kh, int kw, Mat<S>& dA);

// --- batch norm ---------------------------------------------------------------------------------
// Units: per unit, one (γ, β, mean, var) per (channel, pixel), index c·P + p; per channel, one per
// channel, statistics over samples and pixels.
struct BnShape {
  int channels = 0, pixels = 0;
  bool perUnit = true;
  int units() const { return perUnit ? channels * pixels : channels; }
  int unitOf(int c, int p) const { return perUnit ? c * pixels + p : c; }
};

// Σ z and Σ z² per unit over the chunk's L samples (and pixels, per channel), added into
// sum/sumSq (length units(), double accumulators).
template <typename S>
void bnAccumulate(const Mat<S>& Z, int L, const BnShape& b, double* sum, double* sumSq);

// Normalise with per-unit mean and 1/√(var + ε):  x̂ = (z − μ)·s,  y = γ·x̂ + β.
// Writes x̂ into Xhat (optional, may be null) and y into Y.
template <typename S>
void bnApply(const Mat<S>& Z, int L, const BnShape& b, const Vec<S>& mean, const Vec<S>& invStd,
             const Vec<S>& gamma, const Vec<S>& beta, Mat<S>* Xhat, Mat<S>& Y);

// Training-mode backward, part 1: Σ g and Σ g·x̂ per unit (into sumG, sumGX).
template <typename S>
void bnGradAccumulate(const Mat<S>& G, const Mat<S>& Xhat, int L, const BnShape& b, double* sumG,
                      double* sumGX);
// Part 2 (batch statistics over n values per unit; dβ = Σg, dγ = Σg·x̂ over the batch):
//   dz = γ·s·(g − dβ/n − x̂·dγ/n)
// Eval mode (running statistics, no dependence of μ, σ on z): dz = γ·s·g — pass n ≤ 0.
template <typename S>
void bnBackward(const Mat<S>& G, const Mat<S>* Xhat, int L, const BnShape& b, const Vec<S>& gamma,
                const Vec<S>& invStd, const Vec<S>& dBeta, const Vec<S>& dGamma, double n,
                Mat<S>& dZ);

// --- pointwise ----------------------------------------------------------------------------------
// softplus(x) = log(1 + eˣ) (stable), and its derivative σ(x) = 1/(1 + e⁻ˣ).
template <typename S>
S softplus(S x);
template <typename S>
S sigmoid(S x);

}  // namespace emergence::engine::retina_layers
