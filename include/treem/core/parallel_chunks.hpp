// Work split into contiguous chunks, one thread each: what the register passes and the interval
// stage share; or tasks of uneven cost handed out one at a time (parallel_tasks). Exceptions do
// not cross threads by themselves; each chunk's (or task's) is kept and the first, in chunk or
// task order (so the same at any number of threads), is rethrown once every thread has joined.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace treem {

/// Runs body(k, begin, end) for chunk k of `chunks` contiguous chunks of [0, n), each on its own
/// thread (on the caller's when there is one chunk), then rethrows the first chunk's exception.
template <class Body>
void parallel_chunks(std::size_t chunks, std::size_t n, Body&& body) {
  if (chunks <= 1) return body(std::size_t{0}, std::size_t{0}, n);
  std::vector<std::exception_ptr> failures(chunks);
  std::vector<std::thread> pool;
  pool.reserve(chunks);
  for (std::size_t k = 0; k < chunks; ++k) {
    pool.emplace_back([&, k] {
      try {
        body(k, n * k / chunks, n * (k + 1) / chunks);
      } catch (...) {
        failures[k] = std::current_exception();
      }
    });
  }
  for (auto& th : pool) th.join();
  for (auto& f : failures) {
    if (f) std::rethrow_exception(f);
  }
}

/// Runs body(worker, i) for every task i of [0, n) on `workers` threads, each taking the next task
/// as it finishes one (tasks of uneven cost: the sub-tables of suppression), then rethrows the
/// exception of the first task that failed (in task order, so the same at any number of threads).
template <class Body>
void parallel_tasks(std::size_t workers, std::size_t n, Body&& body) {
  std::vector<std::exception_ptr> failures(n);
  std::atomic<std::size_t> next{0};
  parallel_chunks(std::max<std::size_t>(1, std::min(workers, n)), n, [&](std::size_t worker, std::size_t, std::size_t) {
    for (std::size_t i = next++; i < n; i = next++) {
      try {
        body(worker, i);
      } catch (...) {
        failures[i] = std::current_exception();
      }
    }
  });
  for (auto& f : failures) {
    if (f) std::rethrow_exception(f);
  }
}

}  // namespace treem
