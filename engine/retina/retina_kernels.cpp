// Temporal kernels and spatial blurs of the synthetic retina; see retina_kernels.h.
#include "engine/retina/retina_kernels.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace emergence::engine {

double gammaKernel(double t, double tau, int n) {
  if (t < 0) return 0.0;
  const double x = t / tau;
  return std::pow(x, n) * std::exp(-x) / (tau * std::tgamma(n + 1.0));
}

double gammaKernelIntegral(double t, double tau, int n) {
  if (t <= 0) return 0.0;
  const double x = t / tau;
  double term = 1.0, sum = 1.0;  // Σ_{j=0}^{n} x^j/j!
  for (int j = 1; j <= n; ++j) {
    term *= x / j;
    sum += term;
  }
  return 1.0 - std::exp(-x) * sum;
}

double temporalKernel(double t, const TemporalKernelParams& p) {
  if (t < 0 || t > p.lengthS) return 0.0;
  return gammaKernel(t, p.tau1S, p.order) - p.beta * gammaKernel(t, p.tau2S, p.order);
}

Eigen::VectorXd discreteTemporalKernel(const TemporalKernelParams& p, double dt) {
  if (!(p.tau1S > 0) || !(p.tau2S > 0))
    throw std::invalid_argument("TemporalKernelParams.tau1S/tau2S: must be > 0");
  if (p.order < 0) throw std::invalid_argument("TemporalKernelParams.order: must be ≥ 0");
  if (!(dt > 0)) throw std::invalid_argument("discreteTemporalKernel: dt must be > 0");
  const int L = int(std::lround(p.lengthS / dt));
  if (L < 1)
    throw std::invalid_argument("TemporalKernelParams.lengthS: shorter than one frame (" +
                                std::to_string(p.lengthS) + " s)");
  Eigen::VectorXd h(L);
  auto K = [&](double t) {
    return gammaKernelIntegral(t, p.tau1S, p.order) -
           p.beta * gammaKernelIntegral(t, p.tau2S, p.order);
  };
  for (int m = 1; m <= L; ++m) h[m - 1] = K(m * dt) - K((m - 1) * dt);
  return h;
}

Eigen::VectorXd gaussianTaps(double sigma) {
  if (!(sigma > 0)) throw std::invalid_argument("gaussianTaps: σ must be > 0");
  const int r = int(std::ceil(3.0 * sigma));
  Eigen::VectorXd taps(2 * r + 1);
  for (int i = -r; i <= r; ++i) taps[i + r] = std::exp(-0.5 * i * i / (sigma * sigma));
  return taps / taps.sum();
}

namespace {

template <typename T>
void blurImpl(const T* in, int H, int W, const Eigen::VectorXd& taps, double* out,
              Eigen::VectorXd& scratch) {
  const int r = int(taps.size() / 2);
  scratch.resize(Eigen::Index(H) * W);
  // Horizontal pass: scratch(y, x) = Σ_i taps[i]·in(y, x + i − r), zero outside; tap-outer so
  // the inner loop runs over contiguous x (vectorised).
  for (int y = 0; y < H; ++y) {
    const T* row = in + size_t(y) * W;
    double* s = scratch.data() + size_t(y) * W;
    std::fill(s, s + W, 0.0);
    for (int i = 0; i <= 2 * r; ++i) {
      const int shift = i - r;  // reads row[x + shift]
      const int x0 = std::max(0, -shift), x1 = std::min(W, W - shift);
      const double w = taps[i];
      for (int x = x0; x < x1; ++x) s[x] += w * double(row[x + shift]);
    }
  }
  // Vertical pass: out(y, x) = Σ_i taps[i]·scratch(y + i − r, x).
  for (int y = 0; y < H; ++y) {
    double* o = out + size_t(y) * W;
    std::fill(o, o + W, 0.0);
    const int i0 = std::max(0, r - y), i1 = std::min(2 * r, H - 1 - y + r);
    for (int i = i0; i <= i1; ++i) {
      const double w = taps[i];
      const double* s = scratch.data() + size_t(y + i - r) * W;
      for (int x = 0; x < W; ++x) o[x] += w * s[x];
    }
  }
}

}  // namespace

void separableBlur(const float* in, int H, int W, const Eigen::VectorXd& taps, double* out,
                   Eigen::VectorXd& scratch) {
  blurImpl(in, H, W, taps, out, scratch);
}

void separableBlur(const double* in, int H, int W, const Eigen::VectorXd& taps, double* out,
                   Eigen::VectorXd& scratch) {
  blurImpl(in, H, W, taps, out, scratch);
}

}  // namespace emergence::engine
