// The indicator engine: every indicator of a catalogue, for every breakdown, per unit at the
// requested levels, from one pass over each register. Commune counts move up the hierarchy (and
// across a merger) by sparse matrix products (units/rollup.hpp), so a district's numerator is by
// construction the sum of its communes'. compute_indicators runs named stages, each testable on
// its own: choose_indicators and lay_out (sides, breakdowns, published cells), the count passes
// (count_cube.hpp), the roll-up to each level (roll), the emission of rows (project,
// denominator_cells, push_keys, ratio) with the counts each row covers (describe_cells), the
// intervals (fill_intervals) and suppression (withhold_counts.hpp).
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include <Eigen/Dense>
#include <Eigen/SparseCore>

#include "treem/indicators/catalogue.hpp"
#include "treem/indicators/count_cube.hpp"
#include "treem/indicators/count_set.hpp"
#include "treem/indicators/indicator_table.hpp"
#include "treem/indicators/intervals.hpp"
#include "treem/indicators/kind_categories.hpp"
#include "treem/indicators/register_view.hpp"
#include "treem/indicators/request.hpp"
#include "treem/indicators/logged_counts.hpp"
#include "treem/indicators/withhold_counts.hpp"
#include "treem/time/period.hpp"
#include "treem/units/rollup.hpp"
#include "treem/units/unit_registry.hpp"

namespace treem::indicators {

namespace detail {

using breakdown = std::vector<dimension>;

/// Total, each dimension alone, and sex x age group when both apply, then the caller's extras.
inline std::vector<breakdown> breakdowns_of(const indicator_definition& d, const std::vector<breakdown>& extra) {
  std::vector<breakdown> out{{}};
  for (auto dim : d.disaggregations) out.push_back({dim});
  if (d.supports(dimension::sex) && d.supports(dimension::age_group)) out.push_back({dimension::sex, dimension::age_group});
  for (auto b : extra) {
    std::sort(b.begin(), b.end());
    b.erase(std::unique(b.begin(), b.end()), b.end());
    if (b.empty() || std::find(out.begin(), out.end(), b) != out.end()) continue;
    if (std::all_of(b.begin(), b.end(), [&](dimension x) { return d.supports(x); })) out.push_back(b);
  }
  return out;
}

/// Maps the cells of a side onto the cells of a breakdown (numerator) or its projection.
struct projection {
  std::vector<std::uint32_t> of_cell;  ///< side cell -> breakdown cell (by kind: the kind's leaf category)
  /// (side cell, breakdown cell) for each parent kind category that counts the side cell too.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> also;
  std::size_t cells = 1;

