// build_claims: attended, documented, covered sessions -> claims (claims.hpp). The billing rules of
// one service or day are billing_codes.cpp's; here is who is billed, under which coverage, what is
// left out and why, and how lines group into claims.
#include "billable_store.hpp"
#include "claim_store.hpp"
#include "iop/authorizations.hpp"
#include "iop/billing_codes.hpp"
#include "iop/claims.hpp"
#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/coverage.hpp"
#include "iop/errors.hpp"
#include "iop/payers.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace iop {

namespace {

using store::BillableSession;

// One client's share of one attended session: what a line (or a per-diem day) is built from.
struct Service {
  const BillableSession* session = nullptr;
  std::int64_t client_id = 0;
  std::int64_t slot = 0;
  std::string date;
  Date day;
  int minutes = 0;
};

// Everything a billable service is billed under: records the Builder caches in its maps, which
// keep them in place for the whole build, so a pending line holds three pointers rather than
// copies (a copy of the client, coverage and payer per line made a month's build hold 150 MB).
struct Billing {
  const Client* client = nullptr;
  const Coverage* coverage = nullptr;
  const Payer* payer = nullptr;
};

struct PendingLine {
  ClaimLine line;
  Billing billing;
  std::int64_t clinician_id = 0;
};

PayerRules rules_of(const Payer& p) {
  return PayerRules{p.billing, p.telehealth_modifier, p.audio_modifier};
}

std::vector<int> pointers_for(const std::vector<std::string>& dx) {
  std::vector<int> out;
  for (int i = 1; i <= static_cast<int>(std::min<std::size_t>(4, dx.size())); ++i) {
    out.push_back(i);
  }
  return out;
}

int minutes_between(const std::string& from, const std::string& to) {
  const auto a = parse_utc(from);
  const auto b = parse_utc(to);
  if (!a || !b) {
    return 0;
  }
  return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(*b - *a).count());
}

class Builder {
public:
  Builder(Database& db, const Config& config, const ClaimBuildRequest& request, Instant now)
      : m_db(db), m_config(config), m_request(request), m_now(now) {}

  void add(const BillableSession& s, const Date& from, const Date& to) {
    const Date day = local_date(*parse_utc(s.start_utc), s.timezone);
    if ((m_request.from && day < from) || day > to) {
      return;
    }
    for (const auto& [client_id, slot, absent] : targets(s)) {
      if (m_request.client_id && *m_request.client_id != client_id) {
        continue;
      }
      Service service{&s, client_id, slot, format_date(day), day, 0};
      if (!reported_status(service, absent)) {
        continue;
      }
      if (store::claim_holding(m_db, s.id, slot)) {
        ++m_result.already_billed;
        continue;
      }
      service.minutes = minutes_between(*s.actual_start_utc, *s.actual_end_utc);
      bill(service);
    }
  }

  // Per-diem days are complete once every session was added.
  void finish_days() {
    for (auto& [key, services] : m_days) {
      bill_day(services);
    }
    m_days.clear();
  }

  ClaimBuildResult take(std::vector<PendingLine>& lines) {
    lines = std::move(m_lines);
    std::sort(m_result.skipped.begin(), m_result.skipped.end(), [](const ClaimSkip& a, const ClaimSkip& b) {
      return std::tie(a.service_date, a.session_id, a.client_id) < std::tie(b.service_date, b.session_id, b.client_id);
    });
    return std::move(m_result);
  }

private:
  // Who a session bills: (client, slot, absent). A group bills each member in their own slot.
  std::vector<std::tuple<std::int64_t, std::int64_t, bool>> targets(const BillableSession& s) const {
    std::vector<std::tuple<std::int64_t, std::int64_t, bool>> out;
    if (s.type == "group") {
      for (const auto& p : s.participants) {
        out.emplace_back(p.client_id, p.client_id, s.status == "attended" && p.attendance != "present");
      }
    } else {
      out.emplace_back(store::billed_patient(s), 0, false);
    }
    return out;
  }

