#include "core/log.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>

namespace xinfang::core {
namespace {

std::string_view LevelName(LogLevel level) {
    switch (level) {
        case LogLevel::kDebug:
            return "DEBUG";
        case LogLevel::kInfo:
            return "INFO";
        case LogLevel::kWarn:
            return "WARN";
        case LogLevel::kError:
            return "ERROR";
    }
    return "INFO";
}

LogLevel ThresholdFromEnvironment() {
    const char* text = std::getenv("XINFANG_LOG_LEVEL");
    if (text == nullptr) {
        return LogLevel::kInfo;
    }
    return ParseLogLevel(text).value_or(LogLevel::kInfo);
}

LogLevel Threshold() {
    static const LogLevel threshold = ThresholdFromEnvironment();
    return threshold;
}

// "+0800" from strftime becomes "+08:00", the offset form ISO 8601 and our API use.
std::string FormatTimestamp(std::chrono::system_clock::time_point at) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(at);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count() % 1000;
    std::tm local{};
    localtime_r(&seconds, &local);

    char date[32];
    char offset[8];
    std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &local);
    std::strftime(offset, sizeof offset, "%z", &local);

    char result[48];
    std::snprintf(result, sizeof result, "%s.%03d%.3s:%.2s", date, static_cast<int>(millis), offset,
                  offset + 3);
    return result;
}

// A line that does not reach stderr has nowhere else to be reported, so failures other than
// interruption end the attempt silently.
void WriteAll(std::string_view text) {
    while (!text.empty()) {
        const ssize_t written = ::write(STDERR_FILENO, text.data(), text.size());
        if (written < 0 && errno == EINTR) {
            continue;
        }
        if (written <= 0) {
            return;
        }
        text.remove_prefix(static_cast<std::size_t>(written));
    }
}

}  // namespace

std::optional<LogLevel> ParseLogLevel(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }

    if (lower == "debug") return LogLevel::kDebug;
    if (lower == "info") return LogLevel::kInfo;
    if (lower == "warn" || lower == "warning") return LogLevel::kWarn;
    if (lower == "error") return LogLevel::kError;
    return std::nullopt;
}

std::string FormatLogLine(LogLevel level, std::string_view message,
                          std::chrono::system_clock::time_point at) {
    std::string line = FormatTimestamp(at);
    line += ' ';
    line += LevelName(level);
    line += ' ';
    for (char c : message) {
        line += (c == '\n' || c == '\r') ? ' ' : c;
    }
    line += '\n';
    return line;
}

bool IsLogEnabled(LogLevel level) { return level >= Threshold(); }

void Log(LogLevel level, std::string_view message) {
    if (!IsLogEnabled(level)) {
        return;
    }

    const std::string line = FormatLogLine(level, message, std::chrono::system_clock::now());

    // write() to a pipe is only atomic up to PIPE_BUF bytes; the lock keeps long lines whole.
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    WriteAll(line);
}

void LogDebug(std::string_view message) { Log(LogLevel::kDebug, message); }
void LogInfo(std::string_view message) { Log(LogLevel::kInfo, message); }
void LogWarn(std::string_view message) { Log(LogLevel::kWarn, message); }
void LogError(std::string_view message) { Log(LogLevel::kError, message); }

}  // namespace xinfang::core
