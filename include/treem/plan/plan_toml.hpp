// Reading and writing plans in their TOML format (schema treem.plan/1). Loading checks every
// reference and rule and reports the first problem with file, line, column and field.
#pragma once

#include <set>
#include <sstream>
#include <string>
#include <string_view>

#include "treem/core/linkage.hpp"
#if TREEM_DEFINITIONS  // toml++ stays out of the headers of a compiled-mode user
#include "treem/io/toml_reader.hpp"
#endif
#include "treem/plan/plan.hpp"
#include "treem/time/lunar_calendar.hpp"

namespace treem::plan {

inline constexpr std::string_view plan_schema = "treem.plan/1";

#if TREEM_DEFINITIONS
namespace detail {

using io::table_reader;

// References are checked after the whole file is read, so they may point forward.
struct pending_reference {
  source_location where;
  std::string field;
  std::string value;
  enum { agency_ref, path_ref } kind;
};

class plan_reader {
 public:
  explicit plan_reader(std::string source) : source_(std::move(source)) {}

  plan read(const toml::table& doc) {
    table_reader root(doc, "", source_);
    io::require_schema(root, plan_schema);
    plan p;
    p.id = root.required_string("id");
    p.version = root.required_string("version");
    const toml::table* d = root.optional_table("document");
    if (!d) root.fail_missing("document", "a [document] table");
    read_document(*d, p.document);
    year_ = p.document.year;
    for_each(root, "agency", [&](table_reader& r) { p.agencies.push_back(read_agency(r)); });
    for_each(root, "basis", [&](table_reader& r) { p.bases.push_back(read_basis(r)); });
    for_each(root, "section", [&](table_reader& r) {
      plan_section s = read_section(r, "");
      check_label_unique(p.sections, s.label, r);
      p.sections.push_back(std::move(s));
    });
    for_each(root, "report", [&](table_reader& r) { p.reports.push_back(read_report(r)); });
    for_each(root, "event", [&](table_reader& r) { p.events.push_back(read_event(r)); });
    for_each(root, "target", [&](table_reader& r) { p.targets.push_back(read_target(r)); });
    for_each(root, "local_rule", [&](table_reader& r) {
      local_rule l{r.required_string("id"), r.required_string("text"), path(r, "source")};
      r.finish();
      p.local_rules.push_back(std::move(l));
    });
    for_each(root, "contact", [&](table_reader& r) {
      contact c{r.required_string("id"), r.required_string("name"), r.required_string("number"), path(r, "source")};
      r.finish();
      p.contacts.push_back(std::move(c));
    });
    root.finish();
    check_unique_ids(p);
    resolve(p);
    return p;
  }

 private:
  template <class F>
  void for_each(table_reader& parent, std::string_view key, F&& f) {
    std::size_t i = 0;
    for (const toml::table* t : parent.tables(key)) {
      table_reader r(*t, parent.field(key) + "[" + std::to_string(i++) + "]", source_);
      ids_.emplace_back(std::string(key), r.where());
      f(r);
    }
  }

  std::string agency_ref(table_reader& r, std::string_view key) {
    const std::string v = r.required_string(key);
    pending_.push_back({r.where(key), r.field(key), v, pending_reference::agency_ref});
    return v;
  }
  std::vector<std::string> agency_refs(table_reader& r, std::string_view key) {
    auto v = r.string_array(key);
    for (const auto& a : v) pending_.push_back({r.where(key), r.field(key), a, pending_reference::agency_ref});
    return v;
  }
  std::string path(table_reader& r, std::string_view key) {
    const std::string v = r.required_string(key);
    pending_.push_back({r.where(key), r.field(key), v, pending_reference::path_ref});
    return v;
  }

  void in_plan_year(const date& d, table_reader& r, std::string_view key) const {
    if (d.year() != year_) {
      throw validation_error(r.where(key), r.field(key), format_vn(d) + " is outside the plan year " + std::to_string(year_));
    }
  }

