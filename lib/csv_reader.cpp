#include "iop/csv_reader.hpp"

#include "iop/errors.hpp"
#include "iop/text.hpp"

#include <csv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

namespace iop {

namespace {

extern "C" void csv_field_callback(void* data, std::size_t size, void* reader) {
  static_cast<CsvReader*>(reader)->on_field(static_cast<const char*>(data), size);
}

extern "C" void csv_record_callback(int /*terminator*/, void* reader) {
  static_cast<CsvReader*>(reader)->on_record();
}

bool blank(const std::string& line) {
  return line.find_first_not_of(" \t\r\n") == std::string::npos;
}

// Newlines in the file, less the header line: what a progress bar can use as its total.
std::size_t count_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::size_t lines = 0;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    lines += static_cast<std::size_t>(std::count(buffer, buffer + in.gcount(), '\n'));
  }
  return lines > 0 ? lines - 1 : 0;
}

} // namespace

CsvReader::CsvReader(const std::string& path) : m_name(path) {
  if (path == "-") {
    m_in = &std::cin;
  } else {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      throw Invalid("cannot read " + path + ": it is a folder", "give a CSV file, or - for standard input");
    }
    m_file = std::make_unique<std::ifstream>(path, std::ios::binary);
    if (!*m_file) {
      throw Invalid("cannot open " + path + ": " + std::strerror(errno),
                    "check the file name, or give - for standard input");
    }
    m_in = m_file.get();
    if (std::filesystem::is_regular_file(path, ec)) {
      m_estimate = count_lines(path);
    }
  }
  init_parser();
}

CsvReader::CsvReader(std::istream& in, std::string name) : m_in(&in), m_name(std::move(name)) {
  init_parser();
}

CsvReader::~CsvReader() {
  csv_free(m_parser.get());
}

void CsvReader::init_parser() {
  m_parser = std::make_unique<csv_parser>();
  // Strict: a stray quote and a quoted field left open at the end are errors, not guesses.
  if (csv_init(m_parser.get(), CSV_STRICT | CSV_STRICT_FINI) != 0) {
    throw Error("cannot start the CSV parser");
  }
}

void CsvReader::fail(std::size_t line, const std::string& reason) const {
  throw Invalid(m_name + ":" + std::to_string(line) + ": " + reason);
}

void CsvReader::on_field(const char* data, std::size_t size) {
  m_fields.emplace_back(data == nullptr ? std::string() : std::string(data, size));
  // The next field starts right after this delimiter, on the line being parsed now.
  m_field_start = m_line;
}

void CsvReader::on_record() {
  m_in_record = false;
  const bool empty = std::all_of(m_fields.begin(), m_fields.end(), [](const std::string& f) { return blank(f); });
  if (!empty) {
    m_ready.push_back(CsvRecord{m_record_start, std::move(m_fields)});
  }
  m_fields.clear();
}

// Feeds one physical line to the parser; false at the end of the input.
bool CsvReader::feed_line() {
  std::string line;
  if (!std::getline(*m_in, line)) {
    if (m_in->bad()) {
      fail(m_line + 1, "read error");
    }
    if (csv_fini(m_parser.get(), csv_field_callback, csv_record_callback, this) != 0) {
      fail(m_field_start,
           "a quoted field starts here and is never closed (a quote inside a field must be doubled: \"\")");
    }
    return false;
  }
  ++m_line;
  if (m_line == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) {
    line.erase(0, 3);
  }
  if (!is_valid_utf8(line)) {
    fail(m_line, "not valid UTF-8 (save the file as UTF-8)");
  }
  if (!m_in_record && !blank(line)) {
    m_in_record = true;
    m_record_start = m_line;
    m_field_start = m_line;
  }
  if (!m_in->eof()) {
    line += '\n';
  }
  if (csv_parse(m_parser.get(), line.data(), line.size(), csv_field_callback, csv_record_callback, this) !=
      line.size()) {
    fail(m_line, std::string("malformed field: ") + csv_strerror(csv_error(m_parser.get())) +
                     " (a quote inside a field must be doubled: \"\")");
  }
  return true;
}

std::optional<CsvRecord> CsvReader::next() {
  while (m_ready.empty() && !m_done) {
    m_done = !feed_line();
  }
  if (m_ready.empty()) {
    return std::nullopt;
  }
  CsvRecord record = std::move(m_ready.front());
  m_ready.pop_front();
  return record;
}

} // namespace iop
