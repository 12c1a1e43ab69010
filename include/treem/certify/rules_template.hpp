// A rule-set template for provinces: the national standard (Decision 06/QĐ-TTg) written out as a
// treem.rules/1 file in which every value a source confirms stands with its status and source,
// and every value that is not known (a criterion's maximum, an item's points, the bands of a rate)
// is an empty, commented slot. A province that holds the official scoring table (Art. 2(2) of the
// Regulation attached to Decision 06/QĐ-TTg) fills the slots in and certifies with the file.
//
// Unedited, the template loads as the national rule set itself: the same criteria, items, bands,
// gates, pass marks, cycle and facts, with one difference, its id (by default the national id with
// "-province" after it; the gates' and pass marks' `rule_set` follow the id). The id differs so
// that a decision made with a province's table never passes for one made with the bundled rules.
// Its comments cite the legal instrument and its articles, in Vietnamese or English.
#pragma once

#include <sstream>
#include <string>
#include <string_view>

#include "treem/certify/rule_set.hpp"
#include "treem/core/error.hpp"
#include "treem/io/toml_writer.hpp"

namespace treem::certify {

enum class template_language { vietnamese, english };

struct template_options {
  template_language language = template_language::vietnamese;
  /// The id of the written rule set; empty: the national id followed by "-province".
  std::string id;
};

namespace template_detail {

/// The comments of the template in one language. Each slot's comment says what to enter and where
/// it comes from; the values themselves are the same in both languages.
struct template_text {
  bool english = false;  ///< criteria are named in English where the rule set has the name
  std::string_view header;
  std::string_view cycle;
  std::string_view facts;
  std::string_view criteria;
  std::string_view criterion;          ///< followed by the criterion's number and name
  std::string_view max_points_slot;    ///< before `# max_points = { value = , ... }`
  std::string_view items_complete_slot;
  std::string_view points_slot;        ///< before `# points = `
  std::string_view lower_bands_slot;   ///< inside a band table, before the empty band
  std::string_view bands_slot;         ///< before a whole commented band table
  std::string_view gates;
  std::string_view pass_marks;
  std::string_view disqualifiers;
};

inline constexpr template_text vietnamese_text{
    false,
    "# Mẫu bộ quy tắc công nhận xã, phường, thị trấn phù hợp với trẻ em, để tỉnh điền bảng điểm (treem.rules/1).\n"
    "#\n"
    "# Căn cứ: Quyết định 06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ và Quy định kèm theo Quyết định:\n"
    "# các tiêu chí tại Điều 2 khoản 1, cách tính và thang điểm tại Điều 2 khoản 2, điều kiện công nhận tại Điều 3.\n"
    "#\n"
    "# Các giá trị đã được xác nhận được ghi sẵn, mỗi giá trị kèm trạng thái (status) và nguồn (source). Các giá\n"
    "# trị chưa được xác nhận (điểm tối đa của tiêu chí, điểm của nội dung chấm, các mức điểm theo tỷ lệ) để trống\n"
    "# trên các dòng bắt đầu bằng \"# \". Cách điền, theo bảng điểm chính thức tại Điều 2 khoản 2 của Quy định:\n"
    "#   1. bỏ dấu \"# \" ở đầu dòng;\n"
    "#   2. ghi số điểm (hoặc tỷ lệ phần trăm) vào chỗ trống sau dấu \"=\";\n"
    "#   3. ghi status = \"confirmed\" và ghi vào source văn bản, điều, khoản đã dùng.\n"
    "# Dòng nào chưa điền thì giữ nguyên dấu \"# \": giá trị đó vẫn là chưa biết và không bị đoán. Tệp điền dở\n"
    "# (ví dụ một mức có tỷ lệ mà không có điểm, hai mức cùng một tỷ lệ, một mức nhiều điểm hơn điểm tối đa của\n"
    "# tiêu chí) bị từ chối, kèm dòng, cột và tên trường sai.\n"
    "#\n"
    "# id là mã của bộ quy tắc này. Mã khác với mã của bộ quy tắc quốc gia để mỗi kết quả công nhận ghi rõ đã\n"
    "# dùng bảng điểm của tỉnh; hãy đổi thành mã của tỉnh (ví dụ \"vn-06-qd-ttg-2019-quang-ngai\") và ghi version\n"
    "# theo văn bản của tỉnh. Quy định riêng của địa phương áp dụng thêm lên bộ quy tắc này ghi extends = mã đó.\n"
    "# Sử dụng: treem certify --rules <tệp này> --assessments <bản tự đánh giá> --incidents <sổ vụ việc> --period <năm>\n",
    "# Thời gian đánh giá.\n",
    "# Số liệu của xã dùng để chấm các nội dung dưới đây (kind: boolean là có/không, percent là tỷ lệ %).\n"
    "# Một nội dung chấm mới cần khai báo số liệu của nó ở đây.\n",
    "# Các tiêu chí: Quy định kèm theo Quyết định 06/QĐ-TTg, Điều 2 khoản 1. Điểm: Điều 2 khoản 2.\n"
    "# Tiêu chí chưa có nội dung chấm từ số liệu ([[criterion.item]]) lấy điểm theo bản tự đánh giá của xã (không\n"
    "# quá điểm tối đa, khi đã ghi). Muốn chấm một tiêu chí từ số liệu, khai báo số liệu ([[fact]]) và nội dung\n"
    "# ([[criterion.item]]) như ở các tiêu chí đã có nội dung chấm.\n",
    "# Tiêu chí ",
    "# Điểm tối đa của tiêu chí: chưa được xác nhận. Ghi điểm tối đa theo bảng điểm tại Điều 2 khoản 2 của\n"
    "# Quy định kèm theo Quyết định 06/QĐ-TTg, và ghi vào source văn bản, điều, khoản đã dùng:\n",
    "# Khi các nội dung chấm dưới đây là tất cả các phần của tiêu chí, ghi:\n",
    "# Điểm của nội dung này: chưa được xác nhận. Ghi số điểm theo bảng điểm tại Điều 2 khoản 2, rồi sửa status\n"
    "# và source của nội dung này cho đúng văn bản đã dùng:\n",
    "# Các mức thấp hơn: chưa được xác nhận. Mỗi mức một dòng theo bảng điểm tại Điều 2 khoản 2, từ tỷ lệ cao\n"
    "  # xuống thấp; tỷ lệ dưới mức thấp nhất thì không chấm được:\n",
    "# Các mức điểm theo tỷ lệ: chưa được xác nhận. Mỗi mức một dòng theo bảng điểm tại Điều 2 khoản 2, từ tỷ\n"
    "# lệ cao xuống thấp; tỷ lệ dưới mức thấp nhất thì không chấm được:\n",
    "# Điều kiện công nhận: Quy định kèm theo Quyết định 06/QĐ-TTg, Điều 3.\n",
    "# Mức điểm đạt chuẩn theo loại đơn vị: Quy định kèm theo Quyết định 06/QĐ-TTg, Điều 3.\n",
    "# Quy định riêng không công nhận đơn vị có vụ việc.\n",
};

inline constexpr template_text english_text{
    true,
    "# A rule-set template for child-friendly communes, wards and towns, for a province to fill in its scoring table\n"
    "# (treem.rules/1).\n"
    "#\n"
    "# Legal basis: Decision 06/QĐ-TTg of 03/01/2019 of the Prime Minister and the Regulation attached to it: the\n"
    "# criteria in Art. 2(1), the scoring method and points in Art. 2(2), the recognition conditions in Art. 3.\n"
    "#\n"
    "# Confirmed values are written out, each with its status and source. Values that are not confirmed (a\n"
    "# criterion's maximum, an item's points, the bands of a rate) are empty slots on lines that start with \"# \".\n"
    "# To fill one in from the official scoring table in Art. 2(2) of the Regulation:\n"
    "#   1. remove the \"# \" at the start of the line;\n"
    "#   2. write the points (or the percentage) in the blank after \"=\";\n"
    "#   3. write status = \"confirmed\" and, in source, the instrument, article and clause you used.\n"
    "# Leave a slot you do not fill commented out: its value stays unknown and is never guessed. A file filled in\n"
    "# halfway (a band with a rate and no points, two bands at one rate, a band worth more than the criterion's\n"
    "# maximum) is refused, with the line, column and field at fault.\n"
    "#\n"
    "# id names this rule set. It differs from the id of the national rule set so that every recognition made\n"
    "# with it says that the province's table was used; change it to your province's (e.g.\n"
    "# \"vn-06-qd-ttg-2019-quang-ngai\") and set version after your province's document. A local rule applied on\n"
    "# top of this rule set gives extends = that id.\n"
    "# Use: treem certify --rules <this file> --assessments <self-assessments> --incidents <register> --period <year>\n",
    "# When assessments take place.\n",
    "# Facts of a commune that the items below are scored from (kind: boolean is yes/no, percent is a rate in %).\n"
    "# A new item declares its fact here.\n",
    "# The criteria: Regulation attached to Decision 06/QĐ-TTg, Art. 2(1). Points: Art. 2(2).\n"
    "# A criterion with no item scored from facts ([[criterion.item]]) takes the points of the commune's\n"
    "# self-assessment (no more than its maximum, once that is written). To score a criterion from facts, declare\n"
    "# a [[fact]] and a [[criterion.item]] as the criteria that have items do.\n",
    "# Criterion ",
    "# The criterion's maximum points: not confirmed. Enter the maximum from the scoring table in Art. 2(2) of\n"
    "# the Regulation attached to Decision 06/QĐ-TTg, and in source the instrument, article and clause you used:\n",
    "# When the items below are all the parts of the criterion, write:\n",
    "# This item's points: not confirmed. Enter them from the scoring table in Art. 2(2), then set this item's\n"
    "# status and source to the instrument you used:\n",
    "# Lower bands: not confirmed. One line per band of the scoring table in Art. 2(2), from the highest rate\n"
    "  # down; a rate below the lowest band cannot be scored:\n",
    "# The bands of the rate: not confirmed. One line per band of the scoring table in Art. 2(2), from the\n"
    "# highest rate down; a rate below the lowest band cannot be scored:\n",
    "# Recognition conditions: Regulation attached to Decision 06/QĐ-TTg, Art. 3.\n",
    "# Pass marks by kind of unit: Regulation attached to Decision 06/QĐ-TTg, Art. 3.\n",
    "# Local rules that refuse recognition to a unit with an incident.\n",
};

using io::toml_number;
using io::toml_string;

/// `status = "...", source = "..."` of an inline table, or the two lines of a table.
inline std::string evidence_inline(treem::evidence e, const std::string& source) {
  return "status = " + toml_string(to_string(e)) + ", source = " + toml_string(source);
}
inline void write_evidence_lines(std::ostream& out, treem::evidence e, const std::string& source) {
  out << "status = " << toml_string(to_string(e)) << "\nsource = " << toml_string(source) << "\n";
}

inline std::string band_line(const band& b) {
  return "{ min_percent = " + toml_number(b.min_percent) + ", points = " + toml_number(b.points) + ", " + evidence_inline(b.evidence, b.source) + " }";
}

inline constexpr std::string_view empty_band = "{ min_percent = , points = , status = \"confirmed\", source = \"\" }";

/// A band table: the known bands as values, then an empty band to copy for each lower band.
inline void write_bands(std::ostream& out, const scored_item& it, const template_text& t) {
  if (it.bands.empty()) {
    out << t.bands_slot << "# bands = [\n#   " << empty_band << ",\n# ]\n";
    return;
  }
  out << "bands = [\n";
  for (const auto& b : it.bands) out << "  " << band_line(b) << ",\n";
  // A band table that reaches 0% scores every rate: nothing is left to fill in.
  if (it.bands.back().min_percent > 0) out << "  " << t.lower_bands_slot << "  # " << empty_band << ",\n";
  out << "]\n";
}

inline void write_item(std::ostream& out, const scored_item& it, const template_text& t) {
  out << "\n[[criterion.item]]\nid = " << toml_string(it.id) << "\nname_vi = " << toml_string(it.name_vi) << "\nfact = " << toml_string(it.fact)
      << "\n";
  if (it.kind == fact_kind::boolean) {
    if (it.points) out << "points = " << toml_number(*it.points) << "\n";
    else out << t.points_slot << "# points =\n";
  } else {
    write_bands(out, it, t);
  }
  write_evidence_lines(out, it.evidence, it.source);
}

inline void write_criterion(std::ostream& out, const criterion& c, const template_text& t) {
  out << "\n" << t.criterion << c.id << ": " << (t.english && !c.name_en.empty() ? c.name_en : c.name_vi) << "\n[[criterion]]\nid = " << c.id << "\nname_vi = " << toml_string(c.name_vi) << "\n";
  if (!c.name_en.empty()) out << "name_en = " << toml_string(c.name_en) << "\n";
  if (c.max_points.value) {
    out << "max_points = { value = " << toml_number(*c.max_points.value) << ", " << evidence_inline(c.max_points.evidence, c.max_points.source) << " }\n";
  } else {
    out << t.max_points_slot << "# max_points = { value = , status = \"confirmed\", source = \"\" }\n";
  }
  // items_complete is a key of the criterion: it must come before the first [[criterion.item]].
  if (c.items_complete) out << "items_complete = true\n";
  else if (!c.items.empty()) out << t.items_complete_slot << "# items_complete = true\n";
  out << "source = " << toml_string(c.source) << "\n";
  for (const auto& it : c.items) write_item(out, it, t);
}

inline void write_cycle(std::ostream& out, const assessment_cycle& cy, const template_text& t) {
  out << "\n" << t.cycle << "[cycle]\nplan_start = " << cy.plan_start << "\nplan_length = " << cy.plan_length << "\nplan_years = [";
  for (std::size_t i = 0; i < cy.plan_years.size(); ++i) out << (i ? ", " : "") << cy.plan_years[i];
  out << "]\nmonth = " << cy.month << "\n";
  write_evidence_lines(out, cy.evidence, cy.source);
}

inline void write_facts(std::ostream& out, const rule_set& rs, const template_text& t) {
  out << "\n" << t.facts;
  for (const auto& f : rs.facts) {
    out << "\n[[fact]]\nid = " << toml_string(f.id) << "\nkind = " << toml_string(f.kind == fact_kind::boolean ? "boolean" : "percent") << "\n";
    if (!f.name_vi.empty()) out << "name_vi = " << toml_string(f.name_vi) << "\n";
  }
}

/// Gates, pass marks and local disqualifiers: all confirmed or not, they are values, never slots.
inline void write_conditions(std::ostream& out, const rule_set& rs, const template_text& t) {
  if (!rs.gates.empty()) out << "\n" << t.gates;
  for (const auto& g : rs.gates) {
    out << "\n[[gate]]\nid = " << toml_string(g.id) << "\nkind = " << toml_string(to_string(g.kind)) << "\n";
    if (g.kind == gate_kind::criterion_at_least) out << "criterion = " << g.criterion << "\nmin_points = " << toml_number(g.min_points) << "\n";
    if (g.kind == gate_kind::fact_true) out << "fact = " << toml_string(g.fact) << "\n";
    out << "text_vi = " << toml_string(g.text_vi) << "\ntext_en = " << toml_string(g.text_en) << "\n";
    write_evidence_lines(out, g.evidence, g.source);
  }
  if (!rs.pass_marks.empty()) out << "\n" << t.pass_marks;
  for (const auto& p : rs.pass_marks) {
    out << "\n[[pass_mark]]\ncategory = " << toml_string(to_string(p.category)) << "\nmin_total = " << toml_number(p.min_total) << "\n";
    write_evidence_lines(out, p.evidence, p.source);
  }
  if (!rs.disqualifiers.empty()) out << "\n" << t.disqualifiers;
  for (const auto& d : rs.disqualifiers) {
    out << "\n[[disqualifier]]\nid = " << toml_string(d.id) << "\nkinds = [";
    for (std::size_t i = 0; i < d.kinds.size(); ++i) out << (i ? ", " : "") << toml_string(to_string(d.kinds[i]));
    out << "]\nfatal_only = " << (d.fatal_only ? "true" : "false") << "\ntext_vi = " << toml_string(d.text_vi) << "\ntext_en = " << toml_string(d.text_en)
        << "\n";
    write_evidence_lines(out, d.evidence, d.source);
  }
}

}  // namespace template_detail

/// The template of `national` (a base rule set, e.g. data::national_cfc_rules()) as treem.rules/1
/// text, with comments in the language of `options`. Throws validation_error for an overlay: a
/// template is of a standard, and local rules stay in their own overlay files.
[[nodiscard]] inline std::string rules_template(const rule_set& national, const template_options& options = {}) {
  using namespace template_detail;
  if (national.extends) {
    throw validation_error({national.source_name}, "extends", "rule set " + treem::quoted(national.id) + " is an overlay: a template is written from a standard");
  }
  const template_text& t = options.language == template_language::english ? english_text : vietnamese_text;
  std::ostringstream out;
  out << t.header << "\nschema = \"treem.rules/1\"\nid = " << toml_string(options.id.empty() ? national.id + "-province" : options.id)
      << "\nversion = " << toml_string(national.version) << "\ntitle = " << toml_string(national.title)
      << "\ninstrument = " << toml_string(national.instrument) << "\n";
  if (national.cycle) write_cycle(out, *national.cycle, t);
  write_facts(out, national, t);
  out << "\n" << t.criteria;
  for (const auto& c : national.criteria) write_criterion(out, c, t);
  write_conditions(out, national, t);
  return out.str();
}

}  // namespace treem::certify