  void read_document(const toml::table& t, document_info& d) {
    table_reader r(t, "document", source_);
    d.kind = r.required_string("kind");
    d.issuer = r.required_string("issuer");
    d.issuer_agency = agency_ref(r, "issuer_agency");
    d.unit = r.required_string("unit");
    d.number_text = r.required_string("number_text");
    d.number = r.optional_string("number").value_or("");
    d.symbol = r.required_string("symbol");
    d.place = r.required_string("place");
    d.date_text = r.required_string("date");
    d.date = partial_date::parse(d.date_text, r.where("date").shifted(1));
    d.year = static_cast<int>(r.required_int("year", lunar::first_supported_year, lunar::last_supported_year));
    d.title = r.required_string("title");
    d.subtitle = r.optional_string("subtitle").value_or("");
    d.preamble = r.optional_string("preamble").value_or("");
    d.recipients = r.string_array("recipients");
    if (const toml::table* s = r.optional_table("signer")) {
      table_reader sr(*s, "document.signer", source_);
      d.signer = {sr.optional_string("authority").value_or(""), sr.optional_string("position").value_or(""),
                  sr.required_string("name")};
      sr.finish();
    }
    r.finish();
  }

  agency read_agency(table_reader& r) {
    agency a;
    a.id = r.required_string("id");
    a.name = r.required_string("name");
    a.short_name = r.optional_string("short_name").value_or(a.name);
    a.kind = r.required_string("kind");
    const std::string rel = r.required_string("relation");
    const auto relation = agency_relation_from_string(rel);
    if (!relation) {
      throw validation_error(r.where("relation"), r.field("relation"),
                             treem::quoted(rel) + " is not one of issuer, assigned, requested, external, unspecified");
    }
    a.relation = *relation;
    r.finish();
    return a;
  }

  legal_basis read_basis(table_reader& r) {
    legal_basis b;
    b.id = r.required_string("id");
    b.kind = r.required_string("kind");
    b.number = r.required_string("number");
    b.issued = r.required_date("date");
    b.issuer = r.required_string("issuer");
    b.relation = r.required_string("relation");
    if (b.relation != "implements" && b.relation != "proposal" && b.relation != "cited") {
      throw validation_error(r.where("relation"), r.field("relation"), treem::quoted(b.relation) + " is not one of implements, proposal, cited");
    }
    b.title = r.optional_string("title").value_or("");
    b.cited_in = r.string_array("cited_in");
    for (const auto& c : b.cited_in) pending_.push_back({r.where("cited_in"), r.field("cited_in"), c, pending_reference::path_ref});
    r.finish();
    return b;
  }

  std::vector<task_link> read_links(table_reader& r) {
    std::vector<task_link> out;
    const toml::array* arr = r.optional_array("links");
    if (!arr) return out;
    std::size_t i = 0;
    for (const auto& item : *arr) {
      const auto* t = item.as_table();
      if (!t) throw validation_error(io::location_of(item, source_), r.field("links"), "expected { agency = ..., role = ... }");
      table_reader l(*t, r.field("links") + "[" + std::to_string(i++) + "]", source_);
      task_link link;
      link.agency = agency_ref(l, "agency");
      const std::string role = l.required_string("role");
      const auto parsed = task_role_from_string(role);
      if (!parsed) throw validation_error(l.where("role"), l.field("role"), "unknown role " + treem::quoted(role) + " (expected lead, coordinating or requested)");
      link.role = *parsed;
      l.finish();
      for (const auto& other : out) {
        if (other.agency == link.agency) throw validation_error(l.where("agency"), l.field("agency"), "agency " + treem::quoted(link.agency) + " is linked twice");
      }
      out.push_back(std::move(link));
    }
    return out;
  }

