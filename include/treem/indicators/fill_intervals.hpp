// The interval stage of the indicator engine: every row's confidence interval, by the method its
// definition names (intervals.hpp), computed in bulk after the counts. An exact bound costs about a
// microsecond, far more than counting, so each is computed once per distinct count (Garwood) or
// per distinct pair of counts (Clopper-Pearson, pair_numbering.hpp), spread over threads, and the
// rows then read them.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "treem/core/parallel_chunks.hpp"
#include "treem/indicators/catalogue.hpp"
#include "treem/indicators/count_cube.hpp"
#include "treem/indicators/indicator_table.hpp"
#include "treem/indicators/intervals.hpp"
#include "treem/indicators/pair_numbering.hpp"

namespace treem::indicators::detail {

/// The distinct counts and pairs of counts whose intervals the rows need, each computed once.
struct interval_memo {
  static constexpr std::size_t cached_counts = std::size_t{1} << 16;  ///< Garwood bounds of counts below this are shared
  std::vector<std::uint8_t> count_needed = std::vector<std::uint8_t>(cached_counts, 0);
  std::vector<interval> by_count = std::vector<interval>(cached_counts);
  pair_numbering pairs;
  std::vector<interval> by_pair;

  explicit interval_memo(std::uint32_t pair_limit) : pairs(pair_limit) {}
};

/// Whether row `i` takes a Clopper-Pearson interval that the memo's pairs hold.
inline bool numbered_pair(const indicator_definition& def, double x, double n, const pair_numbering& pairs) {
  return def.interval == interval_method::clopper_pearson && def.denominator && n > 0 && x <= n && pairs.covers(static_cast<std::uint32_t>(n));
}

/// Marks what the rows need, then computes it over `workers` threads.
inline interval_memo memoise_intervals(const indicator_table& t, const std::vector<const indicator_definition*>& defs, double level, std::size_t workers) {
  double largest = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (defs[t.indicator[i]]->interval == interval_method::clopper_pearson && t.denominator[i] > largest) largest = t.denominator[i];
  }
  interval_memo memo(static_cast<std::uint32_t>(std::min<double>(largest + 1, pair_numbering::largest_limit)));
  for (std::size_t i = 0; i < t.size(); ++i) {
    const indicator_definition& def = *defs[t.indicator[i]];
    const double x = t.numerator[i], n = t.denominator[i];
    if (def.interval == interval_method::garwood && x < static_cast<double>(interval_memo::cached_counts)) memo.count_needed[static_cast<std::size_t>(x)] = 1;
    if (numbered_pair(def, x, n, memo.pairs)) memo.pairs.mark(static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(n));
  }
  memo.pairs.number();
  parallel_chunks(workers, interval_memo::cached_counts, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t x = begin; x < end; ++x) {
      if (memo.count_needed[x]) memo.by_count[x] = garwood(static_cast<double>(x), level);
    }
  });
  const auto& pairs = memo.pairs.pairs();
  memo.by_pair.resize(pairs.size());
  parallel_chunks(workers, pairs.size(), [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t k = begin; k < end; ++k) memo.by_pair[k] = clopper_pearson(pairs[k].x, pairs[k].n, level);
  });
  return memo;
}

/// Row i's interval, from the memo where it holds it.
inline interval row_interval(const indicator_definition& def, double x, double n, const interval_memo& memo, double level) {
  const auto poisson_of = [&](double count) {
    return count < static_cast<double>(interval_memo::cached_counts) ? memo.by_count[static_cast<std::size_t>(count)] : garwood(count, level);
  };
  if (!def.denominator) return poisson_of(x);
  if (!(n > 0)) return {};  // NaN (no denominator for the category) or 0
  if (def.interval == interval_method::garwood) {
    const interval ci = poisson_of(x);
    return {ci.lower / n * def.factor, ci.upper / n * def.factor};
  }
  interval ci;
  if (numbered_pair(def, x, n, memo.pairs)) {
    ci = memo.by_pair[memo.pairs.index(static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(n))];
  } else {
    ci = def.interval == interval_method::clopper_pearson ? clopper_pearson(x, n, level) : wilson(x, n, level);
  }
  return {ci.lower * def.factor, ci.upper * def.factor};
}

/// Intervals of every row, computed after the counts and spread over threads.
inline void fill_intervals(indicator_table& t, const std::vector<const indicator_definition*>& defs, double level, std::size_t threads) {
  const std::size_t rows = t.size();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  t.lower.assign(rows, nan);
  t.upper.assign(rows, nan);
  const std::size_t workers = thread_count(threads, rows * 16);  // a row's interval costs about what 16 register rows do
  const interval_memo memo = memoise_intervals(t, defs, level, workers);
  parallel_chunks(workers, rows, [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const indicator_definition& def = *defs[t.indicator[i]];
      if (def.interval == interval_method::none) continue;
      const interval ci = row_interval(def, t.numerator[i], t.denominator[i], memo, level);
      t.lower[i] = ci.lower, t.upper[i] = ci.upper;
    }
  });
}

}  // namespace treem::indicators::detail
