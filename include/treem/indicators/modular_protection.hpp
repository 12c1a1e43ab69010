// The atom stage for a table too large for one atom programme (a province's, the nation's): the
// modular method of tau-Argus for hierarchical tables, HiTaS (de Wolf, "HiTaS: a heuristic approach
// to cell suppression in hierarchical tables", Inference Control in Statistical Databases, LNCS 2316,
// Springer 2002, doi:10.1007/3-540-47804-3_7). The table is cut into sub-tables, one per published
// unit with the largest published units inside it (a district and its communes, a province and its
// districts, the nation and its provinces); in a sub-table each unit inside is one block, whose
// atoms are free but for its own published counts (its own sub-table reads it commune by commune).
// Each sub-table is protected by the atom stage (atom_protection.hpp), from the top down, and again
// while a cell it holds changes elsewhere.
//
// A sub-table knows less than the whole table, so a cell it finds determined is determined in the
// whole table too: it is published and from then on treated as a number readers have (never
// withheld again), which also makes the sweeps end. What the method does not promise, and the
// report says (protection_report::sub_tables): a reader who combines sub-tables (a district's split
// into communes with a province's split into districts) may narrow a count further than either
// alone: the table is then read whole where it fits (withhold_counts.hpp), else its largest parts
// (whole_parts.hpp).
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <numeric>
#include <optional>
#include <span>
#include <vector>

#include "treem/core/parallel_chunks.hpp"
#include "treem/indicators/atom_protection.hpp"

namespace treem::indicators {

struct modular_options {
  atom_protection_options atoms;
  /// A sub-table is read whole up to this many unknowns (a whole table keeps atoms.limits: 20,000):
  /// it is the last resort, and one left unread keeps only the cell-level verdict. Measured on
  /// synthetic national registers: the nation's sub-table over 63 provinces of 10,047 communes has
  /// 98,520 unknowns and is protected in under a minute; this leaves room for half as much again.
  std::size_t max_sub_table_unknowns = 150000;
  int max_sweeps = 8;
  std::size_t threads = 1;  ///< sub-tables side by side (of one depth) are read on this many threads
};

namespace detail {

inline constexpr std::uint32_t no_unit = ~std::uint32_t{0};

/// Each unit set's parent: the smallest unit set that strictly holds it (no_unit for the largest).
/// nullopt when the unit sets are not a hierarchy (two overlap, and neither holds the other).
inline std::optional<std::vector<std::uint32_t>> unit_parents(std::span<const std::vector<std::uint32_t>> communes) {
  const auto n = static_cast<std::uint32_t>(communes.size());
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return communes[a].size() < communes[b].size(); });
  std::vector<std::vector<std::uint32_t>> holders;  // per commune: the unit sets holding it, smallest first
  for (auto u : order) {
    for (auto c : communes[u]) {
      if (c >= holders.size()) holders.resize(c + 1);
      holders[c].push_back(u);
    }
  }
  std::vector<std::uint32_t> parent(n, no_unit);
  for (auto u : order) {
    if (communes[u].empty()) continue;
    for (auto h : holders[communes[u].front()]) {
      if (h == u || communes[h].size() <= communes[u].size()) continue;
      if (!std::includes(communes[h].begin(), communes[h].end(), communes[u].begin(), communes[u].end())) return std::nullopt;
      parent[u] = h;
      break;
    }
  }
  // Units with the same parent (or none) must not overlap; then no two units overlap at all (two
  // that did would have ancestors, or be units, with the same parent and a commune in common).
  std::vector<std::vector<std::uint32_t>> siblings(n + 1);
  for (std::uint32_t u = 0; u < n; ++u) siblings[parent[u] == no_unit ? n : parent[u]].push_back(u);
  std::vector<std::uint32_t> stamp(holders.size(), no_unit);
  for (std::uint32_t g = 0; g <= n; ++g) {
    for (auto u : siblings[g]) {
      for (auto c : communes[u]) {
        if (stamp[c] == g) return std::nullopt;
        stamp[c] = g;
      }
    }
  }
  return parent;
}

