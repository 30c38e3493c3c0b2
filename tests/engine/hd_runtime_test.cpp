// Engine thread of the head-direction lab: command semantics, a multi-threaded stress test,
// determinism against a plain HdTrainer, and intervention latency. Polling loops with generous
// timeouts; no assertion on speed.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <functional>
#include <thread>
#include <unistd.h>

#include "engine/core/random.h"
#include "engine/runtime/hd_lab_runtime.h"
#include "engine/train/hd_trainer.h"

using namespace emergence::engine;
using namespace std::chrono_literals;

namespace {

HdRunConfig smallConfig(std::uint64_t seed = 11) {
  HdRunConfig c = hdPreset("paper");
  c.seed = seed;
  c.model.numUnits = 24;
  c.task.steps = 40;
  c.training.batchSize = 8;
  c.training.shards = 2;
  c.training.testTrials = 8;
  c.training.testSteps = 40;
  c.training.testEvery = 5;
  c.training.optimizer.learningRate = 3e-3;
  return c;
}

// Polls `pred` on the latest snapshot until it holds or `timeout` passes.
std::shared_ptr<const HdSnapshot> waitFor(const HdLabRuntime& rt,
                                          const std::function<bool(const HdSnapshot&)>& pred,
                                          std::chrono::milliseconds timeout = 20000ms) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (true) {
    auto s = rt.latest();
    if (s && pred(*s)) return s;
    if (std::chrono::steady_clock::now() > end) return nullptr;
    std::this_thread::sleep_for(1ms);
  }
}

HdCommand cmd(HdCommand::Kind k, long long count = 0) {
  HdCommand c;
  c.kind = k;
  c.count = count;
  return c;
}

HdCommand silence(std::vector<int> units) {
  HdCommand c;
  c.kind = HdCommand::Kind::AddIntervention;
  c.intervention.type = Intervention::Type::Unit;
  c.intervention.unit = UnitPerturbation::silence(std::move(units));
  c.intervention.label = "silence";
  return c;
}

HdCommand removeIntervention(int id) {
  HdCommand c;
  c.kind = HdCommand::Kind::RemoveIntervention;
  c.id = id;
  return c;
}

template <typename M>
bool sameBits(const M& a, const M& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::memcmp(a.data(), b.data(), sizeof(float) * size_t(a.size())) == 0;
}

}  // namespace

