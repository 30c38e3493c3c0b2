#include "engine/analysis/grid_scores.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <string>

#include "engine/core/angles.h"
#include "engine/core/parallel.h"

namespace emergence::engine {
namespace {

std::string num(double v) {
  std::ostringstream o;
  o << v;
  return o.str();
}

// ---- SAC kernels. Maps are row-major n × n arrays here (a[i·n + j], i = y, j = x); lag
// arrays are row-major L × L, L = 2n − 1, entry (dy + n − 1)·L + (dx + n − 1).

// c1(dy, dx) += Σ_{i,j} a1(i, j)·b(i + dy, j + dx) and, if a2, c2 likewise with a2 (fused: same
// b), for rows dy ∈ [dyFirst, n − 1] and all dx. For fixed (i, dy, j) the lags with a non-zero
// b(i + dy, j + dx) are dx = t − j, t ∈ [0, n): an AXPY of row i + dy of b into the lag row at
// offset k = dx + n − 1 = n − 1 − j + t (n multiply-adds; vectorised). Zero entries of a1 are
// skipped (a2 must be 0 there too), which rectified (ReLU) maps make common.
void correlate(const std::vector<double>& a1, const std::vector<double>* a2,
               const std::vector<double>& b, int n, int dyFirst, std::vector<double>& c1,
               std::vector<double>* c2) {
  const int L = 2 * n - 1;
  for (int dy = dyFirst; dy <= n - 1; ++dy) {
    double* row1 = c1.data() + (dy + n - 1) * L;
    double* row2 = c2 ? c2->data() + (dy + n - 1) * L : nullptr;
    for (int i = std::max(0, -dy); i < std::min(n, n - dy); ++i) {
      const double* __restrict brow = b.data() + (i + dy) * n;
      for (int j = 0; j < n; ++j) {
        const double x1 = a1[i * n + j];
        if (x1 == 0.0) continue;
        double* __restrict out1 = row1 + (n - 1 - j);
        if (row2) {
          const double x2 = (*a2)[i * n + j];
          double* __restrict out2 = row2 + (n - 1 - j);
          for (int t = 0; t < n; ++t) {
            out1[t] += x1 * brow[t];
            out2[t] += x2 * brow[t];
          }
        } else {
          for (int t = 0; t < n; ++t) out1[t] += x1 * brow[t];
        }
      }
    }
  }
}

// Row-major copy of a map: values (NaN → 0) and validity (1/0).
void splitMap(const Eigen::MatrixXd& map, std::vector<double>& x, std::vector<double>& m) {
  const int n = static_cast<int>(map.rows());
  x.assign(static_cast<size_t>(n) * n, 0.0);
  m.assign(x.size(), 0.0);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (!std::isnan(map(i, j))) {
        x[i * n + j] = map(i, j);
        m[i * n + j] = 1.0;
      }
}

// Bin-pair counts N(d) of a validity mask: the mask correlated with itself.
std::vector<double> pairCounts(const std::vector<double>& m, int n) {
  const int L = 2 * n - 1;
  std::vector<double> c(static_cast<size_t>(L) * L, 0.0);
  correlate(m, nullptr, m, n, -(n - 1), c, nullptr);
  return c;
}

// SAC (row-major) of x (NaN → 0) with validity mask m and its pair counts.
std::vector<double> sacRowMajor(const std::vector<double>& x, const std::vector<double>& m,
                                const std::vector<double>& counts, int n) {
  const int L = 2 * n - 1, LL = L * L;
  std::vector<double> x2(x.size());
  for (size_t k = 0; k < x.size(); ++k) x2[k] = x[k] * x[k];
  // s1(d) = Σ x(i)·m(i + d), s11(d) = Σ x(i)²·m(i + d); the seq2 sums are their mirrors
  // s2(d) = s1(−d), s22(d) = s11(−d). xx(d) = Σ x(i)·x(i + d) is symmetric: only dy ≥ 0.
  std::vector<double> s1(LL, 0.0), s11(LL, 0.0), xx(LL, 0.0);
  correlate(x, &x2, m, n, -(n - 1), s1, &s11);
  correlate(x, nullptr, x, n, 0, xx, nullptr);
  for (int k = 0; k < (n - 1) * L; ++k) xx[k] = xx[LL - 1 - k];  // rows dy < 0 by symmetry
  std::vector<double> r(LL, 0.0);
  for (int k = 0; k < LL; ++k) {
    const double N = counts[k];
    if (N < 1.0) continue;
    const int mk = LL - 1 - k;  // lag −d
    const double m1 = s1[k] / N, m2 = s1[mk] / N, q1 = s11[k] / N, q2 = s11[mk] / N;
    const double var1 = q1 - m1 * m1, var2 = q2 - m2 * m2;
    // Zero, negative or round-off-sized variance (a constant overlap): r = 0.
    if (!(var1 > 1e-12 * q1) || !(var2 > 1e-12 * q2)) continue;
    const double cov = xx[k] / N - m1 * m2;
    const double v = cov / (std::sqrt(var1) * std::sqrt(var2));
    r[k] = std::isfinite(v) ? v : 0.0;
  }
  return r;
}

Eigen::MatrixXd toEigen(const std::vector<double>& rowMajor, int L) {
  Eigen::MatrixXd s(L, L);
  for (int a = 0; a < L; ++a)
    for (int b = 0; b < L; ++b) s(a, b) = rowMajor[a * L + b];
  return s;
}

// Bilinear source position of output pixel (y, x) rotated by θ about (cy, cx): snap to the
// integer grid when within 1e-9 (exact 90° rotations).
void sourceOf(double y, double x, double cy, double cx, double cosT, double sinT, double& sy,
              double& sx) {
  const double dx = x - cx, dy = y - cy;
  sx = cx + cosT * dx + sinT * dy;
  sy = cy - sinT * dx + cosT * dy;
  if (std::abs(sx - std::round(sx)) < 1e-9) sx = std::round(sx);
  if (std::abs(sy - std::round(sy)) < 1e-9) sy = std::round(sy);
}

}  // namespace

void GridScoreConfig::validate() const {
  auto bad = [](const std::string& field, const std::string& rule, double v) {
    throw std::invalid_argument("grid_score." + field + ": must be " + rule + ", got " + num(v));
  };
  if (!(innerRadius >= 0 && innerRadius < outerRadiusMin))
    bad("inner_radius", "in [0, outer_radius_min)", innerRadius);
  if (!(outerRadiusMin > 0 && outerRadiusMin <= outerRadiusMax))
    bad("outer_radius_min", "in (0, outer_radius_max]", outerRadiusMin);
  if (!(outerRadiusMax <= 1.5)) bad("outer_radius_max", "≤ 1.5 (× n)", outerRadiusMax);
  if (outerRadiusCount < 1 || outerRadiusCount > 100)
    bad("outer_radius_count", "in [1, 100]", outerRadiusCount);
  if (!(peakMinDistance >= 1)) bad("peak_min_distance", "≥ 1 bin", peakMinDistance);
  if (!std::isfinite(peakMinValue)) bad("peak_min_value", "finite", peakMinValue);
}

Eigen::MatrixXd spatialAutocorrelogram(const Eigen::MatrixXd& rateMap) {
  if (rateMap.rows() != rateMap.cols() || rateMap.rows() < 2)
    throw std::invalid_argument("rate_map: expected a square n × n map with n ≥ 2, got " +
                                std::to_string(rateMap.rows()) + " × " +
                                std::to_string(rateMap.cols()));
  const int n = static_cast<int>(rateMap.rows());
  std::vector<double> x, m;
  splitMap(rateMap, x, m);
  return toEigen(sacRowMajor(x, m, pairCounts(m, n), n), 2 * n - 1);
}

Eigen::MatrixXd rotateBilinear(const Eigen::MatrixXd& in, double angleDeg) {
  const int rows = static_cast<int>(in.rows()), cols = static_cast<int>(in.cols());
  const double cy = 0.5 * (rows - 1), cx = 0.5 * (cols - 1);
  const double c = std::cos(radians(angleDeg)), s = std::sin(radians(angleDeg));
  Eigen::MatrixXd out = Eigen::MatrixXd::Zero(rows, cols);
  for (int y = 0; y < rows; ++y)
    for (int x = 0; x < cols; ++x) {
      double sy, sx;
      sourceOf(y, x, cy, cx, c, s, sy, sx);
      const int x0 = static_cast<int>(std::floor(sx)), y0 = static_cast<int>(std::floor(sy));
      const double fx = sx - x0, fy = sy - y0;
      double v = 0;
      for (int t = 0; t < 4; ++t) {
        const int yy = y0 + t / 2, xx = x0 + t % 2;
        const double w = (t / 2 ? fy : 1 - fy) * (t % 2 ? fx : 1 - fx);
        if (yy >= 0 && yy < rows && xx >= 0 && xx < cols && w != 0) v += w * in(yy, xx);
      }
      out(y, x) = v;
    }
  return out;
}

GridScorer::GridScorer(int bins, const GridScoreConfig& config)
    : m_n(bins), m_l(2 * bins - 1), m_config(config) {
  if (bins < 3 || bins > 512)
    throw std::invalid_argument("grid_score.bins: must be in [3, 512], got " + num(bins));
  m_config.validate();
  const int n = m_n, L = m_l, c = n - 1;
  // Radii exactly as DeepMind: inner = 0.2·n, outer = linspace(0.4, 1.0, K)·n (numpy computes
  // start + k·step and sets the last value to stop).
  const int K = m_config.outerRadiusCount;
  const double inner = m_config.innerRadius * n;
  const double step = K > 1 ? (m_config.outerRadiusMax - m_config.outerRadiusMin) / (K - 1) : 0;
  for (int a = 0; a < K; ++a) {
    const double f = a == K - 1 ? m_config.outerRadiusMax : m_config.outerRadiusMin + a * step;
    m_annuli.push_back({inner, f * n});
  }
  // Union of the annuli (inner < z ≤ largest outer), sorted by z: each annulus is a prefix.
  std::vector<std::pair<double, int>> byRadius;
  for (int y = 0; y < L; ++y)
    for (int x = 0; x < L; ++x) {
      const double z = std::sqrt(double((x - c) * (x - c) + (y - c) * (y - c)));
      if (z > inner && z <= m_annuli.back().outer) byRadius.emplace_back(z, y * L + x);
    }
  std::stable_sort(byRadius.begin(), byRadius.end(),
                   [](const auto& p, const auto& q) { return p.first < q.first; });
  for (const auto& [z, idx] : byRadius) m_pixels.push_back(idx);
  for (const GridAnnulus& an : m_annuli) {
    const auto end = std::upper_bound(byRadius.begin(), byRadius.end(), an.outer,
                                      [](double r, const auto& p) { return r < p.first; });
    m_annulusEnd.push_back(static_cast<int>(end - byRadius.begin()));
  }
  // Bilinear taps of every annulus pixel for every angle (outside the array: weight 0).
  const size_t P = m_pixels.size();
  m_taps.resize(kGridScoreAngles.size() * P);
  for (size_t a = 0; a < kGridScoreAngles.size(); ++a) {
    const double cs = std::cos(radians(kGridScoreAngles[a]));
    const double sn = std::sin(radians(kGridScoreAngles[a]));
    for (size_t p = 0; p < P; ++p) {
      double sy, sx;
      sourceOf(m_pixels[p] / L, m_pixels[p] % L, c, c, cs, sn, sy, sx);
      const int x0 = static_cast<int>(std::floor(sx)), y0 = static_cast<int>(std::floor(sy));
      const double fx = sx - x0, fy = sy - y0;
      Tap& tap = m_taps[a * P + p];
      for (int t = 0; t < 4; ++t) {
        const int yy = y0 + t / 2, xx = x0 + t % 2;
        const bool inside = yy >= 0 && yy < L && xx >= 0 && xx < L;
        tap.index[t] = inside ? yy * L + xx : 0;
        tap.weight[t] = inside ? (t / 2 ? fy : 1 - fy) * (t % 2 ? fx : 1 - fx) : 0.0;
      }
    }
  }
}

GridScore GridScorer::score(const Eigen::MatrixXd& rateMap) const {
  if (rateMap.rows() != m_n || rateMap.cols() != m_n)
    throw std::invalid_argument("rate_map: expected " + std::to_string(m_n) + " × " +
                                std::to_string(m_n) + ", got " + std::to_string(rateMap.rows()) +
                                " × " + std::to_string(rateMap.cols()));
  std::vector<double> x, m;
  splitMap(rateMap, x, m);
  return scoreRowMajorSac(sacRowMajor(x, m, pairCounts(m, m_n), m_n));
}

GridScore GridScorer::scoreSac(const Eigen::MatrixXd& sac) const {
  if (sac.rows() != m_l || sac.cols() != m_l)
    throw std::invalid_argument("sac: expected " + std::to_string(m_l) + " × " +
                                std::to_string(m_l) + ", got " + std::to_string(sac.rows()) +
                                " × " + std::to_string(sac.cols()));
  std::vector<double> s(static_cast<size_t>(m_l) * m_l);
  for (int a = 0; a < m_l; ++a)
    for (int b = 0; b < m_l; ++b) s[a * m_l + b] = sac(a, b);
  return scoreRowMajorSac(s);
}

std::vector<GridScore> GridScorer::scoreAll(const std::vector<Eigen::MatrixXd>& maps,
                                            int threads) const {
  const int U = static_cast<int>(maps.size());
  std::vector<std::vector<double>> xs(U), ms(U);
  // Pair counts once per distinct validity mask (usually one: the shared occupancy).
  std::vector<int> maskOf(U);
  std::vector<int> distinct;  // unit index holding each distinct mask
  for (int u = 0; u < U; ++u) {
    if (maps[u].rows() != m_n || maps[u].cols() != m_n)
      throw std::invalid_argument("rate_maps[" + std::to_string(u) + "]: expected " +
                                  std::to_string(m_n) + " × " + std::to_string(m_n) + ", got " +
                                  std::to_string(maps[u].rows()) + " × " +
                                  std::to_string(maps[u].cols()));
    splitMap(maps[u], xs[u], ms[u]);
    int found = -1;
    for (size_t d = 0; d < distinct.size() && found < 0; ++d)
      if (ms[distinct[d]] == ms[u]) found = static_cast<int>(d);
    if (found < 0) {
      found = static_cast<int>(distinct.size());
      distinct.push_back(u);
    }
    maskOf[u] = found;
  }
  std::vector<std::vector<double>> counts(distinct.size());
  parallelFor(static_cast<int>(distinct.size()), threads,
              [&](int d) { counts[d] = pairCounts(ms[distinct[d]], m_n); });
  std::vector<GridScore> out(U);
  parallelFor(U, threads, [&](int u) {
    out[u] = scoreRowMajorSac(sacRowMajor(xs[u], ms[u], counts[maskOf[u]], m_n));
  });
  return out;
}

GridScore GridScorer::scoreRowMajorSac(const std::vector<double>& sac) const {
  GridScore out;
  constexpr int A = static_cast<int>(kGridScoreAngles.size());
  const size_t P = m_pixels.size();
  // Running sums over the pixels sorted by radius: ΣS, ΣS², and per angle ΣR_θ, ΣS·R_θ.
  // In an annulus of A pixels, m = ΣS/A, var = ΣS²/A − m², and
  //   mean[(S − m)(R − m)] = ΣSR/A − m·ΣR/A − m·ΣS/A + m² = ΣSR/A − m·ΣR/A.
  double sS = 0, sSS = 0;
  std::array<double, A> sR{}, sSR{};
  size_t next = 0;
  for (size_t a = 0; a < m_annuli.size(); ++a) {
    for (; next < static_cast<size_t>(m_annulusEnd[a]); ++next) {
      const double s = sac[m_pixels[next]];
      sS += s;
      sSS += s * s;
      for (int k = 0; k < A; ++k) {
        const Tap& t = m_taps[k * P + next];
        const double r = t.weight[0] * sac[t.index[0]] + t.weight[1] * sac[t.index[1]] +
                         t.weight[2] * sac[t.index[2]] + t.weight[3] * sac[t.index[3]];
        sR[k] += r;
        sSR[k] += s * r;
      }
    }
    const double area = static_cast<double>(next);
    if (area == 0) continue;
    const double mean = sS / area, variance = sSS / area - mean * mean + 1e-5;
    std::array<double, A> c{};
    for (int k = 0; k < A; ++k) c[k] = (sSR[k] / area - mean * sR[k] / area) / variance;
    // c indices: 0:30 1:45 2:60 3:90 4:120 5:135 6:150.
    const double minMax = std::min(c[2], c[4]) - std::max({c[0], c[3], c[6]});
    const double meanForm = (c[2] + c[4]) / 2 - (c[0] + c[3] + c[6]) / 3;
    const double s90 = c[3] - (c[1] + c[5]) / 2;
    const int ai = static_cast<int>(a);
    if (out.annulus60MinMax < 0 || minMax > out.score60MinMax) {
      out.score60MinMax = minMax;
      out.annulus60MinMax = ai;
      if (m_config.minMax) out.correlations = c;
    }
    if (out.annulus60Mean < 0 || meanForm > out.score60Mean) {
      out.score60Mean = meanForm;
      out.annulus60Mean = ai;
      if (!m_config.minMax) out.correlations = c;
    }
    if (out.annulus90 < 0 || s90 > out.score90) {
      out.score90 = s90;
      out.annulus90 = ai;
    }
  }
  out.score60 = m_config.minMax ? out.score60MinMax : out.score60Mean;
  out.annulus60 = m_config.minMax ? out.annulus60MinMax : out.annulus60Mean;
  if (out.annulus60 >= 0) out.best60 = m_annuli[out.annulus60];
  if (out.annulus90 >= 0) out.best90 = m_annuli[out.annulus90];
  findPeaks(sac, out);
  if (m_config.keepSac) out.sac = toEigen(sac, m_l);
  return out;
}

void GridScorer::findPeaks(const std::vector<double>& sac, GridScore& out) const {
  const int L = m_l, c = m_n - 1;
  struct Peak {
    double distance, dx, dy;
  };
  std::vector<Peak> peaks;
  auto at = [&](int y, int x) { return sac[y * L + x]; };
  for (int y = 1; y < L - 1; ++y)
    for (int x = 1; x < L - 1; ++x) {
      const double v = at(y, x);
      if (!(v > m_config.peakMinValue)) continue;
      bool isMax = true;
      for (int k = 0; k < 9 && isMax; ++k)
        if (k != 4 && !(v > at(y + k / 3 - 1, x + k % 3 - 1))) isMax = false;
      if (!isMax) continue;
      // Parabola through (−1, 0, +1) along each axis: offset = (f₋ − f₊) / (2(f₋ − 2f₀ + f₊)).
      auto offset = [](double fm, double f0, double fp) {
        const double den = fm - 2 * f0 + fp;
        return den < 0 ? std::clamp(0.5 * (fm - fp) / den, -0.5, 0.5) : 0.0;
      };
      const double dx = x - c + offset(at(y, x - 1), v, at(y, x + 1));
      const double dy = y - c + offset(at(y - 1, x), v, at(y + 1, x));
      const double d = std::hypot(dx, dy);
      if (d >= m_config.peakMinDistance && d <= c) peaks.push_back({d, dx, dy});
    }
  std::stable_sort(peaks.begin(), peaks.end(),
                   [](const Peak& a, const Peak& b) { return a.distance < b.distance; });
  if (peaks.size() > 6) peaks.resize(6);
  if (peaks.empty()) return;
  std::vector<double> distances;
  std::complex<double> sixfold = 0;
  for (const Peak& p : peaks) {
    out.peaks.emplace_back(p.dx, p.dy);
    distances.push_back(p.distance);
    sixfold += std::polar(1.0, 6.0 * std::atan2(p.dy, p.dx));
  }
  std::sort(distances.begin(), distances.end());
  const size_t k = distances.size();
  out.spacingBins = k % 2 ? distances[k / 2] : 0.5 * (distances[k / 2 - 1] + distances[k / 2]);
  double orientation = degrees(std::arg(sixfold)) / 6.0;  // (−30, 30]
  if (orientation < 0) orientation += 60.0;
  out.orientationDeg = orientation >= 60.0 ? orientation - 60.0 : orientation;
}

}  // namespace emergence::engine
