// Coverage: a client's insurance policy with one payer, for a period, at a priority (primary,
// secondary, tertiary). The subscriber (policyholder) is the client, another client (usually the
// partner whose employer plan covers both) or a person who is not in iop. Never deleted: ended.
#pragma once

#include "iop/audit.hpp"
#include "iop/database.hpp"
#include "iop/dates.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iop {

inline constexpr const char* k_priorities[] = {"primary", "secondary", "tertiary"};
// The subscriber's relationship to the client when the subscriber is someone else.
inline constexpr const char* k_relationships[] = {"spouse", "partner", "parent", "other"};

struct Coverage {
  std::int64_t id = 0;
  std::int64_t client_id = 0;
  std::int64_t payer_id = 0;
  std::string member_id;
  std::optional<std::string> group_number;
  std::string priority = "primary";
  std::string subscriber_kind = "self"; // self, client, other
  std::optional<std::int64_t> subscriber_client_id;
  // Only for subscriber_kind "other": the person is not a client of iop.
  std::optional<std::string> subscriber_first;
  std::optional<std::string> subscriber_last;
  std::optional<std::string> subscriber_dob;
  std::optional<std::string> subscriber_sex;
  std::string relationship = "self";  // self, spouse, partner, parent, other
  std::string starts_on;              // YYYY-MM-DD, first covered day
  std::optional<std::string> ends_on; // last covered day; none: open-ended
  std::string created_at;

  // True when `day` (YYYY-MM-DD) is within starts_on..ends_on, both days included.
  bool covers(const std::string& day) const;
};

// The subscriber as a person, whoever it is (what the 837P's subscriber loop needs).
struct SubscriberPerson {
  std::optional<std::int64_t> client_id; // self or another client
  std::string first_name;
  std::string last_name;
  std::string date_of_birth;
  std::string sex; // F, M, X, U
};

struct NewCoverage {
  std::int64_t client_id = 0;
  std::int64_t payer_id = 0;
  std::string member_id;
  std::optional<std::string> group_number;
  std::string priority = "primary";
  std::optional<std::string> subscriber; // "self" (the default) or "client:ID"
  // A person not in iop: "Last, First" or "First Last"; then the date of birth is required.
  std::optional<std::string> subscriber_name;
  std::optional<std::string> subscriber_dob;
  std::optional<std::string> subscriber_sex;
  std::optional<std::string> relationship; // default: self; spouse for the active partner
  std::string from;                        // YYYY-MM-DD, today, tomorrow, yesterday
  std::optional<std::string> to;
};

struct CoverageFilter {
  std::int64_t client_id = 0;
  bool include_ended = false; // else those that end before `today` are left out
};

// A period of days, both ends included; no `to` means open-ended.
struct Period {
  std::string from;
  std::optional<std::string> to;
};

// Rules usable without a database; each throws iop::Invalid naming the field.
std::string normalize_priority(const std::string& priority);
std::string normalize_relationship(const std::string& relationship);
// "self" -> nullopt; "client:12" -> 12.
std::optional<std::int64_t> parse_subscriber(const std::string& subscriber);
// "Núñez, José" or "José Núñez" (the last word is the last name) -> {first, last}.
std::pair<std::string, std::string> split_person_name(const std::string& name);
bool periods_overlap(const Period& a, const Period& b);
// The priorities a coverage of `priority` needs beside it: secondary needs a primary, tertiary both.
std::vector<std::string> required_priorities(const std::string& priority);
// "active", "ended" or "future" on `today`.
std::string coverage_status(const Coverage& c, const Date& today);

Coverage add_coverage(Database& db, const Actor& actor, const NewCoverage& input, const Date& today);
Coverage get_coverage(Database& db, std::int64_t id); // iop::NotFound
// A client's coverages by priority, then start date; unknown client: iop::NotFound.
std::vector<Coverage> list_coverages(Database& db, const CoverageFilter& filter, const Date& today);
struct CoverageEnd {
  Coverage coverage;
  bool changed = false; // false: it already ended on that day
};
// Sets the last covered day (default today). Not before its start; an end can be moved earlier only.
CoverageEnd end_coverage(Database& db, const Actor& actor, std::int64_t id, const std::optional<std::string>& date,
                         const Date& today);
// The client's coverage of `priority` on `day`, if any (what the claim builder bills).
std::optional<Coverage> active_coverage(Database& db, std::int64_t client_id, const Date& day,
                                        std::string_view priority = "primary");
SubscriberPerson subscriber_of(Database& db, const Coverage& c);

} // namespace iop
