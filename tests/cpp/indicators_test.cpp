// The indicator engine on the hand-worked registers of indicators_fixture.hpp. Expected values are
// counted by hand from the fixture's rows (reference date 31/12/2024), not produced by treem.
#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include <gtest/gtest.h>

#include "indicators_fixture.hpp"
#include "treem/data/bundled.hpp"
#include "treem/indicators/compute.hpp"

namespace {

using namespace treem;
using namespace treem::indicators;

/// The category code of an incident kind in a breakdown by kind (kind_categories.hpp).
int kind_code(registers::incident_kind k) { return static_cast<int>(kind_category_of(k)); }

struct Engine : ::testing::Test {
  registers::child_register children = fixture::small_children();
  registers::incident_register incidents = fixture::small_incidents();
  child_columns c = view(children);
  incident_columns r = view(incidents);
  const catalogue& cat = data::child_statistics_catalogue();
  const unit_registry& units = data::quang_ngai_son_ha_units();

  indicator_table run(indicator_request req) {
    req.suppression.enabled = false;
    return compute_indicators(cat, units, &c, &r, req);
  }
  // The row of (unit, indicator) with the given categories (-1 = all).
  static std::size_t row(const indicator_table& t, const std::string& unit, const std::string& key,
                         std::array<int, dimension_count> cats = {-1, -1, -1, -1, -1}) {
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t.unit_codes[t.unit[i]] != unit || t.indicator_keys[t.indicator[i]] != key) continue;
      bool same = true;
      for (std::size_t d = 0; d < dimension_count; ++d) same = same && t.category[d][i] == cats[d];
      if (same) return i;
    }
    ADD_FAILURE() << "no row " << unit << " " << key;
    return 0;
  }
};

TEST_F(Engine, ChildPopulationBySexAndAgeGroup) {
  const auto t = run({});
  EXPECT_EQ(t.numerator[row(t, "21289", "child_population")], 4);
  EXPECT_EQ(t.numerator[row(t, "21301", "child_population")], 2);
  EXPECT_EQ(t.numerator[row(t, "21289", "child_population", {0, -1, -1, -1, -1})], 2);  // boys
  EXPECT_EQ(t.numerator[row(t, "21289", "child_population", {1, -1, -1, -1, -1})], 2);  // girls
  EXPECT_EQ(t.numerator[row(t, "21289", "child_population", {-1, 0, -1, -1, -1})], 2);  // 0-4: ages 0 and 4
  EXPECT_EQ(t.numerator[row(t, "21289", "child_population", {-1, 1, -1, -1, -1})], 1);  // 5-9: the child aged exactly 5
  EXPECT_EQ(t.numerator[row(t, "21289", "child_population", {-1, 2, -1, -1, -1})], 1);  // 10-15
  EXPECT_EQ(t.numerator[row(t, "21289", "child_population", {1, 0, -1, -1, -1})], 1);   // girls 0-4
  EXPECT_EQ(t.numerator[row(t, "21289", "child_population", {-1, -1, 1, -1, -1})], 2);  // H're
  EXPECT_TRUE(std::isnan(t.denominator[row(t, "21289", "child_population")]));
  EXPECT_TRUE(std::isnan(t.lower[row(t, "21289", "child_population")]));
}

TEST_F(Engine, ProportionsOfChildren) {
  const auto t = run({});
  auto at = [&](const char* unit, const char* key) { return row(t, unit, key); };
  EXPECT_DOUBLE_EQ(t.value[at("21289", "special_circumstances_share")], 50.0);  // groups a and d: 2 of 4
  EXPECT_DOUBLE_EQ(t.value[at("21301", "special_circumstances_share")], 0.0);
  EXPECT_DOUBLE_EQ(t.value[at("21289", "special_circumstances_supported_share")], 50.0);  // 1 of those 2
  EXPECT_TRUE(std::isnan(t.value[at("21301", "special_circumstances_supported_share")]));  // 0 of 0
  EXPECT_EQ(t.denominator[at("21301", "special_circumstances_supported_share")], 0);
  EXPECT_DOUBLE_EQ(t.value[at("21289", "birth_registration_under5")], 100.0);  // ages 0 and 4, both registered
  EXPECT_DOUBLE_EQ(t.value[at("21301", "birth_registration_under5")], 0.0);    // the 3-year-old is not
  EXPECT_EQ(t.numerator[at("21289", "health_insurance_under6")], 2);           // ages 0, 4, 5: two cards
  EXPECT_EQ(t.denominator[at("21289", "health_insurance_under6")], 3);
  EXPECT_EQ(t.numerator[at("21289", "kindergarten_3_5")], 1);    // the 5-year-old; the 4-year-old is not enrolled
  EXPECT_EQ(t.denominator[at("21289", "kindergarten_3_5")], 2);
  EXPECT_EQ(t.denominator[at("21301", "kindergarten_age5")], 0);
  EXPECT_DOUBLE_EQ(t.value[at("21289", "children_with_disabilities_share")], 25.0);
}

