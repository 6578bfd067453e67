// iop auth add|list|show: prior authorizations and how many of their units are left.
#include "commands.hpp"
#include "iop/authorizations.hpp"
#include "iop/clients.hpp"
#include "iop/payers.hpp"
#include "name_cache.hpp"
#include "output.hpp"

namespace iop::app {

namespace {

// Builds the JSON of authorizations, looking up client and payer names once each.
class AuthorizationJson {
public:
  explicit AuthorizationJson(Context& ctx) : m_today(ctx.today()), m_names(ctx.db()) {}

  Json operator()(const Authorization& a) {
    return Json{{"id", a.id},
                {"client_id", a.client_id},
                {"client", m_names.client(a.client_id)},
                {"payer_id", a.payer_id},
                {"payer", m_names.payer(a.payer_id)},
                {"number", a.number},
                {"codes", a.codes},
                {"units", a.units},
                {"units_used", a.units_used},
                {"units_remaining", a.units_remaining()},
                {"starts_on", a.starts_on},
                {"ends_on", a.ends_on},
                {"status", authorization_status(a, m_today)},
                {"created_at", a.created_at}};
  }

private:
  Date m_today;
  NameCache m_names;
};

// CSV: every field, the codes in one cell separated by spaces.
std::vector<Column> csv_columns() {
  std::vector<Column> c;
  for (const char* key : {"id", "client_id", "client", "payer_id", "payer", "number"}) {
    c.push_back({key, key});
  }
  c.push_back({"codes", "codes", [](const Json& r) {
                 std::string out;
                 for (const auto& code : r.at("codes")) {
                   out += (out.empty() ? "" : " ") + code.get<std::string>();
                 }
                 return out;
               }});
  for (const char* key : {"units", "units_used", "units_remaining", "starts_on", "ends_on", "status", "created_at"}) {
    c.push_back({key, key});
  }
  return c;
}

std::string with_id(const Json& r, const char* name, const char* id, const char* kind) {
  return as_text(r.at(name)) + " (" + kind + " " + as_text(r.at(id)) + ")";
}

std::vector<Column> detail_fields(Context& ctx) {
  if (ctx.format() == Format::csv) {
    return csv_columns();
  }
  return {{"id", "id"},
          {"client", "client", [](const Json& r) { return with_id(r, "client", "client_id", "client"); }},
          {"payer", "payer", [](const Json& r) { return with_id(r, "payer", "payer_id", "payer"); }},
          {"number", "number"},
          {"codes", "codes"},
          {"units", "units",
           [](const Json& r) {
             return as_text(r.at("units")) + " approved, " + as_text(r.at("units_used")) + " used, " +
                    as_text(r.at("units_remaining")) + " left";
           }},
          {"starts_on", "from"},
          {"ends_on", "to"},
          {"status", "status"},
          {"created_at", "created"}};
}

struct AuthOptions {
  std::int64_t client = 0;
  std::int64_t id = 0;
  std::int64_t payer = 0;
  std::string number;
  std::vector<std::string> codes;
  int units = 0;
  std::string from, to;
  bool active = false;
  int low = -1; // --low: only those with this many units left or fewer
};

void run_add(Context& ctx, const AuthOptions& o) {
  NewAuthorization input;
  input.client_id = o.client;
  input.payer_id = o.payer;
  input.number = o.number;
  input.codes = o.codes;
  input.units = o.units;
  input.from = o.from;
  input.to = o.to;
  const AddedAuthorization added = add_authorization(ctx.db(), ctx.actor(), input, ctx.today());
  for (const auto& w : added.warnings) {
    warning(w);
  }
  print_saved(ctx, AuthorizationJson(ctx)(added.authorization), detail_fields(ctx));
}

void run_list(Context& ctx, const AuthOptions& o) {
  AuthorizationFilter filter;
  if (o.client > 0) {
    filter.client_id = o.client;
  }
  filter.active_only = o.active;
  AuthorizationJson to_json(ctx);
  Json rows = Json::array();
  for (const auto& a : list_authorizations(ctx.db(), filter, ctx.today())) {
    if (o.low >= 0 && a.units_remaining() > o.low) {
      continue;
    }
    rows.push_back(to_json(a));
  }
  std::vector<Column> table{{"id", "ID", nullptr, true}};
  if (!filter.client_id) {
    table.push_back({"client", "CLIENT", [](const Json& r) { return with_id(r, "client", "client_id", "client"); }});
  }
  table.insert(table.end(), {{"payer", "PAYER"},
                             {"number", "NUMBER"},
                             {"codes", "CODES"},
                             {"units", "UNITS", nullptr, true},
                             {"units_used", "USED", nullptr, true},
                             {"units_remaining", "LEFT", nullptr, true},
                             {"starts_on", "FROM"},
                             {"ends_on", "TO"},
                             {"status", "STATUS"}});
  print_list(ctx, rows, ctx.format() == Format::csv ? csv_columns() : table,
             o.low >= 0 ? "no authorizations with " + std::to_string(o.low) + " units left or fewer"
             : o.active ? "no active authorizations (iop auth list shows them all)"
                        : "no authorizations recorded (iop auth add)");
}

} // namespace

void register_auth(CLI::App& app, Context& ctx) {
  CLI::App* noun = app.add_subcommand("auth", "prior authorizations: approved units and what is left");
  noun->require_subcommand(1);
  auto o = std::make_shared<AuthOptions>();

  CLI::App* add = add_verb(*noun, ctx, "add", "record a prior authorization", [&ctx, o] { run_add(ctx, *o); });
  add_id(*add, o->client, "CLIENT_ID", "client id");
  add->add_option("--payer", o->payer, "payer id (iop payer list)")
      ->required()
      ->check(CLI::PositiveNumber)
      ->type_name("ID");
  add->add_option("--number", o->number, "the payer's authorization number (no * : ^ ~)")->required()->type_name("N");
  add->add_option("--code", o->codes, "HCPCS/CPT codes it covers (repeat, or separate by commas)")
      ->required()
      ->delimiter(',')
      ->type_name("CODE[,CODE...]");
  add->add_option("--units", o->units, "units approved, 1 to 9999")->required()->type_name("N");
  add->add_option("--from", o->from, "first day (YYYY-MM-DD, today, tomorrow)")->required()->type_name("DATE");
  add->add_option("--to", o->to, "last day")->required()->type_name("DATE");
  add->footer("A number is unique per payer (exit 4). A warning, not a refusal, when the client has no\n"
              "coverage with the payer in the period.\n"
              "Example:\n  iop auth add 12 --payer 2 --number PA-2026-0042 --code S9480,H0015 --units 24 "
              "--from 2026-11-02 --to 2027-01-31");

  CLI::App* list =
      add_verb(*noun, ctx, "list", "list authorizations with units used and left", [&ctx, o] { run_list(ctx, *o); });
  list->add_option("CLIENT_ID", o->client, "only this client's (default: every client's)")->check(CLI::PositiveNumber);
  list->add_flag("--active", o->active, "only those in their period today with units left");
  list->add_option("--low", o->low, "only those with this many units left or fewer")
      ->check(CLI::NonNegativeNumber)
      ->type_name("UNITS");
  list->footer("Example:\n  iop auth list 12 --active --format json\n  iop auth list --active --low 4");

  CLI::App* show = add_verb(*noun, ctx, "show", "show one authorization", [&ctx, o] {
    print_record(ctx, AuthorizationJson(ctx)(get_authorization(ctx.db(), o->id)), detail_fields(ctx));
  });
  add_id(*show, o->id, "ID", "authorization id");
  show->footer("Example:\n  iop auth show 5");
}

} // namespace iop::app
