// iop session attend|no-show|cancel|reschedule: what happens to a booked session.
#include "commands.hpp"
#include "iop/local_time.hpp"
#include "iop/sessions.hpp"
#include "output.hpp"
#include "session_view.hpp"

namespace iop::app {

namespace {

struct ChangeOptions {
  std::int64_t id = 0;
  std::string start, end;
  std::vector<std::int64_t> present, absent;
  std::int64_t identified_patient = 0;
  bool without_patient = false;
  bool late = false;
  std::string reason;
  bool series = false;
  int minutes = 0;
};

void print_session(Context& ctx, const Session& s) {
  print_saved(ctx, session_json(s), session_fields(ctx.zone()));
}

void run_attend(Context& ctx, const ChangeOptions& o, const CLI::App& verb) {
  Attendance a;
  if (verb.count("--start") > 0) {
    a.start_minute = parse_hhmm(o.start, "--start");
  }
  if (verb.count("--end") > 0) {
    a.end_minute = parse_hhmm(o.end, "--end");
  }
  a.present = o.present;
  a.absent = o.absent;
  if (verb.count("--identified-patient") > 0) {
    a.identified_patient = o.identified_patient;
  }
  a.without_patient = o.without_patient;
  print_session(ctx, attend_session(ctx.db(), ctx.actor(), o.id, a));
}

void run_cancel(Context& ctx, const ChangeOptions& o, const CLI::App& verb) {
  const std::optional<std::string> reason =
      verb.count("--reason") > 0 ? std::optional<std::string>(o.reason) : std::nullopt;
  const auto cancelled = cancel_session(ctx.db(), ctx.actor(), o.id, o.late, reason, o.series);
  if (!o.series) {
    print_session(ctx, cancelled.front());
    return;
  }
  Json rows = Json::array();
  for (const auto& s : cancelled) {
    rows.push_back(session_json(s));
  }
  print_list(ctx, rows, session_columns(ctx.zone()));
  notice(ctx, std::to_string(cancelled.size()) + " sessions cancelled");
}

void run_reschedule(Context& ctx, const ChangeOptions& o, const CLI::App& verb) {
  const LocalDateTime start = parse_local_datetime(o.start, ctx.today(), "--start");
  const std::optional<int> minutes = verb.count("--minutes") > 0 ? std::optional<int>(o.minutes) : std::nullopt;
  print_session(ctx, reschedule_session(ctx.db(), ctx.actor(), o.id, start, minutes));
}

} // namespace

void register_session_changes(CLI::App& noun, Context& ctx) {
  auto o = std::make_shared<ChangeOptions>();
  CLI::App* attend = add_verb(noun, ctx, "attend", "mark a session attended, with actual times and who came",
                              [&ctx, o, &noun] { run_attend(ctx, *o, *noun.get_subcommand("attend")); });
  add_id(*attend, o->id, "ID", "session id");
  attend->add_option("--start", o->start, "actual start, HH:MM in the session's zone (default: as booked)");
  attend->add_option("--end", o->end, "actual end, HH:MM (default: start plus the booked length)");
  attend->add_option("--present", o->present, "group sessions: the clients who came (the others were absent)")
      ->delimiter(',')
      ->type_name("ID[,ID...]");
  attend->add_option("--absent", o->absent, "group sessions: the clients who did not come (the others came)")
      ->delimiter(',')
      ->type_name("ID[,ID...]");
  attend
      ->add_option("--identified-patient", o->identified_patient,
                   "couples sessions: the partner this session is billed to (default: the couple's)")
      ->check(CLI::PositiveNumber)
      ->type_name("CLIENT_ID");
  attend->add_flag("--without-patient", o->without_patient,
                   "couples sessions: the identified patient was not there (billed 90846)");
  attend->footer("A session can be marked attended once it has started.\n"
                 "Example:\n  iop session attend 41 --start 09:03 --end 09:55\n"
                 "  iop session attend 57 --absent 14,22");

  CLI::App* no_show = add_verb(noun, ctx, "no-show", "mark a scheduled session as a no-show",
                               [&ctx, o] { print_session(ctx, mark_no_show(ctx.db(), ctx.actor(), o->id)); });
  add_id(*no_show, o->id, "ID", "session id");
  no_show->footer("Example:\n  iop session no-show 41");

  CLI::App* cancel = add_verb(noun, ctx, "cancel", "cancel a session (or it and the rest of its series)",
                              [&ctx, o, &noun] { run_cancel(ctx, *o, *noun.get_subcommand("cancel")); });
  add_id(*cancel, o->id, "ID", "session id");
  cancel->add_flag("--late", o->late, "a late cancellation (status late-cancel)");
  cancel->add_option("--reason", o->reason, "why (no clinical detail)");
  cancel->add_flag("--series", o->series, "also cancel the later scheduled sessions of its series");
  cancel->footer("Prints the cancelled session; with --series, the list of cancelled sessions.\n"
                 "Example:\n  iop session cancel 41 --late --reason \"client ill\"\n"
                 "  iop session cancel 57 --series");

  CLI::App* reschedule = add_verb(noun, ctx, "reschedule", "move a scheduled session (the old time is kept)",
                                  [&ctx, o, &noun] { run_reschedule(ctx, *o, *noun.get_subcommand("reschedule")); });
  add_id(*reschedule, o->id, "ID", "session id");
  reschedule->add_option("--start", o->start, "new start, \"YYYY-MM-DD HH:MM\" in the session's own zone")->required();
  reschedule->add_option("--minutes", o->minutes, "new length (default: unchanged)");
  reschedule->footer("The new time is checked for double booking like a new session.\n"
                     "Example:\n  iop session reschedule 41 --start \"2026-12-03 14:00\"");
}

} // namespace iop::app
