#include "security/random.h"

#include <sodium.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "security/init.h"

namespace xinfang::security {

namespace {

constexpr std::string_view kUnambiguousAlphabet =
    "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789";

}  // namespace

std::string RandomToken(std::size_t bytes) {
    InitSecurity();
    if (bytes == 0) return {};

    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());

    constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string encoded(sodium_base64_ENCODED_LEN(bytes, kVariant), '\0');
    sodium_bin2base64(encoded.data(), encoded.size(), raw.data(), raw.size(), kVariant);
    encoded.resize(encoded.size() - 1);  // The length counted libsodium's terminating NUL.
    return encoded;
}

std::string RandomPassword(std::size_t length) {
    InitSecurity();

    // randombytes_uniform avoids the bias of taking a random byte modulo the alphabet size.
    const auto alphabet_size = static_cast<std::uint32_t>(kUnambiguousAlphabet.size());
    std::string password(length, '\0');
    for (char& c : password) c = kUnambiguousAlphabet[randombytes_uniform(alphabet_size)];
    return password;
}

std::string RandomCode(std::size_t length) {
    InitSecurity();
    static constexpr std::string_view kAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    const auto size = static_cast<std::uint32_t>(kAlphabet.size());
    std::string code(length, '\0');
    for (char& c : code) c = kAlphabet[randombytes_uniform(size)];
    return code;
}

}  // namespace xinfang::security
