#include "engine/runtime/hd_products.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "engine/analysis/hd_tuning.h"
#include "engine/analysis/spectrum.h"
#include "engine/core/random.h"

namespace emergence::engine {

HdAnalysisRecording makeHdAnalysisRecording(const HdRunConfig& config, int trials) {
  HdAnalysisRecording rec;
  HeadDirectionTaskConfig task = config.task;
  task.steps = std::max(config.training.testSteps, task.cueSteps + 2);
  Rng rng = Rng(config.seed).stream(kHdAnalysisStream);
  rec.trials = generateHeadDirectionTrials(task, std::max(1, trials), rng);
  rec.batch = castBatch<float>(rec.trials.batch);
  rec.firstStep = task.cueSteps + 1;
  return rec;
}

std::shared_ptr<HdAnalysisProduct> computeHdAnalysisProduct(const Ctrnn<float>& model,
                                                            const HdAnalysisRecording& rec,
                                                            const UnitClassThresholds& thresholds,
                                                            std::uint64_t version,
                                                            long long atUpdate) {
  CtrnnTrace<float> trace;
  model.forward(rec.batch, {}, nullptr, trace);
  const HdSamples<float> s = gatherHdSamples(trace, rec.trials, rec.firstStep);
  const HdTuningResult t = computeHdTuning(s.rates, s.heading, s.decoded, s.omega);
  auto p = std::make_shared<HdAnalysisProduct>();
  p->version = version;
  p->atUpdate = atUpdate;
  p->preferredDeg = t.preferredDeg;
  p->strength = t.strength;
  p->avSlope = t.avSlope;
  p->offsetDeg = t.offsetDeg;
  p->activityRange = t.activityRange;
  p->classes = classifyUnits(t, thresholds);
  p->counts = countUnitClasses(p->classes);
  p->hdTuning = t.curve;
  p->hdTuningCw = t.curveCw;
  p->hdTuningCcw = t.curveCcw;
  p->avTuning = t.avCurve;
  p->avCentresDegPerStep = t.avCentresDegPerStep;
  p->thresholds = thresholds;
  return p;
}

Eigen::VectorXcd initialRecurrentEigenvalues(const CtrnnParameters<float>& initial,
                                             const CtrnnMasks& baseMasks) {
  return eigenvaluesOf(initial.W_rec.cast<double>().cwiseProduct(baseMasks.rec.cast<double>()));
}

std::shared_ptr<HdWeightsProduct> computeHdWeightsProduct(const Ctrnn<float>& model,
                                                          const Eigen::VectorXcd& initialEigenvalues,
                                                          std::uint64_t version,
                                                          long long atUpdate) {
  auto p = std::make_shared<HdWeightsProduct>();
  p->version = version;
  p->atUpdate = atUpdate;
  p->wRec = model.params.W_rec.cwiseProduct(model.masks.rec);
  p->wIn = model.params.W_in.cwiseProduct(model.masks.in);
  p->wOut = model.params.W_out.cwiseProduct(model.masks.out);
  p->maskRec = model.masks.rec;
  p->bRec = model.params.b_rec;
  p->x0 = model.params.x0;
  p->eigenvalues = eigenvaluesOf(p->wRec.cast<double>());
  p->eigenvaluesInitial = initialEigenvalues;
  return p;
}

Ctrnn<float> ctrnnFromWeights(const HdWeightsProduct& w, const CtrnnConfig& model) {
  const Eigen::Index N = model.numUnits, nIn = model.numInputs, nOut = model.numOutputs;
  auto check = [](const char* field, Eigen::Index rows, Eigen::Index cols, Eigen::Index wantRows,
                  Eigen::Index wantCols) {
    if (rows != wantRows || cols != wantCols)
      throw std::invalid_argument("weights product: " + std::string(field) + " is " +
                                  std::to_string(rows) + "×" + std::to_string(cols) +
                                  ", the model needs " + std::to_string(wantRows) + "×" +
                                  std::to_string(wantCols));
  };
  check("wRec", w.wRec.rows(), w.wRec.cols(), N, N);
  check("maskRec", w.maskRec.rows(), w.maskRec.cols(), N, N);
  check("wIn", w.wIn.rows(), w.wIn.cols(), N, nIn);
  check("wOut", w.wOut.rows(), w.wOut.cols(), nOut, N);
  check("bRec", w.bRec.rows(), w.bRec.cols(), N, 1);
  check("x0", w.x0.rows(), w.x0.cols(), N, 1);
  Ctrnn<float> net(model);
  net.params.W_rec = w.wRec;
  net.params.W_in = w.wIn;
  net.params.W_out = w.wOut;
  net.params.b_rec = w.bRec;
  net.params.x0 = w.x0;
  net.params.b_out.setZero();
  net.masks.rec = w.maskRec;
  net.masks.in.setOnes();
  net.masks.out.setOnes();
  return net;
}

}  // namespace emergence::engine
