// Claims: what is billed to a payer for one patient, built from attended sessions with signed
// notes (claim_builder.cpp), listed, shown and voided here. Exports are in claim_export.hpp,
// summaries and superbills in claim_reports.hpp.
//
// A session is billed at most once: each claim line links the sessions it bills, and the database
// refuses a second unreleased link of a session (for a group session, of a session and member).
// Voiding a claim releases its links. A claim never changes once built; it moves
// draft -> exported -> void, or draft -> void.
#pragma once

#include "iop/audit.hpp"
#include "iop/config.hpp"
#include "iop/database.hpp"
#include "iop/dates.hpp"
#include "iop/progress.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace iop {

inline constexpr const char* k_claim_statuses[] = {"draft", "exported", "void"};

// One session a line bills. `slot` is the billed member for a group session, 0 otherwise.
struct ClaimLineSession {
  std::int64_t session_id = 0;
  std::int64_t slot = 0;
  bool released = false; // the claim was voided: the session may be billed again
};

struct ClaimLine {
  std::int64_t id = 0;
  int line_number = 0;      // 1..50 in the claim
  std::string service_date; // YYYY-MM-DD, in the session's zone
  std::string code;         // CPT/HCPCS
  std::vector<std::string> modifiers;
  std::string place_of_service;
  int units = 1;
  std::int64_t charge_cents = 0; // fee x units
  std::vector<int> pointers;     // 1-based into Claim::diagnoses, 1 to 4
  std::optional<std::int64_t> authorization_id;
  std::vector<ClaimLineSession> sessions; // none on a frequency-8 (void) claim
};

struct Claim {
  std::int64_t id = 0;          // also CLM01, the patient account number
  std::int64_t client_id = 0;   // the patient (for couples work: the identified patient)
  std::int64_t coverage_id = 0; // the primary coverage on the dates of service
  std::int64_t payer_id = 0;
  std::int64_t clinician_id = 0; // rendering provider
  std::string status = "draft";  // draft, exported, void
  int frequency = 1;             // 1 original, 7 replacement, 8 void of original_claim_id
  std::optional<std::int64_t> original_claim_id;
  std::optional<std::string> payer_claim_number; // REF*F8 when known; else the original's id is sent
  std::string place_of_service;
  std::vector<std::string> diagnoses; // dotted ICD-10-CM as on the client at build time, primary first
  std::int64_t total_cents = 0;       // the sum of the lines' charges
  std::string first_service_on;
  std::string last_service_on;
  std::string created_at;
  std::optional<std::string> voided_at;
  std::optional<std::string> void_reason;
  std::optional<std::int64_t> batch_id; // the 837P batch it went out in, once exported
  std::vector<ClaimLine> lines;
};

// Why an attended or past session was not billed. `code` is stable for scripts:
//   no-show, late-cancel, not-attended (past, still scheduled), absent (group member),
//   note-missing, note-unsigned, no-coverage, no-diagnosis, auth-missing, auth-exhausted,
//   too-short, below-daily-minimum, day-billed (the day is already on a per-diem line),
//   no-npi (rendering clinician).
struct ClaimSkip {
  std::int64_t session_id = 0;
  std::int64_t client_id = 0; // who would have been billed
  std::string service_date;   // YYYY-MM-DD
  std::string code;
  std::string reason; // a sentence for people: "note not signed (iop note sign 14)"
};

struct ClaimBuildRequest {
  std::optional<Date> from; // service dates, both included; default: every unbilled session
  std::optional<Date> to;   // default: today
  std::optional<std::int64_t> client_id;
  bool dry_run = false; // build and report, store nothing
  ProgressFn progress;  // sessions looked at, then claims stored (optional)
};

struct ClaimBuildResult {
  std::vector<Claim> claims; // ids are 0 under dry_run
  std::vector<ClaimSkip> skipped;
  std::vector<std::string> warnings; // e.g. Z63.0 as the only diagnosis (claim id or client named)
  int already_billed = 0;            // billable sessions left out because a live claim holds them
};

// Builds claims for every billable session in the range, in one write transaction with one audit
// row per claim; under dry_run nothing is written. Throws iop::Invalid for a bad range, NotFound
// for an unknown client, ConfigError when a needed fee or code is not configured.
ClaimBuildResult build_claims(Database& db, const Actor& actor, const Config& config, const ClaimBuildRequest& request,
                              const Date& today);

struct ClaimFilter {
  std::optional<std::string> status; // draft, exported, void
  std::optional<std::int64_t> client_id;
  std::optional<std::int64_t> payer_id;
  std::optional<Date> from; // claims with a date of service in from..to, both included
  std::optional<Date> to;
};

Claim get_claim(Database& db, std::int64_t id); // with lines; iop::NotFound
std::vector<Claim> list_claims(Database& db, const ClaimFilter& filter);

struct ClaimVoid {
  Claim claim;                        // now void
  std::optional<Claim> void_claim;    // exported claims: the frequency-8 claim the next export sends
  std::vector<std::int64_t> released; // session ids that may be billed again
};

// Voids a draft or exported claim and releases its sessions; an exported one also gets a
// frequency-8 claim (status draft) that the next export sends. iop::Conflict for a void claim or
// a frequency-8 claim; `reason` is required (iop::Invalid when empty).
ClaimVoid void_claim(Database& db, const Actor& actor, std::int64_t id, const std::string& reason,
                     const std::optional<std::string>& payer_claim_number);

} // namespace iop
