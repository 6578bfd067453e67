// iop audit log|verify: who changed what, when, and proof that nobody rewrote it since.
// No clinical text is ever stored there.
#include "commands.hpp"
#include "output.hpp"

#include "iop/errors.hpp"

#include <iostream>

namespace iop::app {

namespace {

Json to_json(const AuditEntry& e) {
  return Json{{"id", e.id},
              {"at", e.at},
              {"actor", e.actor},
              {"command", e.command},
              {"action", e.action},
              {"record_kind", e.record_kind},
              {"record_id", e.record_id ? Json(*e.record_id) : Json()}};
}

void register_log(CLI::App& audit_noun, Context& ctx) {
  auto filter = std::make_shared<AuditFilter>();
  auto record_id = std::make_shared<std::int64_t>(0);
  auto kind = std::make_shared<std::string>();
  CLI::App* log = add_verb(audit_noun, ctx, "log", "list changes, newest first", [&ctx, filter, record_id, kind] {
    if (!kind->empty()) {
      filter->record_kind = *kind;
    }
    if (*record_id > 0) {
      filter->record_id = *record_id;
    }
    Json rows = Json::array();
    for (const auto& e : audit_entries(ctx.db(), *filter)) {
      rows.push_back(to_json(e));
    }
    print_list(ctx, rows,
               {{"id", "ID", nullptr, true},
                {"at", "WHEN (UTC)"},
                {"actor", "WHO"},
                {"command", "COMMAND"},
                {"action", "ACTION"},
                {"record_kind", "RECORD"},
                {"record_id", "RECORD ID", nullptr, true}},
               "the audit log is empty");
  });
  log->add_option("--limit", filter->limit, "how many rows (0 for all)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  CLI::Option* kind_option = log->add_option("--kind", *kind, "only records of this kind")
                                 ->check(CLI::IsMember(std::vector<std::string>(std::begin(k_audit_record_kinds),
                                                                                std::end(k_audit_record_kinds))));
  // Ids are unique per kind only, so a record id means nothing without its kind.
  log->add_option("--record", *record_id, "only this record id (needs --kind)")
      ->check(CLI::PositiveNumber)
      ->needs(kind_option);
  log->footer("Example:\n  iop audit log --kind client --record 12 --format json");
}

void verify(Context& ctx) {
  const AuditVerdict v = verify_audit_chain(ctx.db());
  if (!v.ok()) {
    if (ctx.format() == Format::json) {
      // Scripts get the verdict on stdout as well as the error on stderr.
      std::cout << Json{{"ok", false}, {"first_bad_id", v.first_bad_id}, {"problem", to_string(v.problem)}}.dump(2)
                << '\n';
    }
    throw Conflict(v.message, "restore the database from a backup taken before that row changed (iop restore "
                              "FILE) and find out who could write to the file; iop never changes or removes "
                              "audit rows");
  }
  const Json result{
      {"ok", true}, {"rows", v.rows}, {"newest_id", v.newest_id > 0 ? Json(v.newest_id) : Json()}, {"head", v.head}};
  if (ctx.format() == Format::table) {
    std::cout << "audit log intact: " << v.rows << (v.rows == 1 ? " row" : " rows");
    if (v.newest_id > 0) {
      std::cout << ", newest #" << v.newest_id << ", head " << v.head.substr(0, 12) << "\u2026";
    }
    std::cout << '\n';
    return;
  }
  print_record(ctx, result, {{"ok", "OK"}, {"rows", "ROWS"}, {"newest_id", "NEWEST ID"}, {"head", "HEAD"}});
}

} // namespace

void register_audit(CLI::App& app, Context& ctx) {
  CLI::App* audit_noun = app.add_subcommand("audit", "the audit trail of every change");
  audit_noun->require_subcommand(1);
  register_log(*audit_noun, ctx);
  CLI::App* verify_verb =
      add_verb(*audit_noun, ctx, "verify", "check that no audit row was altered or removed", [&ctx] { verify(ctx); });
  verify_verb->footer("Exits 4 naming the first row altered, removed or reordered.\n"
                      "Example:\n  iop audit verify --format json");
}

} // namespace iop::app
