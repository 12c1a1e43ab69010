// An administrative unit (đơn vị hành chính) at any level, valid over a span of dates.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "treem/core/evidence.hpp"
#include "treem/time/date.hpp"

namespace treem {

/// Kinds of unit, province level to commune level, before and after the 2025 reform.
enum class unit_kind {
  tinh,           ///< province
  thanh_pho_tw,   ///< centrally-run city (thành phố trực thuộc trung ương)
  huyen,          ///< rural district (until 30/06/2025)
  quan,           ///< urban district of a centrally-run city (until 30/06/2025)
  thi_xa,         ///< district-level town (until 30/06/2025)
  thanh_pho,      ///< provincial city (until 30/06/2025)
  xa,             ///< commune
  phuong,         ///< ward
  thi_tran,       ///< commune-level town (until 30/06/2025)
  dac_khu,        ///< special zone (from 01/07/2025, e.g. Lý Sơn)
  thon,           ///< village under a commune (thôn, làng, ấp, bản, buôn, phum, sóc)
  to_dan_pho,     ///< residential group under a ward or town (tổ dân phố, khu phố, khóm)
};

/// The tier a kind belongs to; the hierarchy itself may have any depth.
enum class unit_tier { province, district, commune, village };

struct unit_kind_info {
  unit_kind kind;
  std::string_view id;        ///< the spelling used in data files
  std::string_view label_vi;  ///< as written before a name: "Xã", "Thị trấn"
  unit_tier tier;
};

inline constexpr unit_kind_info unit_kinds[] = {
    {unit_kind::tinh, "tinh", "Tỉnh", unit_tier::province},
    {unit_kind::thanh_pho_tw, "thanh_pho_truc_thuoc_trung_uong", "Thành phố", unit_tier::province},
    {unit_kind::huyen, "huyen", "Huyện", unit_tier::district},
    {unit_kind::quan, "quan", "Quận", unit_tier::district},
    {unit_kind::thi_xa, "thi_xa", "Thị xã", unit_tier::district},
    {unit_kind::thanh_pho, "thanh_pho", "Thành phố", unit_tier::district},
    {unit_kind::xa, "xa", "Xã", unit_tier::commune},
    {unit_kind::phuong, "phuong", "Phường", unit_tier::commune},
    {unit_kind::thi_tran, "thi_tran", "Thị trấn", unit_tier::commune},
    {unit_kind::dac_khu, "dac_khu", "Đặc khu", unit_tier::commune},
    {unit_kind::thon, "thon", "Thôn", unit_tier::village},
    {unit_kind::to_dan_pho, "to_dan_pho", "Tổ dân phố", unit_tier::village},
};

[[nodiscard]] constexpr const unit_kind_info& info(unit_kind k) noexcept {
  for (const auto& i : unit_kinds) {
    if (i.kind == k) return i;
  }
  return unit_kinds[0];
}
[[nodiscard]] constexpr std::string_view to_string(unit_kind k) noexcept { return info(k).id; }
[[nodiscard]] constexpr unit_tier tier_of(unit_kind k) noexcept { return info(k).tier; }
[[nodiscard]] constexpr std::optional<unit_kind> unit_kind_from_string(std::string_view id) noexcept {
  for (const auto& i : unit_kinds) {
    if (i.id == id) return i.kind;
  }
  return std::nullopt;
}
[[nodiscard]] constexpr std::optional<unit_tier> unit_tier_from_string(std::string_view s) noexcept {
  if (s == "province") return unit_tier::province;
  if (s == "district") return unit_tier::district;
  if (s == "commune") return unit_tier::commune;
  if (s == "village") return unit_tier::village;
  return std::nullopt;
}
[[nodiscard]] constexpr std::string_view to_string(unit_tier t) noexcept {
  switch (t) {
    case unit_tier::province: return "province";
    case unit_tier::district: return "district";
    case unit_tier::commune: return "commune";
    case unit_tier::village: return "village";
  }
  return "commune";
}

struct admin_unit {
  std::string code;                  ///< official code; unique only together with the validity span
  std::string name;                  ///< NFC-normalised, without the kind label ("Sơn Hạ")
  unit_kind kind = unit_kind::xa;
  std::optional<std::string> parent;  ///< parent code, resolved on the same date
  std::optional<date> valid_from;     ///< inclusive; empty = open
  std::optional<date> valid_to;       ///< inclusive; empty = open
  sourced<bool> mountainous;
  sourced<bool> island;
  sourced<bool> extremely_disadvantaged;
  treem::evidence evidence = treem::evidence::confirmed;
  std::string source;

  [[nodiscard]] bool valid_on(const date& d) const {
    return (!valid_from || *valid_from <= d) && (!valid_to || d <= *valid_to);
  }
  /// True when the two validity spans share at least one day.
  [[nodiscard]] bool overlaps(const admin_unit& other) const {
    const bool starts_before_other_ends = !valid_from || !other.valid_to || *valid_from <= *other.valid_to;
    const bool ends_after_other_starts = !valid_to || !other.valid_from || *other.valid_from <= *valid_to;
    return starts_before_other_ends && ends_after_other_starts;
  }
  /// "Xã Sơn Hạ", "Thị trấn Di Lăng".
  [[nodiscard]] std::string full_name() const { return std::string(info(kind).label_vi) + " " + name; }
  [[nodiscard]] unit_tier tier() const noexcept { return tier_of(kind); }
};

}  // namespace treem
