#pragma once
// Single-trial, noise-free Euler steps of the CTRNN (ctrnn.h equations), for the live trials of
// the labs (one step per call instead of a whole batch).
#include <Eigen/Core>

#include "engine/interventions/unit_perturbation.h"
#include "engine/models/ctrnn.h"

namespace emergence::engine {

// One Euler step of the CTRNN for a single trial, noise-free (ctrnn.h equations):
//   x ← (1 − α)x + α(W_rec⊙M r + W_in⊙M u + b + injected), r = f(x), clamped units r = value.
// Perturbations are applied regardless of their step windows.
void ctrnnSingleStep(const Ctrnn<float>& model, const Eigen::MatrixXf& wRecEffective,
                     const Eigen::MatrixXf& wInEffective, const Eigen::VectorXf& input,
                     const UnitPerturbations& perturbations, Eigen::VectorXf& x,
                     Eigen::VectorXf& r);
// r = f(x) with clamps (used for step 0).
void ctrnnRates(const Ctrnn<float>& model, const UnitPerturbations& perturbations,
                const Eigen::VectorXf& x, Eigen::VectorXf& r);

}  // namespace emergence::engine
