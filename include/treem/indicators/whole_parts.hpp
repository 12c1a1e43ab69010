// The atom stage for a table beyond the whole-table limit, after its sub-tables
// (modular_protection.hpp): its largest parts within the limit are read whole. A part is a unit
// with every unit inside it, down to its communes (a province with its districts and communes), so
// a reader who combines the sub-tables inside a part (a district's split into communes with the
// province's split into districts) is read there, as the whole table is read after its sub-tables
// when it fits (withhold_counts.hpp). Each part is read from what the sub-tables withheld, which
// has done most of the work. A reader who combines a part with the sub-tables above it (the
// nation's split into provinces) is answered by the certificate (part_certificate.hpp): witnesses,
// whole tables that publish the same numbers, for each end of each protected count's interval;
// where none is found, the part is read again with its partner as one table (a pair), withholding
// more, and certified again.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "treem/indicators/modular_protection.hpp"
#include "treem/indicators/part_certificate.hpp"

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

/// From the top down, the largest parts that fit `limits` (a part is at least two levels deep: one
/// level is a sub-table, read whole already; and never the whole table).
inline std::vector<sub_table> largest_parts(const cell_space& space, std::span<const double> value, const std::vector<sum_constraint>& sums,
                                            std::span<const protected_count> counts, const std::vector<std::uint8_t>& withheld,
                                            const std::vector<std::uint32_t>& parent, const atom_limits& limits) {
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
  std::vector<sub_table> out;
  for (std::vector<std::uint32_t> level = roots; !level.empty();) {
    std::vector<std::uint32_t> next;
    for (auto u : level) {
      if (!deep(u)) continue;
      sub_table part = part_of(u, inside, space.communes, depth[u]);
      if (part.units.size() < n && part_fits(part, space, ix, value, withheld, counts, sums, local, limits)) out.push_back(std::move(part));
      else next.insert(next.end(), inside[u].begin(), inside[u].end());
    }
    level = std::move(next);
  }
  return out;
}

/// The pieces to read: the parts, and the sub-tables above them (those whose top no part holds),
/// in order of depth.
inline std::vector<sub_table> parts_and_sub_tables_above(const std::vector<sub_table>& parts, std::span<const std::vector<std::uint32_t>> communes,
                                                         const std::vector<std::uint32_t>& parent) {
  std::vector<std::uint8_t> covered(parent.size(), 0);
  for (const auto& part : parts) {
    for (auto v : part.units) covered[v] = 1;
  }
  std::vector<sub_table> out = parts;
  for (auto& s : sub_tables(communes, parent)) {
    if (!covered[s.units.front()]) out.push_back(std::move(s));
  }
  std::stable_sort(out.begin(), out.end(), [](const sub_table& a, const sub_table& b) { return a.depth < b.depth; });
  return out;
}

/// Parts `k` and `q` (beside each other: the same unit above them) as one table with one more unit
/// over both that publishes, for every count set published above them, the sum of their two
/// counts (its cells come last, with no cell of the table): a table in which both parts may move
/// their counts of several sets at once, each taking the other's difference, which leaves every
/// count above them as it is; widening there gives witnesses room.
struct pair_table {
  local_table l;  ///< the two parts' cells, and the unit over them (cell no_cell)
  std::vector<std::vector<std::uint32_t>> blocks;
  [[nodiscard]] cell_space space() const { return {l.sets, l.set_of, l.unit_of, blocks}; }
};

