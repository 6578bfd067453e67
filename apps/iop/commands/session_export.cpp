// iop session export --ics: sessions as an iCalendar file for a clinician's calendar app.
// register_session() in session.cpp calls register_session_export() last.
#include "commands.hpp"
#include "iop/clinicians.hpp"
#include "iop/errors.hpp"
#include "iop/ics.hpp"
#include "iop/sessions.hpp"
#include "output.hpp"

#include <date/tz.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace iop::app {

namespace {

constexpr int k_default_days = 90;

struct ExportOptions {
  bool ics = false;
  std::int64_t clinician = 0;
  std::string from;
  std::string to;
  std::string out;
  bool full_names = false;
};

Instant start_of_day(const Date& day, const std::string& zone) {
  const date::time_zone* tz = date::locate_zone(zone);
  return std::chrono::floor<std::chrono::seconds>(tz->to_sys(date::local_days{day}, date::choose::earliest));
}

Date add_days(const Date& day, int n) {
  return Date{date::sys_days{day} + date::days{n}};
}

std::string errno_text() {
  return std::strerror(errno);
}

// Writes `text` to `path` atomically: a 0600 temporary file in the same folder, then rename.
void write_atomically(const std::string& path, const std::string& text) {
  const std::filesystem::path target(path);
  const std::filesystem::path folder = target.parent_path().empty() ? "." : target.parent_path();
  std::string temp = (folder / ("." + target.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(temp.data()); // mode 0600
  if (fd < 0) {
    throw Invalid("cannot write " + path + ": " + errno_text());
  }
  auto fail = [&](const std::string& what) {
    const std::string reason = errno_text();
    ::close(fd);
    ::unlink(temp.c_str());
    throw Invalid("cannot write " + path + ": " + what + reason);
  };
  if (::fchmod(fd, 0600) != 0) {
    fail("");
  }
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      fail("");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    fail("");
  }
  if (::close(fd) != 0) {
    const std::string reason = errno_text();
    ::unlink(temp.c_str());
    throw Invalid("cannot write " + path + ": " + reason);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string reason = errno_text();
    ::unlink(temp.c_str());
    throw Invalid("cannot write " + path + ": " + reason);
  }
}

void run_export(Context& ctx, const ExportOptions& o) {
  const std::string zone = ctx.zone();
  const Date today = ctx.today();
  const Date from = o.from.empty() ? today : parse_date_relative(o.from, today, "--from");
  const Date to = o.to.empty() ? add_days(from, k_default_days - 1) : parse_date_relative(o.to, today, "--to");
  if (to < from) {
    throw Invalid("--to " + format_date(to) + " is before --from " + format_date(from));
  }
  SessionFilter filter;
  filter.from = start_of_day(from, zone);
  filter.to = start_of_day(add_days(to, 1), zone); // --to is the last day included
  if (o.clinician != 0) {
    get_clinician(ctx.db(), o.clinician); // iop::NotFound when unknown
    filter.clinician_id = o.clinician;
  }
  const std::vector<Session> sessions = list_sessions(ctx.db(), filter);

  IcsOptions options;
  options.stamp = ctx.clock().now();
  options.full_names = o.full_names;
  options.sequences = session_change_counts(ctx.db(), sessions);
  if (o.clinician != 0) {
    options.calendar_name = "iop sessions: " + get_clinician(ctx.db(), o.clinician).display_name();
  }
  const std::string text = sessions_to_ics(sessions, options);

  if (o.out.empty() || o.out == "-") {
    std::cout << text << std::flush;
    return;
  }
  write_atomically(o.out, text);
  notice(ctx, "wrote " + std::to_string(sessions.size()) + (sessions.size() == 1 ? " session" : " sessions") + " (" +
                  format_date(from) + " to " + format_date(to) + ") to " + o.out);
}

} // namespace

void register_session_export(CLI::App& noun, Context& ctx) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* verb = add_verb(noun, ctx, "export", "export sessions as an iCalendar (.ics) file for a calendar app",
                            [&ctx, o] { run_export(ctx, *o); });
  verb->add_flag("--ics", o->ics, "iCalendar (RFC 5545) format (the only format for now)")->required();
  verb->add_option("--clinician", o->clinician, "only this clinician's sessions")->check(CLI::PositiveNumber);
  verb->add_option("--from", o->from, "first day (YYYY-MM-DD, today, tomorrow, yesterday; default today)");
  verb->add_option("--to", o->to, "last day, included (default: 90 days from --from)");
  verb->add_option("--out", o->out, "write to this file (atomically, mode 0600) instead of stdout");
  verb->add_flag("--full-names", o->full_names,
                 "clients' full names in event titles (default: initials only, as calendars leave the practice)");
  verb->footer("Events never include session notes; cancelled sessions are kept, marked STATUS:CANCELLED, so a\n"
               "calendar that imported them before updates. Times are in UTC; calendar apps show them in yours.\n"
               "Example:\n  iop session export --ics --clinician 1 --out ~/dana-sessions.ics");
}

} // namespace iop::app
