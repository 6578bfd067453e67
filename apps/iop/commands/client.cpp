// iop client enroll|list|show|update|discharge
#include "commands.hpp"
#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/couples.hpp"
#include "name_cache.hpp"
#include "output.hpp"

namespace iop::app {

namespace {

// Builds the JSON of clients, looking up clinician and partner names once each.
class ClientJson {
public:
  explicit ClientJson(Context& ctx) : m_ctx(ctx), m_today(ctx.today()), m_names(ctx.db()) {}

  Json operator()(const Client& c) {
    return Json{{"id", c.id},
                {"first_name", c.first_name},
                {"last_name", c.last_name},
                {"date_of_birth", c.date_of_birth},
                {"age", age_on(parse_date(c.date_of_birth, "date of birth"), m_today)},
                {"sex", c.sex},
                {"phone", c.phone ? Json(*c.phone) : Json()},
                {"email", c.email ? Json(*c.email) : Json()},
                {"timezone", c.timezone},
                {"track", c.track},
                {"clinician_id", c.clinician_id ? Json(*c.clinician_id) : Json()},
                {"clinician", c.clinician_id ? Json(clinician_name(*c.clinician_id)) : Json()},
                {"admission_date", c.admission_date},
                {"status", c.status},
                {"discharge_date", c.discharge_date ? Json(*c.discharge_date) : Json()},
                {"discharge_reason", c.discharge_reason ? Json(*c.discharge_reason) : Json()},
                {"diagnoses", c.diagnoses},
                {"address", c.address ? Json(*c.address) : Json()},
                {"city", c.city ? Json(*c.city) : Json()},
                {"state", c.state ? Json(*c.state) : Json()},
                {"zip", c.zip ? Json(*c.zip) : Json()},
                {"partner", partner(c)},
                {"created_at", c.created_at}};
  }

  std::string client_name(std::int64_t id) { return m_names.client(id); }

private:
  std::string clinician_name(std::int64_t id) { return m_names.clinician(id); }

  Json partner(const Client& c) {
    const auto couple = active_couple_of(m_ctx.db(), c.id);
    if (!couple) {
      return Json();
    }
    const std::int64_t other = couple->partner_of(c.id);
    return Json{{"client_id", other}, {"name", client_name(other)}, {"couple_id", couple->id}};
  }

