// Every noun registers its verbs from its own file (CLI11's subcom_in_files shape).
#pragma once

#include "context.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <string>

namespace iop::app {

void register_init(CLI::App& app, Context& ctx);
void register_config(CLI::App& app, Context& ctx);
void register_audit(CLI::App& app, Context& ctx);
void register_clinician(CLI::App& app, Context& ctx);
void register_client(CLI::App& app, Context& ctx);
void register_couple(CLI::App& app, Context& ctx);
void register_group(CLI::App& app, Context& ctx);
void register_session(CLI::App& app, Context& ctx);
// The attendance and change verbs of `iop session` (commands/session_changes.cpp).
void register_session_changes(CLI::App& noun, Context& ctx);
// `iop session export` (commands/session_export.cpp): a separate file so it can be replaced alone.
void register_session_export(CLI::App& noun, Context& ctx);
void register_agenda(CLI::App& app, Context& ctx);
void register_report(CLI::App& app, Context& ctx);
void register_payer(CLI::App& app, Context& ctx);
void register_coverage(CLI::App& app, Context& ctx);
void register_auth(CLI::App& app, Context& ctx);
void register_note(CLI::App& app, Context& ctx);
void register_measure(CLI::App& app, Context& ctx);
// `iop measure trend` (commands/measure_trend.cpp).
void register_measure_trend(CLI::App& noun, Context& ctx);
// `iop claim` list|show|void (commands/claim.cpp) registers the other claim verbs below.
void register_claim(CLI::App& app, Context& ctx);
void register_claim_build(CLI::App& noun, Context& ctx);     // build (commands/claim_build.cpp)
void register_claim_export(CLI::App& noun, Context& ctx);    // export, batches (commands/claim_export.cpp)
void register_claim_summary(CLI::App& noun, Context& ctx);   // summary (commands/claim_summary.cpp)
void register_claim_superbill(CLI::App& noun, Context& ctx); // superbill (commands/claim_superbill.cpp)
// `iop client import` and `iop clinician import` (commands/client_import.cpp, clinician_import.cpp).
void register_client_import(CLI::App& noun, Context& ctx);
void register_clinician_import(CLI::App& noun, Context& ctx);
// `iop backup FILE` and `iop restore FILE` (commands/backup.cpp).
void register_backup(CLI::App& app, Context& ctx);
// `iop completion bash|zsh|fish` and the hidden `iop __complete KIND` (commands/completion.cpp).
void register_completion(CLI::App& app, Context& ctx);

// Adds verb `name` to `noun`; `run` is called after the whole command line is parsed, with
// ctx.command set to "noun verb" for the audit log.
CLI::App* add_verb(CLI::App& noun, Context& ctx, const std::string& name, const std::string& description,
                   std::function<void()> run);
// A required positional record id (a positive integer).
CLI::Option* add_id(CLI::App& verb, std::int64_t& id, const std::string& name = "ID",
                    const std::string& what = "record id");

} // namespace iop::app