TEST(HdRuntime, StartPauseSingleStep) {
  HdLabRuntime rt(smallConfig(), 2);
  EXPECT_EQ(rt.latest(), nullptr);
  rt.start();
  auto s0 = rt.latest();
  ASSERT_NE(s0, nullptr);
  EXPECT_EQ(s0->state, RunState::Paused);
  EXPECT_EQ(s0->update, 0);
  EXPECT_EQ(s0->numUnits, 24);
  ASSERT_NE(s0->weights, nullptr);
  EXPECT_EQ(s0->live.rates.size(), 24);

  // Paused: nothing trains.
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(rt.latest()->update, 0);

  // Single step: exactly one update, then paused.
  long long id = rt.post(cmd(HdCommand::Kind::SingleStep));
  auto s = waitFor(rt, [&](const HdSnapshot& x) { return x.lastAppliedCommand >= id; });
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->update, 1);
  EXPECT_EQ(s->state, RunState::Paused);
  EXPECT_EQ(s->history.size(), 1u);
  ASSERT_NE(s->weights, nullptr);
  EXPECT_EQ(s->weights->atUpdate, 1);
  id = rt.post(cmd(HdCommand::Kind::SingleStep));
  rt.post(cmd(HdCommand::Kind::SingleStep));
  s = waitFor(rt, [&](const HdSnapshot& x) { return x.update >= 3; });
  ASSERT_NE(s, nullptr);
  std::this_thread::sleep_for(30ms);
  EXPECT_EQ(rt.latest()->update, 3);

  // Start: updates keep coming; the live trial advances.
  const int liveStep = rt.latest()->live.step;
  rt.post(cmd(HdCommand::Kind::Start));
  s = waitFor(rt, [](const HdSnapshot& x) { return x.update >= 10 && x.state == RunState::Training; });
  ASSERT_NE(s, nullptr);
  s = waitFor(rt, [&](const HdSnapshot& x) { return x.live.step != liveStep; });
  ASSERT_NE(s, nullptr);
  EXPECT_LE(s->live.trueTrace.size(), 300u);
  EXPECT_EQ(s->live.activityTrace.cols(), Eigen::Index(s->live.trueTrace.size()));

  // Pause: the update count stops.
  id = rt.post(cmd(HdCommand::Kind::Pause));
  s = waitFor(rt, [&](const HdSnapshot& x) { return x.lastAppliedCommand >= id; });
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->state, RunState::Paused);
  const long long stopped = s->update;
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(rt.latest()->update, stopped);

  // Fast-forward returns to the previous state (paused) after exactly `count` updates.
  rt.post(cmd(HdCommand::Kind::FastForward, 7));
  s = waitFor(rt, [&](const HdSnapshot& x) {
    return x.update == stopped + 7 && x.state == RunState::Paused;
  });
  ASSERT_NE(s, nullptr);

  // Testing: the live trial runs, training does not.
  rt.post(cmd(HdCommand::Kind::Test));
  s = waitFor(rt, [](const HdSnapshot& x) { return x.state == RunState::Testing; });
  ASSERT_NE(s, nullptr);
  const int stepAt = s->live.step;
  s = waitFor(rt, [&](const HdSnapshot& x) { return x.live.step != stepAt; });
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->update, stopped + 7);

  // Analyze: a new analysis product version.
  const std::uint64_t v = rt.latest()->analysis ? rt.latest()->analysis->version : 0;
  id = rt.post(cmd(HdCommand::Kind::Analyze));
  s = waitFor(rt, [&](const HdSnapshot& x) { return x.lastAppliedCommand >= id; });
  ASSERT_NE(s, nullptr);
  ASSERT_NE(s->analysis, nullptr);
  EXPECT_GT(s->analysis->version, v);
  EXPECT_EQ(s->analysis->classes.size(), 24u);
  EXPECT_EQ(s->analysis->hdTuning.rows(), 24);

  // Reset: fresh network, history cleared.
  HdCommand reset = cmd(HdCommand::Kind::Reset);
  reset.seed = 5;
  id = rt.post(reset);
  s = waitFor(rt, [&](const HdSnapshot& x) { return x.lastAppliedCommand >= id; });
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->update, 0);
  EXPECT_TRUE(s->history.empty());
  EXPECT_EQ(s->state, RunState::Paused);

  const auto log = rt.commandLog();
  ASSERT_FALSE(log.empty());
  for (size_t i = 1; i < log.size(); ++i) {
    EXPECT_GT(log[i].command.commandId, log[i - 1].command.commandId);
  }
}

