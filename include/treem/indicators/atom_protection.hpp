// The last stage of protection: the table, as the cell-level stage (protection.hpp) left it, read
// by the strongest reader, the atom programme (atom_programme.hpp). The cell-level stage does most
// of the widening, cheaply and group by group; what it cannot see (a count bounded through a union
// of counts, or through published zeros) this stage finds, and widens: for a protected count whose
// interval misses part of [0, upper] (k + 1 unless asked wider), the published cells that hold the bound where it is are the
// rows of the programme whose dual value is not 0 at the optimum (Fischetti and Salazar-Gonzalez,
// Management Science 47(7), 2001: the attacker's subproblem and its dual), and one of them is
// withheld. Then withheld cells the atom programme determines, but for the counts of 1..k, are
// published: they tell that reader nothing new.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <tuple>
#include <utility>
#include <vector>

#include "treem/indicators/atom_programme.hpp"
#include "treem/indicators/protection.hpp"

namespace treem::indicators {

struct atom_protection_options {
  int upper = 5;  ///< every protected count's interval must hold [0, upper] (protection_options::upper)
  int max_rounds = 64;
  atom_limits limits;
};

namespace detail {

/// The published cell to withhold for a count that falls `need` short at the optimum `s` of its
/// bound: among the cells whose rows hold the bound (dual not 0), are published still (a withheld
/// cell's row is free in a kept programme) and readers do not know already,
/// the smallest count of at least `need`, else the largest, else a zero (its row is there only in a
/// programme built with zeros as rows: withholding it frees the atoms it held at 0).
inline std::uint32_t binding_cell(const atom_programme& p, const lp_solution& s, std::span<const double> value,
                                  std::span<const std::uint8_t> withheld, std::span<const std::uint8_t> fixed, double need) {
  std::uint32_t best = no_cell, zero = no_cell;
  for (std::size_t r = 0; r < s.row_dual.size(); ++r) {
    const std::uint32_t x = p.row_cell[r];
    if (std::abs(s.row_dual[r]) <= lp_tolerance || withheld[x] || is_fixed(fixed, x)) continue;
    if (value[x] <= 0) {
      if (zero == no_cell) zero = x;
      continue;
    }
    if (widens_better(value[x], best == no_cell ? lp_infinity : value[best], need)) best = x;
  }
  return best != no_cell ? best : zero;
}

/// The atom programme with published zeros as rows, built on first need: most rounds never need it.
class zero_rows {
 public:
  zero_rows(const cell_space& space, std::span<const double> value, std::span<const std::uint8_t> withheld, const atom_limits& limits)
      : space_(space), value_(value), withheld_(withheld), limits_(limits) {}

  /// The programme and its solver, or null when it is beyond the limits.
  std::pair<atom_programme, linear_programme>* get() {
    if (!tried_) {
      tried_ = true;
      if (auto z = build_atom_programme(space_, value_, withheld_, limits_, true)) {
        const linear_system system = z->system;
        built_.emplace(std::piecewise_construct, std::forward_as_tuple(std::move(*z)), std::forward_as_tuple(system));
      }
    }
    return built_ ? &*built_ : nullptr;
  }

 private:
  const cell_space& space_;
  std::span<const double> value_;
  std::span<const std::uint8_t> withheld_;
  const atom_limits& limits_;
  bool tried_ = false;
  std::optional<std::pair<atom_programme, linear_programme>> built_;
};

/// The atom programme and its solver, kept from round to round: a cell withheld since is a row
/// set free, and the solver goes on from its last basis (still feasible: a free row constrains
/// nothing). A published zero withheld since brings back the columns the programme dropped, so
/// then it is built again.
struct kept_programme {
  atom_programme p;
  linear_programme lp;
  std::vector<std::uint32_t> row_of;  ///< per cell: its row, or no_cell

