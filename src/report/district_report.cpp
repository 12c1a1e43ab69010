// The district report's sheets, laid out from the engines' results: one function per sheet.
#include "report/district_report.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <map>
#include <string>

#include "report/report_data.hpp"
#include "treem/certify/explain.hpp"
#include "treem/indicators/kind_categories.hpp"
#include "treem/version.hpp"

namespace treem::report {

namespace {

/// A phrase in both languages; the report prints one.
struct words {
  const char* vi;
  const char* en;
};

std::string say(language l, words w) { return l == language::vi ? w.vi : w.en; }

std::vector<std::string> say_all(language l, std::initializer_list<words> list) {
  std::vector<std::string> out;
  for (const auto& w : list) out.push_back(say(l, w));
  return out;
}

cell text(std::string s) { return cell::of_text(std::move(s)); }

std::string level_label(std::uint8_t level, language l) {
  return say(l, level == 0 ? words{"cấp xã", "commune"} : level == 1 ? words{"cấp huyện", "district"} : words{"cấp tỉnh", "province"});
}

/// 31263 as "31.263" in Vietnamese and "31,263" in English.
std::string thousands(std::size_t n, language l) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += l == language::vi ? '.' : ',';
    out += digits[i];
  }
  return out;
}

cell day(const date& d) { return cell::of(cell_kind::date, static_cast<double>(to_epoch_days(d))); }

std::string unit_of_value(const std::string& unit, language l) {
  if (l == language::en) return unit;
  static const std::map<std::string, std::string> vi{{"%", "%"},
                                                     {"per 100,000 children", "trên 100.000 trẻ em"},
                                                     {"per 1,000 children", "trên 1.000 trẻ em"},
                                                     {"children", "trẻ em"},
                                                     {"cases", "vụ"}};
  const auto it = vi.find(unit);
  return it == vi.end() ? unit : it->second;
}

/// A value of an indicator as a cell: a share as a fraction shown in percent, a count as a whole
/// number, a rate as a decimal; withheld cells show "x", undefined ones stay empty.
cell value_cell(double v, double factor, bool withheld) {
  if (withheld) return cell::of(cell_kind::withheld, 0);
  if (std::isnan(v)) return {};
  if (factor == 100) return cell::of(cell_kind::percent, v / 100);
  return cell::of(factor == 1 ? cell_kind::count : cell_kind::decimal, v);
}

bool is_total(const indicators::indicator_table& t, std::size_t row) {
  for (const auto& c : t.category) {
    if (c[row] >= 0) return false;
  }
  return true;
}

/// Per (unit, indicator), the progress row of the first target year not before the period's.
std::map<std::pair<std::string, std::string>, std::size_t> nearest_targets(const report_data& d) {
  std::map<std::pair<std::string, std::string>, std::size_t> out;
  for (std::size_t i = 0; i < d.progress.size(); ++i) {
    if (d.progress.year[i] < d.period.start().year()) continue;
    const auto key = std::pair{d.progress.unit_code[i], d.progress.indicator[i]};
    const auto it = out.find(key);
    if (it == out.end() || d.progress.year[i] < d.progress.year[it->second]) out[key] = i;
  }
  return out;
}

sheet cover_sheet(const report_data& d, const report_request& r) {
  const language l = r.lang;
  sheet s;
  s.name = say(l, {"Bìa", "Cover"});
  s.title_lines = {say(l, {"Báo cáo công tác trẻ em", "Report on child work"}) + " — " + d.unit_name};
  s.header = say_all(l, {{"Mục", "Item"}, {"Nội dung", "Content"}});
  s.widths = {30, 90};
  s.wrapped = {1};
  s.landscape = false;
  auto add = [&](words label, cell value) { s.rows.push_back({text(say(l, label)), std::move(value)}); };
  add({"Đơn vị", "Unit"}, text(d.unit_code + " " + d.unit_name));
  add({"Kỳ báo cáo", "Period"}, text(d.period.iso() + " (" + format_vn(d.period.start()) + " – " + format_vn(d.period.end()) + ")"));
  const auto& doc = d.plan.document;
  add({"Kế hoạch", "Plan"}, text(doc.title + (doc.subtitle.empty() ? "" : " " + doc.subtitle) + " (" + d.plan.id + ", " + d.plan.version + ")"));
  for (const auto& src : d.sources) {
    std::string line = src.file + ": " + thousands(src.rows, l) + " " + (l == language::vi ? src.what_vi : src.what_en);
    if (src.left_out) line += " (" + thousands(src.left_out, l) + say(l, {" dòng ngoài kỳ không tính)", " rows outside the period left out)"});
    add({"Nguồn số liệu", "Source"}, text(line));
  }
  add({"Danh mục chỉ tiêu", "Indicator catalogue"}, text(d.catalogue.id + " " + d.catalogue.version));
  add({"Mục tiêu quốc gia", "National targets"}, text(d.targets_id + " " + d.targets_version));
  if (d.decisions) {
    std::string layers;
    for (const auto& [id, version] : d.decisions->rules->layers) layers += (layers.empty() ? "" : " + ") + id + " " + version;
    add({"Bộ tiêu chí xã phù hợp với trẻ em", "Child-friendly commune rules"}, text(layers));
  }
  add({"Ngày lập", "Made on"}, day(r.made_on));
  add({"Lập bằng", "Made with"}, text(std::string("treem ") + version_string));
  const std::string k = std::to_string(d.table.suppression_threshold);
  s.notes = {say(l, {"x: số liệu được ẩn để bảo vệ trẻ em (số từ 1 đến ", "x: withheld to protect children (counts from 1 to "}) + k +
             say(l, {" và các số có thể suy ra chúng).", " and the numbers that would reveal them)."})};
  return s;
}

