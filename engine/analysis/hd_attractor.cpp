#include "engine/analysis/hd_attractor.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace emergence::engine {
namespace {

double median(std::vector<double> v) {
  std::erase_if(v, [](double x) { return !std::isfinite(x); });
  if (v.empty()) return std::nan("");
  const size_t m = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + long(m), v.end());
  if (v.size() % 2) return v[m];
  const double hi = v[m];
  std::nth_element(v.begin(), v.begin() + long(m) - 1, v.end());
  return 0.5 * (hi + v[m - 1]);
}

std::vector<double> sortedAbs(const Eigen::VectorXcd& ev) {
  std::vector<double> a(static_cast<size_t>(ev.size()));
  for (Eigen::Index i = 0; i < ev.size(); ++i) a[size_t(i)] = std::abs(ev[i]);
  std::sort(a.begin(), a.end(), std::greater<>());
  return a;
}

}  // namespace

double largestAbsEigenvalue(const Eigen::VectorXcd& ev) {
  const auto a = sortedAbs(ev);
  return a.empty() ? std::nan("") : a[0];
}

double secondAbsEigenvalue(const Eigen::VectorXcd& ev) {
  const auto a = sortedAbs(ev);
  return a.size() < 2 ? std::nan("") : a[1];
}

HdAttractorResult computeHdAttractor(const Ctrnn<float>& net, const HdAttractorConfig& c,
                                     const std::function<bool(int, int)>& progress) {
  if (c.searches < 0) throw std::invalid_argument("computeHdAttractor: searches must be ≥ 0");
  HdAttractorResult r;
  r.nearOne = c.nearOne;
  r.settled = settleFromHeadings(net, c.settle);
  const int K = int(r.settled.x.cols());
  const int P = std::min(c.searches, K);
  bool go = !progress || progress(0, P);
  // Starts spread evenly over the headings: settled state k·K/P for search k.
  Eigen::MatrixXd starts(r.settled.x.rows(), P);
  for (int k = 0; k < P; ++k) {
    r.slowStart.push_back(int((long long)k * K / std::max(P, 1)));
    starts.col(k) = r.settled.x.col(r.slowStart.back());
  }
  if (go && P > 0) {
    const AutonomousCtrnn sys = autonomousCtrnn(net);  // ω = 0, no cue
    r.slowPoints = findSlowPoints(sys, starts, c.slow, [&](int done, int total) {
      go = !progress || progress(done, total);
      return go;
    });
  }
  r.slowStart.resize(r.slowPoints.size());
  r.complete = int(r.slowPoints.size()) == P;
  Eigen::MatrixXd slowR(r.settled.r.rows(), Eigen::Index(r.slowPoints.size()));
  std::vector<double> q, lambda1;
  for (size_t k = 0; k < r.slowPoints.size(); ++k) {
    const SlowPoint& p = r.slowPoints[k];
    slowR.col(Eigen::Index(k)) = p.r;
    q.push_back(p.q);
    const double l1 = largestAbsEigenvalue(p.jacobianEigenvalues);
    const double l2 = secondAbsEigenvalue(p.jacobianEigenvalues);
    lambda1.push_back(l1);
    if (p.converged) ++r.converged;
    if (std::abs(l1 - 1.0) <= c.nearOne && (!std::isfinite(l2) || l2 < 1.0)) ++r.oneNearUnity;
  }
  r.medianQ = median(q);
  r.medianAbsLambda1 = median(lambda1);
  if (K >= 3) r.ring = checkRing(r.settled.r, r.settled.headingRad, slowR, c.ring);
  return r;
}

}  // namespace emergence::engine
