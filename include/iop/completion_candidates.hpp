// Record ids for shell completion (`iop __complete KIND`): a short read-only look at the database
// that never creates, migrates or writes it, and gives up quietly (an empty list) on any trouble.
#pragma once

#include "iop/clock.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iop {

enum class CandidateKind { clients, clinicians, couples, groups, payers, sessions, claims, notes };

struct Candidate {
  std::int64_t id = 0;
  std::string label; // "Ana Reed", "2026-11-23 10:00 individual · Ana Reed"
};

// "clients" -> CandidateKind::clients; nullopt for an unknown name.
std::optional<CandidateKind> candidate_kind(std::string_view name);
const std::vector<std::string>& candidate_kind_names();

struct CandidateQuery {
  CandidateKind kind = CandidateKind::clients;
  std::string id_prefix; // only ids that start with these digits ("" for all)
  Instant now{};         // sessions: from two weeks before this on
  std::string zone;      // sessions: shown in this zone
};

// Active clients, clinicians, couples and payers; every group; sessions from two weeks ago on;
// draft and exported claims; the latest notes. A bounded number, in id (sessions: time) order.
// Empty when the file is missing, locked, of another schema version, or anything else goes wrong.
std::vector<Candidate> completion_candidates(const std::string& db_path, const CandidateQuery& query);

} // namespace iop