sheet indicators_sheet(const report_data& d, language l) {
  sheet s;
  s.name = say(l, {"Chỉ tiêu", "Indicators"});
  s.title_lines = {say(l, {"Chỉ tiêu thống kê trẻ em, kỳ ", "Child statistics, period "}) + d.period.iso()};
  s.header = say_all(l, {{"Cấp", "Level"}, {"Mã", "Code"}, {"Đơn vị", "Unit"}, {"Chỉ tiêu", "Indicator"}, {"Đơn vị tính", "Measured in"},
                         {"Tử số", "Numerator"}, {"Mẫu số", "Denominator"}, {"Giá trị", "Value"}, {"Cận dưới (95%)", "Lower (95%)"},
                         {"Cận trên (95%)", "Upper (95%)"}, {"Năm mục tiêu", "Target year"}, {"Mục tiêu", "Target"}, {"Đạt", "Met"}});
  s.widths = {10, 8, 22, 48, 18, 11, 11, 11, 11, 11, 9, 11, 10};
  const auto targets = nearest_targets(d);
  const auto& t = d.table;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!is_total(t, i)) continue;
    const auto& def = d.catalogue.get(t.indicator_keys[t.indicator[i]]);
    const bool withheld = t.suppressed[i] != 0;
    std::vector<cell> row{text(level_label(t.level[i], l)), text(t.unit_codes[t.unit[i]]),
                          text(t.unit_names[t.unit[i]]), text(l == language::vi ? def.name_vi : def.name_en), text(unit_of_value(def.unit, l)),
                          withheld && std::isnan(t.numerator[i]) ? cell::of(cell_kind::withheld, 0) : cell::of(cell_kind::count, t.numerator[i]),
                          std::isnan(t.denominator[i]) ? cell{} : cell::of(cell_kind::count, t.denominator[i]),
                          value_cell(t.value[i], def.factor, withheld), value_cell(t.lower[i], def.factor, withheld),
                          value_cell(t.upper[i], def.factor, withheld)};
    const auto g = targets.find({t.unit_codes[t.unit[i]], def.key});
    if (g == targets.end()) {
      row.insert(row.end(), {cell{}, cell{}, cell{}});
    } else {
      const std::int8_t meets = d.progress.meets[g->second];
      row.push_back(cell::of(cell_kind::year, d.progress.year[g->second]));
      row.push_back(value_cell(d.progress.target_value[g->second], def.factor, false));
      row.push_back(text(meets < 0 ? say(l, {"chưa rõ", "unknown"}) : meets ? say(l, {"đạt", "yes"}) : say(l, {"chưa đạt", "no"})));
      row.back().emphasis = meets == 0;
    }
    s.rows.push_back(std::move(row));
  }
  s.notes = {say(l, {"Khoảng tin cậy 95%. x: số liệu được ẩn. Ô trống: không xác định (mẫu số bằng 0).",
                     "95% confidence intervals. x: withheld. Empty: undefined (a zero denominator)."})};
  return s;
}

