#include "completion_model.hpp"

#include <algorithm>

namespace iop::app::completion {

namespace {

std::vector<std::string> strip_dashes(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const std::string& n : names) {
    out.push_back(n.substr(n.find_first_not_of('-')));
  }
  return out;
}

// `path` is {noun, verb} as far as known: values depend on where an option is (--status).
CommandSpec walk(const CLI::App& app, const std::vector<std::string>& path) {
  CommandSpec spec;
  spec.name = app.get_name();
  spec.description = app.get_description();
  const std::string noun = path.size() > 0 ? path[0] : "";
  const std::string verb = path.size() > 1 ? path[1] : "";
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_lnames().empty() && opt->get_snames().empty()) {
      PositionalSpec p;
      p.name = opt->get_name();
      p.description = opt->get_description();
      p.required = opt->get_required();
      p.many = opt->get_expected_max() > 1;
      p.values = positional_values(noun, verb, p.name);
      spec.positionals.push_back(std::move(p));
      continue;
    }
    OptionSpec o;
    o.long_names = strip_dashes(opt->get_lnames());
    o.short_names = strip_dashes(opt->get_snames());
    o.description = opt->get_description();
    o.takes_value = opt->get_expected_max() > 0 && opt->get_type_size_max() > 0; // flags expect 0
    o.repeatable = o.takes_value && opt->get_expected_max() > 1;
    if (o.takes_value && !o.long_names.empty()) {
      o.values = option_values(noun, verb, o.long_names.front());
    }
    spec.options.push_back(std::move(o));
  }
  // A subcommand in the group "" is hidden (`iop __complete`): not offered, not documented.
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); })) {
    std::vector<std::string> sub_path = path;
    sub_path.push_back(sub->get_name());
    spec.subcommands.push_back(walk(*sub, sub_path));
  }
  return spec;
}

bool shares_a_name(const OptionSpec& a, const OptionSpec& b) {
  const auto any_in = [](const std::vector<std::string>& xs, const std::vector<std::string>& ys) {
    return std::any_of(xs.begin(), xs.end(),
                       [&](const std::string& x) { return std::find(ys.begin(), ys.end(), x) != ys.end(); });
  };
  return any_in(a.long_names, b.long_names) || any_in(a.short_names, b.short_names);
}

} // namespace

CommandSpec build_model(const CLI::App& app) {
  return walk(app, {});
}

std::vector<OptionSpec> effective_options(const CommandSpec& root, const CommandSpec& command) {
  std::vector<OptionSpec> out = command.options;
  if (&command == &root) {
    return out;
  }
  for (const OptionSpec& global : root.options) {
    const bool root_only =
        std::find(global.long_names.begin(), global.long_names.end(), "version") != global.long_names.end();
    const bool shadowed =
        std::any_of(out.begin(), out.end(), [&](const OptionSpec& own) { return shares_a_name(own, global); });
    if (!root_only && !shadowed) {
      out.push_back(global);
    }
  }
  return out;
}

std::vector<CommandRef> all_commands(const CommandSpec& root) {
  std::vector<CommandRef> out{{"", &root}};
  for (const CommandSpec& noun : root.subcommands) {
    out.push_back({noun.name, &noun});
    for (const CommandSpec& verb : noun.subcommands) {
      out.push_back({noun.name + " " + verb.name, &verb});
    }
  }
  return out;
}

const std::vector<std::string>& shell_names() {
  static const std::vector<std::string> k_shells{"bash", "zsh", "fish"};
  return k_shells;
}

} // namespace iop::app::completion
