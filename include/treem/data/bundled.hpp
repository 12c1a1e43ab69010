// The reference data that ships inside treem (data/*.toml, compiled in by CMake): usable with no
// files on disk. Each accessor parses its data once, on first use, thread-safely.
#pragma once

#include <algorithm>
#include <string>

#include "treem/core/linkage.hpp"
#include "treem/cases/deadlines_toml.hpp"
#include "treem/certify/rules_toml.hpp"
#include "treem/indicators/catalogue_toml.hpp"
#include "treem/indicators/targets_toml.hpp"
#include "treem/plan/plan_toml.hpp"
#include "treem/registers/generator.hpp"
#include "treem/time/holidays_toml.hpp"
#include "treem/units/units_toml.hpp"

#if TREEM_DEFINITIONS
#include "treem/data/embedded.hpp"  // generated from data/ by cmake/TreemEmbedData.cmake
#endif

namespace treem::data {

/// Quảng Ngãi (51), Sơn Hà district (529) and its 14 units until 30/06/2025, the 5 communes that
/// replaced them from 01/07/2025, and the merger between the two (DOMAIN.md §8).
[[nodiscard]] TREEM_FUNC const unit_registry& quang_ngai_son_ha_units();

#if TREEM_DEFINITIONS
TREEM_FUNC const unit_registry& quang_ngai_son_ha_units() {
  static const unit_registry registry =
      load_units(embedded::units_quang_ngai_son_ha, std::string(embedded::units_quang_ngai_son_ha_name));
  return registry;
}
#endif

/// Vietnam's public holidays for state agencies (Labour Code 2019, Art. 111-112; 24/11 from
/// 01/07/2026, Resolution 28/2026/QH16) with the Government's yearly decisions for 2024-2026.
[[nodiscard]] TREEM_FUNC const holiday_calendar& vietnam_holidays();

#if TREEM_DEFINITIONS
TREEM_FUNC const holiday_calendar& vietnam_holidays() {
  static const holiday_calendar calendar =
      load_holiday_calendar(embedded::holidays_vietnam, std::string(embedded::holidays_vietnam_name));
  return calendar;
}
#endif

/// The time limits of case handling at commune level (Decree 56/2017/NĐ-CP, Chapter III).
[[nodiscard]] TREEM_FUNC const cases::case_deadline_rules& case_deadlines();

#if TREEM_DEFINITIONS
TREEM_FUNC const cases::case_deadline_rules& case_deadlines() {
  static const cases::case_deadline_rules rules =
      cases::load_case_deadlines(embedded::case_deadlines_vn_56_2017, std::string(embedded::case_deadlines_vn_56_2017_name));
  return rules;
}
#endif

/// The child-work plan of Sơn Hà district for 2024 (Kế hoạch ... /KH-UBND, April 2024), transcribed
/// in full from the seed document.
[[nodiscard]] TREEM_FUNC const plan::plan& son_ha_2024_plan();

#if TREEM_DEFINITIONS
TREEM_FUNC const plan::plan& son_ha_2024_plan() {
  static const plan::plan p = plan::load_plan(embedded::plan_son_ha_2024, std::string(embedded::plan_son_ha_2024_name));
  return p;
}
#endif

/// The national child-friendly commune standard, Decision 06/QĐ-TTg (2019), as far as it is confirmed.
[[nodiscard]] TREEM_FUNC const certify::rule_set& national_cfc_rules();

#if TREEM_DEFINITIONS
TREEM_FUNC const certify::rule_set& national_cfc_rules() {
  static const certify::rule_set r =
      certify::load_rule_set(embedded::rules_vn_06_qd_ttg_2019, std::string(embedded::rules_vn_06_qd_ttg_2019_name));
  return r;
}
#endif

/// Sơn Hà's 2024 overlay: drowning, violence or abuse in a commune means no recognition (IV.1.d).
[[nodiscard]] TREEM_FUNC const certify::rule_set& son_ha_2024_cfc_overlay();

#if TREEM_DEFINITIONS
TREEM_FUNC const certify::rule_set& son_ha_2024_cfc_overlay() {
  static const certify::rule_set r =
      certify::load_rule_set(embedded::rules_son_ha_2024_overlay, std::string(embedded::rules_son_ha_2024_overlay_name));
  return r;
}
#endif

/// treem's catalogue of child statistics the registers can feed (Circular 13/2021 and the national
/// programmes; data/indicators/vn-child-statistics.toml).
[[nodiscard]] TREEM_FUNC const indicators::catalogue& child_statistics_catalogue();

#if TREEM_DEFINITIONS
TREEM_FUNC const indicators::catalogue& child_statistics_catalogue() {
  static const indicators::catalogue c = indicators::load_catalogue(embedded::indicators_vn_child_statistics,
                                                                    std::string(embedded::indicators_vn_child_statistics_name));
  return c;
}
#endif

/// National targets 2025 / 2030 of Decisions 23/QĐ-TTg and 1248/QĐ-TTg.
[[nodiscard]] TREEM_FUNC const indicators::target_set& national_targets();

#if TREEM_DEFINITIONS
TREEM_FUNC const indicators::target_set& national_targets() {
  static const indicators::target_set t = indicators::load_targets(embedded::targets_vn_national_2021_2030,
                                                                   std::string(embedded::targets_vn_national_2021_2030_name));
  return t;
}
#endif

/// Parameters of the synthetic register generator (data/generator/vn-synthetic.toml).
[[nodiscard]] TREEM_FUNC const registers::generator_parameters& synthetic_generator_parameters();

#if TREEM_DEFINITIONS
TREEM_FUNC const registers::generator_parameters& synthetic_generator_parameters() {
  static const registers::generator_parameters p =
      registers::load_generator_parameters(embedded::generator_vn_synthetic, std::string(embedded::generator_vn_synthetic_name));
  return p;
}
#endif

/// Shape of the synthetic country: 10,047 communes (the pre-2025 count, DOMAIN.md §8.1) in 705
/// districts in 63 provinces, numbers of the same order as Vietnam's before 2025.
inline constexpr int synthetic_communes = 10047, synthetic_districts = 705, synthetic_provinces = 63;

/// The units to generate for: "sonha" (Sơn Hà's units on `on`: 14 until 30/06/2025, then 5) or "national"
/// (10,047 synthetic communes coded 900001-910047, every third one mountainous: a stand-in of the
/// country's size, not its geography; synthetic_units_toml() places them in districts and
/// provinces for the readers and the roll-up).
[[nodiscard]] TREEM_FUNC std::vector<registers::generator_unit> generator_units(const std::string& which, const date& on = make_date(2024, 12, 31));

#if TREEM_DEFINITIONS
TREEM_FUNC std::vector<registers::generator_unit> generator_units(const std::string& which, const date& on) {
  std::vector<registers::generator_unit> out;
  if (which == "sonha") {
    // Sơn Hà's units on `on`: the district's 14 until 30/06/2025, the 5 communes that replaced them after.
    const auto& registry = quang_ngai_son_ha_units();
    const merger& m = registry.get_merger("nq-1677-2025-son-ha");
    std::vector<std::string> codes;
    if (on < m.effective) {
      for (const admin_unit* u : registry.descendants("529", on, unit_tier::commune)) codes.push_back(u->code);
    } else {
      for (const auto& link : m.links) {
        if (std::find(codes.begin(), codes.end(), link.to) == codes.end()) codes.push_back(link.to);
      }
      std::sort(codes.begin(), codes.end());
    }
    for (const auto& code : codes) out.push_back({code, registry.get(code, on).mountainous.value.value_or(false)});
  } else if (which == "national") {
    for (int i = 1; i <= synthetic_communes; ++i) out.push_back({std::to_string(900000 + i), i % 3 == 0});
  } else {
    throw validation_error({"<argument --units>"}, "units", treem::quoted(which) + " is not sonha or national");
  }
  return out;
}
#endif

/// The synthetic national units as a units file (schema treem.units/1), so that generated registers
/// can be read back, certified and rolled up: commune 900000+i lies in district 99000+d and
/// province 9900+p, the communes spread evenly over 705 districts and the districts over 63
/// provinces (codes with a 99 prefix, which no real unit uses).
[[nodiscard]] TREEM_FUNC std::string synthetic_units_toml(const std::vector<registers::generator_unit>& units);

#if TREEM_DEFINITIONS
TREEM_FUNC std::string synthetic_units_toml(const std::vector<registers::generator_unit>& units) {
  std::string out = "# Synthetic units written by treem generate: not real administrative units.\n"
                    "schema = \"treem.units/1\"\nid = \"synthetic\"\nversion = \"2\"\n";
  auto unit = [&](const std::string& code, const std::string& name, const char* kind, const std::string& parent, const std::string& extra) {
    out += "\n[[unit]]\ncode = \"" + code + "\"\nname = \"" + name + "\"\nkind = \"" + kind + "\"\n" +
           (parent.empty() ? std::string() : "parent = \"" + parent + "\"\n") + extra + "status = \"inferred\"\nsource = \"synthetic\"\n";
  };
  const auto district_of = [](int commune) { return (commune - 1) * synthetic_districts / synthetic_communes + 1; };
  const auto province_of = [](int district) { return (district - 1) * synthetic_provinces / synthetic_districts + 1; };
  for (int p = 1; p <= synthetic_provinces; ++p) unit(std::to_string(9900 + p), "Tỉnh tổng hợp " + std::to_string(p), "tinh", "", "");
  for (int d = 1; d <= synthetic_districts; ++d) {
    unit(std::to_string(99000 + d), "Huyện tổng hợp " + std::to_string(d), "huyen", std::to_string(9900 + province_of(d)), "");
  }
  for (const auto& u : units) {
    const int i = std::stoi(u.code) - 900000;
    const std::string parent = i >= 1 && i <= synthetic_communes ? std::to_string(99000 + district_of(i)) : std::to_string(9901);
    unit(u.code, "Xã tổng hợp " + u.code, "xa", parent,
         "mountainous = { value = " + std::string(u.mountainous ? "true" : "false") + ", status = \"inferred\", source = \"synthetic\" }\n");
  }
  return out;
}
#endif

}  // namespace treem::data
