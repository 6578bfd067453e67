// iop note add|edit|show|list|sign|verify|addend: progress notes. Their text goes to stdout only
// when asked for (show, --format json); never to stderr, the audit log or a lasting file.
#include "commands.hpp"
#include "editor.hpp"
#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/errors.hpp"
#include "iop/notes.hpp"
#include "note_view.hpp"
#include "output.hpp"
#include "session_view.hpp"

#include <iostream>

namespace iop::app {

namespace {

struct NoteOptions {
  std::int64_t id = 0;
  std::int64_t client = 0;
  std::int64_t clinician = 0;
  std::int64_t session = 0;
  std::int64_t by = 0;
  std::string template_name;
  std::string file;
  std::string text;
  bool unsigned_only = false;
  bool overdue = false;
};

Json note_record(Context& ctx, const Note& n, NoteLookup& names) {
  return note_json(n, names.session(n.session_id), n.client_id, names, ctx.clock().now(), ctx.config().note_due_hours);
}

// The text from --file, --text, or the editor; without any of them stdin must be a terminal.
std::string gather_text(const CLI::App& verb, const NoteOptions& o, const std::string& what,
                        const std::function<std::string()>& editor_start) {
  if (verb.count("--file") > 0) {
    return read_text_input(o.file);
  }
  if (verb.get_option_no_throw("--text") != nullptr && verb.count("--text") > 0) {
    return o.text;
  }
  if (!stdin_is_terminal()) {
    throw Invalid("no " + what + " given and stdin is not a terminal, so no editor can be opened",
                  "write it to a file and use --file PATH, or pipe it in with --file -");
  }
  return edit_in_editor(editor_start(), what);
}

void report_problems(Context& ctx, const Note& n, const Session& s) {
  const ParsedNote parsed = n.parsed();
  const std::string id = std::to_string(n.id);
  if (parsed.signable()) {
    notice(ctx, "note " + id + " saved as a draft; sign it with: iop note sign " + id + " --by " +
                    std::to_string(s.clinician_id));
    return;
  }
  std::string list;
  for (const auto& p : parsed.problems) {
    list += "\n  - " + p;
  }
  notice(ctx, "note " + id + " saved as a draft; before it can be signed:" + list);
}

// What add, edit and sign print for a person (JSON gets the whole note).
std::vector<Column> saved_fields(const std::string& zone) {
  return {
      {"id", "id"},
      {"client", "client",
       [](const Json& r) { return as_text(r.at("client")) + " (client " + as_text(r.at("client_id")) + ")"; }},
      {"session_id", "session"},
      {"template", "template"},
      {"status", "status"},
      {"signed_by_name", "signed by"},
      {"signed_at", "signed at",
       [zone](const Json& r) {
         return r.at("signed_at").is_null() ? "" : local_time(as_text(r.at("signed_at")), zone);
       }},
      {"sha256", "sha256"},
      {"next", "next"},
  };
}

void run_add(Context& ctx, const NoteOptions& o, const CLI::App& verb) {
  NewNote input;
  input.session_id = o.session;
  if (o.client > 0) {
    input.client_id = o.client;
  }
  input.template_name = verb.count("--template") > 0 ? o.template_name : ctx.config().note_template;
  // Check who the note is for before anyone spends time writing it.
  const NoteTarget target = resolve_note_target(ctx.db(), input.session_id, input.client_id, input.template_name);
  NoteLookup names(ctx.db());
  input.body = gather_text(verb, o, "note", [&] {
    const std::string title = "Progress note (" + target.template_name + ") for " + names.client(target.client_id) +
                              " (client " + std::to_string(target.client_id) + ")";
    return editor_header(title, target.session, ctx.zone()) + note_skeleton(target.template_name);
  });
  const Note n = add_note(ctx.db(), ctx.actor(), input);
  report_problems(ctx, n, names.session(n.session_id));
  print_saved(ctx, note_record(ctx, n, names), saved_fields(ctx.zone()));
}

void run_edit(Context& ctx, const NoteOptions& o, const CLI::App& verb) {
  const Note draft = get_draft(ctx.db(), o.id);
  NoteLookup names(ctx.db());
  const std::optional<std::string> tmpl =
      verb.count("--template") > 0 ? std::optional<std::string>(o.template_name) : std::nullopt;
  const std::string body = gather_text(verb, o, "note", [&] {
    if (const auto lines = comment_like_lines(draft.body); !lines.empty()) {
      std::vector<std::int64_t> numbers(lines.begin(), lines.end());
      throw Conflict("note " + std::to_string(draft.id) + " has lines starting with '#' (line " + id_list(numbers) +
                         ") that the editor would drop as comments",
                     "edit it with --file PATH (iop note show " + std::to_string(draft.id) +
                         " --format json gives its text)");
    }
    const std::string title = "Progress note " + std::to_string(draft.id) + " (" + draft.template_name +
                              ", draft) for " + names.client(draft.client_id) + " (client " +
                              std::to_string(draft.client_id) + ")";
    return editor_header(title, names.session(draft.session_id), ctx.zone()) + draft.body + "\n";
  });
  const EditResult r = edit_note(ctx.db(), ctx.actor(), o.id, body, tmpl);
  if (r.changed) {
    report_problems(ctx, r.note, names.session(r.note.session_id));
  } else {
    notice(ctx, "note " + std::to_string(o.id) + " is unchanged");
  }
  print_saved(ctx, note_record(ctx, r.note, names), saved_fields(ctx.zone()));
}

void run_show(Context& ctx, const NoteOptions& o) {
  const Note n = get_note(ctx.db(), o.id);
  NoteLookup names(ctx.db());
  const Json r = note_record(ctx, n, names);
  if (ctx.format() == Format::table) {
    print_note(ctx, r, names.session(n.session_id));
    return;
  }
  std::vector<Column> fields = saved_fields(ctx.zone());
  fields.push_back({"body", "body"});
  print_record(ctx, r, fields);
}

void run_list(Context& ctx, const NoteOptions& o) {
  NoteFilter filter;
  if (o.client > 0) {
    get_client(ctx.db(), o.client); // an unknown id is "not found", not an empty list
    filter.client_id = o.client;
  }
  if (o.clinician > 0) {
    get_clinician(ctx.db(), o.clinician);
    filter.clinician_id = o.clinician;
  }
  if (o.session > 0) {
    get_session(ctx.db(), o.session);
    filter.session_id = o.session;
  }
  filter.unsigned_only = o.unsigned_only;
  filter.overdue_only = o.overdue;
  filter.now = ctx.clock().now();
  filter.due_hours = ctx.config().note_due_hours;
  NoteLookup names(ctx.db());
  Json rows = Json::array();
  for (const auto& e : list_notes(ctx.db(), filter)) {
    rows.push_back(note_json(e.note, names.session(e.session_id), e.client_id, names, filter.now, filter.due_hours));
  }
  if (ctx.quiet() && ctx.format() == Format::table) {
    for (const auto& r : rows) {
      if (!r.at("id").is_null()) {
        std::cout << as_text(r.at("id")) << '\n';
      }
    }
    return;
  }
  const std::string zone = ctx.zone();
  auto instant_of = [](const Json& r, const char* key) { return parse_utc(as_text(r.at(key))).value_or(Instant{}); };
  print_list(
      ctx, rows,
      {{"id", "ID", nullptr, true},
       {"start", "WHEN", [&](const Json& r) { return local_time(instant_of(r.at("session"), "start"), zone); }},
       {"session_id", "SESSION", nullptr, true},
       {"type", "TYPE", [](const Json& r) { return type_label(r.at("session").at("type").get<std::string>()); }},
       {"client", "CLIENT"},
       {"clinician", "CLINICIAN"},
       {"template", "TEMPLATE"},
       {"status", "STATUS",
        [](const Json& r) { return as_text(r.at("status")) + (r.at("overdue").get<bool>() ? " (overdue)" : ""); }},
       {"due_at", "DUE",
        [&](const Json& r) { return r.at("status") == "signed" ? "" : local_time(instant_of(r, "due_at"), zone); }},
       {"next", "NEXT"}},
      o.overdue         ? "no overdue notes"
      : o.unsigned_only ? "nothing to write or sign: every attended session has a signed note"
                        : "no notes (iop note list --unsigned shows the visits still to write)");
}

void run_sign(Context& ctx, const NoteOptions& o) {
  const Note n = sign_note(ctx.db(), ctx.actor(), o.id, o.by);
  NoteLookup names(ctx.db());
  print_saved(ctx, note_record(ctx, n, names), saved_fields(ctx.zone()));
}

void run_verify(Context& ctx, const NoteOptions& o) {
  const NoteVerification v = verify_note(ctx.db(), o.id);
  const Note n = get_note(ctx.db(), o.id);
  if (!v.ok()) {
    std::string what;
    if (!v.note_matches) {
      what = "its text or signature changed after it was signed";
    }
    for (const int number : v.changed_addenda) {
      what += (what.empty() ? "" : "; ") + std::string("addendum ") + std::to_string(number) +
              " changed after it was signed";
    }
    throw Conflict("note " + std::to_string(o.id) + " does not match its SHA-256: " + what,
                   "the database was changed outside iop; compare with a backup");
  }
  Json addenda = Json::array();
  for (const auto& a : n.addenda) {
    addenda.push_back({{"id", a.id}, {"number", a.number}, {"sha256", a.content_sha256}, {"status", "verified"}});
  }
  const Json r{{"id", n.id},
               {"status", "verified"},
               {"sha256", *n.content_sha256},
               {"signed_at", *n.signed_at},
               {"addenda", addenda}};
  if (ctx.format() == Format::table && !ctx.quiet()) {
    std::cout << "note " << n.id << " verified: sha256 " << *n.content_sha256;
    if (!n.addenda.empty()) {
      std::cout << " and " << n.addenda.size() << (n.addenda.size() == 1 ? " addendum" : " addenda");
    }
    std::cout << " match\n";
    return;
  }
  print_saved(ctx, r, {{"id", "id"}, {"status", "status"}, {"sha256", "sha256"}, {"signed_at", "signed_at"}});
}

void run_addend(Context& ctx, const NoteOptions& o, const CLI::App& verb) {
  const Note n = get_note(ctx.db(), o.id);
  NoteLookup names(ctx.db());
  const std::string body = gather_text(verb, o, "addendum", [&] {
    const std::string title = "Addendum to note " + std::to_string(n.id) + " for " + names.client(n.client_id) +
                              " (client " + std::to_string(n.client_id) + ")";
    return editor_header(title, names.session(n.session_id), ctx.zone());
  });
  const NoteAddendum a = addend_note(ctx.db(), ctx.actor(), o.id, o.by, body);
  print_saved(ctx, addendum_json(a, names),
              {{"id", "id"},
               {"note_id", "note"},
               {"number", "number"},
               {"signed_by_name", "signed by"},
               {"signed_at", "signed at",
                [zone = ctx.zone()](const Json& r) { return local_time(as_text(r.at("signed_at")), zone); }},
               {"sha256", "sha256"}});
}

void add_text_options(CLI::App& verb, NoteOptions& o) {
  verb.add_option("--file", o.file, "read the text from PATH, or from stdin with -")->type_name("PATH|-");
}

} // namespace

void register_note(CLI::App& app, Context& ctx) {
  CLI::App* noun = app.add_subcommand("note", "progress notes: write, sign, addend, verify");
  noun->require_subcommand(1);
  auto o = std::make_shared<NoteOptions>();
  auto verb_of = [noun](const char* name) -> const CLI::App& { return *noun->get_subcommand(name); };

  CLI::App* add = add_verb(*noun, ctx, "add", "write the note of an attended session (a draft until signed)",
                           [&ctx, o, verb_of] { run_add(ctx, *o, verb_of("add")); });
  add_id(*add, o->session, "SESSION_ID", "the attended session");
  add->add_option("--client", o->client, "whose note (required for couples and group sessions)")
      ->type_name("CLIENT_ID")
      ->check(CLI::PositiveNumber);
  add->add_option("--template", o->template_name, "soap, dap or birp (default: notes.template, else soap)")
      ->type_name("TEMPLATE");
  add_text_options(*add, *o);
  add->footer("Without --file, opens $VISUAL, else $EDITOR, else vi on the template's headings (stdin must be a\n"
              "terminal). A heading is a line 'Subjective:' or 'S:'. Refused (exit 4) for a session not attended,\n"
              "a client not present, or a second note for the same session and client. An empty or unchanged\n"
              "text, or an editor that fails, saves nothing (exit 2).\n"
              "Example:\n  iop note add 41\n  iop note add 57 --client 13 --template dap --file - < note.txt");

  CLI::App* edit = add_verb(*noun, ctx, "edit", "change a draft (a signed note is locked)",
                            [&ctx, o, verb_of] { run_edit(ctx, *o, verb_of("edit")); });
  add_id(*edit, o->id, "NOTE_ID", "note id");
  edit->add_option("--template", o->template_name, "change the template: soap, dap or birp")->type_name("TEMPLATE");
  add_text_options(*edit, *o);
  edit->footer("Without --file, opens the editor on the draft.\nExample:\n  iop note edit 7\n"
               "  iop note edit 7 --file revised.txt");

  CLI::App* show = add_verb(*noun, ctx, "show", "show a note with its session, signature and addenda",
                            [&ctx, o] { run_show(ctx, *o); });
  add_id(*show, o->id, "NOTE_ID", "note id");
  show->footer("Example:\n  iop note show 7\n  iop note show 7 --format json");

  CLI::App* list =
      add_verb(*noun, ctx, "list", "list notes by session start; --unsigned: what is left to write or sign",
               [&ctx, o] { run_list(ctx, *o); });
  list->add_option("--client", o->client, "only this client's notes")
      ->type_name("CLIENT_ID")
      ->check(CLI::PositiveNumber);
  list->add_option("--clinician", o->clinician, "only sessions of this clinician")
      ->type_name("CLINICIAN_ID")
      ->check(CLI::PositiveNumber);
  list->add_option("--session", o->session, "only this session's notes")
      ->type_name("SESSION_ID")
      ->check(CLI::PositiveNumber);
  list->add_flag("--unsigned", o->unsigned_only, "drafts, and attended visits with no note yet (status missing)");
  list->add_flag("--overdue", o->overdue, "unsigned longer than notes.due_hours (default 72) after the session ended");
  list->footer("Example:\n  iop note list --unsigned --clinician 1\n  iop note list --overdue --format csv");

  CLI::App* sign = add_verb(*noun, ctx, "sign", "sign a draft: it is locked and sealed with a SHA-256",
                            [&ctx, o] { run_sign(ctx, *o); });
  add_id(*sign, o->id, "NOTE_ID", "note id");
  sign->add_option("--by", o->by, "the session's clinician")
      ->type_name("CLINICIAN_ID")
      ->required()
      ->check(CLI::PositiveNumber);
  sign->footer("Refused (exit 4) when another clinician signs, the note is already signed, or a section is\n"
               "empty, missing or given twice.\nExample:\n  iop note sign 7 --by 1");

  CLI::App* verify = add_verb(*noun, ctx, "verify", "check a signed note and its addenda against their SHA-256",
                              [&ctx, o] { run_verify(ctx, *o); });
  add_id(*verify, o->id, "NOTE_ID", "note id");
  verify->footer("Exit 0 when everything matches; exit 4 naming what changed, or when the note is not signed.\n"
                 "Example:\n  iop note verify 7");

  CLI::App* addend = add_verb(*noun, ctx, "addend", "add a dated, signed addendum to a signed note",
                              [&ctx, o, verb_of] { run_addend(ctx, *o, verb_of("addend")); });
  add_id(*addend, o->id, "NOTE_ID", "note id");
  addend->add_option("--by", o->by, "the clinician writing it (any active clinician)")
      ->type_name("CLINICIAN_ID")
      ->required()
      ->check(CLI::PositiveNumber);
  CLI::Option* text = addend->add_option("--text", o->text, "the addendum's text")->type_name("TEXT");
  add_text_options(*addend, *o);
  text->excludes(addend->get_option("--file"));
  addend->footer("Without --text or --file, opens the editor. --text is visible to other users (ps) and in\n"
                 "shell history: prefer --file - or the editor for clinical detail.\nExample:\n"
                 "  iop note addend 7 --by 2 --text \"Late entry: client called at 16:10.\"");
}

} // namespace iop::app