  // False when the session is not (yet) billable for a reason that is not a skip, or was skipped.
  bool reported_status(const Service& service, bool absent) {
    const BillableSession& s = *service.session;
    if (s.status == "no-show") {
      skip(service, "no-show", "no-show");
      return false;
    }
    if (s.status == "late-cancel") {
      skip(service, "late-cancel", "cancelled late");
      return false;
    }
    if (s.status == "scheduled") {
      if (*parse_utc(s.end_utc) <= m_now) {
        skip(service, "not-attended",
             "still scheduled; record it with iop session attend " + std::to_string(s.id) + " (or no-show, cancel)");
      }
      return false;
    }
    if (absent) {
      skip(service, "absent", "absent from the group session");
      return false;
    }
    return s.status == "attended";
  }

  void skip(const Service& service, const std::string& code, const std::string& reason) {
    m_result.skipped.push_back(ClaimSkip{service.session->id, service.client_id, service.date, code, reason});
  }

  const Client& client(std::int64_t id) {
    auto it = m_clients.find(id);
    if (it == m_clients.end()) {
      it = m_clients.emplace(id, get_client(m_db, id)).first;
    }
    return it->second;
  }

  // A client's coverage on a day and a payer, looked up once per build: a month has tens of
  // thousands of services but only a few thousand client-days and a handful of payers.
  const std::optional<Coverage>& coverage_on(std::int64_t client_id, const Date& day) {
    const auto key = std::make_pair(client_id, date::sys_days(day).time_since_epoch().count());
    auto it = m_coverages.find(key);
    if (it == m_coverages.end()) {
      it = m_coverages.emplace(key, active_coverage(m_db, client_id, day)).first;
    }
    return it->second;
  }

  const Payer& payer(std::int64_t id) {
    auto it = m_payers.find(id);
    if (it == m_payers.end()) {
      it = m_payers.emplace(id, get_payer(m_db, id)).first;
    }
    return it->second;
  }

  const Clinician& clinician(std::int64_t id) {
    auto it = m_clinicians.find(id);
    if (it == m_clinicians.end()) {
      it = m_clinicians.emplace(id, get_clinician(m_db, id)).first;
    }
    return it->second;
  }

  // The documentation, provider and insurance checks every service passes, in that order.
  std::optional<Billing> qualify(const Service& service) {
    const BillableSession& s = *service.session;
    const auto p = std::find_if(s.participants.begin(), s.participants.end(),
                                [&](const auto& x) { return x.client_id == service.client_id; });
    if (p == s.participants.end() || !p->note_id) {
      skip(service, "note-missing",
           "no progress note (iop note add " + std::to_string(s.id) + " --client " + std::to_string(service.client_id) +
               ")");
      return std::nullopt;
    }
    if (!p->note_signed) {
      skip(service, "note-unsigned", "note not signed (iop note sign " + std::to_string(*p->note_id) + ")");
      return std::nullopt;
    }
    const Clinician& rendering = clinician(s.clinician_id);
    if (!rendering.npi) {
      skip(service, "no-npi",
           rendering.display_name() + " has no NPI (iop clinician update " + std::to_string(rendering.id) +
               " --npi NPI)");
      return std::nullopt;
    }
    const auto& coverage = coverage_on(service.client_id, service.day);
    if (!coverage) {
      skip(service, "no-coverage", "no active primary coverage on " + service.date);
      return std::nullopt;
    }
    const Payer& payer = this->payer(coverage->payer_id);
    if (!payer.active) {
      skip(service, "no-coverage", "payer " + payer.name + " is inactive");
      return std::nullopt;
    }
    const Client& who = client(service.client_id);
    if (who.diagnoses.empty()) {
      skip(service, "no-diagnosis", "no diagnosis on record for " + who.full_name());
      return std::nullopt;
    }
    return Billing{&who, &*coverage, &payer};
  }

  ServiceFacts facts(const Service& service) const {
    const BillableSession& s = *service.session;
    ServiceFacts f;
    f.type = s.type;
    f.actual_minutes = service.minutes;
    f.modality = s.modality;
    f.patient_present = s.type != "couples" || s.patient_present;
    return f;
  }

