#include "iop/note_sections.hpp"

#include "iop/errors.hpp"
#include "iop/text.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

namespace iop {

namespace {

const std::map<std::string, std::vector<std::string>, std::less<>>& templates() {
  static const std::map<std::string, std::vector<std::string>, std::less<>> k_templates{
      {"soap", {"Subjective", "Objective", "Assessment", "Plan"}},
      {"dap", {"Data", "Assessment", "Plan"}},
      {"birp", {"Behavior", "Intervention", "Response", "Plan"}},
  };
  return k_templates;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool is_blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](unsigned char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    lines.push_back(line);
    if (end == std::string_view::npos) {
      break;
    }
    start = end + 1;
  }
  return lines;
}

struct Heading {
  std::size_t section = 0; // index into the template's sections
  std::string inline_text;
};

// "  Subjective: text", "s:", "PLAN :" -> the section and the text after the colon.
std::optional<Heading> heading_of(std::string_view line, const std::vector<std::string>& names) {
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) {
    ++i;
  }
  const std::size_t word_start = i;
  while (i < line.size() && std::isalpha(static_cast<unsigned char>(line[i])) != 0) {
    ++i;
  }
  const std::string word = lower(line.substr(word_start, i - word_start));
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) {
    ++i;
  }
  if (word.empty() || i >= line.size() || line[i] != ':') {
    return std::nullopt;
  }
  for (std::size_t s = 0; s < names.size(); ++s) {
    const std::string name = lower(names[s]);
    if (word == name || (word.size() == 1 && word[0] == name[0])) {
      return Heading{s, trim(line.substr(i + 1))};
    }
  }
  return std::nullopt;
}

// Joins lines, dropping blank lines at either end.
std::string joined(const std::vector<std::string_view>& lines) {
  std::size_t b = 0;
  std::size_t e = lines.size();
  while (b < e && is_blank(lines[b])) {
    ++b;
  }
  while (e > b && is_blank(lines[e - 1])) {
    --e;
  }
  std::string out;
  for (std::size_t k = b; k < e; ++k) {
    out += std::string(lines[k]) + (k + 1 < e ? "\n" : "");
  }
  return out;
}

std::string line_list(const std::vector<int>& lines) {
  std::string out;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    out += (k == 0 ? "" : (k + 1 == lines.size() ? " and " : ", ")) + std::to_string(lines[k]);
  }
  return out;
}

} // namespace

const std::vector<std::string>& template_sections(std::string_view template_name) {
  const auto it = templates().find(normalize_template(template_name));
  return it->second;
}

std::string normalize_template(std::string_view template_name) {
  const std::string name = lower(trim(template_name));
  if (templates().find(name) == templates().end()) {
    throw Invalid("template '" + std::string(template_name) + "' must be soap, dap or birp",
                  "soap: Subjective, Objective, Assessment, Plan; dap: Data, Assessment, Plan; "
                  "birp: Behavior, Intervention, Response, Plan");
  }
  return name;
}