TEST(HdRuntime, StressConcurrentPostAndRead) {
  HdLabRuntime rt(smallConfig(), 2);
  rt.setAnalysisEveryUpdates(20);
  rt.setPublishHz(200);
  rt.start();
  std::atomic<bool> done{false};
  std::atomic<int> violations{0}, reads{0};
  std::atomic<long long> posted{0};

  auto writer = [&](std::uint64_t seed) {
    Rng rng(seed);
    while (!done.load()) {
      HdCommand c;
      switch (rng.uniformInt(12)) {
        case 0: c = cmd(HdCommand::Kind::Start); break;
        case 1: c = cmd(HdCommand::Kind::Pause); break;
        case 2: c = silence({int(rng.uniformInt(24))}); break;
        case 3: c = removeIntervention(int(rng.uniformInt(40)) + 1); break;
        case 4: {
          c = cmd(HdCommand::Kind::SetThresholds);
          c.thresholds.compassMinStrength = rng.uniform(0.1, 0.9);
          break;
        }
        case 5: c = cmd(HdCommand::Kind::Analyze); break;
        case 6: c = cmd(HdCommand::Kind::SingleStep); break;
        case 7: c = cmd(HdCommand::Kind::FastForward, 1 + static_cast<long long>(rng.uniformInt(5))); break;
        case 8: c = cmd(HdCommand::Kind::Test); break;
        case 9: {
          c = cmd(HdCommand::Kind::SetDelay);
          c.value = rng.uniformInt(2) ? 0.0 : 0.002;
          break;
        }
        case 10:
          c = cmd(HdCommand::Kind::SetLiveTrialSpeed, 1 + static_cast<long long>(rng.uniformInt(60)));
          break;
        default: {
          c = cmd(HdCommand::Kind::AddIntervention);
          c.intervention.type = Intervention::Type::Ablation;
          c.intervention.ablation.rows = {int(rng.uniformInt(24))};
          break;
        }
      }
      rt.post(c);
      posted.fetch_add(1);
      std::this_thread::sleep_for(std::chrono::microseconds(200 + rng.uniformInt(800)));
    }
  };
  auto reader = [&] {
    std::uint64_t lastSeq = 0;
    long long lastUpdate = 0, lastCmd = 0;
    while (!done.load()) {
      auto s = rt.latest();
      if (!s) {
        violations.fetch_add(1);
        continue;
      }
      bool ok = s->sequence >= lastSeq && s->update >= lastUpdate &&
                s->lastAppliedCommand >= lastCmd && s->numUnits == 24 &&
                s->history.size() == size_t(s->update) && s->live.rates.size() == 24 &&
                s->live.activityTrace.rows() == 24 &&
                s->live.activityTrace.cols() == Eigen::Index(s->live.trueTrace.size()) &&
                s->live.trueTrace.size() == s->live.decodedTrace.size() &&
                s->live.trueTrace.size() == s->live.omegaTrace.size() &&
                s->live.trueTrace.size() <= 300 && s->weights && s->weights->wRec.rows() == 24 &&
                s->weights->wRec.cols() == 24 && s->weights->eigenvalues.size() == 24;
      if (s->analysis)
        ok = ok && s->analysis->classes.size() == 24 && s->analysis->preferredDeg.size() == 24;
      for (const auto& [id, i] : s->interventions) ok = ok && id > 0;
      if (!ok) violations.fetch_add(1);
      lastSeq = s->sequence;
      lastUpdate = s->update;
      lastCmd = s->lastAppliedCommand;
      reads.fetch_add(1);
    }
  };
  std::thread w1(writer, 1), w2(writer, 2), r1(reader), r2(reader);
  std::this_thread::sleep_for(1000ms);
  done = true;
  w1.join();
  w2.join();
  r1.join();
  r2.join();
  EXPECT_EQ(violations.load(), 0);
  EXPECT_GT(reads.load(), 0);
  // Every posted command is eventually applied and logged.
  const long long total = posted.load();
  HdCommand p = cmd(HdCommand::Kind::Pause);
  const long long lastId = rt.post(p);
  auto s = waitFor(rt, [&](const HdSnapshot& x) { return x.lastAppliedCommand >= lastId; });
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(rt.commandLog().size(), size_t(total + 1));
  // Clean shutdown happens in the destructor.
}

