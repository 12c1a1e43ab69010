// Indicators: catalogues, targets and the engine. Register columns come in as numpy arrays, read
// in place when their dtype is already the engine's (a conversion copies only when it must), and
// the result goes out as a bound IndicatorTable (register_indicator_table.cpp), with no copy.
#include <algorithm>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "columns.hpp"
#include "date_caster.hpp"
#include "table_input.hpp"
#include "register.hpp"
#include "treem/data/bundled.hpp"
#include "treem/indicators/compute.hpp"
#include "treem/indicators/publish_log_file.hpp"
#include "treem/registers/incident_register_reader.hpp"

namespace py = pybind11;

namespace treem::python {

namespace {

template <class T>
using column = py::array_t<T, py::array::c_style | py::array::forcecast>;

template <class T, class A>
std::span<const T> span_of(const A& a) {
  return {reinterpret_cast<const T*>(a.data()), static_cast<std::size_t>(a.size())};
}

// The arrays behind a child_columns view, kept alive while the engine reads them.
struct child_arrays {
  std::vector<std::string> units, ethnicities;
  column<std::uint32_t> unit;
  column<std::uint8_t> sex;
  column<std::int32_t> birth;
  column<std::uint16_t> ethnicity, special_groups;
  column<std::uint8_t> flags;

  explicit child_arrays(const py::dict& d)
      : units(d["units"].cast<std::vector<std::string>>()), ethnicities(d["ethnicities"].cast<std::vector<std::string>>()),
        unit(d["unit"]), sex(d["sex"]), birth(d["birth"]), ethnicity(d["ethnicity"]), special_groups(d["special_groups"]), flags(d["flags"]) {}

  indicators::child_columns view(const std::string& source) const {
    return {units, ethnicities, span_of<std::uint32_t>(unit), span_of<registers::sex>(sex), span_of<std::int32_t>(birth),
            span_of<std::uint16_t>(ethnicity), span_of<std::uint16_t>(special_groups), span_of<std::uint8_t>(flags), source, 2};
  }
};

struct incident_arrays {
  std::vector<std::string> units;
  column<std::uint32_t> unit;
  column<std::int32_t> day;
  column<std::uint8_t> kind, fatal, sex, age, environment;
  column<std::int8_t> plan;

  explicit incident_arrays(const py::dict& d)
      : units(d["units"].cast<std::vector<std::string>>()), unit(d["unit"]), day(d["day"]), kind(d["kind"]), fatal(d["fatal"]), sex(d["sex"]),
        age(d["age"]), environment(d["environment"]), plan(d["plan_in_time"]) {}

