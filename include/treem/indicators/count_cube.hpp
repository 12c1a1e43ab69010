// One pass over a register: every distinct numerator or denominator of a catalogue (a "side") is
// counted per unit and per category of the dimensions its indicators are broken down by, all in
// the same sweep over the rows. Rows are split between threads in contiguous chunks, each with its
// own counts, summed at the end, so concurrent calls on shared read-only registers are safe.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <exception>
#include <optional>
#include <thread>
#include <vector>

#include "treem/core/error.hpp"
#include "treem/core/parallel_chunks.hpp"
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

/// The threads asked for; 0 asks for every core.
inline std::size_t threads_asked(std::size_t requested) {
  return requested ? requested : std::max(1u, std::thread::hardware_concurrency());
}

inline std::size_t thread_count(std::size_t requested, std::size_t rows) {
  const std::size_t t = threads_asked(requested);
  return std::max<std::size_t>(1, std::min(t, rows / 65536 + 1));  // small registers are not worth a thread
}

/// Runs `body(begin, end, state, error)` on contiguous chunks of rows, one state per thread made
/// by `make()`, and throws the error of the earliest bad row (so the message does not depend on the
/// number of threads). Returns the states for the caller to merge.
template <class State, class Make, class Body>
std::vector<State> run_row_chunks(std::size_t rows, std::size_t threads, Make make, Body body, const std::string& source, std::size_t first_line) {
  const std::size_t t = thread_count(threads, rows);
  std::vector<State> partial(t);
  std::vector<std::optional<row_error>> errors(t);
  parallel_chunks(t, rows, [&](std::size_t k, std::size_t begin, std::size_t end) {
    partial[k] = make();
    body(begin, end, partial[k], errors[k]);
  });
  for (auto& e : errors) {
    if (e) throw validation_error({source, first_line + e->row, 0}, e->field, e->rule);
  }
  return partial;
}

