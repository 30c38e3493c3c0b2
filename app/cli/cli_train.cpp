// `emergence-cli train`: trains a head-direction run with a live progress line.
#include <algorithm>
#include <atomic>
#include <optional>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/cli/cli_options.h"
#include "engine/io/json_fields.h"
#include "engine/train/hd_run_folder.h"
#include "engine/train/hd_trainer.h"

namespace emergence::cli {
namespace {

std::atomic<bool> g_interrupted{false};
void onSignal(int) { g_interrupted = true; }

std::string clock(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "--:--";
  const long s = long(seconds + 0.5);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

engine::HdRunConfig configFromOptions(const Options& o) {
  const std::string preset = o.get("preset", "default");
  nlohmann::json j = engine::toJson(engine::hdPreset(preset));
  if (o.has("config")) {
    const std::string path = o.get("config", "");
    j.merge_patch(engine::JsonFields::parseFile(path));
    return engine::hdRunConfigFromJson(j, path);
  }
  engine::HdRunConfig c = engine::hdRunConfigFromJson(j, "preset " + preset);
  return c;
}

}  // namespace

int runTrain(const std::vector<std::string>& args) {
  const Options o(args, {"preset", "config", "seed", "updates", "minutes", "threads", "out", "resume"},
                  {"quiet"});
  if (!o.positional().empty())
    throw std::invalid_argument("train takes no positional argument, got \"" + o.positional()[0] + "\"");
  const int threads = int(o.integer("threads", 2));
  if (threads < 1 || threads > 256) throw std::invalid_argument("option --threads: must be in [1, 256]");

  std::string out;
  std::optional<engine::HdTrainer> trainer;
  if (o.has("resume")) {
    out = o.get("resume", "");
    trainer.emplace(engine::loadHdRun(out, threads));
    std::printf("resuming %s at update %lld\n", out.c_str(), trainer->updatesDone());
  } else {
    engine::HdRunConfig c = configFromOptions(o);
    if (o.has("seed")) c.seed = std::uint64_t(o.integer("seed", 1));
    out = o.get("out", "runs/" + c.preset + "-seed" + std::to_string(c.seed));
    trainer.emplace(c, threads);
  }
  engine::HdRunConfig c = trainer->config();
  long long target = o.has("updates") ? o.integer("updates", c.training.updates) : c.training.updates;
  if (target < 1) throw std::invalid_argument("option --updates: must be ≥ 1");
  const double minutes = o.number("minutes", 0.0);
  const bool quiet = o.has("quiet");
  if (trainer->failed()) {
    std::fprintf(stderr, "%s\n", trainer->failure().c_str());
    return 3;
  }

  std::signal(SIGINT, onSignal);
  std::signal(SIGTERM, onSignal);
  const std::vector<int> schedule = engine::hdCheckpointSchedule(int(target));
  auto isCheckpoint = [&](long long u) {
    return std::binary_search(schedule.begin(), schedule.end(), int(u));
  };
  engine::saveHdRun(*trainer, out);
  if (isCheckpoint(trainer->updatesDone())) engine::saveHdCheckpoint(*trainer, out);
  std::printf("training %s (preset %s, seed %llu, %d threads) → %s\n", "head_direction",
              c.preset.c_str(), (unsigned long long)c.seed, threads, out.c_str());

  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  auto lastSave = start, lastPrint = start;
  const long long firstUpdate = trainer->updatesDone();
  double lastTest = std::nan("");
  double firstBelow5 = -1, firstBelow1 = -1;
  while (trainer->updatesDone() < target && !g_interrupted) {
    const engine::HdUpdateRecord r = trainer->step();
    if (trainer->failed()) break;
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    if (!std::isnan(r.testError)) {
      lastTest = r.testError;
      if (r.testError < 5 && firstBelow5 < 0) firstBelow5 = elapsed;
      if (r.testError < 1 && firstBelow1 < 0) firstBelow1 = elapsed;
    }
    if (isCheckpoint(r.update)) engine::saveHdCheckpoint(*trainer, out);
    const auto now = Clock::now();
    if (now - lastSave > std::chrono::seconds(30)) {
      engine::saveHdRun(*trainer, out);
      lastSave = now;
    }
    const bool last = trainer->updatesDone() >= target;
    if (!quiet && (now - lastPrint > std::chrono::milliseconds(250) || last)) {
      const double rate = double(r.update - firstUpdate) / std::max(elapsed, 1e-9);
      std::printf("\rupdate %lld/%lld  %5.1f upd/s  loss %.4f  test error %6.2f %%  λr %.2e  T %d  "
                  "elapsed %s  ETA %s ",
                  r.update, target, rate, r.loss, lastTest, r.activityL2, r.steps,
                  clock(elapsed).c_str(), clock(double(target - r.update) / rate).c_str());
      std::fflush(stdout);
      lastPrint = now;
    }
    if (minutes > 0 && elapsed > minutes * 60) break;
  }
  if (!quiet) std::printf("\n");
  const double testNow = trainer->testError();
  engine::saveHdRun(*trainer, out);
  engine::saveHdCheckpoint(*trainer, out);
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("stopped at update %lld after %s: normalised test error %.3f %%", trainer->updatesDone(),
              clock(elapsed).c_str(), testNow);
  if (firstBelow5 >= 0) std::printf("; < 5 %% after %.0f s", firstBelow5);
  if (firstBelow1 >= 0) std::printf("; < 1 %% after %.0f s", firstBelow1);
  std::printf("\nrun folder: %s\n", out.c_str());
  if (trainer->failed()) {
    std::fprintf(stderr, "%s\n", trainer->failure().c_str());
    return 3;
  }
  return g_interrupted ? 130 : 0;
}

}  // namespace emergence::cli