/// A sub-table: its unit sets (the parent first) and, per unit set, the blocks it covers (each
/// unit inside is one block; the parent covers them all, and one more for its communes in none).
struct sub_table {
  std::vector<std::uint32_t> units;
  std::vector<std::vector<std::uint32_t>> blocks;
  std::uint32_t depth = 0;  ///< 0 for the largest units; sub-tables of one depth share no cell
};

inline sub_table sub_table_of(std::uint32_t top, const std::vector<std::uint32_t>& inside, std::span<const std::vector<std::uint32_t>> communes) {
  sub_table t;
  t.units.push_back(top);
  t.blocks.emplace_back();
  std::size_t covered = 0;
  for (std::uint32_t b = 0; b < inside.size(); ++b) {
    t.units.push_back(inside[b]);
    t.blocks.push_back({b});
    t.blocks.front().push_back(b);
    covered += communes[inside[b]].size();
  }
  if (covered < communes[top].size()) t.blocks.front().push_back(static_cast<std::uint32_t>(inside.size()));
  return t;
}

/// The sub-tables of a hierarchy, from the top down: every unit set with units inside it, and every
/// unit set alone that is inside none.
inline std::vector<sub_table> sub_tables(std::span<const std::vector<std::uint32_t>> communes, const std::vector<std::uint32_t>& parent) {
  std::vector<std::vector<std::uint32_t>> inside(parent.size());
  std::vector<std::uint32_t> level;  // the roots, then their children, ...
  for (std::uint32_t u = 0; u < parent.size(); ++u) {
    if (parent[u] == no_unit) level.push_back(u);
    else inside[parent[u]].push_back(u);
  }
  std::vector<sub_table> out;
  for (std::uint32_t depth = 0; !level.empty(); ++depth) {
    std::vector<std::uint32_t> next;
    for (auto u : level) {
      if (!inside[u].empty() || parent[u] == no_unit) out.push_back(sub_table_of(u, inside[u], communes)), out.back().depth = depth;
      next.insert(next.end(), inside[u].begin(), inside[u].end());
    }
    level = std::move(next);
  }
  return out;
}

/// Where each cell, count and sum of the table is, for cutting out sub-tables.
struct table_index {
  std::vector<std::vector<std::uint32_t>> cells_of_unit, sums_of_cell, counts_of_cell, subs_of_unit;

