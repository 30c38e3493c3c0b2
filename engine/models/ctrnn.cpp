#include "engine/models/ctrnn.h"

#include <cmath>
#include <stdexcept>

#include "engine/core/random.h"

namespace emergence::engine {

std::string toString(Nonlinearity f) {
  switch (f) {
    case Nonlinearity::RectifiedTanh: return "retanh";
    case Nonlinearity::Tanh: return "tanh";
    case Nonlinearity::Relu: return "relu";
  }
  return "?";
}

std::string toString(NoisePosition p) {
  switch (p) {
    case NoisePosition::AfterNonlinearity: return "after";
    case NoisePosition::BeforeNonlinearity: return "before";
    case NoisePosition::InState: return "state";
  }
  return "?";
}

Nonlinearity nonlinearityFromString(const std::string& s) {
  if (s == "retanh") return Nonlinearity::RectifiedTanh;
  if (s == "tanh") return Nonlinearity::Tanh;
  if (s == "relu") return Nonlinearity::Relu;
  throw std::invalid_argument("unknown nonlinearity '" + s + "' (expected retanh, tanh or relu)");
}

NoisePosition noisePositionFromString(const std::string& s) {
  if (s == "after") return NoisePosition::AfterNonlinearity;
  if (s == "before") return NoisePosition::BeforeNonlinearity;
  if (s == "state") return NoisePosition::InState;
  throw std::invalid_argument("unknown noise position '" + s + "' (expected after, before or state)");
}

template <typename S>
void CtrnnParameters<S>::resize(const CtrnnConfig& c) {
  W_in.resize(c.numUnits, c.numInputs);
  W_rec.resize(c.numUnits, c.numUnits);
  W_out.resize(c.numOutputs, c.numUnits);
  b_rec.resize(c.numUnits);
  b_out.resize(c.numOutputs);
  x0.resize(c.numUnits);
}

template <typename S>
void CtrnnParameters<S>::setZero() {
  W_in.setZero();
  W_rec.setZero();
  W_out.setZero();
  b_rec.setZero();
  b_out.setZero();
  x0.setZero();
}

void CtrnnMasks::reset(const CtrnnConfig& c) {
  rec = Eigen::MatrixXf::Ones(c.numUnits, c.numUnits);
  if (c.maskSelfConnections) rec.diagonal().setZero();
  in = Eigen::MatrixXf::Ones(c.numUnits, c.numInputs);
  out = Eigen::MatrixXf::Ones(c.numOutputs, c.numUnits);
}

template <typename S>
void initializeCtrnn(const CtrnnConfig& c, Rng& rng, CtrnnParameters<S>& p) {
  p.resize(c);
  const double inStd = c.initInputStd < 0 ? 1.0 / std::sqrt(double(c.numInputs)) : c.initInputStd;
  const double recStd = c.initRecurrentGain / std::sqrt(double(c.numUnits));
  // Fixed draw order: W_in, W_rec, W_out, b (column-major within each matrix).
  for (Eigen::Index i = 0; i < p.W_in.size(); ++i) p.W_in.data()[i] = S(inStd * rng.normal());
  for (Eigen::Index i = 0; i < p.W_rec.size(); ++i) p.W_rec.data()[i] = S(recStd * rng.normal());
  if (c.maskSelfConnections) p.W_rec.diagonal().setZero();
  for (Eigen::Index i = 0; i < p.W_out.size(); ++i)
    p.W_out.data()[i] = S(c.initOutputStd * rng.normal());
  for (Eigen::Index i = 0; i < p.b_rec.size(); ++i)
    p.b_rec[i] = S(c.initBiasMean + c.initBiasStd * rng.normal());
  p.b_out.setZero();
  p.x0.setZero();
}

template <typename S>
SequenceBatch<S> SequenceBatch<S>::slice(int first, int count) const {
  SequenceBatch<S> out;
  out.steps = steps;
  out.trials = count;
  out.inputs.resize(inputs.rows(), Eigen::Index(steps) * count);
  out.targets.resize(targets.rows(), Eigen::Index(steps) * count);
  out.lossMask.resize(Eigen::Index(steps) * count);
  for (int t = 0; t < steps; ++t) {
    const Eigen::Index src = Eigen::Index(t) * trials + first;
    const Eigen::Index dst = Eigen::Index(t) * count;
    out.inputs.middleCols(dst, count) = inputs.middleCols(src, count);
    out.targets.middleCols(dst, count) = targets.middleCols(src, count);
    out.lossMask.segment(dst, count) = lossMask.segment(src, count);
  }
  return out;
}

void CtrnnLossSums::add(const CtrnnLossSums& o) {
  squaredError += o.squaredError;
  validElements += o.validElements;
  sumSquaresR += o.sumSquaresR;
  validSamples += o.validSamples;
  if (targetSum.size() == 0) {
    targetSum = o.targetSum;
    targetSumSq = o.targetSumSq;
    errorSumSq = o.errorSumSq;
  } else {
    targetSum += o.targetSum;
    targetSumSq += o.targetSumSq;
    errorSumSq += o.errorSumSq;
  }
}

template struct CtrnnParameters<float>;
template struct CtrnnParameters<double>;
template struct SequenceBatch<float>;
template struct SequenceBatch<double>;
template void initializeCtrnn<float>(const CtrnnConfig&, Rng&, CtrnnParameters<float>&);
template void initializeCtrnn<double>(const CtrnnConfig&, Rng&, CtrnnParameters<double>&);

}  // namespace emergence::engine
