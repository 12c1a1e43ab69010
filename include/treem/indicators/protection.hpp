// The protection stage of suppression: not only must no withheld count be recoverable, but a reader
// who takes every published number, every relation between counts (sums and containment) and the
// fact that counts are never negative must still be left, for each count the primary rule protects,
// an interval that holds 0 and k + 1: the reader cannot tell the count from an empty one or from
// one large enough to publish. A user may ask for a wider interval, [0, upper] with upper > k + 1
// (protection_options::upper): the upper protection level of the method below.
//
// The method is the protection-level model of tau-Argus and sdcTable (Hundepool et al.,
// Statistical Disclosure Control, Wiley 2012, doi:10.1002/9781118348239: the attacker's problem and
// upper and lower protection levels; Fischetti and Salazar-Gonzalez, "Solving the cell suppression
// problem on tabular data with linear constraints", Management Science 47(7), 2001): for each protected count
// two linear programmes give the least and the most it can be; a count whose interval misses part
// of [0, upper] makes one more published cell next to it withheld, and the programmes are solved
// again. Withheld cells that the programmes find determined anyway, but for the counts of 1..k, are
// published: they tell a reader nothing new, and a row that hides a number anyone can work out
// promises what it does not keep.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <numeric>
#include <span>
#include <utility>
#include <vector>

#include "treem/indicators/linear_programme.hpp"
#include "treem/indicators/protection_report.hpp"
#include "treem/indicators/suppression.hpp"

namespace treem::indicators {

inline constexpr std::uint32_t no_cell = ~std::uint32_t{0};

/// A count the primary rule protects: cell `plus` of 1..k, or the complement of a proportion,
/// cell `plus` (its denominator) less cell `minus` (its numerator), of 1..k.
struct protected_count {
  std::uint32_t plus = 0;
  std::uint32_t minus = no_cell;
};

/// The cells whose rows contain a cell's rows (`outer`) and those whose rows it contains (`inner`),
/// within the same units: count(inner) <= count(cell) <= count(outer).
using containment_of = std::function<void(std::uint32_t cell, std::vector<std::uint32_t>& outer, std::vector<std::uint32_t>& inner)>;

struct protection_options {
  int upper = 5;  ///< every protected count's interval must hold [0, upper]: k + 1, or wider if asked
  int max_rounds = 64;
  std::size_t max_unknowns = 1500;  ///< larger groups of linked withheld cells are counted in `skipped`, not solved
};

namespace detail {

inline constexpr double lp_tolerance = 1e-6;
inline constexpr double count_cap = 1e9;  // no count reaches it; keeps every programme bounded

/// The published relations of the cells, indexed by cell.
struct cell_relations_index {
  std::span<const double> value;
  const std::vector<sum_constraint>& sums;
  const containment_of& containment;
  std::span<const std::uint8_t> fixed;              ///< cells readers know already (may be empty: none)
  std::vector<std::vector<std::uint32_t>> sums_of;  ///< per cell: the sums it is in

