#include "timetable.hpp"

#include <algorithm>
#include <numeric>

namespace bench {

Timetable::Timetable(int clinicians, int clients)
    : m_clinicians(clinicians, Week(k_days * k_cells)), m_clients(clients, Week(k_days * k_cells)),
      m_load(clinicians, 0) {}

bool Timetable::free(const Week& w, int day, int cell, int cells) const {
  for (int c = cell; c < cell + cells; ++c) {
    if (w[day * k_cells + c]) {
      return false;
    }
  }
  return true;
}

void Timetable::take(Week& w, int day, int cell, int cells) {
  for (int c = cell; c < cell + cells; ++c) {
    w[day * k_cells + c] = true;
  }
}

std::optional<Slot> Timetable::place(const std::vector<int>& eligible, const std::vector<int>& participants, int cells,
                                     const std::vector<int>& avoid_days, std::uint64_t seed) {
  std::vector<int> order = eligible;
  // Least-loaded first spreads the work; the stable sort keeps it deterministic.
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return m_load[a] < m_load[b]; });
  // Start the scan at a seeded day and hour so sessions spread over the week, not all at 07:00 Monday.
  const int day0 = static_cast<int>(seed % k_days);
  const int cell0 = static_cast<int>((seed / k_days) % (k_cells / 4)) * 4;
  for (const int clinician : order) {
    for (int d = 0; d < k_days; ++d) {
      const int day = (day0 + d) % k_days;
      if (std::find(avoid_days.begin(), avoid_days.end(), day) != avoid_days.end()) {
        continue;
      }
      for (int i = 0; i < k_cells; ++i) {
        const int cell = (cell0 + i) % k_cells;
        if (cell + cells > k_cells || !free(m_clinicians[clinician], day, cell, cells)) {
          continue;
        }
        const bool all_free = std::all_of(participants.begin(), participants.end(),
                                          [&](int p) { return free(m_clients[p], day, cell, cells); });
        if (!all_free) {
          continue;
        }
        take(m_clinicians[clinician], day, cell, cells);
        for (const int p : participants) {
          take(m_clients[p], day, cell, cells);
        }
        m_load[clinician] += cells;
        return Slot{clinician, day, cell};
      }
    }
  }
  return std::nullopt;
}

} // namespace bench
