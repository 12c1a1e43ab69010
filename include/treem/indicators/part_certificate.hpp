// What a table read in parts (whole_parts.hpp) can show against a reader of the whole table, who
// combines every part with the sub-tables above them: a certificate per protected count, made of
// whole tables, not of bounds. It is asked for (suppression_options::certify): on a province's
// programme it costs more than reading the part did.
//
// A reader of the whole table cannot tell the published table from any other table of every
// commune that publishes the same numbers. So a count keeps [0, upper] against that reader if one
// such table gives it at most 0 and another at least `upper`: a witness for each end (the
// protection-level model of Hundepool et al., Statistical Disclosure Control, Wiley 2012, asks no
// more). Witnesses are built from the parts' programmes, where they fit:
// - a count inside a part P (a province with its districts and communes): P's atom programme with
//   P's share of every count published above it held (P's own count of that set treated as
//   published). Any solution, with every other commune as it truly is, is a whole table that
//   publishes the same numbers: inside P by P's rows, elsewhere unchanged, and above P because P's
//   share of each published count is what it was;
// - a count above the parts (the nation's): each part under it moves its share of the count within
//   that programme, independently of the others (each keeps every published count above it), and
//   the count's least and most are the sums of the parts' least and most shares;
// - a part's own count of a set whose count above it is published (its share itself): moving it
//   moves the count above, unless parts beside it (the same unit above them) take the difference,
//   each within its programme freed of that one share (a transfer);
// - any count inside two parts beside each other, read as one table with one more unit over both
//   that publishes their summed shares of what is published above them (a pair): both may then
//   move their shares of several sets at once, each taking the other's difference.
// A count no witness reaches (its programmes give a narrower interval, or it lies under no part) is
// not certified: that is not a finding that a reader narrows it, only that the certificate cannot
// say. In a country of two provinces the pair is the whole table, and the certificate exact.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "treem/core/parallel_chunks.hpp"
#include "treem/indicators/modular_protection.hpp"

