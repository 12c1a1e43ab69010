// The indicator engine's stages, each on its own and worked out by hand on the six children of
// indicators_fixture.hpp (four in Di Lăng 21289: a boy of 0, girls of 4 and 5, a boy of 14; two in
// Sơn Bao 21301: a boy of 3, a girl of 15; both communes of Sơn Hà district 529).
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indicators_fixture.hpp"
#include "treem/data/bundled.hpp"
#include "treem/indicators/compute.hpp"

namespace {

using namespace treem;
using namespace treem::indicators;

struct Stages : ::testing::Test {
  registers::child_register children = fixture::small_children();
  child_columns c = view(children);
  const catalogue& cat = data::child_statistics_catalogue();
  const unit_registry& units = data::quang_ngai_son_ha_units();
  const date reference = make_date(2024, 12, 31);
};

TEST_F(Stages, TheRollUpSumsCommunesIntoTheirDistrictAndAcrossAMerger) {
  const indicators::detail::unit_mapping map = indicators::detail::map_units(&c, nullptr, units, reference, "");
  EXPECT_EQ(map.base, (std::vector<std::string>{"21289", "21301"}));
  const indicators::detail::level_units district = indicators::detail::units_at(level::district, map, units);
  ASSERT_EQ(district.codes, std::vector<std::string>{"529"});
  // Two cells per commune: Di Lăng (4, 1), Sơn Bao (2, 7); the district has (6, 8).
  const indicators::detail::rolled_counts rolled = indicators::detail::roll(district.from_base * map.children, {4, 1, 2, 7}, 2);
  ASSERT_EQ(rolled.rows(), 1);
  EXPECT_EQ(rolled(0, 0), 6);
  EXPECT_EQ(rolled(0, 1), 8);
  // Across resolution 1677/NQ-UBTVQH15 both communes are the new xã Sơn Hà (21289): one commune.
  const indicators::detail::unit_mapping merged = indicators::detail::map_units(&c, nullptr, units, reference, "nq-1677-2025-son-ha");
  const indicators::detail::level_units communes = indicators::detail::units_at(level::commune, merged, units);
  ASSERT_EQ(communes.codes, std::vector<std::string>{"21289"});
  EXPECT_EQ(indicators::detail::roll(communes.from_base * merged.children, {4, 1, 2, 7}, 2)(0, 1), 8);
}

TEST_F(Stages, EmissionWritesEachPublishedCellOfEachUnit) {
  indicator_request req;
  req.indicators = {"child_population"};
  const auto& def = cat.get("child_population");
  const indicators::detail::layout plan = indicators::detail::lay_out({&def}, cat.age_groups, &c, req);
  const side_counts counts = count_children(c, plan.child_sides, cat.age_groups, reference, 1);
  const indicators::detail::unit_mapping map = indicators::detail::map_units(&c, nullptr, units, reference, "");
  const indicators::detail::register_sets sets(&c);
  const side_counts no_incidents;
  const indicators::detail::emit_inputs in{plan, counts, no_incidents, cat.age_groups, zero_denominator_policy::nan, sets, nullptr};
  indicator_table t;
  indicators::detail::emit_level(t, in, 0, indicators::detail::units_at(level::district, map, units), map);
  ASSERT_EQ(t.size(), plan.rows_per_unit);  // one unit
  const auto total_of = [&](std::size_t d, int category) {
    for (std::size_t i = 0; i < t.size(); ++i) {
      bool only_d = true;
      for (std::size_t k = 0; k < dimension_count; ++k) only_d = only_d && t.category[k][i] == (k == d ? category : -1);
      if (only_d) return t.numerator[i];
    }
    return std::numeric_limits<double>::quiet_NaN();
  };
  const auto sex = static_cast<std::size_t>(dimension::sex), age = static_cast<std::size_t>(dimension::age_group);
  EXPECT_EQ(total_of(sex, -1), 6);
  EXPECT_EQ(total_of(sex, 0), 3);  // boys of 0, 14 and 3
  EXPECT_EQ(total_of(sex, 1), 3);
  EXPECT_EQ(total_of(age, 0), 3);  // 0-4: ages 0, 4 and 3
  EXPECT_EQ(total_of(age, 1), 1);  // 5-9: the girl of 5
  EXPECT_EQ(total_of(age, 2), 2);  // 10-15: 14 and 15
  EXPECT_EQ(t.unit_codes, std::vector<std::string>{"529"});
  EXPECT_TRUE(std::isnan(t.denominator[0]));  // a count has no denominator
}

TEST_F(Stages, IntervalsAreGarwoodsForACount) {
  indicator_definition def;
  def.interval = interval_method::garwood;
  indicator_table t;
  t.unit = {0, 0};
  t.indicator = {0, 0};
  t.numerator = {0, 1};
  t.denominator = {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
  indicators::detail::fill_intervals(t, {&def}, 0.95, 1);
  ASSERT_EQ(t.lower.size(), 2u);
  // Garwood (1936): for 0, [0, -ln 0.025]; for 1, [chi2(0.025; 2) / 2, chi2(0.975; 4) / 2].
  EXPECT_EQ(t.lower[0], 0);
  EXPECT_NEAR(t.upper[0], 3.688879454113936, 1e-9);
  EXPECT_NEAR(t.lower[1], 0.025317807984289876, 1e-9);
  EXPECT_NEAR(t.upper[1], 5.571643390938898, 1e-9);
}

TEST_F(Stages, TheConstraintStageMakesOneCellOfTwoNumbersThatCountTheSameChildren) {
  // child_population in age group 0-4 and birth_registration_under5's denominator (children of 0-4)
  // are the same set of children: one interned count, withheld together or not at all.
  const indicators::detail::register_sets sets(&c);
  published_counts counts;
  const auto& population = cat.get("child_population");
  const auto& births = cat.get("birth_registration_under5");
  const dimension_sizes sizes = indicators::detail::shown_sizes(sizes_of(register_kind::children, cat.age_groups, c.ethnicities.size()));
  const indicators::detail::breakdown by_age{dimension::age_group};
  const auto age_slots = indicators::detail::published_slots(population.numerator, by_age, sizes);
  const auto by_age_cells = indicators::detail::describe_cells(sets.of(population.numerator), std::nullopt, by_age, sizes, age_slots,
                                                   std::vector<std::int64_t>(age_slots.size(), -1), cat.age_groups, counts);
  const auto birth_cells = indicators::detail::describe_cells(sets.of(births.numerator), sets.of(*births.denominator), {}, sizes, {0}, {0},
                                                  cat.age_groups, counts);
  EXPECT_EQ(by_age_cells.numerator[0], birth_cells.denominator[0]);
  EXPECT_NE(by_age_cells.numerator[1], birth_cells.denominator[0]);
  EXPECT_NE(birth_cells.numerator[0], birth_cells.denominator[0]);  // the registered ones are fewer
}

}  // namespace
