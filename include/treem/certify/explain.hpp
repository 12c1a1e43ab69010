// What a person reads about a decision, rendered from its codes and numbers when asked for, in
// one language at a time. Certifying thousands of communes writes no prose; printing one does.
// Reasons cite the rule's legal source as the rule set records it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "treem/certify/decision.hpp"
#include "treem/certify/score.hpp"
#include "treem/core/language.hpp"

namespace treem::certify {

[[nodiscard]] inline std::string_view outcome_label(outcome o, language lang) {
  static constexpr std::string_view vi[] = {"công nhận", "không công nhận", "chưa kết luận"};
  static constexpr std::string_view en[] = {"recognized", "not recognized", "inconclusive"};
  return (lang == language::vi ? vi : en)[static_cast<int>(o)];
}

[[nodiscard]] inline std::string_view category_label(unit_category c, language lang) {
  static constexpr std::string_view vi[] = {"phường thuộc thành phố trực thuộc trung ương",
                                            "xã, thị trấn miền núi, hải đảo hoặc xã đặc biệt khó khăn", "xã, phường, thị trấn còn lại"};
  static constexpr std::string_view en[] = {"ward of a centrally-run city", "mountainous, island or extremely disadvantaged commune or town",
                                            "other commune, ward or town"};
  return (lang == language::vi ? vi : en)[static_cast<int>(c)];
}

/// How the unit's category was found.
[[nodiscard]] inline std::string category_reason(const decision& d, language lang) {
  const bool vi = lang == language::vi;
  const std::string unsure = d.basis_evidence == evidence::confirmed ? "" : vi ? " (chưa xác nhận)" : " (" + std::string(to_string(d.basis_evidence)) + ")";
  switch (d.basis) {
    case category_basis::override_given: return (vi ? "theo bảng tự đánh giá: " : "override: ") + d.basis_detail;
    case category_basis::ward_of_city: return vi ? "phường thuộc " + d.basis_detail + ", thành phố trực thuộc trung ương" : "phường of " + d.basis_detail + ", a centrally-run city";
    case category_basis::ward_elsewhere: return vi ? "phường không thuộc thành phố trực thuộc trung ương" : "phường outside a centrally-run city";
    case category_basis::not_a_commune_kind: return d.basis_detail + (vi ? " không phải xã, thị trấn hay phường" : " is neither a xã, a thị trấn nor a phường");
    case category_basis::mountainous: return (vi ? "miền núi" : "mountainous") + unsure;
    case category_basis::island: return (vi ? "hải đảo" : "island") + unsure;
    case category_basis::extremely_disadvantaged: return (vi ? "đặc biệt khó khăn" : "extremely disadvantaged") + unsure;
    case category_basis::flags_unknown:
      return vi ? "chưa rõ đơn vị có thuộc miền núi, hải đảo hoặc đặc biệt khó khăn không"
                : "whether the unit is mountainous, island or extremely disadvantaged is not known";
    case category_basis::none_of_the_flags: return vi ? "không thuộc miền núi, hải đảo hoặc đặc biệt khó khăn" : "not mountainous, island or extremely disadvantaged";
  }
  return "";
}

[[nodiscard]] inline std::string criterion_name(const decision& d, const criterion_result& c, language lang) {
  const criterion& rule = d.rule_of(c);
  const std::string& name = lang == language::vi ? rule.name_vi : rule.name_en;
  return name.empty() ? (lang == language::vi ? "Tiêu chí " : "Criterion ") + std::to_string(c.id) : name;
}

/// Why treem could not score a criterion from the facts (empty when it did).
[[nodiscard]] inline std::string why_not_computed(const decision& d, const criterion_result& c, language lang) {
  const bool vi = lang == language::vi;
  const criterion& rule = d.rule_of(c);
  const scored_item* item = c.item >= 0 ? &rule.items[static_cast<std::size_t>(c.item)] : nullptr;
  switch (c.why) {
    case not_scored::nothing: return "";
    case not_scored::table_not_confirmed: return vi ? "thang điểm của tiêu chí chưa được xác nhận" : "its scoring table is not confirmed";
    case not_scored::fact_not_given: return vi ? "thiếu số liệu của mục " + item->id : "the fact " + treem::quoted(item->fact) + " is not given";
    case not_scored::item_points_not_confirmed:
      return vi ? "điểm của mục " + item->id + " chưa được xác nhận" : "the points of item " + item->id + " are not confirmed";
    case not_scored::below_lowest_band: {
      const std::string lowest = detail::num(item->bands.back().min_percent);
      return vi ? "mục " + item->id + ": " + detail::num(c.fact_value) + "% thấp hơn mức thấp nhất đã xác nhận (" + lowest + "%)"
                : item->fact + " = " + detail::num(c.fact_value) + "% is below the lowest confirmed band (" + lowest + "%)";
    }
  }
  return "";
}

[[nodiscard]] inline std::string gate_text(const decision& d, std::size_t i, language lang) {
  const gate& g = d.gate_rule(i);
  const std::string& text = lang == language::vi ? g.text_vi : g.text_en;
  return text.empty() ? g.id : text;
}

[[nodiscard]] inline std::string disqualifier_text(const decision& d, const applied_disqualifier& q, language lang) {
  const disqualifier& rule = d.rule_of(q);
  const std::string& text = lang == language::vi ? rule.text_vi : rule.text_en;
  return text.empty() ? rule.id : text;
}

/// One audit finding as a sentence.
[[nodiscard]] inline std::string audit_detail(const decision& d, const audit_finding& f, language lang) {
  const bool vi = lang == language::vi;
  using detail::num;
  switch (f.kind) {
    case audit_kind::claim_differs_from_facts: {
      const std::string c = std::to_string(f.criterion);
      return vi ? "Tiêu chí " + c + ": tự chấm " + num(*f.claimed) + " điểm, theo số liệu được " + num(f.found) + " điểm"
                : "criterion " + c + ": claimed " + num(*f.claimed) + " points, the facts give " + num(f.found);
    }
    case audit_kind::fact_differs_from_register: {
      const std::string counts = " (" + std::to_string(f.numerator) + "/" + std::to_string(f.denominator) + ")";
      if (!vi) return f.fact + ": the assessment says " + num(*f.claimed) + "%, the " + std::string(label_en(f.origin)) + " gives " + num(f.found) + "%" + counts;
      const fact_definition* def = d.rules->rules.find_fact(f.fact);
      const std::string name = def && !def->name_vi.empty() ? def->name_vi : f.fact;
      return name + ": bảng tự đánh giá khai " + num(*f.claimed) + "%, " + std::string(label_vi(f.origin)) + " cho " + num(f.found) + "%" + counts;
    }
    case audit_kind::incidents_not_reported: {
      const std::string n = std::to_string(f.numerator);
      if (vi) {
        return "Sổ theo dõi có " + n + " vụ " + (f.abuse ? "xâm hại" : "tai nạn, thương tích") + " trong kỳ; bản tự đánh giá " +
               (f.claimed ? "chỉ nêu " + num(*f.claimed) : std::string("không nêu"));
      }
      return "the incident register has " + n + " " + (f.abuse ? "abuse" : "accident or injury") + " incident(s) in the period; the assessment " +
             (f.claimed ? "reports " + num(*f.claimed) : std::string("does not state how many it counted"));
    }
  }
  return "";
}

namespace detail {

inline std::string incidents_cited(const applied_disqualifier& q, language lang) {
  std::string out;
  for (const auto& i : q.incidents) {
    out += out.empty() ? "" : ", ";
    if (lang == language::vi) out += std::string(label_vi(i.kind)) + (i.fatal ? " (tử vong)" : "") + " ngày " + format_vn(i.day);
    else out += std::string(to_string(i.kind)) + (i.fatal ? " (fatal)" : "") + " on " + format_vn(i.day);
  }
  return out;
}

inline void total_reason(const decision& d, language lang, std::vector<std::string>& out) {
  if (!d.total || !d.lowest_pass_mark) return;
  const bool vi = lang == language::vi;
  const double total = *d.total, lo = *d.lowest_pass_mark, hi = *d.highest_pass_mark;
  const std::string t = num(total), mark = lo == hi ? num(hi) : num(lo) + (vi ? " hoặc " : " or ") + num(hi);
  const std::string category = d.category ? std::string(category_label(*d.category, lang)) : vi ? "chưa xác định được loại đơn vị" : "category unknown";
  const std::string why = category + ": " + category_reason(d, lang);
  if (total >= hi) {
    out.push_back(vi ? "Tổng " + t + " điểm, đạt mức " + mark + " điểm (" + why + ")." : "Total " + t + " points reaches the pass mark " + mark + " (" + why + ").");
  } else if (total < lo) {
    const std::string short_by = num(hi - total);
    out.push_back(vi ? "Tổng " + t + " điểm, dưới mức " + mark + " điểm (" + why + "), thiếu " + short_by + " điểm."
                     : "Total " + t + " points is below the pass mark " + mark + " (" + why + "), " + short_by + " short.");
  } else {
    out.push_back(vi ? "Tổng " + t + " điểm: đạt " + num(lo) + " nhưng chưa đạt " + num(hi) + " điểm, và chưa xác định được loại đơn vị (" + category_reason(d, lang) + ")."
                     : "Total " + t + " points: passes " + num(lo) + " but not " + num(hi) + ", and the unit's category is not known (" +
                           category_reason(d, lang) + ").");
  }
}

inline void gate_reasons(const decision& d, language lang, std::vector<std::string>& out) {
  const bool vi = lang == language::vi;
  for (std::size_t i = 0; i < d.gates.size(); ++i) {
    const gate& g = d.gate_rule(i);
    const std::string text = gate_text(d, i, lang);
    const bool own_condition = g.kind == gate_kind::criterion_at_least || g.kind == gate_kind::fact_true;
    if (d.gates[i] == check_state::failed && own_condition) {
      out.push_back((vi ? "Không đạt điều kiện: " : "Condition not met: ") + text + " (" + g.source + ").");
    }
    if (d.gates[i] != check_state::unknown) continue;
    // Every gate left open says why, so that an inconclusive result always explains itself.
    if (g.kind == gate_kind::criterion_at_least) {
      out.push_back(vi ? "Chưa xác định được điều kiện: " + text + " (tiêu chí chưa có điểm)." : "Cannot check: " + text + " (the criterion has no points).");
    } else if (g.kind == gate_kind::fact_true) {
      out.push_back(vi ? "Chưa xác định được điều kiện: " + text + " (thiếu số liệu)." : "Cannot check: " + text + " (the fact is not given).");
    } else if (g.kind == gate_kind::total_at_least_pass_mark && d.total && !d.lowest_pass_mark) {
      out.push_back(vi ? "Bộ quy định không có mức điểm đạt cho loại đơn vị này (" + category_reason(d, lang) + ")."
                       : "The rule sets give no pass mark for this kind of unit (" + category_reason(d, lang) + ").");
    }
  }
}

}  // namespace detail

/// The reasons for a decision, most decisive first: disqualifying incidents, criteria at 0 or not
/// assessed, the total against the pass mark, conditions failed or left open.
[[nodiscard]] inline std::vector<std::string> reasons(const decision& d, language lang) {
  const bool vi = lang == language::vi;
  std::vector<std::string> out;
  if (d.result == outcome::recognized) {
    out.push_back(vi ? "Đủ điều kiện công nhận xã, phường, thị trấn phù hợp với trẻ em." : "Meets every condition for recognition as child-friendly.");
  }
  for (const auto& q : d.disqualifications) {
    const disqualifier& rule = d.rule_of(q);
    out.push_back((vi ? "Không công nhận theo quy định " : "Disqualified by rule ") + rule.id + " (" + rule.source + "): " + detail::incidents_cited(q, lang) + ".");
  }
  for (const int c : d.gap.criteria_at_zero) {
    out.push_back(vi ? "Tiêu chí " + std::to_string(c) + " bị 0 điểm." : "Criterion " + std::to_string(c) + " scored 0 points.");
  }
  for (const auto& c : d.criteria) {
    if (c.used) continue;
    const std::string why = why_not_computed(d, c, lang), id = std::to_string(c.id);
    out.push_back(vi ? "Tiêu chí " + id + " chưa có điểm: bảng tự đánh giá không chấm và không tính được từ số liệu (" + why + ")."
                     : "Criterion " + id + " has no points: none were given, and treem cannot score it (" + why + ").");
  }
  detail::total_reason(d, lang, out);
  detail::gate_reasons(d, lang, out);
  return out;
}

}  // namespace treem::certify