  plan_section read_section(table_reader& r, const std::string& parent_path) {
    plan_section s;
    s.label = label(r);
    const std::string my_path = parent_path.empty() ? s.label : parent_path + "." + s.label;
    s.heading = r.required_string("heading");
    s.heading_level = static_cast<int>(r.optional_int("heading_level", 1, 6).value_or(0));
    s.text = r.optional_string("text").value_or("");
    s.closing_text = r.optional_string("closing_text").value_or("");
    s.links = read_links(r);
    if (!s.links.empty() && s.text.empty()) throw validation_error(r.where("links"), r.field("links"), "links need the task's text");
    s.agencies = agency_refs(r, "agencies");
    if (const auto mode = r.optional_string("mode")) {
      if (*mode == "assign") s.mode = assignment_mode::assign;
      else if (*mode == "request") s.mode = assignment_mode::request;
      else throw validation_error(r.where("mode"), r.field("mode"), treem::quoted(*mode) + " is not 'assign' or 'request'");
    }
    if (s.mode.has_value() != !s.agencies.empty()) {
      throw validation_error(r.where(), r.field(s.mode ? "agencies" : "mode"), "a responsibility item needs both agencies and mode");
    }
    std::size_t i = 0;
    for (const toml::table* t : r.tables("item")) {
      table_reader ir(*t, r.field("item") + "[" + std::to_string(i++) + "]", source_);
      plan_item item;
      item.label = label(ir);
      item.text = ir.required_string("text");
      item.links = read_links(ir);
      check_item_label(s, item.label, ir);
      ir.finish();
      s.items.push_back(std::move(item));
    }
    i = 0;
    for (const toml::table* t : r.tables("section")) {
      table_reader cr(*t, r.field("section") + "[" + std::to_string(i++) + "]", source_);
      plan_section child = read_section(cr, my_path);
      check_label_unique(s.sections, child.label, cr, s.items);
      s.sections.push_back(std::move(child));
    }
    r.finish();
    return s;
  }

  // Labels are joined with dots into paths ("IV.13.a"), so they may hold no dot or blank.
  static std::string label(table_reader& r) {
    std::string l = r.required_string("label");
    if (l.find_first_of(". \t\n") != std::string::npos) {
      throw validation_error(r.where("label"), r.field("label"), treem::quoted(l) + " may not contain a dot or a blank");
    }
    if (l.size() > 8) throw validation_error(r.where("label"), r.field("label"), treem::quoted(l) + " is too long for a label");
    return l;
  }

