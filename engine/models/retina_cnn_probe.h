#pragma once
// The trained retina CNN on the §5 probes (probes.h), in eval mode, with the exact fast path for
// spatially symmetric stimuli of retina.md §6.3:
//   full-field  s(t) uniform:      z1_lin[c](t) = Σ_h k̄[c, h]·s(t − H + h),  k̄ = Σ_{u,v} W1[c, h, u, v]
//                                  (every pixel of a channel has this value)
//   bar along x s(t, x):           z1_lin[c](t, j) = Σ_h Σ_v k_y[c, h, v]·s(t − H + h, j + v),
//                                  k_y = Σ_u W1[c, h, u, v]  (every row i has this value)
// instead of the C1·H·k1²·O1² MACs per bin of the full convolution. With per-channel batch norm the
// whole network keeps the symmetry, so conv2 and the dense layer are reduced the same way (conv2
// kernels and dense weights summed over the invariant directions: one pixel for full-field input,
// one row of O pixels for bars); with per-unit batch norm the symmetry ends at BN1 and the map is
// expanded to all O1 × O1 units before BN1.
//
// Bins follow the probes' convention (phenomena.h): the CNN's response in bin t uses frames
// t − H … t − 1 of the probe, frames before 0 are the background 0 ("from rest").
#include <Eigen/Core>

#include "engine/models/retina_cnn.h"
#include "engine/retina/phenomena.h"
#include "engine/retina/probes.h"

namespace emergence::engine {

// conv1's stimulus-linear part on every bin of a probe, in the reduced geometry of its symmetry.
struct RetinaProbeConv1 {
  int bins = 0;         // T
  int height = 0, width = 0;  // map of each bin: O1 × O1 (full), 1 × O1 (bar), 1 × 1 (full field)
  ProbeSymmetry symmetry = ProbeSymmetry::None;
  Eigen::MatrixXf zlin;  // (T·height·width) × C1, channel blocks (retina_cnn_layers.h); no bias
};

// fast: use the symmetric shortcut when the probe has one (false: always the full convolution
// of the rendered frames, for tests).
RetinaProbeConv1 probeConv1(const RetinaCnn<float>& net, const ProbeStimulus& probe, bool fast = true);
// The same on all O1 × O1 units: (T·P1) × C1.
Eigen::MatrixXf expandProbeConv1(const RetinaProbeConv1& z, int conv1Out);

// The eval head matching a reduced conv1 map: the network's own head for full maps; for reduced
// maps, the head with conv2/dense weights summed over the invariant directions (per-channel BN
// only; throws std::invalid_argument for per-unit BN, whose maps must be expanded first).
RetinaEvalHead<float> probeHead(const RetinaCnn<float>& net, const RetinaProbeConv1& z);
// True when the head can stay in the reduced geometry (per-channel BN, symmetric probe).
bool probeHeadReduces(const RetinaCnn<float>& net, const RetinaProbeConv1& z);

// Rates (Hz, N × T) of every cell on the probe; `ablatedChannels` (optional) clamps those first-
// layer channels to their response to the background (their stimulus-driven part removed).
Eigen::MatrixXd respondToProbe(const RetinaCnn<float>& net, const ProbeStimulus& probe,
                               int threads = 1, const std::vector<int>& ablatedChannels = {});
// A ProbeResponder (phenomena.h) for the CNN; holds a copy of the network.
ProbeResponder retinaCnnResponder(const RetinaCnn<float>& net, int threads = 1,
                                  std::vector<int> ablatedChannels = {});

}  // namespace emergence::engine