  cell_relations_index(std::span<const double> v, const std::vector<sum_constraint>& s, const containment_of& c, std::span<const std::uint8_t> f = {})
      : value(v), sums(s), containment(c), fixed(f), sums_of(v.size()) {
    for (std::uint32_t i = 0; i < s.size(); ++i) {
      sums_of[s[i].total].push_back(i);
      for (auto p : s[i].parts) sums_of[p].push_back(i);
    }
  }
  template <class F>
  void for_each_member(const sum_constraint& s, F f) const {
    f(static_cast<std::uint32_t>(s.total));
    for (auto p : s.parts) f(static_cast<std::uint32_t>(p));
  }
};

/// Groups of withheld cells linked by a sum, a containment or a protected count: each is one
/// programme. Groups without a protected count are returned too (the release of determined cells
/// reads every group).
struct cell_group {
  std::vector<std::uint32_t> cells;            ///< withheld cells, sorted
  std::vector<std::uint32_t> sums;             ///< sums with a withheld member
  std::vector<std::uint32_t> protected_counts;  ///< indices into the protected counts
};

class cell_union {
 public:
  explicit cell_union(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), std::uint32_t{0}); }
  std::uint32_t find(std::uint32_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void join(std::uint32_t a, std::uint32_t b) { parent_[find(a)] = find(b); }

 private:
  std::vector<std::uint32_t> parent_;
};

inline std::vector<cell_group> group_withheld(const cell_relations_index& rel, std::span<const std::uint8_t> withheld,
                                              std::span<const protected_count> counts) {
  cell_union u(withheld.size());
  std::vector<std::uint32_t> outer, inner;
  for (const auto& s : rel.sums) {
    std::uint32_t first = no_cell;
    rel.for_each_member(s, [&](std::uint32_t m) {
      if (!withheld[m]) return;
      if (first == no_cell) first = m;
      else u.join(m, first);
    });
  }
  for (std::uint32_t c = 0; c < withheld.size(); ++c) {
    if (!withheld[c]) continue;
    outer.clear(), inner.clear();
    rel.containment(c, outer, inner);
    for (auto o : outer) if (withheld[o]) u.join(o, c);
    for (auto i : inner) if (withheld[i]) u.join(i, c);
  }
  for (const auto& pc : counts) {
    if (pc.minus != no_cell && withheld[pc.minus] && withheld[pc.plus]) u.join(pc.minus, pc.plus);
  }
  std::vector<std::uint32_t> group_of(withheld.size(), no_cell);
  std::vector<cell_group> groups;
  const auto group = [&](std::uint32_t cell) -> cell_group& {
    const std::uint32_t root = u.find(cell);
    if (group_of[root] == no_cell) group_of[root] = static_cast<std::uint32_t>(groups.size()), groups.emplace_back();
    return groups[group_of[root]];
  };
  for (std::uint32_t c = 0; c < withheld.size(); ++c) if (withheld[c]) group(c).cells.push_back(c);
  for (std::uint32_t i = 0; i < rel.sums.size(); ++i) {
    std::uint32_t any = no_cell;
    rel.for_each_member(rel.sums[i], [&](std::uint32_t m) { if (withheld[m]) any = m; });
    if (any != no_cell) group(any).sums.push_back(i);
  }
  for (std::uint32_t i = 0; i < counts.size(); ++i) {
    group(withheld[counts[i].plus] ? counts[i].plus : counts[i].minus).protected_counts.push_back(i);
  }
  return groups;
}

/// The attacker's programme for one group: an unknown per withheld cell, published cells as numbers.
struct group_programme {
  linear_system system;
  std::vector<std::uint32_t> cells;  ///< unknown j is cells[j]

  std::uint32_t unknown(std::uint32_t cell) const {
    return static_cast<std::uint32_t>(std::lower_bound(cells.begin(), cells.end(), cell) - cells.begin());
  }
};

inline group_programme programme_of(const cell_relations_index& rel, std::span<const std::uint8_t> withheld, const cell_group& g) {
  group_programme p;
  p.cells = g.cells;
  std::vector<std::uint32_t> outer, inner;
  std::vector<std::pair<std::uint32_t, double>> terms;
  for (auto c : g.cells) {
    double lo = 0, hi = count_cap;
    outer.clear(), inner.clear();
    rel.containment(c, outer, inner);
    for (auto o : outer) {
      if (!withheld[o]) hi = std::min(hi, rel.value[o]);
    }
    for (auto i : inner) {
      if (!withheld[i]) lo = std::max(lo, rel.value[i]);
    }
    const std::uint32_t j = p.system.add_unknown(lo, hi);
    for (auto o : outer) {
      if (withheld[o] && o > c) terms = {{j, 1.0}, {p.unknown(o), -1.0}}, p.system.add_row(terms, -lp_infinity, 0);
    }
    for (auto i : inner) {
      if (withheld[i] && i > c) terms = {{p.unknown(i), 1.0}, {j, -1.0}}, p.system.add_row(terms, -lp_infinity, 0);
    }
  }
  for (auto si : g.sums) {
    const auto& s = rel.sums[si];
    terms.clear();
    double rhs = 0;
    if (withheld[s.total]) terms.emplace_back(p.unknown(static_cast<std::uint32_t>(s.total)), -1.0);
    else rhs += rel.value[s.total];
    for (auto part : s.parts) {
      if (withheld[part]) terms.emplace_back(p.unknown(static_cast<std::uint32_t>(part)), 1.0);
      else rhs -= rel.value[part];
    }
    p.system.add_row(terms, rhs, rhs);
  }
  return p;
}

/// A protected count as the programme sees it: terms over unknowns plus a published constant.
struct count_expression {
  std::vector<std::pair<std::uint32_t, double>> terms;
  double constant = 0;

