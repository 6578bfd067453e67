// iop claim superbill: the statement a client sends an out-of-network payer, as text, HTML or JSON.
#include "claim_view.hpp"
#include "commands.hpp"
#include "iop/billing_codes.hpp"
#include "iop/claim_reports.hpp"
#include "iop/errors.hpp"
#include "output.hpp"

#include <iostream>
#include <memory>
#include <sstream>

namespace iop::app {

namespace {

struct SuperbillOptions {
  std::int64_t client = 0;
  std::string from;
  std::string to;
  std::string format; // text, html, json; empty: from the global --format
};

std::string joined(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) {
    out += (out.empty() ? "" : separator) + item;
  }
  return out;
}

// Columns of ASCII values (dates, codes, money): padded by bytes.
std::string left(const std::string& text, std::size_t width) {
  return text + std::string(width > text.size() ? width - text.size() : 0, ' ');
}

std::string right(const std::string& text, std::size_t width) {
  return std::string(width > text.size() ? width - text.size() : 0, ' ') + text;
}

std::string clinician_text(const SuperbillLine& l) {
  return l.clinician + (l.clinician_npi ? " (NPI " + *l.clinician_npi + ")" : "");
}

Json superbill_json(const Superbill& b) {
  Json diagnoses = Json::array();
  for (std::size_t i = 0; i < b.diagnoses.size(); ++i) {
    diagnoses.push_back(Json{{"letter", std::string(1, static_cast<char>('A' + i))}, {"code", b.diagnoses[i]}});
  }
  Json lines = Json::array();
  for (const auto& l : b.lines) {
    lines.push_back(Json{{"service_date", l.service_date},
                         {"session_id", l.session_id},
                         {"code", l.code},
                         {"modifiers", l.modifiers},
                         {"place_of_service", l.place_of_service},
                         {"units", l.units},
                         {"charge_cents", l.charge_cents},
                         {"charge", format_cents(l.charge_cents)},
                         {"pointers", l.pointers},
                         {"clinician_id", l.clinician_id},
                         {"clinician", l.clinician},
                         {"clinician_npi", l.clinician_npi ? Json(*l.clinician_npi) : Json()}});
  }
  Json left_out = Json::array();
  for (const auto& s : b.left_out) {
    left_out.push_back(
        Json{{"session_id", s.session_id}, {"service_date", s.service_date}, {"code", s.code}, {"reason", s.reason}});
  }
  return Json{{"practice",
               {{"name", b.practice_name},
                {"address", b.practice_address},
                {"npi", b.practice_npi},
                {"tax_id", b.practice_tax_id},
                {"phone", b.practice_phone}}},
              {"client_id", b.client_id},
              {"client", b.client_name},
              {"date_of_birth", b.client_date_of_birth},
              {"from", b.from},
              {"to", b.to},
              {"diagnoses", diagnoses},
              {"lines", lines},
              {"total_cents", b.total_cents},
              {"total", format_cents(b.total_cents)},
              {"paid_cents", b.paid_cents},
              {"balance_cents", b.total_cents - b.paid_cents},
              {"left_out", left_out}};
}

std::string text_of(const Superbill& b) {
  std::ostringstream out;
  out << "SUPERBILL\n" << b.practice_name << "\n";
  if (!b.practice_address.empty()) {
    out << b.practice_address << "\n";
  }
  out << "NPI " << b.practice_npi << "  Tax ID " << b.practice_tax_id;
  if (!b.practice_phone.empty()) {
    out << "  Phone " << b.practice_phone;
  }
  out << "\n\nClient: " << b.client_name << "  Date of birth: " << b.client_date_of_birth << "\n";
  out << "Services from " << b.from << " to " << b.to << "\n\nDiagnoses:\n";
  for (std::size_t i = 0; i < b.diagnoses.size(); ++i) {
    out << "  " << static_cast<char>('A' + i) << "  " << b.diagnoses[i] << "\n";
  }
  out << "\n"
      << left("Date", 10) << "  " << left("Code", 14) << "  " << left("POS", 3) << "  " << right("Units", 5) << "  "
      << left("Dx", 7) << "  " << right("Charge", 11) << "  Clinician\n";
  for (const auto& l : b.lines) {
    out << left(l.service_date, 10) << "  " << left(code_with_modifiers(l.code, l.modifiers), 14) << "  "
        << left(l.place_of_service, 3) << "  " << right(std::to_string(l.units), 5) << "  "
        << left(joined(l.pointers, ","), 7) << "  " << right(format_money(l.charge_cents), 11) << "  "
        << clinician_text(l) << "\n";
  }
  if (b.lines.empty()) {
    out << "(no billable service in the period)\n";
  }
  out << "\nTotal charges: " << format_money(b.total_cents) << "\n"
      << "Payments: " << format_money(b.paid_cents) << " (not recorded in iop)\n"
      << "Balance: " << format_money(b.total_cents - b.paid_cents) << "\n";
  return out.str();
}

std::string escaped(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out += c;
    }
  }
  return out;
}

