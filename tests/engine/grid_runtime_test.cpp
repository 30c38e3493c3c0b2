// Engine thread of the grid-cells lab (grid_lab_runtime.h): transport, products and their
// versions, background evaluations, timed interventions, a two-thread stress test and
// determinism against a plain GridTrainer. Polling loops with generous timeouts; no assertion
// on speed.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <functional>
#include <thread>

#include "engine/runtime/grid_lab_runtime.h"
#include "engine/train/grid_run_folder.h"
#include "engine/train/grid_trainer.h"

using namespace emergence::engine;
using namespace std::chrono_literals;

namespace {

GridRunConfig smallConfig(std::uint64_t seed = 9) {
  GridRunConfig c = gridPreset("default");
  c.seed = seed;
  c.placeCellModel.numUnits = 32;
  c.placeCells.cells = 24;
  c.rat.steps = 10;
  c.training.batchSize = 8;
  c.analysis.evalTrials = 40;
  c.analysis.bins = 12;
  c.analysis.analyzeEvery = 10;
  c.normalise();
  return c;
}

std::shared_ptr<const GridSnapshot> waitFor(const GridLabRuntime& rt,
                                            const std::function<bool(const GridSnapshot&)>& pred,
                                            std::chrono::milliseconds timeout = 30000ms) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (true) {
    auto s = rt.latest();
    if (s && pred(*s)) return s;
    if (std::chrono::steady_clock::now() > end) return nullptr;
    std::this_thread::sleep_for(1ms);
  }
}

GridCommand cmd(GridCommand::Kind k, long long count = 0) {
  GridCommand c;
  c.kind = k;
  c.count = count;
  return c;
}

GridCommand silence(std::vector<int> units, long long steps = 0) {
  GridCommand c;
  c.kind = GridCommand::Kind::AddIntervention;
  c.intervention.type = Intervention::Type::Unit;
  c.intervention.unit = UnitPerturbation::silence(std::move(units));
  c.intervention.label = "silence";
  c.count = steps;
  return c;
}

bool sameBits(const Eigen::MatrixXf& a, const Eigen::MatrixXf& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::memcmp(a.data(), b.data(), sizeof(float) * size_t(a.size())) == 0;
}

}  // namespace

