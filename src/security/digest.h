#pragma once

// Hashing and comparison of secrets and records: SHA-256 for the audit chain and for storing
// tokens by digest, and a comparison whose time does not depend on where two values differ.

#include <string>
#include <string_view>

namespace xinfang::security {

// SHA-256 of the bytes of `data`, as 64 lowercase hexadecimal characters.
std::string Sha256Hex(std::string_view data);

// Equality that takes the same time wherever the inputs differ, for comparing a presented secret
// (CSRF token, digest) with the expected one. Inputs of different lengths are unequal at once:
// the length of a token is not a secret.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace xinfang::security
