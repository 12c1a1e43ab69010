// Writing TOML values that treem's readers read back exactly: strings as TOML basic strings with
// every character that needs it escaped, and numbers in their shortest form that parses back to
// the same double (a template written from a rule set must load as that rule set, bit for bit).
#pragma once

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <system_error>

namespace treem::io {

/// `text` as a TOML basic string ("..."). Text is UTF-8 and stays as it is, apart from the quote,
/// the backslash and control characters, which TOML does not allow raw in a basic string.
[[nodiscard]] inline std::string toml_string(std::string_view text) {
  std::string out = "\"";
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

/// A finite number as TOML: an integer when it is one (100), else the shortest decimal that reads
/// back as the same double (12.5, 0.1). Readers of points and percentages take either form.
[[nodiscard]] inline std::string toml_number(double v) {
  char buf[64];
  // Whole numbers of 19 digits and more would be read as TOML integers beyond 64 bits: those are
  // written with an exponent.
  const bool huge = std::fabs(v) >= 1e18;
  const auto r = huge ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific) : std::to_chars(buf, buf + sizeof buf, v);
  if (r.ec != std::errc{}) return "0";  // unreachable: 64 bytes hold any double
  return std::string(buf, r.ptr);
}

}  // namespace treem::io