sheet certification_sheet(const certify::decision_set& set, language l) {
  sheet s;
  s.name = say(l, {"Xã phù hợp trẻ em", "Child-friendly"});
  s.title_lines = {say(l, {"Đánh giá xã, phường, thị trấn phù hợp với trẻ em (Quyết định 06/QĐ-TTg), năm ",
                           "Child-friendly commune assessment (Decision 06/QĐ-TTg), year "}) + set.period};
  s.header = say_all(l, {{"Mã", "Code"}, {"Xã", "Commune"}, {"Kết quả", "Outcome"}, {"Tổng điểm", "Total"}, {"Điểm đạt", "Pass mark"}});
  for (const auto& c : set.rules->rules.criteria) s.header.push_back((l == language::vi ? "TC " : "C") + std::to_string(c.id));
  s.header.push_back(say(l, {"Lý do", "Reasons"}));
  s.widths = {8, 22, 16, 9, 9};
  s.widths.resize(5 + set.rules->rules.criteria.size(), 6);
  s.widths.push_back(70);
  s.wrapped = {s.widths.size() - 1};
  for (const auto& dec : set.decisions) {
    std::vector<cell> row{text(dec.unit), text(dec.unit_name), text(std::string(certify::outcome_label(dec.result, l))),
                          dec.total ? cell::of(cell_kind::count, *dec.total) : cell{}, dec.pass_mark ? cell::of(cell_kind::count, *dec.pass_mark) : cell{}};
    row[2].emphasis = dec.result != certify::outcome::recognized;
    for (const auto& c : dec.criteria) row.push_back(c.used ? cell::of(cell_kind::decimal, *c.used) : cell{});
    std::string reasons;
    for (const auto& x : certify::reasons(dec, l)) reasons += (reasons.empty() ? "" : "\n") + x;
    row.push_back(text(reasons));
    s.rows.push_back(std::move(row));
  }
  return s;
}

std::string state_label(plan::submission_state st, language l) {
  switch (st) {
    case plan::submission_state::on_time: return say(l, {"đúng hạn", "on time"});
    case plan::submission_state::late: return say(l, {"trễ hạn", "late"});
    case plan::submission_state::missing: return say(l, {"chưa nhận", "not received"});
    case plan::submission_state::not_yet_due: return say(l, {"chưa đến hạn", "not yet due"});
  }
  return "";
}

sheet submissions_sheet(const report_data& d, language l) {
  sheet s;
  s.name = say(l, {"Tình hình báo cáo", "Report submissions"});
  s.title_lines = {say(l, {"Tình hình gửi báo cáo theo kế hoạch, đến ngày ", "Reports due under the plan, as of "}) + format_vn(d.as_of)};
  s.header = say_all(l, {{"Báo cáo", "Report"}, {"Đơn vị gửi", "From"}, {"Hạn cuối (đúng hạn)", "Last day on time"}, {"Trạng thái", "State"},
                         {"Ngày nhận", "Received"}, {"Số ngày trễ", "Days late"}});
  s.widths = {40, 34, 14, 14, 12, 10};
  std::map<std::string, std::string> names;
  for (const auto& r : d.plan.reports) names[r.id] = r.name;
  for (const auto& st : d.statuses) {
    const bool overdue = st.state == plan::submission_state::late || st.state == plan::submission_state::missing;
    std::vector<cell> row{text(names[st.report]), text(st.submitter_name.empty() ? st.submitter : st.submitter_name), day(st.last_on_time_day),
                          text(state_label(st.state, l)), st.submitted ? day(*st.submitted) : cell{},
                          overdue ? cell::of(cell_kind::count, static_cast<double>(st.days_late)) : cell{}};
    for (auto& c : row) c.emphasis = overdue;
    s.rows.push_back(std::move(row));
  }
  return s;
}

/// A kind category's name in `l`, indented under its parent (the kind tree of kind_categories.hpp).
std::string kind_label(const std::string& code, language l) {
  const auto c = indicators::kind_category_from_string(code);
  if (!c) return code;
  std::string out(static_cast<std::size_t>(2 * indicators::kind_category_depth(*c)), ' ');
  if (l == language::vi) return out + std::string(indicators::kind_categories[*c].name_vi);
  for (char ch : code) out += ch == '_' ? ' ' : ch;
  return out;
}

