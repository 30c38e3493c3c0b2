// Reduced models, channel labels and pathway matches (retina_reduction.h).
#include "engine/analysis/retina_reduction.h"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <stdexcept>

#include "engine/models/retina_cnn_layers.h"
#include "engine/models/retina_cnn_probe.h"
#include "engine/retina/frames.h"
#include "engine/retina/retina_evaluation.h"

namespace emergence::engine {

std::string RetinaChannelLabel::name() const {
  return std::string(on ? "ON" : "OFF") + (fast ? "-fast" : "-slow");
}

std::vector<RetinaChannelLabel> labelRetinaChannels(const RetinaCnn<float>& net,
                                                    double split) {
  const RetinaCnnConfig& c = net.config();
  const int H = c.historyFrames, C1 = c.conv1Channels, P1 = c.conv1Pixels();
  const Eigen::MatrixXf W = net.effectiveConv1();
  const Eigen::RowVectorXf kbar = W.colwise().sum();  // k̄[c·H + h]
  const RetinaEvalHead<float> head = net.evalHead();
  std::vector<RetinaChannelLabel> out(static_cast<size_t>(C1));
  for (int ch = 0; ch < C1; ++ch) {
    RetinaChannelLabel& l = out[size_t(ch)];
    int best = H - 1;
    for (int h = (3 * H) / 8; h < H; ++h)
      if (std::abs(kbar[ch * H + h]) > std::abs(kbar[ch * H + best])) best = h;
    l.peakValue = kbar[ch * H + best];
    l.peakLagMs = (H - best) * 1000.0 * kRetinaFrameS;
    l.bnSign = head.s1.segment(Eigen::Index(ch) * P1, P1).mean() >= 0 ? 1.0 : -1.0;
    l.on = l.peakValue * l.bnSign > 0;
    l.fast = l.peakLagMs < split;
  }
  return out;
}

namespace {

// FNV-1a over the probe's name, symmetry, size and compact data.
std::uint64_t probeHash(const ProbeStimulus& p) {
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&](const void* data, size_t n) {
    const unsigned char* b = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 1099511628211ull;
  };
  mix(p.name.data(), p.name.size());
  const int meta[4] = {int(p.symmetry), p.height, p.width, p.frames()};
  mix(meta, sizeof meta);
  if (p.symmetry == ProbeSymmetry::FullField)
    mix(p.fullField.data(), size_t(p.fullField.size()) * sizeof(float));
  else if (p.symmetry == ProbeSymmetry::BarX)
    mix(p.profileX.data(), size_t(p.profileX.size()) * sizeof(float));
  else
    mix(p.movie.data(), size_t(p.movie.size()) * sizeof(float));
  return h;
}

}  // namespace

AttributionCache::AttributionCache(const RetinaCnn<float>& net, int cell,
                                   const IntegratedGradientsConfig& ig)
    : m_net(std::make_shared<const RetinaCnn<float>>(net)), m_cell(cell), m_ig(ig) {
  m_ig.cell = cell;
}

const ProbeAttribution& AttributionCache::get(const ProbeStimulus& probe) {
  const std::uint64_t key = probeHash(probe);
  const auto it = m_index.find(key);
  if (it != m_index.end()) return m_entries[it->second].attribution;
  m_entries.push_back({probe, integratedGradients(*m_net, probe, m_ig)});
  m_index[key] = m_entries.size() - 1;
  return m_entries.back().attribution;
}

ProbeResponder AttributionCache::recordingResponder() {
  return [this](const ProbeStimulus& p) {
    get(p);
    return respondToProbe(*m_net, p, m_ig.threads);
  };
}

ProbeResponder AttributionCache::reducedResponder(const std::vector<int>& channels) {
  return [this, channels](const ProbeStimulus& p) {
    return Eigen::MatrixXd(exactReducedResponse(get(p), channels).transpose());
  };
}

