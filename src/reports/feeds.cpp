#include "reports/feeds.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>
#include <string_view>

#include "core/date.h"
#include "core/reception.h"

namespace xinfang::reports {

namespace {

constexpr std::string_view kBureau = "南通市海门生态环境局";
constexpr std::string_view kCalendarName = "局领导接访日";
constexpr std::string_view kTimeZone = "Asia/Shanghai";
constexpr std::string_view kNotYetKnown = "另行公布";

// Seed §四(一) 接访内容, word for word: the announcement must promise citizens exactly what the
// bureau's own work plan lets them raise.
constexpr std::array<std::string_view, 3> kMatters = {
    "投诉反映违反环境保护法律、法规和侵害公民、法人或者其他组织环境合法权益的事项",
    "对环境保护工作提出的意见、建议",
    "对环境保护行政主管部门及其所属单位工作人员提出的批评、建议",
};

constexpr std::int64_t kSecondsPerDay = 86400;

// A day whose date and times all parse; the store only publishes such days, but the feeds are
// pure functions and must not trust that blindly.
struct Schedule {
    core::Date date;
    int start_minutes = 0;
    int end_minutes = 0;

    std::int64_t StartInstant() const { return core::StartOfDay(date) + start_minutes * 60; }
};

std::optional<Schedule> ScheduleOf(const FeedDay& day) {
    auto date = core::Date::Parse(day.date);
    auto start = core::ParseClockTime(day.start_time);
    auto end = core::ParseClockTime(day.end_time);
    if (!date || !start || !end) return std::nullopt;
    return Schedule{*date, *start, *end};
}

// "2023年2月14日（星期二）", or the stored text as given when it is not a date.
std::string ChineseDate(const FeedDay& day) {
    auto date = core::Date::Parse(day.date);
    if (!date) return day.date;

    return std::to_string(date->year()) + "年" + std::to_string(date->month()) + "月" +
           std::to_string(date->day()) + "日（" +
           std::string(core::WeekdayNameZh(date->Weekday())) + "）";
}

// 上午 / 下午 / 晚上 when the whole session lies in that part of the day, else empty: a session
// running through noon is called by neither name.
std::string_view PartOfDay(const FeedDay& day) {
    auto start = core::ParseClockTime(day.start_time);
    auto end = core::ParseClockTime(day.end_time);
    if (!start || !end) return "";
    if (*end <= 12 * 60) return "上午";
    if (*start >= 18 * 60) return "晚上";
    if (*start >= 12 * 60 && *end <= 18 * 60) return "下午";
    return "";
}

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string joined;
    for (const auto& part : parts) {
        if (!joined.empty()) joined += separator;
        joined += part;
    }
    return joined;
}

std::string OrNotYetKnown(const std::string& value) {
    return value.empty() ? std::string(kNotYetKnown) : value;
}

std::string LeaderNames(const FeedDay& day) { return OrNotYetKnown(Join(day.leaders, "、")); }

std::string TimeRange(const FeedDay& day) { return day.start_time + "—" + day.end_time; }

std::string SessionName(const FeedDay& day) {
    return ChineseDate(day) + std::string(PartOfDay(day)) + "局领导接访";
}

using Facts = std::vector<std::pair<std::string, std::string>>;

// What every rendering states, as label and value, in the order seed §四(一) lists them.
Facts SeedFacts(const FeedDay& day) {
    return {
        {"接访领导", LeaderNames(day)},
        {"接访时间", ChineseDate(day) + TimeRange(day)},
        {"接访地点", OrNotYetKnown(day.place)},
        {"预约电话", OrNotYetKnown(day.phone)},
    };
}

// The feeds add the number of places; the announcement says it in its booking paragraph.
Facts FeedFacts(const FeedDay& day) {
    Facts facts = SeedFacts(day);
    if (day.capacity > 0) facts.emplace_back("预约名额", std::to_string(day.capacity) + "人");
    return facts;
}

// One escaper serves XML and HTML: &#39; is understood by both, where &apos; is not HTML 4.
// Control characters XML 1.0 forbids are dropped, as one would make the whole feed ill-formed.
std::string EscapeMarkup(std::string_view text) {
    std::string escaped;
    escaped.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                escaped += "&amp;";
                break;
            case '<':
                escaped += "&lt;";
                break;
            case '>':
                escaped += "&gt;";
                break;
            case '"':
                escaped += "&quot;";
                break;
            case '\'':
                escaped += "&#39;";
                break;
            default: {
                auto byte = static_cast<unsigned char>(c);
                if (byte >= 0x20 || c == '\t' || c == '\n' || c == '\r') escaped += c;
            }
        }
    }
    return escaped;
}