TEST_F(Engine, IncidentsCountOnlyThePeriod) {
  const auto t = run({});
  EXPECT_EQ(t.numerator[row(t, "21289", "abused_children")], 2);  // violence and sexual abuse; the 2023 case is out
  EXPECT_EQ(t.numerator[row(t, "21301", "abused_children")], 1);  // abandonment
  // by environment: family 1, school 1 in Di Lăng
  EXPECT_EQ(t.numerator[row(t, "21289", "abused_children", {-1, -1, -1, -1, 1})], 1);
  EXPECT_EQ(t.numerator[row(t, "21289", "abused_children", {-1, -1, -1, -1, 2})], 1);
  // by kind: violence
  EXPECT_EQ(t.numerator[row(t, "21289", "abused_children", {-1, -1, -1, kind_code(registers::incident_kind::violence), -1})], 1);
  // abused per 100,000 children: 2 / 4 x 100,000
  EXPECT_DOUBLE_EQ(t.value[row(t, "21289", "abused_children_rate")], 50000.0);
  // Garwood for x = 2: qchisq(0.025, 4) / 2 = 0.2422093, qchisq(0.975, 6) / 2 = 7.2246877, scaled by 100,000 / 4
  EXPECT_NEAR(t.lower[row(t, "21289", "abused_children_rate")], 0.2422093 * 25000, 0.01);
  EXPECT_NEAR(t.upper[row(t, "21289", "abused_children_rate")], 7.2246877 * 25000, 0.01);
  EXPECT_DOUBLE_EQ(t.value[row(t, "21289", "child_injury_death_rate")], 25000.0);  // 1 drowning death / 4
  EXPECT_DOUBLE_EQ(t.value[row(t, "21301", "child_injury_rate")], 50000.0);        // 1 traffic injury / 2
  EXPECT_EQ(t.numerator[row(t, "21301", "child_injury_death_rate")], 0);
  EXPECT_EQ(t.numerator[row(t, "21289", "drowning_deaths")], 1);
  EXPECT_DOUBLE_EQ(t.value[row(t, "21289", "intervention_plan_in_time_share")], 100.0);
  EXPECT_DOUBLE_EQ(t.value[row(t, "21301", "intervention_plan_in_time_share")], 0.0);
}

TEST_F(Engine, UnknownSexOfAnIncidentHasNoDenominator) {
  const auto t = run({});
  const auto i = row(t, "21301", "child_injury_rate", {2, -1, -1, -1, -1});  // sex unknown
  EXPECT_EQ(t.numerator[i], 1);
  EXPECT_TRUE(std::isnan(t.denominator[i]));
  EXPECT_TRUE(std::isnan(t.value[i]));
  const auto boys = row(t, "21301", "child_injury_rate", {0, -1, -1, -1, -1});
  EXPECT_EQ(t.numerator[boys], 0);
  EXPECT_EQ(t.denominator[boys], 1);
  const auto unknown_age = row(t, "21301", "child_injury_rate", {-1, 3, -1, -1, -1});
  EXPECT_EQ(t.numerator[unknown_age], 1);
}

TEST_F(Engine, RollUpToTheDistrictAndTheNation) {
  indicator_request req;
  req.levels = {level::commune, level::district, level::nation};
  const auto t = run(req);
  EXPECT_EQ(t.numerator[row(t, "529", "child_population")], 6);
  EXPECT_EQ(t.numerator[row(t, "VN", "child_population")], 6);
  EXPECT_NEAR(t.value[row(t, "529", "special_circumstances_share")], 100.0 / 3, 1e-12);
  EXPECT_NEAR(t.value[row(t, "529", "birth_registration_under5")], 200.0 / 3, 1e-12);
  EXPECT_DOUBLE_EQ(t.value[row(t, "529", "intervention_plan_in_time_share")], 50.0);
  EXPECT_EQ(t.numerator[row(t, "529", "abused_children")], 3);
  for (std::size_t i = 0; i < t.size(); ++i) EXPECT_NE(t.unit_codes[t.unit[i]], "51") << "province not requested";
}

TEST_F(Engine, ReaggregatesAcrossTheMerger) {
  indicator_request req;
  req.merger = "nq-1677-2025-son-ha";
  req.levels = {level::commune, level::province};
  const auto t = run(req);
  // Di Lăng and Sơn Bao both became the new xã Sơn Hà (code 21289, valid from 01/07/2025).
  EXPECT_EQ(t.numerator[row(t, "21289", "child_population")], 6);
  EXPECT_EQ(t.numerator[row(t, "21289", "abused_children")], 3);
  EXPECT_EQ(t.numerator[row(t, "51", "child_population")], 6);
  for (std::size_t i = 0; i < t.size(); ++i) EXPECT_NE(t.unit_codes[t.unit[i]], "21301");
  req.levels = {level::district};
  EXPECT_THROW((void)run(req), validation_error);  // districts no longer exist after the merger
}

TEST_F(Engine, ZeroDenominatorPolicy) {
  indicator_request req;
  req.zero_denominator = zero_denominator_policy::error;
  try {
    (void)run(req);
    FAIL();
  } catch (const validation_error& e) {
    EXPECT_NE(std::string(e.what()).find("denominator is 0"), std::string::npos);
  }
}

TEST_F(Engine, AgeGroupsAreConfigurable) {
  indicator_request req;
  req.age_groups = age_groups::parse("0-5,6-15");
  const auto t = run(req);
  EXPECT_EQ(t.numerator[row(t, "21289", "child_population", {-1, 0, -1, -1, -1})], 3);  // ages 0, 4, 5
  EXPECT_EQ(t.labels[1][0], "0-5");
}

