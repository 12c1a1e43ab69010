// CSV input, parsed by libcsv (RFC 4180), in chunks: a file larger than memory is read block by
// block and handed on a chunk of rows at a time, each row with the line it ends on. Shared by the
// treem program and the Python module (the one compiled library of treem besides them).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "treem/io/string_table.hpp"

namespace treem::io {

/// Called with each chunk of rows (the header is in every chunk).
using csv_chunk_handler = std::function<void(const string_table&)>;
/// Called after each block read with (bytes done, bytes in all); returning false cancels the read.
using csv_progress = std::function<bool(std::size_t, std::size_t)>;

/// Reads CSV text (UTF-8 with or without a byte-order mark; separated by commas, or by semicolons
/// when the header line has more of them) from memory, all rows in one table.
[[nodiscard]] string_table read_csv(std::string_view text, const std::string& source);

/// Reads a CSV file block by block and hands on chunks of at most `chunk_rows` rows. Throws
/// parse_error at the line of malformed input, and treem::error("... cancelled") when `progress`
/// returns false.
void read_csv_file(const std::string& path, std::size_t chunk_rows, const csv_chunk_handler& on_chunk, const csv_progress& progress = {});

}  // namespace treem::io
