#pragma once
// Spatial phases of grid units on a common lattice, to sort a weight matrix "by grid phase"
// (grid-cells.md §9; Sorscher et al. 2023 show continuous-attractor-like connectivity once units
// are ordered by phase) [design].
//
// Reference lattice: the SAC peaks of the reference unit (the unit of highest score60 with at
// least three peaks): a1 = the peak nearest the centre, a2 = the nearest peak at 60° ± 15° from
// a1 (or, failing that, the nearest one not parallel to a1), both lags in bins (x = column,
// y = row). Reciprocal vectors b1, b2 satisfy a_i·b_j = δ_ij.
// Phase of a unit along b_j: φ_j = arg(Σ_bins (m(i, j) − mean) e^{−2πi b_j·(col, row)}) / 2π
// in [0, 1) (NaN bins skipped); the amplitude A = (|F1| + |F2|)/2 ÷ Σ|m − mean|, in [0, 1]
// (about 1/3 for a clean grid on the lattice, near 0 for noise). A map translated by d
// (bins) shifts φ_j by −b_j·d.
// Order: grid units (the given class flags) by a serpentine raster of the phase torus: φ1 cut
// into K = round(√count) strips, each strip by φ2 (alternating direction, so neighbours in the
// order are neighbours on the torus); then every other unit in index order.
#include <Eigen/Core>
#include <vector>

#include "engine/analysis/grid_scores.h"

namespace emergence::engine {

struct GridPhases {
  int reference = -1;              // unit whose SAC defined the lattice; −1: no lattice found
  Eigen::Vector2d a1, a2;          // lattice vectors, bins (x = column, y = row)
  Eigen::VectorXd phase1, phase2;  // per unit, [0, 1); NaN without a lattice or a flat map
  Eigen::VectorXd amplitude;       // per unit, [0, 1]
  std::vector<int> order;          // all units: grid units by phase, then the rest
  int orderedByPhase = 0;          // how many leading entries of `order` are sorted by phase
};

// maps: n × n rate maps (NaN = unvisited); scores: their grid scores (peaks, score60);
// isGrid: per unit, whether to sort it by phase (e.g. class == grid).
GridPhases computeGridPhases(const std::vector<Eigen::MatrixXd>& maps,
                             const std::vector<GridScore>& scores, const std::vector<bool>& isGrid);

}  // namespace emergence::engine
