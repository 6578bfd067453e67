// What the claim export unit tests share: the acting user, today, and a practice config with
// the x12 envelope and the billing provider filled in.
#pragma once

#include "iop/audit.hpp"
#include "iop/config.hpp"
#include "iop/dates.hpp"

namespace iop::testing {

inline const Actor k_billing_actor{"alice", "claim export", *parse_utc("2026-11-27T17:00:00Z")};
inline const Date k_billing_today{date::year{2026}, date::month{11}, date::day{27}};

inline Config practice_config() {
  Config c;
  c.text = {{"x12.submitter_id", "SUB123"},       {"x12.submitter_name", "Reed Counseling"},
            {"x12.receiver_id", "RCV999"},        {"x12.receiver_name", "Clearinghouse"},
            {"practice.name", "Reed Counseling"}, {"practice.npi", "1234567893"},
            {"practice.tax_id", "123456789"},     {"practice.address", "12 Main St"},
            {"practice.city", "Portland"},        {"practice.state", "OR"},
            {"practice.zip", "972011234"},        {"practice.phone", "5035550100"}};
  return c;
}

} // namespace iop::testing
