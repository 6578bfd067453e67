#include "measure_view.hpp"

#include "iop/clients.hpp"

#include <cmath>

namespace iop::app {

Json score_json(const Instrument& in, double value) {
  return in.mean_scored ? Json(round_score(in, value)) : Json(std::lround(value));
}

Json subscales_json(const Instrument& in, const std::vector<SubscaleScore>& subscales) {
  if (subscales.empty()) {
    return Json();
  }
  Json out = Json::object();
  for (const auto& s : subscales) {
    out[s.key] = round_score(in, s.mean);
  }
  return out;
}

Json measure_json(const Measure& m, NameCache& names) {
  const Instrument& in = find_instrument(m.instrument);
  return Json{{"id", m.id},
              {"client_id", m.client_id},
              {"client", names.client(m.client_id)},
              {"instrument", m.instrument},
              {"administered_on", m.administered_on},
              {"session_id", m.session_id ? Json(*m.session_id) : Json()},
              {"answers", m.answers},
              {"total", score_json(in, m.total)},
              {"band", m.band},
              {"subscales", subscales_json(in, m.subscales)},
              {"flagged", m.flagged()},
              {"flag_reason", m.flag_reason ? Json(*m.flag_reason) : Json()},
              {"created_at", m.created_at}};
}

} // namespace iop::app
