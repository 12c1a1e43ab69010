// Administrative units, their dated hierarchy, mergers and roll-ups.
#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "date_caster.hpp"
#include "register.hpp"
#include "treem/data/bundled.hpp"
#include "treem/units/rollup.hpp"
#include "treem/units/units_toml.hpp"

namespace py = pybind11;

namespace treem::python {

namespace {

std::optional<unit_tier> tier_from(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  const auto t = unit_tier_from_string(*s);
  if (!t) throw validation_error({"<argument>"}, "tier", "'" + *s + "' is not province, district, commune or village");
  return t;
}

std::optional<unit_kind> kind_from(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  const auto k = unit_kind_from_string(*s);
  if (!k) throw validation_error({"<argument>"}, "kind", "unknown unit kind '" + *s + "'");
  return k;
}

// Units are returned as copies: Python then holds plain values that outlive the registry.
std::vector<admin_unit> copies(const std::vector<const admin_unit*>& v) {
  std::vector<admin_unit> out;
  out.reserve(v.size());
  for (const auto* u : v) out.push_back(*u);
  return out;
}

py::object flag_value(const sourced<bool>& f) { return f.value ? py::bool_(*f.value) : py::object(py::none()); }

// M (targets x sources) times `values` (sources x k): column-major sparse product, no dense copy.
Eigen::MatrixXd apply(const rollup_matrix& M, const Eigen::Ref<const Eigen::MatrixXd>& values, const char* what) {
  if (values.rows() != M.cols()) {
    throw validation_error({"<argument>"}, "values", std::string(what) + ": " + std::to_string(values.rows()) +
                                                         " rows of values for " + std::to_string(M.cols()) + " source units");
  }
  return M * values;
}

}  // namespace

void register_units(py::module_& m) {
  py::class_<admin_unit>(m, "AdminUnit", "An administrative unit, valid over a span of dates.")
      .def_readonly("code", &admin_unit::code)
      .def_readonly("name", &admin_unit::name)
      .def_property_readonly("kind", [](const admin_unit& u) { return std::string(to_string(u.kind)); })
      .def_property_readonly("tier", [](const admin_unit& u) { return std::string(to_string(u.tier())); })
      .def_property_readonly("full_name", &admin_unit::full_name)
      .def_readonly("parent", &admin_unit::parent)
      .def_readonly("valid_from", &admin_unit::valid_from)
      .def_readonly("valid_to", &admin_unit::valid_to)
      .def_property_readonly("mountainous", [](const admin_unit& u) { return flag_value(u.mountainous); })
      .def_property_readonly("island", [](const admin_unit& u) { return flag_value(u.island); })
      .def_property_readonly("extremely_disadvantaged", [](const admin_unit& u) { return flag_value(u.extremely_disadvantaged); })
      .def_property_readonly("flag_status", [](const admin_unit& u) {
        py::dict d;
        for (const auto& [name, f] : {std::pair<const char*, const sourced<bool>*>{"mountainous", &u.mountainous},
                                      {"island", &u.island}, {"extremely_disadvantaged", &u.extremely_disadvantaged}}) {
          if (f->known()) d[name] = py::make_tuple(std::string(to_string(f->evidence)), f->source);
        }
        return d;
      }, "For each known flag: (status, source).")
      .def_property_readonly("status", [](const admin_unit& u) { return std::string(to_string(u.evidence)); })
      .def_readonly("source", &admin_unit::source)
      .def("valid_on", &admin_unit::valid_on, py::arg("date"))
      .def("__repr__", [](const admin_unit& u) {
        return "AdminUnit(code='" + u.code + "', name='" + u.name + "', kind='" + std::string(to_string(u.kind)) + "')";
      });

  py::class_<merger>(m, "Merger", "A dated merger of old units into new ones.")
      .def_readonly("id", &merger::id)
      .def_readonly("instrument", &merger::instrument)
      .def_readonly("adopted", &merger::adopted)
      .def_readonly("effective", &merger::effective)
      .def_property_readonly("links", [](const merger& g) {
        std::vector<std::pair<std::string, std::string>> out;
        for (const auto& l : g.links) out.emplace_back(l.from, l.to);
        return out;
      }, "(old code, new code) pairs")
      .def("successors", &merger::successors, py::arg("old_code"))
      .def("predecessors", &merger::predecessors, py::arg("new_code"))
      .def_property_readonly("status", [](const merger& g) { return std::string(to_string(g.evidence)); })
      .def_readonly("source", &merger::source)
      .def("__repr__", [](const merger& g) { return "Merger(id='" + g.id + "', effective=" + format_iso(g.effective) + ")"; });

  py::class_<unit_registry>(m, "UnitRegistry", "A dated hierarchy of administrative units and mergers.")
      .def(py::init<>())
      .def_static("bundled", [] { return data::quang_ngai_son_ha_units(); },
                  "Quảng Ngãi / Sơn Hà as bundled with treem (units until 30/06/2025 and after Nghị quyết 1677/NQ-UBTVQH15).")
      .def_static("from_toml", [](const std::string& text, const std::string& source) { return load_units(text, source); },
                  py::arg("text"), py::arg("source") = "<text>")
      .def("load_toml", [](unit_registry& r, const std::string& text, const std::string& source) {
        // Load into a copy so that a failing file leaves the registry as it was.
        unit_registry copy = r;
        load_units(copy, text, source);
        r = std::move(copy);
      }, py::arg("text"), py::arg("source") = "<text>")
      .def("__len__", &unit_registry::size)
      .def_property_readonly("units", &unit_registry::units, py::return_value_policy::copy)
      .def_property_readonly("mergers", &unit_registry::mergers, py::return_value_policy::copy)
      .def("get", [](const unit_registry& r, const std::string& code, const date& on) { return r.get(code, on); },
           py::arg("code"), py::arg("on"))
      .def("find", [](const unit_registry& r, const std::string& code, const date& on) -> std::optional<admin_unit> {
        const admin_unit* u = r.find(code, on);
        return u ? std::optional<admin_unit>(*u) : std::nullopt;
      }, py::arg("code"), py::arg("on"))
      .def("find_by_name", [](const unit_registry& r, const std::string& name, const date& on, const std::optional<std::string>& kind) {
        return copies(r.find_by_name(name, on, kind_from(kind)));
      }, py::arg("name"), py::arg("on"), py::arg("kind") = py::none())
      .def("ancestors", [](const unit_registry& r, const std::string& code, const date& on) { return copies(r.ancestors(code, on)); },
           py::arg("code"), py::arg("on"))
      .def("children", [](const unit_registry& r, const std::string& code, const date& on) { return copies(r.children(code, on)); },
           py::arg("code"), py::arg("on"))
      .def("descendants", [](const unit_registry& r, const std::string& code, const date& on, const std::optional<std::string>& tier) {
        return copies(r.descendants(code, on, tier_from(tier)));
      }, py::arg("code"), py::arg("on"), py::arg("tier") = py::none())
      .def("units_on", [](const unit_registry& r, const date& on, const std::optional<std::string>& tier) {
        return copies(r.units_on(on, tier_from(tier)));
      }, py::arg("on"), py::arg("tier") = py::none())
      .def("get_merger", &unit_registry::get_merger, py::arg("id"))
      .def("_aggregate", [](const unit_registry& r, const std::vector<std::string>& sources, const std::vector<std::string>& targets,
                            const date& on, const Eigen::Ref<const Eigen::MatrixXd>& values) {
        return apply(aggregation_matrix(r, sources, targets, on), values, "roll_up");
      })
      .def("_merge", [](const unit_registry& r, const std::string& merger_id, const std::vector<std::string>& old_codes,
                        const std::vector<std::string>& new_codes, const Eigen::Ref<const Eigen::MatrixXd>& values) {
        return apply(merger_matrix(r.get_merger(merger_id), old_codes, new_codes), values, "across_merger");
      })
      .def("__repr__", [](const unit_registry& r) { return "UnitRegistry(" + std::to_string(r.size()) + " units)"; });
}

}  // namespace treem::python
