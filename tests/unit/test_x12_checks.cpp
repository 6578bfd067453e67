// The checks before an 837P is written (lib/x12_checks.cpp): each refusal names its field.
#include "x12_fixture.hpp"

#include <string>

using namespace x12_fixture;

TEST_SUITE("x12_checks") {

  TEST_CASE("837P: names and addresses are cut to the element's maximum length") {
    auto b = sample_batch();
    iop::X12Patient& p = b.claims[0].patient;
    p.last_name = std::string(70, 'L');
    p.first_name = std::string(40, 'F');
    p.address.street = std::string(60, 'S');
    p.address.city = std::string(40, 'C');
    b.billing_provider.name = std::string(61, 'N');
    const std::string text = write(b);
    const auto il = find(text, "NM1", "IL")[0];
    CHECK(il[3] == std::string(60, 'L'));
    CHECK(il[4] == std::string(35, 'F'));
    CHECK(find(text, "N3")[1][1] == std::string(55, 'S'));
    CHECK(find(text, "N4")[1][1] == std::string(30, 'C'));
    CHECK(find(text, "NM1", "85")[0][3] == std::string(60, 'N'));
  }

  TEST_CASE("837P: validation: the envelope and the submitter") {
    auto b = sample_batch();
    b.claims.clear();
    refuses(b, "claims", "at least one claim");
    b = sample_batch();
    b.envelope.submitter_id = "";
    refuses(b, "envelope.submitter_id", "submitter id is missing");
    b = sample_batch();
    b.envelope.submitter_id = "ABCDEFGHIJKLMNOP";
    refuses(b, "envelope.submitter_id", "longer than 15");
    b = sample_batch();
    b.envelope.receiver_id = "X";
    refuses(b, "envelope.receiver_id", "shorter than 2");
    b = sample_batch();
    b.envelope.usage = "X";
    refuses(b, "envelope.usage", "T (test) or P (production)");
    b = sample_batch();
    b.envelope.interchange_control = 0;
    refuses(b, "envelope.interchange_control", "between 1 and 999999999");
    b = sample_batch();
    b.envelope.transaction_control = 1000000000;
    refuses(b, "envelope.transaction_control", "between 1 and 999999999");
    b = sample_batch();
    b.envelope.created_on = iop::Date{};
    refuses(b, "envelope.created_on", "creation date is missing");
    b = sample_batch();
    b.envelope.created_minutes = 24 * 60;
    refuses(b, "envelope.created_minutes", "not a time of day");
    b = sample_batch();
    b.envelope.batch_reference = " ";
    refuses(b, "envelope.batch_reference", "is missing");
    b = sample_batch();
    b.contact.phone = "555-0100";
    refuses(b, "contact.phone", "10-digit phone number");
    b.contact.phone = "+1 (503) 555-0100";
    CHECK(find(write(b), "PER")[0][4] == "5035550100");
  }

  TEST_CASE("837P: validation: the billing provider") {
    auto b = sample_batch();
    b.billing_provider.npi = "";
    refuses(b, "billing_provider.npi", "billing provider NPI is missing");
    b.billing_provider.npi = "123456789";
    refuses(b, "billing_provider.npi", "10 digits");
    b.billing_provider.npi = "1234567890";
    refuses(b, "billing_provider.npi", "check-digit");
    b = sample_batch();
    b.billing_provider.tax_id = "93123456";
    refuses(b, "billing_provider.tax_id", "9-digit EIN");
    b = sample_batch();
    b.billing_provider.address.zip = "97201";
    refuses(b, "billing_provider.address.zip", "9-digit ZIP+4");
    b = sample_batch();
    b.billing_provider.address.state = "Ore";
    refuses(b, "billing_provider.address.state", "2-letter state");
    b.billing_provider.address.state = "O1";
    refuses(b, "billing_provider.address.state", "2-letter state");
    b.billing_provider.address.state = "or";
    CHECK(find(write(b), "N4")[0][2] == "OR");
    b = sample_batch();
    b.billing_provider.address.street = "P.O. Box 12";
    refuses(b, "billing_provider.address.street", "PO box");
    b = sample_batch();
    b.billing_provider.address.city = "";
    refuses(b, "billing_provider.address.city", "billing provider address: city is missing");
    b = sample_batch();
    b.billing_provider.taxonomy = "261Q";
    refuses(b, "billing_provider.taxonomy", "10-character taxonomy");
    b.billing_provider.taxonomy = "";
    CHECK(find(write(b), "PRV").empty());
    b.billing_provider.name = "東京";
    refuses(b, "billing_provider.name", "characters an X12 file can carry");
  }

  TEST_CASE("837P: a repeated CLM01 is refused whether it is a small number, a large one or text") {
    // Small numbers are tracked as bits, the rest as text (lib/x12.cpp, SeenClaimIds).
    for (const std::string id : {"7", "0", "67108863", "67108864", "99999999999", "A-17", "0007"}) {
      auto b = sample_batch();
      b.claims[0].claim_id = id;
      b.claims[1].claim_id = id;
      refuses(b, "claims[1].claim_id", "claim " + id + " appears twice in the batch");
    }
    // Texts that read as the same number are different claims.
    auto b = sample_batch();
    b.claims[0].claim_id = "0123";
    b.claims[1].claim_id = "123";
    CHECK_NOTHROW(write(b));
    b.claims[0].claim_id = "5000000";
    b.claims[1].claim_id = "4";
    CHECK_NOTHROW(write(b));
  }

  TEST_CASE("837P: validation: the claim, its people and its payer") {
    auto b = sample_batch();
    b.claims[1].claim_id = std::string(21, '9');
    refuses(b, "claims[1].claim_id", "longer than 20");
    b = sample_batch();
    b.claims[1].claim_id = "10*01";
    refuses(b, "claims[1].claim_id", "claim 1001 appears twice in the batch");
    b = sample_batch();
    b.claims[0].place_of_service = "1";
    refuses(b, "claims[0].place_of_service", "2 digits");
    b = sample_batch();
    b.claims[0].payer.filing_code = "99";
    refuses(b, "claims[0].payer.filing_code", "not an SBR09 code");
    b.claims[0].payer.filing_code = "bl";
    CHECK(find(write(b), "SBR")[0][9] == "BL");
    b = sample_batch();
    b.claims[0].priority = "secondary";
    refuses(b, "claims[0].priority", "'secondary' is not primary");
    b = sample_batch();
    b.claims[0].subscriber.member_id = "";
    refuses(b, "claims[0].subscriber.member_id", "claim 1001: subscriber member id is missing");
    b = sample_batch();
    b.claims[1].subscriber.first_name = "";
    refuses(b, "claims[1].subscriber.first_name", "claim 1002: subscriber first name is missing");
    b = sample_batch();
    b.claims[0].patient.date_of_birth = iop::Date{};
    refuses(b, "claims[0].patient.date_of_birth", "claim 1001: patient date of birth is missing");
    b = sample_batch();
    b.claims[0].patient.sex = "Q";
    refuses(b, "claims[0].patient.sex", "F, M, X or U");
    b = sample_batch();
    b.claims[0].patient.address.zip = "9720";
    refuses(b, "claims[0].patient.address.zip", "5 or 9 digits");
    b.claims[0].patient.address.zip = "97202-1234";
    CHECK(find(write(b), "N4")[1][3] == "972021234");
    b = sample_batch();
    b.claims[0].rendering->npi = "1234567894";
    refuses(b, "claims[0].rendering.npi", "check-digit");
    b = sample_batch();
    b.claims[0].diagnoses = {};
    refuses(b, "claims[0].diagnoses", "at least one");
    b.claims[0].diagnoses = {"F10.20", "F1"};
    refuses(b, "claims[0].diagnoses[1]", "claim 1001: diagnosis 2: 'F1' is not an ICD-10-CM code");
    b.claims[0].diagnoses = {"F10.20", "f1020"};
    refuses(b, "claims[0].diagnoses[1]", "listed twice");
  }

  TEST_CASE("837P: validation: service lines") {
    auto b = sample_batch();
    b.claims[0].lines.clear();
    refuses(b, "claims[0].lines", "at least one");
    b = sample_batch();
    b.claims[0].lines.assign(50, b.claims[0].lines[0]);
    CHECK(find(write(b), "LX").size() == 51);
    b.claims[0].lines.push_back(b.claims[0].lines[0]);
    refuses(b, "claims[0].lines", "at most 50");
    b = sample_batch();
    iop::X12Line& l = b.claims[0].lines[1];
    l.pointers = {3};
    refuses(b, "claims[0].lines[1].pointers", "claim 1001: line 2: diagnosis pointers include 3, out of range");
    l.pointers = {0};
    refuses(b, "claims[0].lines[1].pointers", "out of range");
    l.pointers = {};
    refuses(b, "claims[0].lines[1].pointers", "1 to 4");
    l.pointers = {1, 2, 1};
    refuses(b, "claims[0].lines[1].pointers", "include 1 twice");
    l.pointers = {1};
    l.code = "9085";
    refuses(b, "claims[0].lines[1].code", "5-character CPT or HCPCS");
    l.code = "90853";
    l.modifiers = {"9"};
    refuses(b, "claims[0].lines[1].modifiers", "2 letters or digits");
    l.modifiers = {};
    l.charge_cents = -1;
    refuses(b, "claims[0].lines[1].charge_cents", "out of range");
    l.charge_cents = 0;
    CHECK(find(write(b), "SV1")[1][2] == "0");
    l.units = 0;
    refuses(b, "claims[0].lines[1].units", "between 1 and 9999");
    l.units = 1;
    l.service_date = iop::Date{year{2026}, month{2}, day{30}};
    refuses(b, "claims[0].lines[1].service_date", "not a real date");
  }
}
