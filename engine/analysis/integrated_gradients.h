#pragma once
// Integrated gradients of the retina CNN onto its first-layer units (retina.md §6.1–6.3;
// Sundararajan et al. 2017; Tanaka et al. 2019), in eval mode (no noise, BN running statistics).
//
// Target F: the rate (Hz) of one cell, or the sum over cells, at every bin t of a probe; the
// window of bin t is S_t (frames t − H … t − 1), the baseline the background s′ = 0, the path
// α·S_t. Attribution units a = (c, y, x) are conv1's outputs z1 (= BN1's inputs). Because conv1 is
// linear, z_a(α·S_t) = α·ℓ_a(t) + b1_c with ℓ = conv1 without bias, so dz_a/dα = ℓ_a(t) along the
// whole path and
//   A_a(t) = ℓ_a(t)·∫₀¹ ∂F/∂z_a(α·ℓ(t) + b1) dα,
// integrated with M steps on α_k = k/M by one of three rules:
//   RightRiemann   Σ_{k=1}^{M} g(α_k)/M — the author code's formula (error O(1/M));
//   Trapezoid      k = 0 … M, end weights 1/(2M) (M + 1 gradients);
//   ExactKinks     (default) the ReLU switches along the path integrated exactly: between α_{k−1}
//                  and α_k the pre-activations q2 of conv2's ReLUs and q1 of BN1's are taken as
//                  linear in α (exact for q1; q2 is piecewise linear) and G2 = ∂F/∂a2 as linear
//                  (smooth: softplus and BN3 only), so each unit's ∫ 1[q2 > 0]·G2 dα over the
//                  step is exact for that interpolant; conv2ᵀ (linear) carries it to ∫ ∂F/∂a1 dα,
//                  which is multiplied by the fraction of the step during which the first-layer
//                  unit is on. Same cost as the trapezoid (one forward, one backward per step);
//                  the trapezoid's O(1/M) error from the gradient's jumps at the switches, which
//                  dominated for full-field steps (a whole channel switching at once), is gone.
// BN1 is a per-unit affine map in eval mode, so attributing to BN1's outputs (the author code's
// 'sequential.2') gives exactly the same A_a; the per-unit ReLU after it leaves the continuous
// integral unchanged too (retina.md §6.2).
// Completeness: Σ_a A_a(t) = F(S_t) − F(0) up to the quadrature error; reported per probe as
//   error = max_t |Σ_a A_a(t) − (F(S_t) − F(0))| / max(max_t |F(S_t) − F(0)|, 1 Hz)
// (the floor: a probe the cell does not respond to is judged by its absolute error).
//
// Reductions (§6.3): channel sums A_c(t) = Σ_{x,y} A_{c,x,y}(t) (C1 "cell types"), and for bars
// the channel × x sums A_{c,x}(t) = Σ_y A_{c,x,y}(t) (C1·O1 maps). With the fast path
// (retina_cnn_probe.h) full-field probes are computed on one pixel per channel and y-invariant
// bars on one row (per-channel BN), or at least conv1 is (per-unit BN); the result equals the
// full computation (tested). Bins whose window is entirely background have A = 0 exactly and are
// skipped.
#include <Eigen/Core>
#include <string>

#include "engine/models/retina_cnn.h"
#include "engine/retina/probes.h"

namespace emergence::engine {

enum class IgQuadrature { RightRiemann, Trapezoid, ExactKinks };

struct IntegratedGradientsConfig {
  int steps = 50;  // M (retina.md §6.2: 50, up to 100)
  IgQuadrature quadrature = IgQuadrature::ExactKinks;
  int cell = -1;          // target: cell index, or −1 for the sum over cells
  bool fast = true;       // symmetric shortcut (false: full convolution and full maps)
  bool keepUnits = false; // keep the per-unit attributions (memory T·P·C1)
  int threads = 1;
  int blockBins = 32;     // bins per work item
};

struct ProbeAttribution {
  std::string probe;
  int cell = -1;
  int steps = 0;
  ProbeSymmetry geometry = ProbeSymmetry::None;  // reduced geometry the head ran in
  Eigen::VectorXd response;   // T: F(S_t), Hz
  double baseline = 0;        // F(0), Hz
  Eigen::MatrixXd channel;    // C1 × T: A_c(t), Hz
  Eigen::MatrixXd channelX;   // (C1·O1) × T: A_{c,x}(t), row c·O1 + x (empty for full field)
  Eigen::MatrixXd activity;   // C1 × T: z̄_c(t) = Σ_{x,y} ℓ_{c,x,y}(t) (stimulus-driven conv1 sum)
  Eigen::MatrixXf units;      // keepUnits: (T·P) × C1 in `geometry` (P = its pixels per bin)
  Eigen::VectorXd residual;   // T: Σ_c A_c(t) − (F(S_t) − F(0))
  double completenessError = 0;
  int activeBins = 0;         // bins with a non-background window (the others are exact zeros)
  double seconds = 0;         // wall time
};

ProbeAttribution integratedGradients(const RetinaCnn<float>& net, const ProbeStimulus& probe,
                                     const IntegratedGradientsConfig& config = {});

}  // namespace emergence::engine
