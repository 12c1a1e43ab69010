// The report workbook: the same function as `treem report`, called with keywords.
#include <pybind11/stl.h>

#include "date_caster.hpp"
#include "register.hpp"
#include "report/district_report.hpp"
#include "report/xlsx_writer.hpp"

namespace py = pybind11;

namespace treem::python {

void register_report(py::module_& m) {
  m.def("_write_report", [](const std::string& out, const std::string& children, const std::string& incidents, const std::string& assessments,
                            const std::string& submissions, const std::string& plan, const std::string& units, const std::vector<std::string>& rules,
                            const std::string& period, const std::optional<date>& as_of, const date& made_on, const std::string& lang, int k,
                            int protection_upper) {
    report::report_request r{plan, units, children, incidents, assessments, submissions, rules, period, as_of, made_on,
                             lang == "en" ? language::en : language::vi, k, protection_upper};
    if (lang != "vi" && lang != "en") throw validation_error({"<argument lang>"}, "lang", treem::quoted(lang) + " is not 'vi' or 'en'");
    py::gil_scoped_release release;
    const report::workbook book = report::build_report(r);
    report::write_xlsx(book, out, static_cast<std::time_t>(to_epoch_days(made_on) * 86400));
    return book.sheets.size();
  }, py::kw_only(), py::arg("out"), py::arg("children"), py::arg("incidents") = "", py::arg("assessments") = "", py::arg("submissions") = "",
     py::arg("plan") = "", py::arg("units") = "", py::arg("rules") = std::vector<std::string>{}, py::arg("period") = "2024",
     py::arg("as_of") = std::nullopt, py::arg("made_on"), py::arg("lang") = "vi", py::arg("k") = 4,
     py::arg("protection_upper") = 0,
     "Writes the report workbook to `out`, exactly as `treem report` does; returns the number of sheets.");
}

}  // namespace treem::python