TEST(BadRegisters, RowLocatedErrorsWithoutChildData) {
  auto children = fixture::small_children();
  children.birth[4] = fixture::day(2025, 2, 1);  // born after the reference date
  auto c = view(children, "children.csv");
  c.first_line = 2;
  indicator_request req;
  try {
    (void)compute_indicators(data::child_statistics_catalogue(), data::quang_ngai_son_ha_units(), &c, nullptr, req);
    FAIL();
  } catch (const validation_error& e) {
    EXPECT_EQ(std::string(e.what()), "children.csv:6: birth_date: born after the reference date 31/12/2024");
  }
  children = fixture::small_children();
  children.birth[0] = fixture::day(2008, 12, 31);  // 16 on 31/12/2024
  c = view(children, "children.csv");
  EXPECT_THROW((void)compute_indicators(data::child_statistics_catalogue(), data::quang_ngai_son_ha_units(), &c, nullptr, req), validation_error);
  children.birth[0] = fixture::day(2009, 1, 1);  // still 15
  EXPECT_NO_THROW((void)compute_indicators(data::child_statistics_catalogue(), data::quang_ngai_son_ha_units(), &c, nullptr, req));

  children.units[1] = "99999";
  c = view(children, "children.csv");
  try {
    (void)compute_indicators(data::child_statistics_catalogue(), data::quang_ngai_son_ha_units(), &c, nullptr, req);
    FAIL();
  } catch (const validation_error& e) {
    EXPECT_EQ(std::string(e.what()), "children.csv:5: unit: commune 99999 is not in the units registry on 31/12/2024");
    EXPECT_EQ(std::string(e.what()).find("x4"), std::string::npos);  // never the child's id
  }
  auto incidents = fixture::small_incidents();
  incidents.child_age[2] = 16;
  auto r = view(incidents);
  children = fixture::small_children();
  c = view(children);
  try {
    (void)compute_indicators(data::child_statistics_catalogue(), data::quang_ngai_son_ha_units(), &c, &r, req);
    FAIL();
  } catch (const validation_error& e) {
    EXPECT_EQ(std::string(e.what()), "incidents:3: age: must be 0-15 (a child) or unknown");
  }
}

TEST(Requests, IndicatorsThatNeedAMissingRegister) {
  auto children = fixture::small_children();
  const auto c = view(children);
  indicator_request req;
  req.suppression.enabled = false;
  const auto t = compute_indicators(data::child_statistics_catalogue(), data::quang_ngai_son_ha_units(), &c, nullptr, req);
  for (const auto& k : t.indicator_keys) EXPECT_NE(k, "abused_children");
  req.indicators = {"abused_children"};
  EXPECT_THROW((void)compute_indicators(data::child_statistics_catalogue(), data::quang_ngai_son_ha_units(), &c, nullptr, req), validation_error);
}

}  // namespace

namespace {

using namespace treem;
using namespace treem::indicators;

// Generated registers for Sơn Hà's 14 units: properties that hold for any data.
struct Generated : ::testing::Test {
  static const registers::generated_registers& regs() {
    static const auto g = registers::generate_registers(data::generator_units("sonha"), data::synthetic_generator_parameters(), 11,
                                                        make_date(2024, 12, 31));
    return g;
  }
  indicator_table run(bool suppress) {
    const auto c = view(regs().children);
    const auto r = view(regs().incidents);
    indicator_request req;
    req.levels = {level::commune, level::district, level::nation};
    req.suppression.enabled = suppress;
    return compute_indicators(data::child_statistics_catalogue(), data::quang_ngai_son_ha_units(), &c, &r, req);
  }
  // Rows grouped by (indicator, categories): level -> list of rows.
  static std::map<std::vector<int>, std::array<std::vector<std::size_t>, 3>> by_cell(const indicator_table& t) {
    std::map<std::vector<int>, std::array<std::vector<std::size_t>, 3>> out;
    for (std::size_t i = 0; i < t.size(); ++i) {
      std::vector<int> key{static_cast<int>(t.indicator[i])};
      for (const auto& c : t.category) key.push_back(c[i]);
      out[key][t.level[i]].push_back(i);
    }
    return out;
  }
};

TEST_F(Generated, RollUpTotalsAreSumsOfTheirParts) {
  const auto t = run(false);
  for (const auto& [key, levels] : by_cell(t)) {
    ASSERT_EQ(levels[0].size(), 14u);
    ASSERT_EQ(levels[1].size(), 1u);
    double num = 0, den = 0;
    for (auto i : levels[0]) num += t.numerator[i], den += std::isnan(t.denominator[i]) ? 0 : t.denominator[i];
    EXPECT_EQ(num, t.numerator[levels[1][0]]);
    EXPECT_EQ(t.numerator[levels[1][0]], t.numerator[levels[2][0]]);
    if (!std::isnan(t.denominator[levels[1][0]])) {
      EXPECT_EQ(den, t.denominator[levels[1][0]]);
    }
  }
  // The categories of each one-dimension breakdown add up to the unit's total (a parent kind is
  // not one more part: it is the sum of its own parts).
  const auto is_parent = [&](std::size_t d, int c) { return std::find(t.parents[d].begin(), t.parents[d].end(), c) != t.parents[d].end(); };
  std::map<std::tuple<std::uint32_t, std::uint32_t, std::size_t>, double> by_dimension, totals;
  std::map<std::tuple<std::uint32_t, std::uint32_t, int>, double> parent_row, leaves_of_parent;
  std::size_t parents_seen = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    int dims = 0;
    std::size_t which = 0;
    for (std::size_t d = 0; d < dimension_count; ++d) {
      if (t.category[d][i] >= 0) ++dims, which = d;
    }
    if (dims == 0) {
      for (std::size_t d = 0; d < dimension_count; ++d) totals[{t.unit[i], t.indicator[i], d}] = t.numerator[i];
    } else if (dims == 1) {
      const int c = t.category[which][i];
      if (is_parent(which, c)) {
        parent_row[{t.unit[i], t.indicator[i], c}] = t.numerator[i], ++parents_seen;
        continue;
      }
      by_dimension[{t.unit[i], t.indicator[i], which}] += t.numerator[i];
      if (t.parents[which].empty()) continue;
      for (int up = t.parents[which][static_cast<std::size_t>(c)]; up >= 0; up = t.parents[which][static_cast<std::size_t>(up)]) {
        leaves_of_parent[{t.unit[i], t.indicator[i], up}] += t.numerator[i];
      }
    }
  }
  for (const auto& [k, sum] : by_dimension) EXPECT_EQ(sum, totals[k]);
  for (const auto& [k, value] : parent_row) EXPECT_EQ(value, leaves_of_parent[k]);
  EXPECT_GT(parents_seen, 0u);  // abused_children's sexual_abuse rows
}

