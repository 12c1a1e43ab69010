// Registers: the synthetic generator (columns as numpy arrays) and pseudonyms.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "columns.hpp"
#include "date_caster.hpp"
#include "register.hpp"
#include "treem/data/bundled.hpp"
#include "io/csv_stream.hpp"
#include "treem/registers/child_register_reader.hpp"
#include "treem/registers/pseudonym.hpp"

namespace py = pybind11;

namespace treem::python {

namespace {

// The child register's columns for Python, moved into numpy arrays.
py::dict columns(registers::child_register&& c) {
  py::dict d;
  d["units"] = c.units;
  d["ethnicities"] = c.ethnicities;
  d["id"] = std::move(c.id);
  d["unit"] = to_numpy(std::move(c.unit));
  d["sex"] = to_numpy<registers::sex, std::uint8_t>(std::move(c.child_sex));
  d["birth"] = to_numpy(std::move(c.birth));
  d["ethnicity"] = to_numpy(std::move(c.ethnicity));
  d["special_groups"] = to_numpy(std::move(c.special_groups));
  d["flags"] = to_numpy(std::move(c.flags));
  return d;
}

}  // namespace

void register_registers(py::module_& m) {
  m.def("_generate_registers", [](const std::string& units, std::uint64_t seed, const date& reference) {
    registers::generated_registers g;
    {
      const auto unit_list = data::generator_units(units, reference);
      py::gil_scoped_release release;
      g = registers::generate_registers(unit_list, data::synthetic_generator_parameters(), seed, reference);
    }
    py::dict children = columns(std::move(g.children));
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

  m.def("_read_child_register", [](const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                                   const std::string& source, const unit_registry& units, const date& reference, bool lenient,
                                   const registers::pseudonymiser* key) {
    const io::string_table t = table_from_rows(header, rows, source);
    registers::child_register_result r;
    {
      py::gil_scoped_release release;
      r = registers::read_child_register(t, units, reference, lenient ? registers::read_mode::lenient : registers::read_mode::strict, key);
    }
    py::dict children = columns(std::move(r.children));
    return py::make_tuple(children, problem_list(r.problems), r.rows_read, r.rows_rejected);
  }, py::arg("header"), py::arg("rows"), py::arg("source"), py::arg("units"), py::arg("reference_date"), py::arg("lenient"),
     py::arg("key") = nullptr);

  // A CSV file read in chunks without the GIL; `progress(done, total)` is called with the GIL after
  // each block (about 1 MiB): it may print, and a KeyboardInterrupt in it cancels the read.
  m.def("_read_child_register_file", [](const std::string& path, const unit_registry& units, const date& reference, bool lenient,
                                        const registers::pseudonymiser* key, const py::object& progress) {
    registers::child_register_builder builder(units, reference, lenient ? registers::read_mode::lenient : registers::read_mode::strict, key);
    {
      py::gil_scoped_release release;
      io::read_csv_file(path, 1 << 16, [&](const io::string_table& chunk) { builder.add(chunk); },
                        [&](std::size_t done, std::size_t total) {
                          py::gil_scoped_acquire acquire;
                          if (PyErr_CheckSignals() != 0) throw py::error_already_set();
                          if (!progress.is_none()) progress(done, total);
                          return true;
                        });
    }
    auto r = builder.finish();
    py::dict children = columns(std::move(r.children));
    return py::make_tuple(children, problem_list(r.problems), r.rows_read, r.rows_rejected);
  }, py::arg("path"), py::arg("units"), py::arg("reference_date"), py::arg("lenient"), py::arg("key") = nullptr,
     py::arg("progress") = py::none());
}

}  // namespace treem::python
