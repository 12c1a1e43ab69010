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
  sexual_abuse,    ///< xâm hại tình dục
  exploitation,    ///< bóc lột
  trafficking,     ///< mua bán
  abandonment,     ///< bỏ rơi
  neglect,         ///< bỏ mặc
  other_abuse,     ///< other forms of xâm hại
};

inline constexpr std::string_view incident_kind_names[] = {"drowning", "traffic_injury", "other_injury", "violence", "sexual_abuse",
                                                           "exploitation", "trafficking", "abandonment", "neglect", "other_abuse"};

[[nodiscard]] constexpr std::string_view to_string(incident_kind k) noexcept { return incident_kind_names[static_cast<int>(k)]; }

[[nodiscard]] constexpr std::optional<incident_kind> incident_kind_from_string(std::string_view s) noexcept {
  for (int i = 0; i < static_cast<int>(std::size(incident_kind_names)); ++i) {
    if (incident_kind_names[i] == s) return static_cast<incident_kind>(i);
  }
  return std::nullopt;
}

/// Vietnamese name of a kind, for explanations.
[[nodiscard]] constexpr std::string_view label_vi(incident_kind k) noexcept {
  constexpr std::string_view names[] = {"đuối nước", "tai nạn giao thông", "tai nạn, thương tích khác", "bạo lực", "xâm hại tình dục",
                                        "bóc lột", "mua bán", "bỏ rơi", "bỏ mặc", "xâm hại khác"};
  return names[static_cast<int>(k)];
}

/// "Xâm hại" in the Law on Children covers violence, exploitation, sexual abuse, trafficking,
/// abandonment and neglect.
[[nodiscard]] constexpr bool is_abuse(incident_kind k) noexcept {
  return k == incident_kind::violence || k == incident_kind::sexual_abuse || k == incident_kind::exploitation ||
         k == incident_kind::trafficking || k == incident_kind::abandonment || k == incident_kind::neglect ||
         k == incident_kind::other_abuse;
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
