// Incidents that can weigh on a commune's recognition: drowning and other injuries, violence and
// the forms of abuse of the Law on Children (Art. 4(5)). Records carry no child identifiers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "treem/core/source_location.hpp"
#include "treem/time/date.hpp"

namespace treem::certify {

enum class incident_kind : std::uint8_t {
  drowning,        ///< đuối nước
  traffic_injury,  ///< tai nạn giao thông
  other_injury,    ///< other accidents and injuries
  violence,        ///< bạo lực
  sexual_abuse,    ///< xâm hại tình dục, its form not recorded
  exploitation,    ///< bóc lột
  trafficking,     ///< mua bán
  abandonment,     ///< bỏ rơi
  neglect,         ///< bỏ mặc
  other_abuse,     ///< other forms of xâm hại
  // The five cases counted as child sexual abuse by Decree 56/2017 (DOMAIN.md §3.1): forms of
  // sexual_abuse. Wherever a rule or a filter names sexual_abuse, these are included.
  rape,                         ///< hiếp dâm
  coerced_sex,                  ///< cưỡng dâm
  sexual_intercourse_with_child,  ///< giao cấu với trẻ em
  molestation,                  ///< dâm ô
  prostitution_or_pornography,  ///< sử dụng trẻ em vào mục đích mại dâm, khiêu dâm
};

inline constexpr std::string_view incident_kind_names[] = {"drowning", "traffic_injury", "other_injury", "violence", "sexual_abuse",
                                                           "exploitation", "trafficking", "abandonment", "neglect", "other_abuse",
                                                           "rape", "coerced_sex", "sexual_intercourse_with_child", "molestation",
                                                           "prostitution_or_pornography"};

[[nodiscard]] constexpr std::string_view to_string(incident_kind k) noexcept { return incident_kind_names[static_cast<int>(k)]; }

[[nodiscard]] constexpr std::optional<incident_kind> incident_kind_from_string(std::string_view s) noexcept {
  for (int i = 0; i < static_cast<int>(std::size(incident_kind_names)); ++i) {
    if (incident_kind_names[i] == s) return static_cast<incident_kind>(i);
  }
  return std::nullopt;
}

/// "drowning, traffic_injury, ...": the accepted names, for error messages.
[[nodiscard]] inline std::string incident_kind_list() {
  std::string out;
  for (auto n : incident_kind_names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

/// Vietnamese name of a kind, for explanations.
[[nodiscard]] constexpr std::string_view label_vi(incident_kind k) noexcept {
  constexpr std::string_view names[] = {"đuối nước", "tai nạn giao thông", "tai nạn, thương tích khác", "bạo lực", "xâm hại tình dục",
                                        "bóc lột", "mua bán", "bỏ rơi", "bỏ mặc", "xâm hại khác", "hiếp dâm", "cưỡng dâm",
                                        "giao cấu với trẻ em", "dâm ô", "sử dụng trẻ em vào mục đích mại dâm, khiêu dâm"};
  return names[static_cast<int>(k)];
}

/// Sexual abuse, whether its form is recorded or not.
[[nodiscard]] constexpr bool is_sexual_abuse(incident_kind k) noexcept {
  return k == incident_kind::sexual_abuse || k >= incident_kind::rape;
}

/// Whether a rule or filter naming `general` applies to an incident of kind `k`: the kind itself,
/// and for sexual_abuse each of its forms.
[[nodiscard]] constexpr bool covers(incident_kind general, incident_kind k) noexcept {
  return k == general || (general == incident_kind::sexual_abuse && is_sexual_abuse(k));
}

/// "Xâm hại" in the Law on Children covers violence, exploitation, sexual abuse, trafficking,
/// abandonment and neglect.
[[nodiscard]] constexpr bool is_abuse(incident_kind k) noexcept {
  return k == incident_kind::violence || is_sexual_abuse(k) || k == incident_kind::exploitation || k == incident_kind::trafficking ||
         k == incident_kind::abandonment || k == incident_kind::neglect || k == incident_kind::other_abuse;
}

struct incident {
  std::string unit;  ///< commune code
  date day;
  incident_kind kind = incident_kind::other_injury;
  bool fatal = false;
  std::optional<bool> plan_approved_in_time;  ///< support/intervention plan approved within the time limit
  source_location where;                      ///< the record's place in its file (row), never a child's id
};

}  // namespace treem::certify