  double at(const std::vector<double>& x) const {
    double v = constant;
    for (const auto& [j, a] : terms) v += a * x[j];
    return v;
  }
};

inline count_expression expression_of(const group_programme& p, std::span<const double> value, std::span<const std::uint8_t> withheld,
                                      const protected_count& pc) {
  count_expression e;
  const auto add = [&](std::uint32_t cell, double sign) {
    if (withheld[cell]) e.terms.emplace_back(p.unknown(cell), sign);
    else e.constant += sign * value[cell];
  };
  add(pc.plus, 1.0);
  if (pc.minus != no_cell) add(pc.minus, -1.0);
  return e;
}

/// Which of `exprs` reach `goal` (at least it when `up`, at most it otherwise) in some solution:
/// first with programmes over all the open ones at once (each solution settles many), then one by
/// one. `extreme[i]` is set to the best value found for those that do not, and `short_of(i, at)`
/// is told the solution at it (its duals say what holds the count there). Without `together`, one
/// by one from the start: for counts already known to be hard, where a sum of them costs more
/// iterations than every one alone (a province's star: 128 s against 56 s).
inline std::vector<std::uint8_t> reachable(linear_programme& lp, const std::vector<count_expression>& exprs, bool up, double goal,
                                           std::vector<double>& extreme, std::size_t& programmes,
                                           const std::function<void(std::uint32_t, const lp_solution&)>& short_of = {}, bool together = true) {
  std::vector<std::uint8_t> reached(exprs.size(), 0);
  const auto meets = [&](double v) { return up ? v >= goal - lp_tolerance : v <= goal + lp_tolerance; };
  std::vector<std::uint32_t> open(exprs.size());
  std::iota(open.begin(), open.end(), std::uint32_t{0});
  // Once the plain sum reaches no more, sums weighted at random (1..16) still find solutions that
  // reach some of eight or more (three in a row that reach none end them): one programme each,
  // where the one by one below takes one per count.
  std::uint64_t state = 0x7265616368;  // fixed: the same programmes, so the same table, on every run
  const auto go_on = [&](std::size_t stale, std::size_t weighted) {
    return stale < 3 && !open.empty() && (weighted == 0 || (open.size() >= 8 && weighted <= open.size()));
  };
  for (std::size_t stale = 0, weighted = 0; together && go_on(stale, weighted);) {
    std::vector<std::pair<std::uint32_t, double>> sum;
    for (auto i : open) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      const double w = stale == 0 && weighted == 0 ? 1.0 : static_cast<double>(1 + (state >> 60));
      for (const auto& [j, a] : exprs[i].terms) sum.emplace_back(j, w * a);
    }
    const lp_solution s = up ? lp.maximise(sum) : lp.minimise(sum);
    ++programmes;
    if (s.status != lp_status::optimal) break;
    const auto before = open.size();
    std::erase_if(open, [&](std::uint32_t i) { return meets(exprs[i].at(s.x)) ? (reached[i] = 1, true) : false; });
    const bool progress = open.size() < before;
    if (progress && weighted == 0) continue;  // the plain sum, while it reaches more
    weighted += 1, stale = progress ? 0 : stale + 1;
  }
  // One by one; each solution also settles the open ones it happens to reach.
  for (std::size_t n = 0; n < open.size(); ++n) {
    const std::uint32_t i = open[n];
    if (reached[i]) continue;
    const lp_solution s = up ? lp.maximise(exprs[i].terms) : lp.minimise(exprs[i].terms);
    ++programmes;
    extreme[i] = s.status == lp_status::optimal ? s.objective + exprs[i].constant : (up ? -lp_infinity : lp_infinity);
    reached[i] = meets(extreme[i]);
    if (s.status != lp_status::optimal) continue;
    if (!reached[i] && short_of) short_of(i, s);
    for (std::size_t m = n + 1; m < open.size(); ++m) {
      if (!reached[open[m]] && meets(exprs[open[m]].at(s.x))) reached[open[m]] = 1;
    }
  }
  return reached;
}

/// A protected count whose interval misses part of [0, upper], and by how much.
struct shortfall {
  std::uint32_t count = 0;  ///< index into the protected counts (or the expressions solved)
  double need = 0;          ///< how far the interval falls short of 0 or of the upper end
  bool up = true;           ///< short of the upper end (else its least is above 0)
};

/// The expressions whose interval over `lp` misses part of [0, upper]: the one test of the promise,
/// for the cell-level groups and the atom programme alike. `count` is the index into `exprs`.
inline std::vector<shortfall> interval_shortfalls(linear_programme& lp, const std::vector<count_expression>& exprs, int upper,
                                                  std::size_t& programmes) {
  std::vector<double> most(exprs.size()), least(exprs.size());
  const auto high = reachable(lp, exprs, true, upper, most, programmes);
  const auto low = reachable(lp, exprs, false, 0.0, least, programmes);
  std::vector<shortfall> out;
  for (std::uint32_t i = 0; i < exprs.size(); ++i) {
    if (!high[i]) out.push_back({i, upper - most[i], true});
    else if (!low[i]) out.push_back({i, least[i], false});
  }
  return out;
}