TEST_F(Generated, NoSumOfPublishedCellsHasExactlyOneWithheld) {
  const auto open = run(false), t = run(true);
  ASSERT_EQ(open.size(), t.size());
  std::size_t withheld = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (open.numerator[i] >= 1 && open.numerator[i] <= 4) {
      EXPECT_TRUE(t.suppressed[i]);
    }
    if (t.suppressed[i]) {
      ++withheld;
      EXPECT_TRUE(std::isnan(t.value[i]) && std::isnan(t.lower[i]));
      // A withheld row shows each of its counts that is not withheld itself: here the numerator,
      // whose row is withheld for its denominator.
      if (!std::isnan(t.numerator[i])) {
        EXPECT_EQ(t.numerator[i], open.numerator[i]);
        EXPECT_TRUE(std::isnan(t.denominator[i]));
      }
    } else {
      EXPECT_EQ(t.numerator[i], open.numerator[i]);
    }
  }
  EXPECT_GT(withheld, 0u);
  // Across units: the district count and its 14 communes' never have exactly one withheld.
  const auto hidden = [&](std::size_t i) { return std::isnan(t.numerator[i]) ? 1 : 0; };
  for (const auto& [key, levels] : by_cell(t)) {
    int n = hidden(levels[1][0]);
    for (auto i : levels[0]) n += hidden(i);
    EXPECT_NE(n, 1);
  }
}

}  // namespace

namespace {

TEST_F(Generated, OneCountIsWithheldAlikeUnderEveryIndicatorThatPublishesIt) {
  const auto t = run(true);
  // abused_children, abused_children_rate and abused_children_percent share their numerator.
  std::map<std::tuple<std::uint32_t, int, int>, std::set<int>> seen;  // (unit, sex, age) -> withheld flags
  for (std::size_t i = 0; i < t.size(); ++i) {
    const std::string& key = t.indicator_keys[t.indicator[i]];
    if (key.rfind("abused_children", 0) != 0 || t.category[2][i] >= 0 || t.category[3][i] >= 0 || t.category[4][i] >= 0) continue;
    seen[{t.unit[i], t.category[0][i], t.category[1][i]}].insert(t.suppressed[i]);
  }
  ASSERT_FALSE(seen.empty());
  for (const auto& [cell, flags] : seen) EXPECT_EQ(flags.size(), 1u);
}

}  // namespace

