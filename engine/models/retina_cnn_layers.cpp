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

namespace {
template <typename S, int G>
using Packet = Eigen::Array<S, G, 1>;

// NJ consecutive output pixels of row i (columns j0 … j0 + NJ − 1), one kernel group of G.
template <typename S, int G, int NJ>
inline void correlateBlock(const S* x, int side, int k, const S* kp, int Qp, int i, int j0,
                           S* out, int W, bool accumulate) {
  Packet<S, G> acc[NJ];
  for (int jj = 0; jj < NJ; ++jj) acc[jj].setZero();
  for (int u = 0; u < k; ++u) {
    const S* xr = x + (i + u) * side + j0;
    const S* kr = kp + Eigen::Index(u) * k * Qp;
    for (int v = 0; v < k; ++v) {
      const Packet<S, G> kv = Eigen::Map<const Packet<S, G>>(kr + Eigen::Index(v) * Qp);
      for (int jj = 0; jj < NJ; ++jj) acc[jj] += kv * xr[jj + v];  // acc_j += K[u,v]·x(i+u, j+v)
    }
  }
  for (int jj = 0; jj < NJ; ++jj) {
    Eigen::Map<Packet<S, G>> o(out + Eigen::Index(jj) * W);
    if (accumulate)
      o += acc[jj];
    else
      o = acc[jj];
  }
}

// dK[u, v0 … v0 + NV − 1] += Σ_p dOut_p·x(i + u, j + v) for one kernel group.
template <typename S, int G, int NV>
inline void adjointBlock(const S* x, int side, int O, const S* dOut, int W, int u, int v0, S* dkp,
                         int Qp) {
  Packet<S, G> acc[NV];
  for (int vv = 0; vv < NV; ++vv) acc[vv].setZero();
  for (int i = 0; i < O; ++i) {
    const S* xr = x + (i + u) * side + v0;
    const S* d = dOut + Eigen::Index(i) * O * W;
    for (int j = 0; j < O; ++j) {
      const Packet<S, G> dv = Eigen::Map<const Packet<S, G>>(d + Eigen::Index(j) * W);
      for (int vv = 0; vv < NV; ++vv) acc[vv] += dv * xr[j + vv];
    }
  }
  for (int vv = 0; vv < NV; ++vv)
    Eigen::Map<Packet<S, G>>(dkp + Eigen::Index(vv) * Qp) += acc[vv];
}

template <typename S, int G>
inline void adjointTail(const S* x, int side, int O, const S* dOut, int W, int u, int v0, int nv,
                        S* dkp, int Qp) {
  switch (nv) {
#define EMERGENCE_TAIL(n) \
  case n:                 \
    adjointBlock<S, G, n>(x, side, O, dOut, W, u, v0, dkp, Qp); \
    break;
    EMERGENCE_TAIL(1) EMERGENCE_TAIL(2) EMERGENCE_TAIL(3) EMERGENCE_TAIL(4)
    EMERGENCE_TAIL(5) EMERGENCE_TAIL(6) EMERGENCE_TAIL(7)
#undef EMERGENCE_TAIL
  }
}
}  // namespace

template <typename S, int G>
void spatialCorrelate(const S* x, int side, int k, const S* KP, int Qp, int g0, int g1, S* out,
                      bool accumulate) {
  const int O = side - k + 1, W = G * (g1 - g0);
  for (int g = g0; g < g1; ++g) {
    const S* kp = KP + G * g;
    S* o = out + G * (g - g0);
    for (int i = 0; i < O; ++i) {
      int j = 0;
      for (; j + 8 <= O; j += 8)
        correlateBlock<S, G, 8>(x, side, k, kp, Qp, i, j, o + Eigen::Index(i * O + j) * W, W, accumulate);
      for (; j + 4 <= O; j += 4)
        correlateBlock<S, G, 4>(x, side, k, kp, Qp, i, j, o + Eigen::Index(i * O + j) * W, W, accumulate);
      for (; j < O; ++j)
        correlateBlock<S, G, 1>(x, side, k, kp, Qp, i, j, o + Eigen::Index(i * O + j) * W, W, accumulate);
    }
  }
}

template <typename S, int G>
void spatialCorrelateAdjoint(const S* x, int side, int k, const S* dOut, int Qp, int g0, int g1,
                             S* dKP) {
  const int O = side - k + 1, W = G * (g1 - g0);
  for (int g = g0; g < g1; ++g) {
    const S* d = dOut + G * (g - g0);
    S* dkp = dKP + G * g;
    for (int u = 0; u < k; ++u) {
      int v = 0;
      for (; v + 8 <= k; v += 8)
        adjointBlock<S, G, 8>(x, side, O, d, W, u, v, dkp + Eigen::Index(u * k + v) * Qp, Qp);
      if (v < k)
        adjointTail<S, G>(x, side, O, d, W, u, v, k - v, dkp + Eigen::Index(u * k + v) * Qp, Qp);
    }
  }
}