  // Items are lettered in Vietnamese order (a, b, c, d, đ, e, g, ...) or numbered 1, 2, 3, ...
  // Gaps are allowed (the document's own numbering is kept); repeats and reversals are not.
  static void check_item_label(const plan_section& s, const std::string& label, table_reader& r) {
    const int letter = letter_index(label);
    const bool number = !label.empty() && std::all_of(label.begin(), label.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (letter < 0 && !number) {
      throw validation_error(r.where("label"), r.field("label"),
                             treem::quoted(label) + " is not a Vietnamese letter (a b c d đ e g h i k ...; there is no f) or a number");
    }
    for (const auto& other : s.items) {
      if (other.label == label) throw validation_error(r.where("label"), r.field("label"), "duplicate label " + treem::quoted(label) + " in section " + s.label);
    }
    for (const auto& child : s.sections) {
      if (child.label == label) throw validation_error(r.where("label"), r.field("label"), treem::quoted(label) + " is already a subsection of " + s.label);
    }
    if (!s.items.empty()) {
      const std::string& prev = s.items.back().label;
      const int prev_letter = letter_index(prev);
      if ((letter >= 0) != (prev_letter >= 0)) {
        throw validation_error(r.where("label"), r.field("label"), "mixes letters and numbers in section " + s.label);
      }
      const bool in_order = letter >= 0 ? letter > prev_letter : std::stoi(label) > std::stoi(prev);
      if (!in_order) throw validation_error(r.where("label"), r.field("label"), treem::quoted(label) + " comes after " + treem::quoted(prev));
    }
  }

  // Section labels are unique among siblings; the error points at the second one.
  static void check_label_unique(const std::vector<plan_section>& siblings, const std::string& label, table_reader& r,
                                 const std::vector<plan_item>& items = {}) {
    for (const auto& s : siblings) {
      if (s.label == label) throw validation_error(r.where("label"), r.field("label"), "duplicate section label " + treem::quoted(label));
    }
    for (const auto& i : items) {
      if (i.label == label) throw validation_error(r.where("label"), r.field("label"), treem::quoted(label) + " is already an item of the section");
    }
  }

  report_requirement read_report(table_reader& r) {
    report_requirement rep;
    rep.id = r.required_string("id");
    rep.name = r.required_string("name");
    rep.due = r.required_date("due");
    in_plan_year(rep.due, r, "due");
    const std::string bound = r.required_string("bound");
    if (bound == "before") rep.bound = deadline_bound::before;
    else if (bound == "on_or_before") rep.bound = deadline_bound::on_or_before;
    else throw validation_error(r.where("bound"), r.field("bound"), treem::quoted(bound) + " is not 'before' or 'on_or_before'");
    rep.from_agencies = agency_refs(r, "from_agencies");
    rep.from_communes = r.optional_bool("from_communes").value_or(false);
    if (rep.from_agencies.empty() && !rep.from_communes) {
      throw validation_error(r.where(), r.field("from_agencies"), "a report needs someone to send it");
    }
    rep.to = agency_refs(r, "to");
    if (rep.to.empty()) r.fail_missing("to", "the agencies that receive the report");
    rep.source = path(r, "source");
    r.finish();
    return rep;
  }

  plan_event read_event(table_reader& r) {
    plan_event e;
    e.id = r.required_string("id");
    e.name = r.required_string("name");
    e.start = r.optional_date("start");
    e.end = r.optional_date("end");
    if (e.start) in_plan_year(*e.start, r, "start");
    if (e.end) {
      if (!e.start) throw validation_error(r.where("end"), r.field("end"), "an end needs a start");
      in_plan_year(*e.end, r, "end");
      if (*e.end < *e.start) throw validation_error(r.where("end"), r.field("end"), format_vn(*e.end) + " is before the start " + format_vn(*e.start));
    }
    const auto lm = r.optional_int("lunar_month", 1, 12);
    const auto ld = r.optional_int("lunar_day", 1, 30);
    if (lm.has_value() != ld.has_value()) throw validation_error(r.where(), r.field("lunar_day"), "a lunar date needs lunar_month and lunar_day");
    if (lm) {
      if (e.start) throw validation_error(r.where("lunar_month"), r.field("lunar_month"), "an event has a solar or a lunar date, not both");
      e.lunar_month = static_cast<int>(*lm);
      e.lunar_day = static_cast<int>(*ld);
      date solar;
      try {
        solar = lunar::from_lunar({*e.lunar_day, *e.lunar_month, year_, false});
      } catch (const validation_error& err) {
        throw validation_error(r.where("lunar_day"), r.field("lunar_day"), err.rule());
      }
      // Late lunar months fall in the next solar year (12/29 of lunar 2024 is 28/01/2025).
      in_plan_year(solar, r, "lunar_day");
    }
    e.theme = r.optional_string("theme").value_or("");
    e.agencies = agency_refs(r, "agencies");
    e.date_source = r.optional_string("date_source").value_or("");
    e.source = path(r, "source");
    r.finish();
    return e;
  }

  plan_target read_target(table_reader& r) {
    plan_target t;
    t.id = r.required_string("id");
    t.text = r.required_string("text");
    t.minimum = static_cast<int>(r.required_int("minimum", 0, 1'000'000));
    t.unit = r.optional_string("unit").value_or("");
    t.agency = agency_ref(r, "agency");
    t.source = path(r, "source");
    r.finish();
    return t;
  }

  void check_unique_ids(const plan& p) const {
    auto check = [&](const auto& items, const char* what) {
      std::set<std::string> seen;
      std::size_t i = 0;
      for (const auto& x : items) {
        if (!seen.insert(x.id).second) {
          throw validation_error(where_of(what, i), std::string(what) + "[" + std::to_string(i) + "].id", "duplicate id " + treem::quoted(x.id));
        }
        ++i;
      }
    };
    check(p.agencies, "agency");
    check(p.bases, "basis");
    check(p.reports, "report");
    check(p.events, "event");
    check(p.targets, "target");
    check(p.local_rules, "local_rule");
    check(p.contacts, "contact");
  }

  source_location where_of(std::string_view key, std::size_t index) const {
    std::size_t n = 0;
    for (const auto& [k, w] : ids_) {
      if (k == key && n++ == index) return w;
    }
    return {source_};
  }

  void resolve(const plan& p) const {
    for (const auto& ref : pending_) {
      if (ref.kind == pending_reference::agency_ref && !p.find_agency(ref.value)) {
        throw validation_error(ref.where, ref.field, "unknown agency " + treem::quoted(ref.value) + " (not in the plan's [[agency]] list)");
      }
      if (ref.kind == pending_reference::path_ref && !p.has_path(ref.value)) {
        throw validation_error(ref.where, ref.field, treem::quoted(ref.value) + " is not a section or item of the plan");
      }
    }
  }

  std::string source_;
  int year_ = 0;
  std::vector<pending_reference> pending_;
  std::vector<std::pair<std::string, source_location>> ids_;
};

// ---- writing -------------------------------------------------------------------------------

inline toml::date to_toml(const date& d) {
  return toml::date{static_cast<uint16_t>(d.year()), static_cast<uint8_t>(d.month().as_number()), static_cast<uint8_t>(d.day().as_number())};
}

inline void put_if(toml::table& t, std::string_view key, const std::string& value) {
  if (!value.empty()) t.insert(key, value);
}

inline toml::array strings(const std::vector<std::string>& v) {
  toml::array a;
  for (const auto& s : v) a.push_back(s);
  return a;
}

inline toml::array links_array(const std::vector<task_link>& links) {
  toml::array a;
  for (const auto& l : links) a.push_back(toml::table{{"agency", l.agency}, {"role", std::string(to_string(l.role))}});
  return a;
}

inline toml::table section_table(const plan_section& s) {
  toml::table t{{"label", s.label}, {"heading", s.heading}};
  if (s.heading_level != 0) t.insert("heading_level", s.heading_level);
  put_if(t, "text", s.text);
  put_if(t, "closing_text", s.closing_text);
  if (!s.links.empty()) t.insert("links", links_array(s.links));
  if (!s.agencies.empty()) t.insert("agencies", strings(s.agencies));
  if (s.mode) t.insert("mode", std::string(to_string(*s.mode)));
  if (!s.items.empty()) {
    toml::array items;
    for (const auto& i : s.items) {
      toml::table it{{"label", i.label}, {"text", i.text}};
      if (!i.links.empty()) it.insert("links", links_array(i.links));
      items.push_back(std::move(it));
    }
    t.insert("item", std::move(items));
  }
  if (!s.sections.empty()) {
    toml::array children;
    for (const auto& c : s.sections) children.push_back(section_table(c));
    t.insert("section", std::move(children));
  }
  return t;
}

}  // namespace detail
#endif

/// Parses a plan from TOML text. `source_name` names the file in error messages.
[[nodiscard]] TREEM_FUNC plan load_plan(std::string_view toml_text, const std::string& source_name);

#if TREEM_DEFINITIONS
TREEM_FUNC plan load_plan(std::string_view toml_text, const std::string& source_name) {
  const toml::table doc = io::parse_toml(toml_text, source_name);
  return detail::plan_reader(source_name).read(doc);
}
#endif

/// The plan as TOML text in schema treem.plan/1; load_plan(save_plan(p)) == p.
[[nodiscard]] TREEM_FUNC std::string save_plan(const plan& p);

#if TREEM_DEFINITIONS
TREEM_FUNC std::string save_plan(const plan& p) {
  using detail::put_if;
  using detail::strings;
  using detail::to_toml;
  const document_info& d = p.document;
  toml::table doc{{"kind", d.kind},         {"issuer", d.issuer}, {"issuer_agency", d.issuer_agency}, {"unit", d.unit},
                  {"number_text", d.number_text}, {"number", d.number}, {"symbol", d.symbol},       {"place", d.place},
                  {"date", d.date_text},    {"year", d.year},     {"title", d.title}};
  put_if(doc, "subtitle", d.subtitle);
  put_if(doc, "preamble", d.preamble);
  if (!d.recipients.empty()) doc.insert("recipients", strings(d.recipients));
  if (!d.signer.name.empty()) {
    toml::table s{{"name", d.signer.name}};
    put_if(s, "authority", d.signer.authority);
    put_if(s, "position", d.signer.position);
    doc.insert("signer", std::move(s));
  }
  toml::table root{{"schema", std::string(plan_schema)}, {"id", p.id}, {"version", p.version}, {"document", std::move(doc)}};

  toml::array agencies;
  for (const auto& a : p.agencies) {
    agencies.push_back(toml::table{{"id", a.id}, {"name", a.name}, {"short_name", a.short_name}, {"kind", a.kind},
                                   {"relation", std::string(to_string(a.relation))}});
  }
  root.insert("agency", std::move(agencies));
  toml::array bases;
  for (const auto& b : p.bases) {
    toml::table t{{"id", b.id}, {"kind", b.kind}, {"number", b.number}, {"date", to_toml(b.issued)}, {"issuer", b.issuer},
                  {"relation", b.relation}, {"cited_in", strings(b.cited_in)}};
    put_if(t, "title", b.title);
    bases.push_back(std::move(t));
  }
  root.insert("basis", std::move(bases));
  toml::array sections;
  for (const auto& s : p.sections) sections.push_back(detail::section_table(s));
  root.insert("section", std::move(sections));
  toml::array reports;
  for (const auto& r : p.reports) {
    reports.push_back(toml::table{{"id", r.id}, {"name", r.name}, {"due", to_toml(r.due)}, {"bound", std::string(to_string(r.bound))},
                                  {"from_agencies", strings(r.from_agencies)}, {"from_communes", r.from_communes},
                                  {"to", strings(r.to)}, {"source", r.source}});
  }
  root.insert("report", std::move(reports));
  toml::array events;
  for (const auto& e : p.events) {
    toml::table t{{"id", e.id}, {"name", e.name}, {"source", e.source}};
    if (e.start) t.insert("start", to_toml(*e.start));
    if (e.end) t.insert("end", to_toml(*e.end));
    if (e.lunar_month) t.insert("lunar_month", *e.lunar_month);
    if (e.lunar_day) t.insert("lunar_day", *e.lunar_day);
    put_if(t, "theme", e.theme);
    if (!e.agencies.empty()) t.insert("agencies", strings(e.agencies));
    put_if(t, "date_source", e.date_source);
    events.push_back(std::move(t));
  }
  root.insert("event", std::move(events));
  toml::array targets;
  for (const auto& t : p.targets) {
    toml::table x{{"id", t.id}, {"text", t.text}, {"minimum", t.minimum}, {"agency", t.agency}, {"source", t.source}};
    put_if(x, "unit", t.unit);
    targets.push_back(std::move(x));
  }
  root.insert("target", std::move(targets));
  toml::array rules;
  for (const auto& l : p.local_rules) rules.push_back(toml::table{{"id", l.id}, {"text", l.text}, {"source", l.source}});
  root.insert("local_rule", std::move(rules));
  toml::array contacts;
  for (const auto& c : p.contacts) contacts.push_back(toml::table{{"id", c.id}, {"name", c.name}, {"number", c.number}, {"source", c.source}});
  root.insert("contact", std::move(contacts));
  std::ostringstream out;
  out << root << '\n';
  return out.str();
}
#endif

}  // namespace treem::plan
