#pragma once
// Random-walk trajectories in an Arena for the path-integration tasks (grid-cells.md §2.4, §4.3).
//
// Two generators:
//  - Rat-like model of Sorscher et al. (after Banino / Raudies & Hasselmo), §4.3 exactly, per
//    step t = 0…T−1 with dt = 0.02 s:
//        v_t = Rayleigh(b)                                      m/s, drawn fresh every step
//        if d_wall(p_t) < wallZone and |a_t| < 90°, a_t = wrap(θ_t − θ_wall):
//            turn_t = sign(a_t)·(90° − |a_t|),  v_t ← wallSpeedFactor·v_t
//        turn_t += dt·N(turnBias, turnSd²)                      rad
//        p_{t+1} = p_t + v_t·dt·(cos θ_t, sin θ_t),  θ_{t+1} = θ_t + turn_t
//    θ_wall is the outward normal of the nearest wall of the Arena (Sorscher's four box walls
//    generalised to any shape). Start: position and heading uniform.
//  - Cueva–Wei (CW18) model, §2.4 design defaults: the heading persists with Gaussian
//    increments Δ_t = ρ·Δ_{t−1} + N(0, σ²) (σ = 10°, ρ = turnMomentum = 0), the animal stands
//    still on a fraction of steps (90 %), speed ~ U(0, maxSpeed) m/step when moving, and a step
//    that would leave the arena makes the heading be redrawn until it stays inside (a "boundary
//    interaction", counted per step). Start at the arena centre.
//
// Containment guarantee: every stored position is inside the arena (Arena::contains). The rat
// model can overshoot a wall (a step is up to ~0.1 m while the wall zone is 0.03 m); such a step
// is reflected specularly at the wall (the heading is mirrored too) and counted in
// `corrections`. For the CW model, a step whose heading could not be redrawn inside within
// maxRedraws tries is replaced by standing still, also counted.
//
// Layout (as in head_direction_task.h): columns t·B + b are time-major; T × B matrices hold
// per-step scalars, element (t, b) ↔ column t·B + b. Velocities are the actual displacements,
// so p_{t+1} = p_t + velocity_t for every step (including corrected ones).
#include <Eigen/Core>
#include <cstdint>
#include <string>

#include "engine/tasks/arena.h"

namespace emergence::engine {

class Rng;

struct RatTrajectoryConfig {
  int steps = 20;                                // T (Sorscher sequence_length)
  double dt = 0.02;                              // s per step
  double speedScale = 0.13 * 6.283185307179586;  // Rayleigh b, m/s (mean b·√(π/2) ≈ 1.02)
  double turnSd = 11.52;                         // rad/s (5.76·2); turn/step = dt·N(μ, σ²)
  double turnBias = 0.0;                         // μ, rad/s
  double wallZone = 0.03;                        // m
  double wallSpeedFactor = 0.25;                 // speed multiplier inside the wall rule
  void validate() const;                         // std::invalid_argument naming the field
};

enum class WallRedraw {
  UniformHeading,  // redraw the heading uniformly in [0, 2π) (default)
  Increment,       // redraw the Gaussian increment from the previous heading; after
                   // maxRedraws/2 failures fall back to uniform headings
};

struct CuevaWeiTrajectoryConfig {
  int steps = 500;                 // T
  double maxSpeed = 0.02;          // m per step: speed ~ U(0, maxSpeed) when moving
  double zeroSpeedFraction = 0.9;  // stationary fraction of steps (CW18: "about 90 %")
  // Mean length (steps) of a still bout; still/moving is a two-state Markov chain with this
  // mean and the stationary fraction above. ≤ 0: independent steps (= 1/(1 − fraction)).
  // Must be ≥ fraction/(1 − fraction) so that moving bouts last ≥ 1 step.
  double meanStillBout = 0.0;
  double headingSdDeg = 10.0;            // SD of the heading increment per step, degrees
  double turnMomentum = 0.0;             // ρ in Δ_t = ρ·Δ_{t−1} + N(0, σ²), in [0, 1)
  bool headingDiffusesWhenStill = true;  // the heading walk also runs on still steps
  bool startAtCentre = true;             // false: start uniform in the arena
  bool uniformStartHeading = true;       // false: start heading 0
  WallRedraw wallRedraw = WallRedraw::UniformHeading;
  int maxRedraws = 1000;
  void validate() const;
};

struct TrajectoryBatch {
  int steps = 0;    // T
  int trials = 0;   // B
  double dt = 1.0;  // seconds per step (rat model: config.dt; CW model: 1, speeds are per step)
  Eigen::MatrixXd positions;   // 2 × ((T+1)·B), m; column t·B + b: after t steps (t = 0 start)
  Eigen::MatrixXd velocities;  // 2 × (T·B), m/step; column t·B + b: displacement of step t
  Eigen::MatrixXd speed;       // T × B, |displacement| m/step (rat: v·dt; CW: U(0, max) or 0)
  Eigen::MatrixXd heading;     // T × B, direction of step t, radians in [0, 2π)
  // T × B. CW: heading redraws made at step t (> 0 = boundary interaction). Rat: 1 where the
  // wall rule (turn and slow down) fired at step t.
  Eigen::MatrixXi boundaryInteractions;
  Eigen::MatrixXi corrected;  // T × B, 1 where the step was reflected/stopped to stay inside
  long long corrections = 0;  // sum of `corrected`
};

TrajectoryBatch generateRatTrajectories(const Arena& arena, const RatTrajectoryConfig& config,
                                        int trials, Rng& rng);
TrajectoryBatch generateCuevaWeiTrajectories(const Arena& arena,
                                             const CuevaWeiTrajectoryConfig& config, int trials,
                                             Rng& rng);

// Network velocity inputs, N_in × (T·B), column t·B + b = step t:
enum class VelocityInput {
  Cartesian,     // (vx, vy) = speed·(cos θ, sin θ), m/step (Sorscher's allocentric velocity)
  SpeedHeading,  // (speed m/step, θ radians in [0, 2π)) (CW18's raw direction input)
  SpeedCosSin,   // (speed m/step, cos θ, sin θ)
};
const char* velocityInputName(VelocityInput v);  // "cartesian", "speed_heading", "speed_cos_sin"
VelocityInput velocityInputFromName(const std::string& name,
                                    const std::string& field = "task.velocity_input");
int velocityInputSize(VelocityInput v);  // 2, 2, 3
Eigen::MatrixXd velocityInputs(const TrajectoryBatch& batch, VelocityInput kind);
// Positions after steps 1…T: 2 × (T·B), column t·B + b = p_{t+1} (Cartesian targets).
Eigen::MatrixXd positionTargets(const TrajectoryBatch& batch);
// Start positions p_0: 2 × B.
Eigen::MatrixXd startPositions(const TrajectoryBatch& batch);
// A T × B matrix flattened time-major: entry t·B + b (to line up with input/rate columns).
Eigen::VectorXd flattenTimeMajor(const Eigen::MatrixXd& perStep);

}  // namespace emergence::engine