namespace {

// Two communes where the five-year-olds of the first are few (3): their count is published as
// kindergarten_age5's denominator, and children aged 0-5 (health insurance) and 0-4 (birth
// registration, the population's age group 0-4) are published too, so 0-5 minus 0-4 would give it.
TEST(CountIdentity, AgeRangesPublishedByDifferentIndicatorsNeverRevealAWithheldCount) {
  const auto children = fixture::few_five_year_olds();
  const auto c = view(children);
  indicator_request req;
  req.levels = {level::commune, level::district};
  const auto t = compute_indicators(data::child_statistics_catalogue(), data::quang_ngai_son_ha_units(), &c, nullptr, req);
  const auto total_denominator = [&](const std::string& unit, const std::string& key) {
    for (std::size_t i = 0; i < t.size(); ++i) {
      bool total = true;
      for (const auto& col : t.category) total = total && col[i] < 0;
      if (total && t.unit_codes[t.unit[i]] == unit && t.indicator_keys[t.indicator[i]] == key) return t.denominator[i];
    }
    ADD_FAILURE() << unit << " " << key;
    return 0.0;
  };
  // Di Lăng's 3 five-year-olds are withheld; 0-5 and 0-4 are not both published there.
  EXPECT_TRUE(std::isnan(total_denominator("21289", "kindergarten_age5")));
  const double under6 = total_denominator("21289", "health_insurance_under6"), under5 = total_denominator("21289", "birth_registration_under5");
  EXPECT_TRUE(std::isnan(under6) || std::isnan(under5));
  // The district's five-year-olds (13) less Sơn Bao's (10) would give them too.
  EXPECT_TRUE(std::isnan(total_denominator("21301", "kindergarten_age5")) || std::isnan(total_denominator("529", "kindergarten_age5")));
  // Children aged 0-4 are one count, whether published as a denominator or as an age group.
  for (const std::string unit : {"21289", "21301", "529"}) {
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t.unit_codes[t.unit[i]] != unit || t.indicator_keys[t.indicator[i]] != "child_population" || t.category[1][i] != 0 ||
          t.category[0][i] >= 0 || t.category[2][i] >= 0) {
        continue;
      }
      EXPECT_EQ(std::isnan(t.numerator[i]), std::isnan(total_denominator(unit, "birth_registration_under5"))) << unit;
    }
  }
}

/// Di Lăng's incidents in 2024, `count` of each kind, every one the same boy of 10: the tests below
/// read only the kind breakdown.
registers::incident_register di_lang_incidents(std::initializer_list<std::pair<int, registers::incident_kind>> counts, bool fatal) {
  registers::incident_register r;
  r.units = {"21289"};
  for (const auto& [count, kind] : counts) {
    for (int i = 0; i < count; ++i) {
      r.unit.push_back(0), r.day.push_back(fixture::day(2024, 5, 1 + i)), r.kind.push_back(kind), r.fatal.push_back(fatal ? 1 : 0);
      r.child_sex.push_back(registers::sex::male), r.child_age.push_back(10), r.where.push_back(registers::environment::unknown);
      r.plan_in_time.push_back(-1);
    }
  }
  return r;
}

/// `keys` over fixture::few_five_year_olds() and `r`.
indicator_table di_lang_table(const registers::incident_register& r, std::vector<std::string> keys, bool suppress) {
  const auto children = fixture::few_five_year_olds();
  const auto c = view(children);
  const auto i = view(r);
  indicator_request req;
  req.indicators = std::move(keys);
  req.suppression.enabled = suppress;
  return compute_indicators(data::child_statistics_catalogue(), data::quang_ngai_son_ha_units(), &c, &i, req);
}

// Di Lăng's injury deaths in 2024: 7 drownings, 2 traffic deaths, 10 others. The 2 are withheld, and
// the smallest other part of the kind breakdown (the 7 drownings) with them; drowning_deaths
// publishes the same 7 and must withhold it too, or 19 - 7 - 10 gives the 2 back.
TEST(CountIdentity, DrowningDeathsAreOneCountWithInjuryDeathsOfKindDrowning) {
  using registers::incident_kind;
  const auto t = di_lang_table(di_lang_incidents({{7, incident_kind::drowning}, {2, incident_kind::traffic_injury}, {10, incident_kind::other_injury}}, true),
                               {"drowning_deaths", "child_injury_death_rate"}, true);
  const auto numerator = [&](const std::string& key, int kind) {
    for (std::size_t k = 0; k < t.size(); ++k) {
      const bool only_kind = t.category[0][k] < 0 && t.category[1][k] < 0 && t.category[2][k] < 0 && t.category[4][k] < 0;
      if (only_kind && t.unit_codes[t.unit[k]] == "21289" && t.indicator_keys[t.indicator[k]] == key && t.category[3][k] == kind) return t.numerator[k];
    }
    ADD_FAILURE() << key << " kind " << kind;
    return 0.0;
  };
  EXPECT_TRUE(std::isnan(numerator("child_injury_death_rate", kind_code(registers::incident_kind::traffic_injury))));  // the 2 traffic deaths
  EXPECT_EQ(numerator("child_injury_death_rate", -1), 19);
  EXPECT_EQ(numerator("child_injury_death_rate", kind_code(registers::incident_kind::other_injury)), 10);
  EXPECT_TRUE(std::isnan(numerator("child_injury_death_rate", kind_code(registers::incident_kind::drowning))));
  EXPECT_TRUE(std::isnan(numerator("drowning_deaths", -1)));  // the same 7: withheld here too
}

