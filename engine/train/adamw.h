#pragma once
// AdamW (Loshchilov & Hutter 2019) as implemented by torch.optim.AdamW, over a list of parameter
// tensors, plus global gradient-norm clipping as torch.nn.utils.clip_grad_norm_.
//   p ← p·(1 − lr·wd);  m ← β1 m + (1 − β1) g;  v ← β2 v + (1 − β2) g²
//   p ← p − lr · (m / (1 − β1ᵗ)) / (√(v / (1 − β2ᵗ)) + ε)
// Entries whose mask is 0 are frozen entirely (no decay, no moment update), so an ablated weight
// comes back unchanged when it is restored.
#include <Eigen/Core>
#include <string>
#include <vector>

namespace emergence::engine {

struct AdamWConfig {
  double learningRate = 1e-3;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double epsilon = 1e-8;
  double weightDecay = 0.01;  // PyTorch's AdamW default
};

struct ParameterView {
  std::string name;
  float* value = nullptr;
  const float* grad = nullptr;
  const float* mask = nullptr;  // optional, 0/1
  Eigen::Index size = 0;
};

class AdamW {
 public:
  explicit AdamW(AdamWConfig c = {}) : m_config(c) {}
  void setConfig(const AdamWConfig& c) { m_config = c; }
  const AdamWConfig& config() const { return m_config; }

  // One update. The list must have the same names and sizes on every call.
  void step(const std::vector<ParameterView>& params);
  long long stepCount() const { return m_step; }

  // State for saving/resuming exactly: moments per tensor, in the order of step().
  struct State {
    long long step = 0;
    std::vector<std::string> names;
    std::vector<Eigen::ArrayXf> firstMoment, secondMoment;
  };
  State state() const;
  void setState(const State& s);  // throws std::invalid_argument on inconsistent state

 private:
  AdamWConfig m_config;
  long long m_step = 0;
  std::vector<std::string> m_names;
  std::vector<Eigen::ArrayXf> m_m, m_v;
};

// Global L2 norm of the gradients; if above maxNorm, scales them by maxNorm/(norm + 1e-6).
// Returns the norm before clipping. maxNorm ≤ 0 disables clipping.
double clipGradientNorm(const std::vector<Eigen::Map<Eigen::ArrayXf>>& grads, double maxNorm);

}  // namespace emergence::engine
