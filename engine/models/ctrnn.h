#pragma once
// Continuous-time RNN of Cueva & Wei (2018) and Cueva, Wang, Chin & Wei (2020), Euler form:
//   x_t = x_{t−1} + α·(−x_{t−1} + W_rec r_{t−1} + W_in u_t + b [+ ξ_t]),   α = dt/τ
//   r_t = f(x_t) + η_t            (noise after the nonlinearity, the default)
//   r_t = f(x_t + η_t)            (noise before the nonlinearity)
//   y_t = W_out r_t + b_out
// x_0 is a learned vector shared by all trials; r_0 = f(x_0) carries no noise.
// Every weight matrix is used through a 0/1 mask (effective W = W ⊙ M): the fixed
// no-self-connection diagonal of W_rec and any ablation. Gradients are masked the same way.
//
// Layout (the contract of forward/backward): a batch of B trials of T steps is stored
// time-major in columns: column t·B + b holds trial b at step t+1 (t = 0..T−1).
// Hidden traces keep one extra leading block for step 0: column t·B + b = step t, t = 0..T.
#include <Eigen/Core>
#include <string>

#include "engine/interventions/unit_perturbation.h"

namespace emergence::engine {

class Rng;

enum class Nonlinearity { RectifiedTanh, Tanh, Relu };
enum class NoisePosition {
  AfterNonlinearity,   // r = f(x) + η (project default, 2024 author code)
  BeforeNonlinearity,  // r = f(x + η)
  InState              // ξ added to the drive inside the x-equation (paper equation)
};

std::string toString(Nonlinearity f);
std::string toString(NoisePosition p);
// Parse; throws std::invalid_argument naming the accepted values.
Nonlinearity nonlinearityFromString(const std::string& s);
NoisePosition noisePositionFromString(const std::string& s);

struct CtrnnConfig {
  int numInputs = 3;
  int numUnits = 100;
  int numOutputs = 2;
  double dtOverTau = 0.1;  // α = dt/τ (author code: τ = 10, dt = 1)
  Nonlinearity nonlinearity = Nonlinearity::RectifiedTanh;
  NoisePosition noisePosition = NoisePosition::AfterNonlinearity;
  double noiseStd = 0.1;            // SD of η (or ξ)
  bool maskSelfConnections = true;  // fixed zero diagonal of W_rec, gradient zeroed
  bool learnInitialState = true;    // x0
  bool learnRecurrentBias = true;   // b
  bool learnOutputBias = false;     // b_out (0 and fixed in the author code)
  // Initialisation (author code, 2024).
  double initRecurrentGain = 1.5;  // W_rec ~ N(0, g²/N)
  double initInputStd = -1.0;      // W_in ~ N(0, s²); s < 0 means 1/sqrt(N_in)
  double initOutputStd = 0.0;      // W_out ~ N(0, s²); 0 in the author code
  double initBiasMean = 0.1;       // b = mean + sd·N(0, 1)
  double initBiasStd = 0.01;
};

template <typename S>
struct CtrnnParameters {
  using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;
  using Vec = Eigen::Matrix<S, Eigen::Dynamic, 1>;
  Mat W_in;   // N × N_in
  Mat W_rec;  // N × N, row = postsynaptic, column = presynaptic
  Mat W_out;  // N_out × N
  Vec b_rec;  // N
  Vec b_out;  // N_out
  Vec x0;     // N

  void resize(const CtrnnConfig& c);
  void setZero();
  // Visit every parameter array: f(name, S* data, Eigen::Index size), contiguous storage.
  template <typename F>
  void forEach(F&& f) {
    f("W_in", W_in.data(), W_in.size());
    f("W_rec", W_rec.data(), W_rec.size());
    f("W_out", W_out.data(), W_out.size());
    f("b_rec", b_rec.data(), b_rec.size());
    f("b_out", b_out.data(), b_out.size());
    f("x0", x0.data(), x0.size());
  }
  template <typename T>
  CtrnnParameters<T> cast() const {
    CtrnnParameters<T> o;
    o.W_in = W_in.template cast<T>();
    o.W_rec = W_rec.template cast<T>();
    o.W_out = W_out.template cast<T>();
    o.b_rec = b_rec.template cast<T>();
    o.b_out = b_out.template cast<T>();
    o.x0 = x0.template cast<T>();
    return o;
  }
};

// 0/1 masks; effective weight = weight ⊙ mask.
struct CtrnnMasks {
  Eigen::MatrixXf rec;  // N × N (diagonal 0 when self-connections are masked)
  Eigen::MatrixXf in;   // N × N_in
  Eigen::MatrixXf out;  // N_out × N
  void reset(const CtrnnConfig& c);  // all ones, diagonal of rec 0 if masked
};

// Draws the author-code initialisation; every draw from `rng`, in a fixed order.
template <typename S>
void initializeCtrnn(const CtrnnConfig& c, Rng& rng, CtrnnParameters<S>& p);

// One batch of sequences in the time-major column layout above.
template <typename S>
struct SequenceBatch {
  using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;
  int steps = 0;   // T
  int trials = 0;  // B
  Mat inputs;      // N_in × (T·B)
  Mat targets;     // N_out × (T·B)
  Eigen::Matrix<S, 1, Eigen::Dynamic> lossMask;  // 1 × (T·B), 1 where the loss counts

