// Work split over threads with results taken in input order: a producer hands out jobs (blocks of
// a file), workers turn each into a result, and the calling thread consumes the results in the
// order the jobs were made. The consumer therefore sees exactly what one thread would have seen,
// whatever the number of threads: a reader built on it gives identical results at 1 or 8 threads.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace treem {

/// Threads to use for `requested` (0: every core the machine has).
[[nodiscard]] inline unsigned thread_count(unsigned requested) noexcept {
  if (requested != 0) return requested;
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

/// Runs `next() -> std::optional<Job>` and `consume(Result&&)` on the calling thread and
/// `work(Job&&) -> Result` on `threads` threads (inline when 1), with at most 2 × threads jobs in
/// flight so that memory stays bounded. An exception from `next` or `work` is rethrown when its
/// turn comes, after the results of the jobs made before it have been consumed (an earlier result
/// may hold an earlier error), so that the first failure is the same at any number of threads; one
/// from `consume` stops the pipeline at once.
template <class Job, class Next, class Work, class Consume>
void run_ordered(unsigned threads, Next&& next, Work&& work, Consume&& consume) {
  using Result = decltype(work(std::declval<Job&&>()));
  if (threads <= 1) {
    while (std::optional<Job> job = next()) consume(work(std::move(*job)));
    return;
  }
  std::mutex m;
  std::condition_variable job_ready, result_ready;
  std::deque<std::pair<std::size_t, Job>> jobs;
  std::map<std::size_t, std::pair<std::optional<Result>, std::exception_ptr>> results;  // a result, or the failure of its job
  bool stop = false;
  auto worker = [&] {
    for (;;) {
      std::unique_lock lock(m);
      job_ready.wait(lock, [&] { return stop || !jobs.empty(); });
      if (stop || jobs.empty()) return;  // stopped early (a failure): the jobs left are not wanted
      auto [index, job] = std::move(jobs.front());
      jobs.pop_front();
      lock.unlock();
      std::pair<std::optional<Result>, std::exception_ptr> done;
      try {
        done.first.emplace(work(std::move(job)));
      } catch (...) {
        done.second = std::current_exception();
      }
      lock.lock();
      results.emplace(index, std::move(done));
      result_ready.notify_one();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  auto shut_down = [&] {
    {
      std::lock_guard lock(m);
      stop = true;
    }
    job_ready.notify_all();
    for (auto& t : pool) t.join();
  };
  std::size_t made = 0, taken = 0;
  bool exhausted = false;
  std::exception_ptr producer_failure;
  try {
    while (!exhausted || taken < made) {
      while (!exhausted && made - taken < 2 * static_cast<std::size_t>(threads)) {
        std::optional<Job> job;
        try {
          job = next();
        } catch (...) {
          producer_failure = std::current_exception();
        }
        if (!job) {
          exhausted = true;
          break;
        }
        {
          std::lock_guard lock(m);
          jobs.emplace_back(made++, std::move(*job));
        }
        job_ready.notify_one();
      }
      if (taken == made) break;
      std::unique_lock lock(m);
      result_ready.wait(lock, [&] { return results.contains(taken); });
      auto done = std::move(results.at(taken));
      results.erase(taken);
      lock.unlock();
      ++taken;
      if (done.second) std::rethrow_exception(done.second);
      consume(std::move(*done.first));
    }
  } catch (...) {
    shut_down();
    throw;
  }
  shut_down();
  if (producer_failure) std::rethrow_exception(producer_failure);
}

}  // namespace treem
