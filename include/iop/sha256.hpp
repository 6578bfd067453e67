// SHA-256 (OpenSSL's libcrypto), as lower-case hex: the seal of a signed note and its addenda.
#pragma once

#include <string>
#include <string_view>

namespace iop {

// 64 lower-case hex digits of the SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

} // namespace iop
