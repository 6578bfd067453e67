// iop coverage add|list|show|end: a client's insurance policies.
#include "iop/coverage.hpp"
#include "commands.hpp"
#include "iop/clients.hpp"
#include "iop/payers.hpp"
#include "name_cache.hpp"
#include "output.hpp"

namespace iop::app {

namespace {

// Builds the JSON of coverages, looking up client and payer names once each.
class CoverageJson {
public:
  explicit CoverageJson(Context& ctx) : m_ctx(ctx), m_today(ctx.today()), m_names(ctx.db()) {}

  Json operator()(const Coverage& c) {
    const SubscriberPerson s = subscriber_of(m_ctx.db(), c);
    return Json{{"id", c.id},
                {"client_id", c.client_id},
                {"client", m_names.client(c.client_id)},
                {"payer_id", c.payer_id},
                {"payer", m_names.payer(c.payer_id)},
                {"member_id", c.member_id},
                {"group_number", c.group_number ? Json(*c.group_number) : Json()},
                {"priority", c.priority},
                {"subscriber",
                 {{"kind", c.subscriber_kind},
                  {"client_id", s.client_id ? Json(*s.client_id) : Json()},
                  {"name", s.first_name + " " + s.last_name},
                  {"first_name", s.first_name},
                  {"last_name", s.last_name},
                  {"date_of_birth", s.date_of_birth},
                  {"sex", s.sex}}},
                {"relationship", c.relationship},
                {"starts_on", c.starts_on},
                {"ends_on", c.ends_on ? Json(*c.ends_on) : Json()},
                {"status", coverage_status(c, m_today)},
                {"created_at", c.created_at}};
  }

private:
  Context& m_ctx;
  Date m_today;
  NameCache m_names;
};

std::string sub(const Json& r, const char* key) {
  return as_text(r.at("subscriber").at(key));
}

// "self", "Ben Reed (client 2), spouse", "Maria Núñez (born 1961-04-02), parent"
std::string subscriber_text(const Json& r) {
  const std::string kind = sub(r, "kind");
  if (kind == "self") {
    return "self";
  }
  const std::string who = kind == "client" ? sub(r, "name") + " (client " + sub(r, "client_id") + ")"
                                           : sub(r, "name") + " (born " + sub(r, "date_of_birth") + ")";
  return who + ", " + as_text(r.at("relationship"));
}

std::vector<Column> csv_columns() {
  std::vector<Column> c;
  for (const char* key : {"id", "client_id", "client", "payer_id", "payer", "member_id", "group_number", "priority"}) {
    c.push_back({key, key});
  }
  c.push_back({"subscriber_kind", "subscriber_kind", [](const Json& r) { return sub(r, "kind"); }});
  c.push_back({"subscriber_client_id", "subscriber_client_id", [](const Json& r) { return sub(r, "client_id"); }});
  c.push_back({"subscriber_name", "subscriber_name", [](const Json& r) { return sub(r, "name"); }});
  c.push_back({"subscriber_dob", "subscriber_dob", [](const Json& r) { return sub(r, "date_of_birth"); }});
  c.push_back({"subscriber_sex", "subscriber_sex", [](const Json& r) { return sub(r, "sex"); }});
  for (const char* key : {"relationship", "starts_on", "ends_on", "status", "created_at"}) {
    c.push_back({key, key});
  }
  return c;
}

std::vector<Column> detail_fields(Context& ctx) {
  if (ctx.format() == Format::csv) {
    return csv_columns();
  }
  return {{"id", "id"},
          {"client", "client",
           [](const Json& r) { return as_text(r.at("client")) + " (client " + as_text(r.at("client_id")) + ")"; }},
          {"payer", "payer",
           [](const Json& r) { return as_text(r.at("payer")) + " (payer " + as_text(r.at("payer_id")) + ")"; }},
          {"member_id", "member id"},
          {"group_number", "group"},
          {"priority", "priority"},
          {"subscriber", "subscriber", subscriber_text},
          {"starts_on", "from"},
          {"ends_on", "to"},
          {"status", "status"},
          {"created_at", "created"}};
}

struct CoverageOptions {
  std::int64_t client = 0;
  std::int64_t id = 0;
  std::int64_t payer = 0;
  std::string member_id, group, priority, subscriber, subscriber_name, subscriber_dob, subscriber_sex, relationship;
  std::string from, to, date;
  bool all = false;
};

template <typename T> void set_if(const CLI::App& verb, const char* option, std::optional<T>& field, const T& value) {
  if (verb.count(option) > 0) {
    field = value;
  }
}

void run_add(Context& ctx, const CoverageOptions& o, const CLI::App& verb) {
  NewCoverage input;
  input.client_id = o.client;
  input.payer_id = o.payer;
  input.member_id = o.member_id;
  set_if(verb, "--group", input.group_number, o.group);
  input.priority = verb.count("--priority") > 0 ? o.priority : input.priority;
  set_if(verb, "--subscriber", input.subscriber, o.subscriber);
  set_if(verb, "--subscriber-name", input.subscriber_name, o.subscriber_name);
  set_if(verb, "--subscriber-dob", input.subscriber_dob, o.subscriber_dob);
  set_if(verb, "--subscriber-sex", input.subscriber_sex, o.subscriber_sex);
  set_if(verb, "--relationship", input.relationship, o.relationship);
  input.from = o.from;
  set_if(verb, "--to", input.to, o.to);
  print_saved(ctx, CoverageJson(ctx)(add_coverage(ctx.db(), ctx.actor(), input, ctx.today())), detail_fields(ctx));
}

void run_end(Context& ctx, const CoverageOptions& o, const CLI::App& verb) {
  std::optional<std::string> date;
  set_if(verb, "--date", date, o.date);
  const CoverageEnd ended = end_coverage(ctx.db(), ctx.actor(), o.id, date, ctx.today());
  if (!ended.changed) {
    notice(ctx, "coverage " + std::to_string(o.id) + " already ends on " + ended.coverage.ends_on.value_or(""));
  }
  print_saved(ctx, CoverageJson(ctx)(ended.coverage), detail_fields(ctx));
}

void run_list(Context& ctx, const CoverageOptions& o) {
  CoverageFilter filter;
  filter.client_id = o.client;
  filter.include_ended = o.all;
  CoverageJson to_json(ctx);
  Json rows = Json::array();
  for (const auto& c : list_coverages(ctx.db(), filter, ctx.today())) {
    rows.push_back(to_json(c));
  }
  const std::vector<Column> table{
      {"id", "ID", nullptr, true}, {"priority", "PRIORITY"},  {"payer", "PAYER"},
      {"member_id", "MEMBER ID"},  {"group_number", "GROUP"}, {"subscriber", "SUBSCRIBER", subscriber_text},
      {"starts_on", "FROM"},       {"ends_on", "TO"},         {"status", "STATUS"}};
  print_list(ctx, rows, ctx.format() == Format::csv ? csv_columns() : table,
             o.all ? "no coverage recorded (iop coverage add)"
                   : "no current coverage (iop coverage list " + std::to_string(o.client) + " --all shows ended ones)");
}

} // namespace

void register_coverage(CLI::App& app, Context& ctx) {
  CLI::App* noun = app.add_subcommand("coverage", "a client's insurance policies");
  noun->require_subcommand(1);
  auto o = std::make_shared<CoverageOptions>();

  CLI::App* add = add_verb(*noun, ctx, "add", "record a client's policy with a payer",
                           [&ctx, o, noun] { run_add(ctx, *o, *noun->get_subcommand("add")); });
  add_id(*add, o->client, "CLIENT_ID", "client id (the patient)");
  add->add_option("--payer", o->payer, "payer id (iop payer list)")
      ->required()
      ->check(CLI::PositiveNumber)
      ->type_name("ID");
  add->add_option("--member-id", o->member_id, "the member id on the insurance card")->required()->type_name("M");
  add->add_option("--group", o->group, "the group number")->type_name("G");
  add->add_option("--priority", o->priority, "primary (default), secondary or tertiary");
  add->add_option("--subscriber", o->subscriber, "who holds the policy: self (default) or client:ID")
      ->type_name("self|client:ID");
  add->add_option("--subscriber-name", o->subscriber_name,
                  "a subscriber who is not a client: \"Last, First\" or \"First Last\"")
      ->type_name("NAME");
  add->add_option("--subscriber-dob", o->subscriber_dob, "that subscriber's date of birth (required with the name)")
      ->type_name("DATE");
  add->add_option("--subscriber-sex", o->subscriber_sex, "that subscriber's sex: F, M, X or U")->type_name("SEX");
  add->add_option("--relationship", o->relationship,
                  "the subscriber to the client: spouse, partner, parent or other (spouse for the active partner)");
  add->add_option("--from", o->from, "first covered day (YYYY-MM-DD, today, tomorrow)")->required()->type_name("DATE");
  add->add_option("--to", o->to, "last covered day (default: open-ended)")->type_name("DATE");
  add->footer("One coverage of each priority per client on any day (exit 4 otherwise); a secondary needs a\n"
              "primary on its first day, a tertiary both.\n"
              "Examples:\n  iop coverage add 12 --payer 2 --member-id XKB123456789 --group 00417 --from 2026-11-01\n"
              "  iop coverage add 13 --payer 2 --member-id XKB123456789 --subscriber client:12 --from 2026-11-01\n"
              "  iop coverage add 14 --payer 3 --member-id W99 --subscriber-name \"Núñez, María\" "
              "--subscriber-dob 1961-04-02 --relationship parent --from 2026-11-01");

  CLI::App* list = add_verb(*noun, ctx, "list", "a client's coverage (current and upcoming unless --all)",
                            [&ctx, o] { run_list(ctx, *o); });
  add_id(*list, o->client, "CLIENT_ID", "client id");
  list->add_flag("--all", o->all, "include coverage that has ended");
  list->footer("Example:\n  iop coverage list 12 --all --format json");

  CLI::App* show = add_verb(*noun, ctx, "show", "show one coverage with its subscriber", [&ctx, o] {
    print_record(ctx, CoverageJson(ctx)(get_coverage(ctx.db(), o->id)), detail_fields(ctx));
  });
  add_id(*show, o->id, "ID", "coverage id");
  show->footer("Example:\n  iop coverage show 4");

  CLI::App* end = add_verb(*noun, ctx, "end", "set the last covered day of a coverage (it is kept)",
                           [&ctx, o, noun] { run_end(ctx, *o, *noun->get_subcommand("end")); });
  add_id(*end, o->id, "ID", "coverage id");
  end->add_option("--date", o->date, "last covered day (YYYY-MM-DD, today, yesterday; default today)")
      ->type_name("DATE");
  end->footer("Not before the coverage starts; an end date can be moved earlier, never later.\n"
              "Example:\n  iop coverage end 4 --date 2026-12-31");
}

} // namespace iop::app