  table_index(const cell_space& space, const std::vector<sum_constraint>& sums, std::span<const protected_count> counts,
              const std::vector<sub_table>& subs)
      : cells_of_unit(space.communes.size()), sums_of_cell(space.set_of.size()), counts_of_cell(space.set_of.size()),
        subs_of_unit(space.communes.size()) {
    for (std::uint32_t x = 0; x < space.unit_of.size(); ++x) cells_of_unit[space.unit_of[x]].push_back(x);
    for (std::uint32_t i = 0; i < sums.size(); ++i) {
      sums_of_cell[sums[i].total].push_back(i);
      for (auto c : sums[i].parts) sums_of_cell[c].push_back(i);
    }
    for (std::uint32_t i = 0; i < counts.size(); ++i) counts_of_cell[counts[i].plus].push_back(i);
    for (std::uint32_t t = 0; t < subs.size(); ++t) {
      for (auto u : subs[t].units) subs_of_unit[u].push_back(t);
    }
  }
  /// The sums that hold any of `cells`, each once, in order.
  [[nodiscard]] std::vector<std::uint32_t> sums_of(std::span<const std::uint32_t> cells) const {
    std::vector<std::uint32_t> out;
    for (auto x : cells) out.insert(out.end(), sums_of_cell[x].begin(), sums_of_cell[x].end());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
};

/// A sub-table's cells as a table of their own: its cell i is the table's cell `cell[i]`.
struct local_table {
  std::vector<std::uint32_t> cell;
  std::vector<count_set> sets;
  std::vector<std::uint32_t> set_of, unit_of;
  std::vector<double> value;
  std::vector<std::uint8_t> withheld, known, kept;
  std::vector<protected_count> counts;
  std::vector<sum_constraint> sums;
};

/// The sums and protected counts of the table that lie wholly in the local table; `local` maps the
/// table's cells to the local ones (no_cell outside).
inline void local_relations(local_table& l, const table_index& ix, const std::vector<sum_constraint>& sums,
                            std::span<const protected_count> counts, const std::vector<std::uint32_t>& local) {
  const auto in = [&](std::size_t x) { return local[x] != no_cell; };
  for (auto i : ix.sums_of(l.cell)) {
    const sum_constraint& s = sums[i];
    if (!in(s.total) || !std::all_of(s.parts.begin(), s.parts.end(), in)) continue;
    sum_constraint ls{local[s.total], {}};
    for (auto c : s.parts) ls.parts.push_back(local[c]);
    l.sums.push_back(std::move(ls));
  }
  for (auto x : l.cell) {
    for (auto i : ix.counts_of_cell[x]) {
      const protected_count& pc = counts[i];
      if (pc.minus == no_cell) l.counts.push_back({local[x], no_cell});
      else if (in(pc.minus)) l.counts.push_back({local[x], local[pc.minus]});
    }
  }
}

/// Sub-table `t` of the table as a local table.
inline local_table local_of(const sub_table& t, const cell_space& space, const table_index& ix, std::span<const double> value,
                            const std::vector<std::uint8_t>& withheld, const std::vector<std::uint8_t>& known,
                            std::span<const std::uint8_t> kept, std::span<const protected_count> counts, const std::vector<sum_constraint>& sums,
                            std::vector<std::uint32_t>& local) {
  local_table l;
  std::vector<std::uint32_t> set_ids;  // the table's count sets, in local order
  std::map<std::uint32_t, std::uint32_t> local_set;
  for (std::uint32_t b = 0; b < t.units.size(); ++b) {
    for (auto x : ix.cells_of_unit[t.units[b]]) {
      local[x] = static_cast<std::uint32_t>(l.cell.size());
      l.cell.push_back(x);
      const auto [it, fresh] = local_set.try_emplace(space.set_of[x], static_cast<std::uint32_t>(set_ids.size()));
      if (fresh) set_ids.push_back(space.set_of[x]);
      l.set_of.push_back(it->second);
      l.unit_of.push_back(b);
      l.value.push_back(value[x]);
      l.withheld.push_back(withheld[x]);
      l.known.push_back(known[x]);
      l.kept.push_back(is_fixed(kept, x));
    }
  }
  for (auto s : set_ids) l.sets.push_back(space.sets[s]);
  local_relations(l, ix, sums, counts, local);
  return l;
}

/// Completes the table's sums around cells that changed (a cell withheld alone in a sum gets a
/// complement: a sum that crosses sub-tables is in none of them). Returns the cells it withheld.
inline std::vector<std::uint32_t> complete_around(std::vector<std::uint32_t> changed, const table_index& ix, const std::vector<sum_constraint>& sums,
                                                  std::span<const double> value, std::vector<std::uint8_t>& withheld,
                                                  std::span<const std::uint8_t> known) {
  std::vector<std::uint32_t> added;
  while (!changed.empty()) {
    std::vector<sum_constraint> local;
    std::vector<std::uint32_t> members;
    for (auto i : ix.sums_of(changed)) {
      local.push_back(sums[i]);
      members.push_back(static_cast<std::uint32_t>(sums[i].total));
      for (auto c : sums[i].parts) members.push_back(static_cast<std::uint32_t>(c));
    }
    std::vector<std::uint8_t> before;
    for (auto c : members) before.push_back(withheld[c]);
    changed.clear();
    if (complete_sums(local, value, withheld, known) == 0) break;
    for (std::size_t m = 0; m < members.size(); ++m) {
      if (!before[m] && withheld[members[m]]) changed.push_back(members[m]), before[m] = 1;
    }
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    added.insert(added.end(), changed.begin(), changed.end());
  }
  return added;
}

}  // namespace detail

