#include "iop/csv.hpp"

namespace iop {

namespace {

// "-7", "+2.5": a plain number is data to a spreadsheet, never a formula, so it is left as it is.
bool is_plain_number(std::string_view text) {
  std::size_t i = (!text.empty() && (text[0] == '-' || text[0] == '+')) ? 1 : 0;
  const std::size_t digits_from = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    ++i;
  }
  if (i == digits_from) {
    return false;
  }
  if (i < text.size() && text[i] == '.') {
    const std::size_t fraction_from = ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      ++i;
    }
    if (i == fraction_from) {
      return false;
    }
  }
  return i == text.size();
}

} // namespace

std::string csv_cell(std::string_view text) {
  std::string value(text);
  if (!value.empty() && !is_plain_number(value) &&
      (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' || value[0] == '\t' ||
       value[0] == '\r')) {
    value.insert(value.begin(), '\'');
  }
  if (value.find_first_of(",\"\r\n") == std::string::npos) {
    return value;
  }
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') {
      out += '"';
    }
    out += c;
  }
  return out + "\"";
}

std::string csv_row(const std::vector<std::string>& cells) {
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    out += csv_cell(cells[i]);
  }
  return out + "\r\n";
}

} // namespace iop
