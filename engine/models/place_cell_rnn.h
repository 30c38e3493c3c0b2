#pragma once
// Discrete-time RNN with a place-cell readout (Sorscher, Mel, Ganguli & Ocko 2019/2023; the
// recipe that gives hexagonal grid cells, grid-cells.md §4):
//   g_0 = W_enc p_0                                   (initial place-cell code, no nonlinearity)
//   z_t = W_rec g_{t−1} + W_in v_t   (+ injected current),   g_t = f(z_t),  t = 1..T
//   ℓ_t = W_out g_t                                   (place-cell logits, no bias)
//   L   = −(1/(T·B)) Σ_{t,b} Σ_i p_i log softmax(ℓ_t)_i  +  λ_rec Σ W_rec²  +  λ_r mean(g²)
// f is ReLU (grids) or tanh (the ablation that gives squares/stripes). v_t is the velocity input
// (2 × T·B, Cartesian by default), p the place-cell targets (difference of softmaxes, shifted and
// renormalised: every column sums to 1).
// Layout as the CTRNN's (ctrnn.h): column t·B + b is trial b at step t+1; hidden traces keep a
// leading block for step 0. Every weight matrix is used through a 0/1 mask (ablations).
#include <Eigen/Core>

#include "engine/interventions/unit_perturbation.h"
#include "engine/models/ctrnn.h"

namespace emergence::engine {

class Rng;

struct PlaceCellRnnConfig {
  int numInputs = 2;        // v = (v_x, v_y), m per step
  int numUnits = 256;       // Ng
  int numPlaceCells = 256;  // Np
  Nonlinearity nonlinearity = Nonlinearity::Relu;  // Relu or Tanh
  // Initialisation. Sorscher uses PyTorch's defaults: every matrix U(±1/√fan_in). The gains
  // multiply those bounds (1 = Sorscher); the recurrent matrix can start as g_rec·I instead.
  double initEncoderGain = 1.0;
  double initInputGain = 1.0;
  double initRecurrentGain = 1.0;
  double initOutputGain = 1.0;
  bool initRecurrentIdentity = false;  // W_rec = g_rec·I instead of uniform
};

template <typename S>
struct PlaceCellRnnParameters {
  using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;
  Mat W_enc;  // Ng × Np: initial state from the place-cell code at the start position
  Mat W_in;   // Ng × N_in
  Mat W_rec;  // Ng × Ng, row = postsynaptic
  Mat W_out;  // Np × Ng

  void resize(const PlaceCellRnnConfig& c);
  void setZero();
  template <typename F>
  void forEach(F&& f) {
    f("W_enc", W_enc.data(), W_enc.size());
    f("W_in", W_in.data(), W_in.size());
    f("W_rec", W_rec.data(), W_rec.size());
    f("W_out", W_out.data(), W_out.size());
  }
  template <typename T>
  PlaceCellRnnParameters<T> cast() const {
    return {W_enc.template cast<T>(), W_in.template cast<T>(), W_rec.template cast<T>(),
            W_out.template cast<T>()};
  }
};

struct PlaceCellRnnMasks {
  Eigen::MatrixXf enc, in, rec, out;  // shapes of the weights; all ones = intact
  void reset(const PlaceCellRnnConfig& c);
};

// Every draw from `rng`, in the order W_enc, W_in, W_rec, W_out.
template <typename S>
void initializePlaceCellRnn(const PlaceCellRnnConfig& c, Rng& rng, PlaceCellRnnParameters<S>& p);

template <typename S>
struct PlaceCellBatch {
  using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;
  int steps = 0, trials = 0;  // T, B
  Mat inputs;                 // N_in × (T·B)
  Mat initialCode;            // Np × B: place-cell targets at the start position
  Mat targets;                // Np × (T·B): place-cell targets at each step (columns sum to 1)
  PlaceCellBatch slice(int first, int count) const;
};

template <typename S>
struct PlaceCellRnnTrace {
  using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;
  int steps = 0, trials = 0;
  Mat g;        // Ng × ((T+1)·B), block 0 = g_0
  Mat fprime;   // Ng × (T·B): f'(z_t), t = 1..T (0 where clamped)
  Mat g0Slope;  // Ng × B: ∂g_0/∂(W_enc p_0), 1, or 0 where clamped at step 0
  Mat logits;   // Np × (T·B)
  Mat softmax;  // Np × (T·B): softmax over place cells of each column
};

struct PlaceCellLossConfig {
  double recurrentL2 = 1e-4;  // λ_rec · Σ W_rec² (Sorscher's weight decay, a sum, not a mean)
  double activityL2 = 0.0;    // λ_r · mean(g_t²) over t = 1..T, units, trials (metabolic cost)
};

struct PlaceCellLossSums {
  double crossEntropy = 0.0;  // Σ_{t,b} −Σ_i p_i log q_i
  double samples = 0.0;       // T·B
  double sumSquaresG = 0.0;   // Σ g_t² over t = 1..T
  void add(const PlaceCellLossSums& o) {
    crossEntropy += o.crossEntropy;
    samples += o.samples;
    sumSquaresG += o.sumSquaresG;
  }
};

struct PlaceCellLoss {
  double crossEntropy = 0.0;  // mean over samples
  double weight = 0.0, activity = 0.0, total = 0.0;
};

template <typename S>
class PlaceCellRnn {
 public:
  using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;

  PlaceCellRnn() = default;
  explicit PlaceCellRnn(const PlaceCellRnnConfig& c) : m_config(c) {
    params.resize(c);
    params.setZero();
    masks.reset(c);
  }
  const PlaceCellRnnConfig& config() const { return m_config; }

  // Runs T steps; silencing/clamping/injection act on g (UnitPerturbation, steps 1-based; a
  // clamp at step 0 also sets g_0).
  void forward(const PlaceCellBatch<S>& batch, const UnitPerturbations& perturbations,
               PlaceCellRnnTrace<S>& trace) const;
  PlaceCellLossSums lossSums(const PlaceCellBatch<S>& batch, const PlaceCellRnnTrace<S>& tr) const;
  PlaceCellLoss finishLoss(const PlaceCellLossSums& sums, const PlaceCellLossConfig& lc) const;
  // BPTT for one shard; totalSamples = T·B of the whole batch, so shard gradients add up.
  // Accumulates into grad (setZero first); addPenaltyGradients adds λ_rec's term once.
  void backward(const PlaceCellBatch<S>& batch, const PlaceCellRnnTrace<S>& tr,
                const PlaceCellLossConfig& lc, double totalSamples,
                PlaceCellRnnParameters<S>& grad) const;
  void addPenaltyGradients(const PlaceCellLossConfig& lc, PlaceCellRnnParameters<S>& grad) const;
  void maskGradients(PlaceCellRnnParameters<S>& grad) const;

  PlaceCellRnnParameters<S> params;
  PlaceCellRnnMasks masks;

 private:
  PlaceCellRnnConfig m_config;
};

extern template class PlaceCellRnn<float>;
extern template class PlaceCellRnn<double>;

}  // namespace emergence::engine
