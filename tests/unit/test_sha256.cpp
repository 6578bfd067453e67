// SHA-256 through OpenSSL (lib/sha256.cpp), against the FIPS 180-2 test vectors.
#include "iop/sha256.hpp"

#include "iop/errors.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>

TEST_SUITE("sha256") {

  TEST_CASE("sha256: known vectors") {
    CHECK(iop::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(iop::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(iop::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(iop::sha256_hex(std::string(1'000'000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  }

  TEST_CASE("sha256: bytes, not text: NUL and UTF-8 are hashed as given") {
    const std::string with_nul("a\0b", 3);
    CHECK(iop::sha256_hex(with_nul) != iop::sha256_hex("ab"));
    CHECK(iop::sha256_hex("Zoë").size() == 64);
    CHECK(iop::sha256_hex("Zoë") != iop::sha256_hex("Zoe"));
  }

  TEST_CASE("sha256: fed in pieces, the digest equals the one-shot digest, for random splits") {
    std::mt19937 random(20261127);
    std::string data(300'000, '\0');
    for (char& c : data) {
      c = static_cast<char>(random() & 0xFF);
    }
    const std::string whole = iop::sha256_hex(data);
    for (int trial = 0; trial < 20; ++trial) {
      CAPTURE(trial);
      iop::Sha256 sha;
      std::size_t at = 0;
      while (at < data.size()) {
        // Pieces from empty to larger than OpenSSL's 64-byte block, sometimes far larger.
        const std::size_t n =
            std::min<std::size_t>(data.size() - at, trial % 4 == 0 ? random() % 70'000 : random() % 130);
        sha.update(std::string_view(data).substr(at, n));
        at += n;
      }
      CHECK(sha.hex_digest() == whole);
    }
    iop::Sha256 empty;
    CHECK(empty.hex_digest() == iop::sha256_hex(""));
    iop::Sha256 abc;
    abc.update("a");
    abc.update("");
    abc.update("bc");
    CHECK(abc.hex_digest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  TEST_CASE("sha256: a digest is taken once") {
    iop::Sha256 sha;
    sha.update("abc");
    (void)sha.hex_digest();
    CHECK_THROWS_AS(sha.update("d"), iop::Error);
    CHECK_THROWS_AS((void)sha.hex_digest(), iop::Error);
  }
}