  // The authorization the line draws on; false (and a skip) when the payer needs one and none has
  // the units left, counting what this run has already drawn.
  bool authorize(const Service& service, const Billing& b, ClaimLine& line) {
    if (!b.payer->requires_auth) {
      return true;
    }
    const auto found = find_authorization(m_db, service.client_id, b.payer->id, line.code, service.day);
    if (found && found->units_remaining() - m_units_drawn[found->id] >= line.units) {
      m_units_drawn[found->id] += line.units;
      line.authorization_id = found->id;
      return true;
    }
    if (found) {
      skip(service, "auth-exhausted",
           "authorization " + found->number + " has " +
               std::to_string(std::max(0, found->units_remaining() - m_units_drawn[found->id])) + " unit(s) left for " +
               line.code + "; this line needs " + std::to_string(line.units));
      return false;
    }
    AuthorizationFilter filter;
    filter.client_id = service.client_id;
    for (const auto& a : list_authorizations(m_db, filter, service.day)) {
      if (a.payer_id == b.payer->id && a.covers(line.code, service.date)) {
        skip(service, "auth-exhausted", "authorization " + a.number + " for " + line.code + " is used up");
        return false;
      }
    }
    skip(service, "auth-missing",
         b.payer->name + " requires prior authorization; none covers " + line.code + " on " + service.date);
    return false;
  }

  void bill(const Service& service) {
    auto billing = qualify(service);
    if (!billing) {
      return;
    }
    if (billing->payer->billing == "per-diem") {
      m_days[{service.client_id, billing->coverage->id, service.date}].push_back(service);
      return;
    }
    const BillingResult result = service_line(facts(service), rules_of(*billing->payer), m_config);
    const ServiceLine* made = billable(result);
    if (!made) {
      skip(service, "too-short", std::get<NotBillable>(result).reason);
      return;
    }
    PendingLine pending{line_of(*made, service.date, *billing->client), *billing, service.session->clinician_id};
    pending.line.sessions.push_back({service.session->id, service.slot, false});
    if (authorize(service, *billing, pending.line)) {
      m_lines.push_back(std::move(pending));
    }
  }

  void bill_day(const std::vector<Service>& services) {
    const Service& first = services.front();
    if (const auto held = store::per_diem_claim_on(m_db, first.client_id, first.date)) {
      for (const auto& s : services) {
        skip(s, "day-billed", "day already billed per diem on claim " + std::to_string(*held));
      }
      return;
    }
    const Billing billing = *qualify(first);
    std::vector<ServiceFacts> day;
    std::map<std::int64_t, int> minutes_by_clinician;
    for (const auto& s : services) {
      day.push_back(facts(s));
      minutes_by_clinician[s.session->clinician_id] += s.minutes;
    }
    const BillingResult result = per_diem_line(billing.client->track, day, rules_of(*billing.payer), m_config);
    const ServiceLine* made = billable(result);
    if (!made) {
      for (const auto& s : services) {
        skip(s, "below-daily-minimum", std::get<NotBillable>(result).reason);
      }
      return;
    }
    // The rendering clinician is the one with the most minutes that day (the lowest id on a tie).
    std::int64_t rendering = 0;
    int most = -1;
    for (const auto& [id, minutes] : minutes_by_clinician) {
      if (minutes > most) {
        rendering = id;
        most = minutes;
      }
    }
    PendingLine pending{line_of(*made, first.date, *billing.client), billing, rendering};
    for (const auto& s : services) {
      pending.line.sessions.push_back({s.session->id, s.slot, false});
    }
    if (authorize(first, billing, pending.line)) {
      m_lines.push_back(std::move(pending));
    }
  }

  static ClaimLine line_of(const ServiceLine& made, const std::string& date, const Client& client) {
    ClaimLine line;
    line.service_date = date;
    line.code = made.code;
    line.modifiers = made.modifiers;
    line.place_of_service = made.place_of_service;
    line.units = made.units;
    line.charge_cents = made.charge_cents;
    line.pointers = pointers_for(client.diagnoses);
    return line;
  }

  Database& m_db;
  const Config& m_config;
  const ClaimBuildRequest& m_request;
  Instant m_now;
  ClaimBuildResult m_result;
  std::vector<PendingLine> m_lines;
  std::map<std::tuple<std::int64_t, std::int64_t, std::string>, std::vector<Service>> m_days;
  std::map<std::int64_t, Client> m_clients;
  std::map<std::int64_t, Clinician> m_clinicians;
  std::map<std::pair<std::int64_t, long>, std::optional<Coverage>> m_coverages;
  std::map<std::int64_t, Payer> m_payers;
  std::map<std::int64_t, int> m_units_drawn;
};