inline std::vector<shortfall> shortfalls(const cell_relations_index& rel, std::span<const std::uint8_t> withheld, const cell_group& g,
                                         std::span<const protected_count> counts, int upper, std::size_t& programmes) {
  const group_programme p = programme_of(rel, withheld, g);
  linear_programme lp(p.system);
  std::vector<count_expression> exprs;
  for (auto i : g.protected_counts) exprs.push_back(expression_of(p, rel.value, withheld, counts[i]));
  std::vector<shortfall> out = interval_shortfalls(lp, exprs, upper, programmes);
  for (auto& s : out) s.count = g.protected_counts[s.count];
  return out;
}

/// Whether withholding a published count `v` is a better way to cover a shortfall of `need` than
/// the best so far (`best`, lp_infinity for none): the smallest count of at least `need`, else the
/// largest.
[[nodiscard]] inline bool widens_better(double v, double best, double need) noexcept {
  if (best == lp_infinity) return true;
  const bool enough = v >= need - lp_tolerance, best_enough = best >= need - lp_tolerance;
  return (enough && (!best_enough || v < best)) || (!enough && !best_enough && v > best);
}

/// The published cell to withhold next for a protected count that falls `need` short: among its own
/// published cell (a complement's denominator) and the published cells next to it (in a sum or a
/// containment with it, or, failing that, with a withheld cell next to it, up to three steps away), the smallest count of at least `need`, else the
/// largest. Zeros widen nothing and are never chosen, nor are fixed cells (known to readers already).
inline std::uint32_t widening_cell(const cell_relations_index& rel, std::span<const std::uint8_t> withheld, const protected_count& pc,
                                   double need) {
  std::vector<std::uint32_t> frontier, seen, outer, inner, near;
  for (auto c : {pc.plus, pc.minus}) {
    if (c == no_cell) continue;
    seen.push_back(c);
    if (withheld[c]) frontier.push_back(c);
    else if (rel.value[c] > 0 && !is_fixed(rel.fixed, c)) near.push_back(c);  // a complement's published denominator
  }
  const auto visit = [&](std::uint32_t m, std::vector<std::uint32_t>& next) {
    if (std::find(seen.begin(), seen.end(), m) != seen.end()) return;
    seen.push_back(m);
    if (withheld[m]) next.push_back(m);
    else if (rel.value[m] > 0 && !is_fixed(rel.fixed, m)) near.push_back(m);
  };
  for (int step = 0; step < 3 && !frontier.empty(); ++step) {
    std::vector<std::uint32_t> next;
    for (auto c : frontier) {
      for (auto si : rel.sums_of[c]) rel.for_each_member(rel.sums[si], [&](std::uint32_t m) { visit(m, next); });
      outer.clear(), inner.clear();
      rel.containment(c, outer, inner);
      for (auto m : outer) visit(m, next);
      for (auto m : inner) visit(m, next);
    }
    if (!near.empty()) break;
    frontier = std::move(next);
  }
  std::uint32_t best = no_cell;
  for (auto m : near) {
    if (widens_better(rel.value[m], best == no_cell ? lp_infinity : rel.value[best], need)) best = m;
  }
  return best;
}

/// Withheld cells of group `g` whose count the programme determines, but for the counts of 1..k
/// themselves: publishing a determined count changes no interval, since every solution already
/// has it. (A complement's numerator is one of them when its denominator alone keeps the
/// complement's interval wide.)
inline std::vector<std::uint32_t> determined_cells(const cell_relations_index& rel, std::span<const std::uint8_t> withheld, const cell_group& g,
                                                   std::span<const protected_count> counts, std::size_t& programmes) {
  std::vector<std::uint8_t> protects(g.cells.size(), 0);
  const group_programme p = programme_of(rel, withheld, g);
  for (auto i : g.protected_counts) {
    if (counts[i].minus == no_cell && withheld[counts[i].plus]) protects[p.unknown(counts[i].plus)] = 1;
  }
  std::vector<std::pair<std::uint32_t, double>> all;
  for (std::uint32_t j = 0; j < g.cells.size(); ++j) {
    if (!protects[j]) all.emplace_back(j, 1.0);
  }
  if (all.empty()) return {};
  linear_programme lp(p.system);
  const lp_solution most = lp.maximise(all), least = lp.minimise(all);
  programmes += 2;
  if (most.status != lp_status::optimal || least.status != lp_status::optimal) return {};
  std::vector<std::uint32_t> out;
  for (const auto& [j, one] : all) {
    if (std::abs(most.x[j] - least.x[j]) > lp_tolerance) continue;  // two solutions differ: not determined
    const std::pair<std::uint32_t, double> term{j, 1.0};
    const lp_solution hi = lp.maximise({&term, 1}), lo = lp.minimise({&term, 1});
    programmes += 2;
    if (hi.status == lp_status::optimal && lo.status == lp_status::optimal && hi.objective - lo.objective <= lp_tolerance) out.push_back(g.cells[j]);
  }
  return out;
}

}  // namespace detail

