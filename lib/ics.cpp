#include "iop/ics.hpp"

#include "session_store.hpp"

#include "iop/dates.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <memory>

namespace iop {

namespace {

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentFree>;

icaltimetype utc_time(Instant at) {
  return icaltime_from_timet_with_zone(static_cast<time_t>(at.time_since_epoch().count()), 0,
                                       icaltimezone_get_utc_timezone());
}

bool is_cancelled(const Session& s) {
  return s.status == "cancelled" || s.status == "late-cancel";
}

// The clients of a session as the summary shows them: initials, or full names.
std::string who(const Session& s, bool full_names) {
  if (s.type == "group") {
    return s.subject;
  }
  std::string out;
  if (!s.participants.empty()) {
    for (const auto& p : s.participants) {
      out += (out.empty() ? "" : " & ") + (full_names ? p.name : initials(p.name));
    }
    return out;
  }
  if (full_names) {
    return s.subject;
  }
  // No participant rows: the subject is "First Last" or "First Last & First Last".
  std::string_view rest = s.subject;
  while (!rest.empty()) {
    const auto amp = rest.find(" & ");
    out += (out.empty() ? "" : " & ") + initials(rest.substr(0, amp));
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 3);
  }
  return out;
}

std::string description(const Session& s) {
  std::string text = type_label(s.type) + " session with " + s.clinician_name + "\n" + std::to_string(s.minutes()) +
                     " minutes, " + s.modality;
  if (s.link) {
    text += "\nJoin: " + *s.link;
  }
  text += "\nStatus: " + s.status + "\niop session " + std::to_string(s.id);
  return text;
}

} // namespace

std::string initials(std::string_view full_name) {
  std::string out;
  bool at_word_start = true;
  for (std::size_t i = 0; i < full_name.size();) {
    const unsigned char c = static_cast<unsigned char>(full_name[i]);
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    const bool separator = c == ' ' || c == '\t';
    if (separator) {
      at_word_start = true;
    } else if (at_word_start) {
      out += full_name.substr(i, std::min(len, full_name.size() - i));
      out += '.';
      at_word_start = false;
    }
    i += len;
  }
  return out;
}

std::string ics_summary(const Session& s, bool full_names) {
  return type_label(s.type) + ": " + who(s, full_names);
}

std::string ics_uid(const Session& s) {
  std::string created;
  for (char c : s.created_at) {
    if (c != '-' && c != ':') {
      created += c;
    }
  }
  return "iop-session-" + std::to_string(s.id) + (created.empty() ? "" : "-" + created) + "@iop";
}

std::string sessions_to_ics(const std::vector<Session>& sessions, const IcsOptions& options) {
  ComponentPtr calendar(icalcomponent_new_vcalendar());
  icalcomponent_add_property(calendar.get(), icalproperty_new_prodid("-//iop//iop " IOP_VERSION "//EN"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  if (!options.calendar_name.empty()) {
    icalproperty* name = icalproperty_new_x(options.calendar_name.c_str());
    icalproperty_set_x_name(name, "X-WR-CALNAME");
    icalcomponent_add_property(calendar.get(), name);
  }
  const icaltimetype stamp = utc_time(options.stamp);
  for (const Session& s : sessions) {
    icalcomponent* event = icalcomponent_new_vevent();
    icalcomponent_add_property(event, icalproperty_new_uid(ics_uid(s).c_str()));
    icalcomponent_add_property(event, icalproperty_new_dtstamp(stamp));
    icalcomponent_add_property(event, icalproperty_new_dtstart(utc_time(s.start)));
    icalcomponent_add_property(event, icalproperty_new_dtend(utc_time(s.end)));
    icalcomponent_add_property(event, icalproperty_new_summary(ics_summary(s, options.full_names).c_str()));
    icalcomponent_add_property(event, icalproperty_new_description(description(s).c_str()));
    if (s.link && !s.link->empty()) {
      icalcomponent_add_property(event, icalproperty_new_location(s.link->c_str()));
      icalcomponent_add_property(event, icalproperty_new_url(s.link->c_str()));
    }
    icalcomponent_add_property(
        event, icalproperty_new_status(is_cancelled(s) ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
    icalcomponent_add_property(event,
                               icalproperty_new_transp(is_cancelled(s) ? ICAL_TRANSP_TRANSPARENT : ICAL_TRANSP_OPAQUE));
    const auto seq = options.sequences.find(s.id);
    icalcomponent_add_property(event, icalproperty_new_sequence(seq == options.sequences.end() ? 0 : seq->second));
    icalcomponent_add_property(event, icalproperty_new_class(ICAL_CLASS_PRIVATE));
    icalcomponent_add_component(calendar.get(), event);
  }
  char* text = icalcomponent_as_ical_string_r(calendar.get());
  std::string out = text ? text : "";
  std::free(text);
  return out;
}

std::map<std::int64_t, int> session_change_counts(Database& db, const std::vector<Session>& sessions) {
  std::map<std::int64_t, int> counts;
  for (const Session& s : sessions) {
    counts[s.id] = store::history_count(db, s.id);
  }
  return counts;
}

} // namespace iop
