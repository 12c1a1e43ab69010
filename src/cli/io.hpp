// File input and output for the commands: whole-file reads with clear errors, and writes that
// never leave a partial file behind (io/write_file.hpp).
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "treem/core/error.hpp"
#include "treem/io/csv_writer.hpp"
#include "treem/io/read_file.hpp"
#include "treem/io/write_file.hpp"

namespace treem::cli {

using io::read_file;

using io::write_file_atomically;

/// Text cells of CSV output: quoted as RFC 4180 asks and neutralised against formula injection.
using io::csv_text;

}  // namespace treem::cli