namespace detail {

/// The cells to withhold in one round of protection: for each protected count of each group not
/// settled yet, the cell that widens it. Groups found sound, or with nothing left to widen, are
/// settled (`settled` per cell; their shortfalls kept in `stuck` by the group's first cell) until a
/// new withheld cell joins them.
inline std::vector<std::uint32_t> protection_round(const cell_relations_index& rel, std::span<const std::uint8_t> withheld,
                                                   std::span<const protected_count> counts, const protection_options& o,
                                                   std::vector<std::uint8_t>& settled, std::map<std::uint32_t, std::size_t>& stuck,
                                                   protection_report& r) {
  std::vector<std::uint32_t> widen;
  r.skipped = 0;
  for (const auto& g : group_withheld(rel, withheld, counts)) {
    if (g.protected_counts.empty()) continue;
    if (g.cells.size() > o.max_unknowns) {
      r.skipped += g.cells.size();
      continue;
    }
    if (std::all_of(g.cells.begin(), g.cells.end(), [&](std::uint32_t c) { return settled[c] != 0; })) continue;
    for (auto c : g.cells) stuck.erase(c);
    const std::size_t before = widen.size();
    std::size_t short_counts = 0;
    for (const auto& s : shortfalls(rel, withheld, g, counts, o.upper, r.programmes)) {
      ++short_counts;
      const std::uint32_t c = widening_cell(rel, withheld, counts[s.count], s.need);
      if (c != no_cell) widen.push_back(c);
    }
    if (widen.size() == before) {
      for (auto c : g.cells) settled[c] = 1;
      if (short_counts) stuck[g.cells.front()] = short_counts;
    }
  }
  return widen;
}

}  // namespace detail

/// Widens what suppression withholds (`withheld`, one flag per cell, completed against exact
/// recovery already) until every protected count's interval holds [0, o.upper], then publishes the
/// withheld cells that turn out determined (but for the counts of 1..k). `sums` and `containment`
/// are every relation between cells a reader can form; `value` the true counts; `fixed` flags the
/// cells readers know already (published by an earlier run: never withheld; may be empty).
inline protection_report protect_counts(std::span<const double> value, const std::vector<sum_constraint>& sums,
                                        const containment_of& containment, std::span<const protected_count> counts,
                                        std::vector<std::uint8_t>& withheld, const protection_options& o = {},
                                        std::span<const std::uint8_t> fixed = {}) {
  const detail::cell_relations_index rel(value, sums, containment, fixed);
  protection_report r;
  std::vector<std::uint8_t> settled(value.size(), 0);
  std::map<std::uint32_t, std::size_t> stuck;
  while (r.rounds < static_cast<std::size_t>(o.max_rounds)) {
    ++r.rounds;
    const std::vector<std::uint32_t> widen = detail::protection_round(rel, withheld, counts, o, settled, stuck, r);
    if (widen.empty()) break;
    const auto before = std::count(withheld.begin(), withheld.end(), std::uint8_t{1});
    for (auto c : widen) withheld[c] = 1;
    detail::complete_sums(sums, value, withheld, fixed);  // a cell added here is never alone in a sum
    r.added += static_cast<std::size_t>(std::count(withheld.begin(), withheld.end(), std::uint8_t{1}) - before);
  }
  r.unprotected = 0;
  if (r.rounds == static_cast<std::size_t>(o.max_rounds)) {  // out of rounds: what the last one added is judged, not widened
    r.unprotected += detail::protection_round(rel, withheld, counts, o, settled, stuck, r).size();
  }
  for (const auto& [cell, n] : stuck) r.unprotected += n;
  for (const auto& g : detail::group_withheld(rel, withheld, counts)) {
    if (g.cells.size() > o.max_unknowns) continue;
    for (auto c : detail::determined_cells(rel, withheld, g, counts, r.programmes)) withheld[c] = 0, ++r.released;
  }
  return r;
}

}  // namespace treem::indicators
