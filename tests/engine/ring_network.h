#pragma once
// A hand-built ring attractor for the head-direction analyses' tests: unit i prefers
// φ_i = 2πi/N; W_ij = (2/N)(4 cos(φ_i − φ_j) − 1) (self-connections allowed), cue drive
// (sin φ_i, cos φ_i), no AV input, b = 0.1. It holds a bump at any heading (as in
// fixed_points_test). The readout is 0 unless asked for.
#include <cmath>

#include "engine/core/angles.h"
#include "engine/models/ctrnn.h"

namespace emergence::engine::test_support {

inline Ctrnn<float> ringNetwork(int N) {
  CtrnnConfig c;
  c.numUnits = N;
  c.maskSelfConnections = false;
  Ctrnn<float> net(c);
  for (int i = 0; i < N; ++i) {
    const double phi = kTwoPi * i / N;
    for (int j = 0; j < N; ++j)
      net.params.W_rec(i, j) = float((4.0 * std::cos(phi - kTwoPi * j / N) - 1.0) * 2.0 / N);
    net.params.W_in(i, 0) = 0.0f;
    net.params.W_in(i, 1) = float(std::sin(phi));
    net.params.W_in(i, 2) = float(std::cos(phi));
    net.params.b_rec[i] = 0.1f;
  }
  return net;
}

}  // namespace emergence::engine::test_support
