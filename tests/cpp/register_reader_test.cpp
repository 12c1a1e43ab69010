// Reading a child register from a table: column names, cleaning, strict and lenient modes.
#include <gtest/gtest.h>

#include "treem/data/bundled.hpp"
#include "treem/registers/child_register_reader.hpp"

namespace {

using namespace treem::registers;

treem::io::string_table table(std::vector<std::vector<std::string>> rows) {
  treem::io::string_table t;
  t.source = "ds.csv";
  t.header = {"mã trẻ", "Họ và tên", "Xã", "Giới tính", "Ngày sinh", "Dân tộc", "Nhóm HCĐB", "Đi học"};
  for (std::size_t i = 0; i < rows.size(); ++i) t.lines.push_back(i + 2);
  t.rows = std::move(rows);
  return t;
}

const treem::date reference = treem::make_date(2024, 12, 31);

TEST(RegisterReader, VietnameseColumnsAndCleaning) {
  const auto t = table({{" TE1 ", "Nguyễn Văn A", "21292", "Nam", "5/3/2015", "H're", "a; d", "có"},
                        {"TE2", "Trần Thị B", "So\xCC\x9Bn Ha\xCC\xA3", "nữ", "2016-07-01", "Kinh", "", ""}});  // "Sơn Hạ" decomposed
  const auto r = read_child_register(t, treem::data::quang_ngai_son_ha_units(), reference, read_mode::strict);
  ASSERT_EQ(r.children.size(), 2u);
  EXPECT_EQ(r.children.id[0], "TE1");  // trimmed; no key: kept as given
  EXPECT_EQ(r.children.units[r.children.unit[1]], "21292");  // found by its exact name
  EXPECT_EQ(r.children.child_sex[1], sex::female);
  EXPECT_EQ(r.children.birth[0], treem::to_epoch_days(treem::make_date(2015, 3, 5)));
  EXPECT_EQ(r.children.special_groups[0], (1u << 0) | (1u << 3));  // a and d
  EXPECT_EQ(r.children.flags[0], enrolled);
  EXPECT_TRUE(r.problems.empty());
}

TEST(RegisterReader, LenientListsEveryProblemWithoutValues) {
  const auto t = table({{"TE1", "Nguyễn Văn A", "21292", "Nam", "05/03/2015", "Kinh", "", ""},
                        {"TE1", "Nguyễn Văn A", "Sơn Hà", "?", "31/02/2015", "Kinh", "f", "maybe"},
                        {"TE3", "Lê C", "21295", "F", "01/01/2009", "Kinh", "", ""}});
  const auto r = read_child_register(t, treem::data::quang_ngai_son_ha_units(), reference, read_mode::lenient);
  EXPECT_EQ(r.children.size(), 2u);  // rows 1 and 3: born 01/01/2009, the child is 15 on 31/12/2024
  std::vector<std::string> fields;
  for (const auto& p : r.problems) {
    fields.push_back(p.field);
    EXPECT_EQ(p.where.line, 3u);
    EXPECT_EQ(p.to_string().find("TE1"), std::string::npos);
    EXPECT_EQ(p.to_string().find("Nguyễn"), std::string::npos);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"id", "unit", "sex", "birth_date", "special_groups", "enrolled"}));
  EXPECT_EQ(r.rows_rejected, 1u);
}

TEST(RegisterReader, StrictStopsAtTheFirstProblem) {
  const auto t = table({{"TE1", "x", "21292", "Nam", "01/01/2009", "Kinh", "", ""}, {"TE2", "x", "21292", "Boy", "31/12/2008", "Kinh", "", ""},
                        {"TE3", "x", "21292", "Nam", "31/02/2010", "Kinh", "", ""}});
  try {
    (void)read_child_register(t, treem::data::quang_ngai_son_ha_units(), reference, read_mode::strict);
    FAIL();
  } catch (const treem::validation_error& e) {
    EXPECT_STREQ(e.what(), "ds.csv:3:4: sex: not one of Nam, Nữ, M, F");
  }
}

// The disability column and group d (Law on Children, Art. 10(1)(d)) must agree where both are
// stated: leniently the row is left out and the problem located; strictly it is the error.
TEST(RegisterReader, DisabilityAndGroupDMustAgree) {
  auto t = table({{"TE1", "x", "21292", "Nam", "01/01/2015", "Kinh", "d", "có"},      // d, column empty: fine
                  {"TE2", "x", "21292", "Nữ", "01/01/2015", "Kinh", "a", "không"},    // no d, says yes: refused
                  {"TE3", "x", "21292", "Nữ", "01/01/2015", "Kinh", "d", "không"},    // d, says no: refused
                  {"TE4", "x", "21292", "Nam", "01/01/2015", "Kinh", "a, d", "có"}});  // d, says yes: fine
  t.header.push_back("Khuyết tật");
  for (auto& row : t.rows) row.emplace_back();
  t.rows[1].back() = "có", t.rows[2].back() = "0", t.rows[3].back() = "x";
  const auto r = read_child_register(t, treem::data::quang_ngai_son_ha_units(), reference, read_mode::lenient);
  EXPECT_EQ(r.children.size(), 2u);
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_EQ(r.problems[0].to_string(), "ds.csv:3:9: disability: says yes, but special_groups has no d (children with disabilities, Law on Children Art. 10(1)(d))");
  EXPECT_EQ(r.problems[1].to_string(), "ds.csv:4:9: disability: says no, but special_groups has d (children with disabilities, Law on Children Art. 10(1)(d))");
  try {
    (void)read_child_register(t, treem::data::quang_ngai_son_ha_units(), reference, read_mode::strict);
    FAIL();
  } catch (const treem::validation_error& e) {
    EXPECT_STREQ(e.what(), r.problems[0].to_string().c_str());
  }
}

