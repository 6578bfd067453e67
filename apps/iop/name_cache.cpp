#include "name_cache.hpp"

#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/payers.hpp"

namespace iop::app {

namespace {

template <typename Lookup>
const std::string& cached(std::map<std::int64_t, std::string>& names, std::int64_t id, Lookup lookup) {
  auto it = names.find(id);
  if (it == names.end()) {
    it = names.emplace(id, lookup()).first;
  }
  return it->second;
}

} // namespace

const std::string& NameCache::client(std::int64_t id) {
  return cached(m_clients, id, [&] { return get_client(m_db, id).full_name(); });
}

const std::string& NameCache::clinician(std::int64_t id) {
  return cached(m_clinicians, id, [&] { return get_clinician(m_db, id).display_name(); });
}

const std::string& NameCache::payer(std::int64_t id) {
  return cached(m_payers, id, [&] { return get_payer(m_db, id).name; });
}

} // namespace iop::app
