// Connectivity analyses (head-direction.md §6.7); conventions in connectivity.h.
#include "engine/analysis/connectivity.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "engine/core/angles.h"

namespace emergence::engine {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void checkShapes(const Eigen::MatrixXd& w, const Eigen::VectorXd& pref, size_t classes) {
  if (w.rows() != w.cols() || w.rows() != pref.size() ||
      (classes != size_t(-1) && classes != size_t(pref.size())))
    throw std::invalid_argument("connectivity: W_rec must be N × N with N preferred HDs/classes");
}

// Sort unit indices by preferred HD (NaN last), ties by index: a deterministic order.
void sortByPreferred(std::vector<int>& units, const Eigen::VectorXd& pref) {
  std::stable_sort(units.begin(), units.end(), [&](int a, int b) {
    const double pa = pref[a], pb = pref[b];
    if (std::isnan(pa) || std::isnan(pb)) return !std::isnan(pa) && std::isnan(pb);
    return pa < pb;
  });
}

}  // namespace

template <typename S>
Eigen::MatrixXd effectiveRecurrentWeights(const Ctrnn<S>& net) {
  return net.params.W_rec.template cast<double>().cwiseProduct(net.masks.rec.template cast<double>());
}

std::vector<int> orderByPreferredHd(const Eigen::VectorXd& preferredDeg,
                                    const std::vector<UnitClass>& classes) {
  if (size_t(preferredDeg.size()) != classes.size())
    throw std::invalid_argument("orderByPreferredHd: one class per preferred HD");
  std::vector<int> units;
  for (size_t i = 0; i < classes.size(); ++i)
    if (classes[i] != UnitClass::Dead) units.push_back(int(i));
  sortByPreferred(units, preferredDeg);
  return units;
}

GroupedOrder groupedOrder(const Eigen::VectorXd& preferredDeg,
                          const std::vector<UnitClass>& classes, bool includeWeak) {
  if (size_t(preferredDeg.size()) != classes.size())
    throw std::invalid_argument("groupedOrder: one class per preferred HD");
  GroupedOrder g;
  g.groups = {UnitClass::Compass, UnitClass::ShifterCcw, UnitClass::ShifterCw};
  if (includeWeak) g.groups.push_back(UnitClass::WeaklyTuned);
  g.groupStart.push_back(0);
  for (UnitClass c : g.groups) {
    std::vector<int> members = unitsOfClass(classes, c);
    sortByPreferred(members, preferredDeg);
    g.order.insert(g.order.end(), members.begin(), members.end());
    g.groupStart.push_back(int(g.order.size()));
  }
  return g;
}

Eigen::MatrixXd permuteMatrix(const Eigen::MatrixXd& w, const std::vector<int>& order) {
  const Eigen::Index M = Eigen::Index(order.size());
  for (int i : order)
    if (i < 0 || i >= w.rows() || i >= w.cols())
      throw std::out_of_range("permuteMatrix: index out of range");
  Eigen::MatrixXd p(M, M);
  for (Eigen::Index b = 0; b < M; ++b)
    for (Eigen::Index a = 0; a < M; ++a) p(a, b) = w(order[size_t(a)], order[size_t(b)]);
  return p;
}

ConnectivityProfile connectivityProfile(const Eigen::MatrixXd& w,
                                        const Eigen::VectorXd& preferredDeg,
                                        const std::vector<int>& pre, const std::vector<int>& post,
                                        double windowDeg, double stepDeg) {
  checkShapes(w, preferredDeg, size_t(-1));
  if (!(stepDeg > 0) || !(windowDeg > 0))
    throw std::invalid_argument("connectivityProfile: window and step must be > 0");
  ConnectivityProfile p;
  const int W = int(std::ceil(360.0 / stepDeg - 1e-9));
  p.deltaDeg.resize(W);
  for (int k = 0; k < W; ++k) p.deltaDeg[k] = -180.0 + k * stepDeg;
  Eigen::VectorXd sum = Eigen::VectorXd::Zero(W), sumSq = Eigen::VectorXd::Zero(W);
  p.count = Eigen::VectorXi::Zero(W);
  const double half = 0.5 * windowDeg;
  for (int i : pre) {
    for (int j : post) {
      if (i == j || std::isnan(preferredDeg[i]) || std::isnan(preferredDeg[j])) continue;
      const double delta = wrapDegrees180(preferredDeg[j] - preferredDeg[i]);
      const double v = w(j, i);  // i → j
      // Windows whose centre lies within half a window of Δ (circularly).
      const int kLo = int(std::floor((delta - half + 180.0) / stepDeg)) - 1;
      const int kHi = std::min(int(std::ceil((delta + half + 180.0) / stepDeg)) + 1, kLo + W - 1);
      for (int kk = kLo; kk <= kHi; ++kk) {
        const int k = ((kk % W) + W) % W;
        const double d = wrapDegrees180(delta - p.deltaDeg[k]);
        if (d < -half || d >= half) continue;
        sum[k] += v;
        sumSq[k] += v * v;
        p.count[k] += 1;
      }
    }
  }
  p.mean.resize(W);
  p.sd.resize(W);
  for (int k = 0; k < W; ++k) {
    const double n = p.count[k];
    if (n == 0) {
      p.mean[k] = p.sd[k] = kNaN;
      continue;
    }
    p.mean[k] = sum[k] / n;
    p.sd[k] = n > 1 ? std::sqrt(std::max(0.0, (sumSq[k] - n * p.mean[k] * p.mean[k]) / (n - 1)))
                    : 0.0;
  }
  return p;
}

std::vector<ConnectivityProfile> groupPairProfiles(const Eigen::MatrixXd& w,
                                                   const Eigen::VectorXd& preferredDeg,
                                                   const std::vector<UnitClass>& classes,
                                                   double windowDeg, double stepDeg) {
  checkShapes(w, preferredDeg, classes.size());
  const UnitClass groups[3] = {UnitClass::Compass, UnitClass::ShifterCcw, UnitClass::ShifterCw};
  std::vector<ConnectivityProfile> out;
  for (UnitClass a : groups) {
    for (UnitClass b : groups) {
      ConnectivityProfile p = connectivityProfile(w, preferredDeg, unitsOfClass(classes, a),
                                                  unitsOfClass(classes, b), windowDeg, stepDeg);
      p.pre = a;
      p.post = b;
      out.push_back(std::move(p));
    }
  }
  return out;
}

LocalExcitation compassLocalExcitation(const Eigen::MatrixXd& w,
                                       const Eigen::VectorXd& preferredDeg,
                                       const std::vector<UnitClass>& classes, double nearDeg,
                                       double farDeg) {
  checkShapes(w, preferredDeg, classes.size());
  const std::vector<int> compass = unitsOfClass(classes, UnitClass::Compass);
  LocalExcitation e;
  double nearSum = 0, farSum = 0;
  for (int i : compass) {
    for (int j : compass) {
      if (i == j) continue;
      const double d = std::abs(wrapDegrees180(preferredDeg[j] - preferredDeg[i]));
      if (d < nearDeg) {
        nearSum += w(j, i);
        ++e.nearCount;
      } else if (d > farDeg) {
        farSum += w(j, i);
        ++e.farCount;
      }
    }
  }
  e.nearMean = e.nearCount ? nearSum / e.nearCount : kNaN;
  e.farMean = e.farCount ? farSum / e.farCount : kNaN;
  return e;
}

template Eigen::MatrixXd effectiveRecurrentWeights<float>(const Ctrnn<float>&);
template Eigen::MatrixXd effectiveRecurrentWeights<double>(const Ctrnn<double>&);

}  // namespace emergence::engine
