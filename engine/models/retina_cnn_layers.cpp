// Layer kernels of the retina CNN; layouts and equations in retina_cnn_layers.h.
#include "engine/models/retina_cnn_layers.h"

#include <cmath>
#include <cstring>

namespace emergence::engine::retina_layers {

template <typename S>
void frameIm2col(const S* frames, int F, int side, int k, Mat<S>& XT) {
  const int O = side - k + 1, P = O * O;
  XT.resize(Eigen::Index(F) * P, Eigen::Index(k) * k);
  for (int u = 0; u < k; ++u)
    for (int v = 0; v < k; ++v) {
      S* col = XT.col(u * k + v).data();
      for (int f = 0; f < F; ++f) {
        const S* frame = frames + Eigen::Index(f) * side * side;
        S* out = col + Eigen::Index(f) * P;
        for (int i = 0; i < O; ++i)
          std::memcpy(out + i * O, frame + (i + u) * side + v, sizeof(S) * size_t(O));
      }
    }
}

template <typename S>
void mapIm2col(const Mat<S>& A, int L, int hin, int win, int kh, int kw, Mat<S>& ColsT) {
  const int ho = hin - kh + 1, wo = win - kw + 1, Pin = hin * win, Po = ho * wo;
  const int C = int(A.cols());
  ColsT.resize(Eigen::Index(L) * Po, Eigen::Index(C) * kh * kw);
  for (int c = 0; c < C; ++c)
    for (int u = 0; u < kh; ++u)
      for (int v = 0; v < kw; ++v) {
        S* col = ColsT.col((c * kh + u) * kw + v).data();
        const S* a = A.col(c).data();
        for (int l = 0; l < L; ++l) {
          const S* in = a + Eigen::Index(l) * Pin + u * win + v;
          S* out = col + Eigen::Index(l) * Po;
          for (int i = 0; i < ho; ++i) std::memcpy(out + i * wo, in + i * win, sizeof(S) * size_t(wo));
        }
      }
}

template <typename S>
void mapCol2imAdd(const Mat<S>& dColsT, int L, int hin, int win, int kh, int kw, Mat<S>& dA) {
  const int ho = hin - kh + 1, wo = win - kw + 1, Pin = hin * win, Po = ho * wo;
  const int C = int(dA.cols());
  for (int c = 0; c < C; ++c)
    for (int u = 0; u < kh; ++u)
      for (int v = 0; v < kw; ++v) {
        const S* col = dColsT.col((c * kh + u) * kw + v).data();
        S* a = dA.col(c).data();
        for (int l = 0; l < L; ++l) {
          S* out = a + Eigen::Index(l) * Pin + u * win + v;
          const S* in = col + Eigen::Index(l) * Po;
          for (int i = 0; i < ho; ++i) {
            S* o = out + i * win;
            const S* g = in + i * wo;
            for (int j = 0; j < wo; ++j) o[j] += g[j];
          }
        }
      }
}

template <typename S>
void bnAccumulate(const Mat<S>& Z, int L, const BnShape& b, double* sum, double* sumSq) {
  const int P = b.pixels;
  for (int c = 0; c < b.channels; ++c) {
    const Eigen::Map<const Mat<S>> block(Z.col(c).data(), P, L);  // P × L, row = unit
    if (b.perUnit) {
      for (int l = 0; l < L; ++l)
        for (int p = 0; p < P; ++p) {
          const double z = double(block(p, l));
          sum[c * P + p] += z;
          sumSq[c * P + p] += z * z;
        }
    } else {
      double s = 0, s2 = 0;
      const S* z = block.data();
      for (Eigen::Index i = 0; i < block.size(); ++i) {
        s += double(z[i]);
        s2 += double(z[i]) * double(z[i]);
      }
      sum[c] += s;
      sumSq[c] += s2;
    }
  }
}

template <typename S>
void bnApply(const Mat<S>& Z, int L, const BnShape& b, const Vec<S>& mean, const Vec<S>& invStd,
             const Vec<S>& gamma, const Vec<S>& beta, Mat<S>* Xhat, Mat<S>& Y) {
  const int P = b.pixels;
  Y.resize(Z.rows(), Z.cols());
  if (Xhat) Xhat->resize(Z.rows(), Z.cols());
  for (int c = 0; c < b.channels; ++c) {
    const Eigen::Map<const Mat<S>> z(Z.col(c).data(), P, L);
    Eigen::Map<Mat<S>> y(Y.col(c).data(), P, L);
    if (b.perUnit) {
      const auto m = mean.segment(c * P, P).array();
      const auto s = invStd.segment(c * P, P).array();
      const auto g = gamma.segment(c * P, P).array();
      const auto be = beta.segment(c * P, P).array();
      for (int l = 0; l < L; ++l) {
        const auto xh = (z.col(l).array() - m) * s;  // x̂ = (z − μ)·s
        if (Xhat) Eigen::Map<Mat<S>>(Xhat->col(c).data(), P, L).col(l) = xh.matrix();
        y.col(l) = (g * xh + be).matrix();  // y = γ·x̂ + β
      }
    } else {
      const S m = mean[c], s = invStd[c], g = gamma[c], be = beta[c];
      if (Xhat) {
        Eigen::Map<Mat<S>> xh(Xhat->col(c).data(), P, L);
        xh = ((z.array() - m) * s).matrix();
        y = (g * xh.array() + be).matrix();
      } else {
        y = (g * ((z.array() - m) * s) + be).matrix();
      }
    }
  }
}

template <typename S>
void bnGradAccumulate(const Mat<S>& G, const Mat<S>& Xhat, int L, const BnShape& b, double* sumG,
                      double* sumGX) {
  const int P = b.pixels;
  for (int c = 0; c < b.channels; ++c) {
    const S* g = G.col(c).data();
    const S* x = Xhat.col(c).data();
    if (b.perUnit) {
      for (int l = 0; l < L; ++l)
        for (int p = 0; p < P; ++p) {
          const Eigen::Index i = Eigen::Index(l) * P + p;
          sumG[c * P + p] += double(g[i]);
          sumGX[c * P + p] += double(g[i]) * double(x[i]);
        }
    } else {
      double s = 0, sx = 0;
      for (Eigen::Index i = 0; i < Eigen::Index(L) * P; ++i) {
        s += double(g[i]);
        sx += double(g[i]) * double(x[i]);
      }
      sumG[c] += s;
      sumGX[c] += sx;
    }
  }
}

template <typename S>
void bnBackward(const Mat<S>& G, const Mat<S>* Xhat, int L, const BnShape& b, const Vec<S>& gamma,
                const Vec<S>& invStd, const Vec<S>& dBeta, const Vec<S>& dGamma, double n,
                Mat<S>& dZ) {
  const int P = b.pixels;
  dZ.resize(G.rows(), G.cols());
  const bool batchStats = n > 0;
  for (int c = 0; c < b.channels; ++c) {
    const Eigen::Map<const Mat<S>> g(G.col(c).data(), P, L);
    Eigen::Map<Mat<S>> dz(dZ.col(c).data(), P, L);
    if (b.perUnit) {
      const auto scale = (gamma.segment(c * P, P).array() * invStd.segment(c * P, P).array());
      if (batchStats) {
        const Eigen::Map<const Mat<S>> xh(Xhat->col(c).data(), P, L);
        const auto mb = (dBeta.segment(c * P, P).array() / S(n));
        const auto mg = (dGamma.segment(c * P, P).array() / S(n));
        for (int l = 0; l < L; ++l)  // dz = γ·s·(g − dβ/n − x̂·dγ/n)
          dz.col(l) = (scale * (g.col(l).array() - mb - xh.col(l).array() * mg)).matrix();
      } else {
        for (int l = 0; l < L; ++l) dz.col(l) = (scale * g.col(l).array()).matrix();
      }
    } else {
      const S scale = gamma[c] * invStd[c];
      if (batchStats) {
        const Eigen::Map<const Mat<S>> xh(Xhat->col(c).data(), P, L);
        const S mb = dBeta[c] / S(n), mg = dGamma[c] / S(n);
        dz = (scale * (g.array() - mb - xh.array() * mg)).matrix();
      } else {
        dz = (scale * g.array()).matrix();
      }
    }
  }
}

template <typename S>
S softplus(S x) {
  return x > S(0) ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
}

template <typename S>
S sigmoid(S x) {
  if (x >= S(0)) return S(1) / (S(1) + std::exp(-x));
  const S e = std::exp(x);
  return e / (S(1) + e);
}

#define EMERGENCE_RETINA_LAYERS(S)                                                                \
  template void frameIm2col<S>(const S*, int, int, int, Mat<S>&);                                 \
  template void mapIm2col<S>(const Mat<S>&, int, int, int, int, int, Mat<S>&);                    \
  template void mapCol2imAdd<S>(const Mat<S>&, int, int, int, int, int, Mat<S>&);                 \
  template void bnAccumulate<S>(const Mat<S>&, int, const BnShape&, double*, double*);            \
  template void bnApply<S>(const Mat<S>&, int, const BnShape&, const Vec<S>&, const Vec<S>&,      \
                           const Vec<S>&, const Vec<S>&, Mat<S>*, Mat<S>&);                       \
  template void bnGradAccumulate<S>(const Mat<S>&, const Mat<S>&, int, const BnShape&, double*,   \
                                    double*);                                                     \
  template void bnBackward<S>(const Mat<S>&, const Mat<S>*, int, const BnShape&, const Vec<S>&,   \
                              const Vec<S>&, const Vec<S>&, const Vec<S>&, double, Mat<S>&);      \
  template S softplus<S>(S);                                                                      \
  template S sigmoid<S>(S);
EMERGENCE_RETINA_LAYERS(float)
EMERGENCE_RETINA_LAYERS(double)
#undef EMERGENCE_RETINA_LAYERS

}  // namespace emergence::engine::retina_layers
