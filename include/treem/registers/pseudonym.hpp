// Pseudonymous ids: HMAC-SHA-256 of the real id under a secret key (OpenSSL). The same id and key
// always give the same pseudonym; without the key it cannot be reversed or recomputed. The key is
// never stored in a register, printed or logged.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "treem/core/error.hpp"

namespace treem::registers {

class pseudonymiser {
 public:
  /// Keys shorter than 16 bytes are refused: a short key can be guessed, and then every id with it.
  explicit pseudonymiser(std::string key) : key_(std::move(key)) {
    if (key_.size() < 16) throw validation_error({"<key>"}, "key", "a pseudonymisation key needs at least 16 bytes");
  }
  pseudonymiser(const pseudonymiser&) = default;
  pseudonymiser& operator=(const pseudonymiser&) = default;
  ~pseudonymiser() { key_.assign(key_.size(), '\0'); }

  /// 64 hexadecimal characters.
  [[nodiscard]] std::string operator()(std::string_view id) const {
    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned int length = 0;
    const unsigned char* ok = HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
                                   reinterpret_cast<const unsigned char*>(id.data()), id.size(), mac.data(), &length);
    if (!ok) throw error("OpenSSL: HMAC-SHA-256 failed");
    static constexpr char hex[] = "0123456789abcdef";
    std::string out(2 * length, '0');
    for (unsigned int i = 0; i < length; ++i) {
      out[2 * i] = hex[mac[i] >> 4];
      out[2 * i + 1] = hex[mac[i] & 0x0F];
    }
    return out;
  }

 private:
  std::string key_;
};

}  // namespace treem::registers
