// The interval stage of the indicator engine: every row's confidence interval, by the method its
// definition names (intervals.hpp), computed in bulk after the counts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <thread>
#include <vector>

#include "treem/indicators/catalogue.hpp"
#include "treem/indicators/count_cube.hpp"
#include "treem/indicators/indicator_table.hpp"
#include "treem/indicators/intervals.hpp"

namespace treem::indicators::detail {

/// Intervals of every row, computed after the counts and spread over threads: the inverse incomplete
/// gamma and beta functions cost about a microsecond each, far more than counting. Garwood bounds
/// depend on the count alone, so each distinct count is computed once.
inline void fill_intervals(indicator_table& t, const std::vector<const indicator_definition*>& defs, double level, std::size_t threads) {
  const std::size_t rows = t.size();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  t.lower.assign(rows, nan);
  t.upper.assign(rows, nan);
  // Counts up to 2^16 share a table (incident counts are small); larger ones are computed directly.
  constexpr std::size_t cached = std::size_t{1} << 16;
  std::vector<interval> poisson(cached);
  std::vector<std::uint8_t> poisson_known(cached, 0);
  for (std::size_t i = 0; i < rows; ++i) {
    if (defs[t.indicator[i]]->interval == interval_method::garwood && t.numerator[i] < static_cast<double>(cached)) {
      poisson_known[static_cast<std::size_t>(t.numerator[i])] = 1;
    }
  }
  const std::size_t workers = thread_count(threads, rows * 16);  // a row's interval costs about what 16 register rows do
  auto run = [&](auto&& body, std::size_t n) {
    if (workers == 1) return body(std::size_t{0}, n);
    std::vector<std::thread> pool;
    std::vector<std::exception_ptr> failures(workers);
    for (std::size_t k = 0; k < workers; ++k) {
      pool.emplace_back([&, k] {
        try {
          body(n * k / workers, n * (k + 1) / workers);
        } catch (...) {
          failures[k] = std::current_exception();
        }
      });
    }
    for (auto& th : pool) th.join();
    for (auto& f : failures) {
      if (f) std::rethrow_exception(f);
    }
  };
  run([&](std::size_t begin, std::size_t end) {
    for (std::size_t x = begin; x < end; ++x) {
      if (poisson_known[x]) poisson[x] = garwood(static_cast<double>(x), level);
    }
  }, poisson.size());
  run([&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const indicator_definition& def = *defs[t.indicator[i]];
      const double x = t.numerator[i], n = t.denominator[i];
      if (def.interval == interval_method::none) continue;
      const auto poisson_of = [&](double count) { return count < static_cast<double>(cached) ? poisson[static_cast<std::size_t>(count)] : garwood(count, level); };
      if (!def.denominator) {
        const interval ci = poisson_of(x);
        t.lower[i] = ci.lower, t.upper[i] = ci.upper;
        continue;
      }
      if (!(n > 0)) continue;  // NaN (no denominator for the category) or 0
      if (def.interval == interval_method::garwood) {
        const interval ci = poisson_of(x);
        t.lower[i] = ci.lower / n * def.factor, t.upper[i] = ci.upper / n * def.factor;
      } else {
        const interval ci = def.interval == interval_method::clopper_pearson ? clopper_pearson(x, n, level) : wilson(x, n, level);
        t.lower[i] = ci.lower * def.factor, t.upper[i] = ci.upper * def.factor;
      }
    }
  }, rows);
}

}  // namespace treem::indicators::detail
