#pragma once
// A long job on its own std::thread (product.md §2 "Progress": long jobs show progress and can be
// cancelled; the window never freezes). Qt-free: the GUI polls progress(), status() and state()
// with a timer (architecture.md §2: the worker never calls back into the GUI).
//
//   auto job = std::make_shared<BackgroundJob>("fixed points", [net](JobContext& ctx) -> std::any {
//     for (int k = 0; k < K; ++k) {
//       if (ctx.cancelled()) break;           // or ctx.throwIfCancelled()
//       ...;
//       ctx.setProgress(double(k + 1) / K);  // fraction in [0, 1]
//     }
//     return result;                          // any copyable value (e.g. a shared_ptr<const T>)
//   });
//   ... later, on the GUI thread: if (job->done()) use(job->resultAs<T>());
//
// End states: Finished (the work returned), Cancelled (cancel() was requested before the work
// returned, or the work threw JobCancelled), Failed (the work threw; error() has what()). A
// cancelled job keeps the value its work returned (a partial result), if any. The result is
// written before the end state is published (release/acquire), so it is safe to read once
// done() is true. The destructor requests cancellation and joins the thread.
#include <any>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

namespace emergence::engine {

// Thrown by JobContext::throwIfCancelled (or by the work itself) to unwind a cancelled job.
struct JobCancelled : std::runtime_error {
  JobCancelled() : std::runtime_error("job cancelled") {}
};

class BackgroundJob;

// What the work sees of its job: the cancel flag to poll, and where to report progress.
class JobContext {
 public:
  bool cancelled() const;
  void throwIfCancelled() const;
  void setProgress(double fraction);        // clamped to [0, 1]; NaN ignored
  void setStatus(const std::string& text);  // shown beside the progress bar

 private:
  friend class BackgroundJob;
  explicit JobContext(BackgroundJob& job) : m_job(job) {}
  BackgroundJob& m_job;
};

class BackgroundJob {
 public:
  enum class State { Running, Finished, Cancelled, Failed };
  using Work = std::function<std::any(JobContext&)>;

  // Starts the work on a new thread at once.
  BackgroundJob(std::string title, Work work);
  ~BackgroundJob();  // cancel() then join
  BackgroundJob(const BackgroundJob&) = delete;
  BackgroundJob& operator=(const BackgroundJob&) = delete;

  const std::string& title() const { return m_title; }
  State state() const { return m_state.load(std::memory_order_acquire); }
  bool done() const { return state() != State::Running; }
  double progress() const { return m_progress.load(std::memory_order_relaxed); }  // [0, 1]
  std::string status() const;
  std::string error() const;  // Failed: the exception's message
  double elapsedSeconds() const;  // since start, frozen at the end

  // Asks the work to stop (it polls JobContext::cancelled()); returns at once.
  void cancel() { m_cancel.store(true, std::memory_order_release); }
  bool cancelRequested() const { return m_cancel.load(std::memory_order_acquire); }

  void wait();  // until done()
  bool waitFor(std::chrono::milliseconds timeout);  // true if done() within the timeout

  // The work's return value; empty while running, after a failure, or when it returned nothing.
  const std::any& result() const;
  template <class T>
  const T* resultAs() const {
    return done() ? std::any_cast<T>(&m_result) : nullptr;
  }

 private:
  friend class JobContext;
  void run(Work work);

  const std::string m_title;
  std::atomic<State> m_state{State::Running};
  std::atomic<double> m_progress{0.0};
  std::atomic<bool> m_cancel{false};
  mutable std::mutex m_mutex;  // m_status, m_error, m_end
  mutable std::condition_variable m_doneCv;
  std::string m_status, m_error;
  const std::chrono::steady_clock::time_point m_start;
  std::chrono::steady_clock::time_point m_end;
  std::any m_result;  // written by the worker before m_state leaves Running
  std::thread m_thread;
};

// Short English name of a state ("running", "finished", "cancelled", "failed") for logs.
const char* toString(BackgroundJob::State s);

}  // namespace emergence::engine
