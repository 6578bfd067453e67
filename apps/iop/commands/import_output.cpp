#include "import_output.hpp"

#include "iop/errors.hpp"
#include "output.hpp"

#include <iostream>

namespace iop::app {

namespace {

// "14–263" when the ids run without a gap (they do inside one transaction), else "14, 16, 20".
std::string id_range(const std::vector<std::int64_t>& ids) {
  bool contiguous = true;
  for (std::size_t i = 1; i < ids.size(); ++i) {
    contiguous = contiguous && ids[i] == ids[i - 1] + 1;
  }
  if (ids.size() > 1 && contiguous) {
    return "ids " + std::to_string(ids.front()) + "\u2013" + std::to_string(ids.back());
  }
  return (ids.size() == 1 ? "id " : "ids ") + id_list(ids);
}

} // namespace

void report_import(Context& ctx, const ImportResult& result, const std::string& file, const std::string& kind,
                   bool dry_run) {
  if (!result.problems.empty()) {
    for (const auto& p : result.problems) {
      std::cerr << file << ':' << p.line << ": " << p.message << '\n';
    }
    throw Invalid(std::to_string(result.problems.size()) + " of " + std::to_string(result.rows) + " row" +
                      (result.rows == 1 ? "" : "s") + " of " + file + " cannot be imported; nothing was stored",
                  "fix the rows listed above and run the import again (--dry-run checks without storing)");
  }
  const std::size_t count = dry_run ? result.rows : result.ids.size();
  Json record{{"imported", count}, {"ids", result.ids}, {"dry_run", dry_run}};
  const std::vector<Column> columns{{"imported", "imported"},
                                    {"ids", "ids",
                                     [](const Json& r) {
                                       std::string out;
                                       for (const auto& id : r.at("ids")) {
                                         out += (out.empty() ? "" : " ") + std::to_string(id.get<std::int64_t>());
                                       }
                                       return out;
                                     }},
                                    {"dry_run", "dry_run", [](const Json& r) {
                                       return std::string(r.at("dry_run").get<bool>() ? "true" : "false");
                                     }}};
  if (ctx.format() != Format::table) {
    print_record(ctx, record, columns);
    return;
  }
  if (ctx.quiet()) {
    for (const auto id : result.ids) {
      std::cout << id << '\n';
    }
    return;
  }
  const std::string noun = kind + (count == 1 ? "" : "s");
  if (dry_run) {
    std::cout << "would import " << count << ' ' << noun << " (dry run: nothing was stored)\n";
  } else if (count == 0) {
    std::cout << "imported 0 " << noun << " (the file has no data rows)\n";
  } else {
    std::cout << "imported " << count << ' ' << noun << " (" << id_range(result.ids) << ")\n";
  }
}

} // namespace iop::app
