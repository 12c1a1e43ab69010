// CSV output that a spreadsheet can open safely. A text cell is quoted when it holds a separator, a
// quote or a line break (RFC 4180), and one that starts with =, +, -, @, a tab or a carriage return
// gets a leading apostrophe (the OWASP rule against formula injection), so that a unit name or an
// id in a register can never run as a formula. Numbers that treem formats itself are written as
// they are.
#pragma once

#include <string>
#include <string_view>

namespace treem::io {

/// Whether a spreadsheet would read `s` as the start of a formula.
[[nodiscard]] constexpr bool looks_like_formula(std::string_view s) noexcept {
  return !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}

/// A text cell for CSV: neutralised against formulas, then quoted when needed.
[[nodiscard]] inline std::string csv_text(std::string_view s) {
  std::string cell = looks_like_formula(s) ? "'" + std::string(s) : std::string(s);
  if (cell.find_first_of(",;\"\r\n") == std::string::npos) return cell;
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace treem::io
