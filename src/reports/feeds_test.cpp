#include "reports/feeds.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace xinfang::reports {
namespace {

// 2023-02-10T09:00:00+08:00, a fixed instant: the feeds never read the clock themselves.
constexpr std::int64_t kNow = 1675990800;

FeedDay SeedDay() {
    FeedDay day;
    day.id = 7;
    day.date = "2023-02-14";
    day.start_time = "08:30";
    day.end_time = "11:30";
    day.leaders = {"刘华军"};
    day.place = "南通市海门生态环境局信访接待室";
    day.phone = "82219316";
    day.capacity = 20;
    return day;
}

// A day whose every text field needs escaping or folding somewhere.
FeedDay AwkwardDay() {
    FeedDay day = SeedDay();
    day.id = 8;
    day.date = "2023-03-21";
    day.leaders = {"局长 刘华军", "副局长 张某某", "副局长 王某某", "纪检组长 陈某某"};
    day.place = "A & B <接待室>; 二楼, 东侧\\走廊\n（请走北门）";
    return day;
}

bool Contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

std::size_t Count(std::string_view text, std::string_view part) {
    std::size_t count = 0;
    for (std::size_t pos = text.find(part); pos != std::string_view::npos;
         pos = text.find(part, pos + part.size())) {
        ++count;
    }
    return count;
}

// Physical lines without their CRLF; fails the test on a bare CR or LF.
std::vector<std::string> PhysicalLines(const std::string& ical) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < ical.size()) {
        std::size_t end = ical.find("\r\n", start);
        EXPECT_NE(end, std::string::npos) << "text after the last CRLF";
        if (end == std::string::npos) break;
        lines.push_back(ical.substr(start, end - start));
        start = end + 2;
    }
    return lines;
}

// RFC 5545 §3.1 unfolding: a CRLF followed by one space joins the lines.
std::vector<std::string> ContentLines(const std::string& ical) {
    std::vector<std::string> lines;
    for (const auto& line : PhysicalLines(ical)) {
        if (!line.empty() && line[0] == ' ') {
            EXPECT_FALSE(lines.empty()) << "continuation with nothing to continue";
            if (!lines.empty()) lines.back() += line.substr(1);
        } else {
            lines.push_back(line);
        }
    }
    return lines;
}

// The value of the first content line named exactly `name` (parameters included).
std::string Value(const std::vector<std::string>& lines, std::string_view name) {
    std::string prefix = std::string(name) + ":";
    for (const auto& line : lines) {
        if (line.starts_with(prefix)) return line.substr(prefix.size());
    }
    return "<missing " + std::string(name) + ">";
}

bool IsValidUtf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        auto lead = static_cast<unsigned char>(text[i]);
        std::size_t length = lead < 0x80           ? 1
                             : (lead >> 5) == 0x6  ? 2
                             : (lead >> 4) == 0xE  ? 3
                             : (lead >> 3) == 0x1E ? 4
                                                   : 0;
        if (length == 0 || i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
        }
        i += length;
    }
    return true;
}

// ---- iCalendar ----

TEST(ICalendarTest, EveryLineEndsInCrlfAndFitsSeventyFiveOctets) {
    std::string ical = ICalendar({SeedDay(), AwkwardDay()}, kNow);

    ASSERT_TRUE(ical.ends_with("\r\n"));
    EXPECT_EQ(Count(ical, "\n"), Count(ical, "\r\n"));
    EXPECT_EQ(Count(ical, "\r"), Count(ical, "\r\n"));
    for (const auto& line : PhysicalLines(ical)) {
        EXPECT_LE(line.size(), 75u) << line;
    }
}

TEST(ICalendarTest, FoldingKeepsEveryPhysicalLineValidUtf8) {
    std::string ical = ICalendar({AwkwardDay()}, kNow);

    std::size_t continuations = 0;
    for (const auto& line : PhysicalLines(ical)) {
        EXPECT_TRUE(IsValidUtf8(line)) << line;
        if (line.starts_with(" ")) ++continuations;
    }
    EXPECT_GT(continuations, 0u) << "the awkward day's description should need folding";
}

