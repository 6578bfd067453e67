// What happened at each past session: attended (most), no-show or cancelled; for each client
// present a SOAP note, signed by the session's clinician (a few recent ones left as drafts); a
// PHQ-9 and a GAD-7 at every fourth individual session.
#include "program.hpp"

#include "iop/measures.hpp"
#include "iop/notes.hpp"
#include "iop/sessions.hpp"

#include <chrono>
#include <cstdio>

namespace bench {

namespace {

std::string note_body(std::uint64_t h) {
  static const char* const moods[] = {"steady", "anxious about work", "hopeful", "tired but engaged",
                                      "irritable after a hard weekend"};
  return std::string("Subjective:\nClient reports feeling ") + moods[h % std::size(moods)] + "; cravings " +
         std::to_string(h % 5) +
         "/10.\n\nObjective:\nAlert, oriented, on time; affect congruent.\n\n"
         "Assessment:\nProgress toward treatment goals; no acute risk identified.\n\n"
         "Plan:\nContinue weekly sessions; practice the coping plan; review next visit.\n";
}

std::string answers(std::uint64_t h, int items) {
  std::string out;
  for (int i = 0; i < items; ++i) {
    // Mostly low scores, item 9 of the PHQ-9 rarely above 0 (a flagged measure now and then).
    int v = static_cast<int>(mix(h, i) % 4);
    if (items == 9 && i == 8) {
      v = mix(h, 99) % 50 == 0 ? 1 : 0;
    }
    out += (i ? "," : "") + std::to_string(v);
  }
  return out;
}

} // namespace

void record_outcomes(iop::Database& db, const People& p, const std::vector<Booked>& sessions, Counts& counts) {
  const iop::Instant now = *iop::parse_utc(k_now);
  const auto started = std::chrono::steady_clock::now();
  std::size_t done = 0;
  for (const auto& s : sessions) {
    if (++done % 20000 == 0) {
      std::fprintf(stderr, "generate: outcomes %zu/%zu (%.0f s)\n", done, sessions.size(),
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    }
    if (s.end > now) {
      continue; // still to come: stays scheduled
    }
    const auto h = mix(static_cast<std::uint64_t>(s.id), 40);
    const auto roll = h % 100;
    if (roll < 3) {
      iop::mark_no_show(db, actor("session no-show"), s.id);
      ++counts.no_shows;
      continue;
    }
    if (roll < 7) {
      iop::cancel_session(db, actor("session cancel"), s.id, roll < 5,
                          roll < 5 ? std::optional<std::string>("client ill") : std::nullopt, false);
      ++counts.cancelled;
      continue;
    }
    iop::Attendance a;
    std::vector<int> present;
    if (s.type == "group") {
      for (const int c : s.clients) {
        (mix(h, c) % 100 < 8 ? a.absent : a.present).push_back(p.clients[c]);
        if (mix(h, c) % 100 >= 8) {
          present.push_back(c);
        }
      }
    } else {
      present = s.clients;
    }
    iop::attend_session(db, actor("session attend"), s.id, a);
    ++counts.attended;
    for (const int c : present) {
      iop::NewNote n{s.id, p.clients[c], "soap", note_body(mix(h, c + 1))};
      const auto note = iop::add_note(db, actor("note add"), n);
      ++counts.notes;
      // Recent notes are sometimes still drafts: claim build skips them ("note not signed").
      const bool recent = s.week >= k_weeks - 1;
      if (mix(h, c + 2) % 100 >= (recent ? 30u : 1u)) {
        iop::sign_note(db, actor("note sign"), note.id, s.clinician_id);
        ++counts.signed_notes;
      }
    }
    if (s.type == "individual" && s.week % 4 == 0) {
      for (const auto& [instrument, items] : {std::pair{"phq-9", 9}, std::pair{"gad-7", 7}}) {
        iop::NewMeasure m;
        m.client_id = p.clients[s.clients.front()];
        m.instrument = instrument;
        m.answers = answers(mix(h, items), items);
        m.session_id = s.id;
        iop::record_measure(db, actor("measure add"), m, today());
        ++counts.measures;
      }
    }
  }
}

} // namespace bench