Eigen::VectorXd exactReducedResponse(const ProbeAttribution& a, const std::vector<int>& K) {
  Eigen::VectorXd r = Eigen::VectorXd::Constant(a.response.size(), a.baseline);
  for (int c : K) r += a.channel.row(c).transpose();
  return r;
}

ChannelReduction reduceChannels(const std::vector<const ProbeAttribution*>& family,
                                double coverage) {
  if (family.empty()) throw std::invalid_argument("reduceChannels: no attributions");
  const int C1 = int(family.front()->channel.rows());
  ChannelReduction r;
  Eigen::VectorXd I = Eigen::VectorXd::Zero(C1), act = Eigen::VectorXd::Zero(C1);
  r.attributionSum = Eigen::VectorXd::Zero(C1);
  for (const ProbeAttribution* a : family) {
    I += a->channel.cwiseAbs().rowwise().sum();
    r.attributionSum += a->channel.rowwise().sum();
    act += a->activity.rowwise().sum();
  }
  const double total = I.sum();
  r.importance = total > 0 ? Eigen::VectorXd(I / total) : Eigen::VectorXd::Zero(C1);
  std::vector<int> order(static_cast<size_t>(C1));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return I[a] > I[b]; });
  double covered = 0;
  for (int c : order) {
    if (covered >= coverage * total && !r.channels.empty()) break;
    r.channels.push_back(c);
    covered += I[c];
  }
  r.weight.resize(C1);
  for (int c = 0; c < C1; ++c)
    r.weight[c] = act[c] != 0 ? r.attributionSum[c] / act[c] : std::nan("");
  return r;
}

MechanisticFit fitMechanisticModel(const RetinaCnn<float>& net,
                                   const std::vector<const ProbeAttribution*>& family,
                                   const std::vector<int>& K) {
  const RetinaCnnConfig& c = net.config();
  const int P1 = c.conv1Pixels(), k = int(K.size());
  const RetinaEvalHead<float> head = net.evalHead();
  // Design: u_c(t) for every probe bin, concatenated; target r(t).
  std::vector<Eigen::MatrixXd> U;
  long long total = 0;
  for (const ProbeAttribution* a : family) {
    if (a->geometry != ProbeSymmetry::FullField)
      throw std::invalid_argument("fitMechanisticModel: probe '" + a->probe + "' is not full-field");
    const int T = int(a->response.size());
    Eigen::MatrixXd u(T, k);
    for (int j = 0; j < k; ++j) {
      const int ch = K[size_t(j)];
      const double s = head.s1.segment(Eigen::Index(ch) * P1, P1).cast<double>().mean();
      const double t0 = head.t1.segment(Eigen::Index(ch) * P1, P1).cast<double>().mean();
      for (int t = 0; t < T; ++t) {
        const double lin = a->activity(ch, t) / P1;  // k̄_c ∗ s(t) (one unit's conv1, no bias)
        u(t, j) = std::max(0.0, s * (lin + double(net.params.conv1Bias[ch])) + t0);
      }
    }
    U.push_back(u);
    total += T;
  }
  Eigen::MatrixXd X(total, k + 1);
  Eigen::VectorXd y(total);
  long long at = 0;
  for (size_t i = 0; i < family.size(); ++i) {
    const Eigen::Index T = U[i].rows();
    X.block(at, 0, T, 1).setOnes();
    X.block(at, 1, T, k) = U[i];
    y.segment(at, T) = family[i]->response * kRetinaFrameS;  // counts per bin
    at += T;
  }
  // Gauss–Newton with Levenberg damping on Σ (softplus(Xθ) − y)².
  Eigen::VectorXd theta = Eigen::VectorXd::Zero(k + 1);
  const double ym = std::max(y.mean(), 1e-6);
  theta[0] = std::log(std::expm1(ym));  // softplus⁻¹(mean)
  auto residual = [&](const Eigen::VectorXd& th, Eigen::VectorXd& r, Eigen::VectorXd* d) {
    const Eigen::VectorXd z = X * th;
    r.resize(total);
    if (d) d->resize(total);
    for (long long i = 0; i < total; ++i) {
      r[i] = retina_layers::softplus(z[i]) - y[i];
      if (d) (*d)[i] = retina_layers::sigmoid(z[i]);
    }
  };
  Eigen::VectorXd r, d;
  residual(theta, r, &d);
  double cost = r.squaredNorm(), lambda = 1e-3;
  for (int it = 0; it < 200; ++it) {
    const Eigen::MatrixXd J = d.asDiagonal() * X;
    Eigen::MatrixXd A = J.transpose() * J;
    A.diagonal() *= 1.0 + lambda;
    A.diagonal().array() += 1e-12;
    const Eigen::VectorXd step = A.ldlt().solve(-J.transpose() * r);
    Eigen::VectorXd rn;
    const Eigen::VectorXd trial = theta + step;
    residual(trial, rn, nullptr);
    const double c2 = rn.squaredNorm();
    if (std::isfinite(c2) && c2 < cost) {
      const bool converged = cost - c2 < 1e-12 * std::max(1.0, cost);
      theta = trial;
      cost = c2;
      residual(theta, r, &d);
      lambda = std::max(1e-9, lambda * 0.3);
      if (converged) break;
    } else {
      lambda *= 10;
      if (lambda > 1e12) break;
    }
  }
  MechanisticFit f;
  f.bias = theta[0];
  f.weights = theta.tail(k);
  for (size_t i = 0; i < family.size(); ++i) {
    const Eigen::Index T = U[i].rows();
    Eigen::VectorXd rh(T);
    for (Eigen::Index t = 0; t < T; ++t)
      rh[t] = retina_layers::softplus(f.bias + U[i].row(t).dot(f.weights)) / kRetinaFrameS;
    f.cc.push_back(pearsonCorrelation(rh, family[i]->response));
    f.response.push_back(rh);
  }
  return f;
}