TEST(HdRuntime, SameCommandsSameBitsAsPlainTrainer) {
  const HdRunConfig config = smallConfig(23);
  HdTrainer plain(config, 1);
  HdLabRuntime rt(config, 2);
  rt.start();

  auto stepBoth = [&](int n) {
    long long id = 0;
    for (int i = 0; i < n; ++i) {
      plain.step();
      id = rt.post(cmd(HdCommand::Kind::SingleStep));
    }
    return id;
  };
  stepBoth(3);
  const int plainId = plain.addIntervention(silence({2, 5}).intervention);
  const long long addCmd = rt.post(silence({2, 5}));
  stepBoth(2);
  Intervention abl;
  abl.type = Intervention::Type::Ablation;
  abl.ablation.rows = {1};
  abl.ablation.cols = {3, 4};
  const int plainAbl = plain.addIntervention(abl);
  HdCommand ablCmd = cmd(HdCommand::Kind::AddIntervention);
  ablCmd.intervention = abl;
  rt.post(ablCmd);
  stepBoth(2);
  // Wait for the runtime to have applied the add, to learn its id.
  ASSERT_NE(waitFor(rt, [&](const HdSnapshot& x) { return x.lastAppliedCommand >= addCmd; }),
            nullptr);
  const int rtId = rt.interventionIdFor(addCmd);
  EXPECT_EQ(rtId, plainId);
  plain.removeIntervention(plainId);
  rt.post(removeIntervention(rtId));
  const long long last = stepBoth(3);
  (void)plainAbl;

  auto s = waitFor(rt, [&](const HdSnapshot& x) {
    return x.lastAppliedCommand >= last && x.weights && x.weights->atUpdate == 10;
  });
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->update, 10);
  EXPECT_EQ(plain.updatesDone(), 10);
  const auto& m = plain.model();
  const Eigen::MatrixXf wRec = m.params.W_rec.cwiseProduct(m.masks.rec);
  const Eigen::MatrixXf wIn = m.params.W_in.cwiseProduct(m.masks.in);
  const Eigen::MatrixXf wOut = m.params.W_out.cwiseProduct(m.masks.out);
  EXPECT_TRUE(sameBits(s->weights->wRec, wRec));
  EXPECT_TRUE(sameBits(s->weights->wIn, wIn));
  EXPECT_TRUE(sameBits(s->weights->wOut, wOut));
  EXPECT_TRUE(sameBits(s->weights->bRec, m.params.b_rec));
  EXPECT_TRUE(sameBits(s->weights->x0, m.params.x0));
  EXPECT_TRUE(sameBits(s->weights->maskRec, m.masks.rec));
  ASSERT_EQ(s->history.size(), plain.history().size());
  for (size_t i = 0; i < s->history.size(); ++i)
    EXPECT_EQ(s->history[i].loss, plain.history()[i].loss) << "update " << i + 1;
  ASSERT_EQ(s->interventions.size(), 1u);  // the ablation remains

  // The log records each command with the update at which it was applied.
  const auto log = rt.commandLog();
  int adds = 0;
  for (const auto& e : log)
    if (e.command.kind == HdCommand::Kind::AddIntervention) {
      EXPECT_EQ(e.update, adds == 0 ? 3 : 5);
      ++adds;
    }
  EXPECT_EQ(adds, 2);
}

TEST(HdRuntime, SilenceShowsInNextFrames) {
  HdLabRuntime rt(smallConfig(3), 2);
  rt.start();
  rt.post(cmd(HdCommand::Kind::FastForward, 5));
  ASSERT_NE(waitFor(rt, [](const HdSnapshot& x) { return x.update >= 5; }), nullptr);
  for (RunState mode : {RunState::Testing, RunState::Training}) {
    rt.post(cmd(mode == RunState::Testing ? HdCommand::Kind::Test : HdCommand::Kind::Start));
    ASSERT_NE(waitFor(rt, [&](const HdSnapshot& x) { return x.state == mode; }), nullptr);
    const int k = 7;
    const long long id = rt.post(silence({k}));
    auto s = waitFor(rt, [&](const HdSnapshot& x) { return x.lastAppliedCommand >= id; });
    ASSERT_NE(s, nullptr);
    const int interventionId = rt.interventionIdFor(id);
    ASSERT_GT(interventionId, 0);
    bool active = false;
    for (const auto& [iid, i] : s->interventions) active = active || iid == interventionId;
    EXPECT_TRUE(active);
    const int step = s->live.step;
    const std::uint64_t seq = s->sequence;
    auto next = waitFor(rt, [&](const HdSnapshot& x) {
      return x.sequence > seq && x.live.step != step;
    });
    ASSERT_NE(next, nullptr);
    EXPECT_EQ(next->live.rates[k], 0.0f);
    EXPECT_EQ(next->live.activityTrace(k, next->live.activityTrace.cols() - 1), 0.0f);
    // Release: the intervention disappears from the next snapshot.
    const long long rid = rt.post(removeIntervention(interventionId));
    s = waitFor(rt, [&](const HdSnapshot& x) { return x.lastAppliedCommand >= rid; });
    ASSERT_NE(s, nullptr);
    EXPECT_TRUE(s->interventions.empty());
  }
  // While paused, an intervention still shows at once (one live step is simulated).
  long long id = rt.post(cmd(HdCommand::Kind::Pause));
  id = rt.post(silence({3}));
  auto s = waitFor(rt, [&](const HdSnapshot& x) { return x.lastAppliedCommand >= id; });
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->state, RunState::Paused);
  EXPECT_EQ(s->live.rates[3], 0.0f);
}

