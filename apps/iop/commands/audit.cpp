// iop audit log: who changed what, when. No clinical text is ever stored there.
#include "commands.hpp"
#include "output.hpp"

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

} // namespace

void register_audit(CLI::App& app, Context& ctx) {
  CLI::App* audit_noun = app.add_subcommand("audit", "the audit trail of every change");
  audit_noun->require_subcommand(1);

  auto filter = std::make_shared<AuditFilter>();
  auto record_id = std::make_shared<std::int64_t>(0);
  auto kind = std::make_shared<std::string>();
  CLI::App* log = add_verb(*audit_noun, ctx, "log", "list changes, newest first", [&ctx, filter, record_id, kind] {
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

} // namespace iop::app