std::vector<PathwayMatch> matchPathways(const SyntheticRetina& truth, int cell,
                                        const std::vector<const AttributionCache::Entry*>& family,
                                        const std::vector<int>& K) {
  if (cell < 0 || cell >= truth.numCells())
    throw std::invalid_argument("matchPathways: no ground-truth cell " + std::to_string(cell));
  const RetinaCellSpec& spec = truth.cells()[size_t(cell)];
  const int inputs = int(spec.inputs.size());
  long long total = 0;
  for (const auto* e : family) total += e->attribution.response.size();
  if (family.empty()) return {};
  const int C1 = int(family.front()->attribution.channel.rows());
  Eigen::MatrixXd gt(inputs, total), A(C1, total);
  long long at = 0;
  for (const auto* e : family) {
    const RetinaResponse r = truth.respond(e->probe, true);
    const Eigen::Index T = e->attribution.response.size();
    gt.middleCols(at, T) = r.inputs[size_t(cell)];
    A.middleCols(at, T) = e->attribution.channel;
    at += T;
  }
  std::vector<PathwayMatch> out;
  for (int k = 0; k < inputs; ++k) {
    PathwayMatch m;
    m.pathway = retinaPathwayName(spec.inputs[size_t(k)].pathway);
    for (int ch = 0; ch < C1; ++ch) {
      const double rho = pearsonCorrelation(A.row(ch).transpose(), gt.row(k).transpose());
      if (!std::isfinite(rho)) continue;
      if (m.channelAll < 0 || std::abs(rho) > std::abs(m.rhoAll)) {
        m.channelAll = ch;
        m.rhoAll = rho;
      }
      if (std::find(K.begin(), K.end(), ch) != K.end() &&
          (m.channel < 0 || std::abs(rho) > std::abs(m.rho))) {
        m.channel = ch;
        m.rho = rho;
      }
    }
    out.push_back(m);
  }
  return out;
}

}  // namespace emergence::engine