  indicators::incident_columns view(const std::string& source) const {
    static_assert(sizeof(registers::incident_kind) == 1 && sizeof(registers::environment) == 1 && sizeof(registers::sex) == 1);
    return {units, span_of<std::uint32_t>(unit), span_of<std::int32_t>(day), span_of<registers::incident_kind>(kind), span_of<std::uint8_t>(fatal), span_of<registers::sex>(sex),
            span_of<std::uint8_t>(age), span_of<registers::environment>(environment), span_of<std::int8_t>(plan), source, 2};
  }
};

py::dict definition(const indicators::indicator_definition& d) {
  py::dict out;
  out["key"] = d.key;
  out["instrument"] = d.instrument;
  out["appendix"] = d.appendix;
  out["code"] = d.code;
  out["group"] = d.group;
  out["name_vi"] = d.name_vi;
  out["name_en"] = d.name_en;
  out["numerator_register"] = std::string(to_string(d.numerator.source));
  out["denominator_register"] = d.denominator ? py::cast(std::string(to_string(d.denominator->source))) : py::none();
  out["factor"] = d.factor;
  out["unit"] = d.unit;
  std::vector<std::string> dims;
  for (auto x : d.disaggregations) dims.emplace_back(to_string(x));
  out["disaggregations"] = dims;
  out["period"] = d.period;
  out["interval"] = std::string(to_string(d.interval));
  out["status"] = std::string(to_string(d.evidence));
  out["source"] = d.source;
  return out;
}

}  // namespace

void register_indicators(py::module_& m) {
  py::class_<indicators::catalogue>(m, "Catalogue", "An indicator catalogue (schema treem.indicators/1).")
      .def_static("bundled", [] { return data::child_statistics_catalogue(); }, "treem's catalogue of child statistics.")
      .def_static("from_toml", &indicators::load_catalogue, py::arg("text"), py::arg("source") = "<catalogue>")
      .def("extend", &indicators::extend, py::arg("other"), "This catalogue's indicators followed by those of `other`.")
      .def_readonly("id", &indicators::catalogue::id)
      .def_readonly("version", &indicators::catalogue::version)
      .def_property_readonly("age_groups", [](const indicators::catalogue& c) { return c.age_groups.to_string(); })
      .def_property_readonly("keys", [](const indicators::catalogue& c) {
        std::vector<std::string> out;
        for (const auto& d : c.indicators) out.push_back(d.key);
        return out;
      })
      .def("definitions", [](const indicators::catalogue& c) {
        py::list out;
        for (const auto& d : c.indicators) out.append(definition(d));
        return out;
      })
      .def("__len__", [](const indicators::catalogue& c) { return c.indicators.size(); })
      .def("__repr__", [](const indicators::catalogue& c) {
        return "Catalogue(id=" + c.id + ", version=" + c.version + ", " + std::to_string(c.indicators.size()) + " indicators)";
      });

  py::class_<indicators::target_set>(m, "TargetSet", "Targets of national programmes (schema treem.targets/1).")
      .def_static("bundled", [] { return data::national_targets(); }, "The 2025 and 2030 targets of Decisions 23/QĐ-TTg and 1248/QĐ-TTg.")
      .def_static("from_toml", &indicators::load_targets, py::arg("text"), py::arg("source") = "<targets>")
      .def_readonly("id", &indicators::target_set::id)
      .def("__len__", [](const indicators::target_set& t) { return t.targets.size(); })
      .def("__repr__", [](const indicators::target_set& t) { return "TargetSet(id=" + t.id + ", " + std::to_string(t.targets.size()) + " targets)"; });

  register_indicator_table(m);  // after Catalogue and TargetSet, which its methods name; before the engine, which returns it

  py::class_<indicators::indicator_request>(m, "IndicatorRequest", "What to compute: period, levels, indicators, breakdowns, intervals, suppression.")
      .def(py::init([](const std::string& period, const std::optional<date>& reference_date, const std::vector<std::string>& levels,
                       const std::vector<std::string>& indicators, const std::optional<std::string>& age_groups,
                       const std::vector<std::vector<std::string>>& breakdowns, double confidence, const std::string& zero_denominator,
                       bool suppress, int k, int protection_upper, std::int64_t sub_tables_above, std::int64_t whole_table_limit,
                       bool certify, const std::string& merger, std::size_t threads) {
             return indicators::parse_request({.period = period, .reference_date = reference_date, .levels = levels, .indicators = indicators,
                                               .age_groups = age_groups, .breakdowns = breakdowns, .confidence = confidence,
                                               .zero_denominator = zero_denominator, .suppress = suppress, .k = k,
                                               .protection_upper = protection_upper, .sub_tables_above = sub_tables_above,
                                               .whole_table_limit = whole_table_limit, .certify = certify, .merger = merger, .threads = threads,
                                               .command_line = false});
           }),
           py::kw_only(), py::arg("period") = "2024", py::arg("reference_date") = std::nullopt,
           py::arg("levels") = std::vector<std::string>{"commune"}, py::arg("indicators") = std::vector<std::string>{},
           py::arg("age_groups") = std::nullopt, py::arg("breakdowns") = std::vector<std::vector<std::string>>{}, py::arg("confidence") = 0.95,
           py::arg("zero_denominator") = "nan", py::arg("suppress") = true, py::arg("k") = 4,
           py::arg("protection_upper") = 0, py::arg("sub_tables_above") = indicators::request_text{}.sub_tables_above,
           py::arg("whole_table_limit") = indicators::request_text{}.whole_table_limit, py::arg("certify") = false,
           py::arg("merger") = "", py::arg("threads") = 0)
      .def_property_readonly("period", [](const indicators::indicator_request& r) { return r.period.iso(); })
      .def_property_readonly("levels", [](const indicators::indicator_request& r) {
        std::vector<std::string> out;
        for (const auto l : r.levels) out.emplace_back(indicators::level_names[static_cast<int>(l)]);
        return out;
      })
      .def_readonly("indicators", &indicators::indicator_request::indicators)
      .def_readonly("confidence", &indicators::indicator_request::confidence_level)
      .def_property_readonly("k", [](const indicators::indicator_request& r) { return r.suppression.enabled ? r.suppression.threshold : 0; })
      .def_property_readonly("protection_upper", [](const indicators::indicator_request& r) {
        return r.suppression.enabled ? indicators::protection_upper(r.suppression) : 0;
      })
      .def_property_readonly("sub_tables_above", [](const indicators::indicator_request& r) { return r.suppression.sub_tables_above; })
      .def_property_readonly("whole_table_limit", [](const indicators::indicator_request& r) { return r.suppression.whole_table_limit; })
      .def_property_readonly("certify", [](const indicators::indicator_request& r) { return r.suppression.certify; })
      .def_readonly("merger", &indicators::indicator_request::merger)
      .def("__repr__", [](const indicators::indicator_request& r) {
        return "IndicatorRequest(period='" + r.period.iso() + "', levels=" + std::to_string(r.levels.size()) + ", k=" +
               std::to_string(r.suppression.enabled ? r.suppression.threshold : 0) + ")";
      });

  m.def("_compute_indicators", [](const indicators::catalogue& cat, const unit_registry& units, const py::object& children, const py::object& incidents,
                                  indicators::indicator_request req, const std::optional<std::string>& publish_log) {
    if (publish_log) {
      if (!req.suppression.enabled) throw validation_error({"<argument publish_log>", 1, 1}, "publish_log", "records what suppression publishes: not with suppress=False");
      req.earlier_log = std::make_shared<const indicators::publish_log>(indicators::read_publish_log_file(*publish_log));
      req.record_publish_log = true;
    }
    std::optional<child_arrays> ca;
    std::optional<incident_arrays> ia;
    if (!children.is_none()) ca.emplace(children.cast<py::dict>());
    if (!incidents.is_none()) ia.emplace(incidents.cast<py::dict>());
    indicators::child_columns cv;
    indicators::incident_columns iv;
    if (ca) cv = ca->view("children");
    if (ia) iv = ia->view("incidents");
    indicators::indicator_table t;
    {
      py::gil_scoped_release release;  // the pass over 25 M rows takes seconds: let other Python threads run
      t = indicators::compute_indicators(cat, units, ca ? &cv : nullptr, ia ? &iv : nullptr, req);
      if (publish_log) indicators::update_publish_log_file(*publish_log, *req.earlier_log, t.published_log);
    }
    return t;
  }, py::kw_only(), py::arg("catalogue"), py::arg("units"), py::arg("children"), py::arg("incidents"), py::arg("request"),
     py::arg("publish_log") = py::none());

  m.def("_evaluate_targets", [](const std::vector<std::string>& levels, const std::vector<std::uint8_t>& level_codes,
                                const std::vector<std::string>& units, const std::vector<std::uint32_t>& unit_codes,
                                const std::vector<std::string>& indicator_keys, const std::vector<std::uint32_t>& indicator_codes,
                                const std::vector<double>& values, const indicators::target_set& targets, int year,
                                const std::map<std::pair<std::string, std::string>, double>& baselines) {
    // The total rows of a result frame, rebuilt from its categorical columns (codes and categories):
    // only these fields matter for targets.
    const std::size_t n = values.size();
    if (level_codes.size() != n || unit_codes.size() != n || indicator_codes.size() != n) {
      throw validation_error({"<arguments>"}, "values", "level, unit, indicator and value columns differ in length");
    }
    indicators::indicator_table t;
    t.levels = levels;
    t.unit_codes = units;
    t.indicator_keys = indicator_keys;
    t.level = level_codes;
    t.unit = unit_codes;
    t.indicator = indicator_codes;
    t.value = values;
    for (std::size_t i = 0; i < n; ++i) {
      if (level_codes[i] >= levels.size() || unit_codes[i] >= units.size() || indicator_codes[i] >= indicator_keys.size()) {
        throw validation_error({"<arguments>"}, "codes", "row " + std::to_string(i) + " has a code outside its categories");
      }
    }
    for (auto& c : t.category) c.assign(n, -1);
    return indicators::evaluate_targets(t, targets, year, baselines);
  }, py::arg("levels"), py::arg("level_codes"), py::arg("units"), py::arg("unit_codes"), py::arg("indicators"), py::arg("indicator_codes"),
     py::arg("values"), py::arg("targets"), py::arg("year"), py::arg("baselines"));

  // The incident register read and cleaned like `treem register check --incidents`, from a frame's
  // columns or a CSV file, through the library's one reader.
  m.def("_read_incident_register", [](const py::object& table, const std::string& path,
                                      const std::string& source, const unit_registry& units, const date& reference, bool lenient,
                                      const std::optional<date>& period_start) {
    registers::read_options options;
    options.mode = lenient ? registers::read_mode::lenient : registers::read_mode::strict;
    options.period_start = period_start;
    registers::incident_register_result r;
    std::unique_ptr<io::table_source> input;
    if (path.empty()) input = table_source_of(table, source);
    else input = io::csv_source::open(path, {}, source);
    {
      py::gil_scoped_release release;
      r = registers::read_incident_register(*input, units, reference, options);
    }
    return std::make_shared<registers::incident_register_result>(std::move(r));
  }, py::arg("table"), py::arg("path"), py::arg("source"), py::arg("units"), py::arg("reference_date"), py::arg("lenient"),
     py::arg("period_start") = py::none());
}

}  // namespace treem::python
