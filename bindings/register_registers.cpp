// Registers: the registers the library's reader cleaned (bound objects with numpy views), the
// synthetic generator (columns as numpy arrays) and pseudonyms.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "columns.hpp"
#include "date_caster.hpp"
#include "register.hpp"
#include "treem/data/bundled.hpp"
#include "treem/io/arrow_export.hpp"
#include "table_input.hpp"
#include "treem/registers/child_register_reader.hpp"
#include "treem/registers/incident_register_reader.hpp"
#include "treem/registers/pseudonym.hpp"

namespace py = pybind11;

namespace treem::python {

namespace {

// A column of strings kept in treem's memory: Arrow takes it without a copy through
// `__arrow_c_array__` (large_utf8); without pyarrow, `to_list()` makes the Python strings.
struct strings_for_python {
  std::shared_ptr<const string_column> column;
};

py::tuple arrow_capsules(const strings_for_python& s) {
  auto* schema = new ArrowSchema{};
  auto* array = new ArrowArray{};
  io::export_strings(s.column, schema, array);
  py::capsule schema_capsule(schema, "arrow_schema", [](PyObject* o) {
    auto* p = static_cast<ArrowSchema*>(PyCapsule_GetPointer(o, "arrow_schema"));
    if (p->release != nullptr) p->release(p);
    delete p;
  });
  py::capsule array_capsule(array, "arrow_array", [](PyObject* o) {
    auto* p = static_cast<ArrowArray*>(PyCapsule_GetPointer(o, "arrow_array"));
    if (p->release != nullptr) p->release(p);
    delete p;
  });
  return py::make_tuple(schema_capsule, array_capsule);
}

// The generator's child register for Python, moved into numpy arrays (the ids into a string column).
py::dict columns_of(registers::child_register&& c) {
  py::dict d;
  d["units"] = c.units;
  d["ethnicities"] = c.ethnicities;
  d["id"] = strings_for_python{std::make_shared<const string_column>(std::move(c.id))};
  d["unit"] = to_numpy(std::move(c.unit));
  d["sex"] = to_numpy<registers::sex, std::uint8_t>(std::move(c.child_sex));
  d["birth"] = to_numpy(std::move(c.birth));
  d["ethnicity"] = to_numpy(std::move(c.ethnicity));
  d["special_groups"] = to_numpy(std::move(c.special_groups));
  d["flags"] = to_numpy(std::move(c.flags));
  return d;
}

using child_result = registers::child_register_result;
using incident_result = registers::incident_register_result;

template <class Out, class T>
auto child_column(std::vector<T> registers::child_register::*member) {
  return [member](const py::object& self) { return view_of<Out>(self.cast<const child_result&>().children.*member, self); };
}

template <class Out, class T>
auto incident_column(std::vector<T> registers::incident_register::*member) {
  return [member](const py::object& self) { return view_of<Out>(self.cast<const incident_result&>().incidents.*member, self); };
}

// A read register stays in C++: its columns are read-only numpy views (the ids an Arrow string
// column), and the indicator engine reads them as they are, never re-encoded from a DataFrame.
void register_read_registers(py::module_& m) {
  py::class_<child_result, std::shared_ptr<child_result>>(m, "ChildRegister", "A child register as the library's reader cleaned it.")
      .def("__len__", [](const child_result& r) { return r.children.size(); })
      .def_property_readonly("units", [](const child_result& r) { return r.children.units; }, "commune codes, indexed by `unit`")
      .def_property_readonly("ethnicities", [](const child_result& r) { return r.children.ethnicities; }, "ethnic groups, indexed by `ethnicity`")
      .def_property_readonly("id", [](const std::shared_ptr<child_result>& r) {
        return strings_for_python{std::shared_ptr<const string_column>(r, &r->children.id)};  // shares the register's ownership
      })
      .def_property_readonly("unit", child_column<std::uint32_t>(&registers::child_register::unit))
      .def_property_readonly("sex", child_column<std::uint8_t>(&registers::child_register::child_sex), "0 male, 1 female")
      .def_property_readonly("birth", child_column<std::int32_t>(&registers::child_register::birth), "days since 1970-01-01")
      .def_property_readonly("ethnicity", child_column<std::uint16_t>(&registers::child_register::ethnicity))
      .def_property_readonly("special_groups", child_column<std::uint16_t>(&registers::child_register::special_groups))
      .def_property_readonly("flags", child_column<std::uint8_t>(&registers::child_register::flags))
      .def_property_readonly("problems", [](const child_result& r) { return problem_list(r.problems); })
      .def_property_readonly("left_out", [](const child_result& r) { return exclusion_list(r.excluded); })
      .def_readonly("rows_read", &child_result::rows_read)
      .def_readonly("rows_rejected", &child_result::rows_rejected);

  py::class_<incident_result, std::shared_ptr<incident_result>>(m, "IncidentRegister", "An incident register as the library's reader cleaned it.")
      .def("__len__", [](const incident_result& r) { return r.incidents.size(); })
      .def_property_readonly("units", [](const incident_result& r) { return r.incidents.units; })
      .def_property_readonly("unit", incident_column<std::uint32_t>(&registers::incident_register::unit))
      .def_property_readonly("day", incident_column<std::int32_t>(&registers::incident_register::day), "days since 1970-01-01")
      .def_property_readonly("kind", incident_column<std::uint8_t>(&registers::incident_register::kind), "codes of vocabulary()['incident_kinds']")
      .def_property_readonly("fatal", incident_column<std::uint8_t>(&registers::incident_register::fatal))
      .def_property_readonly("sex", incident_column<std::uint8_t>(&registers::incident_register::child_sex), "0 male, 1 female, 2 unknown")
      .def_property_readonly("age", incident_column<std::uint8_t>(&registers::incident_register::child_age), "255: unknown")
      .def_property_readonly("environment", incident_column<std::uint8_t>(&registers::incident_register::where))
      .def_property_readonly("plan_in_time", incident_column<std::int8_t>(&registers::incident_register::plan_in_time), "1 yes, 0 no, -1 unknown")
      .def_property_readonly("case_id", [](const incident_result& r) { return r.incidents.case_id; }, "empty when the register has no case_id column")
      .def_property_readonly("problems", [](const incident_result& r) { return problem_list(r.problems); })
      .def_property_readonly("left_out", [](const incident_result& r) { return exclusion_list(r.excluded); })
      .def_readonly("rows_read", &incident_result::rows_read)
      .def_readonly("rows_rejected", &incident_result::rows_rejected);
}

}  // namespace

void register_registers(py::module_& m) {
  py::class_<strings_for_python>(m, "_StringColumn", "A column of strings in treem's memory (Arrow large_utf8).")
      .def("__len__", [](const strings_for_python& s) { return s.column->size(); })
      .def("__arrow_c_array__", [](const strings_for_python& s, const py::object&) { return arrow_capsules(s); }, py::arg("requested_schema") = py::none())
      .def("to_list", [](const strings_for_python& s) {
        py::list out(s.column->size());
        for (std::size_t i = 0; i < s.column->size(); ++i) {
          const std::string_view v = (*s.column)[i];
          PyObject* o = PyUnicode_FromStringAndSize(v.data(), static_cast<Py_ssize_t>(v.size()));
          if (o == nullptr) throw py::error_already_set();
          PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i), o);
        }
        return out;
      });
  register_read_registers(m);

  m.def("_generate_registers", [](const std::string& units, std::uint64_t seed, const date& reference) {
    registers::generated_registers g;
    {
      const auto unit_list = data::generator_units(units, reference);
      py::gil_scoped_release release;
      g = registers::generate_registers(unit_list, data::synthetic_generator_parameters(), seed, reference);
    }
    py::dict children = columns_of(std::move(g.children));
    py::dict incidents;
    incidents["units"] = g.incidents.units;
    incidents["unit"] = to_numpy(std::move(g.incidents.unit));
    incidents["day"] = to_numpy(std::move(g.incidents.day));
    std::vector<std::uint8_t> kinds;
    for (auto k : g.incidents.kind) kinds.push_back(static_cast<std::uint8_t>(k));
    incidents["kind"] = to_numpy(std::move(kinds));
    incidents["fatal"] = to_numpy(std::move(g.incidents.fatal));
    incidents["sex"] = to_numpy<registers::sex, std::uint8_t>(std::move(g.incidents.child_sex));
    incidents["age"] = to_numpy(std::move(g.incidents.child_age));
    incidents["environment"] = to_numpy<registers::environment, std::uint8_t>(std::move(g.incidents.where));
    incidents["plan_in_time"] = to_numpy(std::move(g.incidents.plan_in_time));
    return py::make_tuple(children, incidents);
  }, py::arg("units"), py::arg("seed"), py::arg("reference_date"));

  // The vocabulary of the tables, defined once in C++ (treem/registers/vocabulary.hpp).
  m.def("vocabulary", [] {
    auto words = [](auto begin, auto end) {
      py::tuple t(static_cast<std::size_t>(end - begin));
      for (auto it = begin; it != end; ++it) t[static_cast<std::size_t>(it - begin)] = std::string(*it);
      return t;
    };
    auto schema = [&](const registers::table_schema& s) {
      py::dict d;
      for (const auto& c : s.columns) d[py::str(std::string(c.field))] = words(c.accepted.begin(), c.accepted.end());
      return d;
    };
    py::dict v;
    v["incident_kinds"] = words(std::begin(registers::incident_kind_names), std::end(registers::incident_kind_names));
    v["incident_kinds_vi"] = words(std::begin(registers::incident_kind_names_vi), std::end(registers::incident_kind_names_vi));
    v["environments"] = words(std::begin(registers::environment_names), std::end(registers::environment_names));
    v["environments_vi"] = words(std::begin(registers::environment_names_vi), std::end(registers::environment_names_vi));
    v["special_group_letters"] = words(registers::special_group_letters.begin(), registers::special_group_letters.end());
    v["male"] = words(std::begin(registers::male_spellings), std::end(registers::male_spellings));
    v["female"] = words(std::begin(registers::female_spellings), std::end(registers::female_spellings));
    v["yes"] = words(std::begin(registers::yes_spellings), std::end(registers::yes_spellings));
    v["no"] = words(std::begin(registers::no_spellings), std::end(registers::no_spellings));
    v["child_flags"] = words(std::begin(registers::child_flag_names), std::end(registers::child_flag_names));
    v["child_register_columns"] = schema(registers::child_register_schema());
    v["incident_register_columns"] = schema(registers::incident_register_schema());
    v["case_register_columns"] = schema(registers::case_register_schema());
    v["assessment_columns"] = schema(registers::assessment_schema());
    v["submission_columns"] = schema(registers::submissions_schema());
    v["publish_log_columns"] = schema(registers::publish_log_schema());
    v["personal_data_columns"] = words(registers::personal_data_columns().begin(), registers::personal_data_columns().end());
    return v;
  }, "The words of treem's tables: column names (English and Vietnamese), sex and yes/no spellings, incident kinds, environments.");

  m.def("_synthetic_units_toml", [](const std::string& which) {
    return which == "sonha" ? std::string(data::embedded::units_quang_ngai_son_ha) : data::synthetic_units_toml(data::generator_units(which));
  }, py::arg("units"));

  py::class_<registers::pseudonymiser>(m, "Pseudonymiser", "HMAC-SHA-256 pseudonyms of ids under a secret key (at least 16 bytes).")
      .def(py::init<std::string>(), py::arg("key"))
      .def("__call__", [](const registers::pseudonymiser& p, const std::string& id) { return p(id); }, py::arg("id"))
      .def("many", [](const registers::pseudonymiser& p, const std::vector<std::string>& ids) {
        std::vector<std::string> out;
        out.reserve(ids.size());
        for (const auto& id : ids) out.push_back(p(id));
        return out;
      }, py::arg("ids"))
      .def("__repr__", [](const registers::pseudonymiser&) { return std::string("Pseudonymiser(key=<hidden>)"); });

  // Both ways in go through the library's one reader: a frame's columns (pandas, polars, Arrow) or a
  // CSV file, read in blocks cleaned on `threads` threads without the GIL. `progress(done, total)`
  // is called with the GIL after each block: it may print, and a KeyboardInterrupt in it cancels.
  m.def("_read_child_register", [](const py::object& table, const std::string& path, const std::string& source,
                                   const unit_registry& units, const date& reference, bool lenient, const registers::pseudonymiser* key,
                                   const py::object& progress, unsigned threads, std::size_t rows) {
    registers::read_options options;
    options.mode = lenient ? registers::read_mode::lenient : registers::read_mode::strict;
    options.key = key;
    options.threads = threads;
    options.progress = [&](std::size_t done, std::size_t total) {
      py::gil_scoped_acquire acquire;
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
      if (!progress.is_none()) progress(done, total);
      return true;
    };
    registers::child_register_result r;
    std::unique_ptr<io::table_source> input;
    if (path.empty()) input = table_source_of(table, source, rows);
    else input = io::csv_source::open(path, {}, source);
    {
      py::gil_scoped_release release;
      r = registers::read_child_register(*input, units, reference, options);
    }
    return std::make_shared<child_result>(std::move(r));
  }, py::arg("table"), py::arg("path"), py::arg("source"), py::arg("units"), py::arg("reference_date"), py::arg("lenient"),
     py::arg("key") = nullptr, py::arg("progress") = py::none(), py::arg("threads") = 0, py::arg("rows") = 0);
}

}  // namespace treem::python
