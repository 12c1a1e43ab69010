// Certification scenarios worked out by hand from Decision 06/QĐ-TTg (DOMAIN.md §1.3) and Sơn Hà's
// rule (Kế hoạch 2024, IV.1.d).
#include <gtest/gtest.h>

#include "treem/registers/incident_register_reader.hpp"

#include "treem/certify/evaluate.hpp"
#include "treem/certify/explain.hpp"
#include "treem/data/bundled.hpp"
#include "treem/units/units_toml.hpp"

namespace {

using namespace treem::certify;
using treem::make_date;

const composed_rules& national() {
  static const composed_rules r = compose({treem::data::national_cfc_rules()});
  return r;
}
const composed_rules& son_ha() {
  static const composed_rules r = compose({treem::data::national_cfc_rules(), treem::data::son_ha_2024_cfc_overlay()});
  return r;
}
const treem::unit_registry& sonha_units() { return treem::data::quang_ngai_son_ha_units(); }

// A fictional test geography: a centrally-run city with an urban district and a ward; a province
// with a district whose communes have known and unknown flags; a town-level unit with a ward.
const treem::unit_registry& test_units() {
  static const treem::unit_registry r = treem::load_units(R"(schema = "treem.units/1"
id = "fixture"
version = "1"
[[unit]]
code = "90"
name = "Thử"
kind = "thanh_pho_truc_thuoc_trung_uong"
status = "confirmed"
source = "test fixture"
[[unit]]
code = "901"
name = "Một"
kind = "quan"
parent = "90"
status = "confirmed"
source = "test fixture"
[[unit]]
code = "90101"
name = "Phường Một"
kind = "phuong"
parent = "901"
status = "confirmed"
source = "test fixture"
[[unit]]
code = "91"
name = "Nghiệm"
kind = "tinh"
status = "confirmed"
source = "test fixture"
[[unit]]
code = "911"
name = "Hai"
kind = "huyen"
parent = "91"
status = "confirmed"
source = "test fixture"
[[unit]]
code = "91101"
name = "Đồng Bằng"
kind = "xa"
parent = "911"
mountainous = { value = false, status = "confirmed", source = "test" }
island = { value = false, status = "confirmed", source = "test" }
extremely_disadvantaged = { value = false, status = "confirmed", source = "test" }
status = "confirmed"
source = "test fixture"
[[unit]]
code = "91102"
name = "Chưa Rõ"
kind = "xa"
parent = "911"
status = "confirmed"
source = "test fixture"
)", "fixture.toml");
  return r;
}

// Points for all 13 criteria adding up to `total`: 80 + 100 + 50 for criteria 1, 6, 7 and the rest
// shared equally by the other ten.
unit_assessment assessment(const std::string& unit, double total) {
  unit_assessment a;
  a.unit = unit;
  a.period = "2024";
  a.where = {"assessments.csv", 2, 0};
  for (int c = 1; c <= 13; ++c) a.points[c] = (total - 230) / 10;
  a.points[1] = 80;
  a.points[6] = 100;
  a.points[7] = 50;
  return a;
}

// An incident as a test states it; reg() makes the register that certification reads.
struct incident {
  std::string unit;
  treem::date day;
  incident_kind kind = incident_kind::other_injury;
  bool fatal = false;
  std::optional<bool> plan_approved_in_time;
};

incident make_incident(const std::string& unit, treem::date day, incident_kind kind, bool fatal = false) { return {unit, day, kind, fatal, {}}; }

treem::registers::incident_register reg(const std::vector<incident>& list) {
  treem::registers::incident_register r;
  for (const auto& i : list) {
    auto pos = std::find(r.units.begin(), r.units.end(), i.unit);
    if (pos == r.units.end()) pos = r.units.insert(r.units.end(), i.unit);
    r.unit.push_back(static_cast<std::uint32_t>(pos - r.units.begin()));
    r.day.push_back(static_cast<std::int32_t>(treem::to_epoch_days(i.day)));
    r.kind.push_back(i.kind);
    r.fatal.push_back(i.fatal ? 1 : 0);
    r.child_sex.push_back(treem::registers::sex::unknown);
    r.child_age.push_back(255);
    r.where.push_back(treem::registers::environment::unknown);
    r.plan_in_time.push_back(i.plan_approved_in_time ? (*i.plan_approved_in_time ? 1 : 0) : -1);
  }
  return r;
}

TEST(Certify, MountainousCommuneAt810IsRecognised) {
  const decision d = evaluate(assessment("21292", 810), {}, national(), sonha_units());
  EXPECT_EQ(d.result, outcome::recognized);
  EXPECT_EQ(d.total, 810);
  EXPECT_EQ(d.pass_mark, 800);  // Sơn Hạ is in the mountainous district of Sơn Hà (flag inferred)
  EXPECT_EQ(d.category, unit_category::mountainous_island_or_disadvantaged);
  EXPECT_EQ(d.unit_name, "Xã Sơn Hạ");
  ASSERT_EQ(d.gates.size(), 3u);
  for (std::size_t i = 0; i < d.gates.size(); ++i) EXPECT_EQ(d.gates[i], check_state::passed) << d.gate_rule(i).id;
  EXPECT_EQ(d.rules->layers.front().first, "vn-06-qd-ttg-2019");
}

TEST(Certify, BelowThePassMarkByTen) {
  const decision d = evaluate(assessment("21292", 790), {}, national(), sonha_units());
  EXPECT_EQ(d.result, outcome::not_recognized);
  EXPECT_EQ(d.gap.points_missing, 10);
  EXPECT_EQ(d.gates[2], check_state::failed);
  EXPECT_NE(reasons(d, treem::language::en).back().find("790 points is below the pass mark 800"), std::string::npos);
}

TEST(Certify, AZeroCriterionFailsWhateverTheTotal) {
  auto a = assessment("21292", 950);
  a.points[5] = 0;  // the total becomes 950 - 72 = 878, still above 800
  const decision d = evaluate(a, {}, national(), sonha_units());
  EXPECT_EQ(d.result, outcome::not_recognized);
  EXPECT_EQ(d.total, 878);
  EXPECT_EQ(d.gap.criteria_at_zero, std::vector<int>{5});
  EXPECT_EQ(d.gates[1], check_state::failed);
  EXPECT_EQ(d.gates[2], check_state::passed);
}

TEST(Certify, ACriterionNotAssessedIsInconclusiveNeverZero) {
  auto a = assessment("21292", 900);
  a.points.erase(9);
  const decision d = evaluate(a, {}, national(), sonha_units());
  EXPECT_EQ(d.result, outcome::inconclusive);
  EXPECT_FALSE(d.total.has_value());
  EXPECT_EQ(d.gap.criteria_not_assessed, std::vector<int>{9});
  EXPECT_EQ(d.gates[0], check_state::unknown);
  // ... but a failed gate still decides: with criterion 4 at 0 the unit is not recognised.
  a.points[4] = 0;
  EXPECT_EQ(evaluate(a, {}, national(), sonha_units()).result, outcome::not_recognized);
}

TEST(Certify, PassMarksByKindOfUnit) {
  // Ward of a centrally-run city: 900.
  EXPECT_EQ(evaluate(assessment("90101", 880), {}, national(), test_units()).result, outcome::not_recognized);
  const decision ward = evaluate(assessment("90101", 900), {}, national(), test_units());
  EXPECT_EQ(ward.result, outcome::recognized);
  EXPECT_EQ(ward.category, unit_category::ward_of_centrally_run_city);
  // Commune with no mountainous, island or disadvantaged flag: 850.
  const decision plain = evaluate(assessment("91101", 840), {}, national(), test_units());
  EXPECT_EQ(plain.result, outcome::not_recognized);
  EXPECT_EQ(plain.pass_mark, 850);
  EXPECT_EQ(plain.gap.points_missing, 10);
}

TEST(Certify, UnknownFlagsDecideOnlyWhenBothMarksAgree) {
  // 800 or 850 may apply: 860 passes both, 790 fails both, 820 cannot be decided.
  EXPECT_EQ(evaluate(assessment("91102", 860), {}, national(), test_units()).result, outcome::recognized);
  EXPECT_EQ(evaluate(assessment("91102", 790), {}, national(), test_units()).result, outcome::not_recognized);
  const decision open = evaluate(assessment("91102", 820), {}, national(), test_units());
  EXPECT_EQ(open.result, outcome::inconclusive);
  EXPECT_FALSE(open.category.has_value());
  EXPECT_FALSE(open.pass_mark.has_value());
  // An override with a cited reason settles it.
  auto a = assessment("91102", 820);
  a.category = unit_category::mountainous_island_or_disadvantaged;
  a.category_reason = "Quyết định 861/QĐ-TTg (cited by the appraisal team)";
  const decision settled = evaluate(a, {}, national(), test_units());
  EXPECT_EQ(settled.result, outcome::recognized);
  EXPECT_EQ(category_reason(settled, treem::language::en), "override: Quyết định 861/QĐ-TTg (cited by the appraisal team)");
  a.category_reason.clear();
  EXPECT_THROW((void)evaluate(a, {}, national(), test_units()), treem::validation_error);
}

TEST(Certify, SonHaRuleDisqualifiesOnAnyDrowningViolenceOrAbuse) {
  const auto a = assessment("21292", 950);
  // A drowning without death still disqualifies.
  const decision d = evaluate(a, reg({make_incident("21292", make_date(2024, 7, 12), incident_kind::drowning)}), son_ha(), sonha_units());
  EXPECT_EQ(d.result, outcome::not_recognized);
  ASSERT_EQ(d.disqualifications.size(), 1u);
  EXPECT_EQ(d.rule_of(d.disqualifications[0]).id, "son-ha-2024-duoi-nuoc-bao-luc-xam-hai");
  ASSERT_EQ(d.disqualifications[0].incidents.size(), 1u);
  EXPECT_EQ(d.disqualifications[0].incidents[0].day, make_date(2024, 7, 12));
  EXPECT_TRUE(d.gap.disqualified);
  EXPECT_EQ(d.total, 950);  // the score is fine; the rule decides
  EXPECT_NE(reasons(d, treem::language::vi)[0].find("đuối nước ngày 12/07/2024"), std::string::npos);
  EXPECT_EQ(d.rules->layers.size(), 2u);
  for (auto kind : {incident_kind::violence, incident_kind::sexual_abuse, incident_kind::neglect, incident_kind::molestation}) {  // a form of sexual abuse too
    EXPECT_EQ(evaluate(a, reg({make_incident("21292", make_date(2024, 3, 1), kind)}), son_ha(), sonha_units()).result, outcome::not_recognized);
  }
}

TEST(Certify, IncidentsElsewhereOrAtOtherTimesOrOfOtherKindsDoNot) {
  const auto a = assessment("21292", 950);
  const std::vector<incident> others{
      make_incident("21295", make_date(2024, 7, 12), incident_kind::drowning),        // another commune
      make_incident("21292", make_date(2023, 12, 31), incident_kind::drowning),       // before the period
      make_incident("21292", make_date(2024, 5, 2), incident_kind::traffic_injury),   // not in the rule
  };
  EXPECT_EQ(evaluate(a, reg(others), son_ha(), sonha_units()).result, outcome::recognized);
  // Without the overlay the national rules have no such disqualifier.
  EXPECT_EQ(evaluate(a, reg({make_incident("21292", make_date(2024, 7, 12), incident_kind::drowning)}), national(), sonha_units()).result,
            outcome::recognized);
}

TEST(Certify, CriteriaScoredFromFacts) {
  auto a = assessment("21292", 810);
  a.points.erase(1);
  a.facts = {{"cp_worker_assigned", 1}, {"village_collaborators", 1}, {"board_meets_regularly", 1}, {"child_protection_budget", 0}};
  decision d = evaluate(a, {}, national(), sonha_units());
  EXPECT_EQ(d.criteria[0].computed, 80);  // 50 + 15 + 15 + 0
  EXPECT_EQ(d.criteria[0].used, 80);
  EXPECT_EQ(d.result, outcome::recognized);
  // With a budget, item 1.4's points are unknown: criterion 1 cannot be scored.
  a.facts["child_protection_budget"] = 1;
  d = evaluate(a, {}, national(), sonha_units());
  EXPECT_FALSE(d.criteria[0].computed.has_value());
  EXPECT_EQ(d.result, outcome::inconclusive);
  // Immunisation: 98.5% gives the top band (50); 97% is below every known band.
  auto b = assessment("21292", 810);
  b.points.erase(7);
  b.facts = {{"under1_fully_immunised_percent", 98.5}};
  EXPECT_EQ(evaluate(b, {}, national(), sonha_units()).criteria[6].used, 50);
  b.facts = {{"under1_fully_immunised_percent", 97}};
  EXPECT_FALSE(evaluate(b, {}, national(), sonha_units()).criteria[6].used.has_value());
}

TEST(Certify, AuditComparesClaimsWithFactsAndTheRegister) {
  auto a = assessment("21292", 830);
  a.points[1] = 100;  // claims the maximum ...
  a.facts = {{"cp_worker_assigned", 1}, {"village_collaborators", 1}, {"board_meets_regularly", 1}, {"child_protection_budget", 0}};
  const decision d = evaluate(a, reg({make_incident("21292", make_date(2024, 4, 1), incident_kind::exploitation)}), national(), sonha_units());
  ASSERT_EQ(d.audit.size(), 2u);
  EXPECT_EQ(d.audit[0].kind, audit_kind::claim_differs_from_facts);  // ... but the facts give 80
  EXPECT_EQ(d.audit[0].criterion, 1);
  EXPECT_EQ(d.audit[1].kind, audit_kind::incidents_not_reported);
  a.facts[std::string(abuse_cases_fact)] = 1;
  EXPECT_EQ(evaluate(a, reg({make_incident("21292", make_date(2024, 4, 1), incident_kind::exploitation)}), national(), sonha_units()).audit.size(), 1u);
}

TEST(Certify, InterventionPlansComeFromTheRegister) {
  auto a = assessment("21292", 830);
  a.points.erase(6);
  a.facts = {{"special_circumstances_supported_percent", 96}};
  auto abuse = make_incident("21292", make_date(2024, 4, 1), incident_kind::sexual_abuse);
  abuse.plan_approved_in_time = true;
  auto late = abuse;
  late.plan_approved_in_time = false;
  // Both plans in time: 100% -> 75, and 96% supported -> 50: criterion 6 = 125.
  EXPECT_EQ(evaluate(a, reg({abuse, abuse}), national(), sonha_units()).criteria[5].used, 125);
  // One of two late: 50% is below the only known band; criterion 6 cannot be scored.
  EXPECT_FALSE(evaluate(a, reg({abuse, late}), national(), sonha_units()).criteria[5].used.has_value());
}

struct BadAssessment {
  const char* name;
  void (*mutate)(unit_assessment&);
  const char* message;
};

class BadAssessments : public ::testing::TestWithParam<BadAssessment> {};

TEST_P(BadAssessments, GiveOneLocatedError) {
  auto a = assessment("21292", 810);
  GetParam().mutate(a);
  try {
    (void)evaluate_all({a}, {}, national(), sonha_units(), "2024");
    FAIL() << GetParam().name;
  } catch (const treem::error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("assessments.csv:2", 0), 0u) << e.what();
    EXPECT_NE(std::string(e.what()).find(GetParam().message), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Certify, BadAssessments,
    ::testing::Values(BadAssessment{"unknown_criterion", [](unit_assessment& a) { a.points[14] = 10; }, "criterion 14: unknown criterion"},
                      BadAssessment{"negative", [](unit_assessment& a) { a.points[3] = -5; }, "criterion 3: points must be >= 0"},
                      BadAssessment{"above_max", [](unit_assessment& a) { a.points[7] = 60; }, "60 points exceed the maximum of 50"},
                      BadAssessment{"unknown_fact", [](unit_assessment& a) { a.facts["wifi"] = 1; }, "wifi: unknown fact"},
                      BadAssessment{"bad_boolean", [](unit_assessment& a) { a.facts["cp_worker_assigned"] = 2; }, "must be 0 or 1"},
                      BadAssessment{"bad_percent", [](unit_assessment& a) { a.facts["under1_fully_immunised_percent"] = 120; }, "0-100"},
                      BadAssessment{"unknown_unit", [](unit_assessment& a) { a.unit = "99999"; }, "unknown unit '99999'"},
                      BadAssessment{"district", [](unit_assessment& a) { a.unit = "529"; }, "is not a commune-level unit"},
                      BadAssessment{"period_mismatch", [](unit_assessment& a) { a.period = "2023"; }, "'2023' does not match the period 2024"},
                      BadAssessment{"bad_period", [](unit_assessment& a) { a.period = "2024Q5"; }, "a quarter is Q1 to Q4"}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(Certify, DuplicateUnitsAndUnknownIncidentUnits) {
  const auto a = assessment("21292", 810);
  EXPECT_THROW((void)evaluate_all({a, a}, {}, national(), sonha_units(), "2024"), treem::validation_error);
  // An incident of a unit that does not exist never reaches certification: the reader refuses it.
  treem::io::string_table t{"incidents.csv", {"unit", "date", "kind"}, {{"12345", "05/01/2024", "drowning"}}, {2}};
  EXPECT_THROW((void)treem::registers::read_incident_register(t, sonha_units(), make_date(2024, 12, 31), treem::registers::read_mode::strict),
               treem::validation_error);
  // A whole district in one call, in input order.
  std::vector<unit_assessment> all;
  for (const auto* u : sonha_units().descendants("529", make_date(2024, 12, 31))) all.push_back(assessment(u->code, 805));
  const auto decisions = evaluate_all(all, reg({make_incident("21301", make_date(2024, 8, 1), incident_kind::drowning, true)}), son_ha(),
                                      sonha_units(), "2024");
  ASSERT_EQ(decisions.decisions.size(), 14u);
  int recognised = 0;
  for (const auto& d : decisions.decisions) recognised += d.result == outcome::recognized ? 1 : 0;
  EXPECT_EQ(recognised, 13);  // Sơn Bao (21301) had a fatal drowning
  EXPECT_EQ(decisions.decisions[4].unit, "21301");
  EXPECT_EQ(decisions.decisions[4].result, outcome::not_recognized);
}

}  // namespace

namespace {

// The five forms of sexual abuse of Decree 56/2017 count wherever sexual abuse does.
TEST(IncidentKinds, FormsOfSexualAbuseAreSexualAbuse) {
  using treem::certify::incident_kind;
  for (auto k : {incident_kind::rape, incident_kind::coerced_sex, incident_kind::sexual_intercourse_with_child, incident_kind::molestation,
                 incident_kind::prostitution_or_pornography}) {
    EXPECT_TRUE(treem::certify::is_sexual_abuse(k));
    EXPECT_TRUE(treem::certify::is_abuse(k));
    EXPECT_TRUE(treem::certify::covers(incident_kind::sexual_abuse, k));
    EXPECT_FALSE(treem::certify::covers(k, incident_kind::sexual_abuse));  // a form does not cover the unspecified case
    EXPECT_EQ(treem::certify::incident_kind_from_string(treem::certify::to_string(k)), k);
  }
  EXPECT_FALSE(treem::certify::is_sexual_abuse(incident_kind::exploitation));  // bóc lột is not a form of sexual abuse
  EXPECT_EQ(treem::certify::label_vi(incident_kind::molestation), "dâm ô");
}

}  // namespace
