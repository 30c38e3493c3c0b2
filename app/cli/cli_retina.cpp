// emergence-cli train --lab retina and analyze --lab retina: the retina CNN lab (retina.md).
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/cli/cli_options.h"
#include "engine/analysis/retina_report.h"
#include "engine/io/atomic_file.h"
#include "engine/io/json_fields.h"
#include "engine/train/retina_run_folder.h"
#include "engine/train/retina_trainer.h"

namespace emergence::cli {
namespace {

volatile std::sig_atomic_t g_stop = 0;
void onSignal(int) { g_stop = 1; }

std::string clock(double s) {
  char b[32];
  const long t = long(std::max(0.0, s));
  std::snprintf(b, sizeof b, "%ld:%02ld", t / 60, t % 60);
  return b;
}

void printTest(const engine::RetinaTestEvaluation& e) {
  std::printf("test set (update %lld): CC with the noise-free rate %.3f (per cell:", e.update,
              e.meanCcRate);
  for (Eigen::Index n = 0; n < e.ccRate.size(); ++n) std::printf(" %.2f", e.ccRate[n]);
  std::printf("); CC with the trial mean %.3f, split-half ceiling %.3f, CC/ceiling %.3f, "
              "noise-corrected FEV %.3f\n",
              e.meanCcTrialMean, e.meanCeiling, e.meanCcOverCeiling, e.meanFev);
}

}  // namespace

int runRetinaTrain(const std::vector<std::string>& args) {
  const Options o(args, {"preset", "config", "seed", "updates", "minutes", "threads", "out", "resume"},
                  {"quiet"});
  const int threads = int(o.integer("threads", 2));
  const bool quiet = o.has("quiet");
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  std::unique_ptr<engine::RetinaTrainer> trainer;
  std::string out;
  if (o.has("resume")) {
    for (const char* k : {"preset", "config", "seed", "updates", "out"})
      if (o.has(k))
        throw std::invalid_argument(std::string("option --") + k +
                                    " cannot change a saved run (--resume uses its config.json)");
    out = o.get("resume", "");
    std::printf("resuming %s (re-rendering the data)…\n", out.c_str());
    std::fflush(stdout);
    trainer = std::make_unique<engine::RetinaTrainer>(engine::loadRetinaRun(out, threads));
  } else {
    engine::RetinaRunConfig c = engine::retinaPreset(o.get("preset", "default"));
    if (o.has("config")) {
      const std::string path = o.get("config", "");
      nlohmann::json j = engine::JsonFields::parseFile(path);
      if (!j.contains("preset")) j["preset"] = o.get("preset", "default");
      c = engine::retinaRunConfigFromJson(j, path);
    }
    if (o.has("seed")) c.seed = std::uint64_t(o.integer("seed", 1));
    if (o.has("updates")) c.training.maxUpdates = int(o.integer("updates", c.training.maxUpdates));
    if (o.has("minutes")) c.training.maxMinutes = o.number("minutes", 0.0);
    out = o.get("out", "runs/retina-" + c.preset + "-seed" + std::to_string(c.seed));
    std::printf("rendering %.1f simulated min of %s data at %d × %d px…\n", c.data.trainMinutes,
                c.data.whiteNoiseFraction > 0 ? "natural-movie + white-noise" : "natural-movie",
                c.model.windowPx, c.model.windowPx);
    std::fflush(stdout);
    trainer = std::make_unique<engine::RetinaTrainer>(c, threads);
  }
  engine::RetinaTrainer& t = *trainer;
  const auto& c = t.config();
  std::printf("training retina (preset %s, seed %llu, %d cells, %s conv1, %s BN, %d threads, "
              "batch %d × %d) → %s; data %.1f s (%lld training bins, %d validation segments)\n",
              c.preset.c_str(), (unsigned long long)c.seed, c.model.numCells,
              engine::retinaConv1KindName(c.model.conv1), engine::retinaBnModeName(c.model.bn),
              threads, c.training.batchChunks, c.training.chunkLength, out.c_str(),
              t.data().renderSeconds(), t.data().trainBins(), t.data().validationSegments());
  std::signal(SIGINT, onSignal);
  std::signal(SIGTERM, onSignal);
  const auto trainStart = Clock::now();
  auto trainElapsed = [&] { return std::chrono::duration<double>(Clock::now() - trainStart).count(); };
  auto lastPrint = Clock::now(), lastSave = Clock::now();
  const long long startUpdate = t.updatesDone();
  double lastCc = std::nan("");
  const double budget = 60.0 * (o.has("minutes") ? o.number("minutes", 0.0) : c.training.maxMinutes);
  while (!t.done() && !g_stop) {
    const engine::RetinaUpdateRecord r = t.step();
    if (t.failed()) break;
    if (!std::isnan(r.validationCc)) {
      lastCc = r.validationCc;
      if (!quiet) std::printf("\n");
      std::printf("  [%s] update %lld: validation CC %.4f (counts), %.4f (noise-free rate); "
                  "best %.4f at %lld; lr %.2g\n",
                  clock(elapsed()).c_str(), r.update, r.validationCc, r.validationCcRate,
                  t.bestValidationCc(), t.bestUpdate(), t.learningRate());
      std::fflush(stdout);
    }
    const auto now = Clock::now();
    const double secs = trainElapsed();
    const double rate = double(t.updatesDone() - startUpdate) / std::max(secs, 1e-9);
    if (!quiet && now - lastPrint > std::chrono::milliseconds(500)) {
      double eta = (c.training.maxUpdates - t.updatesDone()) / std::max(rate, 1e-9);
      if (budget > 0) eta = std::min(eta, budget - secs);
      std::printf("\rupdate %lld/%d  %5.2f upd/s  loss %.5f  validation CC %.3f  ETA %s ",
                  r.update, c.training.maxUpdates, rate, r.loss, lastCc, clock(eta).c_str());
      std::fflush(stdout);
      lastPrint = now;
    }
    if (now - lastSave > std::chrono::seconds(60)) {
      engine::saveRetinaRun(t, out);
      lastSave = now;
    }
    if (budget > 0 && secs > budget && !t.done())
      t.stop("wall-time budget reached");
  }
  if (!quiet) std::printf("\n");
  const double trainSecs = trainElapsed();
  engine::saveRetinaRun(t, out);
  const engine::RetinaTestEvaluation e = t.evaluateTest();
  engine::saveRetinaEvaluation(e, t.groundTruth(), out + "/evaluation.npz");
  printTest(e);
  std::printf("stopped at update %lld (%s) after %s of training (%.2f upd/s), %s in all; "
              "run folder: %s\n",
              t.updatesDone(), t.stopReason().empty() ? "interrupted" : t.stopReason().c_str(),
              clock(trainSecs).c_str(), double(t.updatesDone() - startUpdate) / std::max(trainSecs, 1e-9),
              clock(elapsed()).c_str(), out.c_str());
  if (t.failed()) {
    std::fprintf(stderr, "%s\n", t.stopReason().c_str());
    return 3;
  }
  return g_stop ? 130 : 0;
}

int runRetinaAnalyze(const std::vector<std::string>& args) {
  const Options o(args, {"threads", "json", "ig-steps"}, {});
  if (o.positional().size() != 1)
    throw std::invalid_argument("analyze --lab retina needs exactly one run folder (see --help)");
  const std::string folder = o.positional()[0];
  const auto start = std::chrono::steady_clock::now();
  engine::RetinaRunConfig c;
  const engine::RetinaCnn<float> net = engine::loadRetinaNetwork(folder, &c);
  const engine::RetinaTestEvaluation fit =
      engine::readRetinaEvaluation((std::filesystem::path(folder) / "evaluation.npz").string());
  const engine::SyntheticRetina truth(c.data.retina);
  engine::RetinaReportConfig rc;
  rc.igSteps = int(o.integer("ig-steps", c.analysis.igSteps));
  rc.coverage = c.analysis.coverage;
  rc.kineticsSplitMs = c.analysis.kineticsSplitMs;
  rc.threads = int(o.integer("threads", c.analysis.threads));
  if (rc.igSteps < 1 || rc.threads < 1) throw std::invalid_argument("--ig-steps and --threads must be ≥ 1");
  std::printf("analysing %s (weights of update %lld, %d × %d px, %s conv1, %s BN): probes on the CNN "
              "and the ground truth, integrated gradients (M = %d) on every probe…\n",
              folder.c_str(), fit.update, c.model.windowPx, c.model.windowPx,
              engine::retinaConv1KindName(c.model.conv1), engine::retinaBnModeName(c.model.bn),
              rc.igSteps);
  std::fflush(stdout);
  const engine::RetinaReport report = engine::analyzeRetinaNetwork(net, truth, fit, rc);
  const std::string out = (std::filesystem::path(folder) / "analysis.npz").string();
  engine::writeRetinaAnalysis(report, out);
  std::printf("first-layer channels:");
  for (size_t k = 0; k < report.labels.size(); ++k)
    std::printf(" %zu %s (%.0f ms)", k, report.labels[k].name().c_str(), report.labels[k].peakLagMs);
  std::printf("\n");
  const auto lines = engine::retinaAcceptance(report);
  std::cout << "Acceptance figures (retina.md §12)\n" << engine::formatAcceptance(lines);
  bool allPass = true;
  for (const auto& l : lines) allPass = allPass && (!l.gating || l.pass);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%s — wrote %s in %.1f s\n", allPass ? "ALL ACCEPTANCE FIGURES PASS" : "SOME FIGURES FAIL",
              out.c_str(), secs);
  if (o.has("json")) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& l : lines)
      j.push_back({{"name", l.name}, {"value", l.value}, {"requirement", l.requirement},
                   {"gating", l.gating}, {"pass", l.pass}});
    engine::writeFileAtomic(o.get("json", ""), j.dump(2) + "\n");
  }
  return allPass ? 0 : 4;
}

}  // namespace emergence::cli