// Di Lăng's abuse cases in 2024, by hand: 6 violence, 7 rape, 5 molestation, 6 sexual abuse of no
// recorded form, 8 abandonment (32 in all). A row labelled sexual_abuse means what a filter naming
// sexual_abuse means: its five forms and the form not recorded, 7 + 5 + 6 = 18 (Decree 56/2017/NĐ-CP);
// the plain kind is its own leaf. The abuse row would repeat the total, so it is not printed.
TEST(KindTree, SexualAbuseCountsItsFormsAndEveryParentIsTheSumOfItsParts) {
  using registers::incident_kind;
  const auto t = di_lang_table(di_lang_incidents({{6, incident_kind::violence}, {7, incident_kind::rape}, {5, incident_kind::molestation},
                                                  {6, incident_kind::sexual_abuse}, {8, incident_kind::abandonment}}, false),
                               {"abused_children"}, false);
  const auto kind = static_cast<std::size_t>(dimension::kind);
  std::map<std::string, double> by_kind;
  for (std::size_t k = 0; k < t.size(); ++k) {
    bool only_kind = t.unit_codes[t.unit[k]] == "21289";
    for (std::size_t d = 0; d < dimension_count; ++d) only_kind = only_kind && (d == kind || t.category[d][k] < 0);
    if (only_kind) by_kind[t.category[kind][k] < 0 ? "all" : t.labels[kind][static_cast<std::size_t>(t.category[kind][k])]] = t.numerator[k];
  }
  const std::map<std::string, double> expected{
      {"all", 32}, {"violence", 6}, {"sexual_abuse", 18}, {"sexual_abuse_form_not_recorded", 6}, {"rape", 7}, {"coerced_sex", 0},
      {"sexual_intercourse_with_child", 0}, {"molestation", 5}, {"prostitution_or_pornography", 0}, {"exploitation", 0},
      {"trafficking", 0}, {"abandonment", 8}, {"neglect", 0}, {"other_abuse", 0}};
  EXPECT_EQ(by_kind, expected);  // no "abuse" (the total again), no injury kinds
  // The table says which rows are sums, and of which categories.
  const auto tree = t.hierarchy(kind);
  const auto sexual = std::find_if(tree.begin(), tree.end(), [](const auto& e) { return e.first == "sexual_abuse"; });
  ASSERT_NE(sexual, tree.end());
  EXPECT_EQ(sexual->second, (std::vector<std::string>{"sexual_abuse_form_not_recorded", "rape", "coerced_sex", "sexual_intercourse_with_child",
                                                      "molestation", "prostitution_or_pornography"}));
  // Each parent printed is the sum of its printed parts, and the parts of the tree's top add to the total.
  for (const auto& [parent, parts] : tree) {
    if (!by_kind.count(parent)) continue;
    double sum = 0;
    for (const auto& p : parts) sum += by_kind.count(p) ? by_kind.at(p) : 0;
    EXPECT_EQ(by_kind.at(parent), sum) << parent;
  }
}

// With suppression, the parent is one more published sum: 3 molestations withheld, and withheld
// they stay, although sexual_abuse (18) less its other parts would give them back.
TEST(KindTree, AWithheldFormIsNotRevealedByItsParent) {
  using registers::incident_kind;
  const auto t = di_lang_table(di_lang_incidents({{9, incident_kind::violence}, {7, incident_kind::rape}, {3, incident_kind::molestation},
                                                  {8, incident_kind::sexual_abuse}}, false),
                               {"abused_children"}, true);
  const auto kind = static_cast<std::size_t>(dimension::kind);
  const auto total = [](const indicator_table& tt) {
    for (std::size_t k = 0; k < tt.size(); ++k) {
      if (tt.unit_codes[tt.unit[k]] == "21289" && tt.breakdown_label(k) == "total") return tt.numerator[k];
    }
    return 0.0;
  };
  std::map<std::string, double> shown;
  for (std::size_t k = 0; k < t.size(); ++k) {
    bool only_kind = t.unit_codes[t.unit[k]] == "21289" && t.category[kind][k] >= 0;
    for (std::size_t d = 0; d < dimension_count; ++d) only_kind = only_kind && (d == kind || t.category[d][k] < 0);
    if (only_kind) shown[t.labels[kind][static_cast<std::size_t>(t.category[kind][k])]] = t.numerator[k];
  }
  ASSERT_TRUE(std::isnan(shown.at("molestation")));
  // molestation = sexual_abuse less its other parts, and sexual_abuse = the total less abuse's
  // other parts: if either chain is printed in full, the 3 is back.
  const auto known = [&](std::initializer_list<const char*> labels) {
    return std::all_of(labels.begin(), labels.end(), [&](const char* l) { return !std::isnan(shown.at(l)); });
  };
  const bool parent_known = known({"sexual_abuse"}) || (!std::isnan(total(t)) && known({"violence", "exploitation", "trafficking", "abandonment", "neglect", "other_abuse"}));
  EXPECT_FALSE(parent_known && known({"sexual_abuse_form_not_recorded", "rape", "coerced_sex", "sexual_intercourse_with_child", "prostitution_or_pornography"}));
}

}  // namespace

