// Claims as 837P data (lib/claim_x12.cpp): subscriber loops for self and the partner, void
// claims, totals, config keys named when missing; and the atomic file write (lib/atomic_file.cpp).
#include "iop/audit.hpp"
#include "iop/claim_export.hpp"
#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/couples.hpp"
#include "iop/coverage.hpp"
#include "iop/errors.hpp"
#include "iop/payers.hpp"

#include "billing_fixture.hpp"
#include "temp_database.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace {

using namespace iop;
using iop::testing::TempDatabase;

const Actor& k_actor = iop::testing::k_billing_actor;
const Date& k_today = iop::testing::k_billing_today;
using iop::testing::practice_config;

// Ana (spouse of the subscriber Ben, whose plan covers both), Cal insured himself.
struct Practice {
  TempDatabase tmp;
  Database& db = tmp.db();
  std::int64_t ana = 0, ben = 0, cal = 0, payer = 0, dana = 0, ana_coverage = 0, cal_coverage = 0;

  Practice() {
    ana = enroll("Ana", "F", "1986-03-04");
    ben = enroll("Ben", "M", "1984-07-09");
    cal = enroll("Cal", "M", "1990-01-02");
    NewCouple couple;
    couple.client_a = ana;
    couple.client_b = ben;
    couple.since = "2026-11-02";
    pair_couple(db, k_actor, couple, k_today);
    NewPayer p;
    p.name = "Aetna PPO";
    p.payer_id = "60054";
    payer = add_payer(db, k_actor, p).id;
    NewClinician c;
    c.name = "Dana Reyes";
    c.credential = "LMFT";
    c.npi = "1245319599";
    c.roles = {"individual", "couples"};
    c.timezone = "America/Los_Angeles";
    dana = add_clinician(db, k_actor, c).id;
    ana_coverage = cover(ana, "client:" + std::to_string(ben), "spouse");
    cal_coverage = cover(cal, "self", std::nullopt);
  }

  std::int64_t enroll(const std::string& first, const std::string& sex, const std::string& dob) {
    NewClient c;
    c.first_name = first;
    c.last_name = "Reed";
    c.sex = sex;
    c.date_of_birth = dob;
    c.timezone = "America/Los_Angeles";
    c.admission_date = "2026-11-02";
    return enroll_client(db, k_actor, c, k_today).id;
  }

  std::int64_t cover(std::int64_t client, const std::string& subscriber, std::optional<std::string> relationship) {
    NewCoverage c;
    c.client_id = client;
    c.payer_id = payer;
    c.member_id = "XKB" + std::to_string(client) + "0000";
    c.subscriber = subscriber;
    c.relationship = std::move(relationship);
    c.from = "2026-11-01";
    return add_coverage(db, k_actor, c, k_today).id;
  }

  Claim claim(std::int64_t id, std::int64_t client, std::int64_t coverage) const {
    Claim c;
    c.id = id;
    c.client_id = client;
    c.coverage_id = coverage;
    c.payer_id = payer;
    c.clinician_id = dana;
    c.place_of_service = "10";
    c.diagnoses = {"F43.23", "Z63.0"};
    for (int i = 0; i < 2; ++i) {
      ClaimLine l;
      l.line_number = i + 1;
      l.service_date = "2026-11-1" + std::to_string(i + 2);
      l.code = "90847";
      l.modifiers = {"95"};
      l.units = 1;
      l.charge_cents = 15000 + i * 2550;
      l.pointers = {1, 2};
      c.lines.push_back(l);
    }
    c.total_cents = 15000 + 17550;
    return c;
  }

  std::string x12(const std::vector<Claim>& claims, const Config& config = practice_config()) {
    X12Batch batch = x12_batch_of(db, config, claims);
    batch.envelope.interchange_control = batch.envelope.group_control = batch.envelope.transaction_control = 7;
    batch.envelope.batch_reference = "7";
    batch.envelope.created_on = k_today;
    return claims_837p(batch, claims);
  }
};

std::vector<std::string> segments(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string seg;
  while (std::getline(in, seg, '~')) {
    if (!seg.empty() && seg.front() == '\n') {
      seg.erase(0, 1);
    }
    if (!seg.empty()) {
      out.push_back(seg);
    }
  }
  return out;
}

bool has(const std::vector<std::string>& segs, const std::string& seg) {
  return std::find(segs.begin(), segs.end(), seg) != segs.end();
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int entries(const std::filesystem::path& dir) {
  return static_cast<int>(std::distance(std::filesystem::directory_iterator(dir), {}));
}

} // namespace

