// The scheduling rules that need no database: overlap, roles per type, labels.
#include "iop/sessions.hpp"

#include "iop/errors.hpp"

#include <algorithm>

namespace iop {

bool overlaps(Instant a_start, Instant a_end, Instant b_start, Instant b_end) {
  return a_start < b_end && b_start < a_end;
}

std::vector<std::string> roles_for_type(const std::string& type) {
  if (type == "intake") {
    return {"individual", "addiction", "medical"};
  }
  if (std::find_if(std::begin(k_session_types), std::end(k_session_types), [&](const char* t) { return type == t; }) ==
      std::end(k_session_types)) {
    throw Invalid("unknown session type '" + type + "'",
                  "types are individual, addiction, couples, group, medical, intake");
  }
  return {type};
}

std::string type_label(const std::string& type) {
  if (type.empty()) {
    return type;
  }
  std::string label = type;
  label[0] = static_cast<char>(label[0] - 'a' + 'A');
  return label;
}

std::string describe_booking(const Booking& b) {
  return b.who + " is already booked " + format_local(b.start, b.timezone) + "\u2013" + format_hhmm(b.end, b.timezone) +
         " (session " + std::to_string(b.session_id) + ", " + b.type + " with " + b.with + ")";
}

int Session::minutes() const {
  return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(end - start).count());
}

std::optional<int> Session::actual_minutes() const {
  if (!actual_start || !actual_end) {
    return std::nullopt;
  }
  return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(*actual_end - *actual_start).count());
}

} // namespace iop
