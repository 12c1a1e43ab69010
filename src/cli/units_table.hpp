// Tables of units and mergers, shared by `treem units` and `treem demo`.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/format.hpp"
#include "treem/units/unit_registry.hpp"

namespace treem::cli {

inline std::string flag_text(const sourced<bool>& f) {
  if (!f.known()) return "?";
  return std::string(*f.value ? "yes" : "no") + (f.evidence == evidence::confirmed ? "" : " (" + std::string(to_string(f.evidence)) + ")");
}

inline void print_units(std::ostream& out, const unit_registry& registry, const std::vector<const admin_unit*>& units, const date& on) {
  out << units.size() << " units valid on " << format_vn(on) << ":\n";
  std::vector<std::vector<std::string>> rows{{"code", "unit", "tier", "parent", "mountainous", "island"}};
  for (const admin_unit* u : units) {
    const admin_unit* p = registry.parent(*u, on);
    rows.push_back({u->code, u->full_name(), std::string(to_string(u->tier())), p ? p->full_name() : "",
                    flag_text(u->mountainous), flag_text(u->island)});
  }
  print_table(out, rows);
}

inline void print_merger(std::ostream& out, const unit_registry& registry, const std::string& id) {
  const merger& m = registry.get_merger(id);
  out << m.instrument << ", effective " << format_vn(m.effective) << ":\n";
  std::vector<std::vector<std::string>> rows{{"new code", "new unit", "formed from"}};
  std::vector<std::string> seen;
  for (const auto& link : m.links) {
    if (std::find(seen.begin(), seen.end(), link.to) != seen.end()) continue;
    seen.push_back(link.to);
    std::string from;
    for (const auto& old_code : m.predecessors(link.to)) {
      from += (from.empty() ? "" : " + ") + registry.get(old_code, m.last_day_before()).full_name() + " (" + old_code + ")";
    }
    rows.push_back({link.to, registry.get(link.to, m.effective).full_name(), from});
  }
  print_table(out, rows);
}

}  // namespace treem::cli
