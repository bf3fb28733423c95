#pragma once

namespace xinfang::security {

// Initialises libsodium. Safe to call any number of times from any thread; every function of this
// layer calls it itself, and the program should call it at start-up so that a broken library
// fails there rather than at the first login. Throws std::runtime_error if libsodium cannot be
// initialised.
void InitSecurity();

}  // namespace xinfang::security
