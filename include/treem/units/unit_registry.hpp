// A dated hierarchy of administrative units and the mergers between them. Every query takes the
// date on which it is asked, because codes and parents change over time.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "treem/core/error.hpp"
#include "treem/core/unicode.hpp"
#include "treem/units/admin_unit.hpp"
#include "treem/units/merger.hpp"

namespace treem {

class unit_registry {
 public:
  unit_registry() = default;

  /// Adds a unit. Throws validation_error if the same code is already valid on an overlapping span.
  /// `where` locates the unit in its source for the error message.
  void add(admin_unit unit, const source_location& where = {"<api>"}) {
    if (unit.code.empty()) throw validation_error(where, "code", "must not be empty");
    unit.name = unicode::nfc(unit.name);
    if (detail::trim(unit.name).empty()) throw validation_error(where, "name", "must not be empty or blank");
    if (unit.valid_from && unit.valid_to && *unit.valid_to < *unit.valid_from) {
      throw validation_error(where, "valid_to", "is before valid_from");
    }
    for (std::size_t i : indices(unit.code)) {
      if (units_[i].overlaps(unit)) {
        throw validation_error(where, "code", "unit " + unit.code + " is already defined over an overlapping span (" + units_[i].full_name() + ")");
      }
    }
    by_code_[unit.code].push_back(units_.size());
    units_.push_back(std::move(unit));
    where_.push_back(where);
  }

  /// Adds a merger. Its links are checked by validate().
  void add(merger m, const source_location& where = {"<api>"}) {
    for (const auto& other : mergers_) {
      if (other.id == m.id) throw validation_error(where, "id", "duplicate merger id " + treem::quoted(m.id));
    }
    mergers_.push_back(std::move(m));
    merger_where_.push_back(where);
  }

  /// Checks the whole registry: every parent exists over the child's whole span and is of a higher
  /// tier, there are no cycles, and every merger link joins units that exist on the right days.
  void validate() const {
    for (std::size_t i = 0; i < units_.size(); ++i) {
      const admin_unit& u = units_[i];
      if (!u.parent) continue;
      const auto& candidates = indices(*u.parent);
      if (!parent_covers(candidates, u)) {
        throw validation_error(where_[i], "parent", "unit " + u.code + " (" + u.full_name() + "): parent " + *u.parent + " is not defined over the whole validity of the unit");
      }
      // Tiers are ordered province < district < commune; a parent must sit strictly higher.
      for (std::size_t j : candidates) {
        if (units_[j].overlaps(u) && static_cast<int>(units_[j].tier()) >= static_cast<int>(u.tier())) {
          throw validation_error(where_[i], "parent", "unit " + u.code + ": a " + std::string(to_string(u.kind)) +
                                                          " cannot sit under a " + std::string(to_string(units_[j].kind)));
        }
      }
    }
    for (std::size_t m = 0; m < mergers_.size(); ++m) {
      const merger& g = mergers_[m];
      if (g.links.empty()) throw validation_error(merger_where_[m], "merger " + g.id, "has no links");
      if (g.effective.year() <= min_year) {
        throw validation_error(merger_where_[m], "merger " + g.id, "takes effect before the supported years");
      }
      for (const auto& l : g.links) {
        if (!find(l.from, g.last_day_before())) {
          throw validation_error(merger_where_[m], "merger " + g.id, "old unit " + l.from + " does not exist on " + format_vn(g.last_day_before()));
        }
        if (!find(l.to, g.effective)) {
          throw validation_error(merger_where_[m], "merger " + g.id, "new unit " + l.to + " does not exist on " + format_vn(g.effective));
        }
        const auto n = std::count(g.links.begin(), g.links.end(), l);
        if (n > 1) throw validation_error(merger_where_[m], "merger " + g.id, "link " + l.from + " -> " + l.to + " appears twice");
      }
    }
  }

  [[nodiscard]] const std::vector<admin_unit>& units() const noexcept { return units_; }
  [[nodiscard]] const std::vector<merger>& mergers() const noexcept { return mergers_; }
  [[nodiscard]] std::size_t size() const noexcept { return units_.size(); }

  /// The unit with `code` on date `on`, or nullptr.
  [[nodiscard]] const admin_unit* find(const std::string& code, const date& on) const {
    for (std::size_t i : indices(code)) {
      if (units_[i].valid_on(on)) return &units_[i];
    }
    return nullptr;
  }
  /// The unit with `code` on date `on`; throws not_found_error.
  [[nodiscard]] const admin_unit& get(const std::string& code, const date& on) const {
    if (const admin_unit* u = find(code, on)) return *u;
    throw not_found_error("unit", code, "on " + format_vn(on));
  }

