// iop agenda [DATE] [--week] [--clinician ID]: the day's (or week's) sessions, by day and time,
// in the viewer's zone with each client's own time beside it when they live elsewhere.
#include "commands.hpp"
#include "iop/clinicians.hpp"
#include "iop/local_time.hpp"
#include "iop/notes.hpp"
#include "iop/sessions.hpp"
#include "output.hpp"
#include "session_view.hpp"
#include "terminal.hpp"

#include <date/tz.h>

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace iop::app {

namespace {

struct AgendaOptions {
  std::string date = "today";
  bool week = false;
  std::int64_t clinician = 0;
};

// The first instant of a calendar day in `zone` (the transition itself when midnight is skipped).
Instant start_of_day(const Date& day, const std::string& zone) {
  const date::time_zone* tz = date::locate_zone(zone);
  return std::chrono::floor<std::chrono::seconds>(tz->to_sys(date::local_days{day}, date::choose::earliest));
}

Date add_days(const Date& day, int n) {
  return Date{date::sys_days{day} + date::days{n}};
}

Date monday_of(const Date& day) {
  const date::sys_days sd{day};
  const date::weekday wd{sd};
  return Date{sd - date::days{wd.iso_encoding() - 1}};
}

// "Tuesday 1 December 2026"
std::string long_date(const Date& day) {
  static const char* const k_weekdays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                           "Thursday", "Friday", "Saturday"};
  static const char* const k_months[] = {"January", "February", "March",     "April",   "May",      "June",
                                         "July",    "August",   "September", "October", "November", "December"};
  const date::weekday wd{date::sys_days{day}};
  return std::string(k_weekdays[wd.c_encoding()]) + " " + std::to_string(static_cast<unsigned>(day.day())) + " " +
         k_months[static_cast<unsigned>(day.month()) - 1] + " " + std::to_string(static_cast<int>(day.year()));
}

// "4h 26m", "50m", "2h"
std::string duration_text(int minutes) {
  const int h = minutes / 60;
  const int m = minutes % 60;
  if (h == 0) {
    return std::to_string(m) + "m";
  }
  return std::to_string(h) + "h" + (m == 0 ? "" : " " + std::to_string(m) + "m");
}

std::string plural(int n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

bool is_cancelled(const Session& s) {
  return s.status == "cancelled" || s.status == "late-cancel";
}

// Who the session is for: the client, both partners, or the group and its size, with a client's
// own local start time beside their name when their zone is not the viewer's: "Ana Reed (12:00 EST)".
// Partners in the same other zone share one time at the end.
std::string who(const Session& s, const std::string& viewer_zone) {
  if (s.type == "group") {
    return s.subject + " (" + plural(static_cast<int>(s.participants.size()), "member", "members") + ")";
  }
  auto own_time = [&s](const std::string& zone) {
    return "(" + format_hhmm(s.start, zone) + " " + zone_abbreviation(s.start, zone) + ")";
  };
  std::set<std::string> zones;
  bool any_elsewhere = false;
  for (const auto& p : s.participants) {
    zones.insert(p.timezone);
    any_elsewhere = any_elsewhere || (!p.timezone.empty() && p.timezone != viewer_zone);
  }
  if (!any_elsewhere) {
    return s.subject;
  }
  if (zones.size() == 1) {
    return s.subject + " " + own_time(*zones.begin());
  }
  std::string text = s.subject;
  for (const auto& p : s.participants) {
    if (p.timezone.empty() || p.timezone == viewer_zone) {
      continue;
    }
    if (const auto at = text.find(p.name); at != std::string::npos) {
      text.insert(at + p.name.size(), " " + own_time(p.timezone));
    }
  }
  return text;
}

std::string pad(const std::string& text, std::size_t width) {
  const std::size_t w = display_width(text);
  return w >= width ? text : text + std::string(width - w, ' ');
}

// Dimmed and struck through, for cancelled sessions on a colour terminal.
std::string struck(const std::string& text, bool color) {
  return color ? "\x1b[2;9m" + text + "\x1b[0m" : text;
}

struct Line {
  const Session* session;
  std::vector<std::string> cells; // time, type, who, clinician, modality, status
};

void print_days(const std::vector<Session>& sessions, const std::string& zone, bool week) {
  const bool color = use_color(stdout);
  std::map<date::sys_days, std::vector<Line>> days;
  std::vector<std::size_t> widths(6, 0);
  for (const Session& s : sessions) {
    Line line{&s,
              {format_hhmm(s.start, zone) + "\u2013" + format_hhmm(s.end, zone), type_label(s.type), who(s, zone),
               s.clinician_name, s.modality, s.status}};
    for (std::size_t i = 0; i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], display_width(line.cells[i]));
    }
    days[date::sys_days{local_date(s.start, zone)}].push_back(std::move(line));
  }

  int total_count = 0;
  int total_minutes = 0;
  int total_cancelled = 0;
  bool first = true;
  for (const auto& [day, lines] : days) {
    if (!first) {
      std::cout << '\n';
    }
    first = false;
    std::cout << bold(long_date(Date{day}) + " \u00b7 " + zone, color) << '\n';
    int count = 0;
    int minutes = 0;
    int cancelled = 0;
    for (const Line& line : lines) {
      std::string text;
      for (std::size_t i = 0; i + 1 < line.cells.size(); ++i) {
        text += pad(line.cells[i], widths[i]) + "  ";
      }
      const std::string& status = line.cells.back();
      if (is_cancelled(*line.session)) {
        ++cancelled;
        std::cout << "  " << struck(text, color) << yellow(status, color) << '\n';
      } else {
        ++count;
        minutes += line.session->minutes();
        std::cout << "  " << text << status << '\n';
      }
    }
    std::string summary = plural(count, "session", "sessions") + " \u00b7 " + duration_text(minutes);
    if (cancelled > 0) {
      summary += " \u00b7 " + std::to_string(cancelled) + " cancelled";
    }
    std::cout << dim(summary, color) << '\n';
    total_count += count;
    total_minutes += minutes;
    total_cancelled += cancelled;
  }
  if (week && days.size() > 1) {
    std::string summary =
        "Week: " + plural(total_count, "session", "sessions") + " \u00b7 " + duration_text(total_minutes);
    if (total_cancelled > 0) {
      summary += " \u00b7 " + std::to_string(total_cancelled) + " cancelled";
    }
    std::cout << '\n' << bold(summary, color) << '\n';
  }
}