TEST_SUITE("claim_export") {

  TEST_CASE("a partner's plan: subscriber loop is the partner, a 2000C patient loop with PAT01 01") {
    Practice p;
    const auto segs = segments(p.x12({p.claim(41, p.ana, p.ana_coverage)}));
    CHECK(has(segs, "HL*2*1*22*1"));
    CHECK(has(segs, "NM1*IL*1*REED*BEN****MI*XKB10000"));
    CHECK(has(segs, "DMG*D8*19840709*M"));
    CHECK(has(segs, "HL*3*2*23*0"));
    CHECK(has(segs, "PAT*01"));
    CHECK(has(segs, "NM1*QC*1*REED*ANA"));
    CHECK(has(segs, "DMG*D8*19860304*F"));
    CHECK(has(segs, "NM1*82*1*REYES*DANA****XX*1245319599"));
    CHECK(has(segs, "HI*ABK:F4323*ABF:Z630"));
  }

  TEST_CASE("N3 and N4 of the patient and a client subscriber are theirs, else the practice address with a warning") {
    Practice p;
    iop::ClientChanges home;
    home.address = "7 Rue Saint-Etienne";
    home.city = "Salem";
    home.state = "OR";
    home.zip = "97301-1234";
    update_client(p.db, k_actor, p.ana, home, k_today);
    home.address = "9 Elm Ave";
    update_client(p.db, k_actor, p.ben, home, k_today);
    std::vector<std::string> warnings;
    const std::vector<Claim> claims{p.claim(41, p.ana, p.ana_coverage), p.claim(42, p.cal, p.cal_coverage),
                                    p.claim(43, p.cal, p.cal_coverage)};
    const X12Batch batch = x12_batch_of(p.db, practice_config(), claims, &warnings);
    CHECK(batch.claims[0].patient.address.street == "7 Rue Saint-Etienne");
    CHECK(batch.claims[0].patient.address.zip == "973011234");
    REQUIRE(batch.claims[0].subscriber.address.has_value());
    CHECK(batch.claims[0].subscriber.address->street == "9 Elm Ave");
    CHECK(batch.claims[1].patient.address.street == "12 Main St");
    CHECK(batch.billing_provider.address.street == "12 Main St");
    REQUIRE(warnings.size() == 1); // once per client, not per claim
    CHECK(warnings[0].find("client " + std::to_string(p.cal) + " (Cal Reed) has no address") == 0);
    const auto segs = segments(p.x12({claims[0]}));
    CHECK(has(segs, "N3*7 RUE SAINT-ETIENNE"));
    CHECK(has(segs, "N4*SALEM*OR*973011234"));
    CHECK(has(segs, "N3*9 ELM AVE"));
  }

  TEST_CASE("gathering a batch reports progress up to the number of claims") {
    Practice p;
    const std::vector<Claim> claims{p.claim(41, p.ana, p.ana_coverage), p.claim(42, p.cal, p.cal_coverage),
                                    p.claim(43, p.cal, p.cal_coverage)};
    std::vector<std::pair<std::size_t, std::size_t>> calls;
    const X12Batch batch =
        x12_batch_of(p.db, practice_config(), claims, nullptr,
                     [&calls](std::size_t done, std::size_t total) { calls.emplace_back(done, total); });
    CHECK(batch.claims.size() == 3);
    REQUIRE(calls.size() >= 2);
    CHECK(calls.front() == std::pair<std::size_t, std::size_t>{0, 3});
    CHECK(calls.back() == std::pair<std::size_t, std::size_t>{3, 3});
  }

  TEST_CASE("self-insured: SBR02 18, the patient in 2010BA, no 2000C loop") {
    Practice p;
    const auto segs = segments(p.x12({p.claim(42, p.cal, p.cal_coverage)}));
    CHECK(std::find_if(segs.begin(), segs.end(), [](const std::string& s) { return s.rfind("SBR*P*18*", 0) == 0; }) !=
          segs.end());
    CHECK(has(segs, "NM1*IL*1*REED*CAL****MI*XKB30000"));
    CHECK(has(segs, "DMG*D8*19900102*M"));
    CHECK_FALSE(has(segs, "HL*3*2*23*0"));
    for (const auto& s : segs) {
      CHECK(s.rfind("PAT*", 0) != 0);
    }
  }

  TEST_CASE("claim id, totals equal the lines, control numbers from the caller") {
    Practice p;
    const std::string text = p.x12({p.claim(41, p.ana, p.ana_coverage), p.claim(42, p.cal, p.cal_coverage)});
    const auto segs = segments(text);
    CHECK(has(segs, "CLM*41*325.5***10:B:1*Y*A*Y*Y"));
    CHECK(has(segs, "CLM*42*325.5***10:B:1*Y*A*Y*Y"));
    CHECK(has(segs, "SV1*HC:90847:95*150*UN*1***1:2"));
    CHECK(has(segs, "SV1*HC:90847:95*175.5*UN*1***1:2"));
    CHECK(has(segs, "ST*837*0007*005010X222A1"));
    CHECK(has(segs, "GE*1*7"));
    CHECK(has(segs, "IEA*1*000000007"));
  }

  TEST_CASE("a void (frequency 8) carries REF*F8: the payer's number, else the original claim id") {
    Practice p;
    Claim notice = p.claim(50, p.cal, p.cal_coverage);
    notice.frequency = 8;
    notice.original_claim_id = 42;
    auto segs = segments(p.x12({notice}));
    CHECK(has(segs, "CLM*50*325.5***10:B:8*Y*A*Y*Y"));
    CHECK(has(segs, "REF*F8*42"));
    notice.payer_claim_number = "PX-778";
    segs = segments(p.x12({notice}));
    CHECK(has(segs, "REF*F8*PX-778"));
    CHECK_FALSE(has(segs, "REF*F8*42"));
  }

  TEST_CASE("each missing config key is named") {
    Practice p;
    const std::vector<Claim> claims{p.claim(41, p.ana, p.ana_coverage)};
    for (const char* key : {"x12.submitter_id", "x12.submitter_name", "x12.receiver_id", "x12.receiver_name",
                            "practice.name", "practice.npi", "practice.tax_id", "practice.address", "practice.city",
                            "practice.state", "practice.zip", "practice.phone"}) {
      CAPTURE(key);
      Config config = practice_config();
      config.text.erase(key);
      try {
        (void)p.x12(claims, config);
        FAIL("no ConfigError");
      } catch (const ConfigError& e) {
        CHECK(std::string(e.what()).find(key) != std::string::npos);
      }
    }
  }

  TEST_CASE("a bad config value is a ConfigError naming its key; a bad record names the claim") {
    Practice p;
    const std::vector<Claim> claims{p.claim(41, p.ana, p.ana_coverage)};
    Config config = practice_config();
    config.text["practice.npi"] = "1234567890"; // fails the check digit
    CHECK_THROWS_WITH_AS((void)p.x12(claims, config), doctest::Contains("practice.npi"), ConfigError);
    config = practice_config();
    config.text["x12.usage"] = "Q";
    CHECK_THROWS_WITH_AS((void)p.x12(claims, config), doctest::Contains("x12.usage"), ConfigError);
    Claim bad = p.claim(43, p.cal, p.cal_coverage);
    bad.diagnoses.clear();
    CHECK_THROWS_WITH_AS((void)p.x12({bad}), doctest::Contains("claim 43"), Conflict);
  }

  TEST_CASE("write_file_atomically: mode 0600, whole content, no temporary file left") {
    TempDatabase tmp;
    const auto path = tmp.dir() / "out.837";
    const int before = entries(tmp.dir());
    write_file_atomically(path, "ISA*00~", false)();
    CHECK(slurp(path) == "ISA*00~");
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(entries(tmp.dir()) == before + 1);

    // Deferred: nothing at the path until the rename runs.
    const auto later = tmp.dir() / "later.837";
    auto rename = write_file_atomically(later, "GS~", true);
    CHECK_FALSE(std::filesystem::exists(later));
    rename();
    CHECK(slurp(later) == "GS~");
    CHECK(entries(tmp.dir()) == before + 2);

    // Never run (the commit failed): the temporary file goes away with the rename.
    {
      auto dropped = write_file_atomically(tmp.dir() / "dropped.837", "X~", true);
      CHECK(entries(tmp.dir()) == before + 3);
    }
    CHECK(entries(tmp.dir()) == before + 2);
    CHECK_FALSE(std::filesystem::exists(tmp.dir() / "dropped.837"));
  }

  TEST_CASE("write_file_atomically: refuses to replace without overwrite, fails cleanly on a bad folder") {
    TempDatabase tmp;
    const auto path = tmp.dir() / "out.837";
    write_file_atomically(path, "first", false)();
    const int before = entries(tmp.dir());
    CHECK_THROWS_AS(write_file_atomically(path, "second", false, false), Conflict);
    // Created after the check: the deferred rename still refuses to replace it.
    const auto late = tmp.dir() / "late.837";
    {
      auto rename = write_file_atomically(late, "mine", true, false);
      { std::ofstream(late) << "theirs"; }
      CHECK_THROWS_AS(rename(), Conflict);
    }
    CHECK(slurp(late) == "theirs");
    CHECK(slurp(path) == "first");
    write_file_atomically(path, "second", false, true)();
    CHECK(slurp(path) == "second");
    CHECK_THROWS_WITH_AS(write_file_atomically(tmp.dir() / "missing" / "x.837", "x", false),
                         doctest::Contains("no folder"), NotFound);
    // A device, a folder or a link is never renamed over, even when replacing is allowed.
    CHECK_THROWS_WITH_AS(write_file_atomically("/dev/null", "x", false, true), doctest::Contains("not a regular file"),
                         Invalid);
    std::filesystem::create_symlink(path, tmp.dir() / "link.837");
    CHECK_THROWS_AS(write_file_atomically(tmp.dir() / "link.837", "x", false, true), Invalid);
    CHECK_THROWS_WITH_AS(write_file_atomically(tmp.dir(), "x", false, true), doctest::Contains("is a folder"), Invalid);
    CHECK(std::filesystem::is_symlink(tmp.dir() / "link.837"));
    CHECK(slurp(path) == "second");
    CHECK(entries(tmp.dir()) == before + 2); // the link; no temporary file left behind
  }
}
