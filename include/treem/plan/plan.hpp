// A child-work plan (kế hoạch công tác trẻ em) as data: the document's facts, its legal bases,
// the agencies it names, its body, and its reports, events, targets, local rules and contacts.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "treem/core/error.hpp"
#include "treem/plan/agency.hpp"
#include "treem/plan/plan_schedule.hpp"
#include "treem/plan/plan_section.hpp"
#include "treem/time/partial_date.hpp"

namespace treem::plan {

struct signer {
  std::string authority;  ///< "KT. CHỦ TỊCH"
  std::string position;   ///< "PHÓ CHỦ TỊCH"
  std::string name;
  friend bool operator==(const signer&, const signer&) = default;
};

struct document_info {
  std::string kind;           ///< "Kế hoạch"
  std::string issuer;
  std::string issuer_agency;  ///< agency id of the issuer
  std::string unit;           ///< administrative unit code the plan covers
  std::string number_text;    ///< as printed: "Số: /KH-UBND"
  std::string number;         ///< the number itself; empty when the document leaves it blank
  std::string symbol;         ///< "KH-UBND"
  std::string place;
  std::string date_text;      ///< as printed: "ngày tháng 4 năm 2024"
  partial_date date{2000};    ///< what date_text says (April 2024, day unknown)
  int year = 0;               ///< the plan year
  std::string title;
  std::string subtitle;
  std::string preamble;
  std::vector<std::string> recipients;  ///< Nơi nhận, as written
  plan::signer signer;
  friend bool operator==(const document_info&, const document_info&) = default;
};

/// A legal instrument the plan rests on or cites.
struct legal_basis {
  std::string id;
  std::string kind;      ///< Kế hoạch, Tờ trình, Chỉ thị, Nghị định, Thông tư, Quyết định
  std::string number;    ///< "76/KH-UBND"
  date issued;
  std::string issuer;
  std::string relation;  ///< implements, proposal, cited
  std::string title;
  std::vector<std::string> cited_in;  ///< labels in the plan, or "preamble"
  friend bool operator==(const legal_basis&, const legal_basis&) = default;
};

/// A task: a lettered item, or an unlettered paragraph that a responsibility item consists of,
/// with the roles that apply to it.
struct task {
  std::string path;  ///< "IV.1.a", "IV.6", "II.5.a"
  std::string text;
  std::vector<task_link> links;
};

struct plan {
  std::string id;
  std::string version;
  document_info document;
  std::vector<legal_basis> bases;
  std::vector<agency> agencies;
  std::vector<plan_section> sections;
  std::vector<report_requirement> reports;
  std::vector<plan_event> events;
  std::vector<plan_target> targets;
  std::vector<local_rule> local_rules;
  std::vector<contact> contacts;

  friend bool operator==(const plan&, const plan&) = default;

  [[nodiscard]] const agency* find_agency(std::string_view agency_id) const {
    for (const auto& a : agencies) {
      if (a.id == agency_id) return &a;
    }
    return nullptr;
  }
  [[nodiscard]] const agency& get_agency(std::string_view agency_id) const {
    if (const agency* a = find_agency(agency_id)) return *a;
    throw not_found_error("agency", std::string(agency_id), "in plan " + id);
  }

  /// The section at a path such as "IV" or "IV.13"; nullptr if there is none.
  [[nodiscard]] const plan_section* find_section(std::string_view path) const {
    const std::vector<plan_section>* level = &sections;
    const plan_section* found = nullptr;
    for (const auto& part : split_path(path)) {
      found = nullptr;
      for (const auto& s : *level) {
        if (s.label == part) found = &s;
      }
      if (!found) return nullptr;
      level = &found->sections;
    }
    return found;
  }

  /// True when a label path names a section, an item, or "preamble".
  [[nodiscard]] bool has_path(std::string_view path) const {
    if (path == "preamble") return true;
    if (find_section(path)) return true;
    const auto dot = path.rfind('.');
    if (dot == std::string_view::npos) return false;
    const plan_section* s = find_section(path.substr(0, dot));
    if (!s) return false;
    for (const auto& item : s->items) {
      if (item.label == path.substr(dot + 1)) return true;
    }
    return false;
  }

  /// Every task of the plan, in document order, with its effective roles: explicit links where
  /// the data gives them, else the addressed agencies as leads (or as requested, for "Đề nghị").
  [[nodiscard]] std::vector<task> tasks() const {
    std::vector<task> out;
    std::function<void(const plan_section&, const std::string&)> walk = [&](const plan_section& s, const std::string& path) {
      const auto defaults = default_links(s);
      if (!s.text.empty() && (!s.links.empty() || (s.items.empty() && !defaults.empty()))) {
        out.push_back({path, s.text, s.links.empty() ? defaults : s.links});
      }
      for (const auto& item : s.items) {
        if (!item.links.empty() || !defaults.empty()) {
          out.push_back({path + "." + item.label, item.text, item.links.empty() ? defaults : item.links});
        }
      }
      for (const auto& child : s.sections) walk(child, path + "." + child.label);
    };
    for (const auto& s : sections) walk(s, s.label);
    return out;
  }

 private:
  static std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
      const auto dot = path.find('.', start);
      parts.emplace_back(path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
    return parts;
  }

  static std::vector<task_link> default_links(const plan_section& s) {
    std::vector<task_link> out;
    for (const auto& a : s.agencies) {
      out.push_back({a, s.mode == assignment_mode::request ? task_role::requested : task_role::lead});
    }
    return out;
  }
};

}  // namespace treem::plan
