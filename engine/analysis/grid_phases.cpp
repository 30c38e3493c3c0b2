#include "engine/analysis/grid_phases.h"

#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>

namespace emergence::engine {
namespace {

constexpr double kPi = std::numbers::pi;

double wrap01(double x) {
  x -= std::floor(x);
  return x >= 1.0 ? 0.0 : x;
}

// Picks two lattice vectors from SAC peaks (nearest first); false if there are fewer than 2
// usable ones.
bool latticeFrom(const std::vector<Eigen::Vector2d>& peaks, Eigen::Vector2d& a1,
                 Eigen::Vector2d& a2) {
  if (peaks.size() < 2) return false;
  a1 = peaks[0];
  if (a1.norm() <= 0) return false;
  int best = -1, fallback = -1;
  for (size_t k = 1; k < peaks.size(); ++k) {
    const Eigen::Vector2d& p = peaks[k];
    if (p.norm() <= 0) continue;
    const double c = std::clamp(a1.dot(p) / (a1.norm() * p.norm()), -1.0, 1.0);
    const double angle = std::acos(c) * 180.0 / kPi;
    if (best < 0 && std::abs(angle - 60.0) <= 15.0) best = int(k);
    if (fallback < 0 && angle > 20.0 && angle < 160.0) fallback = int(k);
  }
  const int pick = best >= 0 ? best : fallback;
  if (pick < 0) return false;
  a2 = peaks[size_t(pick)];
  return true;
}

}  // namespace

GridPhases computeGridPhases(const std::vector<Eigen::MatrixXd>& maps,
                             const std::vector<GridScore>& scores,
                             const std::vector<bool>& isGrid) {
  const int U = int(maps.size());
  GridPhases out;
  out.phase1 = Eigen::VectorXd::Constant(U, std::nan(""));
  out.phase2 = Eigen::VectorXd::Constant(U, std::nan(""));
  out.amplitude = Eigen::VectorXd::Zero(U);
  out.a1 = out.a2 = Eigen::Vector2d::Zero();
  // Reference: highest score60 with at least three peaks.
  double bestScore = -1e300;
  for (int u = 0; u < U && u < int(scores.size()); ++u) {
    const GridScore& g = scores[size_t(u)];
    if (g.peaks.size() < 3 || !std::isfinite(g.score60)) continue;
    Eigen::Vector2d a1, a2;
    if (!latticeFrom(g.peaks, a1, a2)) continue;
    if (g.score60 > bestScore) {
      bestScore = g.score60;
      out.reference = u;
      out.a1 = a1;
      out.a2 = a2;
    }
  }
  std::vector<int> phased, rest;
  if (out.reference >= 0) {
    Eigen::Matrix2d A;
    A.col(0) = out.a1;
    A.col(1) = out.a2;
    const Eigen::Matrix2d B = A.inverse().transpose();  // columns b1, b2: a_i·b_j = δ_ij
    for (int u = 0; u < U; ++u) {
      const Eigen::MatrixXd& m = maps[size_t(u)];
      double sum = 0;
      int valid = 0;
      for (Eigen::Index k = 0; k < m.size(); ++k)
        if (std::isfinite(m.data()[k])) {
          sum += m.data()[k];
          ++valid;
        }
      if (valid == 0) continue;
      const double mean = sum / valid;
      std::complex<double> f1 = 0, f2 = 0;
      double total = 0;
      for (Eigen::Index j = 0; j < m.cols(); ++j)
        for (Eigen::Index i = 0; i < m.rows(); ++i) {
          const double v = m(i, j);
          if (!std::isfinite(v)) continue;
          const double d = v - mean;
          const Eigen::Vector2d p{double(j), double(i)};
          f1 += d * std::polar(1.0, -2.0 * kPi * B.col(0).dot(p));
          f2 += d * std::polar(1.0, -2.0 * kPi * B.col(1).dot(p));
          total += std::abs(d);
        }
      if (total <= 0) continue;
      out.phase1[u] = wrap01(std::arg(f1) / (2.0 * kPi));
      out.phase2[u] = wrap01(std::arg(f2) / (2.0 * kPi));
      out.amplitude[u] = std::min(1.0, 0.5 * (std::abs(f1) + std::abs(f2)) / total);
    }
  }
  for (int u = 0; u < U; ++u) {
    const bool grid = u < int(isGrid.size()) && isGrid[size_t(u)] && std::isfinite(out.phase1[u]);
    (grid ? phased : rest).push_back(u);
  }
  // Serpentine raster over the torus.
  const int K = std::max(1, int(std::lround(std::sqrt(double(phased.size())))));
  auto strip = [&](int u) { return std::min(K - 1, int(out.phase1[u] * K)); };
  std::sort(phased.begin(), phased.end(), [&](int a, int b) {
    const int sa = strip(a), sb = strip(b);
    if (sa != sb) return sa < sb;
    const bool up = sa % 2 == 0;
    if (out.phase2[a] != out.phase2[b])
      return up ? out.phase2[a] < out.phase2[b] : out.phase2[a] > out.phase2[b];
    return a < b;
  });
  out.orderedByPhase = int(phased.size());
  out.order = phased;
  out.order.insert(out.order.end(), rest.begin(), rest.end());
  return out;
}

}  // namespace emergence::engine
