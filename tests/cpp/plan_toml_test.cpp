// Plans in and out of TOML: round trip, a second plan, and malformed files.
#include <gtest/gtest.h>

#include <cctype>

#include <fstream>
#include <sstream>

#include "treem/data/bundled.hpp"
#include "treem/plan/responsibilities.hpp"

namespace {

using namespace treem::plan;

std::string fixture() {
  std::ifstream in(std::string(TREEM_SOURCE_DIR) + "/tests/data/plan-an-lac-2025.toml", std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(PlanToml, BundledPlanRoundTrips) {
  const plan& p = treem::data::son_ha_2024_plan();
  const std::string saved = save_plan(p);
  const plan again = load_plan(saved, "saved.toml");
  EXPECT_EQ(again, p);
  EXPECT_EQ(save_plan(again), saved);
}

TEST(PlanToml, ASecondPlanLoadsThroughTheSamePath) {
  const plan p = load_plan(fixture(), "plan-an-lac-2025.toml");
  EXPECT_EQ(p.document.date, treem::partial_date(2025, 3, 5));
  EXPECT_EQ(p.tasks().size(), 3u);  // II.1.a, II.1.b, II.2
  EXPECT_EQ(tasks_without_lead(p).size(), 0u);
  EXPECT_EQ(load_plan(save_plan(p), "x.toml"), p);
}

struct Mutation {
  const char* name;
  const char* find;     // text in the fixture to replace
  const char* replace;
  const char* token;    // the error must point at this text in the mutated file ...
  int nth;              // ... at its nth occurrence ...
  int offset;           // ... plus this many columns; -1: check the line only
  const char* message;
};

// Line and column (1-based, in code points as an editor counts them) of the nth occurrence.
std::pair<std::size_t, std::size_t> position_of(const std::string& text, const std::string& token, int nth) {
  std::size_t at = std::string::npos;
  for (int i = 0; i < nth; ++i) at = text.find(token, at == std::string::npos ? 0 : at + 1);
  if (at == std::string::npos) return {0, 0};
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') line++, column = 1;
    else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return {line, column};
}

class MalformedPlans : public ::testing::TestWithParam<Mutation> {};

TEST_P(MalformedPlans, GiveOneLocatedError) {
  const Mutation& m = GetParam();
  std::string text = fixture();
  const auto at = text.find(m.find);
  ASSERT_NE(at, std::string::npos) << m.find;
  text.replace(at, std::string(m.find).size(), m.replace);
  const auto [line, column] = position_of(text, m.token, m.nth);
  ASSERT_NE(line, 0u) << m.token;
  const std::string expected = "bad.toml:" + std::to_string(line) + ":" + (m.offset < 0 ? "" : std::to_string(column + m.offset) + ":");
  try {
    (void)load_plan(text, "bad.toml");
    FAIL() << m.name << " was accepted";
  } catch (const treem::error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind(expected, 0), 0u) << m.name << ": expected " << expected << ", got " << what;
    EXPECT_NE(what.find(m.message), std::string::npos) << m.name << ": " << what;
  }
}

INSTANTIATE_TEST_SUITE_P(
    PlanToml, MalformedPlans,
    ::testing::Values(
        Mutation{"unknown agency in a task", "agency = \"huyen_doan\", role", "agency = \"huyen_doan2\", role", "\"huyen_doan2\"", 1, 0, "unknown agency 'huyen_doan2'"},
        Mutation{"unknown role", "role = \"lead\" }]", "role = \"boss\" }]", "\"boss\"", 1, 0, "unknown role 'boss'"},
        Mutation{"duplicate item label", "label = \"b\"", "label = \"a\"", "\"a\"", 2, 0, "duplicate label 'a' in section 1"},
        Mutation{"letter f", "label = \"b\"", "label = \"f\"", "\"f\"", 1, 0, "'f' is not a Vietnamese letter"},
        Mutation{"letters out of order", "label = \"a\"", "label = \"c\"", "\"b\"", 1, 0, "'b' comes after 'c'"},
        Mutation{"deadline outside the plan year", "due = 2025-12-15", "due = 2026-01-15", "2026-01-15", 1, 0, "15/01/2026 is outside the plan year 2025"},
        Mutation{"impossible deadline", "due = 2025-12-15", "due = \"31/11/2025\"", "31/11/2025", 1, 0, "day 31 does not exist in November 2025"},
        Mutation{"unknown bound", "bound = \"on_or_before\"", "bound = \"soon\"", "\"soon\"", 1, 0, "'soon' is not 'before' or 'on_or_before'"},
        Mutation{"unknown recipient", "to = [\"so_yte\"]", "to = [\"so_gddt\"]", "[\"so_gddt\"]", 1, 0, "unknown agency 'so_gddt'"},
        Mutation{"unknown source label", "source = \"II.2\"", "source = \"II.5\"", "\"II.5\"", 1, 0, "'II.5' is not a section or item of the plan"},
        Mutation{"lunar day that does not exist", "lunar_day = 15", "lunar_day = 30", "lunar_day = 30", 1, 12, "lunar month 8 of 2025 has 29 days, not 30"},
        Mutation{"unknown key", "symbol = \"KH-UBND\"", "symbol = \"KH-UBND\"\nsignature = \"x\"", "\"x\"", 1, 0, "document.signature: unknown key"},
        Mutation{"missing title", "title = \"KẾ HOẠCH\"\n", "", "[document]", 1, 0, "document.title: required key is missing"},
        Mutation{"wrong type", "year = 2025", "year = \"2025\"", "\"2025\"", 1, 0, "document.year: expected an integer, found a string"},
        Mutation{"bad document date", "ngày 05 tháng 3", "ngày 31 tháng 2", "ngày 31", 1, 0, "does not exist in February 2025"},
        Mutation{"duplicate agency id", "id = \"so_yte\"", "id = \"huyen_doan\"", "[[agency]]", 4, 0, "agency[3].id: duplicate id 'huyen_doan'"},
        Mutation{"unknown relation", "relation = \"external\"", "relation = \"friend\"", "\"friend\"", 1, 0, "'friend' is not one of issuer"},
        Mutation{"mode without agencies", "agencies = [\"phong_vhxh\"]\n", "", "[[section.section]]", 1, 0, "needs both agencies and mode"},
        Mutation{"unknown mode", "mode = \"assign\"", "mode = \"order\"", "\"order\"", 1, 0, "'order' is not 'assign' or 'request'"},
        Mutation{"duplicate section label", "label = \"II\"", "label = \"I\"", "\"I\"", 2, 0, "duplicate section label 'I'"},
        Mutation{"end before start", "lunar_month = 8\nlunar_day = 15", "start = 2025-06-30\nend = 2025-06-01", "2025-06-01", 1, 0, "01/06/2025 is before the start 30/06/2025"},
        Mutation{"solar and lunar", "lunar_month = 8", "start = 2025-06-01\nlunar_month = 8", "lunar_month = 8", 1, 14, "a solar or a lunar date, not both"},
        Mutation{"TOML syntax", "[[report]]", "[[report]", "[[report]", 1, -1, "TOML syntax"},
        Mutation{"wrong schema", "schema = \"treem.plan/1\"", "schema = \"treem.plan/2\"", "\"treem.plan/2\"", 1, 0, "'treem.plan/2' is not supported"}),
    [](const auto& param_info) {
      std::string n = param_info.param.name;
      for (char& c : n) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      return n;
    });

TEST(PlanToml, InvalidUtf8IsLocated) {
  std::string text = fixture();
  text.replace(text.find("An Lạc\""), 6, "An L\xFF");
  EXPECT_THROW((void)load_plan(text, "bad.toml"), treem::parse_error);
}

}  // namespace

namespace {

TEST(PlanToml, LabelsThatCannotBePathsAreRefused) {
  auto replaced = [](const std::string& find, const std::string& replace) {
    std::string text = fixture();
    text.replace(text.find(find), find.size(), replace);
    return text;
  };
  EXPECT_THROW((void)load_plan(replaced("label = \"II\"", "label = \"II.x\""), "bad.toml"), treem::validation_error);
  EXPECT_THROW((void)load_plan(replaced("label = \"a\"", "label = \"99999999999\""), "bad.toml"), treem::validation_error);
  // A lunar event late in the lunar year falls in the next solar year: outside the plan year.
  EXPECT_THROW((void)load_plan(replaced("lunar_month = 8\nlunar_day = 15", "lunar_month = 12\nlunar_day = 29"), "bad.toml"),
               treem::validation_error);
}

}  // namespace
