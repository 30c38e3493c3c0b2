#include "engine/models/ctrnn_step.h"

namespace emergence::engine {

void ctrnnRates(const Ctrnn<float>& model, const UnitPerturbations& perturbations,
                const Eigen::VectorXf& x, Eigen::VectorXf& r) {
  switch (model.config().nonlinearity) {
    case Nonlinearity::RectifiedTanh:
      r = x.array().tanh().max(0.0f).matrix();
      break;
    case Nonlinearity::Tanh:
      r = x.array().tanh().matrix();
      break;
    case Nonlinearity::Relu:
      r = x.array().max(0.0f).matrix();
      break;
  }
  const Eigen::Index n = r.size();
  for (const auto& p : perturbations) {
    if (p.kind != UnitPerturbation::Kind::Clamp) continue;
    for (int u : p.units)
      if (u >= 0 && u < n) r[u] = float(p.value);
  }
}

void ctrnnSingleStep(const Ctrnn<float>& model, const Eigen::MatrixXf& wRec,
                     const Eigen::MatrixXf& wIn, const Eigen::VectorXf& input,
                     const UnitPerturbations& perturbations, Eigen::VectorXf& x,
                     Eigen::VectorXf& r) {
  const float alpha = float(model.config().dtOverTau);
  Eigen::VectorXf a = wRec * r;
  a.noalias() += wIn * input;
  a += model.params.b_rec;
  const Eigen::Index n = a.size();
  for (const auto& p : perturbations) {
    if (p.kind != UnitPerturbation::Kind::Inject) continue;
    for (int u : p.units)
      if (u >= 0 && u < n) a[u] += float(p.value);
  }
  x = (1.0f - alpha) * x + alpha * a;
  ctrnnRates(model, perturbations, x, r);
}

}  // namespace emergence::engine
