// The rule-set template for provinces: unedited it loads as the national standard; a filled slot
// changes what loads; a band table filled in halfway is refused at the band that is wrong.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "error_of.hpp"
#include "treem/certify/rules_template.hpp"
#include "treem/certify/rules_toml.hpp"
#include "treem/data/bundled.hpp"

namespace {

using namespace treem::certify;
using treem::testing::error_of;

/// `loaded` with what the template sets on purpose put back to the national values: the id, the
/// file name, and the rule set that gates and pass marks name (the id).
rule_set as_national(rule_set loaded) {
  const rule_set& n = treem::data::national_cfc_rules();
  loaded.id = n.id;
  loaded.source_name = n.source_name;
  for (auto& g : loaded.gates) g.rule_set = n.id;
  for (auto& p : loaded.pass_marks) p.rule_set = n.id;
  for (auto& d : loaded.disqualifiers) d.rule_set = n.id;
  return loaded;
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

TEST(RulesTemplate, UneditedItLoadsAsTheNationalStandardInBothLanguages) {
  const rule_set& national = treem::data::national_cfc_rules();
  for (const auto lang : {template_language::vietnamese, template_language::english}) {
    const std::string text = rules_template(national, {lang, ""});
    const rule_set loaded = load_rule_set(text, "province.toml");
    EXPECT_EQ(loaded.id, "vn-06-qd-ttg-2019-province");
    EXPECT_EQ(loaded.version, national.version);
    EXPECT_EQ(loaded.gates.front().rule_set, "vn-06-qd-ttg-2019-province");
    EXPECT_TRUE(as_national(loaded) == national) << text;
    // One empty slot per unknown: ten maxima, the budget item's points, three band tables open below.
    EXPECT_EQ(count(text, "# max_points = { value = , status = \"confirmed\", source = \"\" }\n"), 10u);
    EXPECT_EQ(count(text, "# points =\n"), 1u);
    EXPECT_EQ(count(text, "  # { min_percent = , points = , status = \"confirmed\", source = \"\" },\n"), 3u);
  }
  const rule_set named = load_rule_set(rules_template(national, {template_language::vietnamese, "vn-06-qd-ttg-2019-quang-ngai"}), "qn.toml");
  EXPECT_EQ(named.id, "vn-06-qd-ttg-2019-quang-ngai");
}

TEST(RulesTemplate, CommentsCiteTheInstrumentInOneLanguage) {
  const rule_set& national = treem::data::national_cfc_rules();
  const std::string vi = rules_template(national, {template_language::vietnamese, ""});
  const std::string en = rules_template(national, {template_language::english, ""});
  auto comments = [](const std::string& text) {
    std::istringstream in(text);
    std::string line, out;
    while (std::getline(in, line)) {
      const auto first = line.find_first_not_of(' ');
      if (first != std::string::npos && line[first] == '#') out += line + "\n";
    }
    return out;
  };
  for (const std::string& c : {comments(vi), comments(en)}) {
    EXPECT_EQ(c.find("DOMAIN"), std::string::npos);
    EXPECT_EQ(c.find(".md"), std::string::npos);
    EXPECT_EQ(c.find("data/"), std::string::npos);
  }
  EXPECT_NE(comments(vi).find("Quy định kèm theo Quyết định 06/QĐ-TTg, và ghi vào source"), std::string::npos);
  EXPECT_NE(comments(vi).find("Điều 2 khoản 2"), std::string::npos);
  EXPECT_NE(comments(en).find("the Regulation attached to Decision 06/QĐ-TTg"), std::string::npos);
  EXPECT_NE(comments(en).find("Art. 2(2)"), std::string::npos);
  EXPECT_NE(comments(en).find("# Criterion 2: Children registered at birth as required\n"), std::string::npos);
  EXPECT_EQ(comments(en).find("Tiêu chí"), std::string::npos);
  EXPECT_EQ(comments(en).find("chưa"), std::string::npos);
  EXPECT_EQ(comments(vi).find("not confirmed"), std::string::npos);
  EXPECT_NE(vi.find("# Tiêu chí 2: Trẻ em được khai sinh đúng quy định\n"), std::string::npos);
}

TEST(RulesTemplate, FilledSlotsChangeWhatLoads) {
  const rule_set& national = treem::data::national_cfc_rules();
  std::string text = rules_template(national);
  const std::string slot = "# max_points = { value = , status = \"confirmed\", source = \"\" }";
  // Criterion 2's slot is the first after its id.
  const auto c2 = text.find("\nid = 2\n");
  ASSERT_NE(c2, std::string::npos);
  text.replace(text.find(slot, c2), slot.size(), "max_points = { value = 75, status = \"confirmed\", source = \"Quy định kèm theo Quyết định 06/QĐ-TTg, Điều 2 khoản 2\" }");
  text = replace_once(text, "# points =\n", "points = 20\n");
  text = replace_once(text, "  # { min_percent = , points = , status = \"confirmed\", source = \"\" },\n",
                      "  { min_percent = 80, points = 25, status = \"confirmed\", source = \"Điều 2 khoản 2\" },\n");
  const rule_set loaded = as_national(load_rule_set(text, "filled.toml"));
  EXPECT_EQ(loaded.find_criterion(2)->max_points.value, 75);
  EXPECT_EQ(loaded.find_criterion(2)->max_points.evidence, treem::evidence::confirmed);
  EXPECT_EQ(loaded.find_criterion(1)->items[3].points, 20);
  ASSERT_EQ(loaded.find_criterion(6)->items[0].bands.size(), 2u);
  EXPECT_EQ(loaded.find_criterion(6)->items[0].bands[1], (band{80, 25, treem::evidence::confirmed, "Điều 2 khoản 2"}));
  // Everything else is as it was.
  rule_set back = loaded;
  back.criteria[1].max_points = national.criteria[1].max_points;
  back.criteria[0].items[3].points.reset();
  back.criteria[5].items[0].bands.pop_back();
  EXPECT_TRUE(back == national);
}

TEST(RulesTemplate, ASlotUncommentedButEmptyIsASyntaxErrorOnItsLine) {
  const std::string text = rules_template(treem::data::national_cfc_rules());
  const std::string slot = "# max_points = { value = , status = \"confirmed\", source = \"\" }";
  const auto at = text.find(slot);
  const std::size_t line = static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n')) + 1;
  const std::string edited = replace_once(text, slot, slot.substr(2));
  try {
    (void)load_rule_set(edited, "p.toml");
    FAIL();
  } catch (const treem::parse_error& e) {
    EXPECT_EQ(e.where().line, line) << e.what();
  }
  // Filled in but without its source: refused, the province must say where the number comes from.
  const std::string unsourced = replace_once(text, slot, "max_points = { value = 75, status = \"confirmed\", source = \"\" }");
  EXPECT_NE(error_of([&] { (void)load_rule_set(unsourced, "p.toml"); }).find("criterion[1].max_points.source: must not be empty or blank"), std::string::npos);
}

TEST(RulesTemplate, OnlyAStandardHasATemplate) {
  EXPECT_THROW((void)rules_template(treem::data::son_ha_2024_cfc_overlay()), treem::validation_error);
}

// A small rule set whose band table ends on line 23 (the band under test on line 22, column 3).
std::string with_bands(const std::string& bad_band, const std::string& bands_line = "bands = [") {
  return "schema = \"treem.rules/1\"\nid = \"p\"\nversion = \"1\"\ntitle = \"t\"\ninstrument = \"i\"\n"  // 1-5
         "[[fact]]\nid = \"rate\"\nkind = \"percent\"\n"                                                  // 6-8
         "[[criterion]]\nid = 6\nname_vi = \"c\"\n"                                                      // 9-11
         "max_points = { value = 125, status = \"confirmed\", source = \"s\" }\nsource = \"s\"\n"         // 12-13
         "[[criterion.item]]\nid = \"6.1\"\nname_vi = \"i\"\nfact = \"rate\"\nstatus = \"confirmed\"\nsource = \"s\"\n"  // 14-19
         + bands_line + "\n"                                                                              // 20
         "  { min_percent = 95, points = 50, status = \"confirmed\", source = \"s\" },\n"                  // 21
         + bad_band + "\n]\n";                                                                            // 22-23
}

TEST(RulesTemplate, AHalfFilledBandTableIsRefusedAtTheBand) {
  const std::string tail = ", status = \"confirmed\", source = \"s\" },";
  const std::string field = "criterion[0].item[0].bands[1].";
  const std::pair<std::string, std::string> cases[] = {
      {"  { points = 40" + tail, "t.toml:22:3: " + field + "min_percent: required key is missing (expected the lowest rate in percent that earns the band's points)"},
      {"  { min_percent = 90" + tail, "t.toml:22:3: " + field + "points: required key is missing (expected the points the band gives)"},
      {"  { min_percent = 97, points = 40" + tail, "t.toml:22:19: " + field + "min_percent: bands must be listed from the highest rate down (97% comes after 95%)"},
      {"  { min_percent = 95, points = 40" + tail, "t.toml:22:19: " + field + "min_percent: a second band at 95%: each threshold appears once"},
      {"  { min_percent = 90, points = 130" + tail, "t.toml:22:32: " + field + "points: a band cannot give more than the criterion's maximum of 125 points"},
      {"  { min_percent = 120, points = 40" + tail, "t.toml:22:19: " + field + "min_percent: expected a percentage 0-100"},
      {"  { min_percent = 90, points = -1" + tail, "t.toml:22:32: " + field + "points: expected a number of points >= 0"},
      {"  { min_percent = 90, points = 40, source = \"s\" },", "t.toml:22:3: " + field + "status: required key is missing (expected a string)"},
  };
  for (const auto& [band_text, message] : cases) {
    EXPECT_EQ(error_of([&] { (void)load_rule_set(with_bands(band_text), "t.toml"); }), message) << band_text;
  }
  // The same table whole loads.
  const rule_set ok = load_rule_set(with_bands("  { min_percent = 80, points = 30" + tail), "t.toml");
  EXPECT_EQ(ok.criteria[0].items[0].bands.size(), 2u);
}

TEST(RulesTemplate, AnEmptyBandTableOrAnItemAboveTheMaximumIsRefused) {
  const std::string head = "schema = \"treem.rules/1\"\nid = \"p\"\nversion = \"1\"\ntitle = \"t\"\ninstrument = \"i\"\n"
                           "[[fact]]\nid = \"rate\"\nkind = \"percent\"\n[[fact]]\nid = \"yes\"\nkind = \"boolean\"\n"  // 1-11
                           "[[criterion]]\nid = 1\nname_vi = \"c\"\n"                                                 // 12-14
                           "max_points = { value = 100, status = \"confirmed\", source = \"s\" }\nsource = \"s\"\n"    // 15-16
                           "[[criterion.item]]\nid = \"1.1\"\nname_vi = \"i\"\nstatus = \"confirmed\"\nsource = \"s\"\n";  // 17-21
  EXPECT_EQ(error_of([&] { (void)load_rule_set(head + "fact = \"rate\"\nbands = []\n", "e.toml"); }),
            "e.toml:23:9: criterion[0].item[0].bands: an empty band table: list the bands of the scoring table, or leave 'bands' out while they are unknown");
  EXPECT_EQ(error_of([&] { (void)load_rule_set(head + "fact = \"yes\"\npoints = 120\n", "e.toml"); }),
            "e.toml:23:10: criterion[0].item[0].points: an item cannot give more than the criterion's maximum of 100 points");
}

}  // namespace
