// CSV parsing is left to fast-cpp-csv-parser (Debian libfccp-dev): quoting, trimming and header
// matching are its job; this file maps its rows and errors onto treem's.
#define CSV_IO_NO_THREAD
#include <libfccp/csv.h>

#include "cli/submissions_csv.hpp"
#include "treem/core/unicode.hpp"

namespace treem::cli {

std::vector<plan::submission> read_submissions_csv(const std::string& text, const std::string& file_name) {
  std::string body = text;
  if (body.rfind("\xEF\xBB\xBF", 0) == 0) body.erase(0, 3);  // a UTF-8 byte-order mark from spreadsheet exports
  if (const auto bad = unicode::first_invalid_utf8(body); bad != std::string::npos) {
    const auto line = 1 + static_cast<std::size_t>(std::count(body.begin(), body.begin() + static_cast<long>(bad), '\n'));
    throw parse_error({file_name, line, 0}, "the file is not valid UTF-8");
  }
  std::vector<plan::submission> out;
  try {
    io::CSVReader<3, io::trim_chars<' ', '\t'>, io::double_quote_escape<',', '"'>> in(file_name, body.data(), body.data() + body.size());
    in.read_header(io::ignore_extra_column, "submitter", "report", "date");
    std::string submitter, report, date_text;
    while (in.read_row(submitter, report, date_text)) {
      const source_location where{file_name, in.get_file_line(), 0};
      if (submitter.empty()) throw validation_error(where, "submitter", "is empty");
      if (report.empty()) throw validation_error(where, "report", "is empty");
      date submitted;
      try {
        submitted = parse_date(date_text, where);
      } catch (const parse_error& e) {
        throw validation_error(where, "date", e.message());
      }
      out.push_back({unicode::nfc(submitter), unicode::nfc(report), submitted, where});
    }
  } catch (const io::error::base& e) {
    std::size_t line = 0;
    if (const auto* l = dynamic_cast<const io::error::with_file_line*>(&e); l && l->file_line > 0) {
      line = static_cast<std::size_t>(l->file_line);
    }
    throw parse_error({file_name, line, 0}, std::string("CSV: ") + e.what());
  }
  return out;
}

}  // namespace treem::cli
