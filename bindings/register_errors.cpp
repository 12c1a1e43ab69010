// treem's C++ exceptions become Python exceptions with the same message, and with the location
// and field as attributes. ParseError and ValidationError are also ValueErrors, NotFoundError a
// LookupError, so code that catches the built-in kinds keeps working.
#include <string>

#include "register.hpp"
#include "treem/core/error.hpp"

namespace py = pybind11;

namespace treem::python {

namespace {

// The exception classes; pybind11 translators are plain functions, so they live here. The module
// holds a reference to each for the life of the process.
PyObject* base_class = nullptr;
PyObject* parse_class = nullptr;
PyObject* validation_class = nullptr;
PyObject* not_found_class = nullptr;

PyObject* new_exception(py::module_& m, const char* name, PyObject* bases, const char* doc) {
  const std::string qualified = std::string("treem._core.") + name;
  PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases, nullptr);
  if (!cls) throw py::error_already_set();
  m.add_object(name, py::handle(cls));  // the module keeps a reference for the process lifetime
  return cls;
}

void raise(PyObject* cls, const std::exception& e, const py::dict& attributes) {
  py::object instance = py::reinterpret_steal<py::object>(PyObject_CallOneArg(cls, py::str(e.what()).ptr()));
  if (!instance) return;  // the Python error from the call is already set
  for (auto item : attributes) py::setattr(instance, item.first, item.second);
  PyErr_SetObject(cls, instance.ptr());
}

py::dict location(const source_location& where) {
  py::dict d;
  d["source"] = where.source;
  d["line"] = where.line == 0 ? py::object(py::none()) : py::object(py::int_(where.line));
  d["column"] = where.column == 0 ? py::object(py::none()) : py::object(py::int_(where.column));
  return d;
}

}  // namespace

void register_errors(py::module_& m) {
  base_class = new_exception(m, "TreemError", PyExc_Exception, "Base of every error treem raises on purpose.");
  py::tuple value_bases = py::make_tuple(py::handle(base_class), py::handle(PyExc_ValueError));
  py::tuple lookup_bases = py::make_tuple(py::handle(base_class), py::handle(PyExc_LookupError));
  parse_class = new_exception(m, "ParseError", value_bases.ptr(), "Text that cannot be read; has source, line, column.");
  validation_class = new_exception(m, "ValidationError", value_bases.ptr(),
                                   "Input that breaks a rule; has source, line, column, field and rule.");
  not_found_class = new_exception(m, "NotFoundError", lookup_bases.ptr(), "A lookup that found nothing; has kind and key.");

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const parse_error& e) {
      raise(parse_class, e, location(e.where()));
    } catch (const validation_error& e) {
      py::dict d = location(e.where());
      d["field"] = e.field();
      d["rule"] = e.rule();
      raise(validation_class, e, d);
    } catch (const not_found_error& e) {
      py::dict d;
      d["kind"] = e.kind();
      d["key"] = e.key();
      raise(not_found_class, e, d);
    } catch (const error& e) {
      raise(base_class, e, py::dict());
    }
  });
}

}  // namespace treem::python
