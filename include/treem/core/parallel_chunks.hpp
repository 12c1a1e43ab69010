// Work split into contiguous chunks, one thread each: what the register passes and the interval
// stage share. Exceptions do not cross threads by themselves; each chunk's is kept and the first
// (in chunk order, so the same at any number of threads) is rethrown once every thread has joined.
#pragma once

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

}  // namespace treem
