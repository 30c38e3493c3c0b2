#pragma once
// Reduced models of the trained retina CNN per phenomenon (retina.md §6.4–6.5), from integrated
// gradients onto its first-layer channels (integrated_gradients.h), checked against the synthetic
// ground truth's known pathways (synthetic_retina.h).
//
// For one cell and one family of probes (all the probes a phenomenon metric shows):
//   importance    I_c = Σ_probes Σ_t |A_c(t)|; K = the fewest channels (by decreasing I_c)
//                 whose importance covers ≥ `coverage` of Σ_c I_c
//   weight        w_c = Σ_t A_c(t)/Σ_t [z̄_c(t) − z̄_c(0)] over the family (z̄ = channel sum of the
//                 stimulus-driven conv1 output), and the time-resolved A_c(t)/(z̄_c(t) − z̄_c(0))
//   exact form    r̂(t) = F(0) + Σ_{c∈K} A_c(t)
//   mechanistic   (full-field probes) r̂(t) = softplus(b + Σ_{c∈K} w′_c·u_c(t))/dt with
//                 u_c(t) = ReLU(s̄_c·(k̄_c ∗ s(t) + b1_c) + t̄_c): channel c's spatially summed kernel
//                 on the stimulus, through its (channel-mean) BN1 map and ReLU — the first-layer
//                 unit itself. b and w′_c are fitted (Gauss–Newton, squared error on the rate) to
//                 the CNN's response over the family: w_c of the exact form is in Hz per conv1
//                 unit and cannot be used inside the softplus directly (a departure from §6.4.4's
//                 "w_c", stated here).
//   validation    CC(r̂, r) per probe; the phenomenon metric on r̂; the CNN with the channels of K
//                 clamped to their background response (retinaCnnResponder's ablation) — the
//                 effect should be abolished.
// Labels (§6.5): ON/OFF from the sign of the largest-|·| entry of the channel's spatially summed
// temporal kernel k̄_c(h) in the recent part of the window (h ≥ ⌊3H/8⌋, frames 15–39 of 40), times
// the sign of its BN1 gain (a negative γ flips what the channel's output signals); kinetics fast
// if that entry's lag (H − h)·10 ms < kineticsSplitMs (80 ms: the ground truth's fast kernels peak at
// 60 ms, ON-slow at 100 ms), else slow; excitatory/inhibitory from the
// sign of Σ_t A_c(t) over a family.
#include <Eigen/Core>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/analysis/integrated_gradients.h"
#include "engine/models/retina_cnn.h"
#include "engine/retina/phenomena.h"
#include "engine/retina/synthetic_retina.h"

namespace emergence::engine {

struct RetinaChannelLabel {
  bool on = false, fast = false;
  double peakLagMs = 0;   // lag of the largest-|·| recent entry of k̄_c
  double peakValue = 0;   // that entry (signed, before the BN1 sign)
  double bnSign = 1;      // sign of the channel's mean BN1 gain
  std::string name() const;  // "ON-fast", "OFF-slow", …
};
std::vector<RetinaChannelLabel> labelRetinaChannels(const RetinaCnn<float>& net,
                                                    double kineticsSplitMs = 80.0);

// Integrated gradients of one cell on every probe it is shown, computed once per distinct probe
// (keyed by a hash of the probe's content).
class AttributionCache {
 public:
  AttributionCache(const RetinaCnn<float>& net, int cell, const IntegratedGradientsConfig& ig);
  const ProbeAttribution& get(const ProbeStimulus& probe);
  struct Entry {
    ProbeStimulus probe;
    ProbeAttribution attribution;
  };
  const std::deque<Entry>& entries() const { return m_entries; }  // stable references
  // CNN rates of all cells (N × T), attributing `cell` on the way.
  ProbeResponder recordingResponder();
  // The exact-decomposition reduced model of `cell` on channels K (1 × T).
  ProbeResponder reducedResponder(const std::vector<int>& channels);
  int cell() const { return m_cell; }

 private:
  std::shared_ptr<const RetinaCnn<float>> m_net;
  int m_cell;
  IntegratedGradientsConfig m_ig;
  std::deque<Entry> m_entries;
  std::map<std::uint64_t, size_t> m_index;
};

struct PathwayMatch {
  std::string pathway;  // "OFF-fast", "ON-slow", "ON-fast", …
  int channel = -1;     // best-correlated channel of the reduced set
  double rho = 0;       // Pearson ρ of A_channel(t) with the pathway signal over the family
  int channelAll = -1;  // best over all channels
  double rhoAll = 0;
};

struct ChannelReduction {
  Eigen::VectorXd importance;       // C1: I_c / Σ I
  std::vector<int> channels;        // K, by decreasing importance
  Eigen::VectorXd weight;           // C1: w_c (Hz per conv1 unit)
  Eigen::VectorXd attributionSum;   // C1: Σ_t A_c(t) over the family (sign = exc./inh.)
};
ChannelReduction reduceChannels(const std::vector<const ProbeAttribution*>& family,
                                double coverage);

// r̂ = F(0) + Σ_{c∈K} A_c(t).
Eigen::VectorXd exactReducedResponse(const ProbeAttribution& a, const std::vector<int>& channels);

// The mechanistic form on full-field probes: fitted b, w′ (|K|), the traces r̂ per probe.
struct MechanisticFit {
  double bias = 0;
  Eigen::VectorXd weights;               // |K|
  std::vector<Eigen::VectorXd> response;  // per probe, T, Hz
  std::vector<double> cc;                 // per probe, CC(r̂, r)
};
MechanisticFit fitMechanisticModel(const RetinaCnn<float>& net,
                                   const std::vector<const ProbeAttribution*>& family,
                                   const std::vector<int>& channels);

// ρ between every channel's attribution and every ground-truth input of `cell`, concatenated over
// the family's probes; the best channel per pathway.
std::vector<PathwayMatch> matchPathways(const SyntheticRetina& truth, int cell,
                                        const std::vector<const AttributionCache::Entry*>& family,
                                        const std::vector<int>& channels);

}  // namespace emergence::engine