  explicit kept_programme(atom_programme&& built) : p(std::move(built)), lp(p.system), row_of(p.columns_of.size(), no_cell) {
    for (std::uint32_t r = 0; r < p.row_cell.size(); ++r) row_of[p.row_cell[r]] = r;
  }
  /// Frees the rows of the cells withheld since `before`; false when one of them is a published
  /// zero (the programme must be built again).
  bool withhold(std::span<const std::uint8_t> before, std::span<const std::uint8_t> now, std::span<const double> value) {
    for (std::size_t x = 0; x < now.size(); ++x) {
      if (before[x] || !now[x]) continue;
      if (value[x] <= 0) return false;
      if (row_of[x] != no_cell) lp.free_row(row_of[x]);
    }
    return true;
  }
};

/// The cell to withhold for count `pc` (a cell, or a complement) when its bound over the kept
/// programme, upwards (`up`) or downwards, falls short: `short_by(bound)` says by how much (0 or
/// less: not short). A binding cell of that bound, else one in the programme with zeros as rows;
/// no_cell when none is, or the bound is not short.
template <class ShortBy>
std::uint32_t widening_cell_of(kept_programme& kp, const protected_count& pc, bool up, ShortBy short_by, std::span<const double> value,
                               std::span<const std::uint8_t> withheld, std::span<const std::uint8_t> fixed, zero_rows& zeros,
                               std::size_t& programmes) {
  const auto terms = kp.p.terms(pc.plus, pc.minus);
  const lp_solution s = up ? kp.lp.maximise(terms) : kp.lp.minimise(terms);
  ++programmes;
  if (s.status == lp_status::optimal) {
    if (short_by(s.objective) <= lp_tolerance) return no_cell;
    if (const std::uint32_t c = binding_cell(kp.p, s, value, withheld, fixed, short_by(s.objective)); c != no_cell) return c;
  }
  auto* z = zeros.get();
  if (!z) return no_cell;
  const auto zero_terms = z->first.terms(pc.plus, pc.minus);  // the same count over that programme's unknowns
  const lp_solution sz = up ? z->second.maximise(zero_terms) : z->second.minimise(zero_terms);
  ++programmes;
  const bool widens = sz.status == lp_status::optimal && short_by(sz.objective) > lp_tolerance;
  return widens ? binding_cell(z->first, sz, value, withheld, fixed, short_by(sz.objective)) : no_cell;
}

/// Widens count `pc`, found short upwards (`up`) or downwards of [0, upper]: solves its bound
/// again, as the counts widened before it in this round left the programme, and withholds a cell
/// holding it (marked in `now`, its row set free at once, so that the counts after it look past
/// it). Solving the whole round on one programme instead, most short counts named the same few
/// cells: on the nation's sub-table of 10,047 communes, rounds of 12 s widened 2-4 of 134 counts,
/// and after ten minutes 104 were still short; this way it is protected in under a minute.
inline void widen_count(kept_programme& kp, zero_rows& zeros, const protected_count& pc, bool up, int upper, std::span<const double> value,
                        std::vector<std::uint8_t>& now, std::span<const std::uint8_t> fixed, std::vector<std::uint32_t>& widen,
                        std::size_t& programmes) {
  const auto short_by = [&](double bound) { return up ? upper - bound : bound; };
  const std::uint32_t c = widening_cell_of(kp, pc, up, short_by, value, now, fixed, zeros, programmes);
  if (c == no_cell) return;
  now[c] = 1;
  widen.push_back(c);
  if (value[c] > 0 && kp.row_of[c] != no_cell) kp.lp.free_row(kp.row_of[c]);
}

/// One round over the atom programme: the cells to withhold so that each protected count short of
/// [0, upper] widens (their rows already set free in `kp`); `short_counts` is how many fell short
/// at the round's start (0: the table keeps the promise). Counts `settled` in an earlier round are
/// not solved again: between rounds cells are only withheld (rows dropped, columns of zeros
/// freed), so every interval can only widen; those found to hold [0, upper] now are marked settled.
inline std::vector<std::uint32_t> atom_round(kept_programme& kp, zero_rows& zeros, std::span<const double> value,
                                             std::span<const std::uint8_t> withheld, std::span<const std::uint8_t> fixed,
                                             std::span<const protected_count> counts, int upper, std::vector<std::uint8_t>& settled,
                                             std::size_t& short_counts, std::size_t& programmes) {
  std::vector<std::uint32_t> open;
  std::vector<count_expression> exprs;
  for (std::uint32_t i = 0; i < counts.size(); ++i) {
    if (!settled[i]) open.push_back(i), exprs.push_back({kp.p.terms(counts[i].plus, counts[i].minus), 0});
  }
  const std::vector<shortfall> short_of = interval_shortfalls(kp.lp, exprs, upper, programmes);
  for (auto i : open) settled[i] = 1;
  short_counts = short_of.size();
  std::vector<std::uint8_t> now(withheld.begin(), withheld.end());
  std::vector<std::uint32_t> widen;
  for (const auto& s : short_of) {
    const std::uint32_t i = open[s.count];
    settled[i] = 0;
    widen_count(kp, zeros, counts[i], s.up, upper, value, now, fixed, widen, programmes);
  }
  std::sort(widen.begin(), widen.end());
  widen.erase(std::unique(widen.begin(), widen.end()), widen.end());
  return widen;
}

/// Withheld cells the programme determines, but for the counts of 1..k themselves (as
/// determined_cells in protection.hpp, over atoms). A cell that takes two values in two solutions
/// is not determined: solutions for the sum of the cells and for a few fixed pseudo-random
/// combinations of them rule most cells out, and the rest are solved one by one (each solution
/// ruling out others too).
inline std::vector<std::uint32_t> atom_determined(const atom_programme& p, linear_programme& lp, std::span<const std::uint8_t> withheld,
                                                  std::span<const protected_count> counts, std::size_t& programmes) {
  std::vector<std::uint8_t> protects(withheld.size(), 0);
  for (const auto& pc : counts) {
    if (pc.minus == no_cell) protects[pc.plus] = 1;
  }
  std::vector<std::uint32_t> open, out;
  std::vector<count_expression> exprs;
  for (std::uint32_t x = 0; x < withheld.size(); ++x) {
    if (!withheld[x] || protects[x]) continue;
    if (p.columns_of[x].empty()) out.push_back(x);  // inside published zeros: 0 in every solution
    else open.push_back(x), exprs.push_back({p.terms(x, no_cell), 0});
  }
  std::vector<double> seen(open.size(), std::numeric_limits<double>::quiet_NaN());
  std::vector<std::uint8_t> varies(open.size(), 0);
  const auto see = [&](const lp_solution& s) {
    ++programmes;
    if (s.status != lp_status::optimal) return false;
    for (std::size_t i = 0; i < open.size(); ++i) {
      if (varies[i]) continue;
      const double v = exprs[i].at(s.x);
      if (std::isnan(seen[i])) seen[i] = v;
      else if (std::abs(v - seen[i]) > lp_tolerance) varies[i] = 1;
    }
    return true;
  };
  std::uint64_t state = 0x7472656D;  // fixed: the same programmes, so the same table, on every run
  // Random directions go on while they rule cells out (two in a row that rule out none end them):
  // one programme rules out many, where the one by one below takes two per cell.
  std::size_t settled = 0;
  for (int direction = 0, stale = 0; (direction < 6 || stale < 2) && direction < 64 && !open.empty(); ++direction) {
    const auto ruled_out = static_cast<std::size_t>(std::count(varies.begin(), varies.end(), std::uint8_t{1}));
    stale = ruled_out > settled ? 0 : stale + 1;
    settled = ruled_out;
    std::vector<std::pair<std::uint32_t, double>> objective;
    for (std::size_t i = 0; i < open.size(); ++i) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      const double w = direction < 2 ? 1.0 : (state >> 63) ? 1.0 : -1.0;
      if (!varies[i]) {
        for (const auto& [j, a] : exprs[i].terms) objective.emplace_back(j, w * a);
      }
    }
    if (objective.empty() || !see(direction % 2 ? lp.minimise(objective) : lp.maximise(objective))) break;
  }
  for (std::size_t i = 0; i < open.size(); ++i) {
    if (varies[i] || !see(lp.maximise(exprs[i].terms)) || varies[i] || !see(lp.minimise(exprs[i].terms)) || varies[i]) continue;
    out.push_back(open[i]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// Once no protected count can be widened further: the withheld cells the programme determines.
/// Those a reader must never learn (`kept`: withheld by an earlier run, whose log says so) are
/// widened instead (returned: a cell holding the most they can be), or, with nothing left to
/// withhold, counted in `unprotected`; the others go to `release`.
inline std::vector<std::uint32_t> settle_determined(kept_programme& kp, zero_rows& zeros, std::span<const double> value,
                                                    std::span<const std::uint8_t> withheld, std::span<const std::uint8_t> fixed,
                                                    std::span<const std::uint8_t> kept, std::span<const protected_count> counts,
                                                    std::vector<std::uint32_t>& release, protection_report& r) {
  std::vector<std::uint32_t> widen;
  for (auto c : atom_determined(kp.p, kp.lp, withheld, counts, r.programmes)) {
    if (!is_fixed(kept, c)) {
      release.push_back(c);
      continue;
    }
    // Determined at its bound: 1 short of moving at all (its number may be unknown here: a count
    // an earlier run withheld over communes this table does not hold).
    const auto one_short = [](double) { return 1.0; };
    const std::uint32_t w = widening_cell_of(kp, {c, no_cell}, true, one_short, value, withheld, fixed, zeros, r.programmes);
    if (w != no_cell) widen.push_back(w);
    else ++r.unprotected;
  }
  std::sort(widen.begin(), widen.end());
  widen.erase(std::unique(widen.begin(), widen.end()), widen.end());
  return widen;
}

}  // namespace detail

/// Widens what is withheld until the atom programme leaves every protected count an interval that
/// holds [0, o.upper] and determines no cell of `kept` (withheld by an earlier run: may be empty),
/// then publishes the other withheld cells it determines. Adds to `r` (rounds, programmes, added,
/// released), sets `r.unprotected` to the counts still short (and the kept cells still determined),
/// `r.skipped` to 0 (the programme reads every withheld cell at once), `r.atom_columns` and
/// `r.read_whole`. A table beyond `o.limits` keeps the cell-level verdict, with `r.atom_columns` 0,
/// and the function returns false. `sums` are the cell-level relations (a cell withheld here is never alone in one).
inline bool protect_over_atoms(const cell_space& space, std::span<const double> value, const std::vector<sum_constraint>& sums,
                               std::span<const protected_count> counts, std::vector<std::uint8_t>& withheld, std::span<const std::uint8_t> fixed,
                               std::span<const std::uint8_t> kept, const atom_protection_options& o, protection_report& r) {
  std::vector<std::uint8_t> settled(counts.size(), 0);
  std::optional<detail::kept_programme> kp;
  for (int round = 0; round <= o.max_rounds; ++round) {
    if (!kp) {
      std::optional<atom_programme> p = build_atom_programme(space, value, withheld, o.limits);
      if (!p) {  // grown past the limits (withheld zeros drop no atoms): what was added is unchecked
        r.atom_columns = 0, r.read_whole = false;
        return false;
      }
      kp.emplace(std::move(*p));
    }
    r.atom_columns = kp->p.system.unknowns(), r.skipped = 0, r.read_whole = true, ++r.rounds;
    detail::zero_rows zeros(space, value, withheld, o.limits);
    std::size_t short_counts = 0;
    std::vector<std::uint32_t> widen =
        detail::atom_round(*kp, zeros, value, withheld, fixed, counts, o.upper, settled, short_counts, r.programmes);
    r.unprotected = short_counts;
    if (widen.empty()) {
      std::vector<std::uint32_t> release;
      widen = detail::settle_determined(*kp, zeros, value, withheld, fixed, kept, counts, release, r);
      if (widen.empty()) {
        for (auto c : release) withheld[c] = 0, ++r.released;
        return true;
      }
    }
    const std::vector<std::uint8_t> before = withheld;
    for (auto c : widen) withheld[c] = 1;
    detail::complete_sums(sums, value, withheld, fixed);
    if (!kp->withhold(before, withheld, value)) kp.reset();
    r.added += static_cast<std::size_t>(std::count(withheld.begin(), withheld.end(), std::uint8_t{1}) -
                                        std::count(before.begin(), before.end(), std::uint8_t{1}));
  }
  return true;  // out of rounds: r.unprotected holds the last round's verdict
}

}  // namespace treem::indicators
