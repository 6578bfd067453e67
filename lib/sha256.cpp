#include "iop/sha256.hpp"

#include "iop/errors.hpp"

#include <openssl/evp.h>

#include <array>

namespace iop {

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  // EVP_Digest: the one-shot form of the EVP interface (the low-level SHA256() is deprecated in OpenSSL 3).
  if (EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1 || length != 32) {
    throw Error("SHA-256 could not be computed (OpenSSL)");
  }
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    out += k_hex[digest[i] >> 4];
    out += k_hex[digest[i] & 0x0F];
  }
  return out;
}

} // namespace iop
