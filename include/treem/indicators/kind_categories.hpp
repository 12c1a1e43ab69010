// The categories of the `kind` breakdown. Incident kinds form a hierarchy in the law: "xâm hại"
// (abuse, Law on Children Art. 4(8)) covers violence, sexual abuse, exploitation, trafficking,
// abandonment, neglect and other abuse; sexual abuse covers the five cases of Decree 56/2017/NĐ-CP
// (rape, coerced sex, sexual intercourse with a child, molestation, prostitution or pornography),
// and a register may record sexual abuse without its form. Injuries ("tai nạn, thương tích") are
// drowning, traffic injuries and other injuries.
//
// A breakdown by kind shows that hierarchy: a parent category ("sexual_abuse") counts every kind
// below it, so that a row labelled sexual_abuse means what a filter naming sexual_abuse means, and
// the kind recorded without its form is a leaf of its own ("sexual_abuse_form_not_recorded").
// Every parent's count is the sum of its children's. The categories are listed depth first, so a
// table sorted by category code reads as the tree.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "treem/registers/vocabulary.hpp"

namespace treem::indicators {

struct kind_category {
  std::string_view name;     ///< as printed in tables (English)
  std::string_view name_vi;  ///< as printed in Vietnamese reports
  std::uint16_t kinds = 0;   ///< bit i: incident_kind i is counted here
  std::int8_t parent = -1;   ///< the category this one is a part of, or -1 at the top
};

namespace detail {

[[nodiscard]] constexpr std::uint16_t kind_bit(registers::incident_kind k) noexcept { return static_cast<std::uint16_t>(1u << static_cast<unsigned>(k)); }

[[nodiscard]] constexpr std::uint16_t kinds_where(bool (*pred)(registers::incident_kind) noexcept) noexcept {
  std::uint16_t out = 0;
  for (std::size_t i = 0; i < registers::incident_kind_count; ++i) {
    if (pred(static_cast<registers::incident_kind>(i))) out = static_cast<std::uint16_t>(out | (1u << i));
  }
  return out;
}

[[nodiscard]] constexpr bool is_injury(registers::incident_kind k) noexcept {
  return k == registers::incident_kind::drowning || k == registers::incident_kind::traffic_injury || k == registers::incident_kind::other_injury;
}

/// A leaf: one incident kind under `parent`, named as in registers.
[[nodiscard]] constexpr kind_category leaf(registers::incident_kind k, std::int8_t parent) noexcept {
  return {registers::to_string(k), registers::label_vi(k), kind_bit(k), parent};
}

}  // namespace detail

inline constexpr std::size_t kind_category_count = registers::incident_kind_count + 3;

/// The categories in depth-first order. Codes 0 (injury), 4 (abuse) and 6 (sexual abuse) are the
/// parents; every incident kind is exactly one leaf.
inline constexpr std::array<kind_category, kind_category_count> kind_categories = [] {
  using registers::incident_kind;
  using detail::leaf;
  constexpr std::int8_t injury = 0, abuse = 4, sexual = 6;
  return std::array<kind_category, kind_category_count>{{
      {"injury", "tai nạn, thương tích", detail::kinds_where(detail::is_injury), -1},
      leaf(incident_kind::drowning, injury),
      leaf(incident_kind::traffic_injury, injury),
      leaf(incident_kind::other_injury, injury),
      {"abuse", "xâm hại", detail::kinds_where(registers::is_abuse), -1},
      leaf(incident_kind::violence, abuse),
      {"sexual_abuse", "xâm hại tình dục", detail::kinds_where(registers::is_sexual_abuse), abuse},
      {"sexual_abuse_form_not_recorded", "xâm hại tình dục, không rõ hình thức", detail::kind_bit(incident_kind::sexual_abuse), sexual},
      leaf(incident_kind::rape, sexual),
      leaf(incident_kind::coerced_sex, sexual),
      leaf(incident_kind::sexual_intercourse_with_child, sexual),
      leaf(incident_kind::molestation, sexual),
      leaf(incident_kind::prostitution_or_pornography, sexual),
      leaf(incident_kind::exploitation, abuse),
      leaf(incident_kind::trafficking, abuse),
      leaf(incident_kind::abandonment, abuse),
      leaf(incident_kind::neglect, abuse),
      leaf(incident_kind::other_abuse, abuse),
  }};
}();

/// Whether category `c` has parts (a parent) rather than being one incident kind.
[[nodiscard]] constexpr bool is_parent_kind_category(std::size_t c) noexcept {
  for (const auto& k : kind_categories) {
    if (k.parent == static_cast<int>(c)) return true;
  }
  return false;
}

/// The leaf category of an incident kind.
[[nodiscard]] constexpr std::size_t kind_category_of(registers::incident_kind k) noexcept {
  for (std::size_t c = 0; c < kind_category_count; ++c) {
    if (!is_parent_kind_category(c) && kind_categories[c].kinds == detail::kind_bit(k)) return c;
  }
  return kind_category_count;  // unreachable: every kind is a leaf (checked below)
}

/// A category by its English or Vietnamese name.
[[nodiscard]] constexpr std::optional<std::size_t> kind_category_from_string(std::string_view s) noexcept {
  for (std::size_t c = 0; c < kind_category_count; ++c) {
    if (kind_categories[c].name == s || kind_categories[c].name_vi == s) return c;
  }
  return std::nullopt;
}

/// Whether a breakdown by kind of a count of `kinds` (bit i: incident_kind i) shows category `c`: a
/// leaf that counts one of them, or a parent that adds a row of its own, i.e. one that counts some
/// but not all of them (else its row is the total) through at least two of its parts (else its row
/// is that part's).
[[nodiscard]] constexpr bool shows_kind_category(std::size_t c, std::uint16_t kinds) noexcept {
  const std::uint16_t counted = kind_categories[c].kinds & kinds;
  if (!is_parent_kind_category(c)) return counted != 0;
  if (counted == kinds) return false;
  int parts = 0;
  for (const auto& k : kind_categories) {
    if (k.parent == static_cast<int>(c) && (k.kinds & kinds) != 0) ++parts;
  }
  return parts >= 2;
}

/// How deep category `c` lies (0 at the top), for indenting it under its parent.
[[nodiscard]] constexpr int kind_category_depth(std::size_t c) noexcept {
  int depth = 0;
  for (int p = kind_categories[c].parent; p >= 0; p = kind_categories[static_cast<std::size_t>(p)].parent) ++depth;
  return depth;
}

namespace detail {
// The tree is what the header says: each parent counts exactly the union of its children, and the
// leaves are the incident kinds, each once.
[[nodiscard]] constexpr bool kind_tree_is_sound() noexcept {
  std::uint16_t leaves = 0;
  for (std::size_t c = 0; c < kind_category_count; ++c) {
    const auto& k = kind_categories[c];
    if (k.parent >= static_cast<int>(c)) return false;  // depth first: a parent comes before its parts
    if (is_parent_kind_category(c)) {
      std::uint16_t parts = 0;
      for (const auto& child : kind_categories) {
        if (child.parent == static_cast<int>(c)) {
          if (parts & child.kinds) return false;
          parts = static_cast<std::uint16_t>(parts | child.kinds);
        }
      }
      if (parts != k.kinds) return false;
    } else {
      if (leaves & k.kinds) return false;
      leaves = static_cast<std::uint16_t>(leaves | k.kinds);
    }
  }
  return leaves == (1u << registers::incident_kind_count) - 1;
}
static_assert(kind_tree_is_sound(), "kind_categories: a parent must be the union of its parts, and every incident kind one leaf");
}  // namespace detail

}  // namespace treem::indicators
