// Retina trainer (retina_trainer.h).
#include "engine/train/retina_trainer.h"

#include <chrono>
#include <cmath>
#include <stdexcept>

#include "engine/core/random.h"
#include "engine/retina/retina_evaluation.h"

namespace emergence::engine {

RetinaTrainer::RetinaTrainer(const RetinaRunConfig& config, int threads)
    : m_config(config), m_threads(threads < 1 ? 1 : threads) {
  m_config.normalise();
  m_config.model.validate();
  m_data = std::make_unique<RetinaDataset>(m_config, m_threads);
  m_model = RetinaCnn<float>(m_config.model);
  Rng init = Rng(m_config.seed).stream(kInitStream);
  m_model.initialize(init);
  // Output bias at the data's operating point: β3_n = softplus⁻¹(mean count of cell n per bin),
  // so that the untrained network already predicts each cell's mean rate. From Torch's β3 = 0
  // (69 Hz for every cell) Adam needs thousands of updates to bring the cells to their 6–15 Hz,
  // and a decaying learning rate can stop it short (mean rates 2–4× too high at the end).
  const Eigen::VectorXd meanCounts = m_data->meanTrainCounts();
  for (int n = 0; n < m_model.config().numCells; ++n)
    m_model.params.bn3Beta[n] = float(std::log(std::expm1(std::max(meanCounts[n], 1e-4))));
  m_best = RetinaCnn<float>(m_config.model);
  copyToBest();
  m_learningRate = m_config.training.optimizer.learningRate;
}

void RetinaTrainer::copyToBest() {  // weights only (not the training workspace)
  m_best.params = m_model.params;
  m_best.running = m_model.running;
}

std::vector<ParameterView> RetinaTrainer::views() {
  std::vector<ParameterView> v;
  m_model.params.forEach([&](const char* name, float* p, Eigen::Index n) {
    v.push_back(ParameterView{name, p, nullptr, nullptr, n});
  });
  size_t k = 0;
  m_grad.forEach([&](const char*, float* g, Eigen::Index) { v[k++].grad = g; });
  return v;
}

RetinaUpdateRecord RetinaTrainer::step() {
  RetinaUpdateRecord rec;
  if (done()) {
    rec.loss = std::numeric_limits<double>::quiet_NaN();
    return rec;
  }
  const auto start = std::chrono::steady_clock::now();
  const RetinaTrainingConfig& tc = m_config.training;
  const Rng master(m_config.seed);
  Rng batchRng = master.stream(kBatchStream + std::uint64_t(m_update));
  m_data->drawBatch(batchRng, tc.batchChunks, tc.chunkLength, m_config.model.historyFrames,
                    m_batch);
  const Rng noise = master.stream(kNoiseStream + std::uint64_t(m_update));
  RetinaLossConfig lc;
  lc.kernelL2 = tc.kernelL2;
  lc.activityL1 = tc.activityL1;
  const RetinaBnRunning<float> runningBefore = m_model.running;
  const RetinaLoss loss = m_model.trainStep(m_batch, lc, &noise, m_threads, m_grad, true);
  std::vector<Eigen::Map<Eigen::ArrayXf>> grads;
  m_grad.forEach([&](const char*, float* g, Eigen::Index n) { grads.emplace_back(g, n); });
  rec.update = m_update + 1;
  rec.gradientNorm = clipGradientNorm(grads, tc.gradientClip);
  rec.loss = loss.total;
  rec.poisson = loss.poisson;
  rec.activity = loss.activity;
  rec.weight = loss.weight;
  rec.meanRateHz = loss.meanRate / kRetinaFrameS;
  rec.learningRate = m_learningRate;
  if (!std::isfinite(rec.loss) || !std::isfinite(rec.gradientNorm)) {
    m_model.running = runningBefore;
    m_failed = true;
    m_stopReason = "training stopped at update " + std::to_string(rec.update) +
                   ": the loss or gradient became non-finite; the weights of update " +
                   std::to_string(m_update) + " are kept (try a smaller learning rate)";
    rec.loss = std::numeric_limits<double>::quiet_NaN();
    return rec;
  }
  AdamWConfig opt = tc.optimizer;
  opt.learningRate = m_learningRate;
  opt.weightDecay = 0.0;  // Adam: the L2 is in the loss (on the kernels only)
  m_optimizer.setConfig(opt);
  m_optimizer.step(views());
  ++m_update;
  if (m_update % tc.validateEvery == 0 || m_update >= tc.maxUpdates) {
    const RetinaValidation v = validate(m_model);
    afterValidation(v, rec);
  }
  if (!done() && m_update >= tc.maxUpdates)
    m_stopReason = "reached training.max_updates (" + std::to_string(tc.maxUpdates) + ")";
  rec.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m_history.push_back(rec);
  return rec;
}

void RetinaTrainer::afterValidation(const RetinaValidation& v, RetinaUpdateRecord& rec) {
  const RetinaTrainingConfig& tc = m_config.training;
  // A constant prediction has no CC (NaN): count it as −1, never as an improvement.
  const double cc = std::isfinite(v.meanCcCounts) ? v.meanCcCounts : -1.0;
  rec.validationCc = v.meanCcCounts;
  rec.validationCcRate = v.meanCcRate;
  if (m_data->validationSegments() == 0) {  // no validation set: the latest weights are the best
    copyToBest();
    m_bestUpdate = m_update;
    return;
  }
  if (cc > m_bestCc + tc.minImprovement || m_bestUpdate == 0) {
    m_bestCc = cc;
    m_bestUpdate = m_update;
    copyToBest();
    m_sinceBest = 0;
    m_sinceLrChange = 0;
    return;
  }
  // Keep the best weights if the CC still rose a little (below minImprovement).
  if (cc > m_bestCc) {
    m_bestCc = cc;
    m_bestUpdate = m_update;
    copyToBest();
  }
  ++m_sinceBest;
  ++m_sinceLrChange;
  if (m_sinceLrChange >= tc.plateauPatience && m_learningRate > tc.minLearningRate) {
    m_learningRate = std::max(tc.minLearningRate, m_learningRate * tc.plateauFactor);
    m_sinceLrChange = 0;
  }
  if (m_sinceBest >= tc.stopPatience)
    m_stopReason = "early stop: no validation CC gain of " + std::to_string(tc.minImprovement) +
                   " in " + std::to_string(tc.stopPatience) + " validations (best at update " +
                   std::to_string(m_bestUpdate) + ")";
}

void RetinaTrainer::recalibrateBest(int chunks) {
  if (chunks <= 0) return;
  Rng rng = Rng(m_config.seed).stream(kRecalibrationStream);
  RetinaChunkBatch<float> b;
  m_data->drawBatch(rng, chunks, m_config.training.chunkLength, m_config.model.historyFrames, b);
  m_best.recalibrateBatchNorm(b.frames, m_threads);
}

RetinaValidation RetinaTrainer::validate(const RetinaCnn<float>& net) const {
  const int N = m_data->numCells(), H = m_config.model.historyFrames, W = m_data->warmup();
  const int V = m_data->validationSegments();
  RetinaValidation v;
  if (V == 0) {
    v.ccCounts = v.ccRate = Eigen::VectorXd::Constant(N, std::nan(""));
    v.meanCcCounts = v.meanCcRate = std::nan("");
    return v;
  }
  // All validation bins concatenated: predicted rate vs counts and vs the noise-free rate.
  std::vector<Eigen::MatrixXd> pred, counts, rates;
  long long total = 0;
  for (int k = m_data->trainSegments(); k < m_data->trainSegments() + V; ++k) {
    const RetinaSegment& s = m_data->segment(k);
    const int F = s.frames();
    const FrameBlock f = m_data->frames(k, W - H, F - 1 - (W - H));  // windows of bins W … F−1
    pred.push_back(net.predict(f, m_threads).transpose().cast<double>());
    counts.push_back(s.counts.bottomRows(F - W).transpose().cast<double>());
    rates.push_back(s.rates.bottomRows(F - W).transpose().cast<double>());
    total += F - W;
  }
  auto concat = [&](const std::vector<Eigen::MatrixXd>& parts) {
    Eigen::MatrixXd m(N, total);
    long long at = 0;
    for (const auto& p : parts) {
      m.middleCols(at, p.cols()) = p;
      at += p.cols();
    }
    return m;
  };
  const Eigen::MatrixXd P = concat(pred);
  v.ccCounts = perCellCorrelation(P, concat(counts));
  v.ccRate = perCellCorrelation(P, concat(rates));
  v.meanCcCounts = v.ccCounts.mean();
  v.meanCcRate = v.ccRate.mean();
  return v;
}

RetinaTestEvaluation RetinaTrainer::evaluateTest() const {
  const RetinaTestSet& ts = m_data->test();
  const int H = m_config.model.historyFrames, W = ts.warmup, N = m_data->numCells();
  const int T = int(ts.rateHz.cols()), R = int(ts.repeats.size());
  RetinaTestEvaluation e;
  e.update = m_bestUpdate;
  const FrameBlock f = ts.frames.middleRows(W - H, T + H - 1);
  e.predictedHz = m_best.predict(f, m_threads).transpose().cast<double>() / kRetinaFrameS;
  e.rateHz = ts.rateHz;
  e.trialMeanHz = Eigen::MatrixXd::Zero(N, T);
  for (const auto& r : ts.repeats) e.trialMeanHz += r / (R * kRetinaFrameS);
  e.ccRate = perCellCorrelation(e.predictedHz, e.rateHz);
  e.ccTrialMean = perCellCorrelation(e.predictedHz, e.trialMeanHz);
  e.ceiling.resize(N);
  e.fev.resize(N);
  for (int n = 0; n < N; ++n) {
    Eigen::MatrixXd reps(R, T);  // R × T of cell n, Hz
    for (int r = 0; r < R; ++r) reps.row(r) = ts.repeats[size_t(r)].row(n) / kRetinaFrameS;
    e.ceiling[n] = splitHalfCeiling(reps);
    e.fev[n] = noiseCorrectedFev(e.predictedHz.row(n).transpose(), reps);
  }
  e.meanCcRate = e.ccRate.mean();
  e.meanCcTrialMean = e.ccTrialMean.mean();
  e.meanCeiling = e.ceiling.mean();
  e.meanFev = e.fev.mean();
  e.meanCcOverCeiling = (e.ccTrialMean.array() / e.ceiling.array()).mean();
  return e;
}

RetinaTrainer::State RetinaTrainer::state() const {
  State s;
  s.update = m_update;
  s.params = m_model.params;
  s.running = m_model.running;
  s.bestParams = m_best.params;
  s.bestRunning = m_best.running;
  s.optimizer = m_optimizer.state();
  s.learningRate = m_learningRate;
  s.bestCc = m_bestCc;
  s.bestUpdate = m_bestUpdate;
  s.sinceBest = m_sinceBest;
  s.sinceLrChange = m_sinceLrChange;
  s.stopReason = m_stopReason;
  s.failed = m_failed;
  s.history = m_history;
  return s;
}

void RetinaTrainer::restore(const State& s) {
  auto check = [&](RetinaCnnParameters<float> p, const char* what) {
    RetinaCnnParameters<float> shape;
    shape.resize(m_config.model);
    std::vector<Eigen::Index> a, b;
    p.forEach([&](const char*, float*, Eigen::Index n) { a.push_back(n); });
    shape.forEach([&](const char*, float*, Eigen::Index n) { b.push_back(n); });
    if (a != b) throw std::invalid_argument(std::string(what) + ": shapes differ from the config");
  };
  check(s.params, "weights");
  check(s.bestParams, "best weights");
  if ((long long)s.history.size() != s.update)
    throw std::invalid_argument("history has " + std::to_string(s.history.size()) +
                                " rows for " + std::to_string(s.update) + " updates");
  m_update = s.update;
  m_model.params = s.params;
  m_model.running = s.running;
  m_best.params = s.bestParams;
  m_best.running = s.bestRunning;
  m_optimizer.setState(s.optimizer);
  m_learningRate = s.learningRate;
  m_bestCc = s.bestCc;
  m_bestUpdate = s.bestUpdate;
  m_sinceBest = s.sinceBest;
  m_sinceLrChange = s.sinceLrChange;
  m_stopReason = s.stopReason;
  m_failed = s.failed;
  m_history = s.history;
}

}  // namespace emergence::engine
