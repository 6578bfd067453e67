// RFC 4180 output. Cells that a spreadsheet would run as a formula are made inert.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace iop {

// Quotes when needed; prefixes ' to text beginning with = + - @ (or tab/CR) so it is never a formula.
std::string csv_cell(std::string_view text);
// One record with CRLF line ending, as RFC 4180 says.
std::string csv_row(const std::vector<std::string>& cells);

} // namespace iop