namespace treem::indicators {

namespace detail {

/// A part read whole, as the certificate reads it: its sub-table and its cells as a local table.
struct certified_part {
  const sub_table* t = nullptr;
  local_table l;
  /// Per local cell: a withheld count of the top unit whose set is published above the part (the
  /// part's share of that count, which a witness keeps): the programme publishes it.
  std::vector<std::uint8_t> pinned;
  bool pinnable = true;              ///< false when a set published above the part has no count of the part's own
};

/// Part `t` as a local table, its pins marked (`published`: per table cell, a number readers have);
/// `local` is left mapping the table's cells to the part's, for the caller to clear.
inline certified_part certified_part_of(const sub_table& t, const std::vector<std::uint32_t>& parent, const cell_space& space, const table_index& ix,
                                        std::span<const double> value, const std::vector<std::uint8_t>& withheld,
                                        const std::vector<std::uint8_t>& published, std::span<const protected_count> counts,
                                        const std::vector<sum_constraint>& sums, std::vector<std::uint32_t>& local) {
  certified_part p{&t, {}, {}, true};
  const std::vector<std::uint8_t> known(value.size(), 0);
  p.l = local_of(t, space, ix, value, withheld, known, {}, counts, sums, local);
  p.pinned.assign(p.l.cell.size(), 0);
  std::map<std::uint32_t, std::uint32_t> own;  // the top unit's cells, by count set
  for (auto x : ix.cells_of_unit[t.units.front()]) own.emplace(space.set_of[x], local[x]);
  for (auto a = parent[t.units.front()]; a != no_unit; a = parent[a]) {
    for (auto x : ix.cells_of_unit[a]) {
      if (!published[x]) continue;
      const auto it = own.find(space.set_of[x]);
      if (it == own.end()) p.pinnable = false;
      else p.pinned[it->second] = p.l.withheld[it->second];
    }
  }
  return p;  // `local` still maps the part's cells: the caller clears it
}

/// The atom programme of part `p` with its pins published, but for local cell `free` (no_cell: none).
inline std::optional<atom_programme> pinned_programme(const certified_part& p, std::uint32_t free, const atom_limits& limits) {
  std::vector<std::uint8_t> withheld = p.l.withheld;
  for (std::size_t i = 0; i < withheld.size(); ++i) {
    if (p.pinned[i] && i != free) withheld[i] = 0;
  }
  return build_atom_programme({p.l.sets, p.l.set_of, p.l.unit_of, p.t->blocks}, p.l.value, withheld, limits);
}

/// The least and the most of `terms` over `lp` (NaN when the solver gives no optimum).
inline std::pair<double, double> least_and_most(linear_programme& lp, std::span<const std::pair<std::uint32_t, double>> terms,
                                                std::size_t& programmes) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (terms.empty()) return {0.0, 0.0};
  programmes += 2;
  const lp_solution lo = lp.minimise(terms), hi = lp.maximise(terms);
  return {lo.status == lp_status::optimal ? lo.objective : nan, hi.status == lp_status::optimal ? hi.objective : nan};
}

/// What one part's programme shows: how far each count inside it reaches (toward 0, toward the
/// upper end), which counts of a held share move only with it (through the part's cell of that
/// share), the part's held cells (table cells: the shares transfers may move), and its share's least
/// and most change in each count above it.
struct part_findings {
  std::vector<std::pair<std::uint32_t, std::pair<bool, bool>>> inside;     ///< (protected count, (reaches 0, reaches upper))
  std::vector<std::pair<std::uint32_t, std::uint32_t>> through;            ///< (protected count, the held cell it is)
  std::vector<std::uint32_t> held;                                         ///< table cells: withheld counts of held shares
  std::vector<std::pair<std::uint32_t, std::pair<double, double>>> above;  ///< (protected count, change of the share)
};

/// The cells of `p`'s top unit of the count sets of cells `plus` and `minus` (table cells), as local
/// cells (no_cell where the top has none).
inline std::pair<std::uint32_t, std::uint32_t> top_cells_of(const certified_part& p, const cell_space& space, std::uint32_t plus,
                                                            std::uint32_t minus) {
  std::pair<std::uint32_t, std::uint32_t> out{no_cell, no_cell};
  for (std::uint32_t i = 0; i < p.l.cell.size() && p.l.unit_of[i] == 0; ++i) {
    if (space.set_of[p.l.cell[i]] == space.set_of[plus]) out.first = i;
    if (minus != no_cell && space.set_of[p.l.cell[i]] == space.set_of[minus]) out.second = i;
  }
  return out;
}

/// Counts `which` as expressions over `ap` (their cells mapped by `local`), and whether each is
/// wholly in the part.
inline std::vector<count_expression> expressions_of(const atom_programme& ap, std::span<const protected_count> counts,
                                                    std::span<const std::uint32_t> which, const std::vector<std::uint32_t>& local) {
  std::vector<count_expression> out;
  for (auto i : which) out.push_back({ap.terms(local[counts[i].plus], counts[i].minus == no_cell ? no_cell : local[counts[i].minus]), 0});
  return out;
}

/// Whether each expression reaches 0 and reaches `upper` over `lp`.
inline std::vector<std::pair<bool, bool>> reaches(linear_programme& lp, const std::vector<count_expression>& exprs, int upper,
                                                  std::size_t& programmes) {
  std::vector<double> most(exprs.size()), least(exprs.size());
  const auto high = reachable(lp, exprs, true, upper, most, programmes);
  const auto low = reachable(lp, exprs, false, 0.0, least, programmes);
  std::vector<std::pair<bool, bool>> out;
  for (std::size_t i = 0; i < exprs.size(); ++i) out.emplace_back(low[i] != 0, high[i] != 0);
  return out;
}

/// Reads part `t` (see the top of this file) for the protected counts `inside` it (indices into
/// `counts`) and those `above` it. `local` is the caller's scratch, left all no_cell.
inline part_findings read_certified_part(const sub_table& t, const std::vector<std::uint32_t>& parent, const cell_space& space,
                                         const table_index& ix, std::span<const double> value, const std::vector<std::uint8_t>& withheld,
                                         const std::vector<std::uint8_t>& published, std::span<const protected_count> counts,
                                         const std::vector<sum_constraint>& sums, std::span<const std::uint32_t> inside,
                                         std::span<const std::uint32_t> above, int upper, const atom_limits& limits,
                                         std::vector<std::uint32_t>& local, std::size_t& programmes) {
  part_findings f;
  const certified_part p = certified_part_of(t, parent, space, ix, value, withheld, published, counts, sums, local);
  std::optional<atom_programme> ap;
  if (p.pinnable) ap = pinned_programme(p, no_cell, limits);
  for (std::uint32_t i = 0; i < p.pinned.size(); ++i) {
    if (p.pinned[i]) f.held.push_back(p.l.cell[i]);
  }
  std::vector<std::uint32_t> solved;
  for (auto i : inside) {
    const protected_count& pc = counts[i];
    const std::uint32_t plus = local[pc.plus], minus = pc.minus == no_cell ? no_cell : local[pc.minus];
    const bool whole = plus != no_cell && (pc.minus == no_cell || minus != no_cell);
    const int pins = whole ? p.pinned[plus] + (minus == no_cell ? 0 : p.pinned[minus]) : 0;
    if (!ap || !whole || pins > 1) f.inside.push_back({i, {false, false}}), f.through.emplace_back(i, no_cell);  // through none
    else if (pins == 1) f.inside.push_back({i, {false, false}}), f.through.emplace_back(i, p.l.cell[p.pinned[plus] ? plus : minus]);
    else solved.push_back(i);
  }
  std::vector<count_expression> exprs;
  if (ap) exprs = expressions_of(*ap, counts, solved, local);
  for (auto x : p.l.cell) local[x] = no_cell;
  if (!ap) return f;
  linear_programme lp(ap->system);
  const auto reached = reaches(lp, exprs, upper, programmes);
  for (std::size_t j = 0; j < solved.size(); ++j) f.inside.push_back({solved[j], reached[j]});
  for (auto i : above) {
    const auto [plus, minus] = top_cells_of(p, space, counts[i].plus, counts[i].minus);
    if (plus == no_cell || (counts[i].minus != no_cell && minus == no_cell)) continue;  // its share stays as it is
    const double v = p.l.value[plus] - (minus == no_cell ? 0.0 : p.l.value[minus]);
    const auto [lo, hi] = least_and_most(lp, ap->terms(plus, minus), programmes);
    if (!std::isnan(lo) && !std::isnan(hi)) f.above.emplace_back(i, std::pair{lo - v, hi - v});
  }
  return f;
}

/// How far part `t`'s count of the set of table cell `x`, at its top, can move with that one pin
/// freed (every other pin held): (0, 0) when it is published, or the part has none or no pins.
inline std::pair<double, double> freed_range(const sub_table& t, std::uint32_t x, const std::vector<std::uint32_t>& parent, const cell_space& space,
                                             const table_index& ix, std::span<const double> value, const std::vector<std::uint8_t>& withheld,
                                             const std::vector<std::uint8_t>& published, std::span<const protected_count> counts,
                                             const std::vector<sum_constraint>& sums, const atom_limits& limits, std::vector<std::uint32_t>& local,
                                             std::size_t& programmes) {
  const certified_part p = certified_part_of(t, parent, space, ix, value, withheld, published, counts, sums, local);
  for (auto c : p.l.cell) local[c] = no_cell;
  const std::uint32_t own = top_cells_of(p, space, x, no_cell).first;
  if (!p.pinnable || own == no_cell || !p.pinned[own]) return {0.0, 0.0};
  const auto ap = pinned_programme(p, own, limits);
  if (!ap) return {0.0, 0.0};
  linear_programme lp(ap->system);
  const auto [lo, hi] = least_and_most(lp, ap->terms(own, no_cell), programmes);
  if (std::isnan(lo) || std::isnan(hi)) return {0.0, 0.0};
  return {lo - p.l.value[own], hi - p.l.value[own]};
}

/// How far protected counts `which`, inside part `t`, reach when the part's held cell `x` (a table
/// cell at its top) moves by what the parts beside it take (`beside`: the sum of their ranges),
/// every other pin held: a transfer between parts, which leaves every count above them as it is.
inline std::vector<std::pair<bool, bool>> transfer_reaches(const sub_table& t, std::uint32_t x, std::pair<double, double> beside,
                                                           std::span<const std::uint32_t> which, const std::vector<std::uint32_t>& parent,
                                                           const cell_space& space, const table_index& ix, std::span<const double> value,
                                                           const std::vector<std::uint8_t>& withheld, const std::vector<std::uint8_t>& published,
                                                           std::span<const protected_count> counts, const std::vector<sum_constraint>& sums,
                                                           int upper, const atom_limits& limits, std::vector<std::uint32_t>& local,
                                                           std::size_t& programmes) {
  const certified_part p = certified_part_of(t, parent, space, ix, value, withheld, published, counts, sums, local);
  const std::uint32_t moved = local[x];
  auto ap = pinned_programme(p, moved, limits);
  std::vector<count_expression> exprs;
  if (ap) exprs = expressions_of(*ap, counts, which, local);
  for (auto c : p.l.cell) local[c] = no_cell;
  if (!p.pinnable || !ap) return std::vector<std::pair<bool, bool>>(which.size(), {false, false});
  // The parts beside take -d for this part's +d: d within [-the most they take, -the least].
  ap->system.add_row(ap->terms(moved, no_cell), p.l.value[moved] - beside.second, p.l.value[moved] - beside.first);
  linear_programme lp(ap->system);
  return reaches(lp, exprs, upper, programmes);
}

}  // namespace detail