namespace detail {

/// A sub-table read on its own: its cells as the atom stage left them, and what that did.
struct sub_table_reading {
  local_table l;
  protection_report r;
  bool read = false;  ///< false: beyond the atom programme's limits
};

/// Reads sub-table `t` by the atom stage. `local` is the caller's scratch (one per thread): every
/// entry no_cell, and left so.
inline sub_table_reading read_sub_table(const sub_table& t, const cell_space& space, const table_index& ix, std::span<const double> value,
                                        const std::vector<std::uint8_t>& withheld, const std::vector<std::uint8_t>& known,
                                        std::span<const std::uint8_t> kept, std::span<const protected_count> counts,
                                        const std::vector<sum_constraint>& sums, std::vector<std::uint32_t>& local,
                                        const atom_protection_options& o) {
  sub_table_reading out;
  out.l = local_of(t, space, ix, value, withheld, known, kept, counts, sums, local);
  for (auto x : out.l.cell) local[x] = no_cell;
  local_table& l = out.l;
  out.read = protect_over_atoms({l.sets, l.set_of, l.unit_of, t.blocks}, l.value, l.sums, l.counts, l.withheld, l.known, l.kept, o, out.r);
  return out;
}

/// The withheld cells in some sub-table flagged `unread`: only the cell-level stage read them as a
/// reader of that sub-table would (a cell in several sub-tables is read in each).
inline std::size_t withheld_in(const std::vector<std::uint8_t>& unread, const table_index& ix, const cell_space& space,
                               const std::vector<std::uint8_t>& withheld) {
  std::size_t n = 0;
  for (std::size_t x = 0; x < withheld.size(); ++x) {
    const auto& in = ix.subs_of_unit[space.unit_of[x]];
    n += withheld[x] && std::any_of(in.begin(), in.end(), [&](std::uint32_t t) { return unread[t] != 0; });
  }
  return n;
}

/// The dirty sub-tables of one depth from `begin` (they share no cell, so they can be read side
/// by side), marked clean; `end` is set past that depth.
inline std::vector<std::uint32_t> dirty_batch(const std::vector<sub_table>& subs, std::size_t begin, std::size_t& end,
                                              std::vector<std::uint8_t>& dirty) {
  std::vector<std::uint32_t> batch;
  for (end = begin; end < subs.size() && subs[end].depth == subs[begin].depth; ++end) {
    if (dirty[end]) batch.push_back(static_cast<std::uint32_t>(end)), dirty[end] = 0;
  }
  return batch;
}

/// Reads the table in the pieces `subs` (sub-tables, or parts read whole: each units with their
/// blocks, in order of depth, pieces of one depth sharing no cell), each once and then again while
/// a cell it holds changes elsewhere; sets r.unprotected, r.skipped and r.atom_columns from
/// the pieces' last readings (see protect_in_sub_tables).
inline void read_pieces(const cell_space& space, std::span<const double> value, const std::vector<sum_constraint>& sums,
                        std::span<const protected_count> counts, std::vector<std::uint8_t>& withheld, std::span<const std::uint8_t> fixed,
                        std::span<const std::uint8_t> kept, const std::vector<sub_table>& subs, const modular_options& o,
                        protection_report& r) {
  const table_index ix(space, sums, counts, subs);
  std::vector<std::uint8_t> known(value.size(), 0), dirty(subs.size(), 1);
  for (std::size_t x = 0; x < value.size(); ++x) known[x] = is_fixed(fixed, x);
  std::vector<std::size_t> short_counts(subs.size(), 0), columns(subs.size(), 0);
  std::vector<std::vector<std::uint32_t>> scratch(std::max<std::size_t>(1, o.threads));
  atom_protection_options atoms = o.atoms;
  atoms.limits.max_unknowns = std::max(atoms.limits.max_unknowns, o.max_sub_table_unknowns);
  const auto touch = [&](std::uint32_t x, std::size_t except) {
    for (auto t : ix.subs_of_unit[space.unit_of[x]]) {
      if (t != except) dirty[t] = 1;
    }
  };
  const auto take = [&](std::size_t t, const sub_table_reading& reading) {
    short_counts[t] = reading.r.unprotected, columns[t] = reading.read ? std::max<std::size_t>(reading.r.atom_columns, 1) : 0;
    std::vector<std::uint32_t> changed;
    for (std::size_t i = 0; i < reading.l.cell.size(); ++i) {
      const std::uint32_t x = reading.l.cell[i];
      if (reading.l.withheld[i] == withheld[x]) continue;
      withheld[x] = reading.l.withheld[i];
      if (withheld[x]) ++r.added, changed.push_back(x);
      else ++r.released, known[x] = 1;  // determined in the whole table too: a number readers have
      touch(x, t);
    }
    for (auto x : complete_around(std::move(changed), ix, sums, value, withheld, known)) ++r.added, touch(x, subs.size());
  };
  for (int sweep = 0; sweep < o.max_sweeps && std::find(dirty.begin(), dirty.end(), 1) != dirty.end(); ++sweep) {
    for (std::size_t begin = 0, end = 0; begin < subs.size(); begin = end) {
      const std::vector<std::uint32_t> batch = dirty_batch(subs, begin, end, dirty);
      std::vector<sub_table_reading> readings(batch.size());
      parallel_tasks(o.threads, batch.size(), [&](std::size_t w, std::size_t i) {
        if (scratch[w].empty()) scratch[w].assign(value.size(), no_cell);
        readings[i] = read_sub_table(subs[batch[i]], space, ix, value, withheld, known, kept, counts, sums, scratch[w], atoms);
      });
      for (std::size_t i = 0; i < batch.size(); ++i) {
        r.programmes += readings[i].r.programmes, r.rounds += readings[i].r.rounds;
        if (!dirty[batch[i]]) take(batch[i], readings[i]);  // else changed since it was read: read again next sweep
      }
    }
  }
  // A sub-table beyond the limits, or still changing after the last sweep, was not read whole: the
  // cell-level stage's verdict (counts short, cells in groups too large) stands beside the rest.
  std::vector<std::uint8_t> unread(subs.size(), 0);
  for (std::size_t t = 0; t < subs.size(); ++t) unread[t] = columns[t] == 0 || dirty[t];
  const bool any_unread = std::find(unread.begin(), unread.end(), 1) != unread.end();
  r.unprotected = std::accumulate(short_counts.begin(), short_counts.end(), any_unread ? r.unprotected : std::size_t{0});
  r.skipped = std::min(r.skipped, withheld_in(unread, ix, space, withheld));
  r.atom_columns = any_unread ? 0 : *std::max_element(columns.begin(), columns.end());
}

}  // namespace detail

