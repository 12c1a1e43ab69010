// A count set as one line of text, for the publish log: what a count covers must be recognised by
// a later run over the same registers, whatever indicator or breakdown publishes it there. The text
// is canonical (equal sets give equal text): the register, then every attribute as its bit set in
// hexadecimal, in a fixed order, and the ethnicities of the child register by name ("*": all of
// them), since their bit numbers are the order of the register's dictionary.
//   children;ages=1f;sexes=3;flags=ffffffff;groups=0;kinds=1;fatal=1;env=1;plans=1;eth=*
#pragma once

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "treem/core/linkage.hpp"
#include "treem/indicators/count_set.hpp"

namespace treem::indicators {

namespace detail {

/// An ethnicity name with the separators of the text (and '%') written as %XX.
inline std::string escape_name(std::string_view name) {
  std::string out;
  for (char ch : name) {
    if (ch == ';' || ch == '|' || ch == '%' || ch == '=') {
      static constexpr char hex[] = "0123456789ABCDEF";
      const auto u = static_cast<unsigned char>(ch);
      out += '%', out += hex[u >> 4], out += hex[u & 15];
    } else {
      out += ch;
    }
  }
  return out;
}

inline std::optional<std::string> unescape_name(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    unsigned v = 0;
    if (i + 2 >= text.size() || std::from_chars(text.data() + i + 1, text.data() + i + 3, v, 16).ptr != text.data() + i + 3) return std::nullopt;
    out += static_cast<char>(v);
    i += 2;
  }
  return out;
}

inline std::string hex(std::uint32_t v) {
  char buf[16];
  const auto end = std::to_chars(buf, buf + sizeof buf, v, 16).ptr;
  return std::string(buf, end);
}

}  // namespace detail

/// The canonical text of `s`. `ethnicity_names`: the child register's dictionary.
[[nodiscard]] inline std::string count_set_text(const count_set& s, std::span<const std::string> ethnicity_names) {
  using detail::hex;
  std::string out = s.source == register_kind::children ? "children" : "incidents";
  out += ";ages=" + hex(s.ages) + ";sexes=" + hex(s.sexes) + ";flags=" + hex(s.flag_states) + ";groups=" + hex(s.groups_any) +
         ";kinds=" + hex(s.kinds) + ";fatal=" + hex(s.fatal) + ";env=" + hex(s.environments) + ";plans=" + hex(s.plans);
  if (s.source != register_kind::children) return out;
  out += ";eth=";
  // A register without ethnicities has one slot, bit 0 (whole_register): "*" as well.
  const std::size_t slots = std::max<std::size_t>(ethnicity_names.size(), 1);
  std::size_t set = 0;
  for (std::size_t e = 0; e < slots; ++e) set += e / 64 < s.ethnicities.size() && (s.ethnicities[e / 64] >> (e % 64) & 1);
  if (set == slots) return out + "*";
  bool first = true;
  for (std::size_t e = 0; e < ethnicity_names.size(); ++e) {
    if (e / 64 < s.ethnicities.size() && (s.ethnicities[e / 64] >> (e % 64) & 1)) {
      out += (first ? "" : "|") + detail::escape_name(ethnicity_names[e]);
      first = false;
    }
  }
  return out;
}

/// Why a count set's text could not be read (for the reader to locate).
struct count_set_text_error {
  std::string message;
};

/// The count set `text` describes, over the child register's dictionary `ethnicity_names`; a text
/// that is not canonical, or names an ethnicity the register does not have, is an error.
[[nodiscard]] TREEM_FUNC count_set parse_count_set(std::string_view text, std::span<const std::string> ethnicity_names);

#if TREEM_DEFINITIONS
TREEM_FUNC count_set parse_count_set(std::string_view text, std::span<const std::string> ethnicity_names) {
  count_set s;
  const auto fail = [&](const std::string& why) { throw count_set_text_error{why}; };
  const auto field = [&](std::string_view& rest) {
    const auto end = rest.find(';');
    const std::string_view f = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    return f;
  };
  std::string_view rest = text;
  const std::string_view source = field(rest);
  if (source == "children") s.source = register_kind::children;
  else if (source == "incidents") s.source = register_kind::incidents;
  else fail("does not start with the register (children or incidents)");
  const std::pair<std::string_view, std::uint32_t*> bits[] = {{"ages", &s.ages},         {"sexes", &s.sexes}, {"flags", &s.flag_states},
                                                              {"groups", &s.groups_any}, {"kinds", &s.kinds}, {"fatal", &s.fatal},
                                                              {"env", &s.environments},  {"plans", &s.plans}};
  for (const auto& [name, target] : bits) {
    const std::string_view f = field(rest);
    if (f.substr(0, name.size()) != name || f.size() <= name.size() + 1 || f[name.size()] != '=') fail("has no field " + std::string(name) + " where expected");
    const std::string_view v = f.substr(name.size() + 1);
    if (std::from_chars(v.data(), v.data() + v.size(), *target, 16).ptr != v.data() + v.size()) fail("field " + std::string(name) + " is not a hexadecimal bit set");
  }
  if (s.source == register_kind::incidents) {
    if (!rest.empty()) fail("has text after the last field of the incident register");
    s.ethnicities = {1};
    s.canonicalise();
    return s;
  }
  const std::string_view f = field(rest);
  if (f.substr(0, 4) != "eth=" || !rest.empty()) fail("does not end with the field eth");
  std::string_view names = f.substr(4);
  s.ethnicities.assign((std::max<std::size_t>(ethnicity_names.size(), 1) + 63) / 64, 0);
  count_set any_ethnicity = s;
  any_ethnicity.ethnicities = {1};
  if (any_ethnicity.empty()) {  // the canonical empty set (other fields empty): it has no names
    s.canonicalise();
    return s;
  }
  if (names == "*") {
    for (std::size_t e = 0; e < std::max<std::size_t>(ethnicity_names.size(), 1); ++e) detail::set_bit(s.ethnicities, e);
    s.canonicalise();
    return s;
  }
  // Names between bars; an empty name (an ethnicity left blank in the register) is an empty token.
  for (bool more = true; more;) {
    const auto end = names.find('|');
    const auto name = detail::unescape_name(names.substr(0, end));
    more = end != std::string_view::npos;
    if (more) names = names.substr(end + 1);
    if (!name) fail("has a malformed %-escape in field eth");
    const auto it = std::find(ethnicity_names.begin(), ethnicity_names.end(), *name);
    if (it == ethnicity_names.end()) fail("names an ethnicity the child register does not have");
    detail::set_bit(s.ethnicities, static_cast<std::size_t>(it - ethnicity_names.begin()));
  }
  s.canonicalise();
  return s;
}
#endif

}  // namespace treem::indicators
