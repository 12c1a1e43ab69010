// Arrow streams into the one reader: every layout a DataFrame library hands over (utf8, large
// utf8, string views, dictionaries, integers, booleans, floats, dates, times), nulls, offsets,
// batches cut into blocks, and the batches released once. The arrays are built here by hand in
// the layout the Arrow specification gives, so that the test depends on no Arrow library.
#include <gtest/gtest.h>

#include "error_of.hpp"

#include <cstring>
#include <functional>
#include <optional>

#include "treem/io/arrow_source.hpp"
#include "treem/io/read_blocks.hpp"

namespace {

using cells = std::vector<std::optional<std::string>>;

int released_batches = 0;

/// One column of one batch, its buffers owned here.
struct column {
  std::string name, format;
  std::vector<std::vector<std::uint8_t>> storage;
  std::vector<const void*> buffers;
  std::int64_t length = 0, null_count = 0, offset = 0;
  std::shared_ptr<column> dictionary;
  ArrowArray array{};
  ArrowSchema schema{};

  template <class T>
  void buffer(const std::vector<T>& v) {
    storage.emplace_back(reinterpret_cast<const std::uint8_t*>(v.data()), reinterpret_cast<const std::uint8_t*>(v.data() + v.size()));
  }
  void validity(const std::vector<bool>& valid) {
    std::vector<std::uint8_t> bits((valid.size() + 7) / 8, 0);
    for (std::size_t i = 0; i < valid.size(); ++i) {
      if (valid[i]) bits[i / 8] |= static_cast<std::uint8_t>(1u << (i % 8));
      else ++null_count;
    }
    storage.push_back(bits);
  }
  ArrowArray* finish() {
    buffers.clear();
    for (const auto& s : storage) buffers.push_back(s.empty() ? nullptr : s.data());
    array = ArrowArray{length, null_count, offset, static_cast<std::int64_t>(buffers.size()), 0, buffers.data(), nullptr,
                       dictionary ? dictionary->finish() : nullptr, [](ArrowArray* a) { a->release = nullptr; }, nullptr};
    schema = ArrowSchema{format.c_str(), name.c_str(), nullptr, ARROW_FLAG_NULLABLE, 0, nullptr, dictionary ? &dictionary->schema : nullptr,
                         [](ArrowSchema* s) { s->release = nullptr; }, nullptr};
    if (dictionary) dictionary->schema.format = dictionary->format.c_str();
    return &array;
  }
};

template <class Offset>
std::shared_ptr<column> text(std::string name, const cells& values, const char* format) {
  auto c = std::make_shared<column>();
  c->name = std::move(name);
  c->format = format;
  c->length = static_cast<std::int64_t>(values.size());
  std::vector<bool> valid;
  std::vector<Offset> offsets{0};
  std::string bytes;
  for (const auto& v : values) {
    valid.push_back(v.has_value());
    bytes += v.value_or("");
    offsets.push_back(static_cast<Offset>(bytes.size()));
  }
  c->validity(valid);
  c->buffer(offsets);
  c->buffer(std::vector<char>(bytes.begin(), bytes.end()));
  return c;
}

std::shared_ptr<column> views(std::string name, const std::vector<std::string>& values) {
  auto c = std::make_shared<column>();
  c->name = std::move(name);
  c->format = "vu";
  c->length = static_cast<std::int64_t>(values.size());
  std::vector<std::uint8_t> view_bytes;
  std::string data;
  for (const auto& v : values) {
    std::uint8_t view[16] = {};
    const auto length = static_cast<std::int32_t>(v.size());
    std::memcpy(view, &length, 4);
    if (v.size() <= 12) {
      std::memcpy(view + 4, v.data(), v.size());
    } else {
      const std::int32_t buffer = 0, offset = static_cast<std::int32_t>(data.size());
      std::memcpy(view + 4, v.data(), 4);
      std::memcpy(view + 8, &buffer, 4);
      std::memcpy(view + 12, &offset, 4);
      data += v;
    }
    view_bytes.insert(view_bytes.end(), view, view + 16);
  }
  c->storage.emplace_back();  // no nulls
  c->storage.push_back(view_bytes);
  c->buffer(std::vector<char>(data.begin(), data.end()));
  c->buffer(std::vector<std::int64_t>{static_cast<std::int64_t>(data.size())});
  return c;
}

template <class T>
std::shared_ptr<column> fixed(std::string name, const char* format, const std::vector<T>& values, const std::vector<bool>& valid = {}) {
  auto c = std::make_shared<column>();
  c->name = std::move(name);
  c->format = format;
  c->length = static_cast<std::int64_t>(values.size());
  if (valid.empty()) c->storage.emplace_back();
  else c->validity(valid);
  c->buffer(values);
  return c;
}

std::shared_ptr<column> booleans(std::string name, const std::vector<bool>& values, const std::vector<bool>& valid) {
  auto c = std::make_shared<column>();
  c->name = std::move(name);
  c->format = "b";
  c->length = static_cast<std::int64_t>(values.size());
  c->validity(valid);
  std::vector<std::uint8_t> bits((values.size() + 7) / 8, 0);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i]) bits[i / 8] |= static_cast<std::uint8_t>(1u << (i % 8));
  }
  c->storage.push_back(bits);
  return c;
}

