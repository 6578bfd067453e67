#include "iop/clients.hpp"

#include "client_store.hpp"
#include "iop/clinicians.hpp"
#include "iop/couples.hpp"
#include "iop/errors.hpp"
#include "iop/identifiers.hpp"
#include "iop/sessions.hpp"
#include "iop/text.hpp"

#include <algorithm>
#include <cctype>

namespace iop {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

template <std::size_t N> bool one_of(const std::string& value, const char* const (&allowed)[N]) {
  return std::find_if(std::begin(allowed), std::end(allowed), [&](const char* a) { return value == a; }) !=
         std::end(allowed);
}

} // namespace

std::string normalize_sex(const std::string& sex) {
  std::string s = trim(sex);
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  if (s != "F" && s != "M" && s != "X" && s != "U") {
    throw Invalid("sex '" + sex + "' must be F, M, X or U (unknown)");
  }
  return s;
}

std::string normalize_track(const std::string& track) {
  const std::string t = lower(trim(track));
  if (!one_of(t, k_tracks)) {
    throw Invalid("track '" + track + "' must be mh (mental health), sud (substance use) or dual");
  }
  return t;
}

std::string normalize_phone(const std::string& phone) {
  const std::string p = require_text(phone, "phone", 40);
  int digits = 0;
  for (unsigned char c : p) {
    if (std::isdigit(c)) {
      ++digits;
    } else if (c != ' ' && c != '+' && c != '-' && c != '(' && c != ')' && c != '.') {
      throw Invalid("phone '" + p + "' may hold only digits, spaces and + - ( ) .");
    }
  }
  if (digits < 7 || digits > 15) {
    throw Invalid("phone '" + p + "' must have 7 to 15 digits");
  }
  return p;
}

std::vector<std::string> normalize_diagnoses(const std::vector<std::string>& codes) {
  std::vector<std::string> out;
  for (const auto& given : codes) {
    if (trim(given).empty()) {
      continue;
    }
    const std::string code = canonical_icd10(trim(given));
    if (std::find(out.begin(), out.end(), code) != out.end()) {
      throw Invalid("diagnosis " + code + " is given twice");
    }
    out.push_back(code);
  }
  if (out.size() > 12) {
    throw Invalid("at most 12 diagnoses can be recorded (a claim carries 12)");
  }
  return out;
}

std::string normalize_state(const std::string& state) {
  std::string s = trim(state);
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  if (s.size() != 2 || !std::isalpha(static_cast<unsigned char>(s[0])) ||
      !std::isalpha(static_cast<unsigned char>(s[1]))) {
    throw Invalid("--state '" + state + "' must be two letters, e.g. OR");
  }
  return s;
}

std::string normalize_zip(const std::string& zip) {
  const std::string z = trim(zip);
  std::string digits;
  for (std::size_t i = 0; i < z.size(); ++i) {
    const auto c = static_cast<unsigned char>(z[i]);
    if (std::isdigit(c)) {
      digits += static_cast<char>(c);
    } else if (!(c == '-' && i == 5 && z.size() == 10)) { // only the ZIP+4 hyphen: 97201-1234
      digits.clear();
      break;
    }
  }
  if (digits.size() != 5 && digits.size() != 9) {
    throw Invalid("--zip '" + zip + "' must be 5 digits or 9 digits (97201 or 97201-1234)");
  }
  return digits;
}

void check_client_dates(const Date& birth, const Date& admission, const Date& today) {
  if (birth > today) {
    throw Invalid("date of birth " + format_date(birth) + " is in the future");
  }
  if (birth < Date{date::year{1900}, date::January, date::day{1}}) {
    throw Invalid("date of birth " + format_date(birth) + " is before 1900");
  }
  if (admission < birth) {
    throw Invalid("admission date " + format_date(admission) + " is before the date of birth " + format_date(birth));
  }
}