// At the paper's trial length an update takes far longer than a frame: a posted silence is
// previewed on the live trial by the frame thread before the engine applies it, and the first
// frame that claims to show it (lastShownCommand) has the unit silent.
TEST(HdRuntime, PostedSilenceIsPreviewedBeforeTheSlowUpdateApplies) {
  HdRunConfig c = hdPreset("paper");
  c.seed = 5;
  c.training.testEvery = 1000;
  HdLabRuntime rt(c, 1);
  rt.start();
  rt.post(cmd(HdCommand::Kind::Start));
  ASSERT_NE(waitFor(rt, [](const HdSnapshot& x) {
              return x.state == RunState::Training && x.live.step > 0;
            }), nullptr);
  const int k = 11;
  const long long id = rt.post(silence({k}));
  auto shown = waitFor(rt, [&](const HdSnapshot& x) { return x.lastShownCommand >= id; });
  ASSERT_NE(shown, nullptr);
  ASSERT_FALSE(shown->live.rates.size() == 0);
  EXPECT_EQ(shown->live.rates[k], 0.0f);
  EXPECT_EQ(shown->live.activityTrace(k, shown->live.activityTrace.cols() - 1), 0.0f);
  rt.post(cmd(HdCommand::Kind::Pause));
}

TEST(HdRuntime, BadCommandsReportErrorsAndKeepRunning) {
  HdLabRuntime rt(smallConfig(), 1);
  rt.start();
  const long long id = rt.post(silence({99}));  // out of range
  auto s = waitFor(rt, [&](const HdSnapshot& x) { return x.lastAppliedCommand >= id; });
  ASSERT_NE(s, nullptr);
  EXPECT_FALSE(s->message.empty());
  EXPECT_TRUE(s->interventions.empty());
  EXPECT_EQ(rt.interventionIdFor(id), 0);
  const auto log = rt.commandLog();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_FALSE(log[0].error.empty());
  const long long step = rt.post(cmd(HdCommand::Kind::SingleStep));
  s = waitFor(rt, [&](const HdSnapshot& x) { return x.lastAppliedCommand >= step; });
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->update, 1);
  EXPECT_TRUE(s->message.empty());

  // Save writes the run folder; a bad path reports an error and changes nothing else.
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("emergence_hd_runtime_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  HdCommand save = cmd(HdCommand::Kind::Save);
  save.path = dir.string();
  const long long sid = rt.post(save);
  s = waitFor(rt, [&](const HdSnapshot& x) { return x.lastAppliedCommand >= sid; });
  ASSERT_NE(s, nullptr);
  EXPECT_TRUE(s->message.empty()) << s->message;
  EXPECT_TRUE(fs::exists(dir / "config.json"));
  EXPECT_TRUE(fs::exists(dir / "weights.npz"));
  fs::remove_all(dir);
  save.path = "/proc/emergence_cannot_write_here";
  const long long bad = rt.post(save);
  s = waitFor(rt, [&](const HdSnapshot& x) { return x.lastAppliedCommand >= bad; });
  ASSERT_NE(s, nullptr);
  EXPECT_FALSE(s->message.empty());
  EXPECT_EQ(s->update, 1);
}

// A runtime built from an existing trainer continues it exactly: the same weights after k more
// single steps as the trainer stepping on its own.
TEST(HdRuntime, ContinuesAnAdoptedTrainerExactly) {
  HdTrainer reference(smallConfig(5), 1), adopted(smallConfig(5), 1);
  for (int k = 0; k < 3; ++k) {
    reference.step();
    adopted.step();
  }
  HdLabRuntime rt(std::move(adopted));
  rt.start();
  ASSERT_EQ(rt.latest()->update, 3);
  for (int k = 0; k < 2; ++k) rt.post(cmd(HdCommand::Kind::SingleStep));
  auto s = waitFor(rt, [](const HdSnapshot& x) { return x.update == 5 && x.weights &&
                                                        x.weights->atUpdate == 5; });
  ASSERT_TRUE(s);
  for (int k = 0; k < 2; ++k) reference.step();
  const Eigen::MatrixXf expected =
      reference.model().params.W_rec.cwiseProduct(reference.model().masks.rec);
  EXPECT_EQ(s->weights->wRec, expected);
  EXPECT_EQ(s->history.size(), 5u);
}
