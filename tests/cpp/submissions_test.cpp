// Submission tracking on the Sơn Hà plan; expectations worked out by hand from V.1 and V.2.
#include <gtest/gtest.h>

#include "treem/data/bundled.hpp"
#include "treem/plan/submissions.hpp"

namespace {

using namespace treem::plan;
using treem::make_date;

const plan& son_ha() { return treem::data::son_ha_2024_plan(); }
const treem::unit_registry& units() { return treem::data::quang_ngai_son_ha_units(); }

const submission_status& find(const std::vector<submission_status>& v, const std::string& report, const std::string& who) {
  for (const auto& s : v) {
    if (s.report == report && s.submitter == who) return s;
  }
  throw std::runtime_error("no status for " + report + "/" + who);
}

TEST(Submissions, EveryAgencyAndCommuneOwesTheSixMonthReport) {
  const auto& r = son_ha().reports.at(0);
  EXPECT_EQ(expected_submitters(son_ha(), r, units()).size(), 18u + 14u);
  EXPECT_EQ(expected_submitters(son_ha(), son_ha().reports.at(2), units()).size(), 1u);  // Phòng LĐTBXH
}

TEST(Submissions, StatusAsOfMidJune) {
  const std::vector<submission> records{
      {"phong_gddt", "bao_cao_6_thang", make_date(2024, 5, 20), {}},
      {"phong_yte", "bao_cao_6_thang", make_date(2024, 5, 31), {}},   // "trước ngày 31/5": one day late
      {"21292", "bao_cao_6_thang", make_date(2024, 5, 30), {}},       // xã Sơn Hạ, on the last day
      {"21292", "bao_cao_6_thang", make_date(2024, 6, 2), {}},        // a resubmission: the first counts
      {"21295", "bao_cao_6_thang", make_date(2024, 6, 20), {}},       // after the as-of date: not known yet
  };
  const auto st = submission_statuses(son_ha(), units(), records, make_date(2024, 6, 15));
  EXPECT_EQ(st.size(), 32u + 32u + 1u);
  EXPECT_EQ(find(st, "bao_cao_6_thang", "phong_gddt").state, submission_state::on_time);
  const auto& yte = find(st, "bao_cao_6_thang", "phong_yte");
  EXPECT_EQ(yte.state, submission_state::late);
  EXPECT_EQ(yte.days_late, 1);
  EXPECT_EQ(yte.last_on_time_day, make_date(2024, 5, 30));
  const auto& son_ha_dot = find(st, "bao_cao_6_thang", "21292");
  EXPECT_EQ(son_ha_dot.state, submission_state::on_time);
  EXPECT_TRUE(son_ha_dot.commune);
  EXPECT_EQ(son_ha_dot.submitter_name, "Xã Sơn Hạ");
  const auto& son_thanh = find(st, "bao_cao_6_thang", "21295");
  EXPECT_EQ(son_thanh.state, submission_state::missing);
  EXPECT_EQ(son_thanh.days_late, 16);  // 30/05 to 15/06
  EXPECT_EQ(find(st, "bao_cao_ca_nam", "phong_gddt").state, submission_state::not_yet_due);
  EXPECT_EQ(find(st, "bao_cao_huyen_gui_tinh", "phong_ldtbxh").state, submission_state::not_yet_due);
  // 32 owed the six-month report; 3 sent it by 15/06 (one late): 29 are overdue.
  const auto late = overdue(st);
  EXPECT_EQ(late.size(), 29u);
  for (const auto& s : late) EXPECT_EQ(s.state, submission_state::missing);
}

TEST(Submissions, NothingIsDueOnTheLastOnTimeDay) {
  const auto st = submission_statuses(son_ha(), units(), {}, make_date(2024, 5, 30));
  EXPECT_EQ(find(st, "bao_cao_6_thang", "cong_an_huyen").state, submission_state::not_yet_due);
  const auto next_day = submission_statuses(son_ha(), units(), {}, make_date(2024, 5, 31));
  EXPECT_EQ(find(next_day, "bao_cao_6_thang", "cong_an_huyen").state, submission_state::missing);
  EXPECT_EQ(find(next_day, "bao_cao_6_thang", "cong_an_huyen").days_late, 1);
}

TEST(Submissions, BadRecordsAreLocated) {
  const std::vector<submission> unknown_report{{"phong_gddt", "bao_cao_quy", make_date(2024, 5, 20), {"s.csv", 4, 2}}};
  try {
    (void)submission_statuses(son_ha(), units(), unknown_report, make_date(2024, 6, 15));
    FAIL();
  } catch (const treem::validation_error& e) {
    EXPECT_STREQ(e.what(), "s.csv:4:2: report: unknown report 'bao_cao_quy' (not in plan son-ha-2024)");
  }
  const std::vector<submission> stranger{{"so_ldtbxh", "bao_cao_6_thang", make_date(2024, 5, 20), {"s.csv", 5, 1}}};
  EXPECT_THROW((void)submission_statuses(son_ha(), units(), stranger, make_date(2024, 6, 15)), treem::validation_error);
}

}  // namespace
