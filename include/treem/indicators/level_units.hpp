// The roll-up stage of the indicator engine: the registers' commune codes mapped onto one list of
// base units (through a merger when asked), each level's units with the sparse matrix that sums
// base units into them (units_at), and the counts rolled up by that matrix (roll), so that a
// district's count is by construction the sum of its communes'.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <Eigen/Dense>
#include <Eigen/SparseCore>

#include "treem/core/error.hpp"
#include "treem/indicators/register_view.hpp"
#include "treem/indicators/request.hpp"
#include "treem/time/date.hpp"
#include "treem/units/rollup.hpp"
#include "treem/units/unit_registry.hpp"

namespace treem::indicators::detail {

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

/// A side's counts rolled up to the units of a level: one row per unit, one column per cell.
using rolled_counts = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// The roll-up: the units x cells counts of the base units, summed into the level's units.
inline rolled_counts roll(const rollup_matrix& m, const std::vector<double>& counts, std::size_t cells) {
  const auto units = static_cast<Eigen::Index>(cells ? counts.size() / cells : 0);
  Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> block(counts.data(), units, static_cast<Eigen::Index>(cells));
  return m * block;
}

}  // namespace treem::indicators::detail