TEST(GridRuntime, TransportProductsAndEvaluations) {
  GridLabRuntime rt(smallConfig(), 2);
  rt.start();
  auto s = rt.latest();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->state, RunState::Paused);
  EXPECT_EQ(s->numUnits, 32);
  ASSERT_TRUE(s->arena);
  EXPECT_EQ(s->arena->walls.size(), 4u);
  EXPECT_EQ(s->arena->placeCellCentres.cols(), 24);
  // The first evaluation (update 0) runs in the background while paused.
  s = waitFor(rt, [](const GridSnapshot& x) { return x.evaluation != nullptr; });
  ASSERT_TRUE(s);
  EXPECT_EQ(s->evaluation->atUpdate, 0);
  EXPECT_EQ(s->evaluation->evaluation.rateMaps.size(), 32u);
  EXPECT_EQ(s->evaluation->evaluation.direction.curve.rows(), 32);
  ASSERT_TRUE(s->development);
  EXPECT_EQ(s->development->size(), 1u);
  rt.post(cmd(GridCommand::Kind::SingleStep));
  s = waitFor(rt, [](const GridSnapshot& x) { return x.update == 1; });
  ASSERT_TRUE(s);
  EXPECT_EQ(s->state, RunState::Paused);
  ASSERT_TRUE(s->weights);
  EXPECT_EQ(s->weights->atUpdate, 1);
  EXPECT_EQ(s->weights->wRec.rows(), 32);
  // Training: live maps appear, the live trial moves, periodic evaluations add development
  // points (every 10 updates).
  rt.post(cmd(GridCommand::Kind::Start));
  s = waitFor(rt, [](const GridSnapshot& x) {
    return x.update >= 25 && x.liveMaps && x.development && x.development->size() >= 3 &&
           x.history && x.history->size() >= 20;
  });
  ASSERT_TRUE(s);
  EXPECT_EQ(s->liveMaps->rateMaps.size(), 32u);
  EXPECT_EQ(s->liveMaps->scores.grid.size(), 32u);
  EXPECT_GT(s->liveMaps->samples, 0);
  // Checkpoints every 10 updates, in order (one may be skipped when evaluations fall behind a
  // tiny network's training; the runtime says so).
  for (size_t k = 1; k < s->development->size(); ++k) {
    EXPECT_EQ((*s->development)[k].update % 10, 0);
    EXPECT_GT((*s->development)[k].update, (*s->development)[k - 1].update);
  }
  ASSERT_TRUE(s->history);
  EXPECT_GE(s->history->size(), 20u);
  EXPECT_GT(s->live.step, 0);
  EXPECT_GT(s->live.trueTrail.cols(), 1);
  // An arena test in a circle.
  GridCommand test = cmd(GridCommand::Kind::EvaluateInArena);
  test.arena = ArenaSpec{ArenaShape::Circle, 1, 1, 1, 0.9};
  rt.post(test);
  s = waitFor(rt, [](const GridSnapshot& x) { return x.arenaTest != nullptr; });
  ASSERT_TRUE(s);
  EXPECT_EQ(s->arenaTest->arena.shape, ArenaShape::Circle);
  EXPECT_EQ(s->arenaTest->walls.size(), size_t(Arena::kCirclePolygonSides));
  EXPECT_GT(s->arenaTest->version, 0u);
  // A bad arena is refused with the field named.
  GridCommand bad = cmd(GridCommand::Kind::EvaluateInArena);
  bad.arena = ArenaSpec{ArenaShape::Square, -1, 1, 1, 1};
  const long long badId = rt.post(bad);
  s = waitFor(rt, [&](const GridSnapshot& x) { return x.lastAppliedCommand >= badId; });
  ASSERT_TRUE(s);
  bool found = false;
  for (const auto& e : rt.commandLog())
    if (e.command.commandId == badId) {
      found = true;
      EXPECT_NE(e.error.find("arena.side"), std::string::npos) << e.error;
    }
  EXPECT_TRUE(found);
  rt.post(cmd(GridCommand::Kind::Pause));
  s = waitFor(rt, [](const GridSnapshot& x) { return x.state == RunState::Paused; });
  ASSERT_TRUE(s);
}

TEST(GridRuntime, TimedSilenceIsReleasedAfterItsLiveSteps) {
  GridLabRuntime rt(smallConfig(), 1);
  rt.setPeriodicEvaluations(false);
  rt.start();
  const long long id = rt.post(silence({0, 1, 2}, 30));
  auto s = waitFor(rt, [&](const GridSnapshot& x) { return x.lastAppliedCommand >= id; });
  ASSERT_TRUE(s);
  ASSERT_EQ(s->interventions.size(), 1u);
  EXPECT_GT(s->interventions[0].remainingSteps, 0);
  EXPECT_EQ(s->live.rates[1], 0.0f);
  rt.post(cmd(GridCommand::Kind::Test));  // the live trial runs, training does not
  s = waitFor(rt, [](const GridSnapshot& x) { return x.interventions.empty(); });
  ASSERT_TRUE(s);
  EXPECT_EQ(s->update, 0);
  // Removing it by hand afterwards (an undo) is not an error.
  GridCommand remove = cmd(GridCommand::Kind::RemoveIntervention);
  remove.id = rt.interventionIdFor(id);
  const long long rid = rt.post(remove);
  s = waitFor(rt, [&](const GridSnapshot& x) { return x.lastAppliedCommand >= rid; });
  for (const auto& e : rt.commandLog())
    if (e.command.commandId == rid) EXPECT_TRUE(e.error.empty()) << e.error;
}

