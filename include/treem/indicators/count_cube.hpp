// One pass over a register: every distinct numerator or denominator of a catalogue (a "side") is
// counted per unit and per category of the dimensions its indicators are broken down by, all in
// the same sweep over the rows. Rows are split between threads in contiguous chunks, each with its
// own counts, summed at the end, so concurrent calls on shared read-only registers are safe.
#pragma once

#include <algorithm>
#include <array>
#include <exception>
#include <optional>
#include <thread>
#include <vector>

#include "treem/core/error.hpp"
#include "treem/indicators/age_groups.hpp"
#include "treem/indicators/catalogue.hpp"
#include "treem/indicators/register_view.hpp"
#include "treem/time/date.hpp"

namespace treem::indicators {

using dimension_sizes = std::array<std::size_t, dimension_count>;

/// Categories of each dimension in a register. Children always have a known sex and age; an
/// incident's may be unknown, which gets a category of its own (the last one).
[[nodiscard]] inline dimension_sizes sizes_of(register_kind r, const age_groups& groups, std::size_t ethnicities) {
  if (r == register_kind::children) return {2, groups.size(), std::max<std::size_t>(ethnicities, 1), 1, 1};
  return {3, groups.size() + 1, 1, incident_kind_count, environment_count};
}

/// A distinct filter and the dimensions it is counted by; its counts are a units x cells block.
struct side {
  row_filter filter;
  std::array<bool, dimension_count> has{};
  std::array<std::size_t, dimension_count> stride{};  ///< 0 for dimensions it is not split by
  std::size_t cells = 1;

  void lay_out(const dimension_sizes& sizes) {
    cells = 1;
    for (std::size_t d = dimension_count; d-- > 0;) {
      stride[d] = has[d] ? cells : 0;
      if (has[d]) cells *= sizes[d];
    }
  }
};

/// counts[s][unit * sides[s].cells + cell], for each side s.
using side_counts = std::vector<std::vector<double>>;

namespace detail {

struct row_error {
  std::size_t row = 0;
  std::string field, rule;
};

inline std::size_t thread_count(std::size_t requested, std::size_t rows) {
  std::size_t t = requested ? requested : std::max(1u, std::thread::hardware_concurrency());
  return std::max<std::size_t>(1, std::min(t, rows / 65536 + 1));  // small registers are not worth a thread
}

/// Runs `body(begin, end, counts, error)` on contiguous chunks, sums the counts, and throws the
/// error of the earliest bad row (so the message does not depend on the number of threads).
template <class Body>
side_counts run_chunks(std::size_t rows, std::size_t threads, const std::vector<side>& sides, std::size_t units, const std::string& source,
                       std::size_t first_line, Body body) {
  const std::size_t t = thread_count(threads, rows);
  std::vector<side_counts> partial(t);
  std::vector<std::optional<row_error>> errors(t);
  std::vector<std::exception_ptr> failures(t);
  auto work = [&](std::size_t k) {
    try {
      partial[k].resize(sides.size());
      for (std::size_t s = 0; s < sides.size(); ++s) partial[k][s].assign(units * sides[s].cells, 0.0);
      body(rows * k / t, rows * (k + 1) / t, partial[k], errors[k]);
    } catch (...) {
      failures[k] = std::current_exception();
    }
  };
  if (t == 1) {
    work(0);
  } else {
    std::vector<std::thread> pool;
    for (std::size_t k = 0; k < t; ++k) pool.emplace_back(work, k);
    for (auto& th : pool) th.join();
  }
  for (auto& f : failures) {
    if (f) std::rethrow_exception(f);
  }
  for (auto& e : errors) {
    if (e) throw validation_error({source, first_line + e->row, 0}, e->field, e->rule);
  }
  side_counts out = std::move(partial[0]);
  for (std::size_t k = 1; k < t; ++k) {
    for (std::size_t s = 0; s < sides.size(); ++s) {
      std::transform(out[s].begin(), out[s].end(), partial[k][s].begin(), out[s].begin(), std::plus<>());
    }
  }
  return out;
}

inline void check_lengths(std::size_t rows, std::initializer_list<std::pair<const char*, std::size_t>> columns, const std::string& source) {
  for (const auto& [name, n] : columns) {
    if (n != rows) {
      throw validation_error({source}, name, "has " + std::to_string(n) + " rows where the register has " + std::to_string(rows));
    }
  }
}

}  // namespace detail

/// Counts the children sides. Every row must be a child on the reference date: a birth after it,
/// an age of 16 or more, an unknown sex or an out-of-range code is an error located by row.
[[nodiscard]] inline side_counts count_children(const child_columns& c, const std::vector<side>& sides, const age_groups& groups,
                                                const date& reference, std::size_t threads) {
  const std::size_t n = c.size();
  detail::check_lengths(n, {{"sex", c.child_sex.size()}, {"birth", c.birth.size()}, {"ethnicity", c.ethnicity.size()},
                            {"special_groups", c.special_groups.size()}, {"flags", c.flags.size()}}, c.source);
  const age_table ages(reference);
  const std::string ref_text = format_vn(reference);
  std::vector<compiled_filter> filters;
  for (const auto& s : sides) filters.push_back(compile(s.filter, c.ethnicities));
  const std::size_t units = c.units.size(), ethnicities = c.ethnicities.size();
  return detail::run_chunks(n, threads, sides, units, c.source, c.first_line,
                            [&](std::size_t begin, std::size_t end, side_counts& counts, std::optional<detail::row_error>& err) {
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint32_t u = c.unit[i];
      const int age = ages.age(c.birth[i]);
      const auto sx = c.child_sex[i];
      const std::uint16_t eth = c.ethnicity[i];
      if (u >= units) return void(err = detail::row_error{i, "unit", "code " + std::to_string(u) + " is not in the register's list of units"});
      if (age < 0) return void(err = detail::row_error{i, "birth_date", "born after the reference date " + ref_text});
      if (age >= child_age_limit) {
        return void(err = detail::row_error{i, "birth_date", "aged 16 or over on " + ref_text + ": not a child (Law on Children, Art. 1)"});
      }
      if (sx != registers::sex::male && sx != registers::sex::female) return void(err = detail::row_error{i, "sex", "must be male or female"});
      if (eth >= std::max<std::size_t>(ethnicities, 1)) {
        return void(err = detail::row_error{i, "ethnicity", "code " + std::to_string(eth) + " is not in the register's list of ethnic groups"});
      }
      const std::size_t coord[dimension_count] = {static_cast<std::size_t>(sx), groups.group_of(age), eth, 0, 0};
      for (std::size_t s = 0; s < sides.size(); ++s) {
        if (!filters[s].child(age, sx, c.flags[i], c.special_groups[i], eth)) continue;
        const auto& st = sides[s].stride;
        const std::size_t cell = coord[0] * st[0] + coord[1] * st[1] + coord[2] * st[2];
        counts[s][u * sides[s].cells + cell] += 1;
      }
    }
  });
}

