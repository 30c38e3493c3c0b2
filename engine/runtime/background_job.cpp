#include "engine/runtime/background_job.h"

#include <algorithm>
#include <cmath>

namespace emergence::engine {

bool JobContext::cancelled() const { return m_job.cancelRequested(); }

void JobContext::throwIfCancelled() const {
  if (cancelled()) throw JobCancelled();
}

void JobContext::setProgress(double fraction) {
  if (std::isnan(fraction)) return;
  m_job.m_progress.store(std::clamp(fraction, 0.0, 1.0), std::memory_order_relaxed);
}

void JobContext::setStatus(const std::string& text) {
  std::lock_guard<std::mutex> lock(m_job.m_mutex);
  m_job.m_status = text;
}

BackgroundJob::BackgroundJob(std::string title, Work work)
    : m_title(std::move(title)), m_start(std::chrono::steady_clock::now()), m_end(m_start) {
  m_thread = std::thread([this, w = std::move(work)]() mutable { run(std::move(w)); });
}

BackgroundJob::~BackgroundJob() {
  cancel();
  if (m_thread.joinable()) m_thread.join();
}

void BackgroundJob::run(Work work) {
  State end = State::Finished;
  std::string error;
  try {
    JobContext ctx(*this);
    if (work) m_result = work(ctx);
    if (cancelRequested()) end = State::Cancelled;
  } catch (const JobCancelled&) {
    end = State::Cancelled;
  } catch (const std::exception& ex) {
    end = State::Failed;
    error = ex.what();
  } catch (...) {
    end = State::Failed;
    error = "unknown error";
  }
  if (end == State::Finished) m_progress.store(1.0, std::memory_order_relaxed);
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_error = std::move(error);
    m_end = std::chrono::steady_clock::now();
    m_state.store(end, std::memory_order_release);  // publishes m_result
  }
  m_doneCv.notify_all();
}

std::string BackgroundJob::status() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_status;
}

std::string BackgroundJob::error() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_error;
}

double BackgroundJob::elapsedSeconds() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  const auto end = done() ? m_end : std::chrono::steady_clock::now();
  return std::chrono::duration<double>(end - m_start).count();
}

void BackgroundJob::wait() {
  std::unique_lock<std::mutex> lock(m_mutex);
  m_doneCv.wait(lock, [this] { return done(); });
}

bool BackgroundJob::waitFor(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(m_mutex);
  return m_doneCv.wait_for(lock, timeout, [this] { return done(); });
}

const std::any& BackgroundJob::result() const {
  static const std::any kEmpty;
  return done() ? m_result : kEmpty;
}

const char* toString(BackgroundJob::State s) {
  switch (s) {
    case BackgroundJob::State::Running: return "running";
    case BackgroundJob::State::Finished: return "finished";
    case BackgroundJob::State::Cancelled: return "cancelled";
    case BackgroundJob::State::Failed: return "failed";
  }
  return "unknown";
}

}  // namespace emergence::engine
