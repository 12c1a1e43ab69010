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
// - any count inside a part, in a star: the part's programme with its shares free, every part
//   beside it (the same unit above them) taking the differences with a mixture of its own moves
//   (each a whole table of that part: its programme at the least and at the most of each of its
//   shares, and then at the prices where a count stopped short; a mixture of whole tables of a
//   part is one too, its programme being convex). A part's own count of a shared set (its share
//   itself) moves this way too.
// In the tests' countries of two and of four provinces the certificate is exact: it certifies
// every count a reader of the whole table does not narrow (7,140 of 7,231; 14,165 of 14,441);
// with the shares' ends alone, all but 2 and 16. (Before stars, transfers of one share between
// parts and two parts read as one table certified 7,140, the pair being the whole of a country of
// two provinces, and 13,438.)
// A count no witness reaches (its programmes give a narrower interval, or it lies under no part) is
// not certified: that is not a finding that a reader narrows it, only that the certificate cannot
// say.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <utility>
#include <vector>

#include "treem/core/parallel_chunks.hpp"
#include "treem/indicators/modular_protection.hpp"

namespace treem::indicators {

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

/// A part read whole, as the certificate reads it: its sub-table and its cells as a local table.
struct certified_part {
  const sub_table* t = nullptr;
  local_table l;
  /// Per local cell: a withheld count of the top unit whose set is published above the part (the
  /// part's share of that count, which a witness keeps): the programme publishes it.
  std::vector<std::uint8_t> pinned;
  bool pinnable = true;              ///< false when a set published above the part has no count of the part's own
};

/// Part `k` as a local table, its pins marked; `local` is left mapping the table's cells to the
/// part's, for the caller to clear.
inline certified_part certified_part_of(const certificate_inputs& in, std::uint32_t k, std::vector<std::uint32_t>& local) {
  const sub_table& t = in.parts[k];
  const cell_space& space = in.space;
  const table_index& ix = in.ix;
  certified_part p{&t, {}, {}, true};
  const std::vector<std::uint8_t> known(in.value.size(), 0);
  p.l = local_of(t, space, ix, in.value, in.withheld, known, {}, in.counts, in.sums, local);
  p.pinned.assign(p.l.cell.size(), 0);
  std::map<std::uint32_t, std::uint32_t> own;  // the top unit's cells, by count set
  for (auto x : ix.cells_of_unit[t.units.front()]) own.emplace(space.set_of[x], local[x]);
  for (auto a = in.parent[t.units.front()]; a != no_unit; a = in.parent[a]) {
    for (auto x : ix.cells_of_unit[a]) {
      if (!in.published[x]) continue;
      const auto it = own.find(space.set_of[x]);
      if (it == own.end()) p.pinnable = false;
      else p.pinned[it->second] = p.l.withheld[it->second];
    }
  }
  return p;  // `local` still maps the part's cells: the caller clears it
}

/// The atom programme of part `p` with its pins published.
inline std::optional<atom_programme> pinned_programme(const certified_part& p, const atom_limits& limits) {
  std::vector<std::uint8_t> withheld = p.l.withheld;
  for (std::size_t i = 0; i < withheld.size(); ++i) {
    if (p.pinned[i]) withheld[i] = 0;
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
/// upper end), and its share's least and most change in each count above it.
struct part_findings {
  std::vector<std::pair<std::uint32_t, std::pair<bool, bool>>> inside;     ///< (protected count, (reaches 0, reaches upper))
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

/// Whether each expression reaches 0 and reaches `upper` over `lp`; `short_of(i, at)` is told the
/// solution where expression i stops short of either (reachable).
inline std::vector<std::pair<bool, bool>> reaches(linear_programme& lp, const std::vector<count_expression>& exprs, int upper,
                                                  std::size_t& programmes,
                                                  const std::function<void(std::uint32_t, const lp_solution&)>& short_of = {},
                                                  bool together = true) {
  std::vector<double> most(exprs.size()), least(exprs.size());
  const auto high = reachable(lp, exprs, true, upper, most, programmes, short_of, together);
  const auto low = reachable(lp, exprs, false, 0.0, least, programmes, short_of, together);
  std::vector<std::pair<bool, bool>> out;
  for (std::size_t i = 0; i < exprs.size(); ++i) out.emplace_back(low[i] != 0, high[i] != 0);
  return out;
}

/// Reads part `t` (see the top of this file) for the protected counts `inside` it (indices into
/// `counts`) and those `above` it. `local` is the caller's scratch, left all no_cell.
inline part_findings read_certified_part(const certificate_inputs& in, std::uint32_t k, std::span<const std::uint32_t> inside,
                                         std::span<const std::uint32_t> above, std::vector<std::uint32_t>& local, std::size_t& programmes) {
  const std::span<const protected_count> counts = in.counts;
  part_findings f;
  const certified_part p = certified_part_of(in, k, local);
  std::optional<atom_programme> ap;
  if (p.pinnable) ap = pinned_programme(p, in.limits);
  std::vector<std::uint32_t> solved;
  for (auto i : inside) {  // a count of a held share, or beyond the part, is left to stars and pairs
    const protected_count& pc = counts[i];
    const std::uint32_t plus = local[pc.plus], minus = pc.minus == no_cell ? no_cell : local[pc.minus];
    const bool whole = plus != no_cell && (pc.minus == no_cell || minus != no_cell);
    if (!ap || !whole || p.pinned[plus] || (minus != no_cell && p.pinned[minus])) f.inside.push_back({i, {false, false}});
    else solved.push_back(i);
  }
  std::vector<count_expression> exprs;
  if (ap) exprs = expressions_of(*ap, counts, solved, local);
  for (auto x : p.l.cell) local[x] = no_cell;
  if (!ap) return f;
  linear_programme lp(ap->system);
  const auto reached = reaches(lp, exprs, in.upper, programmes);
  for (std::size_t j = 0; j < solved.size(); ++j) f.inside.push_back({solved[j], reached[j]});
  for (auto i : above) {
    const auto [plus, minus] = top_cells_of(p, in.space, counts[i].plus, counts[i].minus);
    if (plus == no_cell || (counts[i].minus != no_cell && minus == no_cell)) continue;  // its share stays as it is
    const double v = p.l.value[plus] - (minus == no_cell ? 0.0 : p.l.value[minus]);
    const auto [lo, hi] = least_and_most(lp, ap->terms(plus, minus), programmes);
    if (!std::isnan(lo) && !std::isnan(hi)) f.above.emplace_back(i, std::pair{lo - v, hi - v});
  }
  return f;
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


/// Part `p`'s held shares (see certified_part): per count set, its top cell (local).
inline std::map<std::uint32_t, std::uint32_t> held_tops(const certified_part& p, const cell_space& space) {
  std::map<std::uint32_t, std::uint32_t> out;
  for (std::uint32_t i = 0; i < p.l.cell.size() && p.l.unit_of[i] == 0; ++i) {
    if (p.pinned[i]) out.emplace(space.set_of[p.l.cell[i]], i);
  }
  return out;
}

/// A way a part moves, a whole table of the part publishing every number inside it: per count
/// set, the change of its held share; and per protected count above it being certified, the
/// change of the part's share of that count.
struct share_move {
  std::vector<std::pair<std::uint32_t, double>> held;
  std::vector<std::pair<std::uint32_t, double>> above;
};
/// A direction to move shares in: per count set, a weight (the duals of a star's rows that link
/// a part's shares to the parts beside it, where a count stopped short).
using share_prices = std::vector<std::pair<std::uint32_t, double>>;

/// A part's programme with every held share free, its shares as expressions of change, and its
/// shares of the protected counts above it being certified.
struct share_programme {
  std::map<std::uint32_t, std::uint32_t> tops;  ///< count set: its local top cell
  std::optional<atom_programme> ap;
  std::vector<count_expression> shares;  ///< in the order of `tops`: the share less its number
  std::vector<std::pair<std::uint32_t, count_expression>> above;  ///< (protected count, its share less its number)

  /// The move at solution `x` (empty when nothing moves).
  [[nodiscard]] share_move move_at(const lp_solution& x) const {
    share_move m;
    if (x.status != lp_status::optimal) return m;
    std::size_t j = 0;
    for (const auto& top : tops) {
      const double d = shares[j++].at(x.x);
      if (std::abs(d) > lp_tolerance) m.held.emplace_back(top.first, d);
    }
    for (const auto& [i, e] : above) {
      const double d = e.at(x.x);
      if (std::abs(d) > lp_tolerance) m.above.emplace_back(i, d);
    }
    return m;
  }
};

/// Part `q`'s share programme, with its shares of protected counts `above` (those it has a count
/// of); without `ap` when the part cannot move (a share it cannot name, beyond the limits).
inline share_programme share_programme_of(const certificate_inputs& in, std::uint32_t q, std::span<const std::uint32_t> above,
                                          std::vector<std::uint32_t>& local) {
  const certified_part p = certified_part_of(in, q, local);
  for (auto c : p.l.cell) local[c] = no_cell;
  share_programme out{held_tops(p, in.space), std::nullopt, {}, {}};
  if (!p.pinnable || (out.tops.empty() && above.empty())) return out;  // a part with a share it cannot name stays as it is
  out.ap = build_atom_programme({p.l.sets, p.l.set_of, p.l.unit_of, p.t->blocks}, p.l.value, p.l.withheld, in.limits);
  if (!out.ap) return out;
  for (const auto& [s, i] : out.tops) out.shares.push_back({out.ap->terms(i, no_cell), -p.l.value[i]});
  for (auto i : above) {
    const auto [plus, minus] = top_cells_of(p, in.space, in.counts[i].plus, in.counts[i].minus);
    if (plus == no_cell || (in.counts[i].minus != no_cell && minus == no_cell)) {  // a share it cannot follow: the part stays as it is
      out.ap.reset(), out.shares.clear(), out.above.clear();
      return out;
    }
    out.above.emplace_back(i, count_expression{out.ap->terms(plus, minus), -(p.l.value[plus] - (minus == no_cell ? 0.0 : p.l.value[minus]))});
  }
  return out;
}

/// How part `q` can move (share_move): its programme at each held share's least and most, at the
/// least and most of its share of each protected count `above` it, and at the least and most of
/// each of `prices` (weighted sums of its shares). Any mixture of these moves (weights summing to
/// at most 1, the rest the part as it is) is one too, the programme being convex: what stars
/// (certify_by_stars, certify_above) let the part take.
inline std::vector<share_move> share_moves_of(const certificate_inputs& in, std::uint32_t q, std::span<const share_prices> prices, bool axes,
                                              std::span<const std::uint32_t> above, std::span<const std::pair<std::uint32_t, share_prices>> above_prices,
                                              std::vector<std::uint32_t>& local, std::size_t& programmes) {
  const share_programme sp = share_programme_of(in, q, above, local);
  std::vector<share_move> out;
  if (!sp.ap) return out;
  linear_programme lp(sp.ap->system);
  const auto both_ends = [&](const std::vector<std::pair<std::uint32_t, double>>& terms) {
    for (const bool up : {false, true}) {
      share_move m = sp.move_at(up ? lp.maximise(terms) : lp.minimise(terms));
      ++programmes;
      if (!m.held.empty() || !m.above.empty()) out.push_back(std::move(m));
    }
  };
  if (axes) {
    for (const auto& share : sp.shares) both_ends(share.terms);
    for (const auto& e : sp.above) both_ends(e.second.terms);
  }
  const auto priced = [&](const share_prices& price, double sign, std::map<std::uint32_t, double> terms) {
    for (const auto& [s, w] : price) {
      const auto it = sp.tops.find(s);
      if (it == sp.tops.end()) continue;
      for (const auto& [j, a] : sp.shares[static_cast<std::size_t>(std::distance(sp.tops.begin(), it))].terms) terms[j] += sign * w * a;
    }
    if (!terms.empty()) both_ends({terms.begin(), terms.end()});
  };
  for (const auto& price : prices) priced(price, 1.0, {});
  for (const auto& [i, price] : above_prices) {  // the part's share of count i, and the shares at the prices (either sign)
    const auto it = std::find_if(sp.above.begin(), sp.above.end(), [&](const auto& e) { return e.first == i; });
    if (it == sp.above.end()) continue;
    const std::map<std::uint32_t, double> share(it->second.terms.begin(), it->second.terms.end());
    priced(price, 1.0, share), priced(price, -1.0, share);
  }
  return out;
}

/// Adds to `sys` one weight per move of a part, the weights summing to at most 1 (a mixture of
/// the moves, the rest the part as it is), and calls `column(weight, move)` for each. (A star,
/// kept between rounds, adds its weights to its solver instead: star_reaches.)
template <class Column>
void add_mixture(linear_system& sys, const std::vector<share_move>& moves, Column&& column) {
  std::vector<std::pair<std::uint32_t, double>> weights;
  for (const auto& m : moves) {
    const std::uint32_t w = sys.add_unknown(0, 1);
    weights.emplace_back(w, 1.0);
    column(w, m);
  }
  if (!weights.empty()) sys.add_row(weights, 0, 1);
}

/// What a star shows: how far each count reaches, and for each end it does not reach, the prices
/// at which a move of the parts beside would take it further (the duals of the linking rows).
struct star_findings {
  std::vector<std::pair<bool, bool>> reached;
  std::vector<share_prices> prices;
  std::vector<std::uint8_t> priced;  ///< per count: an end it stops short of has prices (moves may help)
};

/// The count sets part `q` holds: its top unit's withheld counts whose set is published above it.
inline std::vector<std::uint32_t> held_sets(const certificate_inputs& in, std::uint32_t q) {
  std::vector<std::uint32_t> out;
  const std::uint32_t top = in.parts[q].units.front();
  std::vector<std::uint8_t> above(in.space.sets.size(), 0);
  for (auto u = in.parent[top]; u != no_unit; u = in.parent[u]) {
    for (auto x : in.ix.cells_of_unit[u]) above[in.space.set_of[x]] |= in.published[x];
  }
  for (auto x : in.ix.cells_of_unit[top]) {
    if (!in.published[x] && above[in.space.set_of[x]]) out.push_back(in.space.set_of[x]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// A star, kept from round to round (certify_by_stars): part k's programme with its held shares
/// free, a row per count set held by it or a part beside it keeping the sum of their shares, and a
/// mixture row per part beside. Each round adds the moves found since as columns, so the solver
/// goes on from the basis where it stood instead of solving the part again.
struct star {
  std::vector<std::uint32_t> which;                ///< the counts inside the part not yet shown
  std::vector<count_expression> exprs;             ///< each of `which` over the programme
  std::map<std::uint32_t, std::uint32_t> link;     ///< count set: its linking row
  std::map<std::uint32_t, std::uint32_t> mixture;  ///< part beside: the row its weights sum in
  std::map<std::uint32_t, std::size_t> taken;      ///< part beside: its moves added so far
  std::unique_ptr<linear_programme> lp;
};

/// The star of part `k` for counts `which` inside it, the parts `beside` it moving; empty when the
/// part cannot be read (a share it cannot name, beyond the limits).
inline std::optional<star> star_of(const certificate_inputs& in, std::uint32_t k, std::span<const std::uint32_t> which,
                                   std::span<const std::uint32_t> beside, std::vector<std::uint32_t>& local) {
  const certified_part p = certified_part_of(in, k, local);
  auto ap = build_atom_programme({p.l.sets, p.l.set_of, p.l.unit_of, p.t->blocks}, p.l.value, p.l.withheld, in.limits);
  std::optional<star> s;
  if (ap && p.pinnable) s.emplace(), s->which.assign(which.begin(), which.end()), s->exprs = expressions_of(*ap, in.counts, which, local);
  for (auto c : p.l.cell) local[c] = no_cell;
  if (!s) return s;
  linear_system& sys = ap->system;
  for (const auto& [set, i] : held_tops(p, in.space)) {
    s->link[set] = static_cast<std::uint32_t>(sys.rows());
    sys.add_row(ap->terms(i, no_cell), p.l.value[i], p.l.value[i]);
  }
  for (auto q : beside) {
    for (auto set : held_sets(in, q)) {  // a set only parts beside hold: their changes of it sum to 0
      if (!s->link.contains(set)) s->link[set] = static_cast<std::uint32_t>(sys.rows()), sys.add_row({}, 0, 0);
    }
  }
  for (auto q : beside) s->mixture[q] = static_cast<std::uint32_t>(sys.rows()), sys.add_row({}, 0, 1);
  s->lp = std::make_unique<linear_programme>(sys);
  return s;
}

/// How far the counts of star `s` reach with the moves of the parts beside it (`moves`, per part;
/// share_moves_of) added since the last round: a mixture of each part's moves takes the
/// differences of the shares, so every count published above the parts keeps its number and each
/// solution is a whole table that publishes the same. The counts were short in the part's own
/// programme, so they are solved one by one (reachable).
inline star_findings star_reaches(star& s, const std::vector<std::vector<share_move>>& moves, int upper, std::size_t& programmes) {
  for (const auto& [q, row] : s.mixture) {
    for (std::size_t& n = s.taken[q]; n < moves[q].size(); ++n) {
      std::vector<std::pair<std::uint32_t, double>> terms{{row, 1.0}};
      for (const auto& [set, d] : moves[q][n].held) {
        const auto it = s.link.find(set);
        if (it == s.link.end()) break;  // a share no row keeps: the move could change a published count
        terms.emplace_back(it->second, d);
      }
      if (terms.size() == moves[q][n].held.size() + 1) s.lp->add_unknown(terms, 0, 1);
    }
  }
  star_findings f{{}, {}, std::vector<std::uint8_t>(s.which.size(), 0)};
  f.reached = reaches(*s.lp, s.exprs, upper, programmes, [&](std::uint32_t j, const lp_solution& x) {
    share_prices price;
    for (const auto& [set, r] : s.link) {
      if (std::abs(x.row_dual[r]) > lp_tolerance) price.emplace_back(set, x.row_dual[r]);
    }
    if (!price.empty()) f.prices.push_back(std::move(price)), f.priced[j] = 1;
  }, false);
  return f;
}

/// `prices` with each scaled so that its largest weight is 1 and its first is positive, each once,
/// in the order first found (the first are kept when a round takes only some): a part's moves at
/// a price and at any multiple of it are the same (they are taken at both ends).
inline void distinct_prices(std::vector<share_prices>& prices) {
  std::set<share_prices> seen;
  std::size_t n = 0;
  for (auto& p : prices) {
    std::sort(p.begin(), p.end());
    double scale = 0;
    for (const auto& term : p) scale = std::max(scale, std::abs(term.second));
    if (scale == 0) continue;
    if (p.front().second < 0) scale = -scale;
    for (auto& term : p) term.second = std::round(term.second / scale * 1e9) / 1e9;  // equal up to the solver's rounding
    if (!seen.insert(p).second) continue;
    if (&prices[n] != &p) prices[n] = std::move(p);  // never onto itself: that empties it
    ++n;
  }
  prices.resize(n);
}

/// The prices a part moves at in the next round, from the prices each star beside it found
/// (`found`, those stars in the order to serve them): each star's first, then each one's second,
/// and so on, each price once (distinct_prices), at most `per_part`. Taken in turn, so that with
/// many stars beside (the nation's 63 provinces) a part's work per round stays `per_part` prices,
/// not one batch per star; the caller starts each part at a different star, so that the parts
/// beside share the stars out (a part's moves join every star beside it).
inline std::vector<share_prices> prices_in_turn(std::span<const std::vector<share_prices>* const> found, std::size_t per_part) {
  std::vector<share_prices> out;
  for (std::size_t j = 0, taken = 1; taken != 0; ++j) {
    taken = 0;
    for (const auto* prices : found) {
      if (j < prices->size()) out.push_back((*prices)[j]), ++taken;
    }
  }
  distinct_prices(out);
  if (out.size() > per_part) out.resize(per_part);
  return out;
}

/// Keeps at most `per_part` of `asked`, from entry `start` (modulo its size) on, wrapping round:
/// parts that start at different entries share out what all of them were asked.
template <class T>
void keep_in_turn(std::vector<T>& asked, std::size_t start, std::size_t per_part) {
  if (asked.size() <= per_part) return;
  std::rotate(asked.begin(), asked.begin() + static_cast<std::ptrdiff_t>(start % asked.size()), asked.end());
  asked.resize(per_part);
}

/// Keeps in star `s` the counts `c` has not shown and `priced` lets on (moves may take them further).
inline void keep_open(star& s, const part_certificate& c, std::span<const std::uint8_t> priced) {
  std::size_t n = 0;
  for (std::size_t j = 0; j < s.which.size(); ++j) {
    if (c.shown(s.which[j]) || !priced[s.which[j]]) continue;
    if (n != j) s.which[n] = s.which[j], s.exprs[n] = std::move(s.exprs[j]);  // never onto itself: that empties it
    ++n;
  }
  s.which.resize(n), s.exprs.resize(n);
}

/// Stars (star_reaches) for the parts with counts inside them not yet shown, side by side on
/// `threads` threads, in rounds: first the moves of every part beside one of them at the ends of
/// its shares, then each star; then, while a round shows more, the moves of the parts beside at
/// the prices where counts stopped short (column generation: Dantzig and Wolfe, Operations
/// Research 8, 1960), added to each star as columns (a star is kept while it has counts open). At
/// most `rounds` rounds and `per_part` distinct prices per part and round: the moves only add
/// witnesses, so stopping early is sound. Each star and each part's moves take a programme of
/// the part's size (on two provinces of some 80,000 unknowns each, 1.9 GB in all).
inline std::vector<std::vector<share_move>> certify_by_stars(const certificate_inputs& in, const std::vector<std::vector<std::uint32_t>>& inside,
                                                             const std::vector<std::vector<std::uint32_t>>& above, part_certificate& c,
                                                             std::size_t threads, std::size_t& programmes, std::size_t rounds = 6,
                                                             std::size_t per_part = 32) {
  const std::size_t n = in.parts.size();
  std::vector<std::vector<std::uint32_t>> open_above(n);  // tracked in every move, for certify_above
  for (std::size_t k = 0; k < n; ++k) {
    for (auto i : above[k]) {
      if (!c.shown(i)) open_above[k].push_back(i);
    }
  }
  const auto beside = [&](std::size_t q, std::size_t k) { return q != k && in.parent[in.parts[q].units.front()] == in.parent[in.parts[k].units.front()]; };
  std::vector<std::vector<share_move>> moves(n);
  std::vector<std::vector<share_prices>> asked(n);  // per part beside a star: the prices to move at
  std::vector<std::vector<std::uint32_t>> scratch(std::max<std::size_t>(1, threads));
  std::vector<std::size_t> solved(n, 0);
  const auto each = [&](auto&& body) {
    parallel_tasks(threads, n, [&](std::size_t w, std::size_t k) {
      if (scratch[w].empty()) scratch[w].assign(in.value.size(), no_cell);
      body(scratch[w], static_cast<std::uint32_t>(k));
    });
  };
  std::vector<std::uint8_t> priced(c.low.size(), 1);  // a count no move can take further leaves after its first round
  std::vector<std::optional<star>> stars(n);
  for (std::size_t round = 0; round < rounds; ++round) {
    std::vector<std::uint8_t> moving(n, 0);
    for (std::size_t k = 0; k < n; ++k) {
      const bool open = round == 0 ? std::any_of(inside[k].begin(), inside[k].end(), [&](std::uint32_t i) { return !c.shown(i); })
                                   : stars[k] && !stars[k]->which.empty();
      for (std::size_t q = 0; q < n && open; ++q) moving[q] |= beside(q, k) && (round == 0 || !asked[q].empty());
      moving[k] |= round == 0 && !open_above[k].empty();
    }
    each([&](std::vector<std::uint32_t>& local, std::uint32_t q) {
      if (!moving[q]) return;
      for (auto& m : share_moves_of(in, q, asked[q], round == 0, open_above[q], {}, local, solved[q])) moves[q].push_back(std::move(m));
    });
    std::vector<star_findings> found(n);
    const bool moved = std::any_of(moving.begin(), moving.end(), [](std::uint8_t m) { return m != 0; });
    each([&](std::vector<std::uint32_t>& local, std::uint32_t k) {
      if (round == 0) {
        std::vector<std::uint32_t> open, next;
        for (auto i : inside[k]) {
          if (!c.shown(i)) open.push_back(i);
        }
        for (std::uint32_t q = 0; q < n; ++q) {
          if (beside(q, k)) next.push_back(q);
        }
        if (!open.empty()) stars[k] = star_of(in, k, open, next, local);
      }
      if (stars[k] && !stars[k]->which.empty() && (round == 0 || moved)) found[k] = star_reaches(*stars[k], moves, in.upper, solved[k]);
    });
    std::size_t shown = 0;
    for (std::size_t k = 0; k < n; ++k) {  // in order of parts: the same at any number of threads
      for (std::size_t j = 0; j < found[k].reached.size(); ++j) {
        const std::uint32_t i = stars[k]->which[j];
        const bool was = c.shown(i);
        priced[i] = found[k].priced[j];
        c.low[i] |= found[k].reached[j].first, c.high[i] |= found[k].reached[j].second;
        shown += !was && c.shown(i);
      }
      distinct_prices(found[k].prices);
    }
    for (std::size_t q = 0; q < n; ++q) {  // the stars beside part q, from the one after it
      std::vector<const std::vector<share_prices>*> from;
      for (std::size_t d = 1; d < n; ++d) {
        if (beside(q, (q + d) % n)) from.push_back(&found[(q + d) % n].prices);
      }
      asked[q] = prices_in_turn(from, per_part);
    }
    for (auto& st : stars) {
      if (st) keep_open(*st, c, priced);
      if (st && st->which.empty()) st.reset();  // its programme is let go
    }
    if (round > 0 && shown == 0) break;
  }
  for (auto s : solved) programmes += s;
  return moves;
}

/// How far protected count `i`, above the parts `under` it, reaches with every part under it moving
/// at once: a mixture of each part's moves, the parts beside each other (the same unit above them)
/// keeping the sum of their held shares of every set, so every published count keeps its number;
/// the count moves by the parts' changes of their shares of it. Per end it stops short of, the
/// prices (per part under it, the duals of its group's linking rows) at which to look for moves.
inline std::pair<bool, bool> above_reaches(const certificate_inputs& in, std::uint32_t i, std::span<const std::uint32_t> under,
                                           const std::vector<std::vector<share_move>>& moves,
                                           std::vector<std::vector<std::pair<std::uint32_t, share_prices>>>& asked, std::size_t& programmes) {
  linear_system sys;
  std::vector<std::pair<std::uint32_t, double>> change;
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<std::pair<std::uint32_t, double>>> link;  // (unit above, count set)
  for (auto k : under) {
    add_mixture(sys, moves[k], [&](std::uint32_t w, const share_move& m) {
      for (const auto& [j, d] : m.above) {
        if (j == i) change.emplace_back(w, d);
      }
      for (const auto& [set, d] : m.held) link[{in.parent[in.parts[k].units.front()], set}].emplace_back(w, d);
    });
  }
  if (change.empty()) return {false, false};
  std::vector<std::pair<std::pair<std::uint32_t, std::uint32_t>, std::size_t>> rows;
  for (const auto& [key, terms] : link) rows.emplace_back(key, sys.rows()), sys.add_row(terms, 0, 0);
  linear_programme lp(sys);
  const double v = in.value[in.counts[i].plus] - (in.counts[i].minus == no_cell ? 0.0 : in.value[in.counts[i].minus]);
  std::pair<bool, bool> out{false, false};
  for (const bool up : {false, true}) {
    const lp_solution x = up ? lp.maximise(change) : lp.minimise(change);
    ++programmes;
    if (x.status != lp_status::optimal) continue;
    (up ? out.second : out.first) = up ? v + x.objective >= in.upper - lp_tolerance : v + x.objective <= lp_tolerance;
    if (up ? out.second : out.first) continue;
    for (auto k : under) {
      share_prices price;
      for (const auto& [key, r] : rows) {
        if (key.first == in.parent[in.parts[k].units.front()] && std::abs(x.row_dual[r]) > lp_tolerance) price.emplace_back(key.second, x.row_dual[r]);
      }
      asked[k].emplace_back(i, std::move(price));
    }
  }
  return out;
}

/// The protected counts above the parts not yet shown (above_reaches), in rounds: with the moves
/// certify_by_stars found, then, while a round shows more, with each part's moves at the prices
/// where counts stopped short (its share of the count, and its shares at the prices): at most
/// `per_part` per part and round, each part starting at a different one (the nation's counts lie
/// over every province: without a bound, a part's work would grow with the counts open).
inline void certify_above(const certificate_inputs& in, const std::vector<std::vector<std::uint32_t>>& above,
                          std::vector<std::vector<share_move>>& moves, part_certificate& c, std::size_t threads, std::size_t& programmes,
                          std::size_t rounds = 4, std::size_t per_part = 32) {
  const std::size_t n = in.parts.size();
  std::vector<std::vector<std::uint32_t>> scratch(std::max<std::size_t>(1, threads));
  for (std::size_t round = 0; round < rounds; ++round) {
    std::map<std::uint32_t, std::vector<std::uint32_t>> under;  // protected count: the parts under it
    std::vector<std::vector<std::uint32_t>> open(n);
    for (std::uint32_t k = 0; k < n; ++k) {
      for (auto i : above[k]) {
        if (!c.shown(i)) under[i].push_back(k), open[k].push_back(i);
      }
    }
    std::vector<std::vector<std::pair<std::uint32_t, share_prices>>> asked(n);
    std::size_t shown = 0;
    for (const auto& [i, parts] : under) {
      const auto [low, high] = above_reaches(in, i, parts, moves, asked, programmes);
      c.low[i] |= low, c.high[i] |= high, shown += c.shown(i);
    }
    if ((round > 0 && shown == 0) || round + 1 == rounds) break;
    for (std::size_t k = 0; k < n; ++k) keep_in_turn(asked[k], k * per_part, per_part);
    std::vector<std::size_t> solved(n, 0);
    parallel_tasks(threads, n, [&](std::size_t w, std::size_t k) {
      if (asked[k].empty()) return;
      if (scratch[w].empty()) scratch[w].assign(in.value.size(), no_cell);
      for (auto& m : share_moves_of(in, static_cast<std::uint32_t>(k), {}, false, open[k], asked[k], scratch[w], solved[k])) moves[k].push_back(std::move(m));
    });
    for (auto s : solved) programmes += s;
  }
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
  // A cell an earlier run published (`fixed`) is published here too: no witness may move it.
  std::vector<std::uint8_t> open(value.size(), 0), published(value.size(), 0);
  for (std::size_t x = 0; x < value.size(); ++x) open[x] = withheld[x] && !detail::is_fixed(fixed, x), published[x] = !open[x];
  const detail::certificate_inputs in{space, value, sums, counts, open, published, parts, parent, ix, upper, limits};
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
    found[k] = detail::read_certified_part(in, static_cast<std::uint32_t>(k), inside[k], above[k], scratch[w], solved[k]);
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
  auto moves = detail::certify_by_stars(in, inside, above, c, threads, programmes);
  detail::certify_above(in, above, moves, c, threads, programmes);
  return c;
}

}  // namespace treem::indicators
