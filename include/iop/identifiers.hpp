// Identifiers with a published shape: NPI (with its Luhn check) and ICD-10-CM codes.
#pragma once

#include <string>
#include <string_view>

namespace iop {

// True when `npi` is 10 digits, starts with 1 or 2 and passes the Luhn check with the 80840 prefix.
bool is_valid_npi(std::string_view npi);
// Throws iop::Invalid saying what is wrong with the NPI.
void require_valid_npi(std::string_view npi);

// Canonical ICD-10-CM form: upper case, a dot after the third character when there are more
// (f1020 -> F10.20, Z630 -> Z63.0). Throws iop::Invalid when the shape is wrong.
std::string canonical_icd10(std::string_view code);
// The code as the 837 and CMS-1500 want it: without the dot.
std::string icd10_without_dot(std::string_view canonical);

} // namespace iop
