// An indicator table through the Arrow C data and C stream interfaces, as one record batch with
// the columns of the tidy frame (level, unit, unit_name, period, indicator, the five dimensions,
// numerator, denominator, value, lower, upper, suppressed), so that pyarrow, polars, DuckDB and
// Arrow C++ read it without a copy of its numbers or codes:
// - the number columns and the 8-bit category codes are the table's own buffers, shared until the
//   consumer releases the batch (each exported array keeps the table alive);
// - the keys are dictionary-encoded over their labels, the "all" category of a dimension and a
//   number that is not one (NaN: no denominator, no interval, withheld) are nulls;
// - what Arrow lays out otherwise is made once per export: the validity bitmaps, the bits of
//   `suppressed`, the label dictionaries, and unit_name's codes over its distinct names.
// The run's parameters travel as the schema's metadata (treem:period, treem:reference_date,
// treem:confidence, treem:suppression_threshold, treem:protection_upper).
#pragma once

#include <algorithm>
#include <bit>
#include <charconv>
#include <climits>
#include <exception>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "treem/core/error.hpp"
#include "treem/indicators/indicator_table.hpp"
#include "treem/io/arrow_c_data.hpp"

namespace treem::indicators {

namespace arrow_detail {

/// What one export owns besides the table: buffers Arrow lays out differently from the table, and
/// the C structs of every node (kept at fixed addresses: the vectors are sized before any pointer
/// into them is taken).
struct exported {
  std::shared_ptr<const indicator_table> table;
  std::vector<std::vector<std::uint8_t>> bitmaps;
  std::vector<std::vector<std::int32_t>> offsets, codes;
  std::vector<std::int8_t> zeros;
  std::vector<std::string> bytes, formats, names;
  std::vector<std::vector<const void*>> buffers;
  std::vector<ArrowArray> arrays;
  std::vector<ArrowSchema> schemas;
  std::vector<ArrowArray*> array_children;
  std::vector<ArrowSchema*> schema_children;
  std::string metadata;
};

/// Every node of the export holds one reference to the shared state; the last release frees it.
template <class Node>
void release_node(Node* node) {
  for (std::int64_t i = 0; i < node->n_children; ++i) {
    if (node->children[i]->release != nullptr) node->children[i]->release(node->children[i]);
  }
  if (node->dictionary != nullptr && node->dictionary->release != nullptr) node->dictionary->release(node->dictionary);
  delete static_cast<std::shared_ptr<exported>*>(node->private_data);
  node->release = nullptr;
}

/// A bitmap with bit i set where keep(i) holds (Arrow's validity and boolean layout: least
/// significant bit first).
template <class Keep>
std::vector<std::uint8_t> bitmap(std::size_t n, Keep keep) {
  std::vector<std::uint8_t> bits((n + 7) / 8, 0);
  for (std::size_t i = 0; i < n; ++i) bits[i >> 3] = static_cast<std::uint8_t>(bits[i >> 3] | (keep(i) ? 1u << (i & 7) : 0u));
  return bits;
}

/// The metadata blob of the C data interface: a count, then each key and value with its length.
inline std::string metadata_blob(const std::vector<std::pair<std::string, std::string>>& items) {
  std::string out;
  const auto put = [&](std::int32_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); };
  put(static_cast<std::int32_t>(items.size()));
  for (const auto& [k, v] : items) {
    put(static_cast<std::int32_t>(k.size())), out += k;
    put(static_cast<std::int32_t>(v.size())), out += v;
  }
  return out;
}

/// The shortest decimal text that reads back as `x` (0.95, not 0.950000).
inline std::string shortest(double x) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(x);
}

/// One column's description before the C structs are made.
struct column_spec {
  std::string name, format;
  const void* values = nullptr;
  std::int64_t null_count = 0;
  int bitmap = -1;      ///< index into exported::bitmaps of its validity, or -1
  int dictionary = -1;  ///< index into exported::offsets / bytes of its labels, or -1
};

