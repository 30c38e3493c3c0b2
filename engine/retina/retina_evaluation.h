#pragma once
// Fit measures of retina.md §9 for rate predictions (Hz) against recorded or synthetic
// responses. Shapes: a trace is T bins; a cell's repeats are R × T (row = repeat); population
// matrices are N × T (row = cell).
#include <Eigen/Core>

namespace emergence::engine {

// Pearson correlation of two traces (T ≥ 2); NaN if either is constant or sizes differ.
double pearsonCorrelation(const Eigen::Ref<const Eigen::VectorXd>& a,
                          const Eigen::Ref<const Eigen::VectorXd>& b);
// Per-cell Pearson CC of model vs target, N × T each → N.
Eigen::VectorXd perCellCorrelation(const Eigen::Ref<const Eigen::MatrixXd>& model,
                                   const Eigen::Ref<const Eigen::MatrixXd>& target);

// Noise-corrected fraction of explainable variance (§9), model trace T vs repeats R × T (R ≥ 2):
//   ȳ(t) = mean_r y_r(t),  σ²_n = mean_t Var_r(y_r(t))/R  (unbiased Var over repeats),
//   MSE = mean_t (model(t) − ȳ(t))²,  FEV = 1 − (MSE − σ²_n)/(Var_t(ȳ) − σ²_n).
// NaN when Var_t(ȳ) ≤ σ²_n (no explainable variance).
double noiseCorrectedFev(const Eigen::Ref<const Eigen::VectorXd>& model,
                         const Eigen::Ref<const Eigen::MatrixXd>& repeats);
// The uncorrected `fev` of the authors' code: 1 − MSE/Var_t(target).
double plainFev(const Eigen::Ref<const Eigen::VectorXd>& model,
                const Eigen::Ref<const Eigen::VectorXd>& target);

// Split-half reliability (§9): ρ = CC(mean of even repeats, mean of odd repeats), Spearman–Brown
// corrected to the full set, 2ρ/(1 + ρ). R ≥ 2.
double splitHalfCeiling(const Eigen::Ref<const Eigen::MatrixXd>& repeats);

}  // namespace emergence::engine
