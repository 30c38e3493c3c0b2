#include "engine/train/hd_trainer.h"

#include <chrono>
#include <cmath>
#include <stdexcept>

#include "engine/core/parallel.h"
#include "engine/core/random.h"

namespace emergence::engine {

HdTrainer::HdTrainer(const HdRunConfig& config, int threads)
    : m_config(config),
      m_threads(threads < 1 ? 1 : threads),
      m_model(config.model),
      m_optimizer(config.training.optimizer),
      m_activityL2(config.training.activityL2) {
  Rng master(config.seed);
  Rng init = master.stream(kInitStream);
  initializeCtrnn(config.model, init, m_model.params);
  m_initial = m_model.params;
  m_baseMasks = m_model.masks;
  Rng testRng = master.stream(kTestStream);
  HeadDirectionTaskConfig testTask = config.task;
  testTask.steps = config.training.testSteps;
  m_test = generateHeadDirectionTrials(testTask, config.training.testTrials, testRng);
  m_testBatch = castBatch<float>(m_test.batch);
  m_traces.resize(config.training.shards);
  m_grads.resize(config.training.shards);
  if (config.errorGatedCurriculum()) {
    m_curriculumSteps = std::min(config.training.curriculumStartSteps, config.task.steps);
    if (m_curriculumSteps >= config.task.steps) m_fullLengthSince = 0;
  }
}

void HdTrainer::advanceErrorGatedCurriculum() {
  const auto& t = m_config.training;
  const int full = m_config.task.steps;
  if (m_curriculumSteps >= full) return;
  // Mean training error of the last `window` updates, all at the current length.
  const int window = t.curriculumWindow;
  if (int(m_history.size()) < window) return;
  double sum = 0;
  for (auto it = m_history.end() - window; it != m_history.end(); ++it) {
    if (it->steps != m_curriculumSteps) return;
    sum += it->trainError;
  }
  if (sum / window >= t.curriculumErrorGate) return;
  m_curriculumSteps = std::min(full, int(std::lround(m_curriculumSteps * t.curriculumGrowth)));
  if (m_curriculumSteps >= full) m_fullLengthSince = m_update;
}

int HdTrainer::stepsAt(long long update) const {
  const auto& t = m_config.training;
  const int full = m_config.task.steps;
  if (m_config.errorGatedCurriculum()) return m_curriculumSteps;
  if (t.curriculumUpdates <= 0 || update >= t.curriculumUpdates) return full;
  const double f = double(update) / double(t.curriculumUpdates);
  return int(std::lround(t.curriculumStartSteps + f * (full - t.curriculumStartSteps)));
}

std::vector<ParameterView> HdTrainer::parameterViews(CtrnnParameters<float>& g) {
  auto& p = m_model.params;
  const auto& m = m_model.masks;
  return {{"W_in", p.W_in.data(), g.W_in.data(), m.in.data(), p.W_in.size()},
          {"W_rec", p.W_rec.data(), g.W_rec.data(), m.rec.data(), p.W_rec.size()},
          {"W_out", p.W_out.data(), g.W_out.data(), m.out.data(), p.W_out.size()},
          {"b_rec", p.b_rec.data(), g.b_rec.data(), nullptr, p.b_rec.size()},
          {"b_out", p.b_out.data(), g.b_out.data(), nullptr, p.b_out.size()},
          {"x0", p.x0.data(), g.x0.data(), nullptr, p.x0.size()}};
}

HdUpdateRecord HdTrainer::step() {
  HdUpdateRecord rec;
  if (failed()) {
    rec.loss = std::numeric_limits<double>::quiet_NaN();
    return rec;
  }
  const auto start = std::chrono::steady_clock::now();
  const auto& tc = m_config.training;
  const int B = tc.batchSize, shards = tc.shards;
  HeadDirectionTaskConfig task = m_config.task;
  task.steps = stepsAt(m_update);
  rec.update = m_update + 1;
  rec.steps = task.steps;
  rec.activityL2 = m_activityL2;

  Rng master(m_config.seed);
  Rng taskRng = master.stream(kTaskStream + std::uint64_t(m_update));
  const HeadDirectionTrials trials = generateHeadDirectionTrials(task, B, taskRng);
  const SequenceBatch<float> batch = castBatch<float>(trials.batch);
  const double validElements = double(batch.lossMask.sum()) * m_config.model.numOutputs;
  const CtrnnLossConfig lc = m_config.lossConfig(m_activityL2);
  const UnitPerturbations perturbations = m_interventions.unitPerturbations();

  // Shard s holds trials [s·B/shards, (s+1)·B/shards): forward, loss sums and BPTT.
  std::vector<CtrnnLossSums> sums(shards);
  parallelFor(shards, m_threads, [&](int s) {
    const int first = int((long long)s * B / shards), last = int((long long)(s + 1) * B / shards);
    const SequenceBatch<float> part = batch.slice(first, last - first);
    Rng noise = master.stream(kNoiseStream + std::uint64_t(m_update) * 64 + std::uint64_t(s));
    m_model.forward(part, perturbations, &noise, m_traces[s]);
    sums[s] = m_model.lossSums(part, m_traces[s]);
    m_grads[s].resize(m_config.model);
    m_grads[s].setZero();
    m_model.backward(part, m_traces[s], lc, validElements, B, m_grads[s]);
  });
  CtrnnLossSums total = sums[0];
  for (int s = 1; s < shards; ++s) total.add(sums[s]);
  CtrnnParameters<float>& grad = m_grads[0];
  for (int s = 1; s < shards; ++s) {
    grad.W_in += m_grads[s].W_in;
    grad.W_rec += m_grads[s].W_rec;
    grad.W_out += m_grads[s].W_out;
    grad.b_rec += m_grads[s].b_rec;
    grad.b_out += m_grads[s].b_out;
    grad.x0 += m_grads[s].x0;
  }
  m_model.addPenaltyGradients(lc, grad);
  m_model.maskGradients(grad);
  const CtrnnLoss loss = m_model.finishLoss(total, lc, B, task.steps);
  rec.loss = loss.total;
  rec.task = loss.task;
  rec.activity = loss.activity;
  rec.weight = loss.weight;
  rec.trainError = loss.normalizedError;

  std::vector<Eigen::Map<Eigen::ArrayXf>> maps;
  grad.forEach([&](const char*, float* d, Eigen::Index n) { maps.emplace_back(d, n); });
  rec.gradientNorm = clipGradientNorm(maps, tc.gradientClip);
  if (!std::isfinite(rec.loss) || !std::isfinite(rec.gradientNorm)) {
    m_failure = "training stopped at update " + std::to_string(rec.update) +
                ": the loss or gradient became " + (std::isnan(rec.loss) ? "NaN" : "infinite") +
                "; the weights of update " + std::to_string(m_update) +
                " are kept (try a smaller learning rate)";
    rec.loss = std::numeric_limits<double>::quiet_NaN();
    return rec;
  }
  AdamWConfig opt = tc.optimizer;
  opt.learningRate = m_config.learningRateAt(m_update, m_fullLengthSince);
  m_optimizer.setConfig(opt);
  m_optimizer.step(parameterViews(grad));
  ++m_update;
  // The 2/3 rule of the author code: shrink λ_r whenever the activity term is ≥ ½ of the MSE.
  if (tc.activityRule && loss.activity >= tc.activityRuleRatio * loss.task)
    m_activityL2 *= tc.activityRuleFactor;
  if (m_update % tc.testEvery == 0 || m_update == 1) rec.testError = testError();
  rec.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m_history.push_back(rec);
  if (m_config.errorGatedCurriculum()) advanceErrorGatedCurriculum();
  return rec;
}

double HdTrainer::testError() {
  const auto& tc = m_config.training;
  const int B = m_testBatch.trials, shards = std::min(tc.shards, B);
  const UnitPerturbations perturbations = m_interventions.unitPerturbations();
  std::vector<CtrnnLossSums> sums(shards);
  parallelFor(shards, m_threads, [&](int s) {
    const int first = int((long long)s * B / shards), last = int((long long)(s + 1) * B / shards);
    const SequenceBatch<float> part = m_testBatch.slice(first, last - first);
    CtrnnTrace<float> trace;
    m_model.forward(part, perturbations, nullptr, trace);
    sums[s] = m_model.lossSums(part, trace);
  });
  for (int s = 1; s < shards; ++s) sums[0].add(sums[s]);
  return m_model.finishLoss(sums[0], CtrnnLossConfig{}, B, m_testBatch.steps).normalizedError;
}

void HdTrainer::refreshMasks() { m_model.masks = m_interventions.effectiveMasks(m_baseMasks); }

int HdTrainer::addIntervention(const Intervention& i) {
  const int id = m_interventions.add(i, m_config.model, m_update);
  refreshMasks();
  return id;
}

bool HdTrainer::removeIntervention(int id) {
  const bool ok = m_interventions.remove(id, m_update);
  refreshMasks();
  return ok;
}

HdTrainer::State HdTrainer::state() const {
  State s;
  s.update = m_update;
  s.activityL2 = m_activityL2;
  s.curriculumSteps = m_curriculumSteps;
  s.fullLengthSince = m_fullLengthSince;
  s.params = m_model.params;
  s.initial = m_initial;
  s.baseMasks = m_baseMasks;
  s.optimizer = m_optimizer.state();
  s.history = m_history;
  s.interventionLog = m_interventions.log();
  s.failure = m_failure;
  return s;
}

void HdTrainer::restore(const State& s) {
  const auto& c = m_config.model;
  auto check = [](const auto& m, Eigen::Index r, Eigen::Index cols, const char* name) {
    if (m.rows() != r || m.cols() != cols)
      throw std::invalid_argument(std::string(name) + ": expected shape (" + std::to_string(r) +
                                  ", " + std::to_string(cols) + "), got (" +
                                  std::to_string(m.rows()) + ", " + std::to_string(m.cols()) + ")");
  };
  check(s.params.W_in, c.numUnits, c.numInputs, "W_in");
  check(s.params.W_rec, c.numUnits, c.numUnits, "W_rec");
  check(s.params.W_out, c.numOutputs, c.numUnits, "W_out");
  check(s.params.b_rec, c.numUnits, 1, "b_rec");
  check(s.params.b_out, c.numOutputs, 1, "b_out");
  check(s.params.x0, c.numUnits, 1, "x0");
  check(s.baseMasks.rec, c.numUnits, c.numUnits, "mask_rec");
  check(s.baseMasks.in, c.numUnits, c.numInputs, "mask_in");
  check(s.baseMasks.out, c.numOutputs, c.numUnits, "mask_out");
  m_update = s.update;
  m_activityL2 = s.activityL2;
  if (m_config.errorGatedCurriculum()) {
    if (s.curriculumSteps <= m_config.task.cueSteps || s.curriculumSteps > m_config.task.steps)
      throw std::invalid_argument("curriculum_steps: " + std::to_string(s.curriculumSteps) +
                                  " is outside (cue steps, task steps]");
    m_curriculumSteps = s.curriculumSteps;
    m_fullLengthSince = s.fullLengthSince;
  }
  m_model.params = s.params;
  m_initial = s.initial;
  m_baseMasks = s.baseMasks;
  if (s.optimizer.step > 0) m_optimizer.setState(s.optimizer);
  m_history = s.history;
  m_failure = s.failure;
  m_interventions.replay(s.interventionLog, c);
  refreshMasks();
}

}  // namespace emergence::engine
