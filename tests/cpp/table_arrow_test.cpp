// An indicator table through the Arrow C data and stream interfaces, read back field by field as a
// consumer would: the columns and their formats, nulls where a category is "all" or a number is
// NaN, the table's own buffers shared (not copied), and every release giving the table back.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "treem/indicators/table_arrow.hpp"

namespace {

using namespace treem::indicators;

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Two communes of one district with the same name (as happens across districts), one indicator,
// a total row and a female row each; the second commune's female row is withheld.
std::shared_ptr<indicator_table> small_table() {
  auto t = std::make_shared<indicator_table>();
  t->period = "2024";
  t->reference_date = "31/12/2024";
  t->confidence = 0.95;
  t->suppression_threshold = 4;
  t->protection_upper = 5;
  t->levels = {"commune"};
  t->unit_codes = {"21289", "21292", "21295"};
  t->unit_names = {"Xã Sơn Hạ", "Xã Sơn Hạ", "Xã Sơn Bao"};
  t->indicator_keys = {"birth_registration_under5"};
  t->labels[0] = {"male", "female", "unknown"};
  t->level = {0, 0, 0, 0};
  t->unit = {0, 0, 2, 2};
  t->indicator = {0, 0, 0, 0};
  for (auto& c : t->category) c = {-1, -1, -1, -1};
  t->category[0] = {-1, 1, -1, 1};
  t->numerator = {90, 40, 7, nan};
  t->denominator = {100, 50, 9, nan};
  t->value = {90, 80, 77.8, nan};
  t->lower = {82, 66, 40, nan};
  t->upper = {95, 90, 97, nan};
  t->suppressed = {0, 0, 0, 1};
  return t;
}

std::vector<std::string> dictionary_words(const ArrowArray& dict) {
  const auto* offsets = static_cast<const std::int32_t*>(dict.buffers[1]);
  const auto* bytes = static_cast<const char*>(dict.buffers[2]);
  std::vector<std::string> out;
  for (std::int64_t i = 0; i < dict.length; ++i) out.emplace_back(bytes + offsets[i], bytes + offsets[i + 1]);
  return out;
}

bool bit(const ArrowArray& a, std::size_t buffer, std::size_t i) { return (static_cast<const std::uint8_t*>(a.buffers[buffer])[i / 8] >> (i % 8) & 1) != 0; }

int child_named(const ArrowSchema& s, const std::string& name) {
  for (std::int64_t i = 0; i < s.n_children; ++i) {
    if (name == s.children[i]->name) return static_cast<int>(i);
  }
  return -1;
}

TEST(TableArrow, TheBatchHasTheFramesColumnsWithTheirFormats) {
  const auto t = small_table();
  ArrowSchema schema{};
  ArrowArray array{};
  export_table(t, &schema, &array);
  EXPECT_STREQ(schema.format, "+s");
  ASSERT_EQ(schema.n_children, 16);
  const std::vector<std::string> names = {"level", "unit", "unit_name", "period", "indicator", "sex", "age_group", "ethnicity", "kind",
                                          "environment", "numerator", "denominator", "value", "lower", "upper", "suppressed"};
  const std::vector<std::string> formats = {"c", "i", "i", "c", "i", "c", "c", "c", "c", "c", "g", "g", "g", "g", "g", "b"};
  for (std::size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(schema.children[i]->name, names[i]);
    EXPECT_EQ(schema.children[i]->format, formats[i]) << names[i];
    EXPECT_EQ(schema.children[i]->dictionary != nullptr, i < 10) << names[i];
  }
  EXPECT_EQ(array.length, 4);
  EXPECT_EQ(array.n_children, 16);
  schema.release(&schema);
  array.release(&array);
  EXPECT_EQ(t.use_count(), 1);  // every reference given back
}

TEST(TableArrow, NumbersAndCodesAreTheTablesOwnMemory) {
  const auto t = small_table();
  ArrowSchema schema{};
  ArrowArray array{};
  export_table(t, &schema, &array);
  EXPECT_EQ(array.children[child_named(schema, "numerator")]->buffers[1], t->numerator.data());
  EXPECT_EQ(array.children[child_named(schema, "lower")]->buffers[1], t->lower.data());
  EXPECT_EQ(array.children[child_named(schema, "sex")]->buffers[1], t->category[0].data());
  EXPECT_EQ(array.children[child_named(schema, "unit")]->buffers[1], t->unit.data());
  schema.release(&schema);
  array.release(&array);
}

TEST(TableArrow, AllAndNotANumberAreNullsAndSuppressedIsBits) {
  const auto t = small_table();
  ArrowSchema schema{};
  ArrowArray array{};
  export_table(t, &schema, &array);
  const ArrowArray& sex = *array.children[child_named(schema, "sex")];
  EXPECT_EQ(sex.null_count, 2);  // the two totals
  EXPECT_FALSE(bit(sex, 0, 0));
  EXPECT_TRUE(bit(sex, 0, 1));
  EXPECT_EQ(dictionary_words(*sex.dictionary), (std::vector<std::string>{"male", "female", "unknown"}));
  EXPECT_EQ(schema.children[child_named(schema, "sex")]->flags & ARROW_FLAG_NULLABLE, ARROW_FLAG_NULLABLE);
  const ArrowArray& numerator = *array.children[child_named(schema, "numerator")];
  EXPECT_EQ(numerator.null_count, 1);  // the withheld count
  EXPECT_FALSE(bit(numerator, 0, 3));
  const ArrowArray& kind = *array.children[child_named(schema, "kind")];
  EXPECT_EQ(kind.null_count, 4);  // no breakdown by kind: every row is the total over kinds
  const ArrowArray& suppressed = *array.children[child_named(schema, "suppressed")];
  EXPECT_EQ(suppressed.null_count, 0);
  EXPECT_FALSE(bit(suppressed, 1, 2));
  EXPECT_TRUE(bit(suppressed, 1, 3));
  schema.release(&schema);
  array.release(&array);
}

TEST(TableArrow, UnitNamesAreCodedOverDistinctNames) {
  const auto t = small_table();
  ArrowSchema schema{};
  ArrowArray array{};
  export_table(t, &schema, &array);
  const ArrowArray& names = *array.children[child_named(schema, "unit_name")];
  const std::vector<std::string> words = dictionary_words(*names.dictionary);
  EXPECT_EQ(words, (std::vector<std::string>{"Xã Sơn Bao", "Xã Sơn Hạ"}));  // distinct, in byte order
  const auto* codes = static_cast<const std::int32_t*>(names.buffers[1]);
  EXPECT_EQ(words[static_cast<std::size_t>(codes[0])], "Xã Sơn Hạ");
  EXPECT_EQ(words[static_cast<std::size_t>(codes[2])], "Xã Sơn Bao");
  schema.release(&schema);
  array.release(&array);
}

TEST(TableArrow, TheRunsParametersAreTheSchemasMetadata) {
  const auto t = small_table();
  ArrowSchema schema{};
  ArrowArray array{};
  export_table(t, &schema, &array);
  std::int32_t count = 0;
  const char* p = schema.metadata;
  std::memcpy(&count, p, 4), p += 4;
  std::vector<std::pair<std::string, std::string>> items;
  for (std::int32_t i = 0; i < count; ++i) {
    std::int32_t k = 0, v = 0;
    std::memcpy(&k, p, 4), p += 4;
    std::string key(p, static_cast<std::size_t>(k));
    p += k;
    std::memcpy(&v, p, 4), p += 4;
    items.emplace_back(key, std::string(p, static_cast<std::size_t>(v)));
    p += v;
  }
  EXPECT_EQ(items, (std::vector<std::pair<std::string, std::string>>{{"treem:period", "2024"}, {"treem:reference_date", "31/12/2024"},
                                                                     {"treem:confidence", "0.95"}, {"treem:suppression_threshold", "4"},
                                                                     {"treem:protection_upper", "5"}}));
  schema.release(&schema);
  array.release(&array);
}

TEST(TableArrow, AChildMovedOutOutlivesItsParent) {
  auto t = small_table();
  const double* numbers = t->numerator.data();
  ArrowSchema schema{};
  ArrowArray array{};
  export_table(t, &schema, &array);
  t.reset();  // the consumer's batch is all that holds the table now
  ArrowArray moved = *array.children[10];
  array.children[10]->release = nullptr;  // moved, as the interface allows
  array.release(&array);
  schema.release(&schema);
  EXPECT_EQ(moved.buffers[1], numbers);
  EXPECT_EQ(static_cast<const double*>(moved.buffers[1])[2], 7);  // still readable
  moved.release(&moved);
}

TEST(TableArrow, TheStreamSendsOneBatchThenEnds) {
  const auto t = small_table();
  ArrowArrayStream stream{};
  export_stream(t, &stream);
  ArrowSchema schema{};
  ASSERT_EQ(stream.get_schema(&stream, &schema), 0);
  EXPECT_EQ(schema.n_children, 16);
  ArrowArray first{}, second{};
  ASSERT_EQ(stream.get_next(&stream, &first), 0);
  EXPECT_EQ(first.length, 4);
  ASSERT_EQ(stream.get_next(&stream, &second), 0);
  EXPECT_EQ(second.release, nullptr);  // the end of the stream
  stream.release(&stream);
  EXPECT_EQ(first.children[0]->length, 4);  // the batch outlives the stream
  first.release(&first);
  schema.release(&schema);
  EXPECT_EQ(t.use_count(), 1);
}

}  // namespace
