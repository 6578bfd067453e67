// iop claim summary: what was billed, grouped by client, payer, clinician, code or week.
#include "claim_summary_store.hpp"
#include "iop/claim_reports.hpp"
#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/errors.hpp"
#include "iop/payers.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace iop {

namespace {

std::string grouping_list() {
  std::string out;
  for (const char* g : k_summary_groupings) {
    out += (out.empty() ? "" : ", ") + std::string(g);
  }
  return out;
}

// The Monday that starts the ISO week of `day` (YYYY-MM-DD): calendar arithmetic on days, so a
// clock change in the week (2026-11-01) moves nothing.
std::string week_monday(const std::string& day) {
  const date::sys_days d{parse_date(day)};
  const unsigned iso = date::weekday{d}.iso_encoding(); // 1 Monday .. 7 Sunday
  return format_date(Date{d - date::days{static_cast<int>(iso) - 1}});
}

struct Group {
  ClaimSummaryRow row;
  std::set<std::int64_t> claims;
};

void add_line(Group& g, const store::SummaryLine& line) {
  g.claims.insert(line.claim_id);
  g.row.lines += 1;
  g.row.units += line.units;
  g.row.charge_cents += line.charge_cents;
}

} // namespace

ClaimSummary summarize_claims(Database& db, const ClaimSummaryRequest& request) {
  const std::string& by = request.by;
  if (std::find(std::begin(k_summary_groupings), std::end(k_summary_groupings), by) == std::end(k_summary_groupings)) {
    throw Invalid("--by must be one of " + grouping_list() + ", not \"" + by + "\"");
  }
  if (request.from && request.to && *request.to < *request.from) {
    throw Invalid("--to " + format_date(*request.to) + " is before --from " + format_date(*request.from));
  }
  std::map<std::string, Group> groups;
  Group total;
  for (const auto& line : store::summary_lines(db, request.from, request.to)) {
    std::string key;
    if (by == "client") {
      key = std::to_string(line.client_id);
    } else if (by == "payer") {
      key = std::to_string(line.payer_id);
    } else if (by == "clinician") {
      key = std::to_string(line.clinician_id);
    } else if (by == "code") {
      key = line.code;
    } else {
      key = week_monday(line.service_date);
    }
    auto [it, fresh] = groups.try_emplace(key);
    if (fresh) {
      it->second.row.key = key;
      if (by == "client") {
        it->second.row.label = get_client(db, line.client_id).full_name();
      } else if (by == "payer") {
        it->second.row.label = get_payer(db, line.payer_id).name;
      } else if (by == "clinician") {
        it->second.row.label = get_clinician(db, line.clinician_id).display_name();
      } else if (by == "code") {
        it->second.row.label = key;
      } else {
        it->second.row.label = "week of " + key;
      }
    }
    add_line(it->second, line);
    add_line(total, line);
  }
  ClaimSummary out;
  for (auto& [key, g] : groups) {
    g.row.claims = static_cast<int>(g.claims.size());
    out.rows.push_back(g.row);
  }
  std::stable_sort(out.rows.begin(), out.rows.end(), [](const ClaimSummaryRow& a, const ClaimSummaryRow& b) {
    return a.label != b.label ? a.label < b.label : a.key < b.key;
  });
  out.total = total.row;
  out.total.key = "total";
  out.total.label = "total";
  out.total.claims = static_cast<int>(total.claims.size());
  return out;
}

} // namespace iop