namespace {

ParsedNote parse_in(std::string_view body, const std::string& tmpl) {
  const auto& names = template_sections(tmpl);
  const auto lines = split_lines(body);

  std::vector<std::string_view> preamble;
  int preamble_line = 0;
  std::vector<std::vector<int>> heading_lines(names.size());
  std::vector<std::vector<std::string>> texts(names.size()); // one text per occurrence
  std::optional<std::size_t> current;
  std::vector<std::string_view> pending;
  std::string pending_inline;
  auto flush = [&] {
    if (current) {
      std::vector<std::string_view> all;
      if (!pending_inline.empty()) {
        all.push_back(pending_inline);
      }
      all.insert(all.end(), pending.begin(), pending.end());
      texts[*current].push_back(joined(all));
    }
    pending.clear();
  };
  for (std::size_t n = 0; n < lines.size(); ++n) {
    if (const auto h = heading_of(lines[n], names)) {
      flush();
      current = h->section;
      pending_inline = h->inline_text;
      heading_lines[h->section].push_back(static_cast<int>(n + 1));
    } else if (current) {
      pending.push_back(lines[n]);
    } else {
      preamble.push_back(lines[n]);
      if (preamble_line == 0 && !is_blank(lines[n])) {
        preamble_line = static_cast<int>(n + 1);
      }
    }
  }
  flush();

  ParsedNote out;
  out.preamble = joined(preamble);
  const bool any_heading =
      std::any_of(heading_lines.begin(), heading_lines.end(), [](const auto& l) { return !l.empty(); });
  if (!any_heading) {
    std::string headings;
    for (const auto& n : names) {
      headings += (headings.empty() ? "" : ", ") + n + ":";
    }
    out.problems.push_back("no heading of the " + tmpl + " template (" + headings + ") was found");
  } else if (preamble_line > 0) {
    out.problems.push_back("text before the first heading (line " + std::to_string(preamble_line) + ")");
  }
  for (std::size_t s = 0; s < names.size(); ++s) {
    NoteSection section{names[s], "", heading_lines[s].empty() ? 0 : heading_lines[s].front()};
    for (const auto& t : texts[s]) {
      if (!t.empty()) {
        section.text += (section.text.empty() ? "" : "\n\n") + t;
      }
    }
    if (any_heading && heading_lines[s].empty()) {
      out.problems.push_back("section " + names[s] + " is missing (add a line '" + names[s] + ":')");
    } else if (heading_lines[s].size() > 1) {
      out.problems.push_back("section " + names[s] + " is given more than once (lines " + line_list(heading_lines[s]) +
                             ")");
    } else if (any_heading && section.text.empty()) {
      out.problems.push_back("section " + names[s] + " is empty (line " + std::to_string(section.line) + ")");
    }
    out.sections.push_back(std::move(section));
  }
  return out;
}

} // namespace

ParsedNote parse_note(std::string_view body, std::string_view template_name) {
  const std::string tmpl = normalize_template(template_name);
  ParsedNote out = parse_in(body, tmpl);
  if (out.signable()) {
    return out;
  }
  // A complete note under another template's headings was most likely written for that one.
  for (const char* other : k_note_templates) {
    if (other != tmpl && parse_in(body, other).signable()) {
      out.problems.push_back(std::string("the headings are those of a ") + other + " note (--template " + other + ")");
    }
  }
  return out;
}

std::string note_skeleton(std::string_view template_name) {
  std::string out;
  for (const auto& name : template_sections(template_name)) {
    out += (out.empty() ? "" : "\n") + name + ":\n";
  }
  return out;
}

std::string clean_note_text(std::string_view text) {
  std::string unix_text;
  unix_text.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      unix_text += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      }
    } else {
      unix_text += text[i];
    }
  }
  std::vector<std::string> kept;
  for (const auto line : split_lines(unix_text)) {
    std::size_t end = line.size();
    while (end > 0 &&
           (line[end - 1] == ' ' || line[end - 1] == '\t' || line[end - 1] == '\f' || line[end - 1] == '\v')) {
      --end;
    }
    kept.emplace_back(line.substr(0, end));
  }
  std::size_t b = 0;
  std::size_t e = kept.size();
  while (b < e && kept[b].empty()) {
    ++b;
  }
  while (e > b && kept[e - 1].empty()) {
    --e;
  }
  std::string out;
  for (std::size_t k = b; k < e; ++k) {
    out += kept[k] + (k + 1 < e ? "\n" : "");
  }
  return out;
}

std::string strip_comment_lines(std::string_view text) {
  std::string kept;
  for (const auto line : split_lines(text)) {
    if (!line.starts_with('#')) {
      kept += std::string(line) + "\n";
    }
  }
  return clean_note_text(kept);
}

std::vector<int> comment_like_lines(std::string_view text) {
  std::vector<int> out;
  const auto lines = split_lines(text);
  for (std::size_t n = 0; n < lines.size(); ++n) {
    if (lines[n].starts_with('#')) {
      out.push_back(static_cast<int>(n + 1));
    }
  }
  return out;
}

} // namespace iop
