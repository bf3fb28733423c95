#pragma once

// Reading the calendar data file. Kept apart from calendar.h so that the domain rules stay free
// of I/O (DESIGN.md §4).

#include <filesystem>
#include <optional>
#include <string>

#include "core/calendar.h"

namespace xinfang::core {

// Reads and parses a calendar file such as data/calendar.txt. On failure (missing, unreadable,
// larger than 1 MiB, or not in the format) returns nullopt and sets *error to a Chinese message
// that starts with the path.
std::optional<Calendar> LoadCalendarFile(const std::filesystem::path& path, std::string* error);

}  // namespace xinfang::core
