#include "iop/sha256.hpp"

#include "iop/errors.hpp"

#include <openssl/evp.h>

#include <array>

namespace iop {

namespace {

std::string hex(const unsigned char* digest, unsigned int length) {
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    out += k_hex[digest[i] >> 4];
    out += k_hex[digest[i] & 0x0F];
  }
  return out;
}

} // namespace

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  // EVP_Digest: the one-shot form of the EVP interface (the low-level SHA256() is deprecated in OpenSSL 3).
  if (EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1 || length != 32) {
    throw Error("SHA-256 could not be computed (OpenSSL)");
  }
  return hex(digest.data(), length);
}

// The EVP context, freed with the object; null once the digest is taken.
struct Sha256::Context {
  EVP_MD_CTX* ctx = nullptr;
  ~Context() { EVP_MD_CTX_free(ctx); }
};

Sha256::Sha256() : m_context(std::make_unique<Context>()) {
  m_context->ctx = EVP_MD_CTX_new();
  if (m_context->ctx == nullptr || EVP_DigestInit_ex(m_context->ctx, EVP_sha256(), nullptr) != 1) {
    throw Error("SHA-256 could not be started (OpenSSL)");
  }
}

Sha256::~Sha256() = default;

void Sha256::update(std::string_view data) {
  if (m_context->ctx == nullptr) {
    throw Error("SHA-256: update after the digest was taken");
  }
  if (EVP_DigestUpdate(m_context->ctx, data.data(), data.size()) != 1) {
    throw Error("SHA-256 could not be computed (OpenSSL)");
  }
}

std::string Sha256::hex_digest() {
  if (m_context->ctx == nullptr) {
    throw Error("SHA-256: the digest was already taken");
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  const int ok = EVP_DigestFinal_ex(m_context->ctx, digest.data(), &length);
  EVP_MD_CTX_free(m_context->ctx);
  m_context->ctx = nullptr;
  if (ok != 1 || length != 32) {
    throw Error("SHA-256 could not be computed (OpenSSL)");
  }
  return hex(digest.data(), length);
}

} // namespace iop
