// One data row of an import file, its cells looked up by column (internal to lib/).
#pragma once

#include "iop/csv_reader.hpp"
#include "iop/errors.hpp"
#include "iop/text.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace iop {

class ImportRow {
public:
  // `mapping[i]` is the column of the i-th cell (see map_import_header). Throws iop::Invalid when
  // the row has a different number of cells than the header (extra empty cells are ignored).
  ImportRow(const CsvRecord& record, const std::vector<std::size_t>& mapping, std::size_t column_count)
      : m_cells(column_count) {
    if (record.fields.size() < mapping.size()) {
      throw Invalid("the row has " + std::to_string(record.fields.size()) + " cells; the header has " +
                    std::to_string(mapping.size()));
    }
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
      if (i < mapping.size()) {
        m_cells[mapping[i]] = record.fields[i];
      } else if (!trim(record.fields[i]).empty()) {
        throw Invalid("the row has " + std::to_string(record.fields.size()) + " cells; the header has " +
                      std::to_string(mapping.size()));
      }
    }
  }

  // The cell as given (not trimmed: the validation rules trim and check it); "" when absent.
  const std::string& cell(std::size_t column) const { return m_cells[column]; }
  bool empty(std::size_t column) const { return trim(m_cells[column]).empty(); }

private:
  std::vector<std::string> m_cells;
};

// "F10.20; F41.1" or "F10.20,F41.1" -> {"F10.20", "F41.1"}; also roles.
inline std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  for (char c : text) {
    if (c == ';' || c == ',') {
      out.push_back(trim(item));
      item.clear();
    } else {
      item += c;
    }
  }
  out.push_back(trim(item));
  return out;
}

} // namespace iop