std::string html_of(const Superbill& b) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Superbill: "
      << escaped(b.client_name) << ", " << escaped(b.from) << " to " << escaped(b.to) << "</title>\n"
      << "<style>\nbody { font-family: sans-serif; margin: 2em; color: #000; }\n"
      << "table { border-collapse: collapse; width: 100%; margin: 1em 0; }\n"
      << "th, td { border: 1px solid #666; padding: 0.3em 0.5em; text-align: left; }\n"
      << "td.money, th.money { text-align: right; }\n@media print { body { margin: 0; } }\n</style>\n"
      << "</head>\n<body>\n<h1>Superbill</h1>\n<section class=\"practice\">\n<p><strong>" << escaped(b.practice_name)
      << "</strong><br>\n"
      << escaped(b.practice_address) << "<br>\nNPI " << escaped(b.practice_npi) << " &middot; Tax ID "
      << escaped(b.practice_tax_id) << " &middot; Phone " << escaped(b.practice_phone)
      << "</p>\n</section>\n<section class=\"client\">\n<p>Client: <strong>" << escaped(b.client_name)
      << "</strong><br>\nDate of birth: " << escaped(b.client_date_of_birth) << "<br>\nServices from "
      << escaped(b.from) << " to " << escaped(b.to) << "</p>\n</section>\n"
      << "<h2>Diagnoses</h2>\n<table class=\"diagnoses\">\n<tr><th>Pointer</th><th>ICD-10-CM</th></tr>\n";
  for (std::size_t i = 0; i < b.diagnoses.size(); ++i) {
    out << "<tr><td>" << static_cast<char>('A' + i) << "</td><td>" << escaped(b.diagnoses[i]) << "</td></tr>\n";
  }
  out << "</table>\n<h2>Services</h2>\n<table class=\"services\">\n<tr><th>Date</th><th>Code</th><th>POS</th>"
      << "<th>Units</th><th>Diagnosis pointer</th><th class=\"money\">Charge</th><th>Clinician</th></tr>\n";
  for (const auto& l : b.lines) {
    out << "<tr><td>" << escaped(l.service_date) << "</td><td>" << escaped(code_with_modifiers(l.code, l.modifiers))
        << "</td><td>" << escaped(l.place_of_service) << "</td><td>" << l.units << "</td><td>"
        << escaped(joined(l.pointers, ",")) << "</td><td class=\"money\">" << escaped(format_money(l.charge_cents))
        << "</td><td>" << escaped(clinician_text(l)) << "</td></tr>\n";
  }
  out << "</table>\n<table class=\"totals\">\n<tr><th>Total charges</th><td class=\"money\">"
      << escaped(format_money(b.total_cents)) << "</td></tr>\n<tr><th>Payments (not recorded in iop)</th>"
      << "<td class=\"money\">" << escaped(format_money(b.paid_cents)) << "</td></tr>\n<tr><th>Balance</th>"
      << "<td class=\"money\">" << escaped(format_money(b.total_cents - b.paid_cents)) << "</td></tr>\n</table>\n"
      << "</body>\n</html>\n";
  return out.str();
}

void run_superbill(Context& ctx, const SuperbillOptions& o) {
  std::string format = o.format;
  if (format.empty()) {
    format = ctx.format() == Format::json ? "json" : "text";
  }
  if (format == "table") {
    format = "text";
  }
  if (format != "text" && format != "html" && format != "json") {
    throw Invalid("--format " + format + " is not a superbill format", "use text, html or json");
  }
  const Date from = parse_date_relative(o.from, ctx.today(), "--from");
  const Date to = parse_date_relative(o.to, ctx.today(), "--to");
  const Superbill bill = make_superbill(ctx.db(), ctx.config(), o.client, from, to);
  for (const auto& s : bill.left_out) {
    std::cerr << "session " << s.session_id << " (" << s.service_date << "): left out: " << s.reason << "\n";
  }
  if (format == "json") {
    std::cout << superbill_json(bill).dump(2) << "\n";
  } else if (format == "html") {
    std::cout << html_of(bill);
  } else {
    std::cout << text_of(bill);
  }
}

} // namespace

void register_claim_superbill(CLI::App& noun, Context& ctx) {
  auto o = std::make_shared<SuperbillOptions>();
  CLI::App* verb = add_verb(noun, ctx, "superbill", "a client's statement of services for an out-of-network payer",
                            [&ctx, o] { run_superbill(ctx, *o); });
  add_id(*verb, o->client, "CLIENT_ID", "client id");
  verb->add_option("--from", o->from, "first date of service (YYYY-MM-DD, today, yesterday)")
      ->required()
      ->type_name("DATE");
  verb->add_option("--to", o->to, "last date of service")->required()->type_name("DATE");
  verb->add_option("--format", o->format, "text (the default), html (a printable page) or json")
      ->check(CLI::IsMember({"text", "html", "json", "table"}))
      ->type_name("text|html|json");
  verb->footer("Every attended service with a signed note, coded as a per-service payer would bill it; sessions\n"
               "left out (note not signed, too short) are listed on stderr. Needs practice.name, practice.npi\n"
               "and practice.tax_id in the config (exit 6 names the missing key).\n"
               "Example:\n  iop claim superbill 12 --from 2026-11-01 --to 2026-11-30 --format html > superbill.html");
}

} // namespace iop::app