/// The atom stage in sub-tables (see the top of this file), for a table beyond one atom
/// programme's limits. Adds to `r` what it did (added, released, programmes, rounds), sets
/// `r.unprotected` (counts still short, once per sub-table that finds them short, and those the
/// cell-level stage left short when a sub-table was not read), `r.skipped` (of the cells the
/// cell-level stage left unchecked, at most those in a sub-table not read), `r.sub_tables` and
/// `r.atom_columns` (the largest sub-table's programme; 0 when a sub-table was itself beyond the
/// limits). Returns false, changing nothing, when the units are not a hierarchy: then the table
/// keeps the cell-level verdict. The sub-tables are at most as many as the unit sets, and each is
/// read up to `o.max_sub_table_unknowns`.
///
/// The sub-tables of one depth are read side by side on `o.threads` threads, each from the table
/// as the previous depth left it, and their findings are taken in order. One whose cells a
/// finding taken before it has changed (a complement withheld across a sum of sub-tables) is
/// left for the next sweep instead: every finding taken was made on the table as it then stood,
/// so the result does not depend on the number of threads.
inline bool protect_in_sub_tables(const cell_space& space, std::span<const double> value, const std::vector<sum_constraint>& sums,
                                  std::span<const protected_count> counts, std::vector<std::uint8_t>& withheld,
                                  std::span<const std::uint8_t> fixed, std::span<const std::uint8_t> kept, const modular_options& o,
                                  protection_report& r) {
  const auto parent = detail::unit_parents(space.communes);
  if (!parent) return false;
  const std::vector<detail::sub_table> subs = detail::sub_tables(space.communes, *parent);
  detail::read_pieces(space, value, sums, counts, withheld, fixed, kept, subs, o, r);
  r.sub_tables = subs.size();
  return true;
}

}  // namespace treem::indicators
