#include "core/calendar_file.h"

#include <fstream>
#include <iterator>

namespace xinfang::core {

namespace {

// The real file is a few kilobytes; anything this large is the wrong file.
constexpr std::uintmax_t kMaxFileBytes = 1 << 20;

}  // namespace

std::optional<Calendar> LoadCalendarFile(const std::filesystem::path& path, std::string* error) {
    auto fail = [&](const std::string& problem) -> std::optional<Calendar> {
        if (error) *error = path.string() + "：" + problem;
        return std::nullopt;
    };

    std::error_code size_error;
    std::uintmax_t size = std::filesystem::file_size(path, size_error);
    if (size_error) return fail("无法读取日历文件（" + size_error.message() + "）");
    if (size > kMaxFileBytes) return fail("日历文件过大，不像是节假日数据");

    std::ifstream in(path, std::ios::binary);
    if (!in) return fail("无法打开日历文件");
    std::string text(std::istreambuf_iterator<char>(in), {});
    if (in.bad()) return fail("读取日历文件出错");

    std::string parse_error;
    auto calendar = ParseCalendar(text, &parse_error);
    if (!calendar) return fail(parse_error);
    return calendar;
}

}  // namespace xinfang::core
