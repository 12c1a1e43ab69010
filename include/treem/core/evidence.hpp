// How well a fact in the bundled or user-supplied data is established. DOMAIN.md marks every fact
// confirmed or UNCONFIRMED; treem keeps that mark next to the value instead of dropping it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace treem {

enum class evidence {
  confirmed,    ///< read in an official or cited source
  unconfirmed,  ///< plausible but not checked against the official text: treat with care
  inferred,     ///< deduced from confirmed facts, stated in no source
};

[[nodiscard]] constexpr std::string_view to_string(evidence e) noexcept {
  switch (e) {
    case evidence::confirmed: return "confirmed";
    case evidence::unconfirmed: return "unconfirmed";
    case evidence::inferred: return "inferred";
  }
  return "unconfirmed";
}

[[nodiscard]] constexpr std::optional<evidence> evidence_from_string(std::string_view s) noexcept {
  if (s == "confirmed") return evidence::confirmed;
  if (s == "unconfirmed") return evidence::unconfirmed;
  if (s == "inferred") return evidence::inferred;
  return std::nullopt;
}

/// A value with its provenance. `value` is empty when the fact is not known at all.
template <class T>
struct sourced {
  std::optional<T> value;
  treem::evidence evidence = treem::evidence::unconfirmed;
  std::string source;

  [[nodiscard]] bool known() const noexcept { return value.has_value(); }
  friend bool operator==(const sourced&, const sourced&) = default;
};

}  // namespace treem
