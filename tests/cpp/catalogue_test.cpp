// Indicator catalogues as data: the bundled one, users' own, and malformed ones.
#include <gtest/gtest.h>

#include "indicators_fixture.hpp"
#include "treem/data/bundled.hpp"
#include "treem/indicators/catalogue_toml.hpp"
#include "treem/indicators/compute.hpp"

namespace {

using namespace treem;
using namespace treem::indicators;

const std::string header = "schema = \"treem.indicators/1\"\nid = \"mine\"\nversion = \"1\"\n";

std::string one(const std::string& body) {
  return header + "[[indicator]]\nkey = \"k\"\nname_vi = \"v\"\nname_en = \"e\"\nunit = \"%\"\nstatus = \"unconfirmed\"\nsource = \"s\"\n" + body;
}

TEST(Catalogue, BundledCatalogueKeepsConfirmedCodesOnly) {
  const auto& c = data::child_statistics_catalogue();
  EXPECT_EQ(c.get("abused_children").code, "0101");
  EXPECT_EQ(c.get("abused_children").appendix, "IV");
  EXPECT_EQ(c.get("child_population").code, "");  // the name is confirmed, its code is not
  for (const auto& d : c.indicators) EXPECT_TRUE(d.code.empty() || d.code == "0101") << d.key;
  EXPECT_EQ(c.age_groups.to_string(), "0-4,5-9,10-15");
  EXPECT_THROW((void)c.get("nope"), not_found_error);
}

TEST(Catalogue, MalformedDefinitionsAreLocated) {
  const std::pair<std::string, std::string> cases[] = {
      {one("numerator = { register = \"children\", flags = [\"rich\"] }\n"), "unknown flag 'rich'"},
      {one("numerator = { register = \"children\" }\ndisaggregations = [\"kind\"]\n"), "'kind' is not a column of the children register"},
      {one("numerator = { register = \"incidents\" }\ndenominator = { register = \"children\" }\nfactor = 100000\ninterval = \"wilson\"\n"),
       "wilson is for proportions"},
      {one("numerator = { register = \"children\" }\nfactor = 100\n"), "a count (no denominator) has factor 1"},
      {one("numerator = { register = \"children\" }\ncode = \"12\"\n"), "four digits"},
      {one("numerator = { register = \"children\", age = [3, 16] }\n"), "0 <= first <= last <= 15"},
      {one("numerator = { register = \"children\", kinds = [\"drowning\"] }\n"), "unknown key"},
      {one("numerator = { register = \"incidents\", kinds = [\"flood\"] }\n"), "'flood' is not"},
      {one("numerator = { register = \"children\" }\ncolour = \"red\"\n"), "colour: unknown key"},
      {header + "age_groups = \"0-4,6-15\"\n", "should start at 5"},
  };
  for (const auto& [text, expected] : cases) {
    try {
      (void)load_catalogue(text, "mine.toml");
      ADD_FAILURE() << "accepted: " << text;
    } catch (const error& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
      EXPECT_EQ(std::string(e.what()).rfind("mine.toml:", 0), 0u) << e.what();
    }
  }
}

TEST(Catalogue, UsersAddTheirOwnIndicatorsWithoutRecompiling) {
  const auto mine = load_catalogue(header + R"(
[[indicator]]
key = "hre_girls_under5"
name_vi = "Trẻ em gái H're dưới 5 tuổi"
name_en = "H're girls under 5"
numerator = { register = "children", sex = "female", age = [0, 4], ethnicities = ["H're"] }
unit = "children"
status = "unconfirmed"
source = "a district's own count"
)", "mine.toml");
  const auto both = extend(data::child_statistics_catalogue(), mine);
  EXPECT_THROW((void)extend(both, mine), validation_error);
  auto children = fixture::small_children();
  const auto c = view(children);
  indicator_request req;
  req.indicators = {"hre_girls_under5"};
  req.suppression.enabled = false;
  const auto t = compute_indicators(both, data::quang_ngai_son_ha_units(), &c, nullptr, req);
  ASSERT_EQ(t.size(), 2u);  // total only, in each of the two units
  EXPECT_EQ(t.numerator[0], 1);  // the H're girl aged 4 in Di Lăng
  EXPECT_EQ(t.numerator[1], 0);
}

TEST(AgeGroups, MustPartitionChildhood) {
  EXPECT_THROW(age_groups({{0, 4}, {4, 15}}), validation_error);
  EXPECT_THROW(age_groups({{0, 14}}), validation_error);
  EXPECT_THROW((void)age_groups::parse("0-4,5-x"), validation_error);
  EXPECT_EQ(age_groups::parse("0-2, 3-5 ,6-15").size(), 3u);
  EXPECT_EQ(age_groups::parse("0-14,15").group_of(15), 1);
}

TEST(AgeTable, CountsCompletedYearsWithLeapDays) {
  const age_table t(make_date(2024, 2, 28));
  auto born = [](int y, int m, int d) { return static_cast<std::int32_t>(to_epoch_days(make_date(y, m, d))); };
  EXPECT_EQ(t.age(born(2024, 2, 28)), 0);
  EXPECT_EQ(t.age(born(2023, 2, 28)), 1);
  EXPECT_EQ(t.age(born(2023, 3, 1)), 0);
  EXPECT_EQ(t.age(born(2008, 2, 29)), 15);  // turns 16 the next day, 29/02/2024
  EXPECT_EQ(t.age(born(2008, 2, 28)), 16);
  EXPECT_EQ(t.age(born(2024, 2, 29)), -1);
  // Boost's `years()` snaps month ends (28/02/2025 - 5 years = 29/02/2020); ages must not.
  const age_table after_leap(make_date(2025, 2, 28));
  EXPECT_EQ(after_leap.age(born(2020, 2, 29)), 4);  // turns 5 on 01/03/2025
  EXPECT_EQ(after_leap.age(born(2020, 2, 28)), 5);
  const age_table leap(make_date(2024, 2, 29));
  EXPECT_EQ(leap.age(born(2008, 2, 29)), 16);
}

}  // namespace
