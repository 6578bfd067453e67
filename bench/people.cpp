// Clinicians and clients through the CSV importers, couples through pair_couple, groups through
// create_group / add_group_members.
#include "program.hpp"

#include "iop/couples.hpp"
#include "iop/csv_reader.hpp"
#include "iop/groups.hpp"
#include "iop/imports.hpp"
#include "iop/local_time.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace bench {

namespace {

const char* const k_first[] = {"Ana",    "Ben",   "Zoë",  "José", "Mia",   "Liam", "Noor",  "Chloé", "Kai",
                               "Ava",    "Omar",  "Ines", "Luca", "Sofía", "Eli",  "Maya",  "Theo",  "Ruth",
                               "Ikaika", "Priya", "Sam",  "Léa",  "Diego", "Hana", "Jonah", "Amara", "Finn"};
const char* const k_last[] = {"Reed",   "O'Brien-Núñez", "Nguyen",  "García", "Okafor",  "Kowalski", "Haddad",
                              "Larsen", "Moreau",        "Tanaka",  "Silva",  "Brennan", "Petrov",   "Ahmed",
                              "Walsh",  "Castillo",      "Fischer", "Mensah", "Rossi",   "Yamamoto", "Dubois"};
const char* const k_client_zones[] = {"America/Los_Angeles", "America/Los_Angeles", "America/Denver", "America/Chicago",
                                      "America/New_York"};

// A valid NPI: 9 digits then the Luhn check digit computed over "80840" + those digits.
std::string npi_for(int n) {
  std::string base = "1" + std::to_string(100000000 + n).substr(1);
  const std::string full = "80840" + base;
  int sum = 0;
  for (int i = static_cast<int>(full.size()) - 1, k = 0; i >= 0; --i, ++k) {
    int d = full[i] - '0';
    if (k % 2 == 0) {
      d *= 2;
      if (d > 9) {
        d -= 9;
      }
    }
    sum += d;
  }
  return base + std::to_string((10 - sum % 10) % 10);
}

std::vector<std::int64_t> imported(const iop::ImportResult& r, const char* what) {
  if (!r.problems.empty()) {
    throw std::runtime_error(std::string(what) + " import: line " + std::to_string(r.problems.front().line) + ": " +
                             r.problems.front().message);
  }
  return r.ids;
}

} // namespace

std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  std::uint64_t x = a * 0x9E3779B97F4A7C15ULL ^ (b + 0x2545F4914F6CDD1DULL + (a << 6) + (a >> 2));
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  return x ^ (x >> 33);
}

iop::Actor actor(const std::string& command) {
  return iop::Actor{"bench", command, *iop::parse_utc(k_now)};
}

iop::Date today() {
  return iop::local_date(*iop::parse_utc(k_now), k_zone);
}

