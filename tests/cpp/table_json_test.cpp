// The JSON of an indicator table, written out by hand for a small table: what `treem indicators
// --json` prints and Python's IndicatorTable.to_json() returns (tests/python compares those two).
#include <cmath>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "treem/indicators/table_json.hpp"

namespace {

using namespace treem::indicators;

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

catalogue one_indicator() {
  indicator_definition d;
  d.key = "abused_children";
  d.instrument = "13/2021/TT-BLĐTBXH";
  d.appendix = "I";
  d.code = "";
  d.name_vi = "Số trẻ em bị xâm hại";
  d.name_en = "Abused children";
  d.unit = "children";
  d.evidence = treem::evidence::confirmed;
  d.source = "Circular 13/2021, Appendix I";
  catalogue c;
  c.id = "test";
  c.indicators.push_back(d);
  return c;
}

// A commune's total, its "sexual_abuse" row (the sum of two forms) and one withheld form.
indicator_table small_table() {
  indicator_table t;
  t.period = "2024";
  t.reference_date = "31/12/2024";
  t.confidence = 0.95;
  t.levels = {"commune"};
  t.unit_codes = {"21292"};
  t.unit_names = {"Thị trấn Di Lăng"};
  t.indicator_keys = {"abused_children"};
  const std::size_t kind = 3;
  t.labels[kind] = {"sexual_abuse", "rape", "other \"form\""};
  t.parents[kind] = {-1, 0, 0};
  t.suppression_threshold = 4;
  t.protection_upper = 5;
  t.protection.added = 1;
  t.protection.programmes = 2;
  t.protection.atom_columns = 9;
  t.protection.read_whole = true;
  for (const int c : {-1, 0, 1}) {
    t.level.push_back(0), t.unit.push_back(0), t.indicator.push_back(0);
    for (std::size_t d = 0; d < dimension_count; ++d) t.category[d].push_back(static_cast<std::int8_t>(d == kind ? c : -1));
    t.denominator.push_back(nan), t.lower.push_back(nan), t.upper.push_back(nan);
  }
  t.numerator = {7, 6, nan};
  t.value = {7, 6, nan};
  t.suppressed = {0, 0, 1};
  return t;
}

TEST(TableJson, WritesEveryKeyAndOneRowPerLineWithNullForAllAndForWithheld) {
  const std::string expected =
      "{\n"
      "  \"period\": \"2024\",\n"
      "  \"reference_date\": \"31/12/2024\",\n"
      "  \"confidence\": 0.95,\n"
      "  \"suppression_threshold\": 4,\n"
      "  \"protection_upper\": 5,\n"
      "  \"protection\": {\"added\": 1, \"released\": 0, \"unprotected\": 0, \"skipped\": 0, \"programmes\": 2, \"logged\": 0, "
      "\"logged_outside\": 0, \"atom_columns\": 9, \"sub_tables\": 0, \"read_whole\": true, \"parts_read_whole\": 0, \"certified\": false, \"uncertified\": 0},\n"
      "  \"warnings\": [],\n"
      "  \"indicators\": [\n"
      "    {\"key\": \"abused_children\", \"instrument\": \"13/2021/TT-BLĐTBXH\", \"appendix\": \"I\", \"code\": \"\", "
      "\"name_vi\": \"Số trẻ em bị xâm hại\", \"name_en\": \"Abused children\", \"unit\": \"children\", \"factor\": 1, "
      "\"interval\": \"none\", \"status\": \"confirmed\", \"source\": \"Circular 13/2021, Appendix I\"}\n"
      "  ],\n"
      "  \"sum_of\": {\"kind\": {\"sexual_abuse\": [\"rape\", \"other \\\"form\\\"\"]}},\n"
      "  \"rows\": [\n"
      "    {\"level\": \"commune\", \"unit\": \"21292\", \"indicator\": \"abused_children\", \"sex\": null, \"age_group\": null, "
      "\"ethnicity\": null, \"kind\": null, \"environment\": null, \"numerator\": 7, \"denominator\": null, \"value\": 7, "
      "\"lower\": null, \"upper\": null, \"suppressed\": false},\n"
      "    {\"level\": \"commune\", \"unit\": \"21292\", \"indicator\": \"abused_children\", \"sex\": null, \"age_group\": null, "
      "\"ethnicity\": null, \"kind\": \"sexual_abuse\", \"environment\": null, \"numerator\": 6, \"denominator\": null, \"value\": 6, "
      "\"lower\": null, \"upper\": null, \"suppressed\": false},\n"
      "    {\"level\": \"commune\", \"unit\": \"21292\", \"indicator\": \"abused_children\", \"sex\": null, \"age_group\": null, "
      "\"ethnicity\": null, \"kind\": \"rape\", \"environment\": null, \"numerator\": null, \"denominator\": null, \"value\": null, "
      "\"lower\": null, \"upper\": null, \"suppressed\": true}\n"
      "  ]\n"
      "}\n";
  EXPECT_EQ(to_json(small_table(), one_indicator()), expected);
}

TEST(TableJson, SaysWhereThePromiseDoesNotHoldAndWritesTargetsBeforeTheRows) {
  indicator_table t = small_table();
  t.protection.unprotected = 1;
  target_progress p;
  p.unit_code = {"21292"}, p.level = {"commune"}, p.indicator = {"abused_children"}, p.comparator_text = {"<="}, p.status = {"unconfirmed"};
  p.year = {2025}, p.target_value = {nan}, p.value = {7}, p.meets = {-1}, p.gap = {nan};
  const std::string json = to_json(t, one_indicator(), &p);
  EXPECT_NE(json.find("  \"warnings\": [\"1 small counts keep an interval narrower than 0..5"), std::string::npos) << json;
  const std::string target =
      "  \"targets\": [\n    {\"level\": \"commune\", \"unit\": \"21292\", \"indicator\": \"abused_children\", \"year\": 2025, "
      "\"comparator\": \"<=\", \"target\": null, \"value\": 7, \"meets\": null, \"gap\": null, \"status\": \"unconfirmed\"}\n  ],\n  \"rows\": [\n";
  EXPECT_NE(json.find(target), std::string::npos) << json;
}

TEST(TableJson, AnEmptyTableIsAnEmptyListOfRows) {
  indicator_table t;
  t.period = "2024Q3";
  const std::string json = to_json(t, catalogue{});
  EXPECT_NE(json.find("  \"indicators\": [],\n  \"sum_of\": {},\n  \"rows\": []\n}\n"), std::string::npos) << json;
}

}  // namespace
