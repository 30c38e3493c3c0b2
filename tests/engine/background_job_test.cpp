// BackgroundJob (engine/runtime/background_job.h): progress reaches 1, cancel stops the work,
// the result (or the failure) is delivered, and the destructor never hangs.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>

#include "engine/runtime/background_job.h"

using namespace emergence::engine;
using namespace std::chrono_literals;

namespace {
// Polls `pred` until it holds or `timeout` passes (the GUI polls the same way, with a timer).
template <class P>
bool eventually(P pred, std::chrono::milliseconds timeout = 10s) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (!pred()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}
}  // namespace

TEST(BackgroundJob, ProgressReachesOneAndResultIsDelivered) {
  BackgroundJob job("sum", [](JobContext& ctx) -> std::any {
    long long sum = 0;
    for (int k = 1; k <= 100; ++k) {
      sum += k;
      ctx.setProgress(k / 100.0);
      ctx.setStatus("step " + std::to_string(k));
      std::this_thread::sleep_for(100us);
    }
    return sum;
  });
  EXPECT_EQ(job.title(), "sum");
  ASSERT_TRUE(job.waitFor(10s));
  EXPECT_EQ(job.state(), BackgroundJob::State::Finished);
  EXPECT_DOUBLE_EQ(job.progress(), 1.0);
  EXPECT_EQ(job.status(), "step 100");
  ASSERT_NE(job.resultAs<long long>(), nullptr);
  EXPECT_EQ(*job.resultAs<long long>(), 5050);
  EXPECT_EQ(job.resultAs<int>(), nullptr);  // wrong type: no value
  EXPECT_TRUE(job.error().empty());
  EXPECT_GE(job.elapsedSeconds(), 0.0);
}

TEST(BackgroundJob, ProgressIsClampedAndVisibleWhileRunning) {
  std::atomic<bool> release{false};
  BackgroundJob job("wait", [&](JobContext& ctx) -> std::any {
    ctx.setProgress(0.25);
    while (!release) std::this_thread::sleep_for(1ms);
    ctx.setProgress(7.0);  // clamped to 1
    return {};
  });
  EXPECT_TRUE(eventually([&] { return job.progress() == 0.25; }));
  EXPECT_FALSE(job.done());
  EXPECT_FALSE(job.result().has_value());  // nothing while running
  release = true;
  job.wait();
  EXPECT_EQ(job.state(), BackgroundJob::State::Finished);
  EXPECT_DOUBLE_EQ(job.progress(), 1.0);
}

TEST(BackgroundJob, CancelStopsTheWorkAndKeepsThePartialResult) {
  std::atomic<int> iterations{0};
  BackgroundJob job("endless", [&](JobContext& ctx) -> std::any {
    int k = 0;
    while (!ctx.cancelled()) {
      ++k;
      iterations = k;
      std::this_thread::sleep_for(1ms);
    }
    return k;  // what was done so far
  });
  ASSERT_TRUE(eventually([&] { return iterations > 3; }));
  job.cancel();
  EXPECT_TRUE(job.cancelRequested());
  ASSERT_TRUE(job.waitFor(10s));
  EXPECT_EQ(job.state(), BackgroundJob::State::Cancelled);
  const int stoppedAt = iterations;
  std::this_thread::sleep_for(20ms);
  EXPECT_EQ(iterations, stoppedAt);  // the work really stopped
  ASSERT_NE(job.resultAs<int>(), nullptr);
  EXPECT_EQ(*job.resultAs<int>(), stoppedAt);
}

TEST(BackgroundJob, ThrowIfCancelledUnwindsToCancelled) {
  BackgroundJob job("unwind", [](JobContext& ctx) -> std::any {
    while (true) {
      ctx.throwIfCancelled();
      std::this_thread::sleep_for(1ms);
    }
  });
  job.cancel();
  ASSERT_TRUE(job.waitFor(10s));
  EXPECT_EQ(job.state(), BackgroundJob::State::Cancelled);
  EXPECT_FALSE(job.result().has_value());
}

TEST(BackgroundJob, ExceptionBecomesFailedWithMessage) {
  BackgroundJob job("broken", [](JobContext&) -> std::any {
    throw std::runtime_error("weights.npz: W_rec: wrong shape");
  });
  job.wait();
  EXPECT_EQ(job.state(), BackgroundJob::State::Failed);
  EXPECT_EQ(job.error(), "weights.npz: W_rec: wrong shape");
  EXPECT_STREQ(toString(job.state()), "failed");
}

TEST(BackgroundJob, DestructorCancelsAndJoins) {
  std::atomic<bool> sawCancel{false};
  {
    auto job = std::make_unique<BackgroundJob>("long", [&](JobContext& ctx) -> std::any {
      while (!ctx.cancelled()) std::this_thread::sleep_for(1ms);
      sawCancel = true;
      return {};
    });
  }
  EXPECT_TRUE(sawCancel);
}
