// iop group create|add|remove|list|show
#include "commands.hpp"
#include "iop/groups.hpp"
#include "output.hpp"

namespace iop::app {

namespace {

Json to_json(const Group& g) {
  Json members = Json::array();
  for (const auto& m : g.members) {
    members.push_back(Json{{"client_id", m.client_id}, {"name", m.name}, {"joined_on", m.joined_on}});
  }
  return Json{{"id", g.id},
              {"name", g.name},
              {"clinician_id", g.clinician_id},
              {"clinician", g.clinician_name},
              {"capacity", g.capacity ? Json(*g.capacity) : Json()},
              {"members", members},
              {"created_at", g.created_at}};
}

std::string member_count(const Json& r) {
  std::string out = std::to_string(r.at("members").size());
  if (!r.at("capacity").is_null()) {
    out += "/" + as_text(r.at("capacity"));
  }
  return out;
}

std::string member_names(const Json& r, bool with_ids) {
  std::string out;
  for (const auto& m : r.at("members")) {
    out += (out.empty() ? "" : "; ") + m.at("name").get<std::string>();
    if (with_ids) {
      out += " (client " + std::to_string(m.at("client_id").get<std::int64_t>()) + ", since " +
             m.at("joined_on").get<std::string>() + ")";
    }
  }
  return out;
}

std::vector<Column> detail_fields(Context& ctx) {
  if (ctx.format() == Format::csv) {
    return {{"id", "id"},
            {"name", "name"},
            {"clinician_id", "clinician_id"},
            {"clinician", "clinician"},
            {"capacity", "capacity"},
            {"members", "members", [](const Json& r) { return member_names(r, false); }},
            {"created_at", "created_at"}};
  }
  return {
      {"id", "id"},
      {"name", "name"},
      {"clinician", "clinician",
       [](const Json& r) { return as_text(r.at("clinician")) + " (clinician " + as_text(r.at("clinician_id")) + ")"; }},
      {"capacity", "capacity",
       [](const Json& r) { return r.at("capacity").is_null() ? std::string("no limit") : as_text(r.at("capacity")); }},
      {"member_count", "member count", member_count},
      {"members", "members", [](const Json& r) { return member_names(r, true); }},
      {"created_at", "created"}};
}

struct GroupOptions {
  std::int64_t id = 0;
  std::string name;
  std::int64_t clinician = 0;
  int capacity = 0;
  std::vector<std::int64_t> clients;
  std::int64_t group = 0;
  std::string date;
};

void run_create(Context& ctx, const GroupOptions& o, const CLI::App& verb) {
  NewGroup input;
  input.name = o.name;
  input.clinician_id = o.clinician;
  if (verb.count("--capacity") > 0) {
    input.capacity = o.capacity;
  }
  print_saved(ctx, to_json(create_group(ctx.db(), ctx.actor(), input)), detail_fields(ctx));
}

Date member_date(Context& ctx, const GroupOptions& o, const CLI::App& verb) {
  const Date today = ctx.today();
  return verb.count("--date") > 0 ? parse_date_relative(o.date, today, "--date") : today;
}

void run_add(Context& ctx, const GroupOptions& o, const CLI::App& verb) {
  const Group g = add_group_members(ctx.db(), ctx.actor(), o.group, o.clients, member_date(ctx, o, verb));
  print_saved(ctx, to_json(g), detail_fields(ctx));
}

void run_remove(Context& ctx, const GroupOptions& o, const CLI::App& verb) {
  const Group g = remove_group_members(ctx.db(), ctx.actor(), o.group, o.clients, member_date(ctx, o, verb));
  print_saved(ctx, to_json(g), detail_fields(ctx));
}

void run_list(Context& ctx) {
  Json rows = Json::array();
  for (const auto& g : list_groups(ctx.db())) {
    rows.push_back(to_json(g));
  }
  std::vector<Column> columns{{"id", "ID", nullptr, true},
                              {"name", "NAME"},
                              {"clinician", "CLINICIAN"},
                              {"member_count", "MEMBERS", member_count, true},
                              {"members", "NAMES", [](const Json& r) { return member_names(r, false); }}};
  if (ctx.format() == Format::csv) {
    columns = detail_fields(ctx);
  }
  print_list(ctx, rows, columns, "no groups yet (iop group create --name NAME --clinician ID)");
}

void add_member_options(CLI::App* verb, GroupOptions& o) {
  verb->add_option("CLIENT", o.clients, "client ids")->required()->check(CLI::PositiveNumber);
  verb->add_option("--group", o.group, "group id")->required()->check(CLI::PositiveNumber);
}

} // namespace

void register_group(CLI::App& app, Context& ctx) {
  CLI::App* noun = app.add_subcommand("group", "therapy groups: a clinician, a capacity and members");
  noun->require_subcommand(1);
  auto o = std::make_shared<GroupOptions>();

  CLI::App* create = add_verb(*noun, ctx, "create", "create a therapy group led by a clinician with the group role",
                              [&ctx, o, noun] { run_create(ctx, *o, *noun->get_subcommand("create")); });
  create->add_option("--name", o->name, "the group's name")->required();
  create->add_option("--clinician", o->clinician, "the leading clinician's id (group role)")
      ->required()
      ->check(CLI::PositiveNumber);
  create->add_option("--capacity", o->capacity, "the most members at one time (1 to 100; default no limit)");
  create->footer("Example:\n  iop group create --name \"Tuesday Recovery\" --clinician 3 --capacity 10");

  CLI::App* add = add_verb(*noun, ctx, "add", "add clients to a group; they join its scheduled sessions from --date on",
                           [&ctx, o, noun] { run_add(ctx, *o, *noun->get_subcommand("add")); });
  add_member_options(add, *o);
  add->add_option("--date", o->date, "the joining date (YYYY-MM-DD, today, yesterday; default today)");
  add->footer("All or none: a discharged client, a current member, a full group or a client already booked\n"
              "during one of the group's sessions from that date refuses the whole command (exit 4).\n"
              "Example:\n  iop group add 12 14 --group 2 --date 2026-12-01");

  CLI::App* remove =
      add_verb(*noun, ctx, "remove", "remove clients from a group; they leave its scheduled sessions from --date on",
               [&ctx, o, noun] { run_remove(ctx, *o, *noun->get_subcommand("remove")); });
  add_member_options(remove, *o);
  remove->add_option("--date", o->date, "the leaving date (YYYY-MM-DD, today, yesterday; default today)");
  remove->footer("Example:\n  iop group remove 12 --group 2 --date 2026-12-15");

  CLI::App* list =
      add_verb(*noun, ctx, "list", "list groups with their clinician and members", [&ctx] { run_list(ctx); });
  list->footer("Example:\n  iop group list --format json");

  CLI::App* show = add_verb(*noun, ctx, "show", "show one group: clinician, capacity and current members",
                            [&ctx, o] { print_record(ctx, to_json(get_group(ctx.db(), o->id)), detail_fields(ctx)); });
  add_id(*show, o->id, "ID", "group id");
  show->footer("Example:\n  iop group show 2 --format json");
}

} // namespace iop::app
