#pragma once
// Slow points of the CTRNN with constant input and no noise (head-direction.md §8; Sussillo &
// Barak 2013). With u constant (ω = 0, cue off: u = 0 by default) one Euler step of the model is
//   F(x) = x + α(−x + W f(x) + W_in u + b),   W = W_rec ⊙ mask, W_in ⊙ mask, α = dt/τ
// and its Jacobian J(x) = ∂F/∂x = I + α(−I + W diag f'(x))  (N × N).
// Slow points minimise q(x) = ½‖F(x) − x‖² (q = 0 at a fixed point). The search is
// Levenberg–Marquardt on the residual g(x) = F(x) − x with the analytic Jacobian J − I, in double.
// States x are N-vectors (pre-nonlinearity), rates r = f(x).
#include <Eigen/Core>
#include <functional>
#include <vector>

#include "engine/analysis/spectrum.h"
#include "engine/models/ctrnn.h"

namespace emergence::engine {

// The autonomous map, in double, with the masks applied.
struct AutonomousCtrnn {
  Eigen::MatrixXd wRec;   // N × N, W_rec ⊙ mask
  Eigen::VectorXd drive;  // N, W_in u + b
  double alpha = 0.1;
  Nonlinearity f = Nonlinearity::RectifiedTanh;
  int size() const { return int(wRec.rows()); }
};
// input: N_in constant input u (empty = zero: ω = 0 and no cue).
template <typename S>
AutonomousCtrnn autonomousCtrnn(const Ctrnn<S>& net, const Eigen::VectorXd& input = {});

Eigen::VectorXd rateOf(Nonlinearity f, const Eigen::VectorXd& x);        // f(x)
Eigen::VectorXd rateSlopeOf(Nonlinearity f, const Eigen::VectorXd& x);   // f'(x)
Eigen::VectorXd stepMap(const AutonomousCtrnn& sys, const Eigen::VectorXd& x);       // F(x)
Eigen::MatrixXd stepJacobian(const AutonomousCtrnn& sys, const Eigen::VectorXd& x);  // J(x)
double slowness(const AutonomousCtrnn& sys, const Eigen::VectorXd& x);               // q(x)

struct SlowPointConfig {
  int maxIterations = 200;
  double qTolerance = 1e-24;         // stop: q ≤ this
  double gradientTolerance = 1e-18;  // stop: ‖∇q‖∞ ≤ this, ∇q = (J − I)ᵀ g
  double stepTolerance = 1e-14;      // stop: ‖δ‖ ≤ tol·(‖x‖ + tol)
  double initialDamping = 1e-3;      // λ0 = this · max diag((J − I)ᵀ(J − I))
};

struct SlowPoint {
  Eigen::VectorXd x, r;  // N
  double q = 0.0;        // ½‖F(x) − x‖² at the end
  double qStart = 0.0;   // at the start state
  int iterations = 0;
  bool converged = false;                // a tolerance was met before maxIterations
  Eigen::VectorXcd jacobianEigenvalues;  // eigenvalues of J(x), by descending real part
};

SlowPoint findSlowPoint(const AutonomousCtrnn& sys, const Eigen::VectorXd& start,
                        const SlowPointConfig& config = {});
// One search per column of starts (N × K). progress(done, total) is called after each search;
// returning false stops early (the result then holds the points found so far).
std::vector<SlowPoint> findSlowPoints(const AutonomousCtrnn& sys, const Eigen::MatrixXd& starts,
                                      const SlowPointConfig& config = {},
                                      const std::function<bool(int, int)>& progress = {});

// Start states: K trials from the model's x0 with headings θ_k = 2πk/K, cue input
// (0, sin θ_k, cos θ_k) for cueSteps steps, then ω = 0 and no cue for `steps` steps; noise off,
// no perturbation (the same Euler steps as Ctrnn::forward).
struct SettleConfig {
  int headings = 64;  // K
  int cueSteps = 10;
  int steps = 2000;
};
struct SettledStates {
  Eigen::VectorXd headingRad;  // K, θ_k
  Eigen::MatrixXd x, r;        // N × K at the last step
  Eigen::VectorXd q;           // K, slowness q of each final state under the ω = 0 map
};
template <typename S>
SettledStates settleFromHeadings(const Ctrnn<S>& net, const SettleConfig& config = {});

// Ring check: PCA of the settled rates (N × K), then each state's angle φ = atan2(PC2, PC1) in the
// PC plane. Walking the states in order of their heading (closing the loop), the wrapped steps of
// φ add up to 360°·winding. A closed 1-D ring has |winding| = 1, a nearly constant radius
// (CV ≤ maxRadiusCv) and no large hole (largest φ gap ≤ maxGapDeg).
struct RingCheckConfig {
  double maxRadiusCv = 0.25;
  double maxGapDeg = 45.0;
};
struct RingCheck {
  PcaResult pca;                // top 2 PCs of the settled rates
  Eigen::MatrixXd settled2d;    // 2 × K
  Eigen::MatrixXd slow2d;       // 2 × P, slow-point rates projected (empty if none given)
  double top2Explained = 0.0;   // explained variance ratio of PC1 + PC2
  double radiusMean = 0.0, radiusCv = 0.0;  // distance from the mean in the PC plane
  double largestGapDeg = 360.0;
  int winding = 0;
  bool isRing = false;
};
RingCheck checkRing(const Eigen::MatrixXd& settledR, const Eigen::VectorXd& headingRad,
                    const Eigen::MatrixXd& slowR = {}, const RingCheckConfig& config = {});

extern template AutonomousCtrnn autonomousCtrnn<float>(const Ctrnn<float>&, const Eigen::VectorXd&);
extern template AutonomousCtrnn autonomousCtrnn<double>(const Ctrnn<double>&,
                                                        const Eigen::VectorXd&);
extern template SettledStates settleFromHeadings<float>(const Ctrnn<float>&, const SettleConfig&);
extern template SettledStates settleFromHeadings<double>(const Ctrnn<double>&, const SettleConfig&);

}  // namespace emergence::engine
