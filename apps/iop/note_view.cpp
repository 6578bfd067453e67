#include "note_view.hpp"

#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "session_view.hpp"
#include "terminal.hpp"

#include <algorithm>
#include <cctype>
#include <iostream>

namespace iop::app {

namespace {

Json text_or_null(const std::optional<std::string>& v) {
  return v ? Json(*v) : Json();
}

// What to run next for this row: write, fix, sign, or nothing.
Json next_command(const std::optional<Note>& note, const ParsedNote* parsed, const Session& s, std::int64_t client) {
  if (!note) {
    const bool needs_client = s.type == "couples" || s.type == "group";
    return "iop note add " + std::to_string(s.id) + (needs_client ? " --client " + std::to_string(client) : "");
  }
  if (note->is_signed()) {
    return Json();
  }
  const std::string id = std::to_string(note->id);
  return parsed->signable() ? "iop note sign " + id + " --by " + std::to_string(s.clinician_id) : "iop note edit " + id;
}

void print_indented(const std::string& text) {
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    std::cout << (line.empty() ? "" : "  ") << line << '\n';
    if (end == std::string::npos) {
      break;
    }
    start = end + 1;
  }
}

} // namespace

const Session& NoteLookup::session(std::int64_t id) {
  auto it = m_sessions.find(id);
  if (it == m_sessions.end()) {
    it = m_sessions.emplace(id, get_session(m_db, id)).first;
  }
  return it->second;
}

Json addendum_json(const NoteAddendum& a, NoteLookup& names) {
  return Json{{"id", a.id},
              {"note_id", a.note_id},
              {"number", a.number},
              {"body", a.body},
              {"signed_by", a.signed_by},
              {"signed_by_name", names.clinician(a.signed_by)},
              {"signed_at", a.signed_at},
              {"sha256", a.content_sha256}};
}

Json note_json(const std::optional<Note>& note, const Session& s, std::int64_t client_id, NoteLookup& names,
               Instant now, int due_hours) {
  const std::optional<ParsedNote> parsed = note ? std::optional<ParsedNote>(note->parsed()) : std::nullopt;
  Json sections = Json::array();
  Json problems = Json::array();
  Json addenda = Json::array();
  if (parsed) {
    for (const auto& sec : parsed->sections) {
      sections.push_back({{"name", sec.name}, {"text", sec.text}});
    }
    problems = parsed->problems;
    for (const auto& a : note->addenda) {
      addenda.push_back(addendum_json(a, names));
    }
  }
  const bool is_signed = note && note->is_signed();
  const Instant due = note_due_at(s, due_hours);
  Json signed_by;
  Json signed_by_name;
  if (note && note->signed_by) {
    signed_by = *note->signed_by;
    signed_by_name = names.clinician(*note->signed_by);
  }
  return Json{{"id", note ? Json(note->id) : Json()},
              {"session_id", s.id},
              {"client_id", client_id},
              {"client", names.client(client_id)},
              {"clinician_id", s.clinician_id},
              {"clinician", s.clinician_name},
              {"session", session_json(s)},
              {"template", note ? Json(note->template_name) : Json()},
              {"status", !note       ? "missing"
                         : is_signed ? "signed"
                                     : "draft"},
              {"body", note ? Json(note->body) : Json()},
              {"sections", sections},
              {"problems", problems},
              {"author", note ? Json(note->author) : Json()},
              {"created_at", note ? Json(note->created_at) : Json()},
              {"updated_at", note ? Json(note->updated_at) : Json()},
              {"signed_by", signed_by},
              {"signed_by_name", signed_by_name},
              {"signed_at", note ? text_or_null(note->signed_at) : Json()},
              {"sha256", note ? text_or_null(note->content_sha256) : Json()},
              {"addenda", addenda},
              {"due_at", format_rfc3339(due, s.timezone)},
              {"overdue", !is_signed && now > due},
              {"next", next_command(note, parsed ? &*parsed : nullptr, s, client_id)}};
}

// The note for a person: facts first, then the sections, then the addenda in order.
void print_note(Context& ctx, const Json& r, const Session& s) {
  const std::string zone = ctx.zone();
  const bool color = use_color(stdout);
  auto field = [&](const std::string& label, const std::string& value) {
    if (!value.empty()) {
      std::cout << dim(label + std::string(label.size() < 10 ? 10 - label.size() : 0, ' '), color) << "  " << value
                << '\n';
    }
  };
  const std::string status = r.at("status").get<std::string>();
  std::string tmpl = r.at("template").get<std::string>();
  std::transform(tmpl.begin(), tmpl.end(), tmpl.begin(), [](unsigned char c) { return std::toupper(c); });
  std::cout << bold("Note " + as_text(r.at("id")) + " \u00b7 " + status + " \u00b7 " + tmpl, color) << '\n';
  field("client", r.at("client").get<std::string>() + " (client " + as_text(r.at("client_id")) + ")");
  field("session", std::to_string(s.id) + " \u00b7 " + type_label(s.type) + " \u00b7 " + format_local(s.start, zone) +
                       "\u2013" + format_hhmm(s.end, zone) + " " + zone_abbreviation(s.start, zone) + " \u00b7 " +
                       s.modality);
  if (s.actual_start && s.actual_end) {
    field("attended", format_hhmm(*s.actual_start, zone) + "\u2013" + format_hhmm(*s.actual_end, zone) + " (" +
                          std::to_string(s.actual_minutes().value_or(0)) + " minutes)");
  }
  if (s.type == "couples" || s.type == "group") {
    std::string who;
    for (const auto& p : s.participants) {
      who += (who.empty() ? "" : ", ") + p.name + (p.attendance ? " " + *p.attendance : "");
    }
    field("present", who);
  }
  field("clinician", s.clinician_name + " (clinician " + std::to_string(s.clinician_id) + ")");
  field("written", "by " + as_text(r.at("author")) + " \u00b7 " + local_time(as_text(r.at("created_at")), zone) +
                       " \u00b7 updated " + local_time(as_text(r.at("updated_at")), zone));
  if (status == "signed") {
    field("signed", as_text(r.at("signed_by_name")) + " \u00b7 " + local_time(as_text(r.at("signed_at")), zone));
    field("sha256", as_text(r.at("sha256")));
  } else {
    const auto due = parse_utc(as_text(r.at("due_at")));
    field("due", (due ? local_time(*due, zone) : "") + (r.at("overdue").get<bool>() ? " (overdue)" : ""));
    for (const auto& p : r.at("problems")) {
      field("to sign", p.get<std::string>());
    }
  }
  const Json& sections = r.at("sections");
  const std::string preamble =
      parse_note(r.at("body").get<std::string>(), r.at("template").get<std::string>()).preamble;
  if (!preamble.empty()) {
    std::cout << '\n' << bold("(before the first heading)", color) << '\n';
    print_indented(preamble);
  }
  for (const auto& sec : sections) {
    std::cout << '\n' << bold(sec.at("name").get<std::string>(), color) << '\n';
    const std::string text = sec.at("text").get<std::string>();
    if (text.empty()) {
      std::cout << dim("  (empty)", color) << '\n';
    }
    print_indented(text);
  }
  for (const auto& a : r.at("addenda")) {
    std::cout << '\n'
              << bold("Addendum " + as_text(a.at("number")) + " \u00b7 " +
                          local_time(as_text(a.at("signed_at")), zone) + " \u00b7 " + as_text(a.at("signed_by_name")),
                      color)
              << '\n';
    print_indented(a.at("body").get<std::string>());
    std::cout << dim("  sha256 " + as_text(a.at("sha256")), color) << '\n';
  }
}

} // namespace iop::app
