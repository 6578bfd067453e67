// Coverage: the rules (values, subscriber names, overlapping periods) and the service.
#include "iop/coverage.hpp"

#include "coverage_store.hpp"
#include "iop/clients.hpp"
#include "iop/couples.hpp"
#include "iop/errors.hpp"
#include "iop/payers.hpp"
#include "iop/text.hpp"

#include <algorithm>
#include <cctype>

namespace iop {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

template <std::size_t N> bool one_of(const std::string& value, const char* const (&allowed)[N]) {
  return std::find_if(std::begin(allowed), std::end(allowed), [&](const char* a) { return value == a; }) !=
         std::end(allowed);
}

} // namespace

bool Coverage::covers(const std::string& day) const {
  return starts_on <= day && (!ends_on || day <= *ends_on);
}

std::string normalize_priority(const std::string& priority) {
  const std::string p = lower(trim(priority));
  if (!one_of(p, k_priorities)) {
    throw Invalid("priority '" + priority + "' must be primary, secondary or tertiary");
  }
  return p;
}

std::string normalize_relationship(const std::string& relationship) {
  const std::string r = lower(trim(relationship));
  if (!one_of(r, k_relationships)) {
    throw Invalid("relationship '" + relationship + "' must be spouse, partner, parent or other",
                  "the subscriber's relationship to the client; a client who holds the policy is --subscriber self");
  }
  return r;
}

std::optional<std::int64_t> parse_subscriber(const std::string& subscriber) {
  const std::string s = lower(trim(subscriber));
  if (s == "self") {
    return std::nullopt;
  }
  const std::string prefix = "client:";
  const std::string digits = s.rfind(prefix, 0) == 0 ? s.substr(prefix.size()) : std::string();
  const bool numeric = !digits.empty() && digits.size() <= 15 &&
                       std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); });
  if (!numeric || std::stoll(digits) == 0) {
    throw Invalid("subscriber '" + subscriber + "' must be self or client:ID",
                  "for a person who is not a client use --subscriber-name, --subscriber-dob and --relationship");
  }
  return std::stoll(digits);
}

std::pair<std::string, std::string> split_person_name(const std::string& name) {
  const std::string n = require_text(name, "subscriber name", 120);
  std::string first;
  std::string last;
  if (const auto comma = n.find(','); comma != std::string::npos) {
    if (n.find(',', comma + 1) != std::string::npos) {
      throw Invalid("subscriber name '" + n + "' has more than one comma", "write it \"Last, First\"");
    }
    last = trim(n.substr(0, comma));
    first = trim(n.substr(comma + 1));
  } else if (const auto space = n.find_last_of(" \t"); space != std::string::npos) {
    first = trim(n.substr(0, space));
    last = trim(n.substr(space + 1));
  }
  if (first.empty() || last.empty()) {
    throw Invalid("subscriber name '" + n + "' needs a first and a last name",
                  "write it \"Last, First\" (or \"First Last\")");
  }
  return {require_x12_text(first, "subscriber first name", 35), require_x12_text(last, "subscriber last name", 60)};
}

bool periods_overlap(const Period& a, const Period& b) {
  // Both ends are included: a period ending on the day another starts overlaps it.
  const bool a_before_b = a.to && *a.to < b.from;
  const bool b_before_a = b.to && *b.to < a.from;
  return !a_before_b && !b_before_a;
}

std::vector<std::string> required_priorities(const std::string& priority) {
  const std::string p = normalize_priority(priority);
  if (p == "secondary") {
    return {"primary"};
  }
  if (p == "tertiary") {
    return {"primary", "secondary"};
  }
  return {};
}

std::string coverage_status(const Coverage& c, const Date& today) {
  const std::string day = format_date(today);
  if (day < c.starts_on) {
    return "future";
  }
  if (c.ends_on && *c.ends_on < day) {
    return "ended";
  }
  return "active";
}

