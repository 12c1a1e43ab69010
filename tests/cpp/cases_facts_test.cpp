// The case register feeding the rest of treem: criterion 6.2 of Decision 06/QĐ-TTg and the
// indicator intervention_plan_in_time_share read the same computed timeliness and agree; a sheet
// that claims more than the cases show is flagged; the synthetic case register is consistent.
#include <gtest/gtest.h>

#include "treem/cases/link.hpp"
#include "treem/cases/timeliness.hpp"
#include "treem/certify/evaluate.hpp"
#include "treem/certify/explain.hpp"
#include "treem/data/bundled.hpp"
#include "treem/indicators/compute.hpp"
#include "treem/registers/case_generator.hpp"
#include "treem/registers/case_register_reader.hpp"

namespace {

using namespace treem;

// Four cases in Sơn Thành (21295), received Monday 03/06/2024. A (sexual abuse) approved on the
// 5th working day: in time by both readings; B (abandonment) on the 9th: late by both; C
// (trafficking) on the 6th: in time only if the limit is 7 days; D (violence) is not one of the
// kinds criterion 6 counts.
registers::case_register four_cases() {
  io::string_table t{"vu-viec.csv",
                     {"case_id", "unit", "kind", "received", "plan_drafted", "plan_approved"},
                     {{"A", "21295", "rape", "03/06/2024", "05/06/2024", "10/06/2024"},
                      {"B", "21295", "abandonment", "03/06/2024", "07/06/2024", "14/06/2024"},
                      {"C", "21295", "trafficking", "03/06/2024", "07/06/2024", "11/06/2024"},
                      {"D", "21295", "violence", "03/06/2024", "07/06/2024", "20/06/2024"}},
                     {2, 3, 4, 5}};
  return registers::read_case_register(t, data::quang_ngai_son_ha_units(), make_date(2024, 12, 31), registers::read_mode::strict).cases;
}

std::vector<std::int8_t> in_time(const registers::case_register& c, cases::check_options o = {}) {
  const auto& rules = data::case_deadlines();
  return cases::approved_in_time(c, rules, cases::check_cases(c, rules, data::vietnam_holidays(), to_epoch_days(make_date(2024, 12, 31)) * 1440 + 1439, o));
}

// The incidents these cases were opened for, each naming its case; their recorded yes/no says the
// opposite of what the time limits say, so that taking the wrong one shows.
registers::incident_register incidents_of_cases() {
  registers::incident_register r;
  r.units = {"21295"};
  const registers::incident_kind kinds[] = {registers::incident_kind::rape, registers::incident_kind::abandonment,
                                            registers::incident_kind::trafficking, registers::incident_kind::violence};
  const std::int8_t recorded[] = {0, 1, 0, -1};
  const char* ids[] = {"A", "B", "C", "D"};
  for (int i = 0; i < 4; ++i) {
    r.unit.push_back(0), r.day.push_back(static_cast<std::int32_t>(to_epoch_days(make_date(2024, 6, 2)))), r.kind.push_back(kinds[i]);
    r.fatal.push_back(0), r.child_sex.push_back(registers::sex::female), r.child_age.push_back(10), r.where.push_back(registers::environment::family);
    r.plan_in_time.push_back(recorded[i]), r.case_id.push_back(ids[i]);
  }
  return r;
}

double indicator_value(const registers::incident_register& incidents) {
  indicators::indicator_request req;
  req.indicators = {"intervention_plan_in_time_share"};
  req.suppression.enabled = false;
  const auto view = indicators::view(incidents);
  const auto t = indicators::compute_indicators(data::child_statistics_catalogue(), data::quang_ngai_son_ha_units(), nullptr, &view, req);
  for (std::size_t i = 0; i < t.size(); ++i) {
    bool total = true;
    for (std::size_t d = 0; d < indicators::dimension_count; ++d) total = total && t.category[d][i] == -1;
    if (total && t.unit_codes[t.unit[i]] == "21295") return t.value[i];
  }
  ADD_FAILURE() << "no total row";
  return -1;
}

double fact_of(const certify::register_facts& facts, std::string_view fact) {
  for (const auto& f : facts.at("21295")) {
    if (f.fact == fact) return f.percent();
  }
  ADD_FAILURE() << "no fact";
  return -1;
}

TEST(CasesFeedCertification, CriterionAndIndicatorAgreeOnTheSameCases) {
  const auto cases = four_cases();
  for (const auto& [reading, expected] : std::vector<std::pair<cases::check_options, double>>{
           {{}, 50.0},                          // C undetermined and left out: A of A, B
           {{{{"plan_approved", 7}}}, 200.0 / 3},  // A, C of A, B, C
           {{{{"plan_approved", 5}}}, 100.0 / 3}}) {  // A of A, B, C
    const auto t = in_time(cases, reading);
    certify::register_facts facts;
    certify::add_case_facts(facts, cases, t, period::parse("2024", {"<test>", 1, 1}));
    EXPECT_DOUBLE_EQ(fact_of(facts, certify::plan_in_time_fact), expected);
    auto incidents = incidents_of_cases();
    const auto linked = cases::link_case_timeliness(incidents, cases, t);
    EXPECT_EQ(linked.linked, 4u);
    EXPECT_EQ(linked.not_found, 0u);
    EXPECT_DOUBLE_EQ(indicator_value(incidents), expected);
  }
  // Without the cases the recorded column gives the opposite: B of A, B, C.
  EXPECT_DOUBLE_EQ(indicator_value(incidents_of_cases()), 100.0 / 3);
}

TEST(CasesFeedCertification, ASheetClaimingAllInTimeIsFlagged) {
  const auto cases = four_cases();
  certify::register_facts facts;
  certify::add_case_facts(facts, cases, in_time(cases), period::parse("2024", {"<test>", 1, 1}));
  certify::unit_assessment a;
  a.unit = "21295";
  a.period = "2024";
  a.where = {"assessments.csv", 2, 0};
  a.facts["intervention_plan_in_time_percent"] = 100;
  const auto rules = certify::compose({data::national_cfc_rules()});
  const auto d = certify::evaluate(a, {}, rules, data::quang_ngai_son_ha_units(), facts);
  ASSERT_EQ(d.audit.size(), 1u);
  EXPECT_EQ(d.audit[0].kind, certify::audit_kind::fact_differs_from_register);
  EXPECT_EQ(d.audit[0].criterion, 6);
  EXPECT_EQ(certify::audit_detail(d, d.audit[0], treem::language::en),
            "intervention_plan_in_time_percent: the assessment says 100%, the case register gives 50% (1/2)");
  const auto used = std::find_if(d.facts.begin(), d.facts.end(), [](const auto& f) { return f.id == "intervention_plan_in_time_percent"; });
  ASSERT_NE(used, d.facts.end());
  EXPECT_EQ(used->origin, certify::fact_origin::assessment);
  EXPECT_EQ(used->value, 100);
  EXPECT_EQ(used->register_value, 50);
}

TEST(CasesFeedCertification, TheRegistersFillWhatTheSheetDoesNotSay) {
  const auto cases = four_cases();
  certify::register_facts facts;
  certify::add_case_facts(facts, cases, in_time(cases, {{{"plan_approved", 7}}}), period::parse("2024", {"<test>", 1, 1}));
  certify::unit_assessment a;
  a.unit = "21295";
  a.period = "2024";
  a.where = {"assessments.csv", 2, 0};
  const auto d = certify::evaluate(a, {}, certify::compose({data::national_cfc_rules()}), data::quang_ngai_son_ha_units(), facts);
  EXPECT_TRUE(d.audit.empty());
  ASSERT_EQ(d.facts.size(), 1u);
  EXPECT_EQ(d.facts[0].origin, certify::fact_origin::cases);
  EXPECT_DOUBLE_EQ(d.facts[0].value, 200.0 / 3);
  EXPECT_EQ(d.facts[0].numerator, 2);
  EXPECT_EQ(d.facts[0].denominator, 3);
}

// Criterion 6.1 from the child register: of the children with a special circumstance, the share
// marked as receiving support.
TEST(CasesFeedCertification, SupportedShareFromTheChildRegister) {
  registers::child_register c;
  c.units = {"21295", "21298"};
  const std::uint16_t groups[] = {1, 2, 0, 4, 1};
  const std::uint8_t flags[] = {registers::receiving_support, 0, registers::receiving_support, registers::receiving_support, 0};
  const std::uint32_t unit[] = {0, 0, 0, 0, 1};
  for (int i = 0; i < 5; ++i) {
    c.id.push_back(std::to_string(i)), c.unit.push_back(unit[i]), c.special_groups.push_back(groups[i]), c.flags.push_back(flags[i]);
    c.child_sex.push_back(registers::sex::male), c.birth.push_back(0), c.ethnicity.push_back(0);
  }
  certify::register_facts facts;
  certify::add_child_facts(facts, c);
  EXPECT_DOUBLE_EQ(fact_of(facts, certify::supported_fact), 200.0 / 3);  // 2 of the 3 with a group
  EXPECT_DOUBLE_EQ(facts.at("21298").at(0).percent(), 0.0);
}

// The generator's cases agree with the incidents they were opened for: an incident recorded as in
// time has a case approved in time by both readings, and one recorded late, late by both.
TEST(CaseGenerator, CasesAgreeWithTheirIncidents) {
  const auto regs = registers::generate_registers(data::generator_units("sonha"), data::synthetic_generator_parameters(), 3, make_date(2024, 12, 31));
  const auto g = registers::generate_cases(regs.incidents, data::synthetic_generator_parameters(), data::vietnam_holidays(), 3, make_date(2024, 12, 31));
  ASSERT_GT(g.cases.size(), 0u);
  auto incidents = regs.incidents;
  incidents.case_id = g.incident_case_id;
  const auto t = in_time(g.cases);
  std::size_t compared = 0;
  for (std::size_t i = 0; i < incidents.size(); ++i) {
    if (incidents.case_id[i].empty() || incidents.plan_in_time[i] < 0) continue;
    const auto row = static_cast<std::size_t>(std::find(g.cases.ids.begin(), g.cases.ids.end(), incidents.case_id[i]) - g.cases.ids.begin());
    if (g.cases.serious_harm[row] || !g.cases.at(row, registers::case_step::plan_approved).happened()) continue;
    EXPECT_EQ(t[row], incidents.plan_in_time[i]) << incidents.case_id[i];
    ++compared;
  }
  EXPECT_GT(compared, 0u);
  const auto again = registers::generate_cases(regs.incidents, data::synthetic_generator_parameters(), data::vietnam_holidays(), 3, make_date(2024, 12, 31));
  EXPECT_EQ(again.cases, g.cases);
}

}  // namespace
