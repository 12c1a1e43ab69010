// Columns handed out through the Arrow C data interface without a copy: a string_column already
// has the layout of Arrow's large_utf8 (64-bit offsets, one buffer of bytes), so the consumer
// (pyarrow, polars, pandas, DuckDB, Arrow C++) reads treem's own memory, which the exported array
// owns until the consumer releases it.
#pragma once

#include <cstdint>
#include <memory>
#include <utility>

#include "treem/core/string_column.hpp"
#include "treem/io/arrow_c_data.hpp"

namespace treem::io {

namespace arrow_detail {

struct exported_strings {
  std::shared_ptr<const string_column> column;
  const void* buffers[3] = {nullptr, nullptr, nullptr};
};

}  // namespace arrow_detail

/// `column` as `array` (large_utf8, no nulls), described in `schema`; the array shares the
/// column until the consumer releases it through its release callback, as the interface says.
inline void export_strings(std::shared_ptr<const string_column> column, ArrowSchema* schema, ArrowArray* array) {
  static_assert(sizeof(std::uint64_t) == sizeof(std::int64_t));
  auto* owned = new arrow_detail::exported_strings{std::move(column)};
  owned->buffers[1] = owned->column->offsets().data();  // offsets below 2^63: the same bits as Arrow's int64
  owned->buffers[2] = owned->column->bytes().data();
  *array = ArrowArray{static_cast<std::int64_t>(owned->column->size()), 0, 0, 3, 0, owned->buffers, nullptr, nullptr,
                      [](ArrowArray* a) {
                        delete static_cast<arrow_detail::exported_strings*>(a->private_data);
                        a->release = nullptr;
                      },
                      owned};
  *schema = ArrowSchema{"U", "", nullptr, 0, 0, nullptr, nullptr, [](ArrowSchema* s) { s->release = nullptr; }, nullptr};
}

}  // namespace treem::io