/// The pair table of parts `k` and `q`, or nullopt when a share published above them has no count
/// in one of them. `local` is left mapping the table's cells to the pair's, for the caller to clear.
inline std::optional<pair_table> pair_of(const certificate_inputs& in, std::uint32_t k, std::uint32_t q, std::vector<std::uint32_t>& local) {
  const sub_table &a = in.parts[k], &b = in.parts[q];
  sub_table both{a.units, a.blocks, a.depth};
  const auto shift = static_cast<std::uint32_t>(a.blocks.front().size());
  both.units.insert(both.units.end(), b.units.begin(), b.units.end());
  for (const auto& blocks : b.blocks) {
    both.blocks.emplace_back();
    for (auto c : blocks) both.blocks.back().push_back(c + shift);
  }
  const std::vector<std::uint8_t> known(in.value.size(), 0);
  pair_table t{local_of(both, in.space, in.ix, in.value, in.withheld, known, {}, in.counts, in.sums, local), both.blocks};
  std::map<std::uint32_t, std::pair<std::uint32_t, std::uint32_t>> tops;  // count set: (a's top cell, b's), local, + 1
  for (auto x : in.ix.cells_of_unit[a.units.front()]) tops[in.space.set_of[x]].first = local[x] + 1;
  for (auto x : in.ix.cells_of_unit[b.units.front()]) tops[in.space.set_of[x]].second = local[x] + 1;
  t.blocks.push_back(t.blocks.front());
  t.blocks.back().insert(t.blocks.back().end(), t.blocks[a.units.size()].begin(), t.blocks[a.units.size()].end());
  const auto over = static_cast<std::uint32_t>(both.units.size());
  std::vector<std::uint8_t> seen(in.space.sets.size(), 0);
  for (auto u = in.parent[a.units.front()]; u != no_unit; u = in.parent[u]) {
    for (auto x : in.ix.cells_of_unit[u]) {
      const auto s = in.space.set_of[x];
      if (!in.published[x] || seen[s]) continue;
      seen[s] = 1;
      const auto [ca, cb] = tops[s];
      if (!ca || !cb) {  // a share that cannot be named: no witness moves it
        for (auto c : t.l.cell) {
          if (c != no_cell) local[c] = no_cell;
        }
        return std::nullopt;
      }
      local_table& l = t.l;
      l.cell.push_back(no_cell), l.unit_of.push_back(over), l.set_of.push_back(l.set_of[ca - 1]);
      l.value.push_back(l.value[ca - 1] + l.value[cb - 1]), l.withheld.push_back(0), l.known.push_back(1), l.kept.push_back(0);
    }
  }
  return t;
}

/// The part beside part `k` (the same unit above them) that holds most of the same shares (withheld
/// in both, published above): the one most able to take a difference. no_unit when none holds any.
inline std::uint32_t partner_of(const certificate_inputs& in, std::uint32_t k) {
  const std::vector<std::uint32_t> mine = held_sets(in, k);
  std::uint32_t best = no_unit;
  std::size_t most = 0;
  for (std::uint32_t q = 0; q < in.parts.size(); ++q) {
    if (q == k || in.parent[in.parts[q].units.front()] != in.parent[in.parts[k].units.front()]) continue;
    const std::vector<std::uint32_t> theirs = held_sets(in, q);
    std::vector<std::uint32_t> shared;
    std::set_intersection(mine.begin(), mine.end(), theirs.begin(), theirs.end(), std::back_inserter(shared));
    if (shared.size() > most) best = q, most = shared.size();
  }
  return best;
}

/// Widens the counts of parts `k` and `q` in their pair table (pair_of: the two parts and a unit
/// over both that publishes their shares of what is published above them), so that a
/// witness moving both can be found: the cells it withholds are the two parts', never the unit
/// over them. Returns them (table cells); cells it finds determined stay withheld.
inline std::vector<std::uint32_t> widen_in_pair(const certificate_inputs& in, std::uint32_t k, std::uint32_t q, std::span<const std::uint8_t> fixed,
                                                const atom_protection_options& o, std::vector<std::uint32_t>& local, protection_report& r) {
  std::optional<pair_table> t = pair_of(in, k, q, local);
  if (!t) return {};
  std::vector<std::uint8_t> now = t->l.withheld, held = t->l.known;
  for (std::size_t i = 0; i < now.size(); ++i) {
    if (t->l.cell[i] != no_cell) local[t->l.cell[i]] = no_cell, held[i] = is_fixed(fixed, t->l.cell[i]);
  }
  protection_report lr;
  protect_over_atoms(t->space(), t->l.value, t->l.sums, t->l.counts, now, held, {}, o, lr);
  r.programmes += lr.programmes, r.rounds += lr.rounds;
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < now.size(); ++i) {
    if (now[i] && !t->l.withheld[i] && t->l.cell[i] != no_cell) out.push_back(t->l.cell[i]);
  }
  return out;
}

