// The language a person reads: treem speaks one at a time, Vietnamese or English.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace treem {

enum class language : std::uint8_t { vi, en };

[[nodiscard]] constexpr std::string_view to_string(language l) noexcept { return l == language::vi ? "vi" : "en"; }

[[nodiscard]] constexpr std::optional<language> language_from_string(std::string_view s) noexcept {
  if (s == "vi") return language::vi;
  if (s == "en") return language::en;
  return std::nullopt;
}

}  // namespace treem
