#include "iop/identifiers.hpp"

#include "iop/errors.hpp"

#include <cctype>

namespace iop {

namespace {

bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}
bool is_upper_alnum(char c) {
  return is_digit(c) || (c >= 'A' && c <= 'Z');
}

int npi_check_digit(std::string_view first_nine) {
  // From the rightmost of the nine digits, double every other one; 24 stands for the 80840 prefix.
  int sum = 24;
  bool doubled = true;
  for (auto it = first_nine.rbegin(); it != first_nine.rend(); ++it) {
    int d = *it - '0';
    if (doubled) {
      d *= 2;
      d = d / 10 + d % 10;
    }
    sum += d;
    doubled = !doubled;
  }
  return (10 - sum % 10) % 10;
}

} // namespace

bool is_valid_npi(std::string_view npi) {
  if (npi.size() != 10 || (npi[0] != '1' && npi[0] != '2')) {
    return false;
  }
  for (char c : npi) {
    if (!is_digit(c)) {
      return false;
    }
  }
  return npi_check_digit(npi.substr(0, 9)) == npi[9] - '0';
}

void require_valid_npi(std::string_view npi) {
  const std::string shown(npi);
  if (npi.size() != 10) {
    throw Invalid("NPI '" + shown + "' must be exactly 10 digits");
  }
  for (char c : npi) {
    if (!is_digit(c)) {
      throw Invalid("NPI '" + shown + "' must contain digits only");
    }
  }
  if (npi[0] != '1' && npi[0] != '2') {
    throw Invalid("NPI '" + shown + "' must start with 1 or 2");
  }
  if (!is_valid_npi(npi)) {
    throw Invalid("NPI '" + shown + "' fails the check-digit test (Luhn with the 80840 prefix)",
                  "check the number on the NPPES registry; a typo usually changes the check digit");
  }
}

std::string canonical_icd10(std::string_view code) {
  std::string compact;
  for (char c : code) {
    if (c == '.') {
      continue;
    }
    compact += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  const bool dotted = code.find('.') != std::string_view::npos;
  const bool dot_in_place =
      !dotted || (code.size() > 3 && code[3] == '.' && code.find('.', 4) == std::string_view::npos);
  const bool ok = dot_in_place && compact.size() >= 3 && compact.size() <= 7 && compact[0] >= 'A' &&
                  compact[0] <= 'Z' && is_digit(compact[1]) && is_upper_alnum(compact[2]) &&
                  !(dotted && compact.size() == 3) && [&] {
                    for (std::size_t i = 3; i < compact.size(); ++i) {
                      if (!is_upper_alnum(compact[i])) {
                        return false;
                      }
                    }
                    return true;
                  }();
  if (!ok) {
    throw Invalid("'" + std::string(code) + "' is not an ICD-10-CM code",
                  "a letter, a digit, a character, then optionally a dot and up to four more: F10.20, F43.10, Z63.0");
  }
  if (compact.size() == 3) {
    return compact;
  }
  return compact.substr(0, 3) + "." + compact.substr(3);
}

std::string icd10_without_dot(std::string_view canonical) {
  std::string out;
  for (char c : canonical) {
    if (c != '.') {
      out += c;
    }
  }
  return out;
}

} // namespace iop