  Context& m_ctx;
  Date m_today;
  NameCache m_names;
};

std::string partner_part(const Json& r, const char* key) {
  const auto& p = r.at("partner");
  return p.is_null() ? std::string() : as_text(p.at(key));
}

std::string full_name(const Json& r) {
  return as_text(r.at("first_name")) + " " + as_text(r.at("last_name"));
}

// Every field, one column each: what CSV prints for a list or a record.
std::vector<Column> csv_columns(bool with_ended_couple = false) {
  std::vector<Column> columns;
  for (const char* key :
       {"id", "first_name", "last_name", "date_of_birth", "age", "sex", "phone", "email", "timezone", "track",
        "clinician_id", "clinician", "admission_date", "status", "discharge_date", "discharge_reason"}) {
    columns.push_back({key, key});
  }
  columns.push_back({"diagnoses", "diagnoses", [](const Json& r) {
                       std::string out;
                       for (const auto& d : r.at("diagnoses")) {
                         out += (out.empty() ? "" : " ") + d.get<std::string>();
                       }
                       return out;
                     }});
  for (const char* key : {"address", "city", "state", "zip"}) {
    columns.push_back({key, key});
  }
  columns.push_back({"partner_id", "partner_id", [](const Json& r) { return partner_part(r, "client_id"); }});
  columns.push_back({"partner_name", "partner_name", [](const Json& r) { return partner_part(r, "name"); }});
  columns.push_back({"couple_id", "couple_id", [](const Json& r) { return partner_part(r, "couple_id"); }});
  columns.push_back({"created_at", "created_at"});
  if (with_ended_couple) {
    columns.push_back({"ended_couple_id", "ended_couple_id"});
  }
  return columns;
}

// "label  value" lines of `iop client show`; CSV gets every field in its own column instead.
std::vector<Column> detail_fields(Context& ctx, bool with_ended_couple = false) {
  if (ctx.format() == Format::csv) {
    return csv_columns(with_ended_couple);
  }
  std::vector<Column> fields{
      {"id", "id"},
      {"name", "name", full_name},
      {"date_of_birth", "born",
       [](const Json& r) { return as_text(r.at("date_of_birth")) + " (age " + as_text(r.at("age")) + ")"; }},
      {"sex", "sex"},
      {"phone", "phone"},
      {"email", "email"},
      {"address", "address",
       [](const Json& r) {
         return r.at("address").is_null() ? std::string()
                                          : as_text(r.at("address")) + ", " + as_text(r.at("city")) + " " +
                                                as_text(r.at("state")) + " " + as_text(r.at("zip"));
       }},
      {"timezone", "time zone"},
      {"track", "track"},
      {"clinician", "clinician",
       [](const Json& r) {
         return r.at("clinician").is_null() ? std::string()
                                            : as_text(r.at("clinician")) + " (" + as_text(r.at("clinician_id")) + ")";
       }},
      {"admission_date", "admitted"},
      {"status", "status"},
      {"discharge_date", "discharged",
       [](const Json& r) {
         return r.at("discharge_date").is_null()
                    ? std::string()
                    : as_text(r.at("discharge_date")) + " (" + as_text(r.at("discharge_reason")) + ")";
       }},
      {"diagnoses", "diagnoses",
       [](const Json& r) {
         std::string all = as_text(r.at("diagnoses"));
         if (!all.empty()) {
           all.insert(r.at("diagnoses")[0].get<std::string>().size(), " (primary)");
         }
         return all;
       }},
      {"partner", "partner",
       [](const Json& r) {
         return r.at("partner").is_null() ? std::string()
                                          : partner_part(r, "name") + " (client " + partner_part(r, "client_id") +
                                                ", couple " + partner_part(r, "couple_id") + ")";
       }},
      {"created_at", "created"}};
  if (with_ended_couple) {
    fields.push_back({"ended_couple_id", "ended couple"});
  }
  return fields;
}

struct ClientOptions {
  std::int64_t id = 0;
  std::string first, last, dob, sex, phone, email, tz, track, admit;
  std::string address, city, state, zip;
  std::int64_t clinician = 0;
  std::vector<std::string> diagnoses;
  bool allow_duplicate = false;
  std::string status = "active";
  std::string search;
  std::string date, reason;
};

void add_detail_options(CLI::App* verb, ClientOptions& o) {
  verb->add_option("--sex", o.sex, "F, M, X or U (unknown)");
  verb->add_option("--phone", o.phone, "phone number");
  verb->add_option("--email", o.email, "email address");
  verb->add_option("--address", o.address, "street address, sent on claims (at most 55 characters)");
  verb->add_option("--city", o.city, "city (at most 30 characters)");
  verb->add_option("--state", o.state, "state, two letters")->type_name("XX");
  verb->add_option("--zip", o.zip, "ZIP code, 5 or 9 digits (97201 or 97201-1234)")->type_name("ZIP");
  verb->add_option("--tz", o.tz, "the client's time zone (IANA name)");
  verb->add_option("--track", o.track, "mh (mental health), sud (substance use) or dual");
  verb->add_option("--admit", o.admit, "admission date (YYYY-MM-DD, today, yesterday)");
  verb->add_option("--diagnosis", o.diagnoses, "ICD-10-CM codes, the primary first (repeat, or separate by commas)")
      ->delimiter(',')
      ->type_name("CODE[,CODE...]");
}

// Sets `field` to `value` when `option` was given on the command line.
template <typename T> void set_if(const CLI::App& verb, const char* option, std::optional<T>& field, const T& value) {
  if (verb.count(option) > 0) {
    field = value;
  }
}

void run_update(Context& ctx, const ClientOptions& o, const CLI::App& verb) {
  ClientChanges changes;
  set_if(verb, "--first", changes.first_name, o.first);
  set_if(verb, "--last", changes.last_name, o.last);
  set_if(verb, "--dob", changes.date_of_birth, o.dob);
  set_if(verb, "--sex", changes.sex, o.sex);
  set_if(verb, "--phone", changes.phone, o.phone);
  set_if(verb, "--email", changes.email, o.email);
  set_if(verb, "--tz", changes.timezone, o.tz);
  set_if(verb, "--track", changes.track, o.track);
  set_if(verb, "--clinician", changes.clinician_id, o.clinician);
  set_if(verb, "--admit", changes.admission_date, o.admit);
  set_if(verb, "--diagnosis", changes.diagnoses, o.diagnoses);
  set_if(verb, "--address", changes.address, o.address);
  set_if(verb, "--city", changes.city, o.city);
  set_if(verb, "--state", changes.state, o.state);
  set_if(verb, "--zip", changes.zip, o.zip);
  const Client c = update_client(ctx.db(), ctx.actor(), o.id, changes, ctx.today());
  print_saved(ctx, ClientJson(ctx)(c), detail_fields(ctx));
}

void run_enroll(Context& ctx, const ClientOptions& o, const CLI::App& verb) {
  NewClient input;
  input.first_name = o.first;
  input.last_name = o.last;
  input.date_of_birth = o.dob;
  input.sex = verb.count("--sex") > 0 ? o.sex : input.sex;
  set_if(verb, "--phone", input.phone, o.phone);
  set_if(verb, "--email", input.email, o.email);
  input.timezone = o.tz.empty() ? ctx.zone() : o.tz;
  input.track = verb.count("--track") > 0 ? o.track : input.track;
  set_if(verb, "--clinician", input.clinician_id, o.clinician);
  input.admission_date = o.admit; // empty: today
  input.diagnoses = o.diagnoses;
  set_if(verb, "--address", input.address, o.address);
  set_if(verb, "--city", input.city, o.city);
  set_if(verb, "--state", input.state, o.state);
  set_if(verb, "--zip", input.zip, o.zip);
  input.allow_duplicate = o.allow_duplicate;
  const Client c = enroll_client(ctx.db(), ctx.actor(), input, ctx.today());
  print_saved(ctx, ClientJson(ctx)(c), detail_fields(ctx));
}

void run_discharge(Context& ctx, const ClientOptions& o) {
  const DischargeResult result = discharge_client(ctx.db(), ctx.actor(), o.id, {o.date, o.reason}, ctx.today());
  ClientJson to_json(ctx);
  Json record = to_json(result.client);
  record["ended_couple_id"] = result.ended_couple_id ? Json(*result.ended_couple_id) : Json();
  if (result.ended_couple_id) {
    const Couple couple = get_couple(ctx.db(), *result.ended_couple_id);
    notice(ctx, "the pairing with " + to_json.client_name(couple.partner_of(o.id)) + " (couple " +
                    std::to_string(couple.id) + ") ended on " + couple.until.value_or(o.date));
  }
  record["cancelled_sessions"] = result.cancelled_sessions;
  if (!result.cancelled_sessions.empty()) {
    notice(ctx, "cancelled " + std::to_string(result.cancelled_sessions.size()) +
                    " session(s) booked after the discharge date: " + id_list(result.cancelled_sessions));
  }
  print_saved(ctx, record, detail_fields(ctx, true));
}

void run_list(Context& ctx, const ClientOptions& o, const CLI::App& verb) {
  ClientFilter filter;
  filter.status = o.status;
  if (verb.count("--clinician") > 0) {
    filter.clinician_id = o.clinician;
  }
  if (verb.count("--search") > 0) {
    filter.search = o.search;
  }
  ClientJson to_json(ctx);
  Json rows = Json::array();
  for (const auto& c : list_clients(ctx.db(), filter)) {
    rows.push_back(to_json(c));
  }
  const std::vector<Column> table{
      {"id", "ID", nullptr, true}, {"name", "NAME", full_name},    {"date_of_birth", "DOB"}, {"track", "TRACK"},
      {"clinician", "CLINICIAN"},  {"admission_date", "ADMITTED"}, {"status", "STATUS"}};
  print_list(ctx, rows, ctx.format() == Format::csv ? csv_columns() : table,
             o.status == "active" ? "no active clients (iop client list --status all)" : "no clients found");
}

} // namespace

void register_client(CLI::App& app, Context& ctx) {
  CLI::App* noun = app.add_subcommand("client", "clients: enrollment, details, discharge");
  noun->require_subcommand(1);
  auto o = std::make_shared<ClientOptions>();

  CLI::App* enroll = add_verb(*noun, ctx, "enroll", "enroll a new client",
                              [&ctx, o, noun] { run_enroll(ctx, *o, *noun->get_subcommand("enroll")); });
  enroll->add_option("--first", o->first, "first name")->required();
  enroll->add_option("--last", o->last, "last name")->required();
  enroll->add_option("--dob", o->dob, "date of birth (YYYY-MM-DD)")->required();
  enroll->add_option("--clinician", o->clinician, "primary clinician id")->check(CLI::PositiveNumber);
  add_detail_options(enroll, *o);
  enroll->add_flag("--allow-duplicate", o->allow_duplicate,
                   "enroll even when a client with the same name and date of birth exists");
  enroll->footer("Defaults: --tz the viewer's zone, --admit today, --track mh, --sex U.\n"
                 "Example:\n  iop client enroll --first Ana --last Reed --dob 1985-02-01 --track dual "
                 "--clinician 1 --diagnosis F10.20,F41.1");

  CLI::App* list = add_verb(*noun, ctx, "list", "list clients",
                            [&ctx, o, noun] { run_list(ctx, *o, *noun->get_subcommand("list")); });
  list->add_option("--status", o->status, "active (default), discharged or all");
  list->add_option("--clinician", o->clinician, "only clients of this primary clinician")->check(CLI::PositiveNumber);
  list->add_option("--search", o->search, "part of the name (case and accents do not matter)");
  list->footer("Example:\n  iop client list --status all --search reed --format json");

  CLI::App* show = add_verb(*noun, ctx, "show", "show one client with diagnoses, clinician and partner", [&ctx, o] {
    print_record(ctx, ClientJson(ctx)(get_client(ctx.db(), o->id)), detail_fields(ctx));
  });
  add_id(*show, o->id, "ID", "client id");
  show->footer("Example:\n  iop client show 12 --format json");

  CLI::App* update = add_verb(*noun, ctx, "update", "change a client's details (only the options given)",
                              [&ctx, o, noun] { run_update(ctx, *o, *noun->get_subcommand("update")); });
  add_id(*update, o->id, "ID", "client id");
  update->add_option("--first", o->first, "first name");
  update->add_option("--last", o->last, "last name");
  update->add_option("--dob", o->dob, "date of birth (YYYY-MM-DD)");
  update->add_option("--clinician", o->clinician, "primary clinician id (0 clears it)")->check(CLI::NonNegativeNumber);
  add_detail_options(update, *o);
  update->footer(
      "--diagnosis replaces the whole list; --phone \"\" or --email \"\" clears it; --clinician 0 clears it;\n"
      "the address (--address, --city, --state, --zip) must end complete, or all four \"\" to clear it.\n"
      "Example:\n  iop client update 12 --phone \"503 555 0142\" --diagnosis F10.20,F41.1");

  CLI::App* discharge = add_verb(*noun, ctx, "discharge", "discharge a client (an active pairing ends that day)",
                                 [&ctx, o] { run_discharge(ctx, *o); });
  add_id(*discharge, o->id, "ID", "client id");
  discharge->add_option("--date", o->date, "discharge date (YYYY-MM-DD, today, yesterday)")->required();
  discharge->add_option("--reason", o->reason, "completed, transferred, withdrew, ama, administrative or other")
      ->required();
  discharge->footer("Example:\n  iop client discharge 12 --date 2026-12-18 --reason completed");

  register_client_import(*noun, ctx);
}

} // namespace iop::app
