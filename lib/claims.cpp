#include "iop/claims.hpp"

#include "claim_store.hpp"
#include "iop/clients.hpp"
#include "iop/errors.hpp"
#include "iop/payers.hpp"
#include "iop/text.hpp"

#include <algorithm>

namespace iop {

Claim get_claim(Database& db, std::int64_t id) {
  auto claim = store::find_claim(db, id);
  if (!claim) {
    throw NotFound("no claim with id " + std::to_string(id), "iop claim list shows the claims");
  }
  return *claim;
}

std::vector<Claim> list_claims(Database& db, const ClaimFilter& filter) {
  if (filter.status && std::find(std::begin(k_claim_statuses), std::end(k_claim_statuses), *filter.status) ==
                           std::end(k_claim_statuses)) {
    throw Invalid("--status must be draft, exported or void, not \"" + *filter.status + "\"");
  }
  // An unknown id is a typo to report, not an empty list.
  if (filter.client_id) {
    get_client(db, *filter.client_id);
  }
  if (filter.payer_id) {
    get_payer(db, *filter.payer_id);
  }
  if (filter.from && filter.to && *filter.to < *filter.from) {
    throw Invalid("--to " + format_date(*filter.to) + " is before --from " + format_date(*filter.from));
  }
  return store::select_claims(db, filter);
}

namespace {

// The notice of a void (frequency 8): the original's lines again, drawing on no authorization
// and billing no session, sent in the next export.
Claim void_notice(const Claim& original, const std::optional<std::string>& payer_claim_number, const std::string& at) {
  Claim notice = original;
  notice.id = 0;
  notice.status = "draft";
  notice.frequency = 8;
  notice.original_claim_id = original.id;
  notice.payer_claim_number = payer_claim_number;
  notice.created_at = at;
  notice.voided_at.reset();
  notice.void_reason.reset();
  notice.batch_id.reset();
  for (auto& line : notice.lines) {
    line.id = 0;
    line.authorization_id.reset();
    line.sessions.clear();
  }
  return notice;
}

} // namespace

ClaimVoid void_claim(Database& db, const Actor& actor, std::int64_t id, const std::string& reason,
                     const std::optional<std::string>& payer_claim_number) {
  const std::string why = trim(reason);
  if (why.empty()) {
    throw Invalid("a void needs a reason", "add --reason \"...\" (e.g. \"wrong member id\")");
  }
  WriteTransaction tx(db);
  Claim claim = get_claim(db, id);
  if (claim.status == "void") {
    throw Conflict("claim " + std::to_string(id) + " is already void (" + claim.voided_at.value_or("") + ")");
  }
  if (claim.frequency == 8) {
    throw Conflict("claim " + std::to_string(id) + " is the void notice of claim " +
                   std::to_string(claim.original_claim_id.value_or(0)) + "; it cannot be voided itself");
  }
  if (claim.status == "draft" && payer_claim_number) {
    throw Invalid("--payer-claim-number is for exported claims", "a draft that never went out is simply voided");
  }
  // It is sent in REF*F8 of the void notice.
  const std::optional<std::string> number =
      payer_claim_number
          ? std::optional<std::string>(require_x12_text(trim(*payer_claim_number), "--payer-claim-number", 50))
          : std::nullopt;
  const std::string at = format_utc(actor.at);
  ClaimVoid result;
  for (const auto& line : claim.lines) {
    for (const auto& link : line.sessions) {
      if (!link.released) {
        result.released.push_back(link.session_id);
      }
    }
  }
  store::set_claim_void(db, id, at, why);
  audit(db, actor, "void", "claim", id);
  if (claim.status == "exported") {
    Claim notice = store::insert_claim(db, void_notice(claim, number, at));
    audit(db, actor, "build", "claim", notice.id);
    result.void_claim = std::move(notice);
  }
  tx.commit();
  result.claim = get_claim(db, id);
  return result;
}

} // namespace iop
