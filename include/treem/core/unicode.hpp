// Unicode text handling through ICU. Vietnamese names arrive both precomposed ("ạ" as U+1EA1) and
// decomposed ("a" + U+0323); treem compares names only after NFC normalisation, and then exactly,
// because "Sơn Hà" and "Sơn Hạ" are two different units that differ only by a tone mark.
#pragma once

#include <string>
#include <string_view>

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "treem/core/error.hpp"
#include "treem/core/utf8.hpp"

namespace treem::unicode {

/// True when `text` is well-formed UTF-8 (no stray continuation bytes, no overlong forms,
/// no surrogates).
[[nodiscard]] inline bool is_valid_utf8(std::string_view text) noexcept { return treem::first_invalid_utf8(text) == std::string_view::npos; }

/// The byte offset of the first ill-formed sequence, or npos.
[[nodiscard]] inline std::size_t first_invalid_utf8(std::string_view text) noexcept { return treem::first_invalid_utf8(text); }

namespace detail {
/// ASCII text is its own NFC form and lower-cases byte by byte: registers are mostly ASCII (codes,
/// dates, flags), and this spares them ICU's UTF-16 round trip.
[[nodiscard]] inline bool is_ascii(std::string_view text) noexcept {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

[[nodiscard]] inline const icu::Normalizer2& nfc_normalizer() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || n == nullptr) throw error("ICU: the NFC normaliser is not available");
  return *n;
}

inline void require_utf8(std::string_view text) {
  if (const auto bad = first_invalid_utf8(text); bad != std::string_view::npos) {
    throw parse_error({"<text>", 1, bad + 1}, "text is not valid UTF-8 (byte " + std::to_string(bad + 1) + ")");
  }
}
}  // namespace detail

/// True when `text` is already in Normalisation Form C. Throws parse_error on invalid UTF-8.
[[nodiscard]] inline bool is_nfc(std::string_view text) {
  detail::require_utf8(text);
  UErrorCode status = U_ZERO_ERROR;
  const auto u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  const bool result = detail::nfc_normalizer().isNormalized(u, status);
  if (U_FAILURE(status)) throw error("ICU: NFC check failed");
  return result;
}

/// `text` in Normalisation Form C. Throws parse_error on invalid UTF-8.
[[nodiscard]] inline std::string nfc(std::string_view text) {
  if (detail::is_ascii(text)) return std::string(text);
  detail::require_utf8(text);
  const auto u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  UErrorCode status = U_ZERO_ERROR;
  // The quick check avoids a copy through UTF-16 for the common, already-composed case.
  if (detail::nfc_normalizer().isNormalized(u, status) && U_SUCCESS(status)) return std::string(text);
  status = U_ZERO_ERROR;
  const icu::UnicodeString normalised = detail::nfc_normalizer().normalize(u, status);
  if (U_FAILURE(status)) throw error("ICU: NFC normalisation failed");
  std::string out;
  normalised.toUTF8String(out);
  return out;
}

/// Lower case by Unicode rules (used to read words such as "Ngày" / "ngày" in documents).
[[nodiscard]] inline std::string to_lower(std::string_view text) {
  if (detail::is_ascii(text)) {
    std::string out(text);
    for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return out;
  }
  detail::require_utf8(text);
  auto u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  u.toLower(icu::Locale("vi"));
  std::string out;
  u.toUTF8String(out);
  return out;
}

/// Names are equal when their NFC forms are equal byte for byte: accents and tone marks count.
[[nodiscard]] inline bool same_name(std::string_view a, std::string_view b) { return nfc(a) == nfc(b); }

}  // namespace treem::unicode
