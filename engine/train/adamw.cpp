#include "engine/train/adamw.h"

#include <cmath>
#include <stdexcept>

namespace emergence::engine {

void AdamW::step(const std::vector<ParameterView>& params) {
  if (m_m.empty()) {
    for (const auto& p : params) {
      m_names.push_back(p.name);
      m_m.push_back(Eigen::ArrayXf::Zero(p.size));
      m_v.push_back(Eigen::ArrayXf::Zero(p.size));
    }
  }
  if (params.size() != m_m.size())
    throw std::invalid_argument("AdamW: parameter list changed between steps");
  ++m_step;
  const float lr = float(m_config.learningRate);
  const float b1 = float(m_config.beta1), b2 = float(m_config.beta2);
  const float decay = float(1.0 - m_config.learningRate * m_config.weightDecay);
  const float bias1 = float(1.0 - std::pow(m_config.beta1, double(m_step)));
  const float bias2Sqrt = float(std::sqrt(1.0 - std::pow(m_config.beta2, double(m_step))));
  const float stepSize = lr / bias1;
  const float eps = float(m_config.epsilon);
  // 1 − β in double first, as torch does (1 − float(0.999) is off by 1.3e-5 relative).
  const float c1 = float(1.0 - m_config.beta1), c2 = float(1.0 - m_config.beta2);
  for (size_t k = 0; k < params.size(); ++k) {
    const auto& p = params[k];
    if (p.size != m_m[k].size())
      throw std::invalid_argument("AdamW: size of '" + p.name + "' changed between steps");
    float* m = m_m[k].data();
    float* v = m_v[k].data();
    for (Eigen::Index i = 0; i < p.size; ++i) {
      if (p.mask && p.mask[i] == 0.0f) continue;
      const float g = p.grad[i];
      m[i] = b1 * m[i] + c1 * g;
      v[i] = b2 * v[i] + c2 * g * g;
      const float denom = std::sqrt(v[i]) / bias2Sqrt + eps;
      p.value[i] = p.value[i] * decay - stepSize * m[i] / denom;
    }
  }
}

AdamW::State AdamW::state() const { return {m_step, m_names, m_m, m_v}; }

void AdamW::setState(const State& s) {
  if (s.names.size() != s.firstMoment.size() || s.names.size() != s.secondMoment.size())
    throw std::invalid_argument("AdamW state: moment lists differ in length");
  for (size_t k = 0; k < s.names.size(); ++k)
    if (s.firstMoment[k].size() != s.secondMoment[k].size())
      throw std::invalid_argument("AdamW state: moments of '" + s.names[k] + "' differ in size");
  m_step = s.step;
  m_names = s.names;
  m_m = s.firstMoment;
  m_v = s.secondMoment;
}

double clipGradientNorm(const std::vector<Eigen::Map<Eigen::ArrayXf>>& grads, double maxNorm) {
  double sq = 0.0;
  for (const auto& g : grads) sq += g.cast<double>().square().sum();
  const double norm = std::sqrt(sq);
  if (maxNorm > 0 && norm > maxNorm) {
    const float scale = float(maxNorm / (norm + 1e-6));
    for (auto g : grads) g *= scale;
  }
  return norm;
}

}  // namespace emergence::engine
