#include "iop/instruments.hpp"

#include "iop/errors.hpp"
#include "iop/text.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace iop {

namespace {

const std::vector<std::string> k_frequency{"not at all", "several days", "more than half the days", "nearly every day"};

std::vector<Instrument> make_instruments() {
  Instrument scs;
  scs.id = "scs-sf";
  scs.name = "SCS-SF";
  scs.title = "Self-Compassion Scale, short form";
  scs.items = 12;
  scs.min_answer = 1;
  scs.max_answer = 5;
  scs.answer_labels = {"almost never", "rarely", "sometimes", "often", "almost always"};
  scs.reversed_items = {1, 4, 8, 9, 11, 12};
  scs.mean_scored = true;
  scs.min_total = 1;
  scs.max_total = 5;
  scs.higher_is_better = true;
  scs.bands = {{29, "low"}, {42, "moderate"}, {60, "high"}};
  scs.subscales = {
      {"self_kindness", "self-kindness", 2, 6},      {"self_judgment", "self-judgment (reversed)", 11, 12},
      {"common_humanity", "common humanity", 5, 10}, {"isolation", "isolation (reversed)", 4, 8},
      {"mindfulness", "mindfulness", 3, 7},          {"over_identification", "over-identification (reversed)", 1, 9}};

  Instrument phq;
  phq.id = "phq-9";
  phq.name = "PHQ-9";
  phq.title = "Patient Health Questionnaire (depression)";
  phq.items = 9;
  phq.min_answer = 0;
  phq.max_answer = 3;
  phq.answer_labels = k_frequency;
  phq.min_total = 0;
  phq.max_total = 27;
  phq.meaningful_change = 5;
  phq.bands = {{4, "minimal"}, {9, "mild"}, {14, "moderate"}, {19, "moderately severe"}, {27, "severe"}};
  phq.safety_item = SafetyItem{9, "thoughts of being better off dead or of self-harm"};

  Instrument gad;
  gad.id = "gad-7";
  gad.name = "GAD-7";
  gad.title = "Generalized Anxiety Disorder scale";
  gad.items = 7;
  gad.min_answer = 0;
  gad.max_answer = 3;
  gad.answer_labels = k_frequency;
  gad.min_total = 0;
  gad.max_total = 21;
  gad.meaningful_change = 5;
  gad.bands = {{4, "minimal"}, {9, "mild"}, {14, "moderate"}, {21, "severe"}};
  return {scs, phq, gad};
}

const std::vector<Instrument>& instruments() {
  static const std::vector<Instrument> k_all = make_instruments();
  return k_all;
}

std::string range_text(const Instrument& in) {
  return std::to_string(in.min_answer) + "–" + std::to_string(in.max_answer);
}

std::string answers_hint(const Instrument& in) {
  return "give " + std::to_string(in.items) + " whole numbers " + range_text(in) + " (" +
         std::to_string(in.min_answer) + " " + in.answer_labels.front() + " … " + std::to_string(in.max_answer) + " " +
         in.answer_labels.back() + "), item 1 first, separated by commas";
}

void check_count(const Instrument& in, std::size_t count) {
  if (count != static_cast<std::size_t>(in.items)) {
    throw Invalid(in.id + " has " + std::to_string(in.items) + " items; got " + std::to_string(count) +
                      (count == 1 ? " answer" : " answers"),
                  answers_hint(in));
  }
}

void check_range(const Instrument& in, int item, int value, const std::string& shown) {
  if (value < in.min_answer || value > in.max_answer) {
    throw Invalid("item " + std::to_string(item) + ": " + shown + " is out of range " + range_text(in),
                  answers_hint(in));
  }
}

// A whole number written as digits, optionally negative. Values too large for an answer are
// clamped (they are out of range either way) so no input can overflow.
std::optional<int> whole_number(const std::string& text) {
  std::size_t i = text.size() > 1 && text[0] == '-' ? 1 : 0;
  if (i == text.size()) {
    return std::nullopt;
  }
  long value = 0;
  for (; i < text.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
      return std::nullopt;
    }
    value = std::min(value * 10 + (text[i] - '0'), 1'000'000L);
  }
  return static_cast<int>(text[0] == '-' ? -value : value);
}

