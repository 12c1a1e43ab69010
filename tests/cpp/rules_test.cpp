// Rule sets as data: the bundled national standard, overlays and what is refused.
#include <gtest/gtest.h>

#include "treem/certify/evaluate.hpp"
#include "treem/data/bundled.hpp"

namespace {

using namespace treem::certify;

const std::string overlay_head = "schema = \"treem.rules/1\"\nid = \"o\"\nversion = \"1\"\ntitle = \"t\"\ninstrument = \"i\"\nextends = \"vn-06-qd-ttg-2019\"\n";

TEST(Rules, TheNationalStandardHoldsOnlyWhatIsConfirmed) {
  const rule_set& r = treem::data::national_cfc_rules();
  ASSERT_EQ(r.criteria.size(), 13u);
  EXPECT_EQ(r.find_criterion(1)->max_points.value, 100);
  EXPECT_EQ(r.find_criterion(6)->max_points.value, 125);
  EXPECT_EQ(r.find_criterion(7)->max_points.value, 50);
  for (int c : {2, 3, 4, 5, 8, 9, 10, 11, 12, 13}) EXPECT_FALSE(r.find_criterion(c)->max_points.known()) << c;
  EXPECT_FALSE(r.find_criterion(1)->items[3].points.has_value());  // the budget item's points were not readable
  EXPECT_EQ(r.find_pass_mark(unit_category::ward_of_centrally_run_city)->min_total, 900);
  EXPECT_EQ(r.find_pass_mark(unit_category::mountainous_island_or_disadvantaged)->min_total, 800);
  EXPECT_EQ(r.find_pass_mark(unit_category::other)->min_total, 850);
  EXPECT_EQ(r.gates.size(), 3u);
}

TEST(Rules, AssessmentCalendarIsNovemberOfYearsTwoAndFour) {
  const auto dates = assessment_dates(*treem::data::national_cfc_rules().cycle, 2021, 2030);
  EXPECT_EQ(dates, (std::vector<treem::date>{treem::make_date(2022, 11, 1), treem::make_date(2024, 11, 1), treem::make_date(2027, 11, 1),
                                             treem::make_date(2029, 11, 1)}));
}

TEST(Rules, OverlaysRaiseMarksAndAddGates) {
  const rule_set raise = load_rule_set(overlay_head +
      "[[pass_mark]]\ncategory = \"mountainous_island_or_disadvantaged\"\nmin_total = 870\nstatus = \"confirmed\"\nsource = \"s\"\n"
      "[[gate]]\nid = \"worker\"\nkind = \"fact_true\"\nfact = \"cp_worker_assigned\"\ntext_vi = \"Có người làm công tác BVTE\"\nstatus = \"confirmed\"\nsource = \"s\"\n"
      "[[gate]]\nid = \"c3\"\nkind = \"criterion_at_least\"\ncriterion = 3\nmin_points = 40\ntext_vi = \"Tiêu chí 3 từ 40 điểm\"\nstatus = \"confirmed\"\nsource = \"s\"\n",
      "o.toml");
  const composed_rules c = compose({raise, treem::data::national_cfc_rules()});  // any order
  EXPECT_EQ(c.layers.size(), 2u);
  EXPECT_EQ(c.layers[1].first, "o");
  EXPECT_EQ(c.rules.find_pass_mark(unit_category::mountainous_island_or_disadvantaged)->min_total, 870);
  unit_assessment a;
  a.unit = "21292";
  a.period = "2024";
  for (int k = 1; k <= 13; ++k) a.points[k] = 65;  // 845: passes 800, not 870
  a.points[7] = 50;
  a.points[1] = 80;  // total 65*11 + 50 + 80 = 845
  a.facts["cp_worker_assigned"] = 1;
  const decision d = evaluate(a, {}, c, treem::data::quang_ngai_son_ha_units());
  EXPECT_EQ(d.total, 845);
  EXPECT_EQ(d.result, outcome::not_recognized);
  EXPECT_EQ(d.pass_mark, 870);
  a.points[3] = 30;  // total 810 and criterion 3 below 40
  const decision d3 = evaluate(a, {}, c, treem::data::quang_ngai_son_ha_units());
  EXPECT_EQ(d3.gap.failed_gates, std::vector<std::string>{"c3"});
  a.facts["cp_worker_assigned"] = 0;
  const decision dw = evaluate(a, {}, c, treem::data::quang_ngai_son_ha_units());
  EXPECT_EQ(dw.gap.failed_gates, (std::vector<std::string>{"worker", "c3"}));
}

TEST(Rules, BadRuleSetsAndCompositions) {
  const auto lower = load_rule_set(overlay_head + "[[pass_mark]]\ncategory = \"other\"\nmin_total = 700\nstatus = \"confirmed\"\nsource = \"s\"\n", "lower.toml");
  EXPECT_THROW((void)compose({treem::data::national_cfc_rules(), lower}), treem::validation_error);
  auto a = load_rule_set("schema = \"treem.rules/1\"\nid = \"a\"\nversion = \"1\"\ntitle = \"t\"\ninstrument = \"i\"\nextends = \"b\"\n", "a.toml");
  auto b = load_rule_set("schema = \"treem.rules/1\"\nid = \"b\"\nversion = \"1\"\ntitle = \"t\"\ninstrument = \"i\"\nextends = \"a\"\n", "b.toml");
  try {
    (void)compose({treem::data::national_cfc_rules(), a, b});
    FAIL();
  } catch (const treem::validation_error& e) {
    EXPECT_NE(std::string(e.what()).find("cycle"), std::string::npos);
  }
  EXPECT_THROW((void)compose({a}), treem::validation_error);  // no base
  EXPECT_THROW((void)compose({treem::data::national_cfc_rules(), treem::data::national_cfc_rules()}), treem::validation_error);
  // Criteria in an overlay, unknown gate kinds, bands in the wrong order: located errors.
  try {
    (void)load_rule_set(overlay_head + "[[criterion]]\nid = 14\nname_vi = \"x\"\nsource = \"s\"\n", "o.toml");
    FAIL();
  } catch (const treem::validation_error& e) {
    EXPECT_NE(std::string(e.what()).find("an overlay cannot add criteria"), std::string::npos);
  }
  try {
    (void)load_rule_set(overlay_head + "[[gate]]\nid = \"g\"\nkind = \"vibes\"\ntext_vi = \"x\"\nstatus = \"confirmed\"\nsource = \"s\"\n", "o.toml");
    FAIL();
  } catch (const treem::validation_error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("o.toml:9:8: gate[0].kind: unknown gate kind 'vibes'", 0), 0u) << e.what();
  }
  try {
    (void)load_rule_set(overlay_head + "[[disqualifier]]\nid = \"d\"\nkinds = [\"flood\"]\ntext_vi = \"x\"\nstatus = \"confirmed\"\nsource = \"s\"\n", "o.toml");
    FAIL();
  } catch (const treem::validation_error& e) {
    EXPECT_NE(std::string(e.what()).find("unknown incident kind 'flood'"), std::string::npos);
  }
}

}  // namespace

