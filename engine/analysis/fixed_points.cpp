// Slow-point search, settled states and the ring check; equations in fixed_points.h.
#include "engine/analysis/fixed_points.h"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "engine/analysis/unit_classes.h"
#include "engine/core/angles.h"

namespace emergence::engine {

template <typename S>
AutonomousCtrnn autonomousCtrnn(const Ctrnn<S>& net, const Eigen::VectorXd& input) {
  const CtrnnConfig& c = net.config();
  AutonomousCtrnn sys;
  sys.alpha = c.dtOverTau;
  sys.f = c.nonlinearity;
  sys.wRec = net.params.W_rec.template cast<double>().cwiseProduct(net.masks.rec.template cast<double>());
  sys.drive = net.params.b_rec.template cast<double>();
  if (input.size() > 0) {
    if (input.size() != net.params.W_in.cols())
      throw std::invalid_argument("autonomousCtrnn: input must have N_in entries");
    const Eigen::MatrixXd wIn =
        net.params.W_in.template cast<double>().cwiseProduct(net.masks.in.template cast<double>());
    sys.drive += wIn * input;
  }
  return sys;
}

Eigen::VectorXd rateOf(Nonlinearity f, const Eigen::VectorXd& x) {
  switch (f) {
    case Nonlinearity::RectifiedTanh: return x.array().tanh().max(0.0).matrix();
    case Nonlinearity::Tanh: return x.array().tanh().matrix();
    case Nonlinearity::Relu: return x.array().max(0.0).matrix();
  }
  return x;
}

// Same convention as the model's backward pass: f'(0) = 0 for the rectified nonlinearities.
Eigen::VectorXd rateSlopeOf(Nonlinearity f, const Eigen::VectorXd& x) {
  switch (f) {
    case Nonlinearity::RectifiedTanh:
      return ((x.array() > 0.0).cast<double>() * (1.0 - x.array().tanh().square())).matrix();
    case Nonlinearity::Tanh: return (1.0 - x.array().tanh().square()).matrix();
    case Nonlinearity::Relu: return (x.array() > 0.0).cast<double>().matrix();
  }
  return x;
}

Eigen::VectorXd stepMap(const AutonomousCtrnn& sys, const Eigen::VectorXd& x) {
  return x + sys.alpha * (-x + sys.wRec * rateOf(sys.f, x) + sys.drive);
}

Eigen::MatrixXd stepJacobian(const AutonomousCtrnn& sys, const Eigen::VectorXd& x) {
  // J = (1 − α) I + α W diag f'(x): column j of W scaled by f'(x_j).
  Eigen::MatrixXd J = sys.alpha * (sys.wRec * rateSlopeOf(sys.f, x).asDiagonal());
  J.diagonal().array() += 1.0 - sys.alpha;
  return J;
}

double slowness(const AutonomousCtrnn& sys, const Eigen::VectorXd& x) {
  return 0.5 * (stepMap(sys, x) - x).squaredNorm();
}

SlowPoint findSlowPoint(const AutonomousCtrnn& sys, const Eigen::VectorXd& start,
                        const SlowPointConfig& c) {
  const int N = sys.size();
  if (start.size() != N) throw std::invalid_argument("findSlowPoint: start state must have N entries");
  // Levenberg–Marquardt (damping update of Madsen, Nielsen & Tingleff 2004, §3.2) on the
  // residual g(x) = F(x) − x, Jacobian G = J − I; q = ½‖g‖², ∇q = Gᵀ g.
  SlowPoint p;
  Eigen::VectorXd x = start;
  Eigen::VectorXd g = stepMap(sys, x) - x;
  double q = 0.5 * g.squaredNorm();
  p.qStart = q;
  Eigen::MatrixXd G, A;
  Eigen::VectorXd grad;
  auto linearise = [&]() {
    G = stepJacobian(sys, x);
    G.diagonal().array() -= 1.0;
    A.noalias() = G.transpose() * G;
    grad.noalias() = G.transpose() * g;
  };
  linearise();
  double lambda = c.initialDamping * std::max(A.diagonal().maxCoeff(), 1e-300);
  double nu = 2.0;
  Eigen::LDLT<Eigen::MatrixXd> ldlt;
  int it = 0;
  for (; it < c.maxIterations; ++it) {
    if (q <= c.qTolerance || grad.lpNorm<Eigen::Infinity>() <= c.gradientTolerance) {
      p.converged = true;
      break;
    }
    Eigen::MatrixXd M = A;
    M.diagonal().array() += lambda;
    ldlt.compute(M);
    const Eigen::VectorXd delta = ldlt.solve(-grad);
    if (!delta.allFinite()) break;
    if (delta.norm() <= c.stepTolerance * (x.norm() + c.stepTolerance)) {
      p.converged = true;
      break;
    }
    const Eigen::VectorXd xNew = x + delta;
    const Eigen::VectorXd gNew = stepMap(sys, xNew) - xNew;
    const double qNew = 0.5 * gNew.squaredNorm();
    const double predicted = 0.5 * delta.dot(lambda * delta - grad);  // > 0
    const double rho = predicted > 0 ? (q - qNew) / predicted : -1.0;
    if (rho > 0 && qNew < q) {
      x = xNew;
      g = gNew;
      q = qNew;
      linearise();
      lambda *= std::max(1.0 / 3.0, 1.0 - std::pow(2.0 * rho - 1.0, 3));
      nu = 2.0;
    } else {
      lambda *= nu;
      nu *= 2.0;
      if (!std::isfinite(lambda) || lambda > 1e300) break;  // no descent possible
    }
  }
  p.iterations = it;
  p.x = x;
  p.r = rateOf(sys.f, x);
  p.q = q;
  p.jacobianEigenvalues = eigenvaluesOf(stepJacobian(sys, x));
  return p;
}

std::vector<SlowPoint> findSlowPoints(const AutonomousCtrnn& sys, const Eigen::MatrixXd& starts,
                                      const SlowPointConfig& config,
                                      const std::function<bool(int, int)>& progress) {
  std::vector<SlowPoint> out;
  const int K = int(starts.cols());
  out.reserve(size_t(K));
  for (int k = 0; k < K; ++k) {
    out.push_back(findSlowPoint(sys, starts.col(k), config));
    if (progress && !progress(k + 1, K)) break;
  }
  return out;
}

template <typename S>
SettledStates settleFromHeadings(const Ctrnn<S>& net, const SettleConfig& c) {
  if (net.config().numInputs < 3)
    throw std::invalid_argument("settleFromHeadings: needs the 3 head-direction inputs");
  if (c.headings <= 0) throw std::invalid_argument("settleFromHeadings: headings must be > 0");
  const AutonomousCtrnn sys = autonomousCtrnn(net);  // drive = b (u = 0)
  const Eigen::MatrixXd wIn =
      net.params.W_in.template cast<double>().cwiseProduct(net.masks.in.template cast<double>());
  const int K = c.headings;
  SettledStates out;
  out.headingRad.resize(K);
  Eigen::MatrixXd cue = Eigen::MatrixXd::Zero(wIn.cols(), K);  // N_in × K, (0, sin θ, cos θ)
  for (int k = 0; k < K; ++k) {
    out.headingRad[k] = kTwoPi * k / K;
    cue(1, k) = std::sin(out.headingRad[k]);
    cue(2, k) = std::cos(out.headingRad[k]);
  }
  const Eigen::MatrixXd cueDrive = wIn * cue;  // N × K
  // x_t = (1 − α) x_{t−1} + α (W f(x_{t−1}) + W_in u_t + b), all K trials as columns.
  Eigen::MatrixXd x = net.params.x0.template cast<double>().replicate(1, K), a;
  for (int t = 1; t <= c.cueSteps + c.steps; ++t) {
    Eigen::MatrixXd r(x.rows(), K);
    for (int k = 0; k < K; ++k) r.col(k) = rateOf(sys.f, x.col(k));
    a.noalias() = sys.wRec * r;
    a.colwise() += sys.drive;
    if (t <= c.cueSteps) a += cueDrive;
    x = (1.0 - sys.alpha) * x + sys.alpha * a;
  }
  out.x = x;
  out.r.resize(x.rows(), K);
  out.q.resize(K);
  for (int k = 0; k < K; ++k) {
    out.r.col(k) = rateOf(sys.f, x.col(k));
    out.q[k] = slowness(sys, x.col(k));
  }
  return out;
}

RingCheck checkRing(const Eigen::MatrixXd& settledR, const Eigen::VectorXd& headingRad,
                    const Eigen::MatrixXd& slowR, const RingCheckConfig& c) {
  const Eigen::Index K = settledR.cols();
  if (settledR.rows() < 2 || K < 3 || headingRad.size() != K)
    throw std::invalid_argument("checkRing: need N ≥ 2 units and K ≥ 3 states with headings");
  RingCheck out;
  out.pca = pca(settledR, 2, true);
  out.settled2d = out.pca.projections;
  out.top2Explained = out.pca.explainedRatio.sum();
  if (slowR.size() > 0) out.slow2d = projectOntoPcs(out.pca, slowR);
  const Eigen::VectorXd radius = out.settled2d.colwise().norm().transpose();
  out.radiusMean = radius.mean();
  const double var = (radius.array() - out.radiusMean).square().sum() / double(K);
  out.radiusCv = out.radiusMean > 0 ? std::sqrt(var) / out.radiusMean : INFINITY;
  std::vector<double> phi(static_cast<size_t>(K));
  for (Eigen::Index k = 0; k < K; ++k)
    phi[size_t(k)] = degrees(std::atan2(out.settled2d(1, k), out.settled2d(0, k)));
  out.largestGapDeg = largestCircularGapDeg(phi);
  std::vector<int> byHeading(static_cast<size_t>(K));
  std::iota(byHeading.begin(), byHeading.end(), 0);
  std::stable_sort(byHeading.begin(), byHeading.end(), [&](int a, int b) {
    return wrapTwoPi(headingRad[a]) < wrapTwoPi(headingRad[b]);
  });
  double turn = 0.0;
  for (Eigen::Index k = 0; k < K; ++k) {
    const int from = byHeading[size_t(k)], to = byHeading[size_t((k + 1) % K)];
    turn += wrapDegrees180(phi[size_t(to)] - phi[size_t(from)]);
  }
  out.winding = int(std::lround(turn / 360.0));
  out.isRing = out.pca.totalVariance > 1e-12 && std::abs(out.winding) == 1 &&
               out.radiusCv <= c.maxRadiusCv && out.largestGapDeg <= c.maxGapDeg;
  return out;
}

template AutonomousCtrnn autonomousCtrnn<float>(const Ctrnn<float>&, const Eigen::VectorXd&);
template AutonomousCtrnn autonomousCtrnn<double>(const Ctrnn<double>&, const Eigen::VectorXd&);
template SettledStates settleFromHeadings<float>(const Ctrnn<float>&, const SettleConfig&);
template SettledStates settleFromHeadings<double>(const Ctrnn<double>&, const SettleConfig&);

}  // namespace emergence::engine
