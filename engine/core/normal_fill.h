#pragma once
// Bulk standard-normal draws for noise tensors (millions per training update).
// Box–Muller on blocks of uniforms with Eigen's vectorised log/sin/cos: deterministic for a given
// build and seed, about an order of magnitude faster than one scalar draw at a time.
#include <Eigen/Core>

namespace emergence::engine {

class Rng;

// out[0..n) ← N(0, 1)·scale.
void fillNormal(float* out, Eigen::Index n, Rng& rng, float scale = 1.0f);
void fillNormal(double* out, Eigen::Index n, Rng& rng, double scale = 1.0);

}  // namespace emergence::engine
