// The atom stage for a table beyond the whole-table limit, after its sub-tables
// (modular_protection.hpp): its largest parts within the limit are read whole. A part is a unit
// with every unit inside it, down to its communes (a province with its districts and communes), so
// a reader who combines the sub-tables inside a part (a district's split into communes with the
// province's split into districts) is read there, as the whole table is read after its sub-tables
// when it fits (withhold_counts.hpp). Each part is read from what the sub-tables withheld, which
// has done most of the work. What is still not read: a reader who combines a part with the
// sub-tables above it (the nation's split into provinces).
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "treem/indicators/modular_protection.hpp"

namespace treem::indicators {

namespace detail {

/// The part under unit `top` (a unit set): its units, `top` first and then level by level, and
/// per unit its communes numbered within the part (the blocks of its atom programme).
inline sub_table part_of(std::uint32_t top, const std::vector<std::vector<std::uint32_t>>& inside,
                         std::span<const std::vector<std::uint32_t>> communes, std::uint32_t depth) {
  sub_table t;
  t.depth = depth;
  for (std::vector<std::uint32_t> level{top}; !level.empty();) {
    std::vector<std::uint32_t> next;
    for (auto u : level) t.units.push_back(u), next.insert(next.end(), inside[u].begin(), inside[u].end());
    level = std::move(next);
  }
  std::unordered_map<std::uint32_t, std::uint32_t> block;
  for (auto c : communes[top]) block.try_emplace(c, static_cast<std::uint32_t>(block.size()));
  for (auto u : t.units) {
    t.blocks.emplace_back();
    for (auto c : communes[u]) t.blocks.back().push_back(block.at(c));
  }
  return t;
}

/// Whether the atom programme of part `t`, as the table stands, is within `limits`.
inline bool part_fits(const sub_table& t, const cell_space& space, const table_index& ix, std::span<const double> value,
                      const std::vector<std::uint8_t>& withheld, std::span<const protected_count> counts,
                      const std::vector<sum_constraint>& sums, std::vector<std::uint32_t>& local, const atom_limits& limits) {
  const std::vector<std::uint8_t> known(value.size(), 0);
  const local_table l = local_of(t, space, ix, value, withheld, known, {}, counts, sums, local);
  for (auto x : l.cell) local[x] = no_cell;
  return build_atom_programme({l.sets, l.set_of, l.unit_of, t.blocks}, l.value, l.withheld, limits).has_value();
}

/// The pieces to read: from the top down, the largest parts that fit `limits` (a part is at least
/// two levels deep: one level is a sub-table, read whole already; and never the whole table), and
/// the sub-tables above them. `parts` is set to how many parts there are.
inline std::vector<sub_table> parts_and_sub_tables_above(const cell_space& space, std::span<const double> value,
                                                         const std::vector<sum_constraint>& sums, std::span<const protected_count> counts,
                                                         const std::vector<std::uint8_t>& withheld, const std::vector<std::uint32_t>& parent,
                                                         const atom_limits& limits, std::size_t& parts) {
  const std::vector<sub_table> subs = sub_tables(space.communes, parent);
  const table_index ix(space, sums, counts, {});
  const auto n = static_cast<std::uint32_t>(parent.size());
  std::vector<std::vector<std::uint32_t>> inside(n);
  std::vector<std::uint32_t> roots, depth(n, 0);
  for (std::uint32_t u = 0; u < n; ++u) (parent[u] == no_unit ? roots : inside[parent[u]]).push_back(u);
  for (const auto& s : subs) depth[s.units.front()] = s.depth;
  const auto deep = [&](std::uint32_t u) {
    return std::any_of(inside[u].begin(), inside[u].end(), [&](std::uint32_t c) { return !inside[c].empty(); });
  };
  std::vector<std::uint32_t> local(value.size(), no_cell);
  std::vector<std::uint8_t> covered(n, 0);
  std::vector<sub_table> out;
  for (std::vector<std::uint32_t> level = roots; !level.empty();) {
    std::vector<std::uint32_t> next;
    for (auto u : level) {
      if (!deep(u)) continue;
      sub_table part = part_of(u, inside, space.communes, depth[u]);
      if (part.units.size() < n && part_fits(part, space, ix, value, withheld, counts, sums, local, limits)) {
        for (auto v : part.units) covered[v] = 1;
        out.push_back(std::move(part));
      } else {
        next.insert(next.end(), inside[u].begin(), inside[u].end());
      }
    }
    level = std::move(next);
  }
  parts = out.size();
  for (const auto& s : subs) {
    if (!covered[s.units.front()]) out.push_back(s);
  }
  std::stable_sort(out.begin(), out.end(), [](const sub_table& a, const sub_table& b) { return a.depth < b.depth; });
  return out;
}

}  // namespace detail

/// After protect_in_sub_tables, for a table beyond the whole-table limit `part_limit`: reads its
/// largest parts within that limit whole, and the sub-tables above them (up to
/// `o.max_sub_table_unknowns`, as protect_in_sub_tables), each from the table as it stands and again
/// while a cell it holds changes elsewhere, sets the report's fields as protect_in_sub_tables does,
/// and `r.parts_read_whole`. Returns false, changing nothing, when the units are not a hierarchy or
/// no part fits.
inline bool protect_in_parts(const cell_space& space, std::span<const double> value, const std::vector<sum_constraint>& sums,
                             std::span<const protected_count> counts, std::vector<std::uint8_t>& withheld, std::span<const std::uint8_t> fixed,
                             std::span<const std::uint8_t> kept, const modular_options& o, std::size_t part_limit, protection_report& r) {
  const auto parent = detail::unit_parents(space.communes);
  if (!parent) return false;
  atom_limits limits = o.atoms.limits;
  limits.max_unknowns = part_limit;
  std::size_t parts = 0;
  const std::vector<detail::sub_table> pieces =
      detail::parts_and_sub_tables_above(space, value, sums, counts, withheld, *parent, limits, parts);
  if (parts == 0) return false;
  detail::read_pieces(space, value, sums, counts, withheld, fixed, kept, pieces, o, r);
  r.parts_read_whole = parts;
  return true;
}

}  // namespace treem::indicators