/// Lays out the label dictionaries, validity bitmaps and columns of `t` in `e`.
inline std::vector<column_spec> describe_columns(exported& e) {
  const indicator_table& t = *e.table;
  const std::size_t n = t.size();
  const auto labels = [&](const std::vector<std::string>& words) {
    std::vector<std::int32_t> off{0};
    std::string bytes;
    for (const auto& w : words) bytes += w, off.push_back(static_cast<std::int32_t>(bytes.size()));
    e.offsets.push_back(std::move(off)), e.bytes.push_back(std::move(bytes));
    return static_cast<int>(e.offsets.size() - 1);
  };
  const auto valid = [&](auto keep) {
    e.bitmaps.push_back(bitmap(n, keep));
    return static_cast<int>(e.bitmaps.size() - 1);
  };
  const auto nulls_in = [&](int b) {
    std::int64_t set = 0;
    for (const std::uint8_t byte : e.bitmaps[static_cast<std::size_t>(b)]) set += std::popcount(byte);
    return static_cast<std::int64_t>(n) - set;
  };
  // unit_name: codes over the distinct names (names repeat across districts; a dictionary's values
  // must be distinct for pandas and polars to read it as a categorical).
  std::map<std::string, std::int32_t> distinct;
  for (const auto& name : t.unit_names) distinct.emplace(name, 0);
  std::vector<std::string> names;
  for (auto& [name, code] : distinct) code = static_cast<std::int32_t>(names.size()), names.push_back(name);
  std::vector<std::int32_t> name_of_unit(t.unit_names.size());
  for (std::size_t u = 0; u < name_of_unit.size(); ++u) name_of_unit[u] = distinct.at(t.unit_names[u]);
  std::vector<std::int32_t> name_of_row(n);
  for (std::size_t i = 0; i < n; ++i) name_of_row[i] = name_of_unit[t.unit[i]];
  e.codes.push_back(std::move(name_of_row));
  e.zeros.assign(n, 0);  // period: one value
  std::vector<column_spec> cols = {{"level", "c", t.level.data(), 0, -1, labels(t.levels)},
                                   {"unit", "i", t.unit.data(), 0, -1, labels(t.unit_codes)},
                                   {"unit_name", "i", e.codes[0].data(), 0, -1, labels(names)},
                                   {"period", "c", e.zeros.data(), 0, -1, labels({t.period})},
                                   {"indicator", "i", t.indicator.data(), 0, -1, labels(t.indicator_keys)}};
  for (std::size_t d = 0; d < dimension_count; ++d) {
    const int b = valid([&](std::size_t i) { return t.category[d][i] >= 0; });
    cols.push_back({std::string(dimension_names[d]), "c", t.category[d].data(), nulls_in(b), b, labels(t.labels[d])});
  }
  const std::pair<const char*, const std::vector<double>*> numbers[] = {
      {"numerator", &t.numerator}, {"denominator", &t.denominator}, {"value", &t.value}, {"lower", &t.lower}, {"upper", &t.upper}};
  for (const auto& [name, col] : numbers) {
    const int b = valid([&](std::size_t i) { return !std::isnan((*col)[i]); });
    cols.push_back({name, "g", col->data(), nulls_in(b), b, -1});
  }
  const int bits = valid([&](std::size_t i) { return t.suppressed[i] != 0; });
  cols.push_back({"suppressed", "b", e.bitmaps[static_cast<std::size_t>(bits)].data(), 0, -1, -1});
  return cols;
}

/// The C structs of column `c` (and of its dictionary) at node 2c (and 2c + 1).
inline void make_column(const std::shared_ptr<exported>& self, const column_spec& spec, std::size_t c) {
  exported& e = *self;
  const std::size_t k = 2 * c;
  const auto n = static_cast<std::int64_t>(e.table->size());
  const void* validity = spec.bitmap >= 0 ? e.bitmaps[static_cast<std::size_t>(spec.bitmap)].data() : nullptr;
  e.buffers[k] = {validity, spec.values};
  ArrowArray* dict_array = nullptr;
  ArrowSchema* dict_schema = nullptr;
  if (spec.dictionary >= 0) {
    const auto di = static_cast<std::size_t>(spec.dictionary);
    e.buffers[k + 1] = {nullptr, e.offsets[di].data(), e.bytes[di].data()};
    e.arrays[k + 1] = {static_cast<std::int64_t>(e.offsets[di].size() - 1), 0, 0, 3, 0, e.buffers[k + 1].data(), nullptr, nullptr,
                       &release_node<ArrowArray>, new std::shared_ptr<exported>(self)};
    e.schemas[k + 1] = {"u", "", nullptr, 0, 0, nullptr, nullptr, &release_node<ArrowSchema>, new std::shared_ptr<exported>(self)};
    dict_array = &e.arrays[k + 1], dict_schema = &e.schemas[k + 1];
  }
  e.arrays[k] = {n, spec.null_count, 0, 2, 0, e.buffers[k].data(), nullptr, dict_array, &release_node<ArrowArray>, new std::shared_ptr<exported>(self)};
  e.schemas[k] = {e.formats[c].c_str(), e.names[c].c_str(), nullptr, spec.bitmap >= 0 ? ARROW_FLAG_NULLABLE : 0, 0, nullptr, dict_schema,
                  &release_node<ArrowSchema>, new std::shared_ptr<exported>(self)};
  e.array_children.push_back(&e.arrays[k]);
  e.schema_children.push_back(&e.schemas[k]);
}

