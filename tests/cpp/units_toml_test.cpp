// Malformed unit files: each gives one located error. Line numbers are counted in the texts below.
#include <gtest/gtest.h>

#include <cctype>

#include <string>

#include "treem/units/units_toml.hpp"

namespace {

const std::string header = "schema = \"treem.units/1\"\nid = \"t\"\nversion = \"1\"\n";  // lines 1-3
const std::string province = R"([[unit]]
code = "51"
name = "Quảng Ngãi"
kind = "tinh"
status = "confirmed"
source = "s"
)";  // lines 4-9

std::string unit(const std::string& code, const std::string& extra = "") {
  return "[[unit]]\ncode = \"" + code + "\"\nname = \"X\"\nkind = \"xa\"\nparent = \"51\"\nstatus = \"confirmed\"\nsource = \"s\"\n" + extra;
}  // 7 lines plus extra

TEST(UnitsToml, AMinimalFileLoads) {
  const auto r = treem::load_units(header + province + unit("100") + unit("101"), "u.toml");
  EXPECT_EQ(r.size(), 3u);
  EXPECT_EQ(r.children("51", treem::make_date(2024, 1, 1)).size(), 2u);
}

TEST(UnitsToml, NamesAreStoredInNfc) {
  std::string text = header + province;
  text.replace(text.find("Quảng"), std::string("Quảng").size(), "Qua\xCC\x89ng");  // decomposed hook above
  const auto r = treem::load_units(text, "u.toml");
  EXPECT_EQ(r.get("51", treem::make_date(2024, 1, 1)).name, "Quảng Ngãi");
}

struct BadFile {
  const char* name;
  std::string text;
  std::string location;  // "line:column" or "line"
  const char* message_part;
};

class BadUnitFiles : public ::testing::TestWithParam<BadFile> {};

TEST_P(BadUnitFiles, GiveOneLocatedError) {
  const BadFile& c = GetParam();
  try {
    (void)treem::load_units(c.text, "units.toml");
    FAIL() << c.name << " was accepted";
  } catch (const treem::error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind("units.toml:" + c.location, 0), 0u) << what;
    EXPECT_NE(what.find(c.message_part), std::string::npos) << what;
  }
}

