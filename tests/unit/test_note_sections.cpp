// Parsing a note into its template's sections, what blocks signing, and the clean-up of text as
// it comes in (lib/note_sections.cpp).
#include "iop/errors.hpp"
#include "iop/note_sections.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

std::vector<std::string> names_of(const iop::ParsedNote& p) {
  std::vector<std::string> out;
  for (const auto& s : p.sections) {
    out.push_back(s.name);
  }
  return out;
}

std::string text_of(const iop::ParsedNote& p, const std::string& name) {
  for (const auto& s : p.sections) {
    if (s.name == name) {
      return s.text;
    }
  }
  FAIL("no section " << name);
  return "";
}

using Strings = std::vector<std::string>;

} // namespace

TEST_SUITE("note_sections") {

  TEST_CASE("note_sections: each template has its sections in order") {
    CHECK(iop::template_sections("soap") == Strings{"Subjective", "Objective", "Assessment", "Plan"});
    CHECK(iop::template_sections("dap") == Strings{"Data", "Assessment", "Plan"});
    CHECK(iop::template_sections("birp") == Strings{"Behavior", "Intervention", "Response", "Plan"});
    CHECK(iop::normalize_template(" SOAP ") == "soap");
    CHECK(iop::normalize_template("Birp") == "birp");
    for (const char* bad : {"", "sopa", "soap note", "girp", "s"}) {
      CAPTURE(bad);
      CHECK_THROWS_WITH_AS(iop::normalize_template(bad), doctest::Contains("must be soap, dap or birp"), iop::Invalid);
    }
  }

  TEST_CASE("note_sections: a complete SOAP note with full headings parses and is signable") {
    const auto p = iop::parse_note("Subjective:\nSleeping better.\nNo cravings.\n\nObjective:\nCalm, on time.\n\n"
                                   "Assessment:\nImproving.\n\nPlan:\nContinue weekly.\n",
                                   "soap");
    CHECK(p.signable());
    CHECK(p.problems.empty());
    CHECK(names_of(p) == Strings{"Subjective", "Objective", "Assessment", "Plan"});
    CHECK(text_of(p, "Subjective") == "Sleeping better.\nNo cravings.");
    CHECK(text_of(p, "Objective") == "Calm, on time.");
    CHECK(text_of(p, "Plan") == "Continue weekly.");
    CHECK(p.sections[0].line == 1);
    CHECK(p.sections[1].line == 5);
    CHECK(p.preamble.empty());
  }

  TEST_CASE("note_sections: one-letter headings, inline text, any case, leading spaces") {
    const auto p = iop::parse_note("s: feels hopeful\n  O :  alert\nA:\n  steady\nPLAN: next week", "soap");
    CHECK(p.signable());
    CHECK(text_of(p, "Subjective") == "feels hopeful");
    CHECK(text_of(p, "Objective") == "alert");
    CHECK(text_of(p, "Assessment") == "  steady");
    CHECK(text_of(p, "Plan") == "next week");
    // Inline text and the lines below both belong to the section.
    const auto q = iop::parse_note("D: first\nsecond\nA: x\nP: y", "dap");
    CHECK(text_of(q, "Data") == "first\nsecond");
  }

  TEST_CASE("note_sections: DAP and BIRP notes") {
    const auto dap = iop::parse_note("Data: reports 30 days sober\nAssessment: stable\nPlan: continue", "dap");
    CHECK(dap.signable());
    CHECK(names_of(dap) == Strings{"Data", "Assessment", "Plan"});
    const auto birp =
        iop::parse_note("B: engaged\nI: CBT thought record\nR: identified triggers\nP: practice daily", "birp");
    CHECK(birp.signable());
    CHECK(text_of(birp, "Intervention") == "CBT thought record");
    CHECK(text_of(birp, "Response") == "identified triggers");
    // S: is not a BIRP heading: it stays text of the section above.
    const auto mixed = iop::parse_note("B: engaged\nS: not a heading here\nI: x\nR: y\nP: z", "birp");
    CHECK(mixed.signable());
    CHECK(text_of(mixed, "Behavior") == "engaged\nS: not a heading here");
  }

  TEST_CASE("note_sections: a word followed by more words before the colon is text, not a heading") {
    const auto p = iop::parse_note("S: x\nAssessment of risk: low\nO: y\nA: z\nP: w", "soap");
    CHECK(p.signable());
    CHECK(text_of(p, "Subjective") == "x\nAssessment of risk: low");
  }

  TEST_CASE("note_sections: an empty section blocks signing, named with its line") {
    const auto p = iop::parse_note("S: a\nO:\n\nA: c\nP: d", "soap");
    CHECK_FALSE(p.signable());
    CHECK(p.problems == Strings{"section Objective is empty (line 2)"});
    CHECK(text_of(p, "Objective").empty());
  }

  TEST_CASE("note_sections: a missing section blocks signing") {
    const auto p = iop::parse_note("S: a\nO: b\nP: d", "soap");
    CHECK(p.problems == Strings{"section Assessment is missing (add a line 'Assessment:')"});
    CHECK(p.sections[2].line == 0);
  }

  TEST_CASE("note_sections: text before the first heading blocks signing but is kept") {
    const auto p = iop::parse_note("\nIntro line\nS: a\nO: b\nA: c\nP: d", "soap");
    CHECK(p.problems == Strings{"text before the first heading (line 2)"});
    CHECK(p.preamble == "Intro line");
  }

  TEST_CASE("note_sections: a section given twice blocks signing and keeps both texts") {
    const auto p = iop::parse_note("S: a\nO: b\nA: c\nP: d\nS: more", "soap");
    CHECK(p.problems == Strings{"section Subjective is given more than once (lines 1 and 5)"});
    CHECK(text_of(p, "Subjective") == "a\n\nmore");
  }

  TEST_CASE("note_sections: problems never quote the note's text") {
    const auto p = iop::parse_note("secret preamble\nS: secret one\nS: secret two\nO:\n", "soap");
    REQUIRE_FALSE(p.problems.empty());
    for (const auto& problem : p.problems) {
      CHECK(problem.find("secret") == std::string::npos);
    }
  }

  TEST_CASE("note_sections: text with no heading of the template names the template that fits") {
    const auto p = iop::parse_note("Data: x\nAssessment: y\nPlan: z", "soap");
    CHECK(p.problems == Strings{"text before the first heading (line 1)",
                                "section Subjective is missing (add a line "
                                "'Subjective:')",
                                "section Objective is missing (add a line 'Objective:')",
                                "the headings are those of a dap note (--template dap)"});
    const auto birp = iop::parse_note("Behavior: x\nIntervention: y\nResponse: z\nPlan: w", "dap");
    CHECK(birp.problems.back() == "the headings are those of a birp note (--template birp)");
    const auto plain = iop::parse_note("just words", "soap");
    CHECK(plain.problems == Strings{"no heading of the soap template (Subjective:, Objective:, Assessment:, Plan:) "
                                    "was found"});
    CHECK(plain.preamble == "just words");
  }

  TEST_CASE("note_sections: CRLF text parses like LF text") {
    const auto p = iop::parse_note("S: a\r\nO: b\r\n\r\nA: c\r\nP: d\r\n", "soap");
    CHECK(p.signable());
    CHECK(text_of(p, "Subjective") == "a");
    CHECK(text_of(p, "Plan") == "d");
  }

  TEST_CASE("note_sections: the skeleton is the template's headings") {
    CHECK(iop::note_skeleton("dap") == "Data:\n\nAssessment:\n\nPlan:\n");
    const auto p = iop::parse_note(iop::note_skeleton("birp"), "birp");
    CHECK(p.problems.size() == 4); // every section empty
  }

  TEST_CASE("note_sections: clean_note_text normalises line ends, trailing blanks and outer blank lines only") {
    CHECK(iop::clean_note_text("\r\n\n  S: a  \r\n\tindented\t\r\n\r\nP: b\n\n\n") == "  S: a\n\tindented\n\nP: b");
    CHECK(iop::clean_note_text("old\rmac") == "old\nmac");
    CHECK(iop::clean_note_text("Zoë O'Brien-Núñez; Robert'); DROP TABLE clients;--") ==
          "Zoë O'Brien-Núñez; Robert'); DROP TABLE clients;--");
    CHECK(iop::clean_note_text("# not a comment here") == "# not a comment here");
    CHECK(iop::clean_note_text(" \n\t\n").empty());
  }

  TEST_CASE("note_sections: strip_comment_lines drops '#' lines (editor input only)") {
    CHECK(iop::strip_comment_lines("# header\n#\nS: a\n # indented is text\n#x\nP: b\n") ==
          "S: a\n # indented is text\nP: b");
    CHECK(iop::strip_comment_lines("# only comments\n#\n").empty());
    CHECK(iop::comment_like_lines("S: a\n#1 goal\nP: b\n#2") == std::vector<int>{2, 4});
  }
}
