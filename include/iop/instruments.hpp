// The questionnaires iop scores (../shared/DOMAIN.md "Questionnaires"): their definitions, how a
// typed answer list is read, scores, severity bands and safety flags. Pure: no database, no clock.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iop {

inline constexpr const char* k_instruments[] = {"scs-sf", "phq-9", "gad-7"};

// Two items whose scored values are averaged (SCS-SF). Items are numbered from 1.
struct SubscaleDef {
  std::string key;   // JSON key: "self_kindness"
  std::string label; // "self-kindness"
  int item_a = 0;
  int item_b = 0;
};

// A severity band: its highest sum of scored items (inclusive), checked in order; the last band
// takes the rest. Bands are on sums, even for a mean-scored total, so floating point cannot tip
// an edge: the SCS-SF mean below 2.5 is a sum of at most 29 of 60, above 3.5 at least 43.
struct BandDef {
  int upper_sum = 0;
  std::string name;
};

// The item whose answer above the minimum is a safety flag, whatever the total (PHQ-9 item 9).
struct SafetyItem {
  int item = 0;
  std::string about; // "thoughts of being better off dead or of self-harm"
};

struct Instrument {
  std::string id;    // "phq-9": what --instrument takes and the database stores
  std::string name;  // "PHQ-9"
  std::string title; // "Patient Health Questionnaire (depression)"
  int items = 0;
  int min_answer = 0;
  int max_answer = 0;
  std::vector<std::string> answer_labels; // answer_labels[a - min_answer]
  std::vector<int> reversed_items;        // scored as (min + max) − answer
  bool mean_scored = false;               // total = mean of the scored items (SCS-SF); else their sum
  double min_total = 0;
  double max_total = 0;
  bool higher_is_better = false;
  std::optional<int> meaningful_change; // points of change usually taken as clinically meaningful
  std::vector<BandDef> bands;
  std::vector<SubscaleDef> subscales;
  std::optional<SafetyItem> safety_item;
};

struct SubscaleScore {
  std::string key;
  std::string label;
  double mean = 0;
};

struct Score {
  double total = 0;
  std::string band;
  std::vector<SubscaleScore> subscales;   // SCS-SF only, in the instrument's order
  std::optional<std::string> flag_reason; // a safety flag (PHQ-9 item 9 above 0)
};

// By id, case-insensitive and trimmed ("PHQ-9" works); iop::Invalid naming the choices otherwise.
const Instrument& find_instrument(std::string_view id);

// "0, 1,2,3": one whole number per item, commas between, spaces around them allowed. Throws
// iop::Invalid naming the item: empty, not a whole number, wrong count, out of range.
std::vector<int> parse_answers(const Instrument& instrument, std::string_view text);

// Scores answers already in range (count and range are checked again: iop::Invalid).
Score score_answers(const Instrument& instrument, const std::vector<int>& answers);
// The severity band of a total.
std::string band_of(const Instrument& instrument, double total);
// The item's scored value: reversed items count (min + max) − answer.
int scored_value(const Instrument& instrument, int item, int answer);
// "not at all", "almost always"... (the answer as text, for messages).
std::string answer_label(const Instrument& instrument, int answer);

// A total as people read it: "12" (sums), "2.42" (means, two decimals).
std::string format_score(const Instrument& instrument, double value);
// A change with its sign: "-5", "+1.17", "0".
std::string format_change(const Instrument& instrument, double value);
// The same value as a number for JSON: whole for sums, two decimals for means.
double round_score(const Instrument& instrument, double value);

} // namespace iop
