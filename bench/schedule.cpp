// The year's sessions: a conflict-free weekly timetable (timetable.cpp), each slot booked as one
// weekly series through schedule_sessions, which checks every occurrence against the
// no-double-booking rule. Intakes are single sessions in the first week.
#include "program.hpp"
#include "timetable.hpp"

#include "iop/couples.hpp"
#include "iop/groups.hpp"
#include "iop/sessions.hpp"

#include <algorithm>

namespace bench {

namespace {

struct Service {
  std::string type;
  std::vector<int> eligible;     // clinician indexes
  std::vector<int> participants; // client indexes
  std::optional<std::int64_t> client_id, couple_id, group_id;
  int cells = 0;
  int minutes = 0;
  std::string rrule; // empty: one session
};

std::vector<int> with_credential(const People& p, std::initializer_list<const char*> creds) {
  std::vector<int> out;
  for (std::size_t i = 0; i < p.credentials.size(); ++i) {
    for (const char* c : creds) {
      if (p.credentials[i] == c) {
        out.push_back(static_cast<int>(i));
      }
    }
  }
  return out;
}

int index_of(const std::vector<std::int64_t>& ids, std::int64_t id) {
  return static_cast<int>(std::find(ids.begin(), ids.end(), id) - ids.begin());
}

} // namespace

std::vector<Booked> schedule_year(iop::Database& db, const People& p, Counts& counts) {
  const std::string weekly = "FREQ=WEEKLY;COUNT=" + std::to_string(k_weeks);
  const std::string monthly = "FREQ=WEEKLY;INTERVAL=4;COUNT=" + std::to_string((k_weeks + 3) / 4);
  std::vector<Service> services;
  for (std::size_t g = 0; g < p.groups.size(); ++g) {
    const auto group = iop::get_group(db, p.groups[g]);
    for (int meeting = 0; meeting < 3; ++meeting) {
      services.push_back(
          {"group", {index_of(p.clinicians, group.clinician_id)}, p.members[g], {}, {}, p.groups[g], 4, 60, weekly});
    }
  }
  const auto lmft = with_credential(p, {"LMFT"});
  for (std::size_t c = 0; c < p.couples.size(); ++c) {
    const auto couple = iop::get_couple(db, p.couples[c]);
    services.push_back({"couples",
                        {index_of(p.clinicians, *couple.therapist_id)},
                        {static_cast<int>(2 * c), static_cast<int>(2 * c + 1)},
                        {},
                        p.couples[c],
                        {},
                        4,
                        50,
                        weekly});
  }
  const auto therapists = with_credential(p, {"LMFT", "LCSW"});
  const auto counsellors = with_credential(p, {"CADC"});
  const auto prescribers = with_credential(p, {"MD"});
  for (std::size_t i = 0; i < p.clients.size(); ++i) {
    const int ci = static_cast<int>(i);
    services.push_back({"individual", therapists, {ci}, p.clients[i], {}, {}, 3, 45, weekly});
    if (p.tracks[i] != "mh") {
      services.push_back({"addiction", counsellors, {ci}, p.clients[i], {}, {}, 2, 30, weekly});
    }
    services.push_back({"medical", prescribers, {ci}, p.clients[i], {}, {}, 2, 30, monthly});
  }

  const iop::Date week1 = iop::parse_date("2025-01-06");
  const auto book = [&](const Service& s, const Slot& slot, int week, std::vector<Booked>& out) {
    iop::SessionRequest r;
    r.type = s.type;
    r.clinician_id = p.clinicians[slot.clinician];
    r.client_id = s.client_id;
    r.couple_id = s.couple_id;
    r.group_id = s.group_id;
    const int minute = k_first_hour * 60 + slot.cell * k_cell_minutes;
    r.start = iop::LocalDateTime{iop::Date(date::sys_days(week1) + date::days(7 * week + slot.day)), minute / 60,
                                 minute % 60};
    r.minutes = s.minutes;
    const auto roll = mix(s.participants.front(), slot.day * 100 + slot.cell) % 10;
    r.modality = roll == 0 ? "phone" : roll == 1 ? "in-person" : "video";
    if (!s.rrule.empty()) {
      r.rrule = s.rrule;
    }
    const auto result = iop::schedule_sessions(db, actor("session schedule"), r, s.minutes);
    for (const auto& made : result.created) {
      Booked b{made.id, made.clinician_id, made.type, s.participants, made.end, 0};
      b.week =
          static_cast<int>((date::sys_days(iop::local_date(made.start, k_zone)) - date::sys_days(week1)).count() / 7);
      out.push_back(std::move(b));
    }
  };

  std::vector<Booked> booked;
  booked.reserve(p.clients.size() * 130);
  // Intakes first (week 0, a timetable of their own), then the weekly series from week 1.
  Timetable intake_week(static_cast<int>(p.clinicians.size()), static_cast<int>(p.clients.size()));
  std::vector<int> intake_staff = therapists;
  intake_staff.insert(intake_staff.end(), counsellors.begin(), counsellors.end());
  for (std::size_t i = 0; i < p.clients.size(); ++i) {
    const Service s{"intake", intake_staff, {static_cast<int>(i)}, p.clients[i], {}, {}, 4, 60, ""};
    if (const auto slot = intake_week.place(s.eligible, s.participants, s.cells, {}, mix(i, 30))) {
      book(s, *slot, 0, booked);
    } else {
      ++counts.unplaced;
    }
  }
  Timetable week(static_cast<int>(p.clinicians.size()), static_cast<int>(p.clients.size()));
  std::vector<int> group_days;
  std::optional<std::int64_t> last_group;
  for (std::size_t i = 0; i < services.size(); ++i) {
    const auto& s = services[i];
    if (s.group_id != last_group) {
      group_days.clear();
      last_group = s.group_id;
    }
    const auto slot = week.place(s.eligible, s.participants, s.cells, group_days, mix(i, 31));
    if (!slot) {
      ++counts.unplaced;
      continue;
    }
    if (s.group_id) {
      group_days.push_back(slot->day);
    }
    book(s, *slot, 1, booked);
  }
  counts.sessions = static_cast<int>(booked.size());
  return booked;
}

} // namespace bench
