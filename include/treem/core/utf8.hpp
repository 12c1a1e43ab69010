// Well-formed UTF-8 (Unicode 15, Table 3-7), checked without ICU, and input quoted in a message
// as text that is always well-formed: a message that carries a stray byte could not become a
// Python exception's text, nor be printed safely.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace treem {

/// The length of the well-formed sequence that starts at `i`, or 0 when it is ill-formed
/// (a stray continuation byte, an overlong form, a surrogate, a code point past U+10FFFF, a cut).
[[nodiscard]] constexpr std::size_t utf8_sequence_length(std::string_view s, std::size_t i) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the second byte's range
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;  // no overlong forms
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;  // nothing past U+10FFFF
  } else {
    return 0;
  }
  if (i + n > s.size() || byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  return n;
}

/// The byte offset of the first ill-formed sequence, or npos.
[[nodiscard]] constexpr std::size_t first_invalid_utf8(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_sequence_length(s, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

/// `text` in quotes for a message: ill-formed bytes and control characters (a NUL would cut the
/// message short wherever it is read as a C string) shown as U+FFFD, and cut after about 60 bytes
/// (a data file's value, never a child's: registers' messages never quote a cell).
[[nodiscard]] inline std::string quoted(std::string_view text) {
  constexpr std::size_t room = 60;
  std::string out = "'";
  for (std::size_t i = 0; i < text.size();) {
    if (out.size() > room) {
      out += "\xE2\x80\xA6";  // …
      break;
    }
    const std::size_t n = utf8_sequence_length(text, i);
    const auto c = static_cast<unsigned char>(text[i]);
    if (n == 0 || c < 0x20 || c == 0x7F) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out + "'";
}

}  // namespace treem
