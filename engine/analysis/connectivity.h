#pragma once
// Connectivity analyses of the head-direction RNN (head-direction.md §6.7).
// W_rec is N × N, row = postsynaptic, column = presynaptic, so the weight of i → j is W(j, i).
// Preferred HDs in degrees; Δ_ij = wrap(pref_j − pref_i) into (−180°, 180°].
#include <Eigen/Core>
#include <array>
#include <vector>

#include "engine/analysis/unit_classes.h"
#include "engine/models/ctrnn.h"

namespace emergence::engine {

// Effective recurrent weights W_rec ⊙ mask_rec as double (N × N).
template <typename S>
Eigen::MatrixXd effectiveRecurrentWeights(const Ctrnn<S>& net);

// Units that are not Dead, sorted by preferred HD (ties by index).
std::vector<int> orderByPreferredHd(const Eigen::VectorXd& preferredDeg,
                                    const std::vector<UnitClass>& classes);

// Units grouped Compass | ShifterCcw | ShifterCw (then WeaklyTuned if includeWeak), each group
// sorted by preferred HD. Group g occupies order[groupStart[g] .. groupStart[g+1]).
struct GroupedOrder {
  std::vector<int> order;
  std::vector<UnitClass> groups;  // class of each group
  std::vector<int> groupStart;    // groups.size() + 1 entries; the borders of the matrix view
};
GroupedOrder groupedOrder(const Eigen::VectorXd& preferredDeg,
                          const std::vector<UnitClass>& classes, bool includeWeak = false);

// P(a, b) = W(order[a], order[b]); M × M for an order of M units.
Eigen::MatrixXd permuteMatrix(const Eigen::MatrixXd& w, const std::vector<int>& order);

// Mean ± SD of W_ji over ordered pairs i → j (i ≠ j, i in `pre`, j in `post`) against Δ_ij,
// averaged in windows of windowDeg width centred at c = −180, −180 + stepDeg, … < 180; a pair
// belongs to window c when wrap(Δ − c) ∈ [−windowDeg/2, windowDeg/2) (windows wrap around).
// SD is the sample SD (n − 1; 0 for one pair); mean and SD are NaN for an empty window.
struct ConnectivityProfile {
  UnitClass pre = UnitClass::Compass, post = UnitClass::Compass;
  Eigen::VectorXd deltaDeg;  // window centres, degrees
  Eigen::VectorXd mean, sd;  // same length
  Eigen::VectorXi count;     // pairs per window
};
ConnectivityProfile connectivityProfile(const Eigen::MatrixXd& w,
                                        const Eigen::VectorXd& preferredDeg,
                                        const std::vector<int>& pre, const std::vector<int>& post,
                                        double windowDeg = 5.0, double stepDeg = 1.0);
// The 9 group pairs, pre-major: (Compass, CCW, CW) → (Compass, CCW, CW).
std::vector<ConnectivityProfile> groupPairProfiles(const Eigen::MatrixXd& w,
                                                   const Eigen::VectorXd& preferredDeg,
                                                   const std::vector<UnitClass>& classes,
                                                   double windowDeg = 5.0, double stepDeg = 1.0);

// Local excitation check (§12): mean Compass → Compass weight over pairs i ≠ j with |Δ| < nearDeg
// against pairs with |Δ| > farDeg. NaN means when a set is empty.
struct LocalExcitation {
  double nearMean = 0.0, farMean = 0.0;
  int nearCount = 0, farCount = 0;
  bool holds() const { return nearCount > 0 && farCount > 0 && nearMean > farMean; }
};
LocalExcitation compassLocalExcitation(const Eigen::MatrixXd& w,
                                       const Eigen::VectorXd& preferredDeg,
                                       const std::vector<UnitClass>& classes,
                                       double nearDeg = 30.0, double farDeg = 90.0);

extern template Eigen::MatrixXd effectiveRecurrentWeights<float>(const Ctrnn<float>&);
extern template Eigen::MatrixXd effectiveRecurrentWeights<double>(const Ctrnn<double>&);

}  // namespace emergence::engine