People add_people(iop::Database& db, double scale, Counts& counts) {
  People p;
  const int n_clinicians = std::max(5, static_cast<int>(std::lround(40 * scale)));
  const int n_clients = std::max(20, static_cast<int>(std::lround(2000 * scale)));
  const int n_couples = std::max(1, static_cast<int>(std::lround(300 * scale)));

  // One in ten a prescriber, the rest therapists and counsellors: LMFTs see couples, CADCs addiction.
  const char* const pattern[] = {"MD", "LMFT", "LCSW", "CADC", "LMFT", "LCSW", "CADC", "LCSW", "CADC", "LCSW"};
  std::ostringstream csv;
  csv << "name,credential,npi,roles,timezone\n";
  for (int i = 0; i < n_clinicians; ++i) {
    const std::string cred = i < 10 ? pattern[i] : pattern[i % 10];
    const std::string roles = cred == "MD"     ? "medical"
                              : cred == "LMFT" ? "individual;couples;group"
                              : cred == "LCSW" ? "individual;group"
                                               : "addiction;group";
    csv << k_first[mix(i, 1) % std::size(k_first)] << ' ' << k_last[mix(i, 2) % std::size(k_last)] << ',' << cred << ','
        << npi_for(i + 1) << ",\"" << roles << "\"," << k_zone << '\n';
    p.credentials.push_back(cred);
  }
  std::istringstream clinician_in(csv.str());
  iop::CsvReader clinician_csv(clinician_in, "clinicians.csv");
  p.clinicians = imported(iop::import_clinicians(db, actor("clinician import"), clinician_csv, {}), "clinician");

  std::ostringstream clients;
  clients << "first_name,last_name,dob,sex,phone,email,address,city,state,zip,timezone,track,clinician,"
             "admission_date,diagnoses\n";
  const char* const tracks[] = {"mh", "sud", "dual", "sud", "dual"};
  for (int i = 0; i < n_clients; ++i) {
    const std::string track = tracks[mix(i, 3) % std::size(tracks)];
    const std::string dx = track == "mh" ? "F33.1;F41.1" : track == "sud" ? "F10.20" : "F11.20;F33.1";
    const int year = 1950 + static_cast<int>(mix(i, 4) % 55);
    const int month = 1 + static_cast<int>(mix(i, 5) % 12);
    const int day = 1 + static_cast<int>(mix(i, 6) % 28);
    char dob[16];
    std::snprintf(dob, sizeof dob, "%04d-%02d-%02d", year, month, day);
    clients << k_first[mix(i, 7) % std::size(k_first)] << ',' << k_last[mix(i, 8) % std::size(k_last)] << ' ' << (i + 1)
            << ',' << dob << ',' << "FMXU"[mix(i, 9) % 4] << ",503555" << 1000 + i % 9000 << ",client" << i
            << "@example.org," << (100 + i) << " Main St,Portland,OR,97201,"
            << k_client_zones[mix(i, 10) % std::size(k_client_zones)] << ',' << track << ','
            << p.clinicians[i % p.clinicians.size()] << ',' << k_admitted << ",\"" << dx << "\"\n";
    p.tracks.push_back(track);
  }
  std::istringstream client_in(clients.str());
  iop::CsvReader client_csv(client_in, "clients.csv");
  p.clients = imported(iop::import_clients(db, actor("client import"), client_csv, {}, today()), "client");
  counts.clinicians = n_clinicians;
  counts.clients = n_clients;

  // Couple i is clients 2i and 2i+1, with an LMFT as therapist.
  std::vector<std::int64_t> lmfts;
  for (std::size_t i = 0; i < p.clinicians.size(); ++i) {
    if (p.credentials[i] == "LMFT") {
      lmfts.push_back(p.clinicians[i]);
    }
  }
  for (int i = 0; i < n_couples && 2 * i + 1 < n_clients; ++i) {
    iop::NewCouple c{p.clients[2 * i], p.clients[2 * i + 1], lmfts[i % lmfts.size()], k_admitted};
    p.couples.push_back(iop::pair_couple(db, actor("couple pair"), c, today()).id);
  }
  counts.couples = static_cast<int>(p.couples.size());

  // Groups of about ten, every client in one; a stride keeps partners apart.
  const int n_groups = (n_clients + 9) / 10;
  p.members.resize(n_groups);
  for (int i = 0; i < n_clients; ++i) {
    p.members[i % n_groups].push_back(i);
  }
  const char* const themes[] = {"Recovery", "Skills", "Relapse Prevention", "DBT", "Mindfulness", "Family"};
  for (int g = 0; g < n_groups; ++g) {
    iop::NewGroup ng{std::string(themes[g % std::size(themes)]) + " " + std::to_string(g + 1),
                     p.clinicians[(g * 7 + 1) % p.clinicians.size()], 12};
    if (p.credentials[(g * 7 + 1) % p.clinicians.size()] == "MD") {
      ng.clinician_id = p.clinicians[(g * 7 + 2) % p.clinicians.size()];
    }
    const auto group = iop::create_group(db, actor("group create"), ng);
    std::vector<std::int64_t> ids;
    for (const int m : p.members[g]) {
      ids.push_back(p.clients[m]);
    }
    iop::add_group_members(db, actor("group add"), group.id, ids, iop::parse_date(k_admitted));
    p.groups.push_back(group.id);
  }
  counts.groups = n_groups;
  return p;
}

Counts build_program(const std::string& path, double scale) {
  iop::Database db(path);
  // A bulk load: no fsync at each of the million commits (a crash just means running it again).
  // Everything else (the transactions, checks and audit rows) is exactly what the commands do.
  db.sql().exec("PRAGMA synchronous = OFF");
  Counts counts;
  const People people = add_people(db, scale, counts);
  add_payers_and_coverage(db, people, counts);
  const auto sessions = schedule_year(db, people, counts);
  record_outcomes(db, people, sessions, counts);
  return counts;
}

} // namespace bench
