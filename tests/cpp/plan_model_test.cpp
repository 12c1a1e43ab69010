// The bundled Sơn Hà 2024 plan against the seed document, counted by hand.
#include <gtest/gtest.h>

#include <set>

#include "treem/data/bundled.hpp"
#include "treem/plan/responsibilities.hpp"

namespace {

using namespace treem::plan;

const plan& son_ha() { return treem::data::son_ha_2024_plan(); }

std::vector<std::string> labels(const std::vector<plan_section>& v) {
  std::vector<std::string> out;
  for (const auto& s : v) out.push_back(s.label);
  return out;
}

std::vector<std::string> paths(const std::vector<task>& v) {
  std::vector<std::string> out;
  for (const auto& t : v) out.push_back(t.path);
  return out;
}

TEST(SonHaPlan, DocumentFacts) {
  const auto& d = son_ha().document;
  EXPECT_EQ(d.number_text, "Số: /KH-UBND");
  EXPECT_EQ(d.number, "");  // left blank in the document
  EXPECT_EQ(d.date_text, "ngày tháng 4 năm 2024");
  EXPECT_EQ(d.date, treem::partial_date(2024, 4));
  EXPECT_EQ(d.place, "Sơn Hà");
  EXPECT_EQ(d.subtitle, "Triển khai thực hiện công tác trẻ em trên địa bàn huyện Sơn Hà năm 2024");
  EXPECT_EQ(d.signer.authority, "KT. CHỦ TỊCH");
  EXPECT_EQ(d.signer.position, "PHÓ CHỦ TỊCH");
  EXPECT_EQ(d.signer.name, "Trần Thanh Trung");
  EXPECT_EQ(d.recipients.size(), 13u);
  EXPECT_EQ(d.recipients.front(), "UBND tỉnh (Báo cáo);");
}

TEST(SonHaPlan, LegalBases) {
  const auto& b = son_ha().bases;
  ASSERT_GE(b.size(), 2u);
  EXPECT_EQ(b[0].number, "76/KH-UBND");
  EXPECT_EQ(b[0].issued, treem::make_date(2024, 3, 26));
  EXPECT_EQ(b[1].number, "71/TTr-LĐTBXH");
  EXPECT_EQ(b[1].issued, treem::make_date(2024, 4, 9));
}

TEST(SonHaPlan, StructureKeepsTheDocumentsLabels) {
  EXPECT_EQ(labels(son_ha().sections), (std::vector<std::string>{"I", "II", "III", "IV", "V"}));
  // Section IV numbers its items 1-4 and 6-19: there is no item 5.
  EXPECT_EQ(labels(son_ha().find_section("IV")->sections),
            (std::vector<std::string>{"1", "2", "3", "4", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19"}));
  EXPECT_EQ(son_ha().find_section("IV.5"), nullptr);
  // Heading levels vary between items of one rank, as in the document.
  EXPECT_EQ(son_ha().find_section("IV.1")->heading_level, 4);
  EXPECT_EQ(son_ha().find_section("IV.2")->heading_level, 2);
  EXPECT_EQ(son_ha().find_section("IV.10")->heading_level, 3);
  // II.1 is lettered a b c d đ e g (Vietnamese lettering has no f).
  std::vector<std::string> letters;
  for (const auto& i : son_ha().find_section("II.1")->items) letters.push_back(i.label);
  EXPECT_EQ(letters, (std::vector<std::string>{"a", "b", "c", "d", "đ", "e", "g"}));
  EXPECT_EQ(son_ha().find_section("III")->items.size(), 2u);
  EXPECT_EQ(son_ha().find_section("V")->items.size(), 2u);
  EXPECT_TRUE(son_ha().has_path("IV.19.đ"));
  EXPECT_FALSE(son_ha().has_path("IV.19.f"));
}

TEST(SonHaPlan, RequestsAreItems13To17) {
  std::vector<std::string> requested;
  for (const auto& s : son_ha().find_section("IV")->sections) {
    if (s.mode == assignment_mode::request) requested.push_back(s.label);
  }
  EXPECT_EQ(requested, (std::vector<std::string>{"13", "14", "15", "16", "17"}));
  EXPECT_EQ(son_ha().find_section("IV.16")->agencies, (std::vector<std::string>{"vksnd_huyen", "tand_huyen"}));
}

TEST(SonHaPlan, TasksAndMatrix) {
  // Section IV: 7+4+2+4+1+1+1+2+3+1+2+2+3+2+1+1+2+7 = 46 tasks, plus II.5.a and II.5.b.
  EXPECT_EQ(son_ha().tasks().size(), 48u);
  const auto matrix = responsibility_matrix(son_ha());
  std::set<std::string> addressed;
  for (const auto& s : son_ha().find_section("IV")->sections) addressed.insert(s.agencies.begin(), s.agencies.end());
  EXPECT_EQ(addressed.size(), 20u);
  EXPECT_NE(std::find(matrix.begin(), matrix.end(), responsibility{"IV.2.b", "huyen_doan", task_role::lead}), matrix.end());
  EXPECT_NE(std::find(matrix.begin(), matrix.end(), responsibility{"IV.13.a", "huyen_doan", task_role::requested}), matrix.end());
  EXPECT_NE(std::find(matrix.begin(), matrix.end(), responsibility{"IV.16", "tand_huyen", task_role::requested}), matrix.end());
}

TEST(SonHaPlan, WhatAnAgencyLeadsAndSupports) {
  EXPECT_EQ(paths(tasks_of(son_ha(), "phong_ldtbxh", task_role::lead)),
            (std::vector<std::string>{"II.5.a", "II.5.b", "IV.1.a", "IV.1.b", "IV.1.c", "IV.1.d", "IV.1.đ", "IV.1.e", "IV.1.g"}));
  EXPECT_EQ(paths(tasks_of(son_ha(), "huyen_doan")), (std::vector<std::string>{"IV.2.b", "IV.13.a", "IV.13.b"}));
  EXPECT_EQ(paths(tasks_of(son_ha(), "phong_gddt", task_role::coordinating)), (std::vector<std::string>{"IV.2.a", "IV.2.b", "IV.13.a"}));
  EXPECT_THROW((void)tasks_of(son_ha(), "no_such_agency"), treem::not_found_error);
}

TEST(SonHaPlan, TasksWithoutALead) {
  // Read literally, these only ask for coordination with unnamed "related bodies".
  EXPECT_EQ(paths(tasks_without_lead(son_ha())),
            (std::vector<std::string>{"IV.2.a", "IV.6", "IV.10.a", "IV.10.c", "IV.18.a"}));
}

TEST(SonHaPlan, LocalRuleAndTargets) {
  ASSERT_EQ(son_ha().local_rules.size(), 1u);
  EXPECT_EQ(son_ha().local_rules[0].source, "IV.1.d");
  EXPECT_NE(son_ha().find_section("IV.1")->items[3].text.find(son_ha().local_rules[0].text), std::string::npos);
  ASSERT_EQ(son_ha().targets.size(), 1u);
  EXPECT_EQ(son_ha().targets[0].minimum, 1);
  EXPECT_EQ(son_ha().contacts.at(0).number, "111");
}

}  // namespace