// ---- iCalendar (RFC 5545) ----

constexpr std::size_t kMaxLineOctets = 75;

// RFC 5545 §3.3.11: backslash, semicolon and comma are escaped and a line break becomes "\n".
// Other control characters are not allowed in TEXT at all, so they are dropped.
std::string EscapeText(std::string_view text) {
    std::string escaped;
    escaped.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\\' || c == ';' || c == ',') {
            escaped += '\\';
            escaped += c;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            escaped += "\\n";
        } else if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') {
            escaped += c;
        }
    }
    return escaped;
}

bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// RFC 5545 §3.1: a content line longer than 75 octets continues on lines that start with one
// space, which counts towards their 75. Cutting only before a UTF-8 lead byte keeps every
// physical line valid UTF-8, which some clients require even though unfolding would repair it.
void AppendFolded(std::string& out, std::string_view line) {
    std::size_t limit = kMaxLineOctets;
    while (line.size() > limit) {
        std::size_t cut = limit;
        while (cut > 0 && IsUtf8Continuation(line[cut])) --cut;

        out.append(line.substr(0, cut));
        out += "\r\n ";
        line.remove_prefix(cut);
        limit = kMaxLineOctets - 1;
    }
    out.append(line);
    out += "\r\n";
}

class ICalWriter {
public:
    // `value` must already be in the property's value syntax (escaped when it is TEXT).
    void Property(std::string_view name, std::string_view value) {
        std::string line(name);
        line += ':';
        line += value;
        AppendFolded(out_, line);
    }

    void Text(std::string_view name, std::string_view value) { Property(name, EscapeText(value)); }

    std::string Take() { return std::move(out_); }

private:
    std::string out_;
};

// "20230214T083000", local time without a zone designator, for DTSTART;TZID=...
std::string LocalDateTime(core::Date date, int minutes) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d%02d%02dT%02d%02d00", date.year(), date.month(),
                  date.day(), minutes / 60, minutes % 60);
    return buffer;
}

// "20230214T003000Z": DTSTAMP must be in UTC (RFC 5545 §3.8.7.2).
std::string UtcDateTime(std::int64_t unix_seconds) {
    core::Date date = core::DateOf(unix_seconds - core::kChinaOffsetSeconds);
    auto second_of_day = static_cast<int>(unix_seconds - date.DaysSinceEpoch() * kSecondsPerDay);

    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d%02d%02dT%02d%02d%02dZ", date.year(), date.month(),
                  date.day(), second_of_day / 3600, second_of_day / 60 % 60, second_of_day % 60);
    return buffer;
}

// Stable per day, so a re-published day replaces the subscriber's copy instead of doubling it.
std::string Uid(const FeedDay& day) {
    return "reception-day-" + std::to_string(day.id) + "@xinfang";
}

std::string Description(const FeedDay& day) {
    std::string text;
    for (const auto& [label, value] : FeedFacts(day)) text += label + "：" + value + "\n";

    text += "可反映的事项：";
    for (std::size_t i = 0; i < kMatters.size(); ++i) {
        text += "\n" + std::to_string(i + 1) + "、" + std::string(kMatters[i]);
        text += i + 1 < kMatters.size() ? "；" : "。";
    }
    return text;
}

void WriteTimeZone(ICalWriter& ical) {
    // China has kept +08:00 all year since 1991, so one STANDARD rule describes the zone for
    // every date a reception day can have.
    ical.Property("BEGIN", "VTIMEZONE");
    ical.Property("TZID", kTimeZone);
    ical.Property("BEGIN", "STANDARD");
    ical.Property("DTSTART", "19700101T000000");
    ical.Property("TZOFFSETFROM", "+0800");
    ical.Property("TZOFFSETTO", "+0800");
    ical.Property("TZNAME", "CST");
    ical.Property("END", "STANDARD");
    ical.Property("END", "VTIMEZONE");
}

void WriteEvent(ICalWriter& ical, const FeedDay& day, const Schedule& schedule,
                const std::string& stamp) {
    ical.Property("BEGIN", "VEVENT");
    ical.Property("UID", Uid(day));
    ical.Property("DTSTAMP", stamp);
    ical.Property("DTSTART;TZID=" + std::string(kTimeZone),
                  LocalDateTime(schedule.date, schedule.start_minutes));
    ical.Property("DTEND;TZID=" + std::string(kTimeZone),
                  LocalDateTime(schedule.date, schedule.end_minutes));
    std::string summary = "局领导接访";
    if (!day.leaders.empty()) summary += "：" + Join(day.leaders, "、");
    ical.Text("SUMMARY", summary);
    if (!day.place.empty()) ical.Text("LOCATION", day.place);
    ical.Text("DESCRIPTION", Description(day));
    ical.Property("STATUS", "CONFIRMED");
    ical.Property("TRANSP", "OPAQUE");
    ical.Property("END", "VEVENT");
}

