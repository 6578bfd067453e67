// iop completion bash|zsh|fish (the script, generated from the command definitions) and the
// hidden iop __complete KIND [PREFIX] that the scripts call for record ids.
#include "commands.hpp"
#include "completion_model.hpp"
#include "iop/completion_candidates.hpp"

#include <iostream>
#include <memory>

namespace iop::app {

namespace {

struct CompleteOptions {
  std::string kind;
  std::string prefix;
};

// The viewer's zone for session times; the session's own when it cannot be told (a broken
// config must not stop completion).
std::string zone_or_empty(Context& ctx) {
  try {
    return ctx.zone();
  } catch (...) {
    return "";
  }
}

// Prints "ID<TAB>label" lines. Completion runs on every TAB: it must be quick, silent on
// stderr and harmless, so every failure means "nothing to offer", with exit 0.
void run_complete(Context& ctx, const CompleteOptions& o) {
  try {
    const auto kind = candidate_kind(o.kind);
    if (!kind) {
      return;
    }
    CandidateQuery query;
    query.kind = *kind;
    query.id_prefix = o.prefix;
    if (*kind == CandidateKind::sessions) {
      query.now = ctx.clock().now();
      query.zone = zone_or_empty(ctx);
    }
    std::string text;
    for (const Candidate& c : completion_candidates(ctx.db_path(), query)) {
      std::string label = c.label;
      for (char& ch : label) {
        if (ch == '\t' || ch == '\n' || ch == '\r') {
          ch = ' ';
        }
      }
      text += std::to_string(c.id) + '\t' + label + '\n';
    }
    std::cout << text << std::flush;
  } catch (...) {
    std::cout.clear();
  }
}

} // namespace

void register_completion(CLI::App& app, Context& ctx) {
  // Not through add_verb: neither command may read the config (or the database, for
  // `completion`), so both work with a broken config file.
  auto shell = std::make_shared<std::string>();
  CLI::App* completion = app.add_subcommand("completion", "print the shell completion script for bash, zsh or fish");
  completion->add_option("SHELL", *shell, "bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember(completion::shell_names()));
  completion->footer("The script is generated from iop's own commands and options; record ids (clients, sessions,\n"
                     "claims...) are completed from the database with their names.\n"
                     "Example:\n"
                     "  iop completion bash > ~/.local/share/bash-completion/completions/iop\n"
                     "  iop completion zsh > ~/.zfunc/_iop      # a folder in $fpath\n"
                     "  iop completion fish > ~/.config/fish/completions/iop.fish");
  completion->callback([&app, &ctx, shell] {
    ctx.command = "completion";
    const auto model = completion::build_model(app);
    if (*shell == "bash") {
      std::cout << completion::bash_script(model);
    } else if (*shell == "zsh") {
      std::cout << completion::zsh_script(model);
    } else {
      std::cout << completion::fish_script(model);
    }
  });

  // Hidden (group ""): for the scripts, not for people; not in --help nor in the completions.
  auto o = std::make_shared<CompleteOptions>();
  CLI::App* complete = app.add_subcommand("__complete", "record ids and labels for shell completion");
  complete->group("");
  complete->add_option("KIND", o->kind, "clients, clinicians, couples, groups, payers, sessions, claims or notes")
      ->required();
  complete->add_option("PREFIX", o->prefix, "only ids that start with these digits");
  complete->footer("Prints ID<TAB>label lines; nothing (and exit 0) when the database is missing, busy or old.\n"
                   "Example:\n  iop __complete clients 1");
  complete->callback([&ctx, o] {
    ctx.command = "__complete";
    run_complete(ctx, *o);
  });
}

} // namespace iop::app
