// Four payers (two PPOs, a per-diem plan, a Medicaid plan that requires authorizations), a
// primary coverage for every client and, for the Medicaid clients, an authorization for the year.
#include "program.hpp"

#include "iop/authorizations.hpp"
#include "iop/coverage.hpp"
#include "iop/payers.hpp"

namespace bench {

void add_payers_and_coverage(iop::Database& db, const People& people, Counts& counts) {
  std::vector<iop::NewPayer> payers(4);
  payers[0].name = "Cascade Mutual PPO";
  payers[0].payer_id = "CASC1";
  payers[1].name = "Evergreen Health PPO";
  payers[1].payer_id = "EVRG2";
  payers[2].name = "Summit Per-Diem Plan";
  payers[2].payer_id = "SUMT3";
  payers[2].billing = "per-diem";
  payers[3].name = "Rainier Medicaid";
  payers[3].payer_id = "RAIN4";
  payers[3].plan = "medicaid";
  payers[3].requires_auth = true;
  std::vector<std::int64_t> ids;
  for (const auto& p : payers) {
    ids.push_back(iop::add_payer(db, actor("payer add"), p).id);
  }

  for (std::size_t i = 0; i < people.clients.size(); ++i) {
    const auto roll = mix(i, 20) % 100;
    const std::size_t payer = roll < 40 ? 0 : roll < 70 ? 1 : roll < 85 ? 2 : 3;
    iop::NewCoverage c;
    c.client_id = people.clients[i];
    c.payer_id = ids[payer];
    c.member_id = "M" + std::to_string(700000000 + i);
    c.group_number = "G" + std::to_string(1000 + payer);
    c.from = "2025-01-01";
    iop::add_coverage(db, actor("coverage add"), c, today());
    ++counts.coverages;
    if (payer == 3) {
      iop::NewAuthorization a;
      a.client_id = people.clients[i];
      a.payer_id = ids[payer];
      a.number = "PA" + std::to_string(500000 + i);
      a.codes = {"90791", "90792", "90832", "90834", "90837", "90847", "90846", "90853", "H0004"};
      a.units = iop::k_max_authorized_units;
      a.from = "2025-01-01";
      a.to = "2025-12-31";
      iop::add_authorization(db, actor("auth add"), a, today());
      ++counts.authorizations;
    }
  }
}

} // namespace bench