/// Certifies the table read in `parts` (part_certificate.hpp); where counts inside a part are not
/// certified, widens them in its pair with its partner and certifies again. (Widening in the part
/// alone, its held shares never withheld, certified nothing more in the tests' 200 small countries
/// and, for a count a held share bounds, tried cell after cell for minutes on four parts of 115
/// communes.) Returns the counts not certified.
inline std::size_t certify_and_widen(const cell_space& space, std::span<const double> value, const std::vector<sum_constraint>& sums,
                                     std::span<const protected_count> counts, std::vector<std::uint8_t>& withheld,
                                     std::span<const std::uint8_t> fixed, const std::vector<sub_table>& parts,
                                     const std::vector<std::uint32_t>& parent, const modular_options& o, const atom_limits& limits,
                                     protection_report& r) {
  std::vector<std::uint32_t> part_of_unit(space.communes.size(), no_unit);
  for (std::uint32_t k = 0; k < parts.size(); ++k) {
    for (auto u : parts[k].units) part_of_unit[u] = k;
  }
  std::vector<std::uint8_t> part_short(parts.size(), 0);
  const auto certify = [&] {
    const part_certificate c = certify_parts(space, value, sums, counts, withheld, fixed, parts, parent, o.atoms.upper, limits, o.threads, r.programmes);
    std::fill(part_short.begin(), part_short.end(), std::uint8_t{0});
    for (std::size_t i = 0; i < counts.size(); ++i) {
      const auto k = part_of_unit[space.unit_of[counts[i].plus]];
      if (!c.shown(i) && k != no_unit) part_short[k] = 1;
    }
    return c.not_shown();
  };
  const std::size_t first = certify();
  if (first == 0) return 0;
  const table_index ix(space, sums, counts, {});
  std::vector<std::uint8_t> published(value.size(), 0), known(value.size(), 0);
  for (std::size_t x = 0; x < value.size(); ++x) known[x] = is_fixed(fixed, x), published[x] = !withheld[x] || known[x];
  const certificate_inputs in{space, value, sums, counts, withheld, published, parts, parent, ix, o.atoms.upper, limits};
  atom_protection_options atoms = o.atoms;
  atoms.limits = limits;
  std::vector<std::uint32_t> local(value.size(), no_cell), changed;
  for (std::uint32_t k = 0; k < parts.size(); ++k) {  // one pair after another (a part may be in two): each reads the table as it stands
    const std::uint32_t q = part_short[k] ? partner_of(in, k) : no_unit;
    if (q == no_unit) continue;
    for (auto x : widen_in_pair(in, k, q, fixed, atoms, local, r)) {
      if (!withheld[x]) withheld[x] = 1, ++r.added, changed.push_back(x);
    }
  }
  if (changed.empty()) return first;
  r.added += complete_around(std::move(changed), ix, sums, value, withheld, known).size();
  return certify();
}

}  // namespace detail

/// After protect_in_sub_tables, for a table beyond the whole-table limit `part_limit`: reads its
/// largest parts within that limit whole, and the sub-tables above them (up to
/// `o.max_sub_table_unknowns`, as protect_in_sub_tables), each from the table as it stands and again
/// while a cell it holds changes elsewhere, sets the report's fields as protect_in_sub_tables does,
/// and `r.parts_read_whole`; with `certify`, certifies the table and widens where it cannot
/// (certify_and_widen), setting `r.certified` and `r.uncertified`. Returns false, changing nothing,
/// when the units are not a hierarchy or no part fits.
inline bool protect_in_parts(const cell_space& space, std::span<const double> value, const std::vector<sum_constraint>& sums,
                             std::span<const protected_count> counts, std::vector<std::uint8_t>& withheld, std::span<const std::uint8_t> fixed,
                             std::span<const std::uint8_t> kept, const modular_options& o, std::size_t part_limit, bool certify,
                             protection_report& r) {
  const auto parent = detail::unit_parents(space.communes);
  if (!parent) return false;
  atom_limits limits = o.atoms.limits;
  limits.max_unknowns = part_limit;
  const std::vector<detail::sub_table> parts = detail::largest_parts(space, value, sums, counts, withheld, *parent, limits);
  if (parts.empty()) return false;
  detail::read_pieces(space, value, sums, counts, withheld, fixed, kept, detail::parts_and_sub_tables_above(parts, space.communes, *parent), o,
                      r);
  limits.max_unknowns = std::max(part_limit, o.max_sub_table_unknowns);
  r.certified = certify;
  if (certify) r.uncertified = detail::certify_and_widen(space, value, sums, counts, withheld, fixed, parts, *parent, o, limits, r);
  r.parts_read_whole = parts.size();
  return true;
}

}  // namespace treem::indicators
