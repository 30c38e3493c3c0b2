// emergence-cli train --lab grid_cells: trains a grid-cells network with a progress line and,
// every analysis.analyze_every updates, the rate-map scores (development curve).
#include <chrono>
#include <cmath>
#include <csignal>
#include <optional>
#include <cstdio>

#include "app/cli/cli_options.h"
#include "engine/io/json_fields.h"
#include "engine/train/grid_run_folder.h"
#include "engine/train/grid_trainer.h"

namespace emergence::cli {
namespace {

volatile std::sig_atomic_t g_stop = 0;
void onSignal(int) { g_stop = 1; }

std::string clock(double s) {
  char b[32];
  const long t = long(s);
  std::snprintf(b, sizeof b, "%ld:%02ld", t / 60, t % 60);
  return b;
}

void printEvaluation(const engine::GridEvaluation& e, double elapsed) {
  const auto& k = e.classes.counts;
  std::printf("  [%s] update %lld: decoding error %.1f cm; score60 > 0.30: %.1f %% of %zu units "
              "(max %.2f; shuffle p95 %.2f); classes grid %d / border %d / band %d / other %d\n",
              clock(elapsed).c_str(), e.update, e.decodingErrorCm, 100 * e.fractionGridAbove,
              e.rateMaps.size(), e.maxScore60, e.gridNullThreshold, k.grid, k.border, k.band,
              k.other);
  std::fflush(stdout);
}

}  // namespace

int runGridTrain(const std::vector<std::string>& args) {
  const Options o(args, {"preset", "config", "seed", "updates", "minutes", "threads", "out", "resume"},
                  {"quiet"});
  const int threads = int(o.integer("threads", 2));
  std::string out;
  std::optional<engine::GridTrainer> loaded;
  engine::GridRunConfig c = engine::gridPreset(o.get("preset", "default"));
  if (o.has("resume")) {
    // Continues a saved run exactly (same bits as an uninterrupted run).
    out = o.get("resume", "");
    loaded.emplace(engine::loadGridRun(out, threads));
    c = loaded->config();
    std::printf("resuming %s at update %lld\n", out.c_str(), loaded->updatesDone());
  } else {
    if (o.has("config")) {
      const std::string path = o.get("config", "");
      nlohmann::json j = engine::JsonFields::parseFile(path);
      if (!j.contains("preset")) j["preset"] = o.get("preset", "default");
      c = engine::gridRunConfigFromJson(j, path);
    }
    if (o.has("seed")) c.seed = std::uint64_t(o.integer("seed", 1));
    out = o.get("out", "runs/grid-" + c.preset + "-seed" + std::to_string(c.seed));
    loaded.emplace(c, threads);
  }
  const long long target = o.integer("updates", c.training.updates);
  const double minutes = o.number("minutes", 0.0);
  const bool quiet = o.has("quiet");
  engine::GridTrainer& trainer = *loaded;
  std::signal(SIGINT, onSignal);
  std::signal(SIGTERM, onSignal);
  std::printf("training grid_cells (preset %s, seed %llu, %d units, %d threads) → %s\n",
              c.preset.c_str(), (unsigned long long)c.seed, trainer.numUnits(), threads,
              out.c_str());
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  auto lastPrint = start, lastSave = start;
  double trainSeconds = 0;
  const long long firstUpdate = trainer.updatesDone();  // rates count this session's updates
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  if (trainer.updatesDone() == 0) {
    const engine::GridEvaluation e = trainer.evaluate({}, true);
    printEvaluation(e, elapsed());
  }
  while (trainer.updatesDone() < target && !g_stop) {
    const engine::GridUpdateRecord r = trainer.step();
    if (trainer.failed()) break;
    trainSeconds += r.seconds;
    const auto now = Clock::now();
    if (!quiet && (now - lastPrint > std::chrono::milliseconds(500))) {
      std::printf("\rupdate %lld/%lld  %5.1f upd/s  loss %.4f  decoding %.1f cm  elapsed %s ",
                  r.update, target, double(r.update - firstUpdate) / trainSeconds, r.loss, r.decodingErrorCm,
                  clock(elapsed()).c_str());
      std::fflush(stdout);
      lastPrint = now;
    }
    if (trainer.updatesDone() % c.analysis.analyzeEvery == 0) {
      if (!quiet) std::printf("\n");
      printEvaluation(trainer.evaluate({}, true), elapsed());
    }
    if (now - lastSave > std::chrono::seconds(60)) {
      engine::saveGridRun(trainer, out);
      lastSave = now;
    }
    if (minutes > 0 && elapsed() > minutes * 60) break;
  }
  if (!quiet) std::printf("\n");
  // The final evaluation is a development point only on the analysis schedule (it was recorded
  // in the loop then); otherwise it is written to analysis.npz alone.
  const bool onSchedule = trainer.updatesDone() % c.analysis.analyzeEvery == 0;
  const engine::GridEvaluation e = trainer.evaluate({}, false);
  if (!onSchedule || trainer.updatesDone() == 0) printEvaluation(e, elapsed());
  engine::saveGridRun(trainer, out);
  engine::saveGridEvaluation(e, out + "/analysis.npz");
  std::printf("stopped at update %lld after %s (%.1f upd/s); run folder: %s\n",
              trainer.updatesDone(), clock(elapsed()).c_str(),
              double(trainer.updatesDone() - firstUpdate) / std::max(trainSeconds, 1e-9), out.c_str());
  if (trainer.failed()) {
    std::fprintf(stderr, "%s\n", trainer.failure().c_str());
    return 3;
  }
  return g_stop ? 130 : 0;
}

}  // namespace emergence::cli
