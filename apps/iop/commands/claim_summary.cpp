// iop claim summary: what was billed (claims, lines, units, charges) by client, payer,
// clinician, code or week.
#include "commands.hpp"
#include "iop/billing_codes.hpp"
#include "iop/claim_reports.hpp"
#include "output.hpp"

#include <cctype>
#include <iostream>

namespace iop::app {

namespace {

struct SummaryOptions {
  std::string from, to;
  std::string by = "payer";
};

Json row_json(const ClaimSummaryRow& r) {
  return Json{{"key", r.key},
              {"label", r.label},
              {"claims", r.claims},
              {"lines", r.lines},
              {"units", r.units},
              {"charge_cents", r.charge_cents},
              {"charge", format_cents(r.charge_cents)}};
}

std::vector<Column> columns(Context& ctx, const std::string& by) {
  if (ctx.format() == Format::csv) {
    return {{"key", "key"},      {"label", "label"}, {"claims", "claims"},
            {"lines", "lines"},  {"units", "units"}, {"charge_cents", "charge_cents"},
            {"charge", "charge"}};
  }
  std::vector<Column> c;
  if (by == "client" || by == "payer" || by == "clinician") {
    c.push_back({"key", "ID", nullptr, true});
  }
  std::string header = by == "week" ? "WEEK" : by == "code" ? "CODE" : by;
  for (auto& ch : header) {
    ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  c.push_back({"label", header});
  c.insert(c.end(), {{"claims", "CLAIMS", nullptr, true},
                     {"lines", "LINES", nullptr, true},
                     {"units", "UNITS", nullptr, true},
                     {"charge", "CHARGES",
                      [](const Json& r) { return format_money(r.at("charge_cents").get<std::int64_t>()); }, true}});
  return c;
}

void run_summary(Context& ctx, const SummaryOptions& o) {
  ClaimSummaryRequest request;
  request.by = o.by;
  if (!o.from.empty()) {
    request.from = parse_date_relative(o.from, ctx.today(), "--from");
  }
  if (!o.to.empty()) {
    request.to = parse_date_relative(o.to, ctx.today(), "--to");
  }
  const ClaimSummary summary = summarize_claims(ctx.db(), request);
  Json rows = Json::array();
  for (const auto& r : summary.rows) {
    rows.push_back(row_json(r));
  }
  const auto optional_date = [](const std::optional<Date>& d) { return d ? Json(format_date(*d)) : Json(); };
  switch (ctx.format()) {
  case Format::json:
    std::cout << Json{{"by", o.by},
                      {"from", optional_date(request.from)},
                      {"to", optional_date(request.to)},
                      {"rows", rows},
                      {"total", row_json(summary.total)}}
                     .dump(2)
              << '\n';
    return;
  case Format::csv: print_list(ctx, rows, columns(ctx, o.by)); return;
  case Format::table:
    if (rows.empty()) {
      notice(ctx, "nothing billed in that period (void claims are left out)");
      return;
    }
    Json with_total = rows;
    Json total = row_json(summary.total);
    total["key"] = "";
    total["label"] = "total";
    with_total.push_back(total);
    print_list(ctx, with_total, columns(ctx, o.by));
    return;
  }
}

} // namespace

void register_claim_summary(CLI::App& noun, Context& ctx) {
  auto o = std::make_shared<SummaryOptions>();
  CLI::App* summary = add_verb(noun, ctx, "summary", "claims, lines, units and charges billed, grouped",
                               [&ctx, o] { run_summary(ctx, *o); });
  summary->add_option("--from", o->from, "first date of service counted (default: the first)")->type_name("DATE");
  summary->add_option("--to", o->to, "last date of service counted (default: the last)")->type_name("DATE");
  summary->add_option("--by", o->by, "how lines are grouped (default payer)")
      ->type_name("client|payer|clinician|code|week");
  summary->footer("Counts the lines of draft and exported claims by their dates of service; void claims and\n"
                  "void notices (frequency 8) are left out. A week starts on Monday (ISO week).\n"
                  "Example:\n  iop claim summary --from 2026-11-01 --to 2026-11-30 --by code\n"
                  "  iop claim summary --by week --format csv > weeks.csv");
}

} // namespace iop::app
