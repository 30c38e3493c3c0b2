#include "engine/tasks/trajectory.h"

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

#include "engine/core/angles.h"
#include "engine/core/random.h"

namespace emergence::engine {
namespace {

std::string num(double v) {
  std::ostringstream o;
  o << v;
  return o.str();
}
void require(bool ok, const std::string& field, const std::string& rule, double got) {
  if (!ok) throw std::invalid_argument(field + ": must be " + rule + ", got " + num(got));
}
void checkTrials(int trials) { require(trials >= 1, "trials", "≥ 1", trials); }

// Wrap into [−π, π).
double wrapPi(double a) { return wrapTwoPi(a + kPi) - kPi; }

TrajectoryBatch allocate(int T, int B, double dt) {
  TrajectoryBatch out;
  out.steps = T;
  out.trials = B;
  out.dt = dt;
  out.positions.resize(2, Eigen::Index(T + 1) * B);
  out.velocities.resize(2, Eigen::Index(T) * B);
  out.speed.resize(T, B);
  out.heading.resize(T, B);
  out.boundaryInteractions = Eigen::MatrixXi::Zero(T, B);
  out.corrected = Eigen::MatrixXi::Zero(T, B);
  return out;
}

// Store step t of trial b: displacement `disp` from p, speed (m/step) and heading of the step.
void storeStep(TrajectoryBatch& out, int t, int b, const Eigen::Vector2d& pNext,
               const Eigen::Vector2d& disp, double speed, double heading) {
  const Eigen::Index B = out.trials;
  out.velocities.col(t * B + b) = disp;
  out.positions.col((t + 1) * B + b) = pNext;
  out.speed(t, b) = speed;
  out.heading(t, b) = wrapTwoPi(heading);
}

}  // namespace

void RatTrajectoryConfig::validate() const {
  require(steps >= 1, "trajectory.steps", "≥ 1", steps);
  require(std::isfinite(dt) && dt > 0, "trajectory.dt", "a finite time step > 0 s", dt);
  require(std::isfinite(speedScale) && speedScale >= 0, "trajectory.speed_scale",
          "a finite Rayleigh scale ≥ 0 m/s", speedScale);
  require(std::isfinite(turnSd) && turnSd >= 0, "trajectory.turn_sd", "finite and ≥ 0 rad/s",
          turnSd);
  require(std::isfinite(turnBias), "trajectory.turn_bias", "finite", turnBias);
  require(std::isfinite(wallZone) && wallZone >= 0, "trajectory.wall_zone", "finite and ≥ 0 m",
          wallZone);
  require(std::isfinite(wallSpeedFactor) && wallSpeedFactor >= 0 && wallSpeedFactor <= 1,
          "trajectory.wall_speed_factor", "in [0, 1]", wallSpeedFactor);
}

void CuevaWeiTrajectoryConfig::validate() const {
  require(steps >= 1, "trajectory.steps", "≥ 1", steps);
  require(std::isfinite(maxSpeed) && maxSpeed >= 0, "trajectory.max_speed", "finite and ≥ 0 m/step",
          maxSpeed);
  require(zeroSpeedFraction >= 0 && zeroSpeedFraction < 1, "trajectory.zero_speed_fraction",
          "in [0, 1)", zeroSpeedFraction);
  if (meanStillBout > 0) {
    const double minimum = std::max(1.0, zeroSpeedFraction / (1.0 - zeroSpeedFraction));
    require(meanStillBout >= minimum, "trajectory.mean_still_bout",
            "≥ " + num(minimum) + " steps (moving bouts must last ≥ 1 step)", meanStillBout);
  }
  require(std::isfinite(headingSdDeg) && headingSdDeg >= 0, "trajectory.heading_sd_deg",
          "finite and ≥ 0 degrees", headingSdDeg);
  require(turnMomentum >= 0 && turnMomentum < 1, "trajectory.turn_momentum", "in [0, 1)",
          turnMomentum);
  require(maxRedraws >= 1, "trajectory.max_redraws", "≥ 1", maxRedraws);
}

TrajectoryBatch generateRatTrajectories(const Arena& arena, const RatTrajectoryConfig& c, int B,
                                        Rng& rng) {
  c.validate();
  checkTrials(B);
  const int T = c.steps;
  TrajectoryBatch out = allocate(T, B, c.dt);
  for (int b = 0; b < B; ++b) {
    Eigen::Vector2d p = arena.randomPoint(rng);
    double theta = kTwoPi * rng.uniform();
    out.positions.col(b) = p;
    for (int t = 0; t < T; ++t) {
      double v = rng.rayleigh(c.speedScale);  // m/s
      double turn = 0.0;
      // Wall rule of §4.3 with the nearest wall's outward normal as θ_wall.
      const WallQuery wall = arena.nearestWall(p);
      const double a = wrapPi(theta - wall.outwardAngle);
      if (wall.distance < c.wallZone && std::abs(a) < 0.5 * kPi) {
        turn = (a > 0 ? 1.0 : (a < 0 ? -1.0 : 0.0)) * (0.5 * kPi - std::abs(a));
        v *= c.wallSpeedFactor;
        out.boundaryInteractions(t, b) = 1;
      }
      turn += c.dt * (c.turnBias + c.turnSd * rng.normal());
      const double stepLength = v * c.dt;  // m
      const Eigen::Vector2d dir(std::cos(theta), std::sin(theta));
      const Eigen::Vector2d step = stepLength * dir;
      Eigen::Vector2d q = p + step;
      if (arena.contains(q)) {
        storeStep(out, t, b, q, step, stepLength, theta);
        theta += turn;
      } else {
        // Last resort: specular reflection at the wall; heading mirrored as well.
        Eigen::Vector2d mirrored = dir;
        if (!arena.reflectInside(q, 8, &mirrored)) {
          q = p;  // could not reflect inside: stand still and turn around
          mirrored = -dir;
        }
        const Eigen::Vector2d disp = q - p;
        const double len = disp.norm();
        storeStep(out, t, b, q, disp, len, len > 0 ? std::atan2(disp.y(), disp.x()) : theta);
        theta = std::atan2(mirrored.y(), mirrored.x()) + turn;
        out.corrected(t, b) = 1;
        ++out.corrections;
      }
      p = q;
    }
  }
  return out;
}

TrajectoryBatch generateCuevaWeiTrajectories(const Arena& arena, const CuevaWeiTrajectoryConfig& c,
                                             int B, Rng& rng) {
  c.validate();
  checkTrials(B);
  const int T = c.steps;
  TrajectoryBatch out = allocate(T, B, 1.0);
  const double f = c.zeroSpeedFraction;
  // Two-state Markov chain with stationary still fraction f and mean still bout Ls:
  // P(still → moving) = 1/Ls, P(moving → still) = 1/Lm with Lm = Ls·(1 − f)/f.
  const double stillBout = c.meanStillBout > 0 ? c.meanStillBout : 1.0 / (1.0 - f);
  const double pStillToMove = 1.0 / stillBout;
  const double pMoveToStill = f > 0 ? f / (stillBout * (1.0 - f)) : 0.0;
  const double sigma = radians(c.headingSdDeg);
  for (int b = 0; b < B; ++b) {
    Eigen::Vector2d p = c.startAtCentre ? arena.centre() : arena.randomPoint(rng);
    double theta = c.uniformStartHeading ? kTwoPi * rng.uniform() : 0.0;
    double increment = 0.0;  // Δ_{t−1}
    bool moving = rng.uniform() >= f;
    out.positions.col(b) = p;
    for (int t = 0; t < T; ++t) {
      if (t > 0) {
        const double u = rng.uniform();
        moving = moving ? (u >= pMoveToStill) : (u < pStillToMove);
      }
      const double previousTheta = theta, previousIncrement = increment;
      if (moving || c.headingDiffusesWhenStill) {
        increment = c.turnMomentum * increment + sigma * rng.normal();
        theta += increment;
      }
      if (!moving) {
        storeStep(out, t, b, p, Eigen::Vector2d::Zero(), 0.0, theta);
        continue;
      }
      double speed = rng.uniform(0.0, c.maxSpeed);  // m/step
      Eigen::Vector2d q = p + speed * Eigen::Vector2d(std::cos(theta), std::sin(theta));
      int redraws = 0;
      while (!arena.contains(q) && redraws < c.maxRedraws) {
        // Boundary interaction: redraw the heading until the step stays inside.
        if (c.wallRedraw == WallRedraw::Increment && redraws < c.maxRedraws / 2) {
          theta = previousTheta + c.turnMomentum * previousIncrement + sigma * rng.normal();
        } else {
          theta = kTwoPi * rng.uniform();
        }
        ++redraws;
        q = p + speed * Eigen::Vector2d(std::cos(theta), std::sin(theta));
      }
      if (redraws > 0) {
        increment = 0.0;  // the redrawn heading starts a fresh run
        out.boundaryInteractions(t, b) = redraws;
      }
      if (!arena.contains(q)) {
        q = p;  // no heading kept the step inside: stand still
        speed = 0.0;
        out.corrected(t, b) = 1;
        ++out.corrections;
      }
      storeStep(out, t, b, q, q - p, speed, theta);
      p = q;
    }
  }
  return out;
}

const char* velocityInputName(VelocityInput v) {
  switch (v) {
    case VelocityInput::Cartesian:
      return "cartesian";
    case VelocityInput::SpeedHeading:
      return "speed_heading";
    case VelocityInput::SpeedCosSin:
      return "speed_cos_sin";
  }
  return "cartesian";
}

VelocityInput velocityInputFromName(const std::string& name, const std::string& field) {
  for (VelocityInput v :
       {VelocityInput::Cartesian, VelocityInput::SpeedHeading, VelocityInput::SpeedCosSin})
    if (name == velocityInputName(v)) return v;
  throw std::invalid_argument(
      field + ": must be one of cartesian, speed_heading, speed_cos_sin; got \"" + name + "\"");
}

int velocityInputSize(VelocityInput v) { return v == VelocityInput::SpeedCosSin ? 3 : 2; }

Eigen::MatrixXd velocityInputs(const TrajectoryBatch& batch, VelocityInput kind) {
  const int T = batch.steps, B = batch.trials;
  Eigen::MatrixXd u(velocityInputSize(kind), Eigen::Index(T) * B);
  for (int t = 0; t < T; ++t)
    for (int b = 0; b < B; ++b) {
      const Eigen::Index col = Eigen::Index(t) * B + b;
      const double s = batch.speed(t, b), th = batch.heading(t, b);
      switch (kind) {
        case VelocityInput::Cartesian:
          u.col(col) = batch.velocities.col(col);
          break;
        case VelocityInput::SpeedHeading:
          u(0, col) = s;
          u(1, col) = th;
          break;
        case VelocityInput::SpeedCosSin:
          u(0, col) = s;
          u(1, col) = std::cos(th);
          u(2, col) = std::sin(th);
          break;
      }
    }
  return u;
}

Eigen::MatrixXd positionTargets(const TrajectoryBatch& batch) {
  const Eigen::Index n = Eigen::Index(batch.steps) * batch.trials;
  return batch.positions.rightCols(n);
}

Eigen::MatrixXd startPositions(const TrajectoryBatch& batch) {
  return batch.positions.leftCols(batch.trials);
}

Eigen::VectorXd flattenTimeMajor(const Eigen::MatrixXd& perStep) {
  const Eigen::MatrixXd transposed = perStep.transpose();  // B × T, column-major: b + t·B
  return Eigen::Map<const Eigen::VectorXd>(transposed.data(), transposed.size());
}

}  // namespace emergence::engine
