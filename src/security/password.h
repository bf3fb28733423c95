#pragma once

// Password hashing for user accounts: Argon2id through libsodium, stored as the self-describing
// encoded string ("$argon2id$v=19$m=65536,t=2,p=1$salt$hash"), so the parameters can be raised
// later and old hashes still verify (see NeedsRehash).

#include <string>
#include <string_view>

#include "security/init.h"

namespace xinfang::security {

// Argon2id with libsodium's interactive operations limit and 64 MiB of memory: about a tenth of
// a second per call, by design. Each call draws a fresh salt, so equal passwords hash differently.
// Throws std::runtime_error when the memory cannot be had.
std::string HashPassword(std::string_view password);

// Whether `password` matches `encoded_hash` as made by HashPassword (or an older setting of it).
// A malformed or foreign hash gives false, never an exception.
bool VerifyPassword(std::string_view encoded_hash, std::string_view password);

// True when `encoded_hash` was not made with the current algorithm and limits (or is not a valid
// hash at all): after a successful login, the caller should store HashPassword(password) instead.
bool NeedsRehash(std::string_view encoded_hash);

}  // namespace xinfang::security