namespace {

// Counting by row signature and counting side by side are two implementations of one thing.
TEST_F(Generated, SignatureCountsEqualSideBySideCounts) {
  const auto& cat = data::child_statistics_catalogue();
  std::vector<side> sides;
  for (const auto& d : cat.indicators) {
    for (const auto* f : {&d.numerator, d.denominator ? &*d.denominator : nullptr}) {
      if (!f || f->source != register_kind::children) continue;
      side s{*f, {}, {}, 1};
      s.has[0] = s.has[1] = true;  // sex, age group: signature-eligible
      s.lay_out(sizes_of(register_kind::children, cat.age_groups, regs().children.ethnicities.size()));
      sides.push_back(s);
    }
  }
  const auto c = view(regs().children);
  const date reference = make_date(2024, 12, 31);
  const age_table ages(reference);
  const indicators::detail::child_row_check check{c, ages, format_vn(reference), c.units.size(), c.ethnicities.size()};
  const auto plan = indicators::detail::plan_signatures(sides);
  ASSERT_LE(plan.bits, indicators::detail::max_signature_bits);
  ASSERT_GT(plan.group_masks.size(), 1u);  // "any" and group d
  for (std::size_t threads : {1u, 2u}) {
    EXPECT_EQ(indicators::detail::count_children_by_signature(c, sides, cat.age_groups, ages, check, plan, threads),
              indicators::detail::count_children_by_side(c, sides, cat.age_groups, ages, check, threads));
  }
  // The rows in other orders, three times over (enough rows for two threads): shuffled (no two
  // rows of a commune together, so the pass counts into its cube) and each commune in three runs
  // (folded from its block three times). The counts do not depend on the order.
  const std::size_t n = c.size();
  std::vector<std::size_t> order;
  for (std::size_t copy = 0; copy < 3; ++copy) {
    for (std::size_t i = 0; i < n; ++i) order.push_back(i);
  }
  std::vector<std::size_t> shuffled = order;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(5));
  for (const auto& rows : {shuffled, order}) {
    std::vector<std::uint32_t> unit;
    std::vector<registers::sex> sex;
    std::vector<std::int32_t> birth;
    std::vector<std::uint16_t> ethnicity, special;
    std::vector<std::uint8_t> flags;
    for (const std::size_t i : rows) {
      unit.push_back(c.unit[i]), sex.push_back(c.child_sex[i]), birth.push_back(c.birth[i]);
      ethnicity.push_back(c.ethnicity[i]), special.push_back(c.special_groups[i]), flags.push_back(c.flags[i]);
    }
    const child_columns again{c.units, c.ethnicities, unit, sex, birth, ethnicity, special, flags};
    const indicators::detail::child_row_check check_again{again, ages, format_vn(reference), c.units.size(), c.ethnicities.size()};
    const auto by_side = indicators::detail::count_children_by_side(again, sides, cat.age_groups, ages, check_again, 1);
    for (std::size_t threads : {1u, 2u}) {
      EXPECT_EQ(indicators::detail::count_children_by_signature(again, sides, cat.age_groups, ages, check_again, plan, threads), by_side);
    }
    const auto once = indicators::detail::count_children_by_side(c, sides, cat.age_groups, ages, check, 1);
    for (std::size_t s = 0; s < once.size(); ++s) {
      for (std::size_t k = 0; k < once[s].size(); ++k) ASSERT_EQ(by_side[s][k], 3 * once[s][k]);
    }
  }
}

}  // namespace

namespace {

// Every indicator of the bundled catalogue, both units of the fixture, counted by hand from
// indicators_fixture.hpp (reference date 31/12/2024; incidents of 2024 only). -1: no denominator.
TEST_F(Engine, EveryIndicatorTotalByHand) {
  struct expected {
    const char* key;
    double num_di_lang, den_di_lang, num_son_bao, den_son_bao;
  };
  const expected table[] = {
      {"child_population", 4, -1, 2, -1},
      {"special_circumstances_share", 2, 4, 0, 2},            // groups a and d
      {"special_circumstances_supported_share", 1, 2, 0, 0},  // the child of group d is supported
      {"children_with_disabilities_share", 1, 4, 0, 2},
      {"abused_children", 2, -1, 1, -1},                      // violence, sexual abuse | abandonment
      {"abused_children_rate", 2, 4, 1, 2},
      {"abused_children_percent", 2, 4, 1, 2},
      {"child_injury_rate", 1, 4, 1, 2},                      // drowning | traffic injury
      {"child_injury_death_rate", 1, 4, 0, 2},
      {"drowning_deaths", 1, -1, 0, -1},
      {"drowning_death_rate", 1, 4, 0, 2},
      {"birth_registration_under5", 2, 2, 0, 1},              // ages 0 and 4 | age 3, not registered
      {"health_insurance_under6", 2, 3, 1, 1},                // ages 0, 4, 5 | age 3
      {"kindergarten_3_5", 1, 2, 1, 1},                       // ages 4 (not enrolled) and 5 | age 3
      {"kindergarten_age5", 1, 1, 0, 0},
      {"intervention_plan_in_time_share", 1, 1, 0, 1},        // sexual abuse in time | abandonment late
  };
  const auto t = run({});
  ASSERT_EQ(std::size(table), cat.indicators.size());
  for (const auto& e : table) {
    const auto& def = cat.get(e.key);
    for (const auto& [unit, num, den] : {std::tuple{"21289", e.num_di_lang, e.den_di_lang}, std::tuple{"21301", e.num_son_bao, e.den_son_bao}}) {
      const std::size_t i = row(t, unit, e.key);
      EXPECT_EQ(t.numerator[i], num) << e.key << " " << unit;
      if (den < 0) {
        EXPECT_TRUE(std::isnan(t.denominator[i])) << e.key;
        EXPECT_EQ(t.value[i], num) << e.key;
      } else {
        EXPECT_EQ(t.denominator[i], den) << e.key << " " << unit;
        if (den > 0) {
          EXPECT_DOUBLE_EQ(t.value[i], num / den * def.factor) << e.key << " " << unit;
        } else {
          EXPECT_TRUE(std::isnan(t.value[i])) << e.key << " " << unit;
        }
      }
    }
  }
}

}  // namespace