namespace {

std::size_t utf8_length(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// A street or city line goes into an X12 N3/N4 element: no delimiter, at most `max` characters.
std::optional<std::string> address_line(const std::optional<std::string>& value, const char* option, std::size_t max) {
  if (!value || trim(*value).empty()) {
    return std::nullopt;
  }
  const std::string text = require_text(*value, option, 4 * max);
  if (text.find_first_of("*:^~") != std::string::npos) {
    throw Invalid(std::string(option) + " '" + text + "' may not contain * : ^ or ~ (claim file delimiters)");
  }
  if (utf8_length(text) > max) {
    throw Invalid(std::string(option) + " is longer than " + std::to_string(max) + " characters");
  }
  return text;
}

// All four parts of the postal address, or none: a claim cannot carry half an address.
void validate_address(Client& c) {
  c.address = address_line(c.address, "--address", 55);
  c.city = address_line(c.city, "--city", 30);
  c.state = c.state && !trim(*c.state).empty() ? std::optional<std::string>(normalize_state(*c.state)) : std::nullopt;
  c.zip = c.zip && !trim(*c.zip).empty() ? std::optional<std::string>(normalize_zip(*c.zip)) : std::nullopt;
  const bool any = c.address || c.city || c.state || c.zip;
  if (!any) {
    return;
  }
  std::string missing;
  for (const auto& [part, name] : {std::pair{&c.address, "--address"}, std::pair{&c.city, "--city"},
                                   std::pair{&c.state, "--state"}, std::pair{&c.zip, "--zip"}}) {
    if (!*part) {
      missing += missing.empty() ? name : std::string(", ") + name;
    }
  }
  if (!missing.empty()) {
    throw Invalid("the postal address is incomplete: missing " + missing,
                  "give --address, --city, --state and --zip together (or clear them all with empty values)");
  }
}

// Checks every field of `c` and puts it in canonical form.
void validate(Client& c, const Date& today) {
  c.first_name = require_text(c.first_name, "first name", 100);
  c.last_name = require_text(c.last_name, "last name", 100);
  const Date birth = parse_date(trim(c.date_of_birth), "date of birth");
  const Date admission = parse_date_relative(trim(c.admission_date), today, "admission date");
  check_client_dates(birth, admission, today);
  c.date_of_birth = format_date(birth);
  c.admission_date = format_date(admission);
  c.sex = normalize_sex(c.sex);
  if (c.phone) {
    c.phone = trim(*c.phone).empty() ? std::nullopt : std::optional<std::string>(normalize_phone(*c.phone));
  }
  if (c.email) {
    c.email = trim(*c.email).empty() ? std::nullopt : std::optional<std::string>(normalize_email(*c.email));
  }
  require_time_zone(c.timezone);
  c.track = normalize_track(c.track);
  c.diagnoses = normalize_diagnoses(c.diagnoses);
  validate_address(c);
}

void require_active_clinician(Database& db, const std::optional<std::int64_t>& id) {
  if (!id) {
    return;
  }
  const Clinician clinician = get_clinician(db, *id);
  if (!clinician.active) {
    throw Conflict("clinician " + std::to_string(*id) + " (" + clinician.display_name() + ") is inactive",
                   "choose an active clinician: iop clinician list");
  }
}

} // namespace

Client get_client(Database& db, std::int64_t id) {
  auto c = store::find_client(db, id);
  if (!c) {
    throw NotFound("no client with id " + std::to_string(id), "iop client list --status all shows every client");
  }
  return *c;
}

Client validate_new_client(const NewClient& input, const Date& today) {
  Client c;
  c.first_name = input.first_name;
  c.last_name = input.last_name;
  c.date_of_birth = input.date_of_birth;
  c.sex = input.sex;
  c.phone = input.phone;
  c.email = input.email;
  c.timezone = input.timezone;
  c.track = input.track;
  c.clinician_id = input.clinician_id;
  c.admission_date = input.admission_date.empty() ? format_date(today) : input.admission_date;
  c.diagnoses = input.diagnoses;
  c.address = input.address;
  c.city = input.city;
  c.state = input.state;
  c.zip = input.zip;
  validate(c, today);
  return c;
}

std::string duplicate_client_message(const Client& c, std::int64_t existing_id) {
  return "a client named " + c.full_name() + " born " + c.date_of_birth + " is already enrolled (client " +
         std::to_string(existing_id) + ")";
}

Client enroll_client(Database& db, const Actor& actor, const NewClient& input, const Date& today) {
  Client c = validate_new_client(input, today);
  c.created_at = format_utc(actor.at);

  WriteTransaction tx(db);
  require_active_clinician(db, c.clinician_id);
  if (!input.allow_duplicate) {
    const auto same = store::clients_with_identity(db, c.first_name, c.last_name, c.date_of_birth);
    if (!same.empty()) {
      throw Conflict(duplicate_client_message(c, same.front()),
                     "iop client show " + std::to_string(same.front()) +
                         "; if this really is a different person, add --allow-duplicate");
    }
  }
  const std::int64_t id = store::ClientInserter(db).insert(c);
  audit(db, actor, "create", "client", id);
  tx.commit();
  return get_client(db, id);
}

std::vector<Client> list_clients(Database& db, const ClientFilter& filter) {
  if (filter.status != "active" && filter.status != "discharged" && filter.status != "all") {
    throw Invalid("status '" + filter.status + "' must be active, discharged or all");
  }
  return store::select_clients(db, filter);
}

Client update_client(Database& db, const Actor& actor, std::int64_t id, const ClientChanges& changes,
                     const Date& today) {
  if (changes.empty()) {
    throw Invalid("nothing to update",
                  "give at least one option, e.g. --phone or --diagnosis; see iop client update --help");
  }
  WriteTransaction tx(db);
  Client c = get_client(db, id);
  c.first_name = changes.first_name.value_or(c.first_name);
  c.last_name = changes.last_name.value_or(c.last_name);
  c.date_of_birth = changes.date_of_birth.value_or(c.date_of_birth);
  c.sex = changes.sex.value_or(c.sex);
  if (changes.phone) {
    c.phone = changes.phone;
  }
  if (changes.email) {
    c.email = changes.email;
  }
  c.timezone = changes.timezone.value_or(c.timezone);
  c.track = changes.track.value_or(c.track);
  if (changes.clinician_id) {
    c.clinician_id = *changes.clinician_id == 0 ? std::nullopt : changes.clinician_id;
    require_active_clinician(db, c.clinician_id);
  }
  c.admission_date = changes.admission_date.value_or(c.admission_date);
  if (changes.diagnoses) {
    c.diagnoses = *changes.diagnoses;
  }
  for (const auto& [change, field] : {std::pair{&changes.address, &c.address}, std::pair{&changes.city, &c.city},
                                      std::pair{&changes.state, &c.state}, std::pair{&changes.zip, &c.zip}}) {
    if (*change) {
      *field = *change;
    }
  }
  validate(c, today);
  if (c.discharge_date && *c.discharge_date < c.admission_date) {
    throw Invalid("admission date " + c.admission_date + " would be after the discharge date " + *c.discharge_date);
  }
  store::update_client_row(db, c);
  if (changes.diagnoses) {
    store::replace_diagnoses(db, id, c.diagnoses);
  }
  audit(db, actor, "update", "client", id);
  tx.commit();
  return get_client(db, id);
}

DischargeResult discharge_client(Database& db, const Actor& actor, std::int64_t id, const Discharge& discharge,
                                 const Date& today) {
  const Date on = parse_date_relative(trim(discharge.date), today, "discharge date");
  const std::string reason = lower(trim(discharge.reason));
  if (!one_of(reason, k_discharge_reasons)) {
    throw Invalid("discharge reason '" + discharge.reason +
                  "' is not one of completed, transferred, withdrew, ama, "
                  "administrative, other");
  }
  if (on > today) {
    throw Invalid("discharge date " + format_date(on) + " is in the future", "record a discharge on or after the day");
  }
  WriteTransaction tx(db);
  Client c = get_client(db, id);
  if (!c.active()) {
    throw Conflict(c.full_name() + " (client " + std::to_string(id) + ") was already discharged on " +
                   c.discharge_date.value_or("?"));
  }
  if (format_date(on) < c.admission_date) {
    throw Invalid("discharge date " + format_date(on) + " is before the admission date " + c.admission_date);
  }
  c.status = "discharged";
  c.discharge_date = format_date(on);
  c.discharge_reason = reason;
  store::update_client_row(db, c);
  DischargeResult result{c, end_active_couple(db, actor, id, *c.discharge_date, "discharged"), {}};
  result.cancelled_sessions =
      release_sessions_after(db, actor, {id, std::nullopt, *c.discharge_date, "client discharged"});
  audit(db, actor, "discharge", "client", id);
  tx.commit();
  result.client = get_client(db, id);
  return result;
}

} // namespace iop
