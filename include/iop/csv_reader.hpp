// RFC 4180 input, record by record (libcsv parses; this wrapper tracks physical lines so that a
// bad row can be reported as FILE:LINE even after a field that spans several lines).
#pragma once

#include <cstddef>
#include <deque>
#include <fstream>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct csv_parser;

namespace iop {

struct CsvRecord {
  std::size_t line = 0; // physical line (1-based) where the record starts
  std::vector<std::string> fields;
};

class CsvReader {
public:
  // Reads `path`, or standard input when it is "-". Throws iop::Invalid when it cannot be opened.
  explicit CsvReader(const std::string& path);
  // Reads `in`, naming it `name` in messages; `in` must outlive the reader.
  CsvReader(std::istream& in, std::string name);
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;
  ~CsvReader();

  // The next record, or nothing at the end. A UTF-8 BOM is dropped, CRLF and LF both end lines,
  // wholly blank lines (and rows of empty cells) are skipped. Throws iop::Invalid as
  // "NAME:LINE: reason" for invalid UTF-8, a stray quote or an unterminated quoted field.
  std::optional<CsvRecord> next();

  const std::string& name() const { return m_name; }
  // Lines in a regular file less the header: an upper bound on the records, for a progress bar
  // (0 when not known, e.g. standard input).
  std::size_t estimated_records() const { return m_estimate; }

  // libcsv's callbacks (C linkage trampolines call these).
  void on_field(const char* data, std::size_t size);
  void on_record();

private:
  void init_parser();
  bool feed_line();
  [[noreturn]] void fail(std::size_t line, const std::string& reason) const;

  std::unique_ptr<std::ifstream> m_file;
  std::istream* m_in = nullptr;
  std::string m_name;
  std::unique_ptr<csv_parser> m_parser;
  std::size_t m_line = 0;         // physical lines read so far
  std::size_t m_record_start = 0; // line where the record being parsed started
  std::size_t m_field_start = 0;  // line where the field being parsed started
  bool m_in_record = false;
  bool m_done = false;
  std::size_t m_estimate = 0;
  std::vector<std::string> m_fields;
  std::deque<CsvRecord> m_ready;
};

} // namespace iop