namespace {

// Threads split rows in chunks of at least 65,536: the register is made large enough for two.
TEST_F(Generated, TwoThreadsGiveTheSameTableAsOne) {
  registers::child_register big = regs().children;
  while (big.size() < 150000) {
    const auto& c = regs().children;
    big.unit.insert(big.unit.end(), c.unit.begin(), c.unit.end());
    big.child_sex.insert(big.child_sex.end(), c.child_sex.begin(), c.child_sex.end());
    big.birth.insert(big.birth.end(), c.birth.begin(), c.birth.end());
    big.ethnicity.insert(big.ethnicity.end(), c.ethnicity.begin(), c.ethnicity.end());
    big.special_groups.insert(big.special_groups.end(), c.special_groups.begin(), c.special_groups.end());
    big.flags.insert(big.flags.end(), c.flags.begin(), c.flags.end());
    big.id.append(c.id);
  }
  ASSERT_GE(indicators::detail::thread_count(2, big.size()), 2u);
  const auto c = view(big);
  const auto r = view(regs().incidents);
  indicator_request one, two;
  one.levels = two.levels = {level::commune, level::district};
  one.threads = 1;
  two.threads = 2;
  const auto a = compute_indicators(data::child_statistics_catalogue(), data::quang_ngai_son_ha_units(), &c, &r, one);
  const auto b = compute_indicators(data::child_statistics_catalogue(), data::quang_ngai_son_ha_units(), &c, &r, two);
  ASSERT_EQ(a.size(), b.size());
  auto same = [](const std::vector<double>& x, const std::vector<double>& y) {
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (!(x[i] == y[i] || (std::isnan(x[i]) && std::isnan(y[i])))) return false;
    }
    return x.size() == y.size();
  };
  EXPECT_TRUE(same(a.numerator, b.numerator) && same(a.denominator, b.denominator) && same(a.value, b.value));
  EXPECT_TRUE(same(a.lower, b.lower) && same(a.upper, b.upper));
  EXPECT_EQ(a.suppressed, b.suppressed);
}

// A count withheld under one indicator is not published as another's denominator.
TEST_F(Engine, AWithheldCountIsNotADenominatorElsewhere) {
  indicator_request req;  // suppression on: Di Lăng's 4 children are a small count
  const auto t = compute_indicators(cat, units, &c, &r, req);
  EXPECT_TRUE(t.suppressed[row(t, "21289", "child_population")]);
  const auto share = row(t, "21289", "special_circumstances_share");  // its denominator is those 4 children
  EXPECT_TRUE(t.suppressed[share]);
  EXPECT_TRUE(std::isnan(t.denominator[share]));
}

// A code in the register's list that no row uses does not break a run across the merger.
// The layout stage on its own: which cells each breakdown publishes, and how many rows a unit gets.
TEST_F(Engine, TheLayoutPublishesTheKindsTheNumeratorCountsAndSharesSides) {
  const auto& def = cat.get("abused_children");
  const auto sizes = indicators::detail::shown_sizes(sizes_of(register_kind::incidents, cat.age_groups, 0));
  const auto slots = indicators::detail::published_slots(def.numerator, {dimension::kind}, sizes);
  ASSERT_EQ(slots.size(), kind_category_count);
  std::vector<std::string> shown;
  for (std::size_t k = 0; k < slots.size(); ++k) {
    if (slots[k] >= 0) {
      EXPECT_EQ(slots[k], static_cast<std::int64_t>(shown.size()));  // numbered in category order
      shown.emplace_back(kind_categories[k].name);
    }
  }
  // Abuse's kinds with sexual abuse as a parent of its forms; no injury, and no "abuse" (the total).
  EXPECT_EQ(shown, (std::vector<std::string>{"violence", "sexual_abuse", "sexual_abuse_form_not_recorded", "rape", "coerced_sex",
                                             "sexual_intercourse_with_child", "molestation", "prostitution_or_pornography", "exploitation",
                                             "trafficking", "abandonment", "neglect", "other_abuse"}));
  // abused_children and its rate count the same incidents: one side; the rate's children another.
  indicator_request req;
  req.indicators = {"abused_children", "abused_children_rate"};
  const auto l = indicators::detail::lay_out({&def, &cat.get("abused_children_rate")}, cat.age_groups, &c, req);
  EXPECT_EQ(l.incident_sides.size(), 1u);
  EXPECT_EQ(l.child_sides.size(), 1u);
  const auto t = run(req);
  std::size_t rows_of_di_lang = 0;
  for (std::size_t i = 0; i < t.size(); ++i) rows_of_di_lang += t.unit_codes[t.unit[i]] == "21289";
  EXPECT_EQ(rows_of_di_lang, l.rows_per_unit);
}

TEST_F(Engine, AnUnusedUnitCodeIsHarmless) {
  children.units.push_back("529");  // the district: not a commune, used by no row
  const auto c2 = view(children);
  indicator_request req;
  req.suppression.enabled = false;
  req.merger = "nq-1677-2025-son-ha";
  const auto t = compute_indicators(cat, units, &c2, &r, req);
  EXPECT_EQ(t.numerator[row(t, "21289", "child_population")], 6);
}

}  // namespace
