#pragma once

// Unpredictable values from libsodium's CSPRNG: session ids, CSRF tokens, initial passwords.

#include <cstddef>
#include <string>

namespace xinfang::security {

// `bytes` random bytes as URL-safe base64 without padding (43 characters for the default 32),
// fit for cookies, headers and URLs as they are.
std::string RandomToken(std::size_t bytes = 32);

// A password of `length` characters drawn uniformly from letters and digits that cannot be
// mistaken for one another when read aloud or copied from paper (no 0/O/o, 1/l/I/i).
std::string RandomPassword(std::size_t length = 16);

// A code a citizen reads off a phone and types back (booking and tracking codes): upper-case
// letters and digits without 0/O, 1/I.
std::string RandomCode(std::size_t length);

}  // namespace xinfang::security