INSTANTIATE_TEST_SUITE_P(
    UnitsToml, BadUnitFiles,
    ::testing::Values(
        BadFile{"unknown kind", header + province + "[[unit]]\ncode = \"100\"\nname = \"X\"\nkind = \"xã\"\nstatus = \"confirmed\"\nsource = \"s\"\n", "13:8", "unit[1].kind: unknown kind 'xã' (expected one of tinh,"},
        BadFile{"non-numeric code", header + province + unit("10a"), "11:8", "'10a' is not a numeric code"},
        BadFile{"missing parent", header + province + "[[unit]]\ncode = \"100\"\nname = \"X\"\nkind = \"xa\"\nparent = \"52\"\nstatus = \"confirmed\"\nsource = \"s\"\n", "10", "parent 52 is not defined over the whole validity"},
        BadFile{"parent of a lower tier", header + province + unit("100") + "[[unit]]\ncode = \"101\"\nname = \"Y\"\nkind = \"huyen\"\nparent = \"100\"\nstatus = \"confirmed\"\nsource = \"s\"\n", "17", "a huyen cannot sit under a xa"},
        BadFile{"duplicate code", header + province + unit("100") + unit("100"), "17", "unit 100 is already defined over an overlapping span"},
        BadFile{"valid_to before valid_from", header + province + unit("100", "valid_from = 2025-07-01\nvalid_to = 2025-06-30\n"), "10", "valid_to: is before valid_from"},
        BadFile{"impossible date", header + province + unit("100", "valid_to = \"31/06/2025\"\n"), "17:13", "day 31 does not exist in June 2025"},
        BadFile{"date of the wrong type", header + province + unit("100", "valid_to = 2025\n"), "17:12", "expected a date"},
        BadFile{"flag without status", header + province + unit("100", "mountainous = { value = true, source = \"s\" }\n"), "17:15", "mountainous.status: required key is missing"},
        BadFile{"unknown key", header + province + unit("100", "population = 5000\n"), "17:14", "unit[1].population: unknown key"},
        BadFile{"empty name", header + "[[unit]]\ncode = \"51\"\nname = \"\"\nkind = \"tinh\"\nstatus = \"confirmed\"\nsource = \"s\"\n", "6:8", "unit[0].name: must not be empty"},
        BadFile{"wrong schema", "schema = \"treem.holidays/1\"\n", "1:10", "is not supported"},
        BadFile{"TOML syntax", header + "[[unit]\n", "4", "TOML syntax"},
        BadFile{"invalid UTF-8", header + "title = \"S\xF4n\"\n", "4:11", "not valid UTF-8"},
        BadFile{"merger to a unit that does not exist", header + province + unit("100", "valid_to = 2025-06-30\n") +
            "[[merger]]\nid = \"m\"\ninstrument = \"NQ\"\neffective = 2025-07-01\nstatus = \"confirmed\"\nsource = \"s\"\n[[merger.into]]\ncode = \"200\"\nfrom = [\"100\"]\n",
            "18", "new unit 200 does not exist on 01/07/2025"},
        BadFile{"unit merged twice", header + province + unit("100", "valid_to = 2025-06-30\n") + unit("200", "valid_from = 2025-07-01\n") +
            "[[merger]]\nid = \"m\"\ninstrument = \"NQ\"\neffective = 2025-07-01\nstatus = \"confirmed\"\nsource = \"s\"\n[[merger.into]]\ncode = \"200\"\nfrom = [\"100\", \"100\"]\n",
            "34:16", "old unit 100 is already merged into 200"}),
    [](const auto& param_info) {
      std::string n = param_info.param.name;
      for (char& c : n) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      return n;
    });

}  // namespace

namespace {

TEST(UnitsToml, AParentMayBeSplitIntoConsecutiveRecords) {
  // Province 51 renamed on 01/01/2020: two records; a commune valid throughout sits under both.
  const std::string text = header +
      "[[unit]]\ncode = \"51\"\nname = \"A\"\nkind = \"tinh\"\nvalid_to = 2019-12-31\nstatus = \"confirmed\"\nsource = \"s\"\n"
      "[[unit]]\ncode = \"51\"\nname = \"B\"\nkind = \"tinh\"\nvalid_from = 2020-01-01\nstatus = \"confirmed\"\nsource = \"s\"\n" +
      unit("100");
  const auto r = treem::load_units(text, "u.toml");
  EXPECT_EQ(r.parent(r.get("100", treem::make_date(2019, 6, 1)), treem::make_date(2019, 6, 1))->name, "A");
  EXPECT_EQ(r.parent(r.get("100", treem::make_date(2021, 6, 1)), treem::make_date(2021, 6, 1))->name, "B");
  // With a gap between the two records the commune has no parent for a while: rejected.
  std::string gap = text;
  gap.replace(gap.find("valid_from = 2020-01-01"), 23, "valid_from = 2020-02-01");
  EXPECT_THROW((void)treem::load_units(gap, "u.toml"), treem::validation_error);
}

TEST(UnitsToml, BlankNamesAndAncientMergersAreRejected) {
  std::string blank = header + province;
  blank.replace(blank.find("Quảng Ngãi"), std::string("Quảng Ngãi").size(), "   ");
  EXPECT_THROW((void)treem::load_units(blank, "u.toml"), treem::validation_error);
  const std::string ancient = header + province +
      "[[merger]]\nid = \"m\"\ninstrument = \"NQ\"\neffective = 1400-01-01\nstatus = \"confirmed\"\nsource = \"s\"\n"
      "[[merger.into]]\ncode = \"51\"\nfrom = [\"51\"]\n";
  EXPECT_THROW((void)treem::load_units(ancient, "u.toml"), treem::validation_error);
}

}  // namespace
