// The reader's programme over atoms: the strongest reading of a published table by linear algebra.
//
// The cell-level programme of protection.hpp relates counts through the sums and containments it
// can name (a count splits along one attribute into counts that partition it; a unit is its
// communes). A reader can do more: two disjoint counts inside a third bound it by their union, and
// published zeros rule rows out of every count that holds them. Such relations are all linear
// relations between the *atoms* of the table: for each register, the finest pieces of its rows that
// the published counts tell apart, in each commune. Every count is the sum of the atoms it holds;
// each published count is an equation over them, each withheld count an expression, and a reader
// who knows the catalogue's filters and the units' communes knows exactly these (Hundepool et al.,
// Statistical Disclosure Control, Wiley 2012, §5.2: the attacker's problem over the table's
// "internal cells").
//
// The atoms of a register are built attribute by attribute: the values of an attribute that every
// count set treats alike form one class (ages split at every boundary of a filter or age group;
// ethnicities named nowhere form one class), and an atom is a class of every attribute, known by
// the count sets that hold it (its signature). Atoms with one signature are one atom: no published
// number tells them apart. A column of the programme is an atom in a commune; columns inside a
// published zero are 0 and dropped, and columns in exactly the same cells are merged.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "treem/indicators/count_set.hpp"
#include "treem/indicators/linear_programme.hpp"

