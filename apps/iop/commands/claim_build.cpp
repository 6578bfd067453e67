// iop claim build: billable sessions -> claims; what was left out goes to stderr (and into JSON).
#include "claim_view.hpp"
#include "commands.hpp"
#include "iop/billing_codes.hpp"
#include "iop/csv.hpp"
#include "name_cache.hpp"
#include "output.hpp"
#include "progress.hpp"

#include <algorithm>
#include <iostream>
#include <memory>

namespace iop::app {

namespace {

struct BuildOptions {
  std::string from;
  std::string to;
  std::int64_t client = 0;
  bool dry_run = false;
};

Json skip_json(const ClaimSkip& s, NameCache& names) {
  return Json{{"session_id", s.session_id},
              {"client_id", s.client_id},
              {"client", s.client_id ? Json(names.client(s.client_id)) : Json()},
              {"service_date", s.service_date},
              {"code", s.code},
              {"reason", s.reason}};
}

int line_count(const std::vector<Claim>& claims) {
  int n = 0;
  for (const auto& c : claims) {
    n += static_cast<int>(c.lines.size());
  }
  return n;
}

std::string plural(int n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// Code+modifiers of each line, then the claim's place of service: "90837-95 POS 10".
std::string codes_text(const Claim& c) {
  std::string out;
  for (const auto& line : c.lines) {
    out += (out.empty() ? "" : ", ") + code_with_modifiers(line.code, line.modifiers);
  }
  return out + " POS " + c.place_of_service;
}

// Width in code points, so accented names line up.
std::size_t display_width(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; }));
}

std::string padded(const std::string& text, std::size_t width) {
  const std::size_t points = display_width(text);
  return text + std::string(width > points ? width - points : 0, ' ');
}

void print_table(const ClaimBuildResult& r, NameCache& names, bool dry_run) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : r.claims) {
    rows.push_back({dry_run ? "claim -" : "claim " + std::to_string(c.id), names.client(c.client_id),
                    names.payer(c.payer_id), c.first_service_on, codes_text(c), format_money(c.total_cents)});
  }
  std::vector<std::size_t> widths(6, 0);
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], display_width(row[i]));
    }
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i + 1 == row.size()) {
        line += std::string(widths[i] - display_width(row[i]), ' ') + row[i]; // money, right-aligned
      } else {
        line += padded(row[i], widths[i]) + "  ";
      }
    }
    std::cout << line << "\n";
  }
  std::int64_t total = 0;
  for (const auto& c : r.claims) {
    total += c.total_cents;
  }
  std::cout << (dry_run ? "would build " : "") << plural(static_cast<int>(r.claims.size()), "claim") << " · "
            << plural(line_count(r.claims), "line") << " · " << format_money(total) << "\n";
}

void print_csv(const ClaimBuildResult& r, NameCache& names) {
  std::cout << csv_row({"claim_id", "client_id", "client", "payer_id", "payer", "clinician_id", "line_number",
                        "service_date", "code", "modifiers", "place_of_service", "units", "charge", "pointers",
                        "authorization_id", "sessions"});
  for (const auto& c : r.claims) {
    for (const auto& l : c.lines) {
      std::string pointers;
      for (const int p : l.pointers) {
        pointers += (pointers.empty() ? "" : ",") + std::to_string(p);
      }
      std::string mods;
      for (const auto& m : l.modifiers) {
        mods += (mods.empty() ? "" : ",") + m;
      }
      std::string sessions;
      for (const auto& link : l.sessions) {
        sessions += (sessions.empty() ? "" : ",") + std::to_string(link.session_id);
      }
      std::cout << csv_row({std::to_string(c.id), std::to_string(c.client_id), names.client(c.client_id),
                            std::to_string(c.payer_id), names.payer(c.payer_id), std::to_string(c.clinician_id),
                            std::to_string(l.line_number), l.service_date, l.code, mods, l.place_of_service,
                            std::to_string(l.units), format_cents(l.charge_cents), pointers,
                            l.authorization_id ? std::to_string(*l.authorization_id) : "", sessions});
    }
  }
}

void run_build(Context& ctx, const BuildOptions& o) {
  ClaimBuildRequest request;
  if (!o.from.empty()) {
    request.from = parse_date_relative(o.from, ctx.today(), "--from");
  }
  if (!o.to.empty()) {
    request.to = parse_date_relative(o.to, ctx.today(), "--to");
  }
  if (o.client > 0) {
    request.client_id = o.client;
  }
  request.dry_run = o.dry_run;
  ProgressBar bar("building claims", 2000);
  request.progress = bar.callback();
  const ClaimBuildResult r = build_claims(ctx.db(), ctx.actor(), ctx.config(), request, ctx.today());
  bar.finish();
  NameCache names(ctx.db());
  if (ctx.format() == Format::json) {
    Json claims = Json::array();
    for (const auto& c : r.claims) {
      claims.push_back(claim_json(c, names));
    }
    Json skipped = Json::array();
    for (const auto& s : r.skipped) {
      skipped.push_back(skip_json(s, names));
    }
    std::cout << Json{{"claims", claims},
                      {"skipped", skipped},
                      {"warnings", r.warnings},
                      {"already_billed", r.already_billed},
                      {"dry_run", o.dry_run}}
                     .dump(2)
              << "\n";
    return;
  }
  // Skips and warnings are for people reading stderr; JSON carries them for scripts.
  for (const auto& s : r.skipped) {
    std::cerr << "session " << s.session_id << " (" << s.service_date
              << (s.client_id ? ", " + names.client(s.client_id) : "") << "): " << s.reason << "\n";
  }
  for (const auto& w : r.warnings) {
    warning(w);
  }
  if (ctx.format() == Format::csv) {
    print_csv(r, names);
    return;
  }
  if (r.claims.empty()) {
    notice(ctx, std::string("nothing to bill") +
                    (r.already_billed ? " (" + plural(r.already_billed, "session") + " already on claims)" : ""));
    return;
  }
  if (ctx.quiet()) {
    for (const auto& c : r.claims) {
      std::cout << c.id << "\n";
    }
    return;
  }
  print_table(r, names, o.dry_run);
}

} // namespace

void register_claim_build(CLI::App& noun, Context& ctx) {
  auto o = std::make_shared<BuildOptions>();
  CLI::App* build = add_verb(noun, ctx, "build", "turn attended, signed, covered sessions into claims",
                             [&ctx, o] { run_build(ctx, *o); });
  build
      ->add_option("--from", o->from,
                   "first date of service (YYYY-MM-DD, today, yesterday; default: every "
                   "unbilled session)")
      ->type_name("DATE");
  build->add_option("--to", o->to, "last date of service (default: today; not after today)")->type_name("DATE");
  build->add_option("--client", o->client, "only this client's sessions")->check(CLI::PositiveNumber)->type_name("ID");
  build->add_flag("--dry-run", o->dry_run, "show what would be built; store nothing");
  build->footer("Sessions left out (no-show, note not signed, no coverage, too short, ...) are listed on stderr\n"
                "with the reason; that is normal and the exit status stays 0. A session already on a live claim\n"
                "is never billed again. A fee missing from [billing.fees] stops the run (exit 6).\n"
                "Example:\n  iop claim build --from 2026-11-01 --to 2026-11-30 --dry-run");
}

} // namespace iop::app