/// Counts the incident sides over the incidents dated in [first, last]; others are skipped.
[[nodiscard]] inline side_counts count_incidents(const incident_columns& r, const std::vector<side>& sides, const age_groups& groups,
                                                 const date& first, const date& last, std::size_t threads) {
  const std::size_t n = r.size();
  detail::check_lengths(n, {{"date", r.day.size()}, {"kind", r.kind.size()}, {"fatal", r.fatal.size()}, {"sex", r.child_sex.size()},
                            {"age", r.child_age.size()}, {"environment", r.where.size()}, {"plan_approved_in_time", r.plan_in_time.size()}},
                        r.source);
  const auto from = static_cast<std::int32_t>(to_epoch_days(first)), to = static_cast<std::int32_t>(to_epoch_days(last));
  std::vector<compiled_filter> filters;
  for (const auto& s : sides) filters.push_back(compile(s.filter, {}));
  const std::size_t units = r.units.size();
  const std::size_t unknown_age = groups.size();
  return detail::run_chunks(n, threads, sides, units, r.source, r.first_line,
                            [&](std::size_t begin, std::size_t end, side_counts& counts, std::optional<detail::row_error>& err) {
    for (std::size_t i = begin; i < end; ++i) {
      const std::uint32_t u = r.unit[i];
      const auto kind = static_cast<std::size_t>(r.kind[i]);
      const auto env = static_cast<std::size_t>(r.where[i]);
      const auto sx = static_cast<std::size_t>(r.child_sex[i]);
      const std::uint8_t age = r.child_age[i];
      if (u >= units) return void(err = detail::row_error{i, "unit", "code " + std::to_string(u) + " is not in the register's list of units"});
      if (kind >= incident_kind_count) return void(err = detail::row_error{i, "kind", "code " + std::to_string(kind) + " is not an incident kind"});
      if (env >= environment_count) return void(err = detail::row_error{i, "environment", "code " + std::to_string(env) + " is not an environment"});
      if (sx > 2) return void(err = detail::row_error{i, "sex", "code " + std::to_string(sx) + " is not male, female or unknown"});
      if (age >= child_age_limit && age != 255) return void(err = detail::row_error{i, "age", "must be 0-15 (a child) or unknown"});
      if (r.fatal[i] > 1) return void(err = detail::row_error{i, "fatal", "must be yes or no"});
      if (r.plan_in_time[i] < -1 || r.plan_in_time[i] > 1) return void(err = detail::row_error{i, "plan_approved_in_time", "must be yes, no or unknown"});
      if (r.day[i] < from || r.day[i] > to) continue;
      const std::size_t coord[dimension_count] = {sx, age == 255 ? unknown_age : groups.group_of(age), 0, kind, env};
      for (std::size_t s = 0; s < sides.size(); ++s) {
        if (!filters[s].incident(r.kind[i], r.fatal[i] != 0, age, r.child_sex[i], r.where[i], r.plan_in_time[i])) continue;
        const auto& st = sides[s].stride;
        const std::size_t cell = coord[0] * st[0] + coord[1] * st[1] + coord[3] * st[3] + coord[4] * st[4];
        counts[s][u * sides[s].cells + cell] += 1;
      }
    }
  });
}

}  // namespace treem::indicators