  /// Adds the side cells of `counts` into the breakdown cells `into` (sized `cells`, zeroed).
  template <class Row>
  void add(const Row& counts, std::vector<double>& into) const {
    for (std::size_t c = 0; c < of_cell.size(); ++c) into[of_cell[c]] += counts(static_cast<Eigen::Index>(c));
    for (const auto& [c, target] : also) into[target] += counts(static_cast<Eigen::Index>(c));
  }
};

/// The categories a breakdown shows of each dimension: the count cube's, except that `kind` shows
/// the tree of kind_categories (its parents as categories of their own).
inline dimension_sizes shown_sizes(dimension_sizes sizes) {
  auto& kinds = sizes[static_cast<std::size_t>(dimension::kind)];
  if (kinds == incident_kind_count) kinds = kind_category_count;
  return sizes;
}

inline std::vector<std::size_t> breakdown_strides(const breakdown& b, const dimension_sizes& sizes, std::size_t& cells) {
  std::vector<std::size_t> stride(b.size());
  cells = 1;
  for (std::size_t j = b.size(); j-- > 0;) stride[j] = cells, cells *= sizes[static_cast<std::size_t>(b[j])];
  return stride;
}

/// `sizes` are the count cube's; the breakdown's cells are numbered by shown_sizes(sizes).
inline projection project(const side& s, const dimension_sizes& sizes, const breakdown& b) {
  projection p;
  const auto stride = breakdown_strides(b, shown_sizes(sizes), p.cells);
  p.of_cell.resize(s.cells);
  for (std::size_t cell = 0; cell < s.cells; ++cell) {
    std::size_t target = 0, kind_stride = 0, leaf = 0;
    for (std::size_t j = 0; j < b.size(); ++j) {
      const auto d = static_cast<std::size_t>(b[j]);
      std::size_t coord = (cell / s.stride[d]) % sizes[d];
      if (b[j] == dimension::kind) {
        coord = leaf = kind_category_of(static_cast<registers::incident_kind>(coord));
        kind_stride = stride[j];
      }
      target += coord * stride[j];
    }
    p.of_cell[cell] = static_cast<std::uint32_t>(target);
    if (kind_stride == 0) continue;
    for (int c = kind_categories[leaf].parent; c >= 0; c = kind_categories[static_cast<std::size_t>(c)].parent) {
      p.also.emplace_back(static_cast<std::uint32_t>(cell), static_cast<std::uint32_t>(target - leaf * kind_stride + static_cast<std::size_t>(c) * kind_stride));
    }
  }
  return p;
}

struct side_key {
  register_kind source;
  std::size_t index;
};

/// Register unit codes -> rows of a base list (the units on the base date), through a merger if any.
struct unit_mapping {
  std::vector<std::string> base;  ///< codes on `on`
  date on;
  rollup_matrix children, incidents;  ///< base x register units
};

/// A commune the engine can count: known on the date, commune-level, and with one successor in the merger.
inline bool usable(const unit_registry& registry, const std::string& code, const date& on, const merger* m) {
  const admin_unit* u = registry.find(code, on);
  return u && u->tier() == unit_tier::commune && (!m || m->successors(code).size() == 1);
}

template <class Columns>
void check_units(const Columns* r, const unit_registry& registry, const date& on, const merger* m) {
  if (!r) return;
  for (std::size_t k = 0; k < r->units.size(); ++k) {
    const std::string& code = r->units[k];
    const admin_unit* u = registry.find(code, on);
    std::string rule;
    if (!u) rule = "commune " + code + " is not in the units registry on " + format_vn(on);
    else if (u->tier() != unit_tier::commune) rule = "unit " + code + " is not a commune-level unit";
    else if (m && m->successors(code).size() > 1) rule = "commune " + code + " was split by merger " + m->id + ": its counts cannot be re-aggregated without addresses";
    else if (m && m->successors(code).empty()) rule = "commune " + code + " is not part of merger " + m->id;
    if (rule.empty()) continue;
    // Locate the first row that uses the code; a code that no row uses is harmless.
    for (std::size_t i = 0; i < r->unit.size(); ++i) {
      if (r->unit[i] == k) throw validation_error({r->source, r->first_line + i, 0}, "unit", rule);
    }
  }
}

template <class Columns>
rollup_matrix selection(const Columns* r, const std::vector<std::string>& base, const merger* m) {
  rollup_matrix out(static_cast<Eigen::Index>(base.size()), r ? static_cast<Eigen::Index>(r->units.size()) : 0);
  if (!r) return out;
  std::vector<Eigen::Triplet<double, std::int64_t>> entries;
  for (std::size_t k = 0; k < r->units.size(); ++k) {
    if (m && m->successors(r->units[k]).size() != 1) continue;  // unused by any row (check_units passed)
    const std::string code = m ? m->successors(r->units[k]).front() : r->units[k];
    const auto it = std::lower_bound(base.begin(), base.end(), code);
    if (it != base.end() && *it == code) entries.emplace_back(it - base.begin(), static_cast<std::int64_t>(k), 1.0);
  }
  out.setFromTriplets(entries.begin(), entries.end());
  return out;
}

inline unit_mapping map_units(const child_columns* c, const incident_columns* r, const unit_registry& registry, const date& reference,
                              const std::string& merger_id) {
  const merger* m = merger_id.empty() ? nullptr : &registry.get_merger(merger_id);
  check_units(c, registry, reference, m);
  check_units(r, registry, reference, m);
  unit_mapping out{{}, m ? m->effective : reference, {}, {}};
  auto add = [&](const auto* cols) {
    if (!cols) return;
    for (const auto& code : cols->units) {
      if (usable(registry, code, reference, m)) out.base.push_back(m ? m->successors(code).front() : code);
      // a listed code that fails the checks is one no row uses (check_units passed): it is left out
    }
  };
  add(c);
  add(r);
  std::sort(out.base.begin(), out.base.end());
  out.base.erase(std::unique(out.base.begin(), out.base.end()), out.base.end());
  out.children = selection(c, out.base, m);
  out.incidents = selection(r, out.base, m);
  return out;
}

/// Output units of a level and the targets x base matrix that sums base units into them.
struct level_units {
  std::vector<std::string> codes, names;
  rollup_matrix from_base;
};

inline level_units units_at(level l, const unit_mapping& map, const unit_registry& registry) {
  level_units out;
  if (l == level::nation) {
    out.codes = {"VN"};
    out.names = {"Toàn bộ (tổng các đơn vị trong sổ)"};
    out.from_base = rollup_matrix(1, static_cast<Eigen::Index>(map.base.size()));
    std::vector<Eigen::Triplet<double, std::int64_t>> ones;
    for (std::size_t j = 0; j < map.base.size(); ++j) ones.emplace_back(0, static_cast<std::int64_t>(j), 1.0);
    out.from_base.setFromTriplets(ones.begin(), ones.end());
    return out;
  }
  const unit_tier tier = l == level::commune ? unit_tier::commune : l == level::district ? unit_tier::district : unit_tier::province;
  std::map<std::string, std::string> found;
  for (const auto& code : map.base) {
    const admin_unit& u = registry.get(code, map.on);
    const admin_unit* hit = u.tier() == tier ? &u : nullptr;
    for (const admin_unit* a : registry.ancestors(code, map.on)) {
      if (!hit && a->tier() == tier) hit = a;
    }
    if (!hit) {
      throw validation_error({"<arguments>"}, "level", "commune " + code + " has no " + std::string(level_names[static_cast<int>(l)]) +
                                                           "-level unit on " + format_vn(map.on) + " (districts were abolished on 01/07/2025)");
    }
    found.emplace(hit->code, hit->full_name());
  }
  for (const auto& [code, name] : found) out.codes.push_back(code), out.names.push_back(name);
  out.from_base = aggregation_matrix(registry, map.base, out.codes, map.on);
  return out;
}

inline Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> roll(const rollup_matrix& m, const std::vector<double>& counts,
                                                                                 std::size_t cells) {
  const auto units = static_cast<Eigen::Index>(cells ? counts.size() / cells : 0);
  Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> block(counts.data(), units, static_cast<Eigen::Index>(cells));
  return m * block;
}

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

/// Each output unit's set of communes, and which units are made of the units of a finer level,
/// for the suppression stage.
inline void describe_units(const std::vector<level_units>& levels, const std::vector<level>& which, published_counts& out) {
  unit_set_ids& ids = out.units;
  std::vector<std::vector<std::uint32_t>> unit_set(levels.size());
  for (std::size_t li = 0; li < levels.size(); ++li) {
    const rollup_matrix rows(levels[li].from_base.transpose());  // base x units: column u lists unit u's communes
    for (Eigen::Index u = 0; u < rows.outerSize(); ++u) {
      std::vector<std::uint32_t> communes;
      for (rollup_matrix::InnerIterator it(rows, u); it; ++it) communes.push_back(static_cast<std::uint32_t>(it.row()));
      unit_set[li].push_back(ids.of(std::move(communes)));
    }
    out.unit_set_of_unit.insert(out.unit_set_of_unit.end(), unit_set[li].begin(), unit_set[li].end());
  }
  for (std::size_t hi = 0; hi < levels.size(); ++hi) {
    for (std::size_t lo = 0; lo < levels.size(); ++lo) {
      if (static_cast<int>(which[lo]) >= static_cast<int>(which[hi])) continue;
      // lo units -> hi unit, through the base units (each base unit lies in one unit of each level).
      const rollup_matrix link = levels[hi].from_base * rollup_matrix(levels[lo].from_base.transpose());
      std::vector<unit_partition> found(levels[hi].codes.size());
      for (std::size_t h = 0; h < found.size(); ++h) found[h].whole = unit_set[hi][h];
      for (Eigen::Index k = 0; k < link.outerSize(); ++k) {
        for (rollup_matrix::InnerIterator it(link, k); it; ++it) {
          found[static_cast<std::size_t>(it.row())].parts.push_back(unit_set[lo][static_cast<std::size_t>(it.col())]);
        }
      }
      out.unit_partitions.insert(out.unit_partitions.end(), found.begin(), found.end());
    }
  }
}

/// What the suppression stage needs besides the rows: the units' communes, the run itself (for the
/// publish log) and the counts earlier runs logged.
inline void describe_run(const std::vector<level_units>& levels, const indicator_request& req, const indicator_table& t, const unit_mapping& map,
                         const child_columns* children, published_counts& out) {
  describe_units(levels, req.levels, out);
  out.log = {t.period, t.reference_date, req.merger, map.base, {}, req.record_publish_log};
  if (children) out.log.ethnicity_names.assign(children->ethnicities.begin(), children->ethnicities.end());
  if (req.earlier_log) add_logged_cells(*req.earlier_log, out);
}

/// Per cell of breakdown `b` of a count of `numerator` (cells numbered by `sizes`, shown_sizes):
/// its place among the breakdown's published rows, or -1 for a cell that is not published: a kind
/// or an environment the numerator never counts (always 0: "drowning" among abuse cases), or a
/// parent kind that adds no row of its own (kind_categories.hpp).
inline std::vector<std::int64_t> published_slots(const row_filter& numerator, const breakdown& b, const dimension_sizes& sizes) {
  std::size_t ncells = 0;
  const auto stride = breakdown_strides(b, sizes, ncells);
  std::vector<std::int64_t> slots(ncells, -1);
  std::int64_t next = 0;
  for (std::size_t cell = 0; cell < ncells; ++cell) {
    bool counted = true;
    for (std::size_t bj = 0; bj < b.size(); ++bj) {
      const std::size_t coord = cell / stride[bj] % sizes[static_cast<std::size_t>(b[bj])];
      if (b[bj] == dimension::kind) counted = counted && shows_kind_category(coord, numerator.kinds);
      if (b[bj] == dimension::environment) counted = counted && ((numerator.environments >> coord) & 1u);
    }
    if (counted) slots[cell] = next++;
  }
  return slots;
}

/// Per cell of breakdown `b` (numbered by `sizes`): the cell of the denominator's breakdown `db`
/// (the dimensions of `b` that the denominator's register has, numbered by `dsizes`), or -1 for a
/// category the denominator lacks (an incident's unknown sex among children).
inline std::vector<std::int64_t> denominator_cells(const breakdown& b, const dimension_sizes& sizes, const breakdown& db, const dimension_sizes& dsizes) {
  std::size_t ncells = 0, dcells = 0;
  const auto stride = breakdown_strides(b, sizes, ncells);
  const auto dstride = breakdown_strides(db, dsizes, dcells);
  std::vector<std::int64_t> out(ncells, -1);
  for (std::size_t cell = 0; cell < ncells; ++cell) {
    std::int64_t target = 0;
    std::size_t j = 0;
    for (std::size_t bj = 0; bj < b.size(); ++bj) {
      const auto d = static_cast<std::size_t>(b[bj]);
      if (j < db.size() && db[j] == b[bj]) {
        const std::size_t coord = cell / stride[bj] % sizes[d];
        if (coord >= dsizes[d]) target = -1;
        if (target >= 0) target += static_cast<std::int64_t>(coord * dstride[j]);
        ++j;
      }
    }
    out[cell] = target;
  }
  return out;
}

/// The counts (interned in `counts`) that the numerator and the denominator of each published cell
/// of a breakdown cover; no_count_set where a cell is not published or has no denominator.
struct cell_counts {
  std::vector<std::uint32_t> numerator, denominator;
};

/// `num` and `den`: the whole numerator's and denominator's counts; `b`, `sizes`: the breakdown and
/// its categories (shown_sizes); `slot` and `den_cell` as published_slots and denominator_cells.
inline cell_counts describe_cells(const count_set& num, const std::optional<count_set>& den, const breakdown& b, const dimension_sizes& sizes,
                                  const std::vector<std::int64_t>& slot, const std::vector<std::int64_t>& den_cell, const age_groups& groups,
                                  published_counts& counts) {
  std::size_t ncells = 0;
  const auto stride = breakdown_strides(b, sizes, ncells);
  cell_counts out{std::vector<std::uint32_t>(ncells, no_count_set), std::vector<std::uint32_t>(ncells, no_count_set)};
  for (std::size_t cell = 0; cell < ncells; ++cell) {
    if (slot[cell] < 0) continue;
    count_set ns = num;
    std::optional<count_set> ds;
    if (den && den_cell[cell] >= 0) ds = *den;
    for (std::size_t bj = 0; bj < b.size(); ++bj) {
      const std::size_t coord = cell / stride[bj] % sizes[static_cast<std::size_t>(b[bj])];
      ns = restrict_to(std::move(ns), b[bj], coord, groups);
      if (ds && has_dimension(ds->source, b[bj])) ds = restrict_to(std::move(*ds), b[bj], coord, groups);
    }
    out.numerator[cell] = counts.intern(ns);
    if (ds) out.denominator[cell] = counts.intern(*ds);
  }
  return out;
}

/// Appends a row's keys: its level, unit and indicator, and its category in each dimension of `b`
/// (-1, "all", in the others).
inline void push_keys(indicator_table& t, std::size_t level_index, std::size_t unit, std::size_t indicator, const breakdown& b, std::size_t cell,
                      const std::vector<std::size_t>& stride, const dimension_sizes& sizes) {
  t.level.push_back(static_cast<std::uint8_t>(level_index));
  t.unit.push_back(static_cast<std::uint32_t>(unit));
  t.indicator.push_back(static_cast<std::uint32_t>(indicator));
  for (auto& col : t.category) col.push_back(-1);
  for (std::size_t bj = 0; bj < b.size(); ++bj) {
    const auto d = static_cast<std::size_t>(b[bj]);
    t.category[d].back() = static_cast<std::int16_t>(cell / stride[bj] % sizes[d]);
  }
}

/// numerator / denominator x factor (NaN for a zero denominator, or an error by request); a
/// proportion whose numerator exceeds its denominator is a catalogue error.
inline double ratio(const indicator_definition& def, double x, double n, const std::string& unit, const breakdown& b, zero_denominator_policy policy) {
  if (def.is_proportion() && x > n) {
    throw validation_error(def.where, "numerator", "indicator " + def.key + " counts " + std::to_string(static_cast<long long>(x)) +
                                                       " rows where its denominator counts " + std::to_string(static_cast<long long>(n)) + " in unit " +
                                                       unit + ": the numerator must select a subset of the denominator");
  }
  if (n == 0 && policy == zero_denominator_policy::error) {
    throw validation_error({"<indicators>"}, def.key, "the denominator is 0 in unit " + unit + " (" +
                                                          (b.empty() ? std::string("total") : "a breakdown by " + std::string(to_string(b[0]))) +
                                                          "); zero denominators are errors by request");
  }
  return n > 0 ? x / n * def.factor : std::numeric_limits<double>::quiet_NaN();
}

/// Which indicators: those asked for (refused if a register they need is missing), or all that the
/// registers given can feed.
inline std::vector<const indicator_definition*> choose_indicators(const catalogue& cat, const child_columns* children, const incident_columns* incidents,
                                                                  const indicator_request& req) {
  std::vector<const indicator_definition*> chosen;
  auto available = [&](const row_filter& f) { return f.source == register_kind::children ? children != nullptr : incidents != nullptr; };
  if (req.indicators.empty()) {
    for (const auto& d : cat.indicators) {
      if (available(d.numerator) && (!d.denominator || available(*d.denominator))) chosen.push_back(&d);
    }
  } else {
    for (const auto& key : req.indicators) {
      const auto& d = cat.get(key);
      for (const row_filter* f : {&d.numerator, d.denominator ? &*d.denominator : nullptr}) {
        if (f && !available(*f)) throw validation_error({"<arguments>"}, "indicators", "indicator " + key + " needs the " + std::string(to_string(f->source)) + " register");
      }
      chosen.push_back(&d);
    }
  }
  if (chosen.empty()) throw validation_error({"<arguments>"}, "indicators", "no indicator of catalogue " + cat.id + " can be computed from the registers given");
  return chosen;
}

/// The category labels of every dimension, and the kind tree.
inline void label_categories(indicator_table& t, const age_groups& groups, const child_columns* children) {
  t.labels[static_cast<std::size_t>(dimension::sex)] = {"male", "female", "unknown"};
  t.labels[static_cast<std::size_t>(dimension::age_group)] = groups.labels();
  t.labels[static_cast<std::size_t>(dimension::age_group)].push_back("unknown");
  // An empty ethnicity is a category of its own, never printed like the "all" row (an empty cell).
  if (children) {
    const auto& names = children->ethnicities;
    // Labels stay distinct: a register that also spells a group "unknown" keeps it apart.
    const std::string unknown = std::find(names.begin(), names.end(), "unknown") == names.end() ? "unknown" : "unknown (empty)";
    for (const auto& name : names) t.labels[static_cast<std::size_t>(dimension::ethnicity)].push_back(name.empty() ? unknown : name);
  }
  for (const auto& k : kind_categories) {
    t.labels[static_cast<std::size_t>(dimension::kind)].emplace_back(k.name);
    t.parents[static_cast<std::size_t>(dimension::kind)].push_back(k.parent);
  }
  for (auto e : registers::environment_names) t.labels[static_cast<std::size_t>(dimension::environment)].emplace_back(e);
}

/// One indicator's plan: its numerator's and denominator's sides, its breakdowns, and which cells
/// of each it publishes.
struct indicator_plan {
  const indicator_definition* def;
  side_key num;
  std::optional<side_key> den;
  std::vector<breakdown> breakdowns;
  /// Per breakdown and cell: its place among the breakdown's published rows, or -1 (published_slots).
  std::vector<std::vector<std::int64_t>> slot;
};

/// The layout stage: the count cube's sizes, the sides (distinct filters per register, each split
/// by the union of the dimensions its users need) and each indicator's plan.
struct layout {
  dimension_sizes child_sizes, incident_sizes;
  std::vector<side> child_sides, incident_sides;
  std::vector<indicator_plan> entries;
  std::size_t rows_per_unit = 0;  ///< published rows of one unit, all indicators and breakdowns
};

inline layout lay_out(const std::vector<const indicator_definition*>& chosen, const age_groups& groups, const child_columns* children,
                      const indicator_request& req) {
  layout out{sizes_of(register_kind::children, groups, children ? children->ethnicities.size() : 0), sizes_of(register_kind::incidents, groups, 0), {}, {}, {}, 0};
  auto side_of = [&](const row_filter& f, const std::vector<dimension>& dims) {
    auto& list = f.source == register_kind::children ? out.child_sides : out.incident_sides;
    std::size_t i = 0;
    while (i < list.size() && !(list[i].filter == f)) ++i;
    if (i == list.size()) list.push_back(side{f, {}, {}, 1});
    for (auto d : dims) {
      if (has_dimension(f.source, d)) list[i].has[static_cast<std::size_t>(d)] = true;
    }
    return side_key{f.source, i};
  };
  for (const auto* d : chosen) {
    indicator_plan e{d, side_of(d->numerator, d->disaggregations), std::nullopt, breakdowns_of(*d, req.extra_breakdowns), {}};
    if (d->denominator) e.den = side_of(*d->denominator, d->disaggregations);
    const dimension_sizes shown = shown_sizes(d->numerator.source == register_kind::children ? out.child_sizes : out.incident_sizes);
    for (const breakdown& b : e.breakdowns) {
      e.slot.push_back(published_slots(d->numerator, b, shown));
      out.rows_per_unit += static_cast<std::size_t>(std::count_if(e.slot.back().begin(), e.slot.back().end(), [](std::int64_t x) { return x >= 0; }));
    }
    out.entries.push_back(std::move(e));
  }
  if (out.child_sides.size() > 127 || out.incident_sides.size() > 127) {
    throw validation_error({"<arguments>"}, "indicators", "more than 127 distinct numerators or denominators in one register: compute them in parts");
  }
  for (auto& s : out.child_sides) s.lay_out(out.child_sizes);
  for (auto& s : out.incident_sides) s.lay_out(out.incident_sizes);
  return out;
}

/// The request's numbers the engine needs in range (the words were checked by parse_request).
inline void check_numbers(const indicator_request& req) {
  if (req.levels.empty()) throw validation_error({"<arguments>"}, "level", "at least one level is needed");
  if (req.suppression.enabled && req.suppression.threshold < 1) throw validation_error({"<arguments>"}, "threshold", "the suppression threshold k must be >= 1");
  // Below k + 1 a reader could tell a withheld count of 1..k from one large enough to publish.
  if (const auto& s = req.suppression; s.enabled && s.upper != 0 && (s.upper < s.threshold + 1 || s.upper > 1'000'000)) {
    throw validation_error({"<arguments>"}, "protection_upper",
                           "the upper end of a withheld count's interval must be at least k + 1 = " + std::to_string(s.threshold + 1) + " and at most 1000000");
  }
  if (!(req.confidence_level > 0 && req.confidence_level < 1)) throw validation_error({"<arguments>"}, "confidence", "the confidence level must be between 0 and 1");
}

}  // namespace detail

/// Computes `request` over the registers (either may be null: indicators that need a missing one
/// are left out, or refused if asked for by key). Throws validation_error for bad rows (located by
/// row and field, never quoting a child's data), unknown units, and impossible requests.
[[nodiscard]] inline indicator_table compute_indicators(const catalogue& cat, const unit_registry& registry, const child_columns* children,
                                                        const incident_columns* incidents, const indicator_request& req) {
  using detail::breakdown;
  const age_groups groups = req.age_groups.value_or(cat.age_groups);
  const date reference = req.reference_date.value_or(req.period.end());
  detail::check_numbers(req);

  const detail::layout plan = detail::lay_out(detail::choose_indicators(cat, children, incidents, req), groups, children, req);
  // Plain references, not a structured binding: clang before 16 cannot capture those in lambdas.
  const dimension_sizes &child_sizes = plan.child_sizes, &incident_sizes = plan.incident_sizes;
  const std::vector<side> &child_sides = plan.child_sides, &incident_sides = plan.incident_sides;
  const std::vector<detail::indicator_plan>& entries = plan.entries;

  // The pass over each register (units are checked first so that a bad code is reported as such).
  const detail::unit_mapping map = detail::map_units(children, incidents, registry, reference, req.merger);
  const side_counts child_counts = children && !child_sides.empty() ? count_children(*children, child_sides, groups, reference, req.threads) : side_counts{};
  const side_counts incident_counts = incidents && !incident_sides.empty()
                                          ? count_incidents(*incidents, incident_sides, groups, req.period.start(), req.period.end(), req.threads)
                                          : side_counts{};

  indicator_table t;
  t.period = req.period.iso();
  t.reference_date = format_vn(reference);
  detail::label_categories(t, groups, children);
  for (const auto& e : entries) t.indicator_keys.push_back(e.def->key);
  t.suppression_threshold = req.suppression.enabled ? req.suppression.threshold : 0;
  t.protection_upper = req.suppression.enabled ? protection_upper(req.suppression) : 0;

  const bool suppress = req.suppression.enabled;
  published_counts counts;  // what each row publishes, for the suppression stage
  const count_set all_children = whole_register(register_kind::children, children ? children->ethnicities.size() : 0);
  const count_set all_incidents = whole_register(register_kind::incidents, 0);
  const std::span<const std::string> ethnicity_names =
      children ? std::span<const std::string>(children->ethnicities) : std::span<const std::string>();
  auto set_of = [&](const row_filter& f) { return restrict_to(f.source == register_kind::children ? all_children : all_incidents, f, ethnicity_names); };

  std::vector<detail::level_units> level_list;
  for (const level lv : req.levels) level_list.push_back(detail::units_at(lv, map, registry));
  std::size_t all_units = 0;
  for (const auto& lu : level_list) all_units += lu.codes.size();
  t.reserve(all_units * plan.rows_per_unit);  // growing 15 columns of millions of rows by doubling cost a third of the time
  if (suppress) detail::describe_run(level_list, req, t, map, children, counts);

  for (std::size_t li = 0; li < req.levels.size(); ++li) {
    const level lv = req.levels[li];
    t.levels.emplace_back(level_names[static_cast<int>(lv)]);
    const auto& lu = level_list[li];
    const std::size_t unit_offset = t.unit_codes.size();
    t.unit_codes.insert(t.unit_codes.end(), lu.codes.begin(), lu.codes.end());
    t.unit_names.insert(t.unit_names.end(), lu.names.begin(), lu.names.end());
    const rollup_matrix to_children = lu.from_base * map.children, to_incidents = lu.from_base * map.incidents;
    auto rolled = [&](const detail::side_key& k) {
      return k.source == register_kind::children ? detail::roll(to_children, child_counts[k.index], child_sides[k.index].cells)
                                                 : detail::roll(to_incidents, incident_counts[k.index], incident_sides[k.index].cells);
    };
    auto side_ref = [&](const detail::side_key& k) -> const side& { return k.source == register_kind::children ? child_sides[k.index] : incident_sides[k.index]; };
    auto sizes_ref = [&](const detail::side_key& k) -> const dimension_sizes& { return k.source == register_kind::children ? child_sizes : incident_sizes; };
    auto shown_ref = [&](const detail::side_key& k) { return detail::shown_sizes(sizes_ref(k)); };

    for (std::size_t pi = 0; pi < entries.size(); ++pi) {
      const detail::indicator_plan& e = entries[pi];
      const indicator_definition& def = *e.def;
      const auto num = rolled(e.num);
      const auto den = e.den ? rolled(*e.den) : decltype(num){};
      const dimension_sizes nsizes = shown_ref(e.num);  // categories as the breakdown shows them
      for (std::size_t bi = 0; bi < e.breakdowns.size(); ++bi) {
        const breakdown& b = e.breakdowns[bi];
        const auto np = detail::project(side_ref(e.num), sizes_ref(e.num), b);
        const std::vector<std::int64_t>& slot = e.slot[bi];
        // The denominator is split by the breakdown's dimensions that its register has.
        breakdown db;
        for (auto d : b) {
          if (e.den && has_dimension(e.den->source, d)) db.push_back(d);
        }
        const auto dp = e.den ? detail::project(side_ref(*e.den), sizes_ref(*e.den), db) : detail::projection{};
        const std::vector<std::int64_t> den_cell = e.den ? detail::denominator_cells(b, nsizes, db, shown_ref(*e.den)) : std::vector<std::int64_t>(np.cells, -1);
        std::size_t ncells = 0;
        const auto nstride = detail::breakdown_strides(b, nsizes, ncells);
        const detail::cell_counts sets = suppress ? detail::describe_cells(set_of(def.numerator), e.den ? std::optional(set_of(*def.denominator)) : std::nullopt,
                                                                        b, nsizes, slot, den_cell, groups, counts)
                                                  : detail::cell_counts{};
        std::vector<double> nm(np.cells), dm(dp.cells);
        for (std::size_t u = 0; u < lu.codes.size(); ++u) {
          const auto ur = static_cast<Eigen::Index>(u);
          std::fill(nm.begin(), nm.end(), 0.0);
          np.add(num.row(ur), nm);
          if (e.den) {
            std::fill(dm.begin(), dm.end(), 0.0);
            dp.add(den.row(ur), dm);
          }
          for (std::size_t cell = 0; cell < np.cells; ++cell) {
            if (slot[cell] < 0) continue;
            const double x = nm[cell];
            const double n = !e.den ? std::numeric_limits<double>::quiet_NaN()
                             : den_cell[cell] < 0 ? std::numeric_limits<double>::quiet_NaN()
                                                  : dm[static_cast<std::size_t>(den_cell[cell])];
            detail::push_keys(t, li, unit_offset + u, pi, b, cell, nstride, nsizes);
            t.numerator.push_back(x);
            t.denominator.push_back(n);
            t.value.push_back(e.den ? detail::ratio(def, x, n, lu.codes[u], b, req.zero_denominator) : x);
            t.suppressed.push_back(0);
            if (suppress) {
              counts.numerator_set.push_back(sets.numerator[cell]);
              counts.denominator_set.push_back(sets.denominator[cell]);
              counts.proportion.push_back(def.is_proportion() ? 1 : 0);
            }
          }
        }
      }
    }
  }

  std::vector<const indicator_definition*> defs;
  for (const auto& e : entries) defs.push_back(e.def);
  detail::fill_intervals(t, defs, req.confidence_level, req.threads);
  if (suppress) t.protection = withhold_counts(t, counts, req.suppression.threshold, protection_upper(req.suppression));
  return t;
}

}  // namespace treem::indicators