std::string two_decimals(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

} // namespace

const Instrument& find_instrument(std::string_view id) {
  std::string key = trim(id);
  std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const auto& in : instruments()) {
    if (in.id == key) {
      return in;
    }
  }
  throw Invalid("unknown instrument '" + std::string(id) + "'", "use scs-sf, phq-9 or gad-7");
}

std::vector<int> parse_answers(const Instrument& in, std::string_view text) {
  if (trim(text).empty()) {
    throw Invalid("no answers given; " + in.id + " has " + std::to_string(in.items) + " items", answers_hint(in));
  }
  std::vector<std::string> pieces;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    pieces.push_back(
        trim(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
    if (comma == std::string_view::npos) {
      break;
    }
    start = comma + 1;
  }
  // Form first (it names the item where a typo sits), then count, then range.
  std::vector<int> values;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const std::string item = "item " + std::to_string(i + 1);
    if (pieces[i].empty()) {
      throw Invalid(item + " is empty", answers_hint(in));
    }
    const auto value = whole_number(pieces[i]);
    if (!value) {
      throw Invalid(item + ": '" + pieces[i] + "' is not a whole number", answers_hint(in));
    }
    values.push_back(*value);
  }
  check_count(in, values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    check_range(in, static_cast<int>(i + 1), values[i], pieces[i]);
  }
  return values;
}

int scored_value(const Instrument& in, int item, int answer) {
  const bool reversed = std::find(in.reversed_items.begin(), in.reversed_items.end(), item) != in.reversed_items.end();
  return reversed ? in.min_answer + in.max_answer - answer : answer;
}

std::string answer_label(const Instrument& in, int answer) {
  if (answer < in.min_answer || answer > in.max_answer) {
    return "";
  }
  return in.answer_labels[static_cast<std::size_t>(answer - in.min_answer)];
}

Score score_answers(const Instrument& in, const std::vector<int>& answers) {
  check_count(in, answers.size());
  int sum = 0;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const int item = static_cast<int>(i + 1);
    check_range(in, item, answers[i], std::to_string(answers[i]));
    sum += scored_value(in, item, answers[i]);
  }
  Score s;
  s.total = in.mean_scored ? static_cast<double>(sum) / in.items : sum;
  s.band = band_of(in, s.total);
  for (const auto& sub : in.subscales) {
    const int a = scored_value(in, sub.item_a, answers[static_cast<std::size_t>(sub.item_a - 1)]);
    const int b = scored_value(in, sub.item_b, answers[static_cast<std::size_t>(sub.item_b - 1)]);
    s.subscales.push_back({sub.key, sub.label, (a + b) / 2.0});
  }
  if (in.safety_item) {
    const int answer = answers[static_cast<std::size_t>(in.safety_item->item - 1)];
    if (answer > in.min_answer) {
      s.flag_reason = in.name + " item " + std::to_string(in.safety_item->item) + " (" + in.safety_item->about +
                      ") answered " + std::to_string(answer) + " (" + answer_label(in, answer) + ")";
    }
  }
  return s;
}

std::string band_of(const Instrument& in, double total) {
  const long sum = std::lround(in.mean_scored ? total * in.items : total);
  for (const auto& band : in.bands) {
    if (sum <= band.upper_sum) {
      return band.name;
    }
  }
  return in.bands.back().name;
}

std::string format_score(const Instrument& in, double value) {
  return in.mean_scored ? two_decimals(value) : std::to_string(std::lround(value));
}

std::string format_change(const Instrument& in, double value) {
  const double rounded = round_score(in, value);
  if (rounded == 0) {
    return format_score(in, 0);
  }
  return (rounded > 0 ? "+" : "") + format_score(in, rounded);
}

double round_score(const Instrument& in, double value) {
  const double rounded = in.mean_scored ? std::round(value * 100) / 100 : std::round(value);
  return rounded == 0 ? 0.0 : rounded; // never -0
}

} // namespace iop