namespace {

TEST(Rules, GatesMustNameWhatExistsAndNumbersMustBeFinite) {
  const auto gate42 = load_rule_set(overlay_head + "[[gate]]\nid = \"g\"\nkind = \"criterion_at_least\"\ncriterion = 42\nmin_points = 1\n"
                                                   "text_vi = \"x\"\nstatus = \"confirmed\"\nsource = \"s\"\n", "g.toml");
  EXPECT_THROW((void)compose({treem::data::national_cfc_rules(), gate42}), treem::validation_error);
  const auto no_fact = load_rule_set(overlay_head + "[[gate]]\nid = \"g\"\nkind = \"fact_true\"\nfact = \"wifi\"\n"
                                                    "text_vi = \"x\"\nstatus = \"confirmed\"\nsource = \"s\"\n", "g.toml");
  EXPECT_THROW((void)compose({treem::data::national_cfc_rules(), no_fact}), treem::validation_error);
  const auto same_gate = load_rule_set(overlay_head + "[[gate]]\nid = \"du_13_tieu_chi\"\nkind = \"all_criteria_assessed\"\n"
                                                      "text_vi = \"x\"\nstatus = \"confirmed\"\nsource = \"s\"\n", "g.toml");
  EXPECT_THROW((void)compose({treem::data::national_cfc_rules(), same_gate}), treem::validation_error);
  for (const char* bad : {"nan", "inf", "-inf"}) {
    EXPECT_THROW((void)load_rule_set(overlay_head + "[[pass_mark]]\ncategory = \"other\"\nmin_total = " + bad + "\nstatus = \"confirmed\"\nsource = \"s\"\n",
                                     "p.toml"),
                 treem::validation_error)
        << bad;
  }
}

}  // namespace
