// Each stage of certification alone (score, gates, disqualifiers, audit, outcome), then the
// reasons and the JSON rendered from a decision, worked out by hand from Decision 06/QĐ-TTg's
// confirmed points (criterion 1: 50 + 15 + 15 + unknown; criterion 7: 98% or more gives 50).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "treem/certify/decision_json.hpp"
#include "treem/certify/evaluate.hpp"
#include "treem/certify/explain.hpp"
#include "treem/data/bundled.hpp"

namespace {

using namespace treem::certify;
using treem::language;
using treem::make_date;

std::shared_ptr<const composed_rules> national() {
  static const auto r = std::make_shared<const composed_rules>(compose({treem::data::national_cfc_rules()}));
  return r;
}

decision blank() {
  decision d;
  d.rules = national();
  return d;
}

const criterion& criterion_1() { return *national()->rules.find_criterion(1); }

TEST(ScoreStage, SumsConfirmedItemsAndStopsAtTheFirstUnknown) {
  criterion_result r;
  score_from_facts(criterion_1(), {{"cp_worker_assigned", 1}, {"village_collaborators", 0}, {"board_meets_regularly", 1}, {"child_protection_budget", 0}}, r);
  EXPECT_EQ(r.computed, 65);  // 50 + 0 + 15 + 0: a false item gives 0 whether or not its points are known
  EXPECT_EQ(r.why, not_scored::nothing);

  criterion_result missing;
  score_from_facts(criterion_1(), {{"cp_worker_assigned", 1}}, missing);
  EXPECT_FALSE(missing.computed);
  EXPECT_EQ(missing.why, not_scored::fact_not_given);
  EXPECT_EQ(missing.item, 1);  // 1.2: village_collaborators

  criterion_result budget;
  score_from_facts(criterion_1(), {{"cp_worker_assigned", 1}, {"village_collaborators", 1}, {"board_meets_regularly", 1}, {"child_protection_budget", 1}}, budget);
  EXPECT_EQ(budget.why, not_scored::item_points_not_confirmed);
  EXPECT_EQ(budget.item, 3);

  criterion_result low;
  score_from_facts(*national()->rules.find_criterion(7), {{"under1_fully_immunised_percent", 97.5}}, low);
  EXPECT_EQ(low.why, not_scored::below_lowest_band);
  EXPECT_EQ(low.fact_value, 97.5);

  criterion_result table;
  score_from_facts(*national()->rules.find_criterion(8), {}, table);
  EXPECT_EQ(table.why, not_scored::table_not_confirmed);
}

TEST(ScoreStage, TotalOnlyWhenEveryCriterionHasPoints) {
  decision d = blank();
  std::map<int, double> claimed;
  for (int c = 1; c <= 13; ++c) claimed[c] = c == 4 ? 0 : 70;
  score_criteria(national()->rules, claimed, {}, d);
  EXPECT_EQ(d.total, 12 * 70);
  EXPECT_EQ(d.gap.criteria_at_zero, std::vector<int>{4});
  claimed.erase(9);
  decision open = blank();
  score_criteria(national()->rules, claimed, {}, open);
  EXPECT_FALSE(open.total);
  EXPECT_EQ(open.gap.criteria_not_assessed, std::vector<int>{9});  // criterion 9 has no confirmed table
}

TEST(GateStage, TheTotalGateIsOpenBetweenTwoPossibleMarks) {
  const gate& total_gate = *std::find_if(national()->rules.gates.begin(), national()->rules.gates.end(),
                                         [](const gate& g) { return g.kind == gate_kind::total_at_least_pass_mark; });
  decision d = blank();
  d.lowest_pass_mark = 800;
  d.highest_pass_mark = 850;
  for (const auto& [total, state] : {std::pair{790.0, check_state::failed}, {820.0, check_state::unknown}, {850.0, check_state::passed}}) {
    d.total = total;
    EXPECT_EQ(gate_state(total_gate, {}, d), state) << total;
  }
  d.total.reset();
  EXPECT_EQ(gate_state(total_gate, {}, d), check_state::unknown);
}

TEST(GateStage, PointsMissingAreCountedToTheHighestMark) {
  decision d = blank();
  std::map<int, double> claimed;
  for (int c = 1; c <= 13; ++c) claimed[c] = 60;  // 780
  score_criteria(national()->rules, claimed, {}, d);
  d.lowest_pass_mark = 800;
  d.highest_pass_mark = 850;
  check_gates(national()->rules, {}, d);
  EXPECT_EQ(d.gap.points_missing, 70);
  EXPECT_EQ(conclude(d), outcome::not_recognized);
}

TEST(DisqualifierStage, CitesTheIncidentsEarliestFirstAndOnlyFatalOnesWhenAsked) {
  rule_set rules = national()->rules;
  rules.disqualifiers.push_back({"deaths", {incident_kind::drowning}, true, "", "", treem::evidence::confirmed, "s", "x"});
  rules.disqualifiers.push_back({"any", {incident_kind::drowning}, false, "", "", treem::evidence::confirmed, "s", "x"});
  treem::registers::incident_register reg;
  reg.units = {"21292"};
  for (const auto& [day, fatal] : {std::pair{make_date(2024, 9, 1), true}, {make_date(2024, 3, 1), false}}) {
    reg.unit.push_back(0);
    reg.day.push_back(static_cast<std::int32_t>(treem::to_epoch_days(day)));
    reg.kind.push_back(incident_kind::drowning);
    reg.fatal.push_back(fatal ? 1 : 0);
  }
  decision d = blank();
  apply_disqualifiers(rules, reg, {0, 1}, d);
  ASSERT_EQ(d.disqualifications.size(), 2u);
  EXPECT_EQ(d.disqualifications[0].incidents.size(), 1u);  // only the death
  ASSERT_EQ(d.disqualifications[1].incidents.size(), 2u);
  EXPECT_EQ(d.disqualifications[1].incidents[0].day, make_date(2024, 3, 1));
  EXPECT_TRUE(d.gap.disqualified);
  d.gates.assign(3, check_state::passed);
  EXPECT_EQ(conclude(d), outcome::not_recognized);  // whatever the score
}

TEST(AuditStage, ClaimsAgainstFactsAndIncidentCounts) {
  decision d = blank();
  criterion_result r;
  r.id = 1;
  r.claimed = 100;
  r.computed = 80;
  d.criteria.push_back(r);
  audit_claims(d);
  ASSERT_EQ(d.audit.size(), 1u);
  EXPECT_EQ(audit_detail(d, d.audit[0], language::en), "criterion 1: claimed 100 points, the facts give 80");
  EXPECT_EQ(audit_detail(d, d.audit[0], language::vi), "Tiêu chí 1: tự chấm 100 điểm, theo số liệu được 80 điểm");
}

TEST(RunStage, UnitsAreFoundByCodeAndTheFirstRepeatIsTheOneReported) {
  const std::vector<std::string> listed = {"21292", "21289", "21301"};
  const treem::certify::detail::sorted_codes codes(listed);
  EXPECT_EQ(codes.find("21289"), 1u);
  EXPECT_EQ(codes.find("21301"), 2u);
  EXPECT_EQ(codes.find("2129"), treem::certify::detail::sorted_codes::npos);
  std::vector<unit_assessment> sheets(6);
  const char* units[] = {"21301", "21289", "21292", "21289", "21301", "21289"};
  for (std::size_t k = 0; k < sheets.size(); ++k) sheets[k].unit = units[k];
  EXPECT_EQ(treem::certify::detail::first_repeated_unit(sheets), 3u);  // 21289 again, before 21301 again (4)
  sheets.resize(3);
  EXPECT_EQ(treem::certify::detail::first_repeated_unit(sheets), treem::certify::detail::sorted_codes::npos);
}

TEST(Outcome, UnknownGatesAreInconclusiveNeverFailed) {
  decision d = blank();
  d.gates = {check_state::passed, check_state::unknown, check_state::passed};
  EXPECT_EQ(conclude(d), outcome::inconclusive);
  d.gates[0] = check_state::failed;
  EXPECT_EQ(conclude(d), outcome::not_recognized);
  d.gates = {check_state::passed, check_state::passed, check_state::passed};
  EXPECT_EQ(conclude(d), outcome::recognized);
}

unit_assessment sheet(double each) {
  unit_assessment a;
  a.unit = "21292";  // Xã Sơn Hạ, in a mountainous district
  a.period = "2024";
  a.where = {"assessments.csv", 2, 0};
  for (int c = 1; c <= 13; ++c) a.points[c] = each;
  a.points[7] = 50;  // its maximum
  a.points.erase(9);
  return a;
}

TEST(Explain, OneLanguageAtATimeAndTheReasonsCiteNoProjectFile) {
  const decision d = evaluate(sheet(70), {}, *national(), treem::data::quang_ngai_son_ha_units());
  ASSERT_EQ(d.result, outcome::inconclusive);
  const auto vi = reasons(d, language::vi), en = reasons(d, language::en);
  ASSERT_EQ(vi.size(), en.size());
  EXPECT_EQ(vi[0], "Tiêu chí 9 chưa có điểm: bảng tự đánh giá không chấm và không tính được từ số liệu (thang điểm của tiêu chí chưa được xác nhận).");
  EXPECT_EQ(en[0], "Criterion 9 has no points: none were given, and treem cannot score it (its scoring table is not confirmed).");
  for (const auto& r : vi) {
    for (const char* english : {"inconclusive", "not_recognized", "criterion", "points", "DOMAIN"}) EXPECT_EQ(r.find(english), std::string::npos) << r;
  }
  EXPECT_EQ(outcome_label(d.result, language::vi), "chưa kết luận");
  EXPECT_EQ(category_reason(d, language::vi).find("miền núi"), 0u);
}

TEST(Explain, RecognisedUnitsSayTheTotalAgainstTheirMark) {
  auto a = sheet(70);
  a.points[9] = 70;  // 12 x 70 + 50 = 890 against the mountainous mark of 800
  const decision d = evaluate(a, {}, *national(), treem::data::quang_ngai_son_ha_units());
  ASSERT_EQ(d.result, outcome::recognized);
  const auto en = reasons(d, language::en);
  ASSERT_EQ(en.size(), 2u);
  EXPECT_EQ(en[0], "Meets every condition for recognition as child-friendly.");
  EXPECT_EQ(en[1].rfind("Total 890 points reaches the pass mark 800 (mountainous, island or extremely disadvantaged commune or town: mountainous", 0), 0u) << en[1];
}

TEST(DecisionJson, NumbersNullsAndOneLanguage) {
  auto a = sheet(70);
  decision_set set{national(), "2024", {evaluate(a, {}, *national(), treem::data::quang_ngai_son_ha_units())}};
  const std::string en = to_json(set, language::en), vi = to_json(set, language::vi);
  EXPECT_EQ(en.rfind("{\"period\": \"2024\", \"lang\": \"en\", \"rule_sets\": [{\"id\": \"vn-06-qd-ttg-2019\"", 0), 0u) << en.substr(0, 120);
  EXPECT_NE(en.find("\"outcome\": \"inconclusive\", \"total\": null, \"pass_mark\": 800"), std::string::npos);
  EXPECT_NE(en.find("{\"id\": 9, \"claimed\": null, \"computed\": null, \"used\": null, \"max_points\": null, \"why_not_computed\": \"its scoring table is not confirmed\"}"),
            std::string::npos);
  EXPECT_NE(vi.find("\"why_not_computed\": \"thang điểm của tiêu chí chưa được xác nhận\""), std::string::npos);
  EXPECT_EQ(vi.find("its scoring table"), std::string::npos);
  EXPECT_EQ(en.back(), '\n');
}

TEST(DecisionJson, NumbersReadBackExactly) {
  EXPECT_EQ(treem::io::json_number(0.1), "0.1");
  EXPECT_EQ(treem::io::json_number(850), "850");
  EXPECT_EQ(treem::io::json_number(100.0 / 3), "33.333333333333336");
  EXPECT_EQ(treem::io::json_number(std::numeric_limits<double>::quiet_NaN()), "null");
}

}  // namespace