// ---- RSS 2.0 ----

// RFC 822 date-time as RSS 2.0 asks, shown in China time: "Tue, 14 Feb 2023 08:30:00 +0800".
std::string Rfc822(std::int64_t unix_seconds) {
    static constexpr std::array<const char*, 7> kDays = {"Mon", "Tue", "Wed", "Thu",
                                                         "Fri", "Sat", "Sun"};
    static constexpr std::array<const char*, 12> kMonths = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    core::Date date = core::DateOf(unix_seconds);
    auto second_of_day = static_cast<int>(unix_seconds + core::kChinaOffsetSeconds -
                                          date.DaysSinceEpoch() * kSecondsPerDay);
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0800",
                  kDays[date.Weekday() - 1], date.day(), kMonths[date.month() - 1], date.year(),
                  second_of_day / 3600, second_of_day / 60 % 60, second_of_day % 60);
    return buffer;
}

std::string ItemLink(const std::string& link, std::int64_t id) {
    std::string query = "day=" + std::to_string(id);
    std::size_t fragment = link.find('#');
    std::string base = link.substr(0, fragment);
    std::string tail = fragment == std::string::npos ? "" : link.substr(fragment);
    char joiner = base.find('?') == std::string::npos ? '?' : '&';
    return base + joiner + query + tail;
}

// The description is HTML (so readers keep the lines apart), itself escaped as XML text.
std::string ItemDescriptionHtml(const FeedDay& day) {
    std::string html;
    for (const auto& [label, value] : FeedFacts(day)) {
        html += "<p>" + EscapeMarkup(label) + "：" + EscapeMarkup(value) + "</p>";
    }
    return html;
}

// RSS 2.0 lets aggregators hide an item whose pubDate lies in the future, which would hide
// exactly the upcoming days. The feed has no record of when a day was published, so it gives
// the latest instant the day is known to have been published by: its start, or now if earlier.
std::int64_t PubInstant(const FeedDay& day, std::int64_t now) {
    auto schedule = ScheduleOf(day);
    if (!schedule) return now;
    return std::min(now, schedule->StartInstant());
}

void AppendElement(std::string& out, std::string_view indent, std::string_view name,
                   std::string_view text) {
    out += indent;
    out += "<" + std::string(name) + ">" + EscapeMarkup(text) + "</" + std::string(name) + ">\n";
}

void AppendItem(std::string& out, const FeedDay& day, const std::string& link, std::int64_t now) {
    std::string leaders = day.leaders.empty() ? "" : "：" + Join(day.leaders, "、");
    out += "    <item>\n";
    AppendElement(out, "      ", "title", SessionName(day) + leaders);
    AppendElement(out, "      ", "link", ItemLink(link, day.id));
    out += "      <guid isPermaLink=\"false\">" + EscapeMarkup(Uid(day)) + "</guid>\n";
    AppendElement(out, "      ", "description", ItemDescriptionHtml(day));
    AppendElement(out, "      ", "pubDate", Rfc822(PubInstant(day, now)));
    out += "    </item>\n";
}

// ---- Announcement ----

constexpr std::array<std::string_view, 6> kSectionNumbers = {"一", "二", "三", "四", "五", "六"};

std::string Intro(const FeedDay& day) {
    return "为畅通群众环境诉求表达渠道，及时就地解决群众反映的环境问题，" + std::string(kBureau) +
           "定于" + ChineseDate(day) + std::string(PartOfDay(day)) +
           "开展局领导接访活动。现将有关事项公告如下：";
}

bool IsWebAddress(const std::string& url) {
    return url.starts_with("https://") || url.starts_with("http://");
}

// How to book, with `url` already rendered for the target format (plain or linked).
std::string BookingText(const FeedDay& day, const std::string& url_shown) {
    std::string text = "请提前拨打预约电话";
    // Spaces keep WeChat's link detection from running the address into the Chinese after it.
    if (!url_shown.empty()) text += "，或访问 " + url_shown + " 在线预约";
    text += "，说明反映的事项";
    if (day.capacity > 0) text += "。本场接访限" + std::to_string(day.capacity) + "人，约满为止";
    text += "。接访当日请携带本人身份证，按约定时间到接访地点。";
    return text;
}

