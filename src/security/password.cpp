#include "security/password.h"

#include <sodium.h>

#include <stdexcept>

namespace xinfang::security {

namespace {

constexpr unsigned long long kOpsLimit = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
constexpr std::size_t kMemLimit = 64u * 1024 * 1024;

// libsodium reads the encoded hash as a NUL-terminated string of at most crypto_pwhash_STRBYTES
// bytes, so anything longer cannot be one of ours and is refused before it gets there.
bool FitsEncodedHash(std::string_view encoded_hash) {
    return encoded_hash.size() < crypto_pwhash_STRBYTES &&
           encoded_hash.find('\0') == std::string_view::npos;
}

}  // namespace

std::string HashPassword(std::string_view password) {
    InitSecurity();

    char encoded[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(encoded, password.data(), password.size(), kOpsLimit, kMemLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("password hashing ran out of memory");
    }
    return encoded;
}

bool VerifyPassword(std::string_view encoded_hash, std::string_view password) {
    InitSecurity();
    if (!FitsEncodedHash(encoded_hash)) return false;

    std::string terminated(encoded_hash);
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool NeedsRehash(std::string_view encoded_hash) {
    InitSecurity();
    if (!FitsEncodedHash(encoded_hash)) return true;

    std::string terminated(encoded_hash);
    return crypto_pwhash_argon2id_str_needs_rehash(terminated.c_str(), kOpsLimit, kMemLimit) != 0;
}

}  // namespace xinfang::security