/// Everything one export of `t` shares: its buffers and the C structs of its columns.
inline std::shared_ptr<exported> prepare(std::shared_ptr<const indicator_table> t) {
  if (t->unit_codes.size() > INT32_MAX || t->indicator_keys.size() > INT32_MAX || t->levels.size() > 127) {
    throw validation_error({"<arrow>"}, "unit", "the table has more units or indicators than Arrow's 32-bit dictionary codes hold");
  }
  auto self = std::make_shared<exported>();
  self->table = std::move(t);
  const std::vector<column_spec> cols = describe_columns(*self);
  const std::size_t nodes = 2 * cols.size() + 1;  // each column and its dictionary, then the batch
  self->arrays.resize(nodes), self->schemas.resize(nodes), self->buffers.resize(nodes);
  for (const auto& c : cols) self->formats.push_back(c.format), self->names.push_back(c.name);
  for (std::size_t c = 0; c < cols.size(); ++c) make_column(self, cols[c], c);
  const indicator_table& tab = *self->table;
  self->metadata = metadata_blob({{"treem:period", tab.period}, {"treem:reference_date", tab.reference_date},
                                  {"treem:confidence", shortest(tab.confidence)},
                                  {"treem:suppression_threshold", std::to_string(tab.suppression_threshold)},
                                  {"treem:protection_upper", std::to_string(tab.protection_upper)}});
  self->buffers[nodes - 1] = {nullptr};
  return self;
}

/// The batch's schema: a struct of the columns, with the run's parameters as metadata.
inline void schema_of(const std::shared_ptr<exported>& self, ArrowSchema* schema) {
  *schema = {"+s", "", self->metadata.c_str(), 0, static_cast<std::int64_t>(self->schema_children.size()), self->schema_children.data(), nullptr,
             &release_node<ArrowSchema>, new std::shared_ptr<exported>(self)};
}

/// The batch: a struct array of the columns.
inline void array_of(const std::shared_ptr<exported>& self, ArrowArray* array) {
  *array = {static_cast<std::int64_t>(self->table->size()), 0, 0, 1, static_cast<std::int64_t>(self->array_children.size()),
            self->buffers.back().data(), self->array_children.data(), nullptr, &release_node<ArrowArray>, new std::shared_ptr<exported>(self)};
}

/// The stream's state: the export made at the first call, sent once.
struct stream_state {
  std::shared_ptr<const indicator_table> table;
  std::shared_ptr<exported> made;
  bool sent = false;
  std::string error;
};

/// Runs a stream callback's body, turning an exception into the interface's error code (EIO) and message.
template <class Body>
int guarded(ArrowArrayStream* s, Body body) {
  auto* st = static_cast<stream_state*>(s->private_data);
  try {
    if (!st->made && !st->sent) st->made = prepare(st->table);
    body(*st);
    return 0;
  } catch (const std::exception& ex) {
    st->error = ex.what();
    return 5;
  }
}

}  // namespace arrow_detail

/// `t` as one record batch: `array` a struct array of its columns, described in `schema`. Both
/// share the table until the consumer releases them through their release callbacks.
inline void export_table(std::shared_ptr<const indicator_table> t, ArrowSchema* schema, ArrowArray* array) {
  const auto made = arrow_detail::prepare(std::move(t));
  arrow_detail::schema_of(made, schema);
  arrow_detail::array_of(made, array);
}

/// `t` as a stream of one record batch (the C stream interface: what `__arrow_c_stream__` hands
/// to pyarrow, polars and DuckDB).
inline void export_stream(std::shared_ptr<const indicator_table> t, ArrowArrayStream* stream) {
  using arrow_detail::stream_state;
  stream->get_schema = [](ArrowArrayStream* s, ArrowSchema* out) {
    return arrow_detail::guarded(s, [&](stream_state& st) {
      if (!st.made) st.made = arrow_detail::prepare(st.table);
      arrow_detail::schema_of(st.made, out);
    });
  };
  stream->get_next = [](ArrowArrayStream* s, ArrowArray* out) {
    return arrow_detail::guarded(s, [&](stream_state& st) {
      if (st.sent) {
        out->release = nullptr;  // the end of the stream
        return;
      }
      arrow_detail::array_of(st.made, out);
      st.sent = true;
    });
  };
  stream->get_last_error = [](ArrowArrayStream* s) { return static_cast<stream_state*>(s->private_data)->error.c_str(); };
  stream->release = [](ArrowArrayStream* s) {
    delete static_cast<stream_state*>(s->private_data);
    s->release = nullptr;
  };
  stream->private_data = new stream_state{std::move(t), nullptr, false, {}};
}

}  // namespace treem::indicators