/// A stream of batches (each a list of columns of one length) with a struct schema.
struct test_stream {
  std::vector<std::vector<std::shared_ptr<column>>> batches;
  std::vector<ArrowArray> structs;
  std::vector<std::vector<ArrowArray*>> children;
  std::vector<ArrowSchema*> schema_children;
  std::size_t next = 0;
  bool released = false;

  ArrowArrayStream stream() {
    for (auto& batch : batches) {
      children.emplace_back();
      for (auto& c : batch) children.back().push_back(c->finish());
    }
    for (auto& c : batches.front()) schema_children.push_back(&c->schema);
    for (std::size_t b = 0; b < batches.size(); ++b) {
      structs.push_back(ArrowArray{batches[b].front()->length, 0, 0, 1, static_cast<std::int64_t>(children[b].size()), nullptr,
                                   children[b].data(), nullptr, [](ArrowArray* a) { a->release = nullptr; ++released_batches; }, nullptr});
      static const void* no_validity[1] = {nullptr};
      structs.back().buffers = no_validity;
    }
    ArrowArrayStream s{};
    s.private_data = this;
    s.get_schema = [](ArrowArrayStream* self, ArrowSchema* out) {
      auto* t = static_cast<test_stream*>(self->private_data);
      *out = ArrowSchema{"+s", "", nullptr, 0, static_cast<std::int64_t>(t->schema_children.size()), t->schema_children.data(), nullptr,
                         [](ArrowSchema* sc) { sc->release = nullptr; }, nullptr};
      return 0;
    };
    s.get_next = [](ArrowArrayStream* self, ArrowArray* out) {
      auto* t = static_cast<test_stream*>(self->private_data);
      if (t->next == t->structs.size()) {
        out->release = nullptr;
        return 0;
      }
      *out = t->structs[t->next++];
      return 0;
    };
    s.get_last_error = [](ArrowArrayStream*) -> const char* { return "secret cell value"; };
    s.release = [](ArrowArrayStream* self) {
      static_cast<test_stream*>(self->private_data)->released = true;
      self->release = nullptr;
    };
    return s;
  }
};

treem::io::string_table read(test_stream& t, std::size_t block_rows = 1 << 16, unsigned threads = 1) {
  ArrowArrayStream s = t.stream();
  treem::io::arrow_source source(&s, "frame", 0, block_rows);
  EXPECT_EQ(s.release, nullptr) << "the stream is moved into the source";
  treem::io::string_table table;
  table.header = source.header();
  treem::io::read_blocks(source, threads, [](const treem::io::cell_block&) { return 0; },
                         [&](int, const treem::io::cell_block& b, std::size_t first_line) {
                           for (std::size_t r = 0; r < b.rows(); ++r) {
                             std::vector<std::string> row;
                             for (std::size_t c = 0; c < b.width; ++c) row.emplace_back(b.cell(r, c));
                             table.rows.push_back(row);
                             table.lines.push_back(first_line + b.line[r]);
                           }
                         });
  return table;
}

using treem::testing::error_of;

TEST(ArrowSource, EveryLayoutReadsAsTheSpreadsheetWouldShowIt) {
  test_stream t;
  const std::int64_t day_ms = 86400000;
  auto dict = std::make_shared<column>();
  *dict = *text<std::int32_t>("", {"Nam", "Nữ"}, "u");
  auto sex = fixed<std::int8_t>("sex", "c", {1, 0, 1});
  sex->dictionary = dict;
  t.batches.push_back({text<std::int32_t>("id", {"A1", std::nullopt, "Nguyễn"}, "u"),
                       text<std::int64_t>(" unit ", {"21292", "21295", ""}, "U"),
                       views("note", {"short", "a text longer than twelve", ""}),
                       sex,
                       fixed<std::int32_t>("count", "i", {-7, 0, 2147483647}, {true, false, true}),
                       booleans("flag", {true, false, true}, {true, true, false}),
                       fixed<std::int32_t>("birth", "tdD", {19723, 0, -1}),
                       fixed<std::int64_t>("seen", "tsm:", {19723 * day_ms, 19723 * day_ms + 3723000, -1}),
                       fixed<double>("x", "g", {12.0, 0.5, std::nan("")})});
  const auto table = read(t);
  EXPECT_EQ(table.header, (std::vector<std::string>{"id", "unit", "note", "sex", "count", "flag", "birth", "seen", "x"}));
  ASSERT_EQ(table.rows.size(), 3u);
  EXPECT_EQ(table.rows[0], (std::vector<std::string>{"A1", "21292", "short", "Nữ", "-7", "1", "2024-01-01", "2024-01-01", "12"}));
  EXPECT_EQ(table.rows[1], (std::vector<std::string>{"", "21295", "a text longer than twelve", "Nam", "", "0", "1970-01-01", "2024-01-01T01:02:03", "0.5"}));
  EXPECT_EQ(table.rows[2], (std::vector<std::string>{"Nguyễn", "", "", "Nữ", "2147483647", "", "1969-12-31", "1969-12-31T23:59:59", ""}));
  EXPECT_EQ(table.lines, (std::vector<std::size_t>{2, 3, 4})) << "rows numbered as a spreadsheet's, the header being row 1";
  EXPECT_TRUE(t.released);
}

