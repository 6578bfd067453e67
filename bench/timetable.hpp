// A conflict-free weekly timetable for the benchmark's program: every recurring service gets one
// weekly slot in which its clinician and every participant are free. Repeating a conflict-free week
// gives a conflict-free year (all sessions are booked in the clinicians' one zone), so the library's
// no-double-booking check accepts every occurrence; it still checks each one.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace bench {

inline constexpr int k_days = 7;   // Monday..Sunday
inline constexpr int k_cells = 60; // 15-minute cells from 07:00 to 22:00
inline constexpr int k_first_hour = 7;
inline constexpr int k_cell_minutes = 15;

struct Slot {
  int clinician = 0; // index into the clinicians given to the Timetable
  int day = 0;       // 0 = Monday
  int cell = 0;      // start cell; the local start is 07:00 + 15 min x cell
};

class Timetable {
public:
  Timetable(int clinicians, int clients);

  // The first slot, trying the least-loaded of `eligible` first, where the clinician and every
  // participant are free for `cells` cells; reserves it. `avoid_days` are days already used by the
  // same service (a group meeting three times a week meets on three days). Empty when none fits.
  std::optional<Slot> place(const std::vector<int>& eligible, const std::vector<int>& participants, int cells,
                            const std::vector<int>& avoid_days, std::uint64_t seed);

private:
  using Week = std::vector<bool>; // k_days x k_cells
  bool free(const Week& w, int day, int cell, int cells) const;
  void take(Week& w, int day, int cell, int cells);

  std::vector<Week> m_clinicians;
  std::vector<Week> m_clients;
  std::vector<int> m_load; // cells booked, per clinician
};

} // namespace bench