TEST(ICalendarTest, UnfoldingRestoresTheEscapedValues) {
    auto lines = ContentLines(ICalendar({AwkwardDay()}, kNow));

    EXPECT_EQ(Value(lines, "SUMMARY"),
              "局领导接访：局长 刘华军、副局长 张某某、副局长 王某某、纪检组长 陈某某");
    EXPECT_EQ(Value(lines, "LOCATION"), "A & B <接待室>\\; 二楼\\, 东侧\\\\走廊\\n（请走北门）");
}

TEST(ICalendarTest, DescriptionStatesTheFactsOnEscapedLines) {
    auto lines = ContentLines(ICalendar({SeedDay()}, kNow));
    std::string description = Value(lines, "DESCRIPTION");

    EXPECT_TRUE(Contains(description, "接访领导：刘华军\\n")) << description;
    EXPECT_TRUE(Contains(description, "2023年2月14日（星期二）08:30—11:30")) << description;
    EXPECT_TRUE(Contains(description, "接访地点：南通市海门生态环境局信访接待室")) << description;
    EXPECT_TRUE(Contains(description, "预约电话：82219316")) << description;
    EXPECT_TRUE(Contains(description, "\\n2、对环境保护工作提出的意见、建议；")) << description;
    EXPECT_FALSE(Contains(description, "\n")) << "a raw line break inside a TEXT value";
}

TEST(ICalendarTest, TimesCarryTheShanghaiZoneAndTheStampIsUtc) {
    auto lines = ContentLines(ICalendar({SeedDay()}, kNow));

    EXPECT_EQ(Value(lines, "DTSTART;TZID=Asia/Shanghai"), "20230214T083000");
    EXPECT_EQ(Value(lines, "DTEND;TZID=Asia/Shanghai"), "20230214T113000");
    EXPECT_EQ(Value(lines, "DTSTAMP"), "20230210T010000Z");
}

TEST(ICalendarTest, DeclaresTheShanghaiTimeZone) {
    auto lines = ContentLines(ICalendar({SeedDay()}, kNow));

    EXPECT_EQ(Value(lines, "VERSION"), "2.0");
    EXPECT_EQ(Value(lines, "X-WR-TIMEZONE"), "Asia/Shanghai");
    EXPECT_EQ(Value(lines, "X-WR-CALNAME"), "局领导接访日");
    EXPECT_EQ(Value(lines, "TZID"), "Asia/Shanghai");
    EXPECT_EQ(Value(lines, "TZOFFSETFROM"), "+0800");
    EXPECT_EQ(Value(lines, "TZOFFSETTO"), "+0800");
    EXPECT_EQ(Value(lines, "TZNAME"), "CST");
}

TEST(ICalendarTest, UidDependsOnTheDayAloneNotOnTheTimeOfPublishing) {
    FeedDay moved = SeedDay();
    moved.date = "2023-02-16";
    moved.leaders = {"张某某"};

    auto first = ContentLines(ICalendar({SeedDay()}, kNow));
    auto again = ContentLines(ICalendar({moved}, kNow + 86400));
    auto other = ContentLines(ICalendar({AwkwardDay()}, kNow));

    EXPECT_EQ(Value(first, "UID"), "reception-day-7@xinfang");
    EXPECT_EQ(Value(again, "UID"), Value(first, "UID"));
    EXPECT_NE(Value(other, "UID"), Value(first, "UID"));
    EXPECT_NE(Value(again, "DTSTAMP"), Value(first, "DTSTAMP"));
}

TEST(ICalendarTest, ComponentsBeginAndEndInNestedPairs) {
    auto lines = ContentLines(ICalendar({SeedDay(), AwkwardDay()}, kNow));

    std::vector<std::string> open;
    std::size_t events = 0;
    for (const auto& line : lines) {
        if (line.starts_with("BEGIN:")) {
            open.push_back(line.substr(6));
            if (line == "BEGIN:VEVENT") ++events;
        } else if (line.starts_with("END:")) {
            ASSERT_FALSE(open.empty()) << line;
            EXPECT_EQ(open.back(), line.substr(4));
            open.pop_back();
        }
    }
    EXPECT_TRUE(open.empty());
    EXPECT_EQ(events, 2u);
    EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
    EXPECT_EQ(lines.back(), "END:VCALENDAR");
}

