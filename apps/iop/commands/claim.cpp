// iop claim list|show|void; the other claim verbs register from their own files.
#include "claim_view.hpp"
#include "commands.hpp"
#include "iop/authorizations.hpp"
#include "iop/billing_codes.hpp"
#include "iop/claims.hpp"
#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/coverage.hpp"
#include "iop/payers.hpp"
#include "output.hpp"

#include <iostream>

namespace iop::app {

namespace {

struct ClaimOptions {
  std::int64_t id = 0;
  std::string status;
  std::int64_t client = 0;
  std::int64_t payer = 0;
  std::string from, to;
  std::string reason;
  std::string payer_claim_number;
  bool has_number = false;
};

std::string status_text(const Json& c) {
  if (c.at("frequency").get<int>() == 8) {
    const std::string of = "void notice of " + as_text(c.at("original_claim_id"));
    return c.at("status").get<std::string>() == "draft" ? of : of + " (" + c.at("status").get<std::string>() + ")";
  }
  return c.at("status").get<std::string>();
}

std::string dates_text(const Json& c) {
  const auto first = c.at("first_service_on").get<std::string>();
  const auto last = c.at("last_service_on").get<std::string>();
  return first == last ? first : first + " – " + last;
}

std::string with_id(const Json& c, const std::string& key, const std::string& id_key) {
  return as_text(c.at(key)) + " (" + as_text(c.at(id_key)) + ")";
}

std::string money(const Json& c) {
  return format_money(c.at("total_cents").get<std::int64_t>());
}

// One row per claim for spreadsheets; also the CSV of show and void.
std::vector<Column> csv_columns() {
  return {{"id", "id"},
          {"status", "status"},
          {"frequency", "frequency"},
          {"original_claim_id", "original_claim_id"},
          {"client_id", "client_id"},
          {"client", "client"},
          {"payer_id", "payer_id"},
          {"payer", "payer",
           [](const Json& c) {
             const Json& p = c.at("payer");
             return p.is_object() ? as_text(p.at("name")) : as_text(p);
           }},
          {"clinician_id", "clinician_id"},
          {"clinician", "clinician"},
          {"place_of_service", "place_of_service"},
          {"diagnoses", "diagnoses",
           [](const Json& c) {
             std::string out;
             for (const auto& d : c.at("diagnoses")) {
               out += (out.empty() ? "" : ",") + d.get<std::string>();
             }
             return out;
           }},
          {"first_service_on", "first_service_on"},
          {"last_service_on", "last_service_on"},
          {"lines", "lines", [](const Json& c) { return std::to_string(c.at("lines").size()); }},
          {"total_cents", "total_cents"},
          {"total", "total"},
          {"batch", "batch"},
          {"created_at", "created_at"},
          {"voided_at", "voided_at"},
          {"void_reason", "void_reason"}};
}

std::vector<Column> list_columns(Context& ctx) {
  if (ctx.format() == Format::csv) {
    return csv_columns();
  }
  return {{"id", "ID", nullptr, true},
          {"client", "CLIENT", [](const Json& c) { return with_id(c, "client", "client_id"); }},
          {"payer", "PAYER"},
          {"dates", "DATES OF SERVICE", dates_text},
          {"lines", "LINES", [](const Json& c) { return std::to_string(c.at("lines").size()); }, true},
          {"total", "TOTAL", money, true},
          {"status", "STATUS", status_text},
          {"batch", "BATCH", nullptr, true}};
}

Date date_option(const std::string& text, Context& ctx, const char* what) {
  return parse_date_relative(text, ctx.today(), what);
}

void run_list(Context& ctx, const ClaimOptions& o) {
  ClaimFilter filter;
  if (!o.status.empty()) {
    filter.status = o.status;
  }
  if (o.client > 0) {
    filter.client_id = o.client;
  }
  if (o.payer > 0) {
    filter.payer_id = o.payer;
  }
  if (!o.from.empty()) {
    filter.from = date_option(o.from, ctx, "--from");
  }
  if (!o.to.empty()) {
    filter.to = date_option(o.to, ctx, "--to");
  }
  const auto claims = list_claims(ctx.db(), filter);
  NameCache names(ctx.db());
  Json rows = Json::array();
  for (const auto& c : claims) {
    rows.push_back(claim_json(c, names));
  }
  print_list(ctx, rows, list_columns(ctx), "no claims (iop claim build makes them from attended, signed sessions)");
}

std::string letter(std::size_t index) {
  return std::string(1, static_cast<char>('A' + index));
}

std::string subscriber_text(const Json& s) {
  if (s.at("kind") == "self") {
    return "self (the patient)";
  }
  const std::string who = s.at("client_id").is_null()
                              ? as_text(s.at("name")) + " (not a client, born " + as_text(s.at("date_of_birth")) + ")"
                              : as_text(s.at("name")) + " (client " + as_text(s.at("client_id")) + ")";
  return who + ", " + as_text(s.at("relationship")) + " of the patient";
}

Json subscriber_json(Database& db, const Coverage& coverage) {
  const SubscriberPerson person = subscriber_of(db, coverage);
  Json client_id = person.client_id ? Json(*person.client_id) : Json();
  return Json{{"kind", coverage.subscriber_kind},
              {"client_id", client_id},
              {"name", person.first_name + " " + person.last_name},
              {"date_of_birth", person.date_of_birth},
              {"relationship", coverage.relationship},
              {"member_id", coverage.member_id},
              {"group_number", coverage.group_number ? Json(*coverage.group_number) : Json()}};
}

// claim_json with what a person checks before sending it: the payer, subscriber, patient, the
// clinician's NPI, authorization numbers, and the void notice of a voided exported claim.
Json claim_detail(Database& db, const Claim& claim, NameCache& names) {
  Json j = claim_json(claim, names);
  const Payer payer = get_payer(db, claim.payer_id);
  j["payer"] = Json{{"id", payer.id},
                    {"name", payer.name},
                    {"payer_id", payer.payer_id},
                    {"plan", payer.plan},
                    {"filing_code", payer.filing_code}};
  j["subscriber"] = subscriber_json(db, get_coverage(db, claim.coverage_id));
  const Client client = get_client(db, claim.client_id);
  j["patient"] = Json{{"client_id", client.id}, {"name", client.full_name()}, {"date_of_birth", client.date_of_birth}};
  const Clinician clinician = get_clinician(db, claim.clinician_id);
  j["clinician_npi"] = clinician.npi ? Json(*clinician.npi) : Json();
  for (std::size_t i = 0; i < claim.lines.size(); ++i) {
    const auto& auth = claim.lines[i].authorization_id;
    j["lines"][i]["authorization_number"] = auth ? Json(get_authorization(db, *auth).number) : Json();
  }
  Json notice;
  if (claim.frequency != 8) {
    ClaimFilter filter;
    filter.client_id = claim.client_id;
    for (const auto& other : list_claims(db, filter)) {
      if (other.frequency == 8 && other.original_claim_id == claim.id) {
        notice = other.id;
      }
    }
  }
  j["void_notice_id"] = notice;
  return j;
}

std::vector<Column> detail_fields(Context& ctx) {
  if (ctx.format() == Format::csv) {
    return csv_columns();
  }
  return {{"id", "claim",
           [](const Json& c) {
             const int f = c.at("frequency").get<int>();
             const std::string kind = f == 8   ? "void notice of claim " + as_text(c.at("original_claim_id"))
                                      : f == 7 ? "replacement of claim " + as_text(c.at("original_claim_id"))
                                               : "original";
             return as_text(c.at("id")) + " (" + kind + ", frequency " + std::to_string(f) + ")";
           }},
          {"status", "status"},
          {"batch", "batch"},
          {"voided_at", "voided",
           [zone = ctx.zone()](const Json& c) {
             return c.at("voided_at").is_null()
                        ? std::string()
                        : local_time(as_text(c.at("voided_at")), zone) + ": " + as_text(c.at("void_reason"));
           }},
          {"void_notice_id", "void notice",
           [](const Json& c) {
             return c.at("void_notice_id").is_null()
                        ? std::string()
                        : "claim " + as_text(c.at("void_notice_id")) + " (frequency 8, sent with the next export)";
           }},
          {"payer", "payer",
           [](const Json& c) {
             const Json& p = c.at("payer");
             return as_text(p.at("name")) + " (payer id " + as_text(p.at("payer_id")) + ", filing code " +
                    as_text(p.at("filing_code")) + ")";
           }},
          {"subscriber", "subscriber", [](const Json& c) { return subscriber_text(c.at("subscriber")); }},
          {"member_id", "member id",
           [](const Json& c) {
             const Json& s = c.at("subscriber");
             return as_text(s.at("member_id")) +
                    (s.at("group_number").is_null() ? "" : " (group " + as_text(s.at("group_number")) + ")");
           }},
          {"patient", "patient",
           [](const Json& c) {
             const Json& p = c.at("patient");
             return as_text(p.at("name")) + " (client " + as_text(p.at("client_id")) + "), born " +
                    as_text(p.at("date_of_birth"));
           }},
          {"clinician", "rendering",
           [](const Json& c) {
             return as_text(c.at("clinician")) + " (clinician " + as_text(c.at("clinician_id")) + "), NPI " +
                    (c.at("clinician_npi").is_null() ? std::string("none") : as_text(c.at("clinician_npi")));
           }},
          {"place_of_service", "place of service"},
          {"diagnoses", "diagnoses",
           [](const Json& c) {
             std::string out;
             std::size_t i = 0;
             for (const auto& d : c.at("diagnoses")) {
               out += (out.empty() ? "" : "  ") + letter(i++) + " " + d.get<std::string>();
             }
             return out;
           }},
          {"dates", "dates of service", dates_text},
          {"total", "total", [](const Json& c) {
             const auto n = c.at("lines").size();
             return money(c) + " (" + std::to_string(n) + (n == 1 ? " line)" : " lines)");
           }}};
}

std::vector<Column> line_columns() {
  return {
      {"line_number", "#", nullptr, true},
      {"service_date", "DATE"},
      {"code", "CODE",
       [](const Json& l) {
         return code_with_modifiers(l.at("code").get<std::string>(), l.at("modifiers").get<std::vector<std::string>>());
       }},
      {"place_of_service", "POS"},
      {"units", "UNITS", nullptr, true},
      {"charge", "CHARGE", [](const Json& l) { return format_money(l.at("charge_cents").get<std::int64_t>()); }, true},
      {"pointers", "DX",
       [](const Json& l) {
         std::string out;
         for (const auto& p : l.at("pointers")) {
           out += letter(static_cast<std::size_t>(p.get<int>() - 1));
         }
         return out;
       }},
      {"authorization_number", "AUTH"},
      {"sessions", "SESSIONS"}};
}

void run_show(Context& ctx, const ClaimOptions& o) {
  NameCache names(ctx.db());
  const Json record = claim_detail(ctx.db(), get_claim(ctx.db(), o.id), names);
  print_record(ctx, record, detail_fields(ctx));
  if (ctx.format() == Format::table && !ctx.quiet()) {
    std::cout << '\n';
    print_list(ctx, record.at("lines"), line_columns(), "no lines");
  }
}

void run_void(Context& ctx, const ClaimOptions& o) {
  const std::optional<std::string> number =
      o.has_number ? std::optional<std::string>(o.payer_claim_number) : std::nullopt;
  const ClaimVoid result = void_claim(ctx.db(), ctx.actor(), o.id, o.reason, number);
  NameCache names(ctx.db());
  const Json claim = claim_json(result.claim, names);
  if (ctx.format() == Format::json) {
    Json out{{"claim", claim},
             {"void_claim", result.void_claim ? claim_json(*result.void_claim, names) : Json()},
             {"released_sessions", result.released}};
    std::cout << out.dump(2) << '\n';
  } else if (ctx.format() == Format::csv) {
    print_record(ctx, claim, csv_columns());
  } else if (ctx.quiet()) {
    std::cout << result.claim.id << '\n';
  } else {
    std::cout << "voided claim " << result.claim.id << ": " << with_id(claim, "client", "client_id") << ", "
              << as_text(claim.at("payer")) << ", " << dates_text(claim) << ", " << money(claim) << " ("
              << result.claim.lines.size() << (result.claim.lines.size() == 1 ? " line), " : " lines), ")
              << (result.void_claim ? "exported" : "draft") << ": " << as_text(claim.at("void_reason")) << '\n';
  }
  if (!result.released.empty()) {
    notice(ctx, std::string(result.released.size() == 1 ? "session " : "sessions ") + id_list(result.released) +
                    " may be billed again: iop claim build");
  }
  if (result.void_claim) {
    notice(ctx, "claim " + std::to_string(result.claim.id) + " was exported: a void notice (claim " +
                    std::to_string(result.void_claim->id) +
                    ", frequency 8) will go out with the next export: iop claim export --x12 --since-last");
  }
}
} // namespace

void register_claim(CLI::App& app, Context& ctx) {
  CLI::App* noun = app.add_subcommand("claim", "insurance claims: build, list, summarize, export (837P)");
  noun->require_subcommand(1);
  auto o = std::make_shared<ClaimOptions>();

  register_claim_build(*noun, ctx);

  CLI::App* list =
      add_verb(*noun, ctx, "list", "claims, with their status and batch", [&ctx, o] { run_list(ctx, *o); });
  list->add_option("--status", o->status, "only claims in this state")->type_name("draft|exported|void");
  list->add_option("--client", o->client, "only this client's claims")
      ->type_name("CLIENT_ID")
      ->check(CLI::PositiveNumber);
  list->add_option("--payer", o->payer, "only claims to this payer")->type_name("PAYER_ID")->check(CLI::PositiveNumber);
  list->add_option("--from", o->from, "claims with a date of service on or after this day")->type_name("DATE");
  list->add_option("--to", o->to, "claims with a date of service on or before this day")->type_name("DATE");
  list->footer("Sorted by id. A frequency-8 claim is the void notice of an exported claim.\n"
               "Example:\n  iop claim list --status draft --payer 2 --from 2026-11-01 --to 2026-11-30");

  CLI::App* show = add_verb(*noun, ctx, "show", "one claim: payer, subscriber, patient, diagnoses, lines",
                            [&ctx, o] { run_show(ctx, *o); });
  add_id(*show, o->id, "CLAIM_ID", "claim id");
  show->footer("Diagnoses are lettered A-L as on a CMS-1500; a line's pointers refer to them.\n"
               "Example:\n  iop claim show 12\n  iop claim show 12 --format json");

  CLI::App* void_verb = add_verb(*noun, ctx, "void", "void a claim and free its sessions to be billed again",
                                 [&ctx, o] { run_void(ctx, *o); });
  add_id(*void_verb, o->id, "CLAIM_ID", "claim id");
  void_verb->add_option("--reason", o->reason, "why it is voided (kept with the claim)")->type_name("TEXT");
  void_verb
      ->add_option("--payer-claim-number", o->payer_claim_number,
                   "the payer's number of the exported claim, sent in the void notice")
      ->type_name("N")
      ->each([o](const std::string&) { o->has_number = true; });
  void_verb->footer("A draft is simply voided. An exported claim gets a void notice (frequency 8) that the next\n"
                    "export sends. Either way its sessions may be billed again by iop claim build.\n"
                    "Example:\n  iop claim void 12 --reason \"wrong member id\"\n"
                    "  iop claim void 9 --reason \"billed twice\" --payer-claim-number 2026331A0042");

  register_claim_export(*noun, ctx);
  register_claim_summary(*noun, ctx);
  register_claim_superbill(*noun, ctx);
}

} // namespace iop::app