TEST(ArrowSource, BatchesCutIntoBlocksAndOffsetsGiveTheSameRowsAtAnyThreadCount) {
  auto make = [] {
    test_stream t;
    for (int b = 0; b < 3; ++b) {
      cells ids;
      std::vector<std::int64_t> numbers;
      for (int r = 0; r < 7; ++r) {
        ids.push_back("c" + std::to_string(b) + "-" + std::to_string(r));
        numbers.push_back(b * 100 + r);
      }
      auto id = text<std::int32_t>("id", ids, "u");
      auto number = fixed<std::int64_t>("n", "l", numbers);
      id->offset = 2;  // a slice: the first two elements are not part of it
      id->length = 5;
      number->offset = 2;
      number->length = 5;
      t.batches.push_back({id, number});
    }
    return t;
  };
  released_batches = 0;
  auto whole = make();
  const auto expected = read(whole);
  ASSERT_EQ(expected.rows.size(), 15u);
  EXPECT_EQ(expected.rows[0], (std::vector<std::string>{"c0-2", "2"}));
  EXPECT_EQ(expected.rows[14], (std::vector<std::string>{"c2-6", "206"}));
  EXPECT_EQ(released_batches, 3);
  for (std::size_t block : {1u, 2u, 3u, 5u, 64u}) {
    for (unsigned threads : {1u, 2u, 3u}) {
      auto t = make();
      const auto table = read(t, block, threads);
      EXPECT_EQ(table.rows, expected.rows) << block << " rows a block, " << threads << " threads";
      EXPECT_EQ(table.lines, expected.lines) << block << " rows a block, " << threads << " threads";
    }
  }
}

TEST(ArrowSource, RefusesWhatItCannotReadWithTheColumnNumberNeverItsName) {
  test_stream zoned;
  zoned.batches.push_back({text<std::int32_t>("id", {"A1"}, "u"), fixed<std::int64_t>("TE-SECRET-1", "tsu:Asia/Ho_Chi_Minh", {0})});
  EXPECT_EQ(error_of([&] { (void)read(zoned); }),
            "frame:1:2: column 2: a column of Arrow type 'tsu:Asia/Ho_Chi_Minh' cannot be read (a time with a time zone: give dates)");
  test_stream decimal;
  decimal.batches.push_back({fixed<std::int64_t>("TE-SECRET-1", "d:10,2", {0, 0})});
  EXPECT_EQ(error_of([&] { (void)read(decimal); }), "frame:1:1: column 1: a column of Arrow type 'd:10,2' cannot be read (give text, numbers, booleans or dates)");
}

TEST(ArrowSource, TextThatIsNotUtf8IsLocatedAfterTheRowsBeforeIt) {
  test_stream t;
  t.batches.push_back({fixed<std::int32_t>("n", "i", {1, 2, 3}), text<std::int32_t>("name", {"ok", "ok", std::string("Nguy\xe1n")}, "u")});
  std::size_t rows_taken = 0;
  const auto message = error_of([&] {
    ArrowArrayStream s = t.stream();
    treem::io::arrow_source source(&s, "frame");
    treem::io::read_blocks(source, 2, [](const treem::io::cell_block&) { return 0; },
                           [&](int, const treem::io::cell_block& b, std::size_t) { rows_taken += b.rows(); });
  });
  EXPECT_EQ(message, "frame:4:2: Arrow: column 2 holds text that is not valid UTF-8");
  EXPECT_EQ(rows_taken, 2u);
}

TEST(ArrowSource, AFailingStreamIsReportedWithoutTheProducersMessage) {
  test_stream t;
  t.batches.push_back({fixed<std::int32_t>("n", "i", {1})});
  ArrowArrayStream s = t.stream();
  s.get_next = [](ArrowArrayStream*, ArrowArray*) { return 5; };  // EIO
  const auto message = error_of([&] {
    treem::io::arrow_source source(&s, "frame");
    (void)treem::io::read_table(source);
  });
  EXPECT_EQ(message, "frame: the Arrow stream could not give its next batch of rows");
  EXPECT_TRUE(t.released) << "the stream is released when the source is done, even after a failure";
  ArrowArrayStream consumed{};
  EXPECT_EQ(error_of([&] { treem::io::arrow_source again(&consumed, "frame"); }), "frame: the Arrow stream has already been consumed");
}

TEST(ArrowSource, CivilFromDaysInvertsDaysFromCivil) {
  for (long long day = treem::days_from_civil(1400, 1, 1); day <= treem::days_from_civil(2100, 12, 31); day += 37) {
    const auto c = treem::civil_from_days(day);
    ASSERT_EQ(treem::days_from_civil(c.year, c.month, c.day), day);
    ASSERT_EQ(treem::make_date(c.year, c.month, c.day), treem::from_epoch_days(day));
  }
}

}  // namespace
