// iCalendar (RFC 5545) export of a plan's calendar: one all-day VEVENT per deadline or event.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

#include "treem/plan/plan_calendar.hpp"
#include "treem/version.hpp"

namespace treem::plan {

namespace detail {

/// TEXT value escaping (RFC 5545 §3.3.11).
inline std::string ical_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default: out += c;
    }
  }
  return out;
}

/// Content lines longer than 75 octets are folded (RFC 5545 §3.1), never inside a UTF-8 sequence.
inline void ical_line(std::string& out, std::string_view line) {
  std::size_t limit = 75;
  while (line.size() > limit) {
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // continuation byte
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = 74;  // the leading space of a continuation line counts
  }
  out.append(line);
  out += "\r\n";
}

inline std::string ical_date(const date& d) {
  std::string iso = format_iso(d);
  iso.erase(std::remove(iso.begin(), iso.end(), '-'), iso.end());
  return iso;
}

}  // namespace detail

/// The calendar as an iCalendar stream. `dtstamp` is the UTC time the export was made, as
/// "yyyymmddThhmmssZ" (callers pass it so that output is reproducible).
[[nodiscard]] inline std::string to_icalendar(const plan& p, const plan_calendar& cal, std::string_view dtstamp) {
  std::string out;
  using detail::ical_escape;
  using detail::ical_line;
  ical_line(out, "BEGIN:VCALENDAR");
  ical_line(out, "VERSION:2.0");
  ical_line(out, std::string("PRODID:-//treem//treem ") + version_string + "//VI");
  ical_line(out, "CALSCALE:GREGORIAN");
  ical_line(out, "X-WR-CALNAME:" + ical_escape(p.document.title + " " + p.document.subtitle));
  for (const auto& e : cal.entries) {
    ical_line(out, "BEGIN:VEVENT");
    ical_line(out, "UID:" + e.id + "." + std::to_string(e.start.year()) + "@" + p.id + ".treem");
    ical_line(out, "DTSTAMP:" + std::string(dtstamp));
    ical_line(out, "DTSTART;VALUE=DATE:" + detail::ical_date(e.start));
    // DTEND of an all-day event is exclusive.
    ical_line(out, "DTEND;VALUE=DATE:" + detail::ical_date(e.end + date_duration(1)));
    const std::string summary = e.kind == entry_kind::deadline ? "Hạn báo cáo: " + e.name : e.name;
    ical_line(out, "SUMMARY:" + ical_escape(summary));
    std::string description = e.detail;
    std::string who;
    for (const auto& a : e.agencies) {
      const agency* ag = p.find_agency(a);
      who += (who.empty() ? "" : ", ") + (ag ? ag->short_name : a);
    }
    if (!who.empty()) description += (description.empty() ? "" : "\n") + std::string("Cơ quan: ") + who;
    description += (description.empty() ? "" : "\n") + std::string("Kế hoạch mục ") + e.source;
    ical_line(out, "DESCRIPTION:" + ical_escape(description));
    ical_line(out, std::string("CATEGORIES:") + (e.kind == entry_kind::deadline ? "DEADLINE" : "EVENT"));
    ical_line(out, "TRANSP:TRANSPARENT");
    ical_line(out, "END:VEVENT");
  }
  ical_line(out, "END:VCALENDAR");
  return out;
}

}  // namespace treem::plan