// The notes still to write or sign (the clinician's, with --clinician), under the sessions, so the
// morning view also shows what yesterday left open.
void print_notes_due(Context& ctx, const AgendaOptions& o) {
  NoteFilter filter;
  filter.unsigned_only = true;
  filter.now = ctx.clock().now();
  filter.due_hours = ctx.config().note_due_hours;
  if (o.clinician != 0) {
    filter.clinician_id = o.clinician;
  }
  const std::vector<NoteListEntry> due = list_notes(ctx.db(), filter);
  if (due.empty()) {
    return;
  }
  const auto overdue = std::count_if(due.begin(), due.end(), [](const NoteListEntry& e) { return e.overdue; });
  std::string line = plural(static_cast<int>(due.size()), "note", "notes") + " to write or sign";
  if (overdue > 0) {
    line += " \u00b7 " + std::to_string(overdue) + " overdue";
  }
  std::string command = "iop note list --unsigned";
  if (o.clinician != 0) {
    command += " --clinician " + std::to_string(o.clinician);
  }
  std::cout << '\n' << (overdue > 0 ? yellow(line, use_color(stdout)) : line) << " (" << command << ")\n";
}

void run_agenda(Context& ctx, const AgendaOptions& o) {
  const std::string zone = ctx.zone();
  const Date day = parse_date_relative(o.date, ctx.today(), "date");
  const Date first = o.week ? monday_of(day) : day;
  const Date last = o.week ? add_days(first, 6) : day;

  SessionFilter filter;
  filter.from = start_of_day(first, zone);
  filter.to = start_of_day(add_days(last, 1), zone);
  std::string whose;
  if (o.clinician != 0) {
    filter.clinician_id = o.clinician;
    whose = " for " + get_clinician(ctx.db(), o.clinician).display_name(); // iop::NotFound when unknown
  }
  const std::vector<Session> sessions = list_sessions(ctx.db(), filter);

  if (ctx.format() != Format::table || ctx.quiet()) {
    Json rows = Json::array();
    for (const Session& s : sessions) {
      rows.push_back(session_json(s));
    }
    print_list(ctx, rows, session_columns(zone));
    return;
  }
  if (sessions.empty()) {
    const std::string when = o.week ? "in the week of " + long_date(first) : "on " + long_date(day);
    std::cerr << "iop: no sessions " << when << whose << " (" << zone << ")\n";
    if (!o.week) {
      std::cerr << "hint: see the whole week with `iop agenda " << format_date(day) << " --week`\n";
    } else {
      std::cerr << "hint: see the next week with `iop agenda " << format_date(add_days(first, 7)) << " --week`\n";
    }
  } else {
    print_days(sessions, zone, o.week);
  }
  print_notes_due(ctx, o);
}

} // namespace

void register_agenda(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<AgendaOptions>();
  CLI::App* agenda = add_verb(app, ctx, "agenda", "the day's (or week's) sessions, by time, in your time zone",
                              [&ctx, o] { run_agenda(ctx, *o); });
  agenda->add_option("DATE", o->date, "the day (YYYY-MM-DD, today, tomorrow, yesterday; default today)");
  agenda->add_flag("--week", o->week, "the whole week (Monday to Sunday) that contains DATE");
  agenda->add_option("--clinician", o->clinician, "only this clinician's sessions")->check(CLI::PositiveNumber);
  agenda->footer("Times are in your zone (--tz, practice.timezone, TZ); a client's own time is shown beside\n"
                 "theirs when they live in another zone. Under the sessions: how many progress notes are still to\n"
                 "write or sign, and how many are past notes.due_hours. --format json prints sessions as\n"
                 "`iop session list` does.\n"
                 "Example:\n  iop agenda tomorrow --clinician 1\n  iop agenda 2026-12-01 --week --format json");
}

} // namespace iop::app
