#pragma once

#include <filesystem>

#include "http/router.h"

namespace xinfang::http {

// Serves the built web app from `root`. A path naming no file gets index.html, so that the
// app's own router handles deep links (/org/groups). Hashed assets under /assets/ are cached
// for a year; index.html never, so a new build is picked up at once. Paths that climb out of
// the root are refused.
Handler StaticFiles(std::filesystem::path root);

// The Content-Type for a file name.
std::string_view MimeType(std::string_view path);

}  // namespace xinfang::http
