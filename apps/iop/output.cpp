#include "output.hpp"

#include "iop/csv.hpp"
#include "iop/local_time.hpp"
#include "terminal.hpp"

#include <algorithm>
#include <iostream>

namespace iop::app {

std::string as_text(const Json& value) {
  if (value.is_null()) {
    return "";
  }
  if (value.is_string()) {
    return value.get<std::string>();
  }
  if (value.is_boolean()) {
    return value.get<bool>() ? "yes" : "no";
  }
  if (value.is_array()) {
    std::string out;
    for (const auto& item : value) {
      if (!out.empty()) {
        out += ", ";
      }
      out += as_text(item);
    }
    return out;
  }
  return value.dump();
}

namespace {

std::string cell(const Column& column, const Json& row) {
  if (column.text) {
    return column.text(row);
  }
  const auto it = row.find(column.key);
  return it == row.end() ? "" : as_text(*it);
}

void print_csv(const Json& rows, const std::vector<Column>& columns) {
  std::vector<std::string> header;
  for (const auto& c : columns) {
    header.push_back(c.key);
  }
  std::cout << csv_row(header);
  for (const auto& row : rows) {
    std::vector<std::string> cells;
    for (const auto& c : columns) {
      cells.push_back(cell(c, row));
    }
    std::cout << csv_row(cells);
  }
}

std::string pad(const std::string& text, std::size_t width, bool right) {
  const std::size_t w = display_width(text);
  const std::string fill(w < width ? width - w : 0, ' ');
  return right ? fill + text : text + fill;
}

void print_table(const Json& rows, const std::vector<Column>& columns) {
  std::vector<std::vector<std::string>> cells;
  std::vector<std::size_t> widths;
  for (const auto& c : columns) {
    widths.push_back(display_width(c.header));
  }
  for (const auto& row : rows) {
    std::vector<std::string> line;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      line.push_back(cell(columns[i], row));
      widths[i] = std::max(widths[i], display_width(line.back()));
    }
    cells.push_back(std::move(line));
  }
  // Fit the terminal: narrow the widest columns (never below their header or 8) until it fits.
  if (const int term = terminal_width(); term > 0) {
    auto total = [&] {
      std::size_t t = 0;
      for (auto w : widths) {
        t += w + 2;
      }
      return t;
    };
    while (total() > static_cast<std::size_t>(term)) {
      auto widest = std::max_element(widths.begin(), widths.end());
      const std::size_t i = static_cast<std::size_t>(widest - widths.begin());
      if (*widest <= std::max<std::size_t>(8, display_width(columns[i].header))) {
        break;
      }
      --*widest;
    }
  }
  const bool color = use_color(stdout);
  std::string head;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    head += pad(columns[i].header, widths[i], columns[i].right_align) + (i + 1 < columns.size() ? "  " : "");
  }
  while (!head.empty() && head.back() == ' ') {
    head.pop_back();
  }
  std::cout << bold(head, color) << '\n';
  for (const auto& line : cells) {
    std::string out;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      out += pad(truncate_to_width(line[i], widths[i]), widths[i], columns[i].right_align) +
             (i + 1 < columns.size() ? "  " : "");
    }
    while (!out.empty() && out.back() == ' ') {
      out.pop_back();
    }
    std::cout << out << '\n';
  }
}

} // namespace

void print_list(Context& ctx, const Json& rows, const std::vector<Column>& columns, const std::string& empty_message) {
  switch (ctx.format()) {
  case Format::json: std::cout << rows.dump(2) << '\n'; return;
  case Format::csv: print_csv(rows, columns); return;
  case Format::table:
    if (ctx.quiet()) {
      for (const auto& row : rows) {
        std::cout << as_text(row.value("id", Json())) << '\n';
      }
      return;
    }
    if (rows.empty()) {
      notice(ctx, empty_message);
      return;
    }
    print_table(rows, columns);
    return;
  }
}

void print_record(Context& ctx, const Json& record, const std::vector<Column>& fields) {
  switch (ctx.format()) {
  case Format::json: std::cout << record.dump(2) << '\n'; return;
  case Format::csv: print_csv(Json::array({record}), fields); return;
  case Format::table: {
    std::size_t width = 0;
    for (const auto& f : fields) {
      width = std::max(width, display_width(f.header));
    }
    const bool color = use_color(stdout);
    for (const auto& f : fields) {
      const std::string value = cell(f, record);
      if (value.empty()) {
        continue;
      }
      std::cout << dim(pad(f.header, width, false), color) << "  " << value << '\n';
    }
    return;
  }
  }
}

void print_saved(Context& ctx, const Json& record, const std::vector<Column>& fields) {
  if (ctx.quiet()) {
    std::cout << as_text(record.value("id", Json())) << '\n';
    return;
  }
  print_record(ctx, record, fields);
}

std::string id_list(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (const auto id : ids) {
    out += (out.empty() ? "" : ", ") + std::to_string(id);
  }
  return out;
}

void notice(Context& ctx, const std::string& message) {
  if (!ctx.quiet()) {
    std::cerr << "iop: " << message << '\n';
  }
}

void warning(const std::string& message) {
  std::cerr << yellow("iop: warning: ", use_color(stderr)) << message << '\n';
}

std::string local_time(Instant at, const std::string& zone) {
  return format_local(at, zone) + " " + zone_abbreviation(at, zone);
}

std::string local_time(const std::string& utc, const std::string& zone) {
  const auto at = parse_utc(utc);
  return at ? local_time(*at, zone) : utc;
}

} // namespace iop::app
