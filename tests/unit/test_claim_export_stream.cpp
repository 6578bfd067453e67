// The streaming parts of a claim export (lib/claim_export.cpp, lib/atomic_file.cpp,
// lib/claim_store.cpp): a batch of hundreds of claims is written claim by claim to its file,
// stored in the database in pieces through BLOB I/O and read back in pieces, byte for byte.
#include "iop/atomic_file.hpp"
#include "iop/audit.hpp"
#include "iop/claim_export.hpp"
#include "iop/clients.hpp"
#include "iop/clinicians.hpp"
#include "iop/coverage.hpp"
#include "iop/errors.hpp"
#include "iop/payers.hpp"
#include "iop/sha256.hpp"

#include "../../lib/claim_store.hpp" // internal: draft claims without sessions, the BLOB reader
#include "billing_fixture.hpp"
#include "temp_database.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sqlite3.h>
#include <sys/stat.h>

namespace {

using namespace iop;
using iop::testing::TempDatabase;

const Actor& k_actor = iop::testing::k_billing_actor;
const Date& k_today = iop::testing::k_billing_today;
using iop::testing::practice_config;

// One self-insured client with `count` draft claims of `lines` lines each.
struct Drafts {
  TempDatabase tmp;
  Database& db = tmp.db();
  std::vector<std::int64_t> ids;

  Drafts(int count, int lines) {
    NewClient client;
    client.first_name = "Zoë";
    client.last_name = "O'Brien-Núñez";
    client.sex = "F";
    client.date_of_birth = "1986-03-04";
    client.timezone = "America/Los_Angeles";
    client.admission_date = "2026-01-05";
    const auto client_id = enroll_client(db, k_actor, client, k_today).id;
    NewPayer p;
    p.name = "Aetna PPO";
    p.payer_id = "60054";
    const auto payer = add_payer(db, k_actor, p).id;
    NewClinician c;
    c.name = "Dana Reyes";
    c.credential = "LMFT";
    c.npi = "1245319599";
    c.roles = {"individual"};
    c.timezone = "America/Los_Angeles";
    const auto dana = add_clinician(db, k_actor, c).id;
    NewCoverage cov;
    cov.client_id = client_id;
    cov.payer_id = payer;
    cov.member_id = "XKB10000";
    cov.subscriber = "self";
    cov.from = "2026-01-01";
    const auto coverage = add_coverage(db, k_actor, cov, k_today).id;
    WriteTransaction tx(db);
    for (int i = 0; i < count; ++i) {
      Claim claim;
      claim.client_id = client_id;
      claim.coverage_id = coverage;
      claim.payer_id = payer;
      claim.clinician_id = dana;
      claim.place_of_service = "10";
      claim.diagnoses = {"F43.23"};
      claim.first_service_on = "2026-01-05";
      claim.last_service_on = "2026-11-20";
      claim.created_at = "2026-11-27T16:00:00Z";
      for (int n = 1; n <= lines; ++n) {
        ClaimLine l;
        l.line_number = n;
        l.service_date = "2026-0" + std::to_string(1 + n % 9) + "-1" + std::to_string(n % 10);
        l.code = "90837";
        l.modifiers = {"95"};
        l.place_of_service = "10";
        l.charge_cents = 18000 + n;
        l.pointers = {1};
        claim.lines.push_back(l);
        claim.total_cents += l.charge_cents;
      }
      ids.push_back(store::insert_claim(db, claim).id);
    }
    tx.commit();
  }
};

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int entries(const std::filesystem::path& dir) {
  return static_cast<int>(std::distance(std::filesystem::directory_iterator(dir), {}));
}

ClaimExportRequest to_file(const std::filesystem::path& path) {
  ClaimExportRequest r;
  r.destination = [path](std::int64_t) {
    BatchDestination d;
    d.file = path;
    return d;
  };
  return r;
}

} // namespace

