#pragma once

// What the bureau publishes about its reception days (issue 4): an iCalendar feed (RFC 5545)
// that phones and desktop calendars subscribe to, an RSS 2.0 feed, and the announcement text the
// coordination section pastes into the bureau's WeChat article. Pure functions of the days given:
// the handlers load the published days and pass them in.

#include <cstdint>
#include <string>
#include <vector>

namespace xinfang::reports {

// One published reception day, as the public may see it.
struct FeedDay {
    std::int64_t id = 0;
    std::string date;        // YYYY-MM-DD
    std::string start_time;  // HH:MM, China time
    std::string end_time;    // HH:MM, China time
    std::vector<std::string> leaders;  // names with titles as the public knows them, in order
    std::string place;
    std::string phone;
    int capacity = 0;
};

// An iCalendar document: one VEVENT per day, times in TZID=Asia/Shanghai with a VTIMEZONE,
// stable UIDs (so a re-published day updates the subscriber's copy), DTSTAMP from `now`, CRLF
// line ends, lines folded at 75 octets without splitting a UTF-8 character, text escaped.
std::string ICalendar(const std::vector<FeedDay>& days, std::int64_t now);

// An RSS 2.0 document, XML-escaped: the channel links to `link` (the public pages), each day's
// item to `booking_link` with `day=<id>` added, the page that opens with that day chosen.
std::string Rss(const std::vector<FeedDay>& days, const std::string& link,
                const std::string& booking_link, std::int64_t now);

// The announcement of one day for the bureau's WeChat account: a title, the body in plain text
// and the same body in HTML. It names the leaders, date and weekday, time, place and phone, the
// three kinds of matter the seed's §四(一) lets citizens raise, and how to book (`booking_url`).
struct Announcement {
    std::string title;
    std::string text;
    std::string html;
};
Announcement MakeAnnouncement(const FeedDay& day, const std::string& booking_url);

}  // namespace xinfang::reports
