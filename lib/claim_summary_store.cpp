#include "claim_summary_store.hpp"

#include <SQLiteCpp/Statement.h>

namespace iop::store {

namespace {

void bind_date(SQLite::Statement& st, int index, const std::optional<Date>& day) {
  if (day) {
    st.bind(index, format_date(*day));
  } else {
    st.bind(index);
  }
}

} // namespace

std::vector<SummaryLine> summary_lines(Database& db, const std::optional<Date>& from, const std::optional<Date>& to) {
  SQLite::Statement st(db.sql(), "SELECT c.id, c.client_id, c.payer_id, c.clinician_id, l.code, l.service_date, "
                                 "l.units, l.charge_cents FROM claim_lines l JOIN claims c ON c.id = l.claim_id "
                                 "WHERE c.status <> 'void' AND c.frequency <> 8 "
                                 "AND (?1 IS NULL OR l.service_date >= ?1) AND (?2 IS NULL OR l.service_date <= ?2) "
                                 "ORDER BY l.service_date, c.id, l.line_number");
  bind_date(st, 1, from);
  bind_date(st, 2, to);
  std::vector<SummaryLine> out;
  while (st.executeStep()) {
    SummaryLine l;
    l.claim_id = st.getColumn(0).getInt64();
    l.client_id = st.getColumn(1).getInt64();
    l.payer_id = st.getColumn(2).getInt64();
    l.clinician_id = st.getColumn(3).getInt64();
    l.code = st.getColumn(4).getString();
    l.service_date = st.getColumn(5).getString();
    l.units = st.getColumn(6).getInt();
    l.charge_cents = st.getColumn(7).getInt64();
    out.push_back(std::move(l));
  }
  return out;
}

} // namespace iop::store