/// Children in incidents by kind, the numerators of the indicators that break down by kind, as
/// the indicator table publishes (and withholds) them.
sheet incidents_sheet(const report_data& d, language l) {
  sheet s;
  s.name = say(l, {"Vụ việc", "Incidents"});
  s.title_lines = {say(l, {"Trẻ em bị xâm hại, tai nạn, thương tích theo loại, kỳ ", "Children abused or injured, by kind, period "}) + d.period.iso()};
  s.header = say_all(l, {{"Cấp", "Level"}, {"Mã", "Code"}, {"Đơn vị", "Unit"}, {"Nhóm", "Group"}, {"Loại", "Kind"}, {"Số trẻ em", "Children"}});
  s.widths = {10, 8, 22, 30, 34, 11};
  const auto& t = d.table;
  const auto kind = static_cast<std::size_t>(indicators::dimension::kind);
  for (const auto& [key, group] : {std::pair{"abused_children", words{"Trẻ em bị xâm hại", "Children abused"}},
                                   std::pair{"child_injury_rate", words{"Trẻ em bị tai nạn, thương tích", "Children injured"}}}) {
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < t.size(); ++i) {
      bool only_kind = t.indicator_keys[t.indicator[i]] == key;
      for (std::size_t dim = 0; dim < indicators::dimension_count; ++dim) only_kind = only_kind && (dim == kind || t.category[dim][i] < 0);
      if (only_kind) rows.push_back(i);
    }
    // Each unit's total, then its kinds; the district after its communes.
    std::stable_sort(rows.begin(), rows.end(), [&](std::size_t x, std::size_t y) {
      return std::tuple(t.level[x], t.unit[x], t.category[kind][x]) < std::tuple(t.level[y], t.unit[y], t.category[kind][y]);
    });
    for (const std::size_t i : rows) {
      const int k = t.category[kind][i];
      s.rows.push_back({text(level_label(t.level[i], l)), text(t.unit_codes[t.unit[i]]),
                        text(t.unit_names[t.unit[i]]), text(say(l, group)),
                        text(k < 0 ? say(l, {"tổng", "all"}) : kind_label(t.labels[kind][static_cast<std::size_t>(k)], l)),
                        t.suppressed[i] && std::isnan(t.numerator[i]) ? cell::of(cell_kind::withheld, 0) : cell::of(cell_kind::count, t.numerator[i])});
    }
  }
  s.notes = {say(l, {"x: số liệu được ẩn như ở sheet Chỉ tiêu.", "x: withheld, as on the Indicators sheet."})};
  return s;
}

/// The headline indicators by commune with their targets, each with a native chart beside it.
sheet charts_sheet(const report_data& d, language l) {
  sheet s;
  s.name = say(l, {"Biểu đồ", "Charts"});
  s.header = say_all(l, {{"Chỉ tiêu", "Indicator"}, {"Xã", "Commune"}, {"Giá trị", "Value"}, {"Mục tiêu", "Target"}, {"Ghi chú", "Note"}});
  s.widths = {36, 22, 11, 11, 12};
  const auto targets = nearest_targets(d);
  const auto& t = d.table;
  for (const char* key : {"child_injury_rate", "abused_children_rate", "birth_registration_under5"}) {
    const std::size_t first = s.rows.size();
    const auto* def = d.catalogue.find(key);
    if (!def) continue;
    bool has_target = false;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t.indicator_keys[t.indicator[i]] != key || t.level[i] != 0 || !is_total(t, i)) continue;
      const bool shown = !t.suppressed[i] && !std::isnan(t.value[i]);
      const auto g = targets.find({t.unit_codes[t.unit[i]], key});
      const double goal = g == targets.end() ? std::nan("") : d.progress.target_value[g->second];
      has_target = has_target || !std::isnan(goal);
      s.rows.push_back({text(l == language::vi ? def->name_vi : def->name_en), text(t.unit_names[t.unit[i]]),
                        shown ? cell::of(cell_kind::decimal, t.value[i]) : cell{}, std::isnan(goal) ? cell{} : cell::of(cell_kind::decimal, goal),
                        t.suppressed[i] ? text(say(l, {"x: được ẩn", "x: withheld"})) : cell{}});
    }
    if (s.rows.size() == first) continue;
    chart c;
    c.title = (l == language::vi ? def->name_vi : def->name_en);
    c.first_row = first;
    c.last_row = s.rows.size() - 1;
    c.category_column = 1;
    c.value_column = 2;
    if (has_target) c.target_column = 3;
    c.value_axis = unit_of_value(def->unit, l);
    c.anchor_row = 1 + 22 * s.charts.size();
    c.anchor_column = 6;
    s.charts.push_back(c);
  }
  // A chart would draw a text cell as 0: a withheld value is left blank here (a gap in the chart) and
  // said in the note column.
  s.notes = {say(l, {"Giá trị được ẩn để trống và không được vẽ.", "Withheld values are left blank and not drawn."})};
  return s;
}

}  // namespace

workbook build_report(const report_request& request) {
  const report_data d = gather(request);
  const language l = request.lang;
  workbook book;
  book.title = say(l, {"Báo cáo công tác trẻ em ", "Report on child work "}) + d.unit_name + " " + d.period.iso();
  book.author = "treem " + std::string(version_string);
  book.sheets.push_back(cover_sheet(d, request));
  book.sheets.push_back(indicators_sheet(d, l));
  if (d.decisions) book.sheets.push_back(certification_sheet(*d.decisions, l));
  book.sheets.push_back(submissions_sheet(d, l));
  if (!request.incidents.empty()) book.sheets.push_back(incidents_sheet(d, l));
  book.sheets.push_back(charts_sheet(d, l));
  return book;
}

}  // namespace treem::report