TEST(RegisterReader, ChildrenOutsideTheReferenceDateAreLeftOutAndCounted) {
  // A register exported in 2026 read for 2024: a child born in 2025 is not yet one, and a child
  // who was 16 on 31/12/2024 is no longer one. Neither is an error (Law on Children, Art. 1).
  const auto t = table({{"TE1", "x", "21292", "Nam", "01/01/2009", "Kinh", "", ""}, {"TE2", "x", "21292", "Nam", "31/12/2008", "Kinh", "", ""},
                        {"TE3", "x", "21292", "Nữ", "03/02/2025", "Kinh", "", ""}, {"TE4", "x", "21292", "Nữ", "01/01/2025", "Kinh", "", ""}});
  const auto r = read_child_register(t, treem::data::quang_ngai_son_ha_units(), reference, read_mode::strict);
  EXPECT_EQ(r.children.size(), 1u);
  EXPECT_EQ(r.rows_read, 4u);
  EXPECT_EQ(r.rows_rejected, 0u);
  ASSERT_EQ(r.excluded.size(), 2u);
  EXPECT_EQ(r.excluded[0].rule, "aged 16 or more on the reference date 31/12/2024: not a child (Law on Children, Art. 1)");
  EXPECT_EQ(r.excluded[0].rows, 1u);
  EXPECT_EQ(r.excluded[1].rule, "born after the reference date 31/12/2024");
  EXPECT_EQ(r.excluded[1].rows, 2u);
}

TEST(RegisterReader, KeyedPseudonyms) {
  const pseudonymiser key(std::string(20, '\x0b'));
  const auto t = table({{"Hi There", "x", "21292", "Nam", "05/03/2015", "Kinh", "", ""}});
  const auto r = read_child_register(t, treem::data::quang_ngai_son_ha_units(), reference, read_mode::strict, &key);
  EXPECT_EQ(r.children.id[0], "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");  // RFC 4231 case 1
}

}  // namespace

#include "treem/registers/incident_register_reader.hpp"

namespace {

TEST(IncidentReader, CleansAndLocatesWithoutValues) {
  treem::io::string_table t;
  t.source = "vv.csv";
  t.header = {"Xã", "Ngày xảy ra", "Loại vụ việc", "Tử vong", "Giới tính", "Tuổi", "Môi trường", "Họ tên"};
  t.rows = {{"21292", "12/07/2024", "drowning", "0", "Nam", "9", "", "Nguyễn Văn A"},
            {"Sơn Hạ", "2024-03-01", "sexual_abuse", "", "Nữ", "12", "family", "Trần B"},
            {"21295", "01/03/2024", "Nguyễn Văn A", "", "", "17", "school", "Lê C"},
            {"21295", "01/03/2025", "violence", "", "", "", "", "Lê C"}};
  t.lines = {2, 3, 4, 5};
  const auto r = read_incident_register(t, treem::data::quang_ngai_son_ha_units(), treem::make_date(2024, 12, 31), read_mode::lenient);
  ASSERT_EQ(r.incidents.size(), 2u);
  EXPECT_EQ(r.incidents.units[r.incidents.unit[1]], "21292");  // "Sơn Hạ" by its exact name
  EXPECT_EQ(r.incidents.kind[1], treem::certify::incident_kind::sexual_abuse);
  EXPECT_EQ(r.incidents.where[1], environment::family);
  EXPECT_EQ(r.incidents.child_age[0], 9);
  std::vector<std::string> found;
  for (const auto& p : r.problems) {
    found.push_back(p.where.to_string() + " " + p.field);
    EXPECT_EQ(p.to_string().find("Nguyễn"), std::string::npos);
  }
  EXPECT_EQ(found, (std::vector<std::string>{"vv.csv:4:3 kind", "vv.csv:4:6 age"}));
  // The incident of 2025 is not wrong, only after the reference date: left out and counted.
  ASSERT_EQ(r.excluded.size(), 1u);
  EXPECT_EQ(r.excluded[0].rule, "after the reference date 31/12/2024");
}

TEST(IncidentReader, BothSidesOfThePeriodAreLeftOutTheSameWay) {
  treem::io::string_table t{"vv.csv", {"unit", "date", "kind"},
                            {{"21292", "31/12/2023", "drowning"}, {"21292", "01/01/2024", "violence"}, {"21292", "01/01/2025", "drowning"}}, {2, 3, 4}};
  treem::io::string_table_source source(t);
  treem::registers::read_options options;
  options.period_start = treem::make_date(2024, 1, 1);
  const auto r = read_incident_register(source, treem::data::quang_ngai_son_ha_units(), treem::make_date(2024, 12, 31), options);
  ASSERT_EQ(r.incidents.size(), 1u);
  EXPECT_EQ(r.incidents.kind[0], treem::registers::incident_kind::violence);
  ASSERT_EQ(r.excluded.size(), 2u);
  EXPECT_EQ(r.excluded[0].rule, "before the period, which starts on 01/01/2024");
  EXPECT_EQ(r.excluded[1].rule, "after the reference date 31/12/2024");
}

}  // namespace
