// SHA-256 (OpenSSL's libcrypto), as lower-case hex: the seal of a signed note and its addenda,
// and the checksum of an exported claim batch, computed as its bytes stream past.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace iop {

// 64 lower-case hex digits of the SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

// The same digest fed in pieces: update() with each piece in order, then hex_digest() once
// (equal to sha256_hex of the pieces joined). Any OpenSSL failure: iop::Error.
class Sha256 {
public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view data);
  // Ends the digest: update() and hex_digest() after it throw iop::Error.
  std::string hex_digest();

private:
  struct Context;
  std::unique_ptr<Context> m_context;
};

} // namespace iop