std::string AnnouncementText(const FeedDay& day, const std::string& title,
                             const std::string& booking_url) {
    std::string text = title + "\n\n" + Intro(day) + "\n";
    std::size_t section = 0;
    for (const auto& [label, value] : SeedFacts(day)) {
        text += std::string(kSectionNumbers[section++]) + "、" + label + "：" + value + "\n";
    }
    text += std::string(kSectionNumbers[section++]) + "、接访内容：\n";
    for (std::size_t i = 0; i < kMatters.size(); ++i) {
        text += std::to_string(i + 1) + "、" + std::string(kMatters[i]);
        text += i + 1 < kMatters.size() ? "；\n" : "。\n";
    }
    text += std::string(kSectionNumbers[section]) + "、预约方式：" + BookingText(day, booking_url);
    text += "\n\n" + std::string(kBureau) + "\n";
    return text;
}

std::string AnnouncementHtml(const FeedDay& day, const std::string& title,
                             const std::string& booking_url) {
    std::string html = "<h1>" + EscapeMarkup(title) + "</h1>\n";
    html += "<p>" + EscapeMarkup(Intro(day)) + "</p>\n";
    std::size_t section = 0;
    for (const auto& [label, value] : SeedFacts(day)) {
        html += "<p>" + std::string(kSectionNumbers[section++]) + "、" + EscapeMarkup(label) +
                "：" + EscapeMarkup(value) + "</p>\n";
    }
    html += "<p>" + std::string(kSectionNumbers[section++]) + "、接访内容：</p>\n<ol>\n";
    for (std::size_t i = 0; i < kMatters.size(); ++i) {
        html += "<li>" + EscapeMarkup(kMatters[i]) + (i + 1 < kMatters.size() ? "；" : "。") +
                "</li>\n";
    }
    html += "</ol>\n";

    // Only a web address becomes a link: a "javascript:" URL in the settings must not turn the
    // bureau's article into a script.
    std::string url = EscapeMarkup(booking_url);
    if (IsWebAddress(booking_url)) url = "<a href=\"" + url + "\">" + url + "</a>";
    html += "<p>" + std::string(kSectionNumbers[section]) + "、预约方式：";
    html += BookingText(day, url) + "</p>\n";
    html += "<p>" + EscapeMarkup(kBureau) + "</p>\n";
    return html;
}

}  // namespace

std::string ICalendar(const std::vector<FeedDay>& days, std::int64_t now) {
    ICalWriter ical;
    ical.Property("BEGIN", "VCALENDAR");
    ical.Property("VERSION", "2.0");
    ical.Property("PRODID", "-//xinfang//reception days//ZH");
    ical.Property("CALSCALE", "GREGORIAN");
    ical.Property("METHOD", "PUBLISH");
    ical.Text("X-WR-CALNAME", kCalendarName);
    ical.Property("X-WR-TIMEZONE", kTimeZone);
    // Subscribers poll; twice a day is enough for a schedule that changes a few times a year.
    ical.Property("REFRESH-INTERVAL;VALUE=DURATION", "PT12H");
    ical.Property("X-PUBLISHED-TTL", "PT12H");
    WriteTimeZone(ical);

    // A day whose date or times do not parse is left out: one malformed DTSTART makes many
    // clients reject the whole subscription, and with it every good day.
    std::string stamp = UtcDateTime(now);
    for (const auto& day : days) {
        if (auto schedule = ScheduleOf(day)) WriteEvent(ical, day, *schedule, stamp);
    }

    ical.Property("END", "VCALENDAR");
    return ical.Take();
}

std::string Rss(const std::vector<FeedDay>& days, const std::string& link,
                const std::string& booking_link, std::int64_t now) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n";
    out += "  <channel>\n";
    AppendElement(out, "    ", "title", std::string(kBureau) + " " + std::string(kCalendarName));
    AppendElement(out, "    ", "link", link);
    std::string about = std::string(kBureau) + "局领导接访日的时间、地点和接访领导，";
    AppendElement(out, "    ", "description", about + "市民可预约到场反映环境问题。");
    AppendElement(out, "    ", "language", "zh-cn");
    AppendElement(out, "    ", "lastBuildDate", Rfc822(now));

    for (const auto& day : days) AppendItem(out, day, booking_link, now);

    out += "  </channel>\n</rss>\n";
    return out;
}

Announcement MakeAnnouncement(const FeedDay& day, const std::string& booking_url) {
    Announcement announcement;
    announcement.title = SessionName(day) + "公告";
    announcement.text = AnnouncementText(day, announcement.title, booking_url);
    announcement.html = AnnouncementHtml(day, announcement.title, booking_url);
    return announcement;
}

}  // namespace xinfang::reports
