// Reads administrative units and mergers from their TOML data file (schema treem.units/1).
#pragma once

#include <string>
#include <string_view>

#include "treem/core/linkage.hpp"
#if TREEM_DEFINITIONS  // toml++ stays out of the headers of a compiled-mode user
#include "treem/io/toml_reader.hpp"
#endif
#include "treem/units/unit_registry.hpp"

namespace treem {

#if TREEM_DEFINITIONS
namespace detail {

inline sourced<bool> read_flag(io::table_reader& r, std::string_view key) {
  sourced<bool> flag;
  const toml::node* n = r.node(key);
  if (!n) return flag;  // unknown
  const auto* t = n->as_table();
  if (!t) r.fail_type(key, *n, "an inline table { value = ..., status = ..., source = ... }");
  io::table_reader f(*t, r.field(key), r.source_name());
  flag.value = f.optional_bool("value");
  if (!flag.value) f.fail_missing("value", "true or false");
  flag.evidence = f.required_evidence("status");
  flag.source = f.required_string("source");
  f.finish();
  return flag;
}

inline admin_unit read_unit(io::table_reader& r) {
  admin_unit u;
  u.code = r.required_string("code");
  for (char c : u.code) {
    if (!detail::is_digit(c)) throw validation_error(r.where("code"), r.field("code"), treem::quoted(u.code) + " is not a numeric code");
  }
  u.name = r.required_string("name");
  const std::string kind = r.required_string("kind");
  const auto k = unit_kind_from_string(kind);
  if (!k) {
    std::string known;
    for (const auto& i : unit_kinds) known += (known.empty() ? "" : ", ") + std::string(i.id);
    throw validation_error(r.where("kind"), r.field("kind"), "unknown kind " + treem::quoted(kind) + " (expected one of " + known + ")");
  }
  u.kind = *k;
  u.parent = r.optional_string("parent");
  u.valid_from = r.optional_date("valid_from");
  u.valid_to = r.optional_date("valid_to");
  u.mountainous = read_flag(r, "mountainous");
  u.island = read_flag(r, "island");
  u.extremely_disadvantaged = read_flag(r, "extremely_disadvantaged");
  u.evidence = r.required_evidence("status");
  u.source = r.required_string("source");
  r.finish();
  return u;
}

inline merger read_merger(io::table_reader& r) {
  merger m;
  m.id = r.required_string("id");
  m.instrument = r.required_string("instrument");
  m.adopted = r.optional_date("adopted");
  m.effective = r.required_date("effective");
  m.evidence = r.required_evidence("status");
  m.source = r.required_string("source");
  std::size_t i = 0;
  for (const toml::table* t : r.tables("into")) {
    io::table_reader into(*t, r.field("into") + "[" + std::to_string(i++) + "]", r.source_name());
    const std::string to = into.required_string("code");
    const toml::array* from = into.optional_array("from");
    if (!from || from->empty()) into.fail_missing("from", "a non-empty array of old codes");
    for (const auto& item : *from) {
      const auto* s = item.as_string();
      if (!s) throw validation_error(io::location_of(item, r.source_name()), into.field("from"), "expected a code as a string");
      for (const auto& l : m.links) {
        if (l.from == s->get()) {
          throw validation_error(io::location_of(item, r.source_name()), into.field("from"),
                                 "old unit " + l.from + " is already merged into " + l.to);
        }
      }
      m.links.push_back({s->get(), to});
    }
    into.finish();
  }
  r.finish();
  return m;
}

}  // namespace detail
#endif

/// Adds the units and mergers of one TOML document to `registry` (several files may be loaded
/// into one registry) and validates the result.
TREEM_FUNC void load_units(unit_registry& registry, std::string_view toml_text, const std::string& source_name);

#if TREEM_DEFINITIONS
TREEM_FUNC void load_units(unit_registry& registry, std::string_view toml_text, const std::string& source_name) {
  const toml::table doc = io::parse_toml(toml_text, source_name);
  io::table_reader root(doc, "", source_name);
  io::require_schema(root, "treem.units/1");
  (void)root.required_string("id");
  (void)root.required_string("version");
  (void)root.optional_string("title");
  std::size_t i = 0;
  for (const toml::table* t : root.tables("unit")) {
    io::table_reader r(*t, "unit[" + std::to_string(i++) + "]", source_name);
    registry.add(detail::read_unit(r), r.where());
  }
  i = 0;
  for (const toml::table* t : root.tables("merger")) {
    io::table_reader r(*t, "merger[" + std::to_string(i++) + "]", source_name);
    registry.add(detail::read_merger(r), r.where());
  }
  root.finish();
  registry.validate();
}
#endif

/// A new registry from one TOML document.
[[nodiscard]] TREEM_FUNC unit_registry load_units(std::string_view toml_text, const std::string& source_name);

#if TREEM_DEFINITIONS
TREEM_FUNC unit_registry load_units(std::string_view toml_text, const std::string& source_name) {
  unit_registry registry;
  load_units(registry, toml_text, source_name);
  return registry;
}
#endif

}  // namespace treem
