// The bundled Quảng Ngãi / Sơn Hà units against DOMAIN.md §8.
#include <gtest/gtest.h>

#include <set>

#include "treem/data/bundled.hpp"

namespace {

using treem::make_date;
using treem::unit_kind;
using treem::unit_tier;

const treem::unit_registry& units() { return treem::data::quang_ngai_son_ha_units(); }
const treem::date in_2024 = make_date(2024, 12, 31);
const treem::date after_merger = make_date(2025, 7, 1);

std::set<std::string> codes(const std::vector<const treem::admin_unit*>& v) {
  std::set<std::string> out;
  for (const auto* u : v) out.insert(u->code);
  return out;
}

TEST(Units, SonHaHadOneTownAndThirteenCommunes) {
  const auto below = units().descendants("529", in_2024);
  ASSERT_EQ(below.size(), 14u);
  int towns = 0, communes = 0;
  for (const auto* u : below) {
    towns += u->kind == unit_kind::thi_tran ? 1 : 0;
    communes += u->kind == unit_kind::xa ? 1 : 0;
  }
  EXPECT_EQ(towns, 1);
  EXPECT_EQ(communes, 13);
  EXPECT_EQ(below.front()->full_name(), "Thị trấn Di Lăng");
  EXPECT_EQ(below.front()->code, "21289");
  EXPECT_EQ(below.back()->full_name(), "Xã Sơn Ba");
  EXPECT_EQ(below.back()->code, "21328");
  EXPECT_EQ(units().get("529", in_2024).full_name(), "Huyện Sơn Hà");
  EXPECT_EQ(units().get("51", in_2024).full_name(), "Tỉnh Quảng Ngãi");
}

TEST(Units, CodesAreDated) {
  // 21289 was thị trấn Di Lăng until 30/06/2025 and is xã Sơn Hà from 01/07/2025.
  EXPECT_EQ(units().get("21289", make_date(2025, 6, 30)).full_name(), "Thị trấn Di Lăng");
  EXPECT_EQ(units().get("21289", after_merger).full_name(), "Xã Sơn Hà");
  EXPECT_EQ(units().find("21301", after_merger), nullptr);  // Sơn Bao no longer exists
  EXPECT_EQ(units().find("529", after_merger), nullptr);    // no district level after 01/07/2025
  EXPECT_THROW((void)units().get("529", after_merger), treem::not_found_error);
  EXPECT_THROW((void)units().get("99999", in_2024), treem::not_found_error);
}

TEST(Units, HierarchyOnEachSideOfTheReform) {
  const auto up_2024 = units().ancestors("21292", in_2024);
  ASSERT_EQ(up_2024.size(), 2u);
  EXPECT_EQ(up_2024[0]->code, "529");
  EXPECT_EQ(up_2024[1]->code, "51");
  const auto up_2025 = units().ancestors("21292", after_merger);
  ASSERT_EQ(up_2025.size(), 1u);
  EXPECT_EQ(up_2025[0]->code, "51");
  EXPECT_EQ(codes(units().units_on(after_merger, unit_tier::commune)),
            (std::set<std::string>{"21289", "21292", "21307", "21319", "21325"}));
  EXPECT_EQ(units().units_on(in_2024, unit_tier::commune).size(), 14u);
  EXPECT_EQ(units().children("51", in_2024).size(), 1u);  // only Sơn Hà district is bundled
}

TEST(Units, NamesCompareExactlyAfterNfc) {
  // "Sơn Hà" (district; from 2025 a commune) and "Sơn Hạ" (commune) differ only by a tone mark.
  const auto ha = units().find_by_name("Sơn Hà", in_2024);
  ASSERT_EQ(ha.size(), 1u);
  EXPECT_EQ(ha[0]->code, "529");
  const auto ha_dot_decomposed = units().find_by_name("So\xCC\x9Bn Ha\xCC\xA3", in_2024);
  ASSERT_EQ(ha_dot_decomposed.size(), 1u);
  EXPECT_EQ(ha_dot_decomposed[0]->code, "21292");
  EXPECT_TRUE(units().find_by_name("Son Ha", in_2024).empty());
  EXPECT_EQ(units().find_by_name("Sơn Hà", after_merger, unit_kind::xa).at(0)->code, "21289");
  EXPECT_TRUE(units().find_by_name("Sơn Hà", after_merger, unit_kind::huyen).empty());
}

TEST(Units, MergerOfNq1677) {
  const treem::merger& m = units().get_merger("nq-1677-2025-son-ha");
  EXPECT_EQ(m.effective, after_merger);
  EXPECT_EQ(m.instrument, "Nghị quyết 1677/NQ-UBTVQH15");
  EXPECT_EQ(m.links.size(), 14u);
  // New Sơn Linh took the code of old Sơn Giang (21307), not of old Sơn Linh (21304).
  EXPECT_EQ(m.successors("21304"), std::vector<std::string>{"21307"});
  EXPECT_EQ(m.successors("21322"), std::vector<std::string>{"21319"});
  const auto preds = m.predecessors("21319");
  EXPECT_EQ(std::set<std::string>(preds.begin(), preds.end()), (std::set<std::string>{"21310", "21319", "21322"}));
  EXPECT_EQ(m.predecessors("21325").size(), 2u);
  // Every old unit of the district is merged exactly once.
  std::set<std::string> merged;
  for (const auto& l : m.links) EXPECT_TRUE(merged.insert(l.from).second) << l.from;
  EXPECT_EQ(merged, codes(units().descendants("529", in_2024)));
}

TEST(Units, FlagsCarryTheirEvidence) {
  const auto& district = units().get("529", in_2024);
  EXPECT_EQ(district.mountainous.value, true);
  EXPECT_EQ(district.mountainous.evidence, treem::evidence::confirmed);
  const auto& commune = units().get("21292", in_2024);
  EXPECT_EQ(commune.mountainous.value, true);
  EXPECT_EQ(commune.mountainous.evidence, treem::evidence::inferred);
  EXPECT_FALSE(commune.extremely_disadvantaged.known());
}

}  // namespace
