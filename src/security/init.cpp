#include "security/init.h"

#include <sodium.h>

#include <stdexcept>

namespace xinfang::security {

void InitSecurity() {
    // A function-local static is initialised exactly once even under concurrent first calls.
    static const int result = sodium_init();
    if (result < 0) throw std::runtime_error("libsodium initialisation failed");
}

}  // namespace xinfang::security