namespace treem::indicators {

/// What each cell of a table counts: a count set in a unit (a set of communes).
struct cell_space {
  std::span<const count_set> sets;                     ///< the table's count sets
  std::span<const std::uint32_t> set_of, unit_of;      ///< per cell: its count set, its unit set
  std::span<const std::vector<std::uint32_t>> communes;  ///< per unit set: its communes (base units)
};

/// Limits beyond which the atom programme is not built (a province's or the nation's table: its
/// cells are checked by the cell-level programmes only, and the report's atom_columns is 0).
struct atom_limits {
  std::size_t max_atoms = 100000;      ///< per register, after merging
  std::size_t max_columns = 2000000;   ///< atoms times communes, before zeros and merging (memory)
  /// Unknowns of the programme, after zeros and merging: the simplex's time grows faster than its
  /// size (a district's tables, 10,290 unknowns: about 4 s; 120 communes: over 10 minutes).
  std::size_t max_unknowns = 20000;
  std::size_t max_group_classes = 14;  ///< classes of special-circumstance groups (2^n combinations)
};

namespace detail {

/// A set of count sets of one register, as bits over their positions in `register_sets`.
using set_signature = std::vector<std::uint64_t>;

inline bool any_bit(const set_signature& s) {
  return std::any_of(s.begin(), s.end(), [](std::uint64_t w) { return w != 0; });
}

/// The classes of one attribute over the count sets `members` (of one register): the signatures of
/// its values, each once, those of values no set holds left out.
inline std::vector<set_signature> value_classes(std::span<const count_set> sets, std::span<const std::uint32_t> members, attribute a) {
  const std::size_t words = (members.size() + 63) / 64;
  std::vector<std::vector<std::uint64_t>> bits;
  bits.reserve(members.size());
  for (auto m : members) bits.push_back(sets[m].bits(a));
  const std::size_t values = bits.empty() ? 0 : 64 * bits.front().size();
  std::vector<set_signature> out;
  for (std::size_t v = 0; v < values; ++v) {
    set_signature sig(words, 0);
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (bits[i][v / 64] >> (v % 64) & 1) sig[i / 64] |= std::uint64_t{1} << (i % 64);
    }
    if (any_bit(sig)) out.push_back(std::move(sig));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

/// The classes of the special-circumstance groups: a row is in some set of groups, and a count set's
/// condition "in at least one of G" (or none) holds for it when the two meet. Letters alike in every
/// condition form a class; a row's value is the set of classes it meets (2^classes of them).
inline std::optional<std::vector<set_signature>> group_classes(std::span<const count_set> sets, std::span<const std::uint32_t> members,
                                                               std::size_t max_classes) {
  const std::size_t words = (members.size() + 63) / 64;
  set_signature unconditioned(words, 0);
  std::vector<set_signature> letters(32, set_signature(words, 0));
  for (std::size_t i = 0; i < members.size(); ++i) {
    const std::uint32_t g = sets[members[i]].groups_any;
    if (g == 0) unconditioned[i / 64] |= std::uint64_t{1} << (i % 64);
    for (std::size_t l = 0; l < 32; ++l) {
      if (g >> l & 1) letters[l][i / 64] |= std::uint64_t{1} << (i % 64);
    }
  }
  std::erase_if(letters, [](const set_signature& s) { return !any_bit(s); });
  std::sort(letters.begin(), letters.end());
  letters.erase(std::unique(letters.begin(), letters.end()), letters.end());
  if (letters.size() > max_classes) return std::nullopt;
  std::vector<set_signature> out;
  for (std::uint32_t met = 0; met < (1u << letters.size()); ++met) {
    set_signature sig = unconditioned;
    for (std::size_t l = 0; l < letters.size(); ++l) {
      if (met >> l & 1) {
        for (std::size_t w = 0; w < words; ++w) sig[w] |= letters[l][w];
      }
    }
    if (any_bit(sig)) out.push_back(std::move(sig));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

/// The atoms of one register: the signatures of the products of every attribute's classes that
/// some count set holds, each once; nullopt when over `max_atoms` or `max_group_classes`.
inline std::optional<std::vector<set_signature>> register_atoms(std::span<const count_set> sets, std::span<const std::uint32_t> members,
                                                                const atom_limits& limits) {
  const std::size_t words = (members.size() + 63) / 64;
  set_signature all(words, 0);
  for (std::size_t i = 0; i < members.size(); ++i) all[i / 64] |= std::uint64_t{1} << (i % 64);
  std::vector<set_signature> atoms{all};
  for (std::size_t ai = 0; ai < attribute_count; ++ai) {
    const auto a = static_cast<attribute>(ai);
    std::optional<std::vector<set_signature>> classes =
        a == attribute::groups_any ? group_classes(sets, members, limits.max_group_classes) : value_classes(sets, members, a);
    if (!classes) return std::nullopt;
    std::vector<set_signature> next;
    for (const auto& atom : atoms) {
      for (const auto& c : *classes) {
        set_signature sig(words);
        for (std::size_t w = 0; w < words; ++w) sig[w] = atom[w] & c[w];
        if (any_bit(sig)) next.push_back(std::move(sig));
      }
    }
    std::sort(next.begin(), next.end());
    next.erase(std::unique(next.begin(), next.end()), next.end());
    if (next.size() > limits.max_atoms) return std::nullopt;
    atoms = std::move(next);
  }
  return atoms;
}

/// Per count set: the atoms (numbered across registers) that hold it.
struct set_atoms {
  std::vector<std::vector<std::uint32_t>> of_set;
  std::uint32_t atoms = 0;
};

inline std::optional<set_atoms> atoms_of_sets(std::span<const count_set> sets, const atom_limits& limits) {
  std::map<register_kind, std::vector<std::uint32_t>> members;
  for (std::uint32_t s = 0; s < sets.size(); ++s) {
    if (!sets[s].empty()) members[sets[s].source].push_back(s);
  }
  set_atoms out;
  out.of_set.resize(sets.size());
  for (const auto& [source, in] : members) {
    const auto atoms = register_atoms(sets, in, limits);
    if (!atoms) return std::nullopt;
    for (const auto& sig : *atoms) {
      for (std::size_t i = 0; i < in.size(); ++i) {
        if (sig[i / 64] >> (i % 64) & 1) out.of_set[in[i]].push_back(out.atoms);
      }
      ++out.atoms;
    }
  }
  return out;
}

}  // namespace detail

/// The programme of one published table over its atoms: an unknown per merged column, a row per
/// published cell that is not 0 (its number), and each cell as the columns it sums.
struct atom_programme {
  linear_system system;
  std::vector<std::vector<std::uint32_t>> columns_of;  ///< per cell: the merged columns it sums
  std::vector<std::uint32_t> row_cell;                 ///< per row of `system`: its published cell

  /// A cell, or a cell less another (a complement), as terms over the unknowns.
  [[nodiscard]] std::vector<std::pair<std::uint32_t, double>> terms(std::uint32_t plus, std::uint32_t minus) const {
    std::map<std::uint32_t, double> t;
    for (auto j : columns_of[plus]) t[j] += 1;
    if (minus != ~std::uint32_t{0}) {
      for (auto j : columns_of[minus]) t[j] -= 1;
    }
    std::vector<std::pair<std::uint32_t, double>> out;
    for (const auto& [j, a] : t) {
      if (a != 0) out.emplace_back(j, a);
    }
    return out;
  }
};

namespace detail {

/// Per column (commune x atom, numbered commune * atoms + atom): the cells that hold it, in cell
/// order. Columns inside a published zero come back empty (they are 0).
inline std::vector<std::vector<std::uint32_t>> cells_of_columns(const cell_space& space, const set_atoms& atoms, std::size_t communes,
                                                                std::span<const double> value, std::span<const std::uint8_t> withheld,
                                                                bool zeros_as_rows) {
  std::vector<std::vector<std::uint32_t>> cells(communes * atoms.atoms);
  std::vector<std::uint8_t> zero(cells.size(), 0);
  for (std::uint32_t x = 0; x < space.set_of.size(); ++x) {
    const bool published_zero = !zeros_as_rows && !withheld[x] && value[x] == 0;
    for (auto b : space.communes[space.unit_of[x]]) {
      for (auto a : atoms.of_set[space.set_of[x]]) {
        const std::size_t col = std::size_t{b} * atoms.atoms + a;
        if (published_zero) zero[col] = 1;
        else cells[col].push_back(x);
      }
    }
  }
  for (std::size_t col = 0; col < cells.size(); ++col) {
    if (zero[col]) cells[col].clear();
  }
  return cells;
}

}  // namespace detail

/// The atom programme of a table whose cells are `space`, with true counts `value` and the cells
/// withheld flagged; nullopt when the table is beyond `limits`. Published zeros drop their columns,
/// or, with `zeros_as_rows`, are rows like the other published cells (a larger programme, whose
/// duals can name a zero as what holds a bound).
[[nodiscard]] inline std::optional<atom_programme> build_atom_programme(const cell_space& space, std::span<const double> value,
                                                                        std::span<const std::uint8_t> withheld, const atom_limits& limits = {},
                                                                        bool zeros_as_rows = false, double column_cap = 1e9) {
  const auto atoms = detail::atoms_of_sets(space.sets, limits);
  if (!atoms) return std::nullopt;
  std::size_t communes = 0;
  for (const auto& u : space.communes) {
    for (auto b : u) communes = std::max<std::size_t>(communes, b + 1);
  }
  if (communes * atoms->atoms > limits.max_columns) return std::nullopt;
  const auto cells = detail::cells_of_columns(space, *atoms, communes, value, withheld, zeros_as_rows);
  atom_programme p;
  p.columns_of.resize(space.set_of.size());
  std::map<std::vector<std::uint32_t>, std::uint32_t> merged;  // the same cells: one column
  for (const auto& in : cells) {
    if (in.empty()) continue;
    const auto [it, fresh] = merged.try_emplace(in, static_cast<std::uint32_t>(p.system.unknowns()));
    if (!fresh) continue;
    p.system.add_unknown(0, column_cap);
    for (auto x : in) p.columns_of[x].push_back(it->second);
  }
  if (p.system.unknowns() > limits.max_unknowns) return std::nullopt;
  std::vector<std::pair<std::uint32_t, double>> row;
  for (std::uint32_t x = 0; x < p.columns_of.size(); ++x) {
    if (withheld[x] || p.columns_of[x].empty()) continue;
    row.clear();
    for (auto j : p.columns_of[x]) row.emplace_back(j, 1.0);
    p.system.add_row(row, value[x], value[x]);
    p.row_cell.push_back(x);
  }
  return p;
}

}  // namespace treem::indicators