TEST(ICalendarTest, NoDaysGiveAnEmptyButCompleteCalendar) {
    std::string ical = ICalendar({}, kNow);
    auto lines = ContentLines(ical);

    EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
    EXPECT_EQ(lines.back(), "END:VCALENDAR");
    EXPECT_TRUE(Contains(ical, "BEGIN:VTIMEZONE\r\n"));
    EXPECT_FALSE(Contains(ical, "VEVENT"));
}

TEST(ICalendarTest, LeavesOutADayWhoseDateDoesNotParse) {
    FeedDay broken = SeedDay();
    broken.id = 9;
    broken.date = "2023-02-30";

    std::string ical = ICalendar({broken, SeedDay()}, kNow);

    EXPECT_EQ(Count(ical, "BEGIN:VEVENT"), 1u);
    EXPECT_FALSE(Contains(ical, "reception-day-9@"));
}

// ---- RSS ----

TEST(RssTest, OneItemPerDayWithStableGuidAndDayLink) {
    std::string rss = Rss({SeedDay(), AwkwardDay()}, "https://xf.example.cn/reception",
                          "https://xf.example.cn/reception/book", kNow);

    EXPECT_TRUE(
        rss.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">"));
    EXPECT_TRUE(rss.ends_with("</channel>\n</rss>\n"));
    EXPECT_EQ(Count(rss, "<item>"), 2u);
    EXPECT_EQ(Count(rss, "</item>"), 2u);
    EXPECT_TRUE(Contains(rss, "<guid isPermaLink=\"false\">reception-day-7@xinfang</guid>"));
    EXPECT_TRUE(Contains(rss, "<link>https://xf.example.cn/reception/book?day=8</link>"));
    EXPECT_TRUE(Contains(rss, "<link>https://xf.example.cn/reception</link>"));
    EXPECT_TRUE(Contains(rss, "<language>zh-cn</language>"));
    EXPECT_TRUE(Contains(rss, "<title>2023年2月14日（星期二）上午局领导接访：刘华军</title>"));
}

TEST(RssTest, DatesAreRfc822InChinaTime) {
    std::string rss =
        Rss({SeedDay()}, "https://xf.example.cn/", "https://xf.example.cn/book", kNow);

    EXPECT_TRUE(Contains(rss, "<lastBuildDate>Fri, 10 Feb 2023 09:00:00 +0800</lastBuildDate>"));
    // The day is still to come, so its item is dated now rather than in the future.
    EXPECT_TRUE(Contains(rss, "<pubDate>Fri, 10 Feb 2023 09:00:00 +0800</pubDate>"));

    std::string later =
        Rss({SeedDay()}, "https://xf.example.cn/", "https://xf.example.cn/book", kNow + 30 * 86400);
    EXPECT_TRUE(Contains(later, "<pubDate>Tue, 14 Feb 2023 08:30:00 +0800</pubDate>"));
}

TEST(RssTest, EscapesMarkupInPlacesAndLinks) {
    std::string rss =
        Rss({AwkwardDay()}, "https://xf.example.cn/", "https://xf.example.cn/r?a=1&b=2", kNow);

    EXPECT_FALSE(Contains(rss, "A & B")) << rss;
    EXPECT_FALSE(Contains(rss, "<接待室>")) << rss;
    // The description is HTML escaped once for HTML and once more for XML.
    EXPECT_TRUE(Contains(rss, "A &amp;amp; B &amp;lt;接待室&amp;gt;")) << rss;
    EXPECT_TRUE(Contains(rss, "<link>https://xf.example.cn/r?a=1&amp;b=2&amp;day=8</link>")) << rss;
    EXPECT_EQ(Count(rss, "<"), Count(rss, ">"));
}

