// What a published number counts: counts reached by differently written filters are recognised as
// one (count_set.hpp), and counts that add up to another are found (count_relations.hpp). The
// expectations are read from the bundled catalogue's definitions, worked out by hand.
#include <algorithm>

#include <gtest/gtest.h>

#include "treem/data/bundled.hpp"
#include "treem/indicators/count_relations.hpp"
#include "treem/indicators/count_set.hpp"
#include "treem/indicators/kind_categories.hpp"

namespace {

using namespace treem;
using namespace treem::indicators;

struct Sets : ::testing::Test {
  const std::size_t drowning = kind_category_of(registers::incident_kind::drowning);
  const catalogue& cat = data::child_statistics_catalogue();
  const age_groups groups = cat.age_groups;  // 0-4, 5-9, 10-15
  const std::vector<std::string> ethnicities{"Kinh", "H're", ""};

  count_set of(const row_filter& f) const {
    return restrict_to(whole_register(f.source, ethnicities.size()), f, ethnicities);
  }
  count_set numerator(const std::string& key) const { return of(cat.get(key).numerator); }
  count_set denominator(const std::string& key) const { return of(*cat.get(key).denominator); }
};

TEST_F(Sets, TheSameRowsWrittenTwoWaysAreOneCount) {
  // Children aged 0-4: birth registration's denominator, and the population's age group 0-4.
  EXPECT_EQ(denominator("birth_registration_under5"), restrict_to(numerator("child_population"), dimension::age_group, 0, groups));
  // Drowning deaths, and the injury deaths of kind drowning.
  EXPECT_EQ(numerator("drowning_deaths"), restrict_to(numerator("child_injury_death_rate"), dimension::kind, drowning, groups));
  // Every child: the population, and any rate's denominator.
  EXPECT_EQ(numerator("child_population"), denominator("abused_children_rate"));
  // But not children aged 0-5 (health insurance) and the age group 0-4.
  EXPECT_NE(denominator("health_insurance_under6"), denominator("birth_registration_under5"));
}

TEST_F(Sets, AnIncidentOfUnknownAgeCountsOnlyWithoutAnAgeFilter) {
  row_filter any_age{.source = register_kind::incidents};
  row_filter all_ages = any_age;
  all_ages.age_min = 0, all_ages.age_max = 15;  // the same range written out: still a full range
  EXPECT_EQ(of(any_age), of(all_ages));
  row_filter young = any_age;
  young.age_max = 9;
  EXPECT_EQ(of(young).ages & indicators::detail::unknown_age_bit, 0u);
  EXPECT_NE(of(any_age).ages & indicators::detail::unknown_age_bit, 0u);
  // The age group "unknown" (after the last group) holds exactly the incidents of unknown age.
  EXPECT_EQ(restrict_to(of(any_age), dimension::age_group, groups.size(), groups).ages, indicators::detail::unknown_age_bit);
}

TEST_F(Sets, CountsThatCanHoldNothingAreOneEmptyCount) {
  // Five-year-olds in the age group 10-15, and abuse cases of kind drowning: always 0.
  const count_set a = restrict_to(numerator("kindergarten_age5"), dimension::age_group, 2, groups);
  const count_set b = restrict_to(restrict_to(numerator("abused_children"), dimension::kind, drowning, groups), dimension::age_group, 1, groups);
  EXPECT_TRUE(a.empty());
  EXPECT_TRUE(b.empty());
  EXPECT_EQ(a, restrict_to(denominator("kindergarten_3_5"), dimension::age_group, 2, groups));
  EXPECT_FALSE(numerator("kindergarten_age5").empty());
}

TEST_F(Sets, EthnicityByNameAndByCategory) {
  row_filter kinh{.source = register_kind::children};
  kinh.ethnicities = {"Kinh"};
  EXPECT_EQ(of(kinh), restrict_to(numerator("child_population"), dimension::ethnicity, 0, groups));
  // The empty ethnicity (not recorded) is a category like any other, not the whole register.
  EXPECT_NE(restrict_to(numerator("child_population"), dimension::ethnicity, 2, groups), numerator("child_population"));
}

bool has_relation(const std::vector<set_relation>& rs, std::uint32_t total, std::vector<std::uint32_t> parts) {
  std::sort(parts.begin(), parts.end());
  return std::any_of(rs.begin(), rs.end(), [&](const set_relation& r) {
    auto p = r.parts;
    std::sort(p.begin(), p.end());
    return r.total == total && p == parts;
  });
}

TEST_F(Sets, AgeRangesThatSplitAnotherAreFoundWhicheverIndicatorsPublishThem) {
  // 0-5 (health insurance) = 0-4 (birth registration) + 5 (kindergarten at age 5); 3-5 overlaps
  // 0-4 and is no part of a split of 0-5 with it.
  const std::vector<count_set> sets{denominator("health_insurance_under6"), denominator("birth_registration_under5"),
                                    denominator("kindergarten_age5"), denominator("kindergarten_3_5")};
  const auto rs = derive_relations(sets);
  EXPECT_TRUE(has_relation(rs, 0, {1, 2}));
  EXPECT_EQ(rs.size(), 1u);
}

TEST_F(Sets, SexAndKindSplits) {
  const count_set all = numerator("abused_children");
  std::vector<count_set> sets{all, restrict_to(all, dimension::sex, 0, groups), restrict_to(all, dimension::sex, 1, groups)};
  auto rs = derive_relations(sets);
  EXPECT_FALSE(has_relation(rs, 0, {1, 2}));  // an incident's sex may be unknown: male + female is not all
  sets.push_back(restrict_to(all, dimension::sex, 2, groups));
  rs = derive_relations(sets);
  EXPECT_TRUE(has_relation(rs, 0, {1, 2, 3}));
  // Abuse by kind: the kinds it counts (violence, sexual abuse of no recorded form and its five
  // forms, exploitation, trafficking, abandonment, neglect, other abuse: 12 leaves of the kind
  // tree) add up to it.
  std::vector<count_set> kinds{all};
  for (std::size_t k = 0; k < kind_category_count; ++k) {
    const count_set one = restrict_to(all, dimension::kind, k, groups);
    if (!one.empty() && !is_parent_kind_category(k)) kinds.push_back(one);
  }
  ASSERT_EQ(kinds.size(), 13u);
  rs = derive_relations(kinds);
  std::vector<std::uint32_t> parts(12);
  for (std::uint32_t i = 0; i < 12; ++i) parts[i] = i + 1;
  EXPECT_TRUE(has_relation(rs, 0, parts));
}

TEST_F(Sets, TheKindTreeIsOneSetPerCategoryAndParentsAreSumsOfTheirParts) {
  const count_set all = numerator("abused_children");
  // The parent abuse is the whole numerator: one count, not two.
  EXPECT_EQ(restrict_to(all, dimension::kind, *kind_category_from_string("abuse"), groups), all);
  // sexual_abuse: the kind recorded without its form and the five forms of Decree 56/2017.
  const std::size_t sexual = *kind_category_from_string("sexual_abuse");
  std::vector<count_set> sets{restrict_to(all, dimension::kind, sexual, groups)};
  for (const char* part : {"sexual_abuse_form_not_recorded", "rape", "coerced_sex", "sexual_intercourse_with_child", "molestation",
                           "prostitution_or_pornography"}) {
    sets.push_back(restrict_to(all, dimension::kind, *kind_category_from_string(part), groups));
  }
  EXPECT_TRUE(has_relation(derive_relations(sets), 0, {1, 2, 3, 4, 5, 6}));
  // The form not recorded is not sexual abuse as a whole: the five forms lie outside it.
  EXPECT_NE(sets[1], sets[0]);
  EXPECT_EQ(kind_categories[*kind_category_from_string("rape")].parent, static_cast<int>(sexual));
  EXPECT_EQ(kind_category_depth(*kind_category_from_string("rape")), 2);
}

}  // namespace