  /// Units valid on `on` whose name equals `name` after NFC normalisation; accents count, so
  /// "Sơn Hà" does not find "Sơn Hạ". Optionally only units of one kind.
  [[nodiscard]] std::vector<const admin_unit*> find_by_name(std::string_view name, const date& on,
                                                           std::optional<unit_kind> kind = std::nullopt) const {
    const std::string key = unicode::nfc(name);
    std::vector<const admin_unit*> out;
    for (const auto& u : units_) {
      if (u.name == key && u.valid_on(on) && (!kind || u.kind == *kind)) out.push_back(&u);
    }
    return out;
  }

  [[nodiscard]] const admin_unit* parent(const admin_unit& u, const date& on) const {
    return u.parent ? find(*u.parent, on) : nullptr;
  }

  /// Parent, grandparent, ... on date `on`, nearest first.
  [[nodiscard]] std::vector<const admin_unit*> ancestors(const std::string& code, const date& on) const {
    std::vector<const admin_unit*> out;
    const admin_unit* u = &get(code, on);
    while ((u = parent(*u, on)) != nullptr) {
      if (out.size() > units_.size()) throw validation_error({"<registry>"}, "parent", "cycle through unit " + code);
      out.push_back(u);
    }
    return out;
  }

  /// Units valid on `on` whose parent is `code`.
  [[nodiscard]] std::vector<const admin_unit*> children(const std::string& code, const date& on) const {
    std::vector<const admin_unit*> out;
    for (const auto& u : units_) {
      if (u.parent && *u.parent == code && u.valid_on(on)) out.push_back(&u);
    }
    return out;
  }

  /// All units below `code` on `on` (any depth), optionally of one tier only, in code order.
  [[nodiscard]] std::vector<const admin_unit*> descendants(const std::string& code, const date& on,
                                                           std::optional<unit_tier> tier = std::nullopt) const {
    (void)get(code, on);
    std::vector<const admin_unit*> out;
    std::vector<std::string> frontier{code};
    while (!frontier.empty()) {
      std::vector<std::string> next;
      for (const auto& c : frontier) {
        for (const admin_unit* child : children(c, on)) {
          if (!tier || child->tier() == *tier) out.push_back(child);
          next.push_back(child->code);
        }
      }
      if (out.size() > units_.size()) throw validation_error({"<registry>"}, "parent", "cycle below unit " + code);
      frontier = std::move(next);
    }
    sort_by_code(out);
    return out;
  }

  /// Every unit valid on `on`, optionally of one tier, in code order.
  [[nodiscard]] std::vector<const admin_unit*> units_on(const date& on, std::optional<unit_tier> tier = std::nullopt) const {
    std::vector<const admin_unit*> out;
    for (const auto& u : units_) {
      if (u.valid_on(on) && (!tier || u.tier() == *tier)) out.push_back(&u);
    }
    sort_by_code(out);
    return out;
  }

  [[nodiscard]] const merger& get_merger(const std::string& id) const {
    for (const auto& m : mergers_) {
      if (m.id == id) return m;
    }
    throw not_found_error("merger", id);
  }

 private:
  [[nodiscard]] const std::vector<std::size_t>& indices(const std::string& code) const {
    static const std::vector<std::size_t> none;
    auto it = by_code_.find(code);
    return it == by_code_.end() ? none : it->second;
  }

  // Do the records of one parent code, taken together, cover the whole validity of `child`? A
  // parent may be split into consecutive records (a rename, a change of kind); they are walked in
  // order of start from the child's first day, and each must begin by the day after the last ended.
  [[nodiscard]] bool parent_covers(const std::vector<std::size_t>& records, const admin_unit& child) const {
    std::vector<const admin_unit*> spans;
    for (std::size_t j : records) spans.push_back(&units_[j]);
    std::sort(spans.begin(), spans.end(), [](const admin_unit* a, const admin_unit* b) {
      if (!a->valid_from || !b->valid_from) return !a->valid_from && b->valid_from;
      return *a->valid_from < *b->valid_from;
    });
    std::optional<date> need = child.valid_from;  // first day still to cover (empty: an open start)
    for (const admin_unit* s : spans) {
      const bool starts_in_time = !s->valid_from || (need && *s->valid_from <= *need);
      if (!starts_in_time) continue;
      if (!s->valid_to) return true;                       // open end covers the rest
      if (need && *s->valid_to < *need) continue;          // ends before what is still needed
      if (child.valid_to && *child.valid_to <= *s->valid_to) return true;
      need = add_days(*s->valid_to, 1);
    }
    return false;
  }

  static void sort_by_code(std::vector<const admin_unit*>& v) {
    // Codes are digit strings of varying length (51, 529, 21289): order by length, then text.
    std::sort(v.begin(), v.end(), [](const admin_unit* a, const admin_unit* b) {
      return a->code.size() != b->code.size() ? a->code.size() < b->code.size() : a->code < b->code;
    });
  }

  std::vector<admin_unit> units_;
  std::vector<source_location> where_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_code_;
  std::vector<merger> mergers_;
  std::vector<source_location> merger_where_;
};

}  // namespace treem