// Lines of one (client, coverage, rendering clinician, date, place of service) make one claim.
std::vector<Claim> group_claims(std::vector<PendingLine>& lines, const std::string& at) {
  using Key = std::tuple<std::string, std::int64_t, std::int64_t, std::int64_t, std::string>;
  std::map<Key, Claim> claims;
  for (auto& p : lines) {
    const Key key{p.line.service_date, p.billing.client->id, p.billing.coverage->id, p.clinician_id,
                  p.line.place_of_service};
    Claim& c = claims[key];
    if (c.lines.empty()) {
      c.client_id = p.billing.client->id;
      c.coverage_id = p.billing.coverage->id;
      c.payer_id = p.billing.payer->id;
      c.clinician_id = p.clinician_id;
      c.place_of_service = p.line.place_of_service;
      c.diagnoses = p.billing.client->diagnoses;
      c.first_service_on = p.line.service_date;
      c.last_service_on = p.line.service_date;
      c.created_at = at;
    }
    p.line.line_number = static_cast<int>(c.lines.size()) + 1;
    c.total_cents += p.line.charge_cents;
    c.first_service_on = std::min(c.first_service_on, p.line.service_date);
    c.last_service_on = std::max(c.last_service_on, p.line.service_date);
    c.lines.push_back(std::move(p.line));
  }
  std::vector<Claim> out;
  for (auto& [key, claim] : claims) {
    out.push_back(std::move(claim));
  }
  return out;
}

} // namespace

ClaimBuildResult build_claims(Database& db, const Actor& actor, const Config& config, const ClaimBuildRequest& request,
                              const Date& today) {
  const Date to = request.to.value_or(today);
  if (to > today) {
    throw Invalid("--to " + format_date(to) + " is in the future; only services already given are billed",
                  "leave --to out to build up to today");
  }
  if (request.from && to < *request.from) {
    throw Invalid("--to " + format_date(to) + " is before --from " + format_date(*request.from));
  }
  if (request.client_id) {
    get_client(db, *request.client_id); // iop::NotFound
  }
  std::optional<WriteTransaction> tx;
  if (!request.dry_run) {
    tx.emplace(db); // every check below holds until the claims are in
  }
  // Sessions are stored in UTC: a day's margin on each side, then the date in each session's zone.
  const auto utc_day = [](const Date& d, int shift) {
    return format_date(Date{date::sys_days{d} + date::days{shift}}) + "T00:00:00Z";
  };
  const auto sessions = store::select_billable_sessions(
      db, request.from ? std::optional<std::string>(utc_day(*request.from, -1)) : std::nullopt, utc_day(to, 2),
      request.client_id);
  Builder builder(db, config, request, actor.at);
  const auto report = [&request](std::size_t done, std::size_t total) {
    if (request.progress) {
      request.progress(done, total);
    }
  };
  // Progress counts sessions looked at, then claims stored: the two long parts of a year's build.
  const std::size_t work = sessions.size();
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    if (i % 256 == 0) {
      report(i, work);
    }
    builder.add(sessions[i], request.from.value_or(to), to);
  }
  builder.finish_days();
  std::vector<PendingLine> lines;
  ClaimBuildResult result = builder.take(lines);
  result.claims = group_claims(lines, format_utc(actor.at));
  std::size_t stored = 0;
  for (auto& claim : result.claims) {
    if (++stored % 64 == 0) {
      report(work + stored, work + result.claims.size());
    }
    if (!request.dry_run) {
      claim = store::insert_claim(db, claim);
      audit(db, actor, "build", "claim", claim.id);
    }
    if (const auto warning = relationship_distress_warning(claim.diagnoses)) {
      const std::string which = claim.id ? "claim " + std::to_string(claim.id) : "the claim";
      result.warnings.push_back(which + " (" + get_client(db, claim.client_id).full_name() + ", " +
                                claim.first_service_on + "): " + *warning);
    }
  }
  if (tx) {
    tx->commit();
  }
  report(work + result.claims.size(), work + result.claims.size());
  return result;
}

} // namespace iop