TEST(RssTest, NoDaysGiveAChannelWithoutItems) {
    std::string rss = Rss({}, "https://xf.example.cn/", "https://xf.example.cn/book", kNow);

    EXPECT_TRUE(Contains(rss, "<channel>"));
    EXPECT_TRUE(Contains(rss, "</channel>"));
    EXPECT_TRUE(Contains(rss, "<title>南通市海门生态环境局 局领导接访日</title>"));
    EXPECT_FALSE(Contains(rss, "<item>"));
}

// ---- Announcement ----

constexpr std::string_view kBookingUrl = "https://xf.example.cn/reception/book";

TEST(AnnouncementTest, TitleNamesTheDateWeekdayAndMorning) {
    Announcement announcement = MakeAnnouncement(SeedDay(), std::string(kBookingUrl));

    EXPECT_EQ(announcement.title, "2023年2月14日（星期二）上午局领导接访公告");
}

TEST(AnnouncementTest, TextStatesEverythingACitizenNeeds) {
    std::string text = MakeAnnouncement(SeedDay(), std::string(kBookingUrl)).text;

    EXPECT_TRUE(Contains(text, "刘华军")) << text;
    EXPECT_TRUE(Contains(text, "2023年2月14日（星期二）")) << text;
    EXPECT_TRUE(Contains(text, "08:30—11:30")) << text;
    EXPECT_TRUE(Contains(text, "南通市海门生态环境局信访接待室")) << text;
    EXPECT_TRUE(Contains(text, "82219316")) << text;
    EXPECT_TRUE(Contains(text, kBookingUrl)) << text;
    EXPECT_TRUE(Contains(text, "身份证")) << text;
    EXPECT_TRUE(Contains(text, "20人")) << text;
}

TEST(AnnouncementTest, QuotesTheSeedsThreeMattersWordForWord) {
    Announcement announcement = MakeAnnouncement(SeedDay(), std::string(kBookingUrl));

    for (std::string_view matter : {
             "1、投诉反映违反环境保护法律、法规和侵害公民、法人或者其他组织环境合法权益的事项；",
             "2、对环境保护工作提出的意见、建议；",
             "3、对环境保护行政主管部门及其所属单位工作人员提出的批评、建议。",
         }) {
        EXPECT_TRUE(Contains(announcement.text, matter)) << matter;
        EXPECT_TRUE(Contains(announcement.html, matter.substr(4))) << matter;
    }
    EXPECT_EQ(Count(announcement.html, "<li>"), 3u);
}

TEST(AnnouncementTest, HtmlEscapesThePlaceAndLinksTheBookingPage) {
    Announcement announcement = MakeAnnouncement(AwkwardDay(), std::string(kBookingUrl));

    EXPECT_TRUE(Contains(announcement.html, "A &amp; B &lt;接待室&gt;")) << announcement.html;
    EXPECT_FALSE(Contains(announcement.html, "<接待室>"));
    EXPECT_TRUE(Contains(announcement.html, "<h1>2023年3月21日（星期二）上午局领导接访公告</h1>"));
    EXPECT_TRUE(Contains(announcement.html, "<ol>"));
    EXPECT_TRUE(Contains(announcement.html, "<a href=\"https://xf.example.cn/reception/book\">"));
    EXPECT_TRUE(Contains(announcement.text, "A & B <接待室>")) << "plain text stays unescaped";
}

TEST(AnnouncementTest, OnlyAWebAddressBecomesALink) {
    Announcement announcement = MakeAnnouncement(SeedDay(), "javascript:alert(1)");

    EXPECT_FALSE(Contains(announcement.html, "<a ")) << announcement.html;
}

TEST(AnnouncementTest, AnAfternoonSessionIsNotCalledMorning) {
    FeedDay day = SeedDay();
    day.start_time = "14:30";
    day.end_time = "17:00";

    EXPECT_EQ(MakeAnnouncement(day, "").title, "2023年2月14日（星期二）下午局领导接访公告");
}

}  // namespace
}  // namespace xinfang::reports