TEST(GridRuntime, StressConcurrentPostAndRead) {
  GridLabRuntime rt(smallConfig(3), 2);
  rt.setPublishHz(500);
  rt.start();
  rt.post(cmd(GridCommand::Kind::Start));
  std::atomic<bool> stop{false};
  std::atomic<long long> reads{0};
  std::thread reader([&] {
    std::uint64_t last = 0;
    while (!stop) {
      auto s = rt.latest();
      EXPECT_GE(s->sequence, last);
      last = s->sequence;
      if (s->liveMaps) EXPECT_EQ(s->liveMaps->rateMaps.size(), size_t(s->numUnits));
      if (s->history) EXPECT_LE((long long)s->history->size(), s->update);
      ++reads;
    }
  });
  std::thread poster([&] {
    for (int k = 0; k < 300 && !stop; ++k) {
      switch (k % 6) {
        case 0:
          rt.post(silence({k % 32}));
          break;
        case 1: {
          GridCommand r = cmd(GridCommand::Kind::RemoveIntervention);
          r.id = k / 6 + 1;
          rt.post(r);
          break;
        }
        case 2:
          rt.post(cmd(GridCommand::Kind::SetLiveTrialSpeed, k % 7));
          break;
        case 3:
          rt.post(cmd(k % 12 == 3 ? GridCommand::Kind::Pause : GridCommand::Kind::Start));
          break;
        case 4:
          rt.post(cmd(GridCommand::Kind::SetLiveAnchor, k % 40));
          break;
        default:
          rt.post(cmd(k % 30 == 5 ? GridCommand::Kind::Evaluate : GridCommand::Kind::SingleStep));
      }
      std::this_thread::sleep_for(1ms);
    }
  });
  poster.join();
  const long long last = rt.post(cmd(GridCommand::Kind::Start));
  auto s = waitFor(
      rt, [&](const GridSnapshot& x) { return x.update >= 30 && x.lastAppliedCommand >= last; });
  stop = true;
  reader.join();
  ASSERT_TRUE(s);
  EXPECT_GT(reads.load(), 100);
  EXPECT_EQ(rt.commandLog().size(), 302u);  // every command applied and logged once
}

TEST(GridRuntime, SameCommandsSameBitsAsPlainTrainer) {
  const GridRunConfig c = smallConfig(21);
  GridLabRuntime rt(c, 2);
  rt.setPeriodicEvaluations(false);
  rt.start();
  rt.post(cmd(GridCommand::Kind::FastForward, 7));
  auto s = waitFor(
      rt, [](const GridSnapshot& x) { return x.update == 7 && x.state == RunState::Paused; });
  ASSERT_TRUE(s);
  const long long add = rt.post(silence({4, 5}));
  rt.post(cmd(GridCommand::Kind::SingleStep));
  rt.post(cmd(GridCommand::Kind::SingleStep));
  rt.post(cmd(GridCommand::Kind::Start));
  s = waitFor(rt, [](const GridSnapshot& x) { return x.update >= 12; });
  ASSERT_TRUE(s);
  const long long pause = rt.post(cmd(GridCommand::Kind::Pause));
  s = waitFor(rt, [&](const GridSnapshot& x) { return x.lastAppliedCommand >= pause; });
  ASSERT_TRUE(s);
  const auto dir =
      std::filesystem::temp_directory_path() / ("grid_runtime_test_" + std::to_string(::getpid()));
  GridCommand save = cmd(GridCommand::Kind::Save);
  save.path = dir.string();
  const long long saveId = rt.post(save);
  s = waitFor(rt, [&](const GridSnapshot& x) { return x.lastAppliedCommand >= saveId; });
  ASSERT_TRUE(s);
  const long long updates = s->update;
  // Replay the log on a plain trainer: the intervention was applied at the update logged.
  long long addedAt = -1;
  for (const auto& e : rt.commandLog())
    if (e.command.commandId == add) addedAt = e.update;
  ASSERT_EQ(addedAt, 7);
  GridTrainer plain(c, 1);
  while (plain.updatesDone() < updates) {
    if (plain.updatesDone() == addedAt) plain.addIntervention(silence({4, 5}).intervention);
    plain.step();
  }
  const GridTrainer saved = loadGridRun(dir.string(), 1);
  std::filesystem::remove_all(dir);
  ASSERT_EQ(saved.updatesDone(), updates);
  const auto a = plain.parameters(), b = saved.parameters();
  ASSERT_EQ(a.size(), b.size());
  for (size_t k = 0; k < a.size(); ++k) EXPECT_TRUE(sameBits(a[k].value, b[k].value)) << a[k].name;
  for (const auto& p : plain.effectiveParameters())
    if (p.name == "W_rec") EXPECT_TRUE(sameBits(p.value, s->weights->wRec));
}