/// What the certificate found: per protected count, whether it reaches 0 and the upper end.
struct part_certificate {
  std::vector<std::uint8_t> low, high;
  [[nodiscard]] bool shown(std::size_t i) const { return low[i] && high[i]; }
  [[nodiscard]] std::size_t not_shown() const {
    std::size_t n = 0;
    for (std::size_t i = 0; i < low.size(); ++i) n += !shown(i);
    return n;
  }
};

namespace detail {

/// The inputs every step of the certificate reads.
struct certificate_inputs {
  const cell_space& space;
  std::span<const double> value;
  const std::vector<sum_constraint>& sums;
  std::span<const protected_count> counts;
  const std::vector<std::uint8_t>& withheld;
  const std::vector<std::uint8_t>& published;
  const std::vector<sub_table>& parts;
  const std::vector<std::uint32_t>& parent;
  const table_index& ix;
  int upper;
  const atom_limits& limits;
};

/// The transfers (see the top of this file) for the counts of part `k` not yet shown that are held
/// cells themselves (a part's share of a count published above it), each through its own cell. (A
/// count inside the part that a held share bounds is left to pairs: trying each held cell for each
/// such count took minutes per province, for few counts shown.)
inline void certify_by_transfers(const certificate_inputs& in, std::uint32_t k, const part_findings& f, part_certificate& c,
                                 std::map<std::pair<std::uint32_t, std::uint32_t>, std::pair<double, double>>& freed,
                                 std::vector<std::uint32_t>& local, std::size_t& programmes) {
  std::map<std::uint32_t, std::uint32_t> only_through(f.through.begin(), f.through.end());
  const std::uint32_t top = in.parts[k].units.front();
  for (auto x : f.held) {
    std::vector<std::uint32_t> which;
    for (const auto& [i, reached] : f.inside) {
      const auto it = only_through.find(i);
      if (!c.shown(i) && it != only_through.end() && it->second == x) which.push_back(i);
    }
    if (which.empty()) continue;
    std::pair<double, double> beside{0.0, 0.0};
    for (std::uint32_t q = 0; q < in.parts.size(); ++q) {
      if (q == k || in.parent[in.parts[q].units.front()] != in.parent[top]) continue;
      auto it = freed.find({q, in.space.set_of[x]});
      if (it == freed.end()) {
        const auto range = freed_range(in.parts[q], x, in.parent, in.space, in.ix, in.value, in.withheld, in.published, in.counts, in.sums,
                                       in.limits, local, programmes);
        it = freed.emplace(std::pair{q, in.space.set_of[x]}, range).first;
      }
      beside.first += it->second.first, beside.second += it->second.second;
    }
    if (beside.first == 0 && beside.second == 0) continue;  // nothing beside can take a difference
    const auto reached = transfer_reaches(in.parts[k], x, beside, which, in.parent, in.space, in.ix, in.value, in.withheld, in.published,
                                          in.counts, in.sums, in.upper, in.limits, local, programmes);
    for (std::size_t j = 0; j < which.size(); ++j) c.low[which[j]] |= reached[j].first, c.high[which[j]] |= reached[j].second;
  }
}

/// Parts `k` and `q` (beside each other: the same unit above them) as one table with one more unit
/// over both that publishes, for every count set published above them, the sum of their two
/// counts (its cells come last, with no cell of the table): a witness may then move both parts'
/// counts of several sets at once, each taking the other's difference, which leaves every count
/// above them as it is.
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

/// A count above parts `k` and `q` as their pair moves it: its number, less each part's share as
/// published, plus each share as the pair's cells (local: `local` maps the table's cells). A part
/// with no count of the set keeps its share (every other part does too).
inline void add_shares(const certificate_inputs& in, std::uint32_t part, const protected_count& pc, const std::vector<std::uint32_t>& local,
                       std::vector<std::pair<std::uint32_t, double>>& cells, double& constant) {
  std::uint32_t plus = no_cell, minus = no_cell;
  for (auto x : in.ix.cells_of_unit[in.parts[part].units.front()]) {
    if (in.space.set_of[x] == in.space.set_of[pc.plus]) plus = x;
    if (pc.minus != no_cell && in.space.set_of[x] == in.space.set_of[pc.minus]) minus = x;
  }
  if (plus == no_cell || (pc.minus != no_cell && minus == no_cell)) return;
  constant -= in.value[plus] - (minus == no_cell ? 0.0 : in.value[minus]);
  cells.emplace_back(local[plus], 1.0);
  if (minus != no_cell) cells.emplace_back(local[minus], -1.0);
}

/// How far counts `which` (inside parts `k` or `q`, or above both) reach in their pair table;
/// (false, false) for all when it cannot be built or is beyond `limits`.
inline std::vector<std::pair<bool, bool>> pair_reaches(const certificate_inputs& in, std::uint32_t k, std::uint32_t q,
                                                       std::span<const std::uint32_t> which, std::vector<std::uint32_t>& local,
                                                       std::size_t& programmes) {
  std::vector<std::pair<bool, bool>> out(which.size(), {false, false});
  const std::optional<pair_table> t = pair_of(in, k, q, local);
  if (!t) return out;
  // Per count: its cells in the pair (local, with signs) and what stays as published.
  std::vector<std::pair<std::vector<std::pair<std::uint32_t, double>>, double>> shape(which.size());
  for (std::size_t j = 0; j < which.size(); ++j) {
    const protected_count& pc = in.counts[which[j]];
    auto& [cells, constant] = shape[j];
    if (local[pc.plus] != no_cell) {  // inside the pair
      cells.emplace_back(local[pc.plus], 1.0);
      if (pc.minus != no_cell) cells.emplace_back(local[pc.minus], -1.0);
      continue;
    }
    constant = in.value[pc.plus] - (pc.minus == no_cell ? 0.0 : in.value[pc.minus]);
    add_shares(in, k, pc, local, cells, constant);
    add_shares(in, q, pc, local, cells, constant);
  }
  for (auto x : t->l.cell) {
    if (x != no_cell) local[x] = no_cell;
  }
  const auto ap = build_atom_programme(t->space(), t->l.value, t->l.withheld, in.limits);
  if (!ap) return out;
  std::vector<count_expression> exprs;
  std::vector<std::size_t> solved;
  for (std::size_t j = 0; j < which.size(); ++j) {
    const auto& [cells, constant] = shape[j];
    if (std::any_of(cells.begin(), cells.end(), [](const auto& c) { return c.first == no_cell; })) continue;
    std::map<std::uint32_t, double> terms;
    for (const auto& [cell, sign] : cells) {
      for (auto u : ap->columns_of[cell]) terms[u] += sign;
    }
    count_expression e{{}, constant};
    for (const auto& [u, a] : terms) {
      if (a != 0) e.terms.emplace_back(u, a);
    }
    solved.push_back(j), exprs.push_back(std::move(e));
  }
  linear_programme lp(ap->system);
  const auto reached = reaches(lp, exprs, in.upper, programmes);
  for (std::size_t e = 0; e < solved.size(); ++e) out[solved[e]] = reached[e];
  return out;
}

/// The part beside part `k` (the same unit above them) that holds most of the same shares (withheld
/// in both, published above): the one most able to take a difference. no_unit when none holds any.
inline std::uint32_t partner_of(const certificate_inputs& in, std::uint32_t k) {
  const auto held_sets = [&](std::uint32_t part) {
    std::vector<std::uint32_t> out;
    const std::uint32_t top = in.parts[part].units.front();
    std::vector<std::uint8_t> above(in.space.sets.size(), 0);
    for (auto u = in.parent[top]; u != no_unit; u = in.parent[u]) {
      for (auto x : in.ix.cells_of_unit[u]) above[in.space.set_of[x]] |= in.published[x];
    }
    for (auto x : in.ix.cells_of_unit[top]) {
      if (!in.published[x] && above[in.space.set_of[x]]) out.push_back(in.space.set_of[x]);
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  const std::vector<std::uint32_t> mine = held_sets(k);
  std::uint32_t best = no_unit;
  std::size_t most = 0;
  for (std::uint32_t q = 0; q < in.parts.size(); ++q) {
    if (q == k || in.parent[in.parts[q].units.front()] != in.parent[in.parts[k].units.front()]) continue;
    const std::vector<std::uint32_t> theirs = held_sets(q);
    std::vector<std::uint32_t> shared;
    std::set_intersection(mine.begin(), mine.end(), theirs.begin(), theirs.end(), std::back_inserter(shared));
    if (shared.size() > most) best = q, most = shared.size();
  }
  return best;
}

/// Pairs (see pair_of) for the counts inside part `k` not yet shown and those above it, with its partner.
inline void certify_by_pairs(const certificate_inputs& in, std::uint32_t k, const std::vector<std::vector<std::uint32_t>>& inside,
                             const std::vector<std::vector<std::uint32_t>>& above, part_certificate& c, std::vector<std::uint32_t>& local,
                             std::size_t& programmes) {
  const auto open = [&](std::uint32_t part, std::vector<std::uint32_t>& out) {
    for (auto i : inside[part]) {
      if (!c.shown(i)) out.push_back(i);
    }
  };
  std::vector<std::uint32_t> which;
  open(k, which);
  for (auto i : above[k]) {  // above both: k's parent, which is q's, and up
    if (!c.shown(i)) which.push_back(i);
  }
  if (which.empty()) return;
  const std::uint32_t q = partner_of(in, k);
  if (q == no_unit) return;
  open(q, which);
  const auto reached = pair_reaches(in, k, q, which, local, programmes);
  for (std::size_t j = 0; j < which.size(); ++j) c.low[which[j]] |= reached[j].first, c.high[which[j]] |= reached[j].second;
}

}  // namespace detail

/// The certificate of a table read in `parts` (see the top of this file), after they were read:
/// per protected count, whether witnesses show it reaches 0 and the upper end against a reader of
/// the whole table. Parts are read side by side on `threads` threads (the same verdicts at any
/// number).
inline part_certificate certify_parts(const cell_space& space, std::span<const double> value, const std::vector<sum_constraint>& sums,
                                      std::span<const protected_count> counts, const std::vector<std::uint8_t>& withheld,
                                      std::span<const std::uint8_t> fixed, const std::vector<detail::sub_table>& parts,
                                      const std::vector<std::uint32_t>& parent, int upper, const atom_limits& limits, std::size_t threads,
                                      std::size_t& programmes) {
  using detail::no_unit;
  const detail::table_index ix(space, sums, counts, {});
  std::vector<std::uint8_t> published(value.size(), 0);
  for (std::size_t x = 0; x < value.size(); ++x) published[x] = !withheld[x] || detail::is_fixed(fixed, x);
  const detail::certificate_inputs in{space, value, sums, counts, withheld, published, parts, parent, ix, upper, limits};
  std::vector<std::uint32_t> part_of_unit(space.communes.size(), no_unit);
  std::vector<std::vector<std::uint32_t>> parts_under(space.communes.size());
  for (std::uint32_t k = 0; k < parts.size(); ++k) {
    for (auto u : parts[k].units) part_of_unit[u] = k;
    for (auto a = parent[parts[k].units.front()]; a != no_unit; a = parent[a]) parts_under[a].push_back(k);
  }
  std::vector<std::vector<std::uint32_t>> inside(parts.size()), above(parts.size());
  for (std::uint32_t i = 0; i < counts.size(); ++i) {
    const auto u = space.unit_of[counts[i].plus];
    if (part_of_unit[u] != no_unit) inside[part_of_unit[u]].push_back(i);
    for (auto k : parts_under[u]) above[k].push_back(i);
  }
  std::vector<detail::part_findings> found(parts.size());
  std::vector<std::size_t> solved(parts.size(), 0);
  std::vector<std::vector<std::uint32_t>> scratch(std::max<std::size_t>(1, threads));
  parallel_tasks(threads, parts.size(), [&](std::size_t w, std::size_t k) {
    if (scratch[w].empty()) scratch[w].assign(value.size(), no_cell);
    found[k] = detail::read_certified_part(parts[k], parent, space, ix, value, withheld, published, counts, sums, inside[k], above[k], upper,
                                           limits, scratch[w], solved[k]);
  });
  part_certificate c{std::vector<std::uint8_t>(counts.size(), 0), std::vector<std::uint8_t>(counts.size(), 0)};
  std::vector<std::pair<double, double>> change(counts.size(), {0.0, 0.0});
  for (std::size_t k = 0; k < parts.size(); ++k) {  // in order of parts: the same sums at any number of threads
    programmes += solved[k];
    for (const auto& [i, reached] : found[k].inside) c.low[i] = reached.first, c.high[i] = reached.second;
    for (const auto& [i, d] : found[k].above) change[i].first += d.first, change[i].second += d.second;
  }
  for (std::uint32_t i = 0; i < counts.size(); ++i) {
    const auto u = space.unit_of[counts[i].plus];
    if (part_of_unit[u] != no_unit || parts_under[u].empty()) continue;
    const double v = value[counts[i].plus] - (counts[i].minus == no_cell ? 0.0 : value[counts[i].minus]);
    c.low[i] = v + change[i].first <= detail::lp_tolerance, c.high[i] = v + change[i].second >= upper - detail::lp_tolerance;
  }
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::pair<double, double>> freed;  // (part, count set): how far its held cell moves
  if (scratch.front().empty()) scratch.front().assign(value.size(), no_cell);
  for (std::uint32_t k = 0; k < parts.size(); ++k) detail::certify_by_transfers(in, k, found[k], c, freed, scratch.front(), programmes);
  for (std::uint32_t k = 0; k < parts.size(); ++k) detail::certify_by_pairs(in, k, inside, above, c, scratch.front(), programmes);
  return c;
}

}  // namespace treem::indicators