namespace {

std::string who(const Client& c) {
  return c.full_name() + " (client " + std::to_string(c.id) + ")";
}

std::string period_text(const Coverage& c) {
  return c.starts_on + " to " + c.ends_on.value_or("open end");
}

std::string day_before(const std::string& day) {
  return format_date(Date{date::sys_days{parse_date(day)} - date::days{1}});
}

// Checks and puts into canonical form everything that needs no database; the subscriber's
// relationship to a client subscriber is settled later (it depends on the couples).
Coverage validated(const NewCoverage& input, const Date& today) {
  Coverage c;
  c.client_id = input.client_id;
  c.payer_id = input.payer_id;
  c.member_id = require_x12_text(input.member_id, "member id", 80);
  if (c.member_id.size() < 2) {
    throw Invalid("member id '" + c.member_id + "' is too short (at least 2 characters)");
  }
  if (input.group_number && !trim(*input.group_number).empty()) {
    c.group_number = require_x12_text(*input.group_number, "group number", 50);
  }
  c.priority = normalize_priority(input.priority);
  const Date from = parse_date_relative(trim(input.from), today, "start date");
  c.starts_on = format_date(from);
  if (input.to) {
    const Date to = parse_date_relative(trim(*input.to), today, "end date");
    if (to < from) {
      throw Invalid("end date " + format_date(to) + " is before the start date " + c.starts_on);
    }
    c.ends_on = format_date(to);
  }
  const auto subscriber_client = input.subscriber ? parse_subscriber(*input.subscriber) : std::nullopt;
  const bool other = input.subscriber_name.has_value();
  if (other && input.subscriber) {
    throw Invalid("--subscriber and --subscriber-name name two different subscribers",
                  "--subscriber-name is for a subscriber who is not a client of the program");
  }
  if (!other && (input.subscriber_dob || input.subscriber_sex)) {
    throw Invalid("--subscriber-dob and --subscriber-sex go with --subscriber-name",
                  "a client subscriber's date of birth and sex come from their own record");
  }
  if (other) {
    const auto [first, last] = split_person_name(*input.subscriber_name);
    if (!input.subscriber_dob) {
      throw Invalid("a subscriber who is not a client needs --subscriber-dob",
                    "for example --subscriber-dob 1984-05-17");
    }
    const Date dob = parse_date(trim(*input.subscriber_dob), "subscriber date of birth");
    if (dob > today || dob < Date{date::year{1900}, date::January, date::day{1}}) {
      throw Invalid("subscriber date of birth " + format_date(dob) + " is in the future or before 1900");
    }
    if (!input.relationship) {
      throw Invalid("a subscriber who is not a client needs --relationship",
                    "spouse, partner, parent or other: who the subscriber is to the client");
    }
    c.subscriber_kind = "other";
    c.subscriber_first = first;
    c.subscriber_last = last;
    c.subscriber_dob = format_date(dob);
    if (input.subscriber_sex) {
      c.subscriber_sex = normalize_sex(*input.subscriber_sex);
    }
    c.relationship = normalize_relationship(*input.relationship);
  } else if (subscriber_client) {
    c.subscriber_kind = "client";
    c.subscriber_client_id = subscriber_client;
    c.relationship = input.relationship ? normalize_relationship(*input.relationship) : "";
  } else if (input.relationship) {
    throw Invalid("--relationship is for a subscriber other than the client",
                  "give --subscriber client:ID or --subscriber-name with it");
  }
  return c;
}

// A client subscriber: known, not the client, and with a relationship (spouse by default for
// the client's active partner).
void settle_client_subscriber(Database& db, Coverage& c, const Client& client) {
  const Client subscriber = get_client(db, *c.subscriber_client_id);
  if (subscriber.id == client.id) {
    throw Invalid("the subscriber is the client", "use --subscriber self");
  }
  if (!c.relationship.empty()) {
    return;
  }
  const auto couple = active_couple_of(db, client.id);
  if (couple && couple->includes(subscriber.id)) {
    c.relationship = "spouse";
    return;
  }
  throw Invalid(who(subscriber) + " is not " + who(client) +
                    "'s partner in an active couple, so --relationship "
                    "is needed",
                "spouse, partner, parent or other");
}

void check_against_others(const Coverage& c, const std::vector<Coverage>& existing, Database& db) {
  const Period mine{c.starts_on, c.ends_on};
  for (const auto& other : existing) {
    if (other.priority == c.priority && periods_overlap(mine, {other.starts_on, other.ends_on})) {
      const std::string hint =
          other.starts_on < c.starts_on
              ? "end it first: iop coverage end " + std::to_string(other.id) + " --date " + day_before(c.starts_on)
              : "choose dates that do not overlap, or another --priority";
      throw Conflict("client " + std::to_string(c.client_id) + " already has " + c.priority + " coverage " +
                         std::to_string(other.id) + " with " + get_payer(db, other.payer_id).name + " (" +
                         period_text(other) + ")",
                     hint);
    }
  }
  for (const auto& needed : required_priorities(c.priority)) {
    const bool found = std::any_of(existing.begin(), existing.end(), [&](const Coverage& other) {
      return other.priority == needed && other.covers(c.starts_on);
    });
    if (!found) {
      throw Conflict("a " + c.priority + " coverage needs a " + needed + " one on its first day (" + c.starts_on + ")",
                     "add the " + needed + " coverage first: iop coverage list " + std::to_string(c.client_id) +
                         " --all");
    }
  }
}

} // namespace