template <typename S>
void conv2Forward(const Mat<S>& A, int L, int side, int k, const Mat<S>& W, const Vec<S>& b,
                  Mat<S>& Z) {
  constexpr int G = kConv2Group;
  const int C1 = int(A.cols()), C2 = int(W.cols()), O = side - k + 1, P1 = side * side, P2 = O * O;
  const int Qp = G * ((C2 + G - 1) / G), groups = Qp / G, k2 = k * k;
  // Packed kernels per input channel: KP[c1][(u·k + v)·Qp + c2] = W2[c2, c1, u, v].
  std::vector<S> KP(size_t(C1) * k2 * Qp, S(0));
  for (int c1 = 0; c1 < C1; ++c1)
    for (int uv = 0; uv < k2; ++uv)
      for (int c2 = 0; c2 < C2; ++c2) KP[(size_t(c1) * k2 + uv) * Qp + c2] = W(c1 * k2 + uv, c2);
  std::vector<S> out(size_t(P2) * Qp);
  Z.resize(Eigen::Index(L) * P2, C2);
  for (int l = 0; l < L; ++l) {
    // out[p·Qp + c2] = Σ_{c1,u,v} W2[c2, c1, u, v]·a1[c1](i + u, j + v)
    for (int c1 = 0; c1 < C1; ++c1)
      spatialCorrelate<S, G>(A.col(c1).data() + Eigen::Index(l) * P1, side, k,
                             KP.data() + size_t(c1) * k2 * Qp, Qp, 0, groups, out.data(), c1 > 0);
    for (int c2 = 0; c2 < C2; ++c2) {
      S* z = Z.col(c2).data() + Eigen::Index(l) * P2;
      for (int p = 0; p < P2; ++p) z[p] = out[size_t(p) * Qp + c2] + b[c2];
    }
  }
}

template <typename S>
void conv2Backward(const Mat<S>& A, const Mat<S>& dZ, int L, int side, int k, const Mat<S>& W,
                   Mat<S>& dW, Mat<S>& dA) {
  constexpr int G = kConv2Group;
  const int C1 = int(A.cols()), C2 = int(W.cols()), O = side - k + 1, P1 = side * side, P2 = O * O;
  const int Qp = G * ((C2 + G - 1) / G), groups = Qp / G, k2 = k * k;
  const int Cp = G * ((C1 + G - 1) / G);
  std::vector<S> dKP(size_t(C1) * k2 * Qp, S(0)), d(size_t(P2) * Qp, S(0));
  // Input-gradient kernels: KT[(c2·k² + uv)·Cp + c1] = W2[c2, c1, u, v].
  std::vector<S> KT(size_t(C2) * k2 * Cp, S(0)), dIn(size_t(P1) * Cp);
  for (int c2 = 0; c2 < C2; ++c2)
    for (int c1 = 0; c1 < C1; ++c1)
      for (int uv = 0; uv < k2; ++uv) KT[(size_t(c2) * k2 + uv) * Cp + c1] = W(c1 * k2 + uv, c2);
  dA.resize(Eigen::Index(L) * P1, C1);
  for (int l = 0; l < L; ++l) {
    for (int c2 = 0; c2 < C2; ++c2) {  // ∂z2 of sample l as [p][c2]
      const S* dz = dZ.col(c2).data() + Eigen::Index(l) * P2;
      for (int p = 0; p < P2; ++p) d[size_t(p) * Qp + c2] = dz[p];
    }
    // ∂W2[c2, c1, u, v] += Σ_p ∂z2[c2](p)·a1[c1](i + u, j + v)
    for (int c1 = 0; c1 < C1; ++c1)
      spatialCorrelateAdjoint<S, G>(A.col(c1).data() + Eigen::Index(l) * P1, side, k, d.data(), Qp,
                                    0, groups, dKP.data() + size_t(c1) * k2 * Qp);
    // ∂a1[c1](i + u, j + v) += Σ_c2 W2[c2, c1, u, v]·∂z2[c2](i, j)   (vectorised over c1)
    std::fill(dIn.begin(), dIn.end(), S(0));
    for (int i = 0; i < O; ++i)
      for (int j = 0; j < O; ++j) {
        const S* dv = d.data() + size_t(i * O + j) * Qp;
        for (int u = 0; u < k; ++u)
          for (int v = 0; v < k; ++v) {
            S* o = dIn.data() + size_t((i + u) * side + j + v) * Cp;
            for (int g = 0; g < Cp; g += G) {
              Packet<S, G> acc = Eigen::Map<Packet<S, G>>(o + g);
              for (int c2 = 0; c2 < C2; ++c2)
                acc += Eigen::Map<const Packet<S, G>>(KT.data() + (size_t(c2) * k2 + u * k + v) * Cp + g) * dv[c2];
              Eigen::Map<Packet<S, G>>(o + g) = acc;
            }
          }
      }
    for (int c1 = 0; c1 < C1; ++c1) {
      S* a = dA.col(c1).data() + Eigen::Index(l) * P1;
      for (int p = 0; p < P1; ++p) a[p] = dIn[size_t(p) * Cp + c1];
    }
  }
  for (int c1 = 0; c1 < C1; ++c1)
    for (int uv = 0; uv < k2; ++uv)
      for (int c2 = 0; c2 < C2; ++c2) dW(c1 * k2 + uv, c2) += dKP[(size_t(c1) * k2 + uv) * Qp + c2];
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
  template void spatialCorrelate<S, kKernelGroup>(const S*, int, int, const S*, int, int, int, S*, \
                                                  bool);                                          \
  template void spatialCorrelateAdjoint<S, kKernelGroup>(const S*, int, int, const S*, int, int,  \
                                                         int, S*);                                \
  template void conv2Forward<S>(const Mat<S>&, int, int, int, const Mat<S>&, const Vec<S>&,       \
                                Mat<S>&);                                                         \
  template void conv2Backward<S>(const Mat<S>&, const Mat<S>&, int, int, int, const Mat<S>&,      \
                                 Mat<S>&, Mat<S>&);                                               \
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