TEST_SUITE("claim_export_stream") {

  TEST_CASE("a multi-piece batch: the file, the stored BLOB and its SHA-256 are the same bytes") {
    Drafts d(300, 20); // about 440 KB: several file buffers and BLOB pieces
    const auto path = d.tmp.dir() / "batch.837";
    std::vector<std::pair<std::size_t, std::size_t>> progress;
    ClaimExportRequest request = to_file(path);
    request.progress = [&progress](std::size_t done, std::size_t total) { progress.emplace_back(done, total); };
    const auto batch = export_claims(d.db, k_actor, practice_config(), request);
    REQUIRE(batch.has_value());
    const std::string file = slurp(path);
    CHECK(file.size() > 400'000);
    CHECK(file.substr(0, 4) == "ISA*");
    CHECK(file.find("IEA*1*000000001~") != std::string::npos);
    CHECK(batch->claim_count == 300);
    CHECK(batch->claim_ids == d.ids);
    CHECK(batch->content_sha256 == sha256_hex(file));
    CHECK(batch->total_cents == 300 * (20 * 18000 + 210));
    CHECK(batch->written_to == path.string());
    CHECK(progress.front() == std::pair<std::size_t, std::size_t>{0, 300});
    CHECK(progress.back() == std::pair<std::size_t, std::size_t>{300, 300});

    std::string stored;
    std::size_t pieces = 0;
    read_batch_content(d.db, 1, [&](std::string_view piece) {
      ++pieces;
      stored += piece;
    });
    CHECK(pieces > 1);
    CHECK(stored == file);
    CHECK(batch_content(d.db, 1) == file);
    CHECK(get_batch(d.db, 1).content_sha256 == sha256_hex(file));
    CHECK(d.db.sql().execAndGet("SELECT length(content) FROM claim_batches WHERE id = 1").getInt64() ==
          static_cast<std::int64_t>(file.size()));
    CHECK(d.db.sql().execAndGet("SELECT count(*) FROM claims WHERE status = 'exported'").getInt() == 300);
    CHECK(d.db.sql().execAndGet("SELECT count(*) FROM audit_log WHERE action = 'export'").getInt() == 1);
    CHECK_THROWS_AS(read_batch_content(d.db, 2, [](std::string_view) {}), NotFound);

    // Nothing new: nothing recorded, no file.
    CHECK_FALSE(export_claims(d.db, k_actor, practice_config(), to_file(d.tmp.dir() / "none.837")).has_value());
    CHECK_FALSE(std::filesystem::exists(d.tmp.dir() / "none.837"));
  }

  TEST_CASE("a stream gets the recorded bytes in pieces before the commit; a failing stream rolls back") {
    Drafts d(200, 20);
    std::string streamed;
    ClaimExportRequest request;
    request.destination = [&streamed](std::int64_t) {
      BatchDestination dest;
      dest.stream = [&streamed](std::string_view piece) { streamed += piece; };
      return dest;
    };
    const auto batch = export_claims(d.db, k_actor, practice_config(), request);
    REQUIRE(batch.has_value());
    CHECK_FALSE(batch->written_to.has_value());
    CHECK(streamed == batch_content(d.db, 1));
    CHECK(batch->content_sha256 == sha256_hex(streamed));

    Drafts e(5, 3);
    request.destination = [](std::int64_t) {
      BatchDestination dest;
      dest.stream = [](std::string_view) { throw Error("cannot write to stdout"); };
      return dest;
    };
    CHECK_THROWS_WITH_AS(export_claims(e.db, k_actor, practice_config(), request), "cannot write to stdout", Error);
    CHECK(e.db.sql().execAndGet("SELECT count(*) FROM claim_batches").getInt() == 0);
    CHECK(e.db.sql().execAndGet("SELECT count(*) FROM claims WHERE status = 'draft'").getInt() == 5);
  }

  TEST_CASE("a claim that cannot be sent, found mid-stream: nothing recorded, no file, no temporary file") {
    Drafts d(150, 20);
    // The last claim carries a diagnosis the 837P cannot: found after 149 claims were written.
    d.db.sql().exec("DROP TRIGGER claims_fixed");
    d.db.sql().exec("UPDATE claims SET diagnoses = 'NOTACODE' WHERE id = " + std::to_string(d.ids.back()));
    const auto path = d.tmp.dir() / "out" / "batch.837";
    std::filesystem::create_directory(d.tmp.dir() / "out");
    const std::string named = "claim " + std::to_string(d.ids.back()) + " cannot be sent";
    CHECK_THROWS_WITH_AS(export_claims(d.db, k_actor, practice_config(), to_file(path)),
                         doctest::Contains(named.c_str()), Conflict);
    CHECK(entries(d.tmp.dir() / "out") == 0);
    CHECK(d.db.sql().execAndGet("SELECT count(*) FROM claim_batches").getInt() == 0);
    CHECK(d.db.sql().execAndGet("SELECT count(*) FROM claims WHERE status = 'draft'").getInt() == 150);
  }

  TEST_CASE("an existing file is refused before any work; with overwrite it is replaced after the commit") {
    Drafts d(3, 2);
    const auto path = d.tmp.dir() / "batch.837";
    { std::ofstream(path) << "theirs"; }
    CHECK_THROWS_AS(export_claims(d.db, k_actor, practice_config(), to_file(path)), Conflict);
    CHECK(slurp(path) == "theirs");
    CHECK(d.db.sql().execAndGet("SELECT count(*) FROM claim_batches").getInt() == 0);
    ClaimExportRequest request;
    request.destination = [path](std::int64_t) {
      BatchDestination dest;
      dest.file = path;
      dest.overwrite = true;
      return dest;
    };
    REQUIRE(export_claims(d.db, k_actor, practice_config(), request).has_value());
    CHECK(slurp(path) == batch_content(d.db, 1));
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
  }

  // Batch 1 as the store records it, without claims: what the BatchContent tests write into.
  store::BatchRow batch_row(const std::string& content_sha256) {
    store::BatchRow row;
    row.id = 1;
    row.created_at = "2026-11-27T17:00:00Z";
    row.submitter_id = "SUB123";
    row.interchange_control = row.group_control = row.transaction_control = 1;
    row.usage = "T";
    row.claim_count = 1;
    row.content_sha256 = content_sha256;
    return row;
  }

  TEST_CASE("BatchContent: a content written in pieces reads back whole, in any piece size") {
    TempDatabase tmp;
    Database& db = tmp.db();
    std::string bytes(1'000'003, '\0');
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      bytes[i] = static_cast<char>((i * 131 + i / 7) & 0xFF);
    }
    WriteTransaction tx(db);
    const store::BatchRow row = batch_row(sha256_hex(bytes));
    store::insert_batch(db, row, static_cast<std::int64_t>(bytes.size()));
    {
      store::BatchContent blob(db, 1, true);
      CHECK(blob.size() == static_cast<std::int64_t>(bytes.size()));
      for (std::size_t at = 0; at < bytes.size(); at += 65'536) {
        blob.write(static_cast<std::int64_t>(at), std::string_view(bytes).substr(at, 65'536));
      }
    }
    tx.commit();
    for (const std::size_t chunk : {std::size_t{1000}, std::size_t{65'536}, std::size_t{4'000'000}}) {
      std::string back;
      store::BatchContent(db, 1, false).read([&back](std::string_view piece) { back += piece; }, chunk);
      CHECK(back == bytes);
    }
    CHECK_THROWS_AS(store::BatchContent(db, 2, false), Error);
  }

  TEST_CASE("BatchContent: a new batch's zeroed content is filled on disk, never held in memory whole") {
    TempDatabase tmp;
    Database& db = tmp.db();
    constexpr std::int64_t k_size = 48LL * 1024 * 1024; // a year's 837P at full scale is larger still
    WriteTransaction tx(db);
    const store::BatchRow row = batch_row(std::string(64, '0'));
    sqlite3_int64 before = 0, highwater = 0;
    REQUIRE(sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &before, &highwater, 1) == SQLITE_OK);
    store::insert_batch(db, row, k_size);
    {
      store::BatchContent blob(db, 1, true);
      const std::string piece(256 * 1024, 'x');
      for (std::int64_t at = 0; at < k_size; at += static_cast<std::int64_t>(piece.size())) {
        blob.write(at, piece);
      }
    }
    tx.commit();
    sqlite3_int64 now = 0;
    REQUIRE(sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &now, &highwater, 0) == SQLITE_OK);
    // SQLite's own allocations (its page cache is 2 MB) grew by far less than the content: a
    // zeroblob in the middle of the row was expanded to its whole size before migration 10.
    CHECK(highwater - before < k_size / 4);
    CHECK(store::BatchContent(db, 1, false).size() == k_size);
  }

  TEST_CASE("migration 10 moves a stored batch's content to the row's end, byte for byte, still unchangeable") {
    TempDatabase tmp; // only for its folder
    const std::string path = (tmp.dir() / "v9.db").string();
    const std::string bytes = std::string("ISA*00*~") + std::string(3, '\0') + "Zoë O'Brien~";
    {
      Database old(path, 5000, 9);
      SQLite::Statement st(old.sql(), "INSERT INTO claim_batches (id, created_at, submitter_id, interchange_control, "
                                      "group_control, transaction_control, usage, claim_count, total_cents, content, "
                                      "content_sha256, written_to) VALUES (7, '2026-11-27T17:00:00Z', 'SUB123', 7, 7, "
                                      "7, 'T', 1, 12500, ?, ?, '/tmp/x.837')");
      st.bind(1, bytes.data(), static_cast<int>(bytes.size()));
      st.bind(2, sha256_hex(bytes));
      st.exec();
    }
    Database db(path);
    CHECK(db.schema_version() == Database::latest_schema_version());
    CHECK(batch_content(db, 7) == bytes);
    const ClaimBatch b = get_batch(db, 7);
    CHECK(b.total_cents == 12500);
    CHECK(b.content_sha256 == sha256_hex(bytes));
    CHECK(b.written_to == std::optional<std::string>("/tmp/x.837"));
    CHECK(db.sql()
              .execAndGet("SELECT name FROM pragma_table_info('claim_batches') ORDER BY cid DESC LIMIT 1")
              .getString() == "content");
    CHECK_THROWS(db.sql().exec("UPDATE claim_batches SET content = x'00' WHERE id = 7"));
    CHECK_THROWS(db.sql().exec("DELETE FROM claim_batches WHERE id = 7"));
    CHECK(batch_content(db, 7) == bytes);
  }

  TEST_CASE("AtomicFile: pieces read back, a scratch file leaves no name, an unplaced file is removed") {
    TempDatabase tmp;
    const int before = entries(tmp.dir());
    std::string expected;
    {
      AtomicFile file(tmp.dir() / "out.837", false);
      for (int i = 0; i < 5000; ++i) {
        const std::string piece = "SEG*" + std::to_string(i) + "~\n";
        file.write(piece);
        expected += piece;
      }
      file.write(std::string(300'000, 'x')); // larger than the buffer: written straight through
      expected += std::string(300'000, 'x');
      file.sync();
      CHECK(file.size() == expected.size());
      std::string back;
      file.read([&back](std::string_view piece) { back += piece; }, 4096);
      CHECK(back == expected);
      CHECK(entries(tmp.dir()) == before + 1); // the temporary file only
      CHECK_FALSE(std::filesystem::exists(tmp.dir() / "out.837"));
      file.place();
    }
    CHECK(slurp(tmp.dir() / "out.837") == expected);
    CHECK(entries(tmp.dir()) == before + 1);
    {
      AtomicFile dropped(tmp.dir() / "dropped.837", true);
      dropped.write("partial");
    }
    CHECK(entries(tmp.dir()) == before + 1);
    auto scratch = AtomicFile::scratch();
    scratch->write("ISA*00~");
    scratch->sync();
    std::string back;
    scratch->read([&back](std::string_view piece) { back += piece; });
    CHECK(back == "ISA*00~");
    CHECK_THROWS_AS(scratch->place(), Error);
  }
}