Coverage get_coverage(Database& db, std::int64_t id) {
  auto c = store::find_coverage(db, id);
  if (!c) {
    throw NotFound("no coverage with id " + std::to_string(id), "iop coverage list CLIENT_ID --all lists a client's");
  }
  return *c;
}

Coverage add_coverage(Database& db, const Actor& actor, const NewCoverage& input, const Date& today) {
  Coverage c = validated(input, today);
  WriteTransaction tx(db);
  const Client client = get_client(db, c.client_id);
  const Payer payer = get_payer(db, c.payer_id);
  if (!payer.active) {
    throw Conflict("payer " + std::to_string(payer.id) + " (" + payer.name + ") is inactive",
                   "reactivate it first: iop payer update " + std::to_string(payer.id) + " --active yes");
  }
  if (c.subscriber_kind == "client") {
    settle_client_subscriber(db, c, client);
  }
  check_against_others(c, store::coverages_of(db, c.client_id), db);
  c.created_at = format_utc(actor.at);
  const std::int64_t id = store::insert_coverage(db, c);
  audit(db, actor, "create", "coverage", id);
  tx.commit();
  return get_coverage(db, id);
}

std::vector<Coverage> list_coverages(Database& db, const CoverageFilter& filter, const Date& today) {
  (void)get_client(db, filter.client_id);
  std::vector<Coverage> out;
  for (auto& c : store::coverages_of(db, filter.client_id)) {
    if (filter.include_ended || coverage_status(c, today) != "ended") {
      out.push_back(std::move(c));
    }
  }
  return out;
}

CoverageEnd end_coverage(Database& db, const Actor& actor, std::int64_t id, const std::optional<std::string>& date,
                         const Date& today) {
  const std::string on = format_date(date ? parse_date_relative(trim(*date), today, "end date") : today);
  WriteTransaction tx(db);
  const Coverage c = get_coverage(db, id);
  if (on < c.starts_on) {
    throw Invalid("the end date " + on + " is before coverage " + std::to_string(id) + " starts (" + c.starts_on + ")");
  }
  if (c.ends_on && *c.ends_on == on) {
    return {c, false};
  }
  if (c.ends_on && *c.ends_on < on) {
    throw Conflict("coverage " + std::to_string(id) + " already ended on " + *c.ends_on,
                   "an end can only be moved earlier; for a later period add a new coverage");
  }
  store::set_coverage_end(db, id, on);
  audit(db, actor, "end", "coverage", id);
  tx.commit();
  return {get_coverage(db, id), true};
}

std::optional<Coverage> active_coverage(Database& db, std::int64_t client_id, const Date& day,
                                        std::string_view priority) {
  const std::string p = normalize_priority(std::string(priority));
  const std::string on = format_date(day);
  for (auto& c : store::coverages_of(db, client_id)) {
    if (c.priority == p && c.covers(on)) {
      return c;
    }
  }
  return std::nullopt;
}

SubscriberPerson subscriber_of(Database& db, const Coverage& c) {
  if (c.subscriber_kind == "other") {
    return {std::nullopt, c.subscriber_first.value_or(""), c.subscriber_last.value_or(""),
            c.subscriber_dob.value_or(""), c.subscriber_sex.value_or("U")};
  }
  const Client person = get_client(db, c.subscriber_client_id.value_or(c.client_id));
  return {person.id, person.first_name, person.last_name, person.date_of_birth, person.sex};
}

} // namespace iop