  // Trials [first, first+count) as a new batch (same layout).
  SequenceBatch slice(int first, int count) const;
};

// What the backward pass needs from a forward pass.
template <typename S>
struct CtrnnTrace {
  using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;
  int steps = 0, trials = 0;
  Mat r;       // N × ((T+1)·B): outputs r_t including noise, block 0 = r_0
  Mat fprime;  // N × ((T+1)·B): ∂r_t/∂x_t (0 where clamped)
  Mat y;       // N_out × (T·B)
  Mat x;       // N × ((T+1)·B), only filled when recordState is true
};

struct CtrnnLossConfig {
  double activityL2 = 0.0;  // λ_r · mean(r²) over steps 1..T, units, trials
  double weightL2In = 0.0, weightL2Rec = 0.0, weightL2Out = 0.0;  // λ · mean(W²) per matrix
  double weightL1In = 0.0, weightL1Rec = 0.0, weightL1Out = 0.0;  // λ · mean|W| per matrix
};

// Partial sums of one shard's loss terms; combine shards by adding, then call finish().
struct CtrnnLossSums {
  double squaredError = 0.0;     // Σ mask·(y − y*)²
  double validElements = 0.0;    // Σ mask · N_out
  double sumSquaresR = 0.0;      // Σ r² over steps 1..T
  Eigen::VectorXd targetSum, targetSumSq, errorSumSq;  // per output, unmasked samples
  double validSamples = 0.0;     // Σ mask
  void add(const CtrnnLossSums& o);
};

struct CtrnnLoss {
  double task = 0.0;      // MSE over unmasked elements
  double activity = 0.0;  // λ_r · mean(r²)
  double weight = 0.0;    // weight penalties
  double total = 0.0;
  double normalizedError = 0.0;  // percent, §5 of head-direction.md
};

template <typename S>
class Ctrnn {
 public:
  using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;
  using Vec = Eigen::Matrix<S, Eigen::Dynamic, 1>;

  Ctrnn() = default;
  explicit Ctrnn(const CtrnnConfig& c) : m_config(c) {
    params.resize(c);
    params.setZero();
    masks.reset(c);
  }
  const CtrnnConfig& config() const { return m_config; }

  // Runs T steps. noiseRng == nullptr runs noise-free. `trace.x` is filled if recordState.
  // explicitNoise (N × (T·B), column (t−1)·B + b for step t, already scaled by the SD) replaces
  // the drawn noise when given, at the configured position (used by the PyTorch fixtures).
  void forward(const SequenceBatch<S>& batch, const UnitPerturbations& perturbations,
               Rng* noiseRng, CtrnnTrace<S>& trace, bool recordState = false,
               const Mat* explicitNoise = nullptr) const;

  // Loss sums of a forward pass (per shard).
  CtrnnLossSums lossSums(const SequenceBatch<S>& batch, const CtrnnTrace<S>& trace) const;
  // Loss from summed shards (adds the weight penalties of the current parameters).
  CtrnnLoss finishLoss(const CtrnnLossSums& sums, const CtrnnLossConfig& lc, int totalTrials,
                       int steps) const;

  // Backpropagation through time for one shard. `validElements` and `totalTrials` are those of
  // the whole batch so that shard gradients add up to the batch gradient. Accumulates into grad
  // (call grad.setZero() first); weight penalties are added by addPenaltyGradients.
  // Clamped units need no special case here: the forward pass stored ∂r/∂x = 0 for them.
  void backward(const SequenceBatch<S>& batch, const CtrnnTrace<S>& trace,
                const CtrnnLossConfig& lc, double validElements, int totalTrials,
                CtrnnParameters<S>& grad) const;
  void addPenaltyGradients(const CtrnnLossConfig& lc, CtrnnParameters<S>& grad) const;
  // Zero the gradients of masked weights and of parameters that are not learned.
  void maskGradients(CtrnnParameters<S>& grad) const;

  CtrnnParameters<S> params;
  CtrnnMasks masks;

 private:
  CtrnnConfig m_config;
};

extern template class Ctrnn<float>;
extern template class Ctrnn<double>;

}  // namespace emergence::engine
