// The counts of a publish log (publish_log.hpp) as cells of this run's suppression stage: each
// entry of the run's period, reference date and merger becomes a count set in a set of communes, and the
// units of the log are related to the table's (a district logged by an earlier run is the sum of
// the communes this run publishes), so that the relations between the two runs' numbers are seen
// as the table's own are.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "treem/core/error.hpp"
#include "treem/indicators/count_set_text.hpp"
#include "treem/indicators/publish_log.hpp"
#include "treem/indicators/withhold_counts.hpp"

namespace treem::indicators {

namespace detail {

/// For each unit set of two communes or more, the partitions into smaller unit sets a reader can
/// form: into its communes where each is a unit set, and into the largest unit sets inside it
/// (districts in a province). The table's own partitions are described already (describe_units):
/// only those with a unit of the log, as the whole or as a part, are added.
inline void relate_unit_sets(published_counts& p) {
  const std::size_t communes = p.log.base_codes.size(), n = p.units.size();
  std::vector<std::uint8_t> logged(n, 0);
  for (const auto& cell : p.logged) logged[cell.unit_set] = 1;
  const auto add = [&](unit_partition&& part) {
    if (logged[part.whole] || std::any_of(part.parts.begin(), part.parts.end(), [&](std::uint32_t u) { return logged[u] != 0; })) {
      p.unit_partitions.push_back(std::move(part));
    }
  };
  std::vector<std::vector<std::uint32_t>> sets_with(communes);
  std::vector<std::uint32_t> single(communes, no_count_set);
  for (std::uint32_t id = 0; id < n; ++id) {
    for (auto b : p.units.communes(id)) sets_with[b].push_back(id);
    if (p.units.communes(id).size() == 1) single[p.units.communes(id)[0]] = id;
  }
  std::vector<std::uint32_t> inside(communes, 0), used(communes, 0), seen(n, 0);
  for (std::uint32_t whole = 0; whole < n; ++whole) {
    const auto& cw = p.units.communes(whole);
    if (cw.size() < 2) continue;
    const std::uint32_t stamp = whole + 1;
    for (auto b : cw) inside[b] = stamp;
    unit_partition ones{whole, {}};
    for (auto b : cw) {
      if (single[b] != no_count_set) ones.parts.push_back(single[b]);
    }
    if (ones.parts.size() == cw.size()) add(std::move(ones));
    std::vector<std::uint32_t> candidates;
    for (auto b : cw) {
      for (auto id : sets_with[b]) {
        if (seen[id] == stamp || p.units.communes(id).size() >= cw.size()) continue;
        seen[id] = stamp;
        const auto& ci = p.units.communes(id);
        if (std::all_of(ci.begin(), ci.end(), [&](std::uint32_t x) { return inside[x] == stamp; })) candidates.push_back(id);
      }
    }
    std::sort(candidates.begin(), candidates.end(), [&](std::uint32_t a, std::uint32_t b) { return p.units.communes(a).size() > p.units.communes(b).size(); });
    unit_partition largest{whole, {}};
    std::size_t covered = 0;
    for (auto id : candidates) {
      const auto& ci = p.units.communes(id);
      if (std::any_of(ci.begin(), ci.end(), [&](std::uint32_t x) { return used[x] == stamp; })) continue;
      for (auto x : ci) used[x] = stamp;
      covered += ci.size();
      largest.parts.push_back(id);
    }
    if (covered == cw.size() && largest.parts.size() < cw.size()) add(std::move(largest));
  }
}

}  // namespace detail

/// Adds to `p` the entries of `log` for the run `p.log` describes (same period, reference date and merger):
/// their count sets and units, and the partitions relating their units to the table's. Entries over
/// a commune these registers do not have are counted in `p.logged_outside` and left out. A count
/// text that cannot be read is a validation_error at its line.
inline void add_logged_cells(const publish_log& log, published_counts& p) {
  std::unordered_map<std::string, std::uint32_t> base;
  for (std::uint32_t b = 0; b < p.log.base_codes.size(); ++b) base.emplace(p.log.base_codes[b], b);
  const auto set_of = [&](const std::string& text, const log_entry& e, const char* field) {
    try {
      return p.intern(parse_count_set(text, p.log.ethnicity_names));
    } catch (const count_set_text_error& x) {
      throw validation_error(e.where, field, "the count " + x.message);
    }
  };
  for (const auto& e : log.entries) {
    // Another period, reference date or merger counts other rows under the same codes.
    if (e.period != p.log.period || e.reference_date != p.log.reference_date || e.merger != p.log.merger) continue;
    std::vector<std::uint32_t> communes;
    for (const auto& code : e.communes) {
      const auto it = base.find(code);
      if (it != base.end()) communes.push_back(it->second);
    }
    if (communes.size() != e.communes.size()) {
      ++p.logged_outside;
      continue;
    }
    logged_cell cell{p.units.of(std::move(communes)), set_of(e.count, e, "count"), no_count_set, e.state, e.value, e.where};
    if (!e.minus.empty()) cell.minus_set = set_of(e.minus, e, "minus");
    p.logged.push_back(cell);
  }
  if (!p.logged.empty()) detail::relate_unit_sets(p);
}

}  // namespace treem::indicators
