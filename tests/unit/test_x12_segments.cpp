// What an X12 element can carry (lib/x12_segments.cpp): delimiters, accents, case, length.
#include "x12_fixture.hpp"

#include <string>
#include <vector>

using namespace x12_fixture;

TEST_SUITE("x12_segments") {

  TEST_CASE("837P: the delimiters are removed from every kind of value") {
    auto b = sample_batch();
    b.envelope.submitter_name = "Harbor*Light:";
    b.contact.name = "Desk~A^";
    b.billing_provider.name = "Harbor ^Light~ IOP";
    b.billing_provider.address.street = "100 Main* St";
    b.billing_provider.address.city = "Port:land";
    iop::X12Claim& c = b.claims[1];
    c.claim_id = "10*02";
    c.original_claim = "CLM:0099";
    c.prior_authorization = "AU^TH~77";
    c.payer.name = "Acme*PPO";
    c.payer.payer_id = "AC~ME1";
    c.subscriber.member_id = "AB:12^3";
    c.subscriber.group_number = "G*100";
    c.subscriber.last_name = "O'Brien*Smith~";
    c.patient.first_name = "B:en";
    c.patient.address.street = "12 Oak* St~";
    c.rendering->last_name = "Re^yes";
    const std::string text = write(b);
    // Every segment still has its own element count: nothing leaked in as a delimiter.
    CHECK(find(text, "NM1", "41")[0] ==
          std::vector<std::string>{"NM1", "41", "2", "HARBORLIGHT", "", "", "", "", "46", "HARBORLIGHT"});
    CHECK(find(text, "PER")[0] == std::vector<std::string>{"PER", "IC", "DESKA", "TE", "5035550100"});
    CHECK(find(text, "NM1", "85")[0][3] == "HARBOR LIGHT IOP");
    CHECK(find(text, "N3")[0] == std::vector<std::string>{"N3", "100 MAIN ST"});
    CHECK(find(text, "N4")[0] == std::vector<std::string>{"N4", "PORTLAND", "OR", "972010000"});
    CHECK(find(text, "CLM")[1][1] == "1002");
    CHECK(find(text, "REF", "F8")[0] == std::vector<std::string>{"REF", "F8", "CLM0099"});
    CHECK(find(text, "REF", "G1")[0] == std::vector<std::string>{"REF", "G1", "AUTH77"});
    CHECK(find(text, "NM1", "PR")[1] ==
          std::vector<std::string>{"NM1", "PR", "2", "ACMEPPO", "", "", "", "", "PI", "ACME1"});
    CHECK(find(text, "NM1", "IL")[1] ==
          std::vector<std::string>{"NM1", "IL", "1", "OBRIENSMITH", "ANA", "", "", "", "MI", "AB123"});
    CHECK(find(text, "SBR")[1] == std::vector<std::string>{"SBR", "P", "", "G100", "", "", "", "", "", "12"});
    CHECK(find(text, "NM1", "QC")[0] == std::vector<std::string>{"NM1", "QC", "1", "REED", "BEN"});
    CHECK(find(text, "N3")[2] == std::vector<std::string>{"N3", "12 OAK ST"});
    CHECK(find(text, "NM1", "82")[1][3] == "REYES");
    // Only the composites hold a ':' and only the ISA a '^'.
    for (const auto& seg : parsed(text)) {
      if (seg[0] != "ISA" && seg[0] != "CLM" && seg[0] != "HI" && seg[0] != "SV1") {
        for (const auto& e : seg) {
          CHECK(e.find(':') == std::string::npos);
        }
      }
    }
    CHECK(text.find('^') == text.rfind('^'));
  }

  TEST_CASE("837P: x12_text folds accents, drops apostrophes and control characters, upper-cases and cuts") {
    CHECK(iop::x12_text("Zoë O'Brien-Núñez", 60) == "ZOE OBRIEN-NUNEZ");
    CHECK(iop::x12_text("Dvořák Straße", 60) == "DVORAK STRASSE");
    CHECK(iop::x12_text("O\xE2\x80\x99Neil", 60) == "ONEIL"); // typographic apostrophe
    CHECK(iop::x12_text("  Ana\t\nMarie  \x1b ", 60) == "ANA MARIE");
    CHECK(iop::x12_text("Ana 東京", 60) == "ANA");
    CHECK(iop::x12_text("a*b:c^d~e", 60) == "ABCDE");
    CHECK(iop::x12_text("Robert'); DROP TABLE clients;--", 60) == "ROBERT); DROP TABLE CLIENTS;--");
    CHECK(iop::x12_text(std::string(70, 'x'), 60) == std::string(60, 'X'));
    CHECK(iop::x12_text("abc def", 4) == "ABC"); // no trailing space after the cut
  }
}
