#pragma once
// Linear building blocks of the synthetic retina (retina.md §8.2): the gamma-difference temporal
// kernel, its exact discretisation on 10 ms frames, and separable Gaussian blurs.
#include <Eigen/Core>

namespace emergence::engine {

// G(t; τ) = (t/τ)ⁿ·e^(−t/τ)/(τ·n!), t ≥ 0 (s, s⁻¹); ∫₀^∞ G dt = 1, peak at t = nτ.
double gammaKernel(double tS, double tauS, int order);
// ∫₀^t G(u; τ) du = 1 − e^(−t/τ)·Σ_{j=0}^{n} (t/τ)^j/j!.
double gammaKernelIntegral(double tS, double tauS, int order);

// k(t) = G(t; τ₁) − β·G(t; τ₂), truncated at lengthS.
struct TemporalKernelParams {
  double tau1S = 0.022, tau2S = 0.045, beta = 0.9;
  int order = 3;         // n
  double lengthS = 0.6;  // 600 ms
};
double temporalKernel(double tS, const TemporalKernelParams& p);

// Discrete kernel for frames held for dt (piecewise-constant stimulus) and the response sampled
// at the start of each bin: drive(t) = Σ_{m=1}^{L} h[m−1]·s(t − m),
//   h[m−1] = ∫_{(m−1)dt}^{m·dt} k(u) du,   L = round(lengthS/dt) taps.
// So the response in bin t depends on frames ≤ t − 1 (one bin of lag, like the CNN's target at
// frame i + 40 for input frames i … i + 39). Σ h = ∫₀^{L·dt} k ≈ 1 − β.
Eigen::VectorXd discreteTemporalKernel(const TemporalKernelParams& p, double dtS);

// Gaussian taps exp(−i²/2σ²) for i = −r … r, r = ⌈3σ⌉, normalised to sum 1. σ > 0.
Eigen::VectorXd gaussianTaps(double sigmaPx);

// out = separable blur of the H × W row-major image `in` with symmetric `taps` (odd length),
// zero outside the image (background). `scratch` is resized to H·W.
void separableBlur(const float* in, int height, int width, const Eigen::VectorXd& taps, double* out,
                   Eigen::VectorXd& scratch);
void separableBlur(const double* in, int height, int width, const Eigen::VectorXd& taps,
                   double* out, Eigen::VectorXd& scratch);

}  // namespace emergence::engine