/// Counts per side, summed over the threads.
template <class Body>
side_counts run_chunks(std::size_t rows, std::size_t threads, const std::vector<side>& sides, std::size_t units, const std::string& source,
                       std::size_t first_line, Body body) {
  auto partial = run_row_chunks<side_counts>(rows, threads, [&] {
    side_counts c(sides.size());
    for (std::size_t s = 0; s < sides.size(); ++s) c[s].assign(units * sides[s].cells, 0.0);
    return c;
  }, body, source, first_line);
  side_counts out = std::move(partial[0]);
  for (std::size_t k = 1; k < partial.size(); ++k) {
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

namespace detail {

/// The checks every child row must pass, shared by both ways of counting. Returns false (and sets
/// `err`) for a bad row.
struct child_row_check {
  const child_columns& c;
  const age_table& ages;
  std::string reference_text;
  std::size_t units, ethnicities;

  bool operator()(std::size_t i, int age, std::optional<row_error>& err) const {
    if (c.unit[i] >= units) return err = row_error{i, "unit", "code " + std::to_string(c.unit[i]) + " is not in the register's list of units"}, false;
    if (age < 0) return err = row_error{i, "birth_date", "born after the reference date " + reference_text}, false;
    if (age >= child_age_limit) {
      return err = row_error{i, "birth_date", "aged 16 or over on " + reference_text + ": not a child (Law on Children, Art. 1)"}, false;
    }
    if (c.child_sex[i] != registers::sex::male && c.child_sex[i] != registers::sex::female) {
      return err = row_error{i, "sex", "must be male or female"}, false;
    }
    if (c.ethnicity[i] >= std::max<std::size_t>(ethnicities, 1)) {
      return err = row_error{i, "ethnicity", "code " + std::to_string(c.ethnicity[i]) + " is not in the register's list of ethnic groups"}, false;
    }
    return true;
  }
};

/// Each side tested on each row: general (any filter, any dimension), but its cost grows with
/// the number of sides.
inline side_counts count_children_by_side(const child_columns& c, const std::vector<side>& sides, const age_groups& groups, const age_table& ages,
                                          const child_row_check& check, std::size_t threads) {
  std::vector<compiled_filter> filters;
  for (const auto& s : sides) filters.push_back(compile(s.filter, c.ethnicities));
  return run_chunks(c.size(), threads, sides, c.units.size(), c.source, c.first_line,
                    [&](std::size_t begin, std::size_t end, side_counts& counts, std::optional<row_error>& err) {
    for (std::size_t i = begin; i < end; ++i) {
      const int age = ages.age(c.birth[i]);
      if (!check(i, age, err)) return;
      const auto sx = c.child_sex[i];
      const std::uint16_t eth = c.ethnicity[i];
      const std::size_t coord[dimension_count] = {static_cast<std::size_t>(sx), groups.group_of(age), eth, 0, 0};
      for (std::size_t s = 0; s < sides.size(); ++s) {
        if (!filters[s].child(age, sx, c.flags[i], c.special_groups[i], eth)) continue;
        const auto& st = sides[s].stride;
        counts[s][c.unit[i] * sides[s].cells + coord[0] * st[0] + coord[1] * st[1] + coord[2] * st[2]] += 1;
      }
    }
  });
}

/// Row signatures: every row is reduced to (unit, sex, age, the flag bits the filters read, one
/// bit per distinct group condition) and counted once, in one increment; each side then sums the
/// signatures it accepts. The cost per row no longer grows with the number of sides. Sides split
/// by ethnicity or filtering on it are left to count_children_by_side.
struct signature_plan {
  std::uint8_t flag_mask = 0;
  int flag_bits = 0;
  std::array<std::uint8_t, 256> flag_code{};  ///< flags byte -> the read bits, packed
  std::vector<std::uint16_t> group_masks;     ///< distinct special-group conditions
  int bits = 0;                               ///< flag_bits + number of group masks

  [[nodiscard]] std::size_t signatures() const { return std::size_t{1} << bits; }
  [[nodiscard]] std::size_t cells() const { return 2 * child_age_limit * signatures(); }
  /// The packed code of `flags` restricted to the read bits.
  static std::uint8_t pack(std::uint8_t flags, std::uint8_t mask) {
    std::uint8_t out = 0;
    int k = 0;
    for (int b = 0; b < 8; ++b) {
      if (mask & (1u << b)) out |= static_cast<std::uint8_t>(((flags >> b) & 1u) << k++);
    }
    return out;
  }
};

inline bool signature_eligible(const side& s) {
  return !s.has[static_cast<std::size_t>(dimension::ethnicity)] && s.filter.ethnicities.empty();
}

/// Largest signature space worth it: 2 x 16 x 2^9 cells per unit (64 KiB of counters).
inline constexpr int max_signature_bits = 9;

inline signature_plan plan_signatures(const std::vector<side>& sides) {
  signature_plan p;
  for (const auto& s : sides) {
    p.flag_mask |= static_cast<std::uint8_t>(s.filter.flags_all | s.filter.flags_none);
    if (s.filter.groups_any && std::find(p.group_masks.begin(), p.group_masks.end(), s.filter.groups_any) == p.group_masks.end()) {
      p.group_masks.push_back(s.filter.groups_any);
    }
  }
  for (int b = 0; b < 8; ++b) p.flag_bits += (p.flag_mask >> b) & 1;
  for (int f = 0; f < 256; ++f) p.flag_code[static_cast<std::size_t>(f)] = signature_plan::pack(static_cast<std::uint8_t>(f), p.flag_mask);
  p.bits = p.flag_bits + static_cast<int>(p.group_masks.size());
  return p;
}

/// Where each cell of a commune's block of signature counters (sex x age x signature) goes: the
/// cells of the sides that accept it, listed per block cell, so that a block is folded into every
/// side in one sweep that visits only the sides a cell counts for.
struct signature_fold {
  std::vector<std::uint32_t> first;  ///< per block cell, where its entries start (one more at the end)
  std::vector<std::pair<std::uint32_t, std::uint32_t>> into;  ///< (side, cell of the side)

  /// Adds `block` (one commune's counters) to unit `u`'s cells of every side.
  void add(const std::uint32_t* block, std::size_t u, const std::vector<side>& sides, side_counts& out) const {
    for (std::size_t k = 0; k + 1 < first.size(); ++k) {
      const std::uint32_t n = block[k];
      if (n == 0) continue;  // most signatures never occur
      for (std::uint32_t j = first[k]; j < first[k + 1]; ++j) {
        const auto [s, cell] = into[j];
        out[s][u * sides[s].cells + cell] += n;
      }
    }
  }
};

inline signature_fold plan_fold(const std::vector<side>& sides, const age_groups& groups, const signature_plan& plan) {
  const int bits = plan.bits, group_count = static_cast<int>(plan.group_masks.size());
  signature_fold fold;
  for (std::size_t k = 0; k < plan.cells(); ++k) {
    fold.first.push_back(static_cast<std::uint32_t>(fold.into.size()));
    const std::size_t sig = k & ((std::size_t{1} << bits) - 1), rest = k >> bits;
    const int age = static_cast<int>(rest % child_age_limit);
    const auto sx = static_cast<registers::sex>(rest / child_age_limit);
    const auto flags = static_cast<std::uint8_t>(sig >> group_count);
    for (std::size_t s = 0; s < sides.size(); ++s) {
      const row_filter& f = sides[s].filter;
      const std::uint8_t all = signature_plan::pack(f.flags_all, plan.flag_mask), none = signature_plan::pack(f.flags_none, plan.flag_mask);
      bool ok = age >= f.age_min && age <= f.age_max && (!f.sex || *f.sex == sx) && (flags & all) == all && (flags & none) == 0;
      for (int g = 0; g < group_count && f.groups_any; ++g) {
        if (plan.group_masks[static_cast<std::size_t>(g)] == f.groups_any) ok = ok && ((sig >> (group_count - 1 - g)) & 1u);
      }
      if (ok) {
        const std::size_t cell = static_cast<std::size_t>(sx) * sides[s].stride[0] + groups.group_of(age) * sides[s].stride[1];
        fold.into.emplace_back(static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(cell));
      }
    }
  }
  fold.first.push_back(static_cast<std::uint32_t>(fold.into.size()));
  return fold;
}

/// One thread's counting: its sums per side, the counters of the commune being read, and (only
/// once its rows prove not to come grouped by commune) counters for every commune.
struct signature_state {
  side_counts sums;
  std::vector<std::uint32_t> block, cube;
};

inline side_counts count_children_by_signature(const child_columns& c, const std::vector<side>& sides, const age_groups& groups,
                                               const age_table& ages, const child_row_check& check, const signature_plan& plan,
                                               std::size_t threads) {
  const std::size_t units = c.units.size(), cells = plan.cells();
  const signature_fold fold = plan_fold(sides, groups, plan);
  const std::size_t ethnicity_limit = std::max<std::size_t>(c.ethnicities.size(), 1);
  // The group bits of every special-groups value, looked up rather than tested mask by mask per row
  // (a register holds few distinct values, so the entries in use stay in cache).
  std::vector<std::uint16_t> group_code(std::size_t{1} << 16);
  for (std::size_t v = 0; v < group_code.size(); ++v) {
    unsigned code = 0;
    for (const std::uint16_t mask : plan.group_masks) code = (code << 1) | ((v & mask) != 0);
    group_code[v] = static_cast<std::uint16_t>(code);
  }
  auto partial = run_row_chunks<signature_state>(c.size(), threads, [&] {
    signature_state st{side_counts(sides.size()), std::vector<std::uint32_t>(cells, 0), {}};
    for (std::size_t s = 0; s < sides.size(); ++s) st.sums[s].assign(units * sides[s].cells, 0.0);
    return st;
  }, [&](std::size_t begin, std::size_t end, signature_state& st, std::optional<row_error>& err) {
    // Everything the loop reads besides the columns is a private copy: a counter is an unsigned
    // int, and a store through one may alias any int the compiler cannot see is private, so values
    // reached through the closure were reloaded after every increment.
    const std::uint32_t* unit = c.unit.data();
    const auto* sex = reinterpret_cast<const std::uint8_t*>(c.child_sex.data());
    const std::int32_t* birth = c.birth.data();
    const std::uint16_t* ethnicity = c.ethnicity.data();
    const std::uint16_t* special = c.special_groups.data();
    const std::uint8_t* flags = c.flags.data();
    const std::uint8_t* age_of = ages.data();
    const std::uint8_t* flag_code = plan.flag_code.data();
    const std::uint16_t* group_of = group_code.data();
    const auto span = static_cast<std::uint32_t>(ages.span());
    const std::int32_t reference_day = ages.reference_days();
    const std::size_t unit_limit = units, ethnic_limit = ethnicity_limit;
    const int shift = plan.bits, groups_shift = static_cast<int>(plan.group_masks.size());
    // The row's cell in its commune's block, or npos for a bad row (the checks say which rule).
    const auto cell_of = [=, &err, &check, &ages](std::size_t i) -> std::size_t {
      const auto offset = static_cast<std::uint32_t>(reference_day - birth[i]);  // a birth after the reference wraps to a huge offset
      if (!((unit[i] < unit_limit) & (offset < span) & (sex[i] < 2) & (ethnicity[i] < ethnic_limit))) {
        if (check(i, ages.age(birth[i]), err)) err = row_error{i, "row", "is not a valid child record"};  // unreachable: the checks agree
        return std::string::npos;
      }
      const std::size_t sig = (std::size_t{flag_code[flags[i]]} << groups_shift) | group_of[special[i]];
      return ((sex[i] * std::size_t{child_age_limit} + age_of[offset]) << shift) | sig;
    };
    // Rows grouped by commune (as exports come) are counted in one block that stays in L1, folded
    // into the sides when the commune changes; rows that change commune too often go to the cube.
    std::uint32_t* block = st.block.data();
    std::size_t i = begin, current = std::string::npos, runs = 0;
    for (; i < end; ++i) {
      if (unit[i] != current) {
        if (current != std::string::npos) {
          fold.add(block, current, sides, st.sums);
          std::fill_n(block, cells, 0u);
        }
        current = unit[i];
        if (++runs > (i - begin) / 256 + 64) break;
      }
      const std::size_t k = cell_of(i);
      if (k == std::string::npos) return;
      ++block[k];
    }
    if (current != std::string::npos && i == end) fold.add(block, current, sides, st.sums);
    if (i == end) return;
    st.cube.assign(units * cells, 0);
    std::uint32_t* cube = st.cube.data();
    for (; i < end; ++i) {
      const std::size_t k = cell_of(i);
      if (k == std::string::npos) return;
      ++cube[unit[i] * cells + k];
    }
    for (std::size_t u = 0; u < units; ++u) fold.add(cube + u * cells, u, sides, st.sums);
  }, c.source, c.first_line);
  side_counts out = std::move(partial[0].sums);
  for (std::size_t k = 1; k < partial.size(); ++k) {
    for (std::size_t s = 0; s < sides.size(); ++s) {
      std::transform(out[s].begin(), out[s].end(), partial[k].sums[s].begin(), out[s].begin(), std::plus<>());
    }
  }
  return out;
}

}  // namespace detail

/// Counts the children sides. Every row must be a child on the reference date: a birth after it,
/// an age of 16 or more, an unknown sex or an out-of-range code is an error located by row.
/// Sides that do not involve ethnicity are counted by row signature (one increment per row
/// whatever their number), the others side by side.
[[nodiscard]] inline side_counts count_children(const child_columns& c, const std::vector<side>& sides, const age_groups& groups,
                                                const date& reference, std::size_t threads) {
  detail::check_lengths(c.size(), {{"sex", c.child_sex.size()}, {"birth", c.birth.size()}, {"ethnicity", c.ethnicity.size()},
                                   {"special_groups", c.special_groups.size()}, {"flags", c.flags.size()}}, c.source);
  const age_table ages(reference);
  const detail::child_row_check check{c, ages, format_vn(reference), c.units.size(), c.ethnicities.size()};
  std::vector<side> fast, slow;
  std::vector<std::pair<bool, std::size_t>> where;  // side -> (fast?, index)
  for (const auto& s : sides) {
    auto& list = detail::signature_eligible(s) ? fast : slow;
    where.emplace_back(&list == &fast, list.size());
    list.push_back(s);
  }
  const auto plan = detail::plan_signatures(fast);
  if (plan.bits > detail::max_signature_bits) {
    return detail::count_children_by_side(c, sides, groups, ages, check, threads);
  }
  side_counts fast_counts = fast.empty() ? side_counts{} : detail::count_children_by_signature(c, fast, groups, ages, check, plan, threads);
  side_counts slow_counts = slow.empty() ? side_counts{} : detail::count_children_by_side(c, slow, groups, ages, check, threads);
  side_counts out;
  for (const auto& [is_fast, k] : where) out.push_back(std::move(is_fast ? fast_counts[k] : slow_counts[k]));
  return out;
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
