// What the shell completions know about the command line, read from the CLI11 tree at run time
// so that a new noun, verb or option is completed without anyone editing a script.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <utility>
#include <vector>

namespace iop::app::completion {

// What the word after an option (or a positional) can be.
enum class ValueKind {
  free,          // anything typed by hand: nothing to offer
  words,         // one of `words`
  comma_words,   // a comma-separated list of `words`
  file,          // a file name
  file_or_stdin, // a file name, or - for stdin
  directory,     // a folder
  zone,          // an IANA time zone
  user,          // a login name
  ids,           // record ids from `iop __complete <id_kind>`
};

struct Values {
  ValueKind kind = ValueKind::free;
  std::vector<std::string> words;
  std::string id_kind; // clients, clinicians, couples, groups, payers, sessions, claims, notes
};

struct OptionSpec {
  std::vector<std::string> long_names;  // without the dashes
  std::vector<std::string> short_names; // without the dash
  std::string description;
  bool takes_value = false;
  bool repeatable = false;
  Values values;
};

struct PositionalSpec {
  std::string name; // CLIENT_ID
  std::string description;
  bool required = false;
  bool many = false; // takes every remaining word
  Values values;
};

struct CommandSpec {
  std::string name;
  std::string description;
  std::vector<OptionSpec> options; // its own options, --help included
  std::vector<PositionalSpec> positionals;
  std::vector<CommandSpec> subcommands; // visible ones only
};

// The root command (its options are the global ones) with its nouns and their verbs.
CommandSpec build_model(const CLI::App& app);

struct CommandRef {
  std::string key; // "" for iop itself, "client", "client enroll"
  const CommandSpec* spec = nullptr;
};
// Every command, iop itself first, then each noun followed by its verbs, in --help order.
std::vector<CommandRef> all_commands(const CommandSpec& root);

// The options that work after `noun verb`: its own, then the global ones it does not shadow
// (claim superbill has a --format of its own).
std::vector<OptionSpec> effective_options(const CommandSpec& root, const CommandSpec& command);

// The one table of option and positional values (completion_values.cpp). `noun` and `verb`
// are empty for the global options; `verb` is empty for a noun without verbs (agenda).
Values option_values(const std::string& noun, const std::string& verb, const std::string& long_name);
Values positional_values(const std::string& noun, const std::string& verb, const std::string& name);

// The scripts (completion_bash.cpp, completion_zsh.cpp, completion_fish.cpp).
std::string bash_script(const CommandSpec& root);
std::string zsh_script(const CommandSpec& root);
std::string fish_script(const CommandSpec& root);

// The shells `iop completion` knows, for its help and its error message.
const std::vector<std::string>& shell_names();

} // namespace iop::app::completion
