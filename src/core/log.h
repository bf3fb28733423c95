#pragma once

// Process-wide logging for operators: one line per event on stderr,
// `<local ISO 8601 time> <LEVEL> <message>`. Callers must never pass personal data (names,
// phone numbers, petition text, query strings, request bodies): the log is kept and shared
// far more widely than the database.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace xinfang::core {

enum class LogLevel { kDebug, kInfo, kWarn, kError };

// Each call writes one whole line with a single write, so lines from concurrent threads never
// interleave. Newlines inside `message` are replaced by spaces to keep the one-line guarantee.
// Messages below the level named by env XINFANG_LOG_LEVEL (debug|info|warn|error, read once,
// default info) are dropped.
void LogDebug(std::string_view message);
void LogInfo(std::string_view message);
void LogWarn(std::string_view message);
void LogError(std::string_view message);
void Log(LogLevel level, std::string_view message);

// True when a message at `level` would be written; lets callers skip building costly messages.
bool IsLogEnabled(LogLevel level);

// nullopt for anything but debug, info, warn or error (case-insensitive).
std::optional<LogLevel> ParseLogLevel(std::string_view text);

// The exact line Log writes, newline included, e.g.
// "2023-02-14T09:30:00.123+08:00 INFO listening on 127.0.0.1:8080\n".
std::string FormatLogLine(LogLevel level, std::string_view message,
                          std::chrono::system_clock::time_point at);

}  // namespace xinfang::core
