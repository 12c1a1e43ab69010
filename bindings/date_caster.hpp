// boost::gregorian::date <-> datetime.date, so that every treem date is a plain Python date.
#pragma once

#include <pybind11/pybind11.h>

#include <datetime.h>

#include "treem/time/date.hpp"

namespace pybind11::detail {

template <>
struct type_caster<boost::gregorian::date> {
 public:
  PYBIND11_TYPE_CASTER(boost::gregorian::date, const_name("datetime.date"));

  bool load(handle src, bool) {
    if (!PyDateTimeAPI) PyDateTime_IMPORT;
    if (!src || !PyDate_Check(src.ptr())) return false;
    // A datetime is a date subclass; accept it only at midnight without a time zone (as pandas
    // gives normalised timestamps), never dropping a time of day silently.
    if (PyDateTime_Check(src.ptr())) {
      const bool midnight = PyDateTime_DATE_GET_HOUR(src.ptr()) == 0 && PyDateTime_DATE_GET_MINUTE(src.ptr()) == 0 &&
                            PyDateTime_DATE_GET_SECOND(src.ptr()) == 0 && PyDateTime_DATE_GET_MICROSECOND(src.ptr()) == 0;
      const bool naive = PyDateTime_DATE_GET_TZINFO(src.ptr()) == Py_None;
      if (!midnight || !naive) return false;
    }
    const int y = PyDateTime_GET_YEAR(src.ptr());
    if (y < treem::min_year || y > treem::max_year) {
      throw treem::validation_error({"<argument>"}, "date", "year " + std::to_string(y) + " is outside " +
                                                                std::to_string(treem::min_year) + "-" + std::to_string(treem::max_year));
    }
    value = boost::gregorian::date(static_cast<unsigned short>(y), static_cast<unsigned short>(PyDateTime_GET_MONTH(src.ptr())),
                                   static_cast<unsigned short>(PyDateTime_GET_DAY(src.ptr())));
    return true;
  }

  static handle cast(const boost::gregorian::date& d, return_value_policy, handle) {
    if (!PyDateTimeAPI) PyDateTime_IMPORT;
    if (d.is_special()) return none().release();
    return PyDate_FromDate(d.year(), d.month(), d.day());
  }
};

}  // namespace pybind11::detail
