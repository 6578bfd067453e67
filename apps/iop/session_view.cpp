#include "session_view.hpp"

#include "iop/local_time.hpp"

namespace iop::app {

namespace {

Json optional_json(const auto& v) {
  return v ? Json(*v) : Json();
}

Json optional_time(const std::optional<Instant>& at, const std::string& zone) {
  return at ? Json(format_rfc3339(*at, zone)) : Json();
}

Instant start_of(const Json& row) {
  return parse_utc(row.at("start_utc").get<std::string>()).value_or(Instant{});
}
Instant end_of(const Json& row) {
  return parse_utc(row.at("end_utc").get<std::string>()).value_or(Instant{});
}

} // namespace

Json session_json(const Session& s) {
  Json participants = Json::array();
  for (const auto& p : s.participants) {
    participants.push_back({{"client_id", p.client_id},
                            {"name", p.name},
                            {"timezone", p.timezone},
                            {"attendance", optional_json(p.attendance)}});
  }
  Json out{{"id", s.id},
           {"type", s.type},
           {"status", s.status},
           {"start", format_rfc3339(s.start, s.timezone)},
           {"end", format_rfc3339(s.end, s.timezone)},
           {"start_utc", format_utc(s.start)},
           {"end_utc", format_utc(s.end)},
           {"timezone", s.timezone},
           {"minutes", s.minutes()},
           {"clinician_id", s.clinician_id},
           {"clinician", s.clinician_name},
           {"client_id", optional_json(s.client_id)},
           {"couple_id", optional_json(s.couple_id)},
           {"group_id", optional_json(s.group_id)},
           {"subject", s.subject},
           {"participants", participants},
           {"modality", s.modality},
           {"link", optional_json(s.link)},
           {"note_text", optional_json(s.note_text)},
           {"actual_start", optional_time(s.actual_start, s.timezone)},
           {"actual_end", optional_time(s.actual_end, s.timezone)},
           {"actual_minutes", optional_json(s.actual_minutes())},
           {"series_id", optional_json(s.series_id)},
           {"cancel_reason", optional_json(s.cancel_reason)},
           {"created_at", s.created_at}};
  if (s.type == "couples") {
    // Who the joint session is billed to, when set on the session (else the couple's identified patient).
    out["identified_patient"] = optional_json(s.identified_patient);
    out["patient_present"] = s.patient_present;
  }
  return out;
}

std::vector<Column> session_columns(const std::string& viewer_zone) {
  return {
      {"id", "ID", nullptr, true},
      {"start", "WHEN",
       [viewer_zone](const Json& r) {
         return format_local(start_of(r), viewer_zone) + "\u2013" + format_hhmm(end_of(r), viewer_zone);
       }},
      {"type", "TYPE", [](const Json& r) { return type_label(r.at("type").get<std::string>()); }},
      {"subject", "WHO"},
      {"clinician", "CLINICIAN"},
      {"modality", "MODALITY"},
      {"status", "STATUS"},
  };
}

std::vector<Column> session_fields(const std::string& viewer_zone) {
  auto when = [viewer_zone](const Json& r) {
    std::string text = format_local(start_of(r), viewer_zone) + "\u2013" + format_hhmm(end_of(r), viewer_zone) + " " +
                       zone_abbreviation(start_of(r), viewer_zone);
    const std::string zone = r.at("timezone").get<std::string>();
    if (zone != viewer_zone) {
      text += " (" + format_hhmm(start_of(r), zone) + " " + zone_abbreviation(start_of(r), zone) + ", " + zone + ")";
    }
    return text;
  };
  auto people = [](const Json& r) {
    std::string text;
    for (const auto& p : r.at("participants")) {
      text += (text.empty() ? "" : ", ") + p.at("name").get<std::string>() + " (" +
              std::to_string(p.at("client_id").get<std::int64_t>()) + ")";
      if (!p.at("attendance").is_null()) {
        text += " " + p.at("attendance").get<std::string>();
      }
    }
    return text;
  };
  return {
      {"id", "id"},
      {"type", "type", [](const Json& r) { return type_label(r.at("type").get<std::string>()); }},
      {"start", "when", when},
      {"minutes", "minutes"},
      {"subject", "who"},
      {"participants", "participants", people},
      {"clinician", "clinician"},
      {"modality", "modality"},
      {"link", "link"},
      {"status", "status"},
      {"actual_start", "actual start"},
      {"actual_end", "actual end"},
      {"actual_minutes", "actual minutes"},
      {"series_id", "series"},
      {"cancel_reason", "cancel reason"},
      {"note_text", "note"},
  };
}

} // namespace iop::app
