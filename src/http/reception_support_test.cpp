#include "http/reception_support.h"

#include <gtest/gtest.h>

#include "core/date.h"

namespace xinfang::http {
namespace {

store::ReceptionDayRow Day(std::string date, bool published = true) {
    store::ReceptionDayRow day;
    day.id = 7;
    day.date = std::move(date);
    day.start_time = "08:30";
    day.end_time = "11:30";
    day.place = "信访接待室";
    day.phone = "82219316";
    day.capacity = 3;
    day.booked = 1;
    day.published = published;
    day.note = "内部备注：局长临时出差改期";
    day.leaders = {{1, "刘华军"}};
    return day;
}

std::int64_t ChinaTime(const char* date, int hour, int minute) {
    return core::StartOfDay(*core::Date::Parse(date)) + hour * 3600 + minute * 60;
}

TEST(ReceptionSupportTest, TheSessionStartsAtItsChinaClockTime) {
    EXPECT_EQ(SessionStart(Day("2023-02-14")), ChinaTime("2023-02-14", 8, 30));
}

TEST(ReceptionSupportTest, BookingClosesTheConfiguredHoursBeforeTheSession) {
    ReceptionConfig config;
    config.booking_closes_hours_before = 24;
    store::ReceptionDayRow day = Day("2023-02-14");
    EXPECT_TRUE(BookingOpen(day, config, ChinaTime("2023-02-13", 8, 29)));
    EXPECT_FALSE(BookingOpen(day, config, ChinaTime("2023-02-13", 8, 30)));

    config.booking_closes_hours_before = 0;
    EXPECT_TRUE(BookingOpen(day, config, ChinaTime("2023-02-14", 8, 29)));
    EXPECT_FALSE(BookingOpen(day, config, ChinaTime("2023-02-14", 8, 30)));
}

TEST(ReceptionSupportTest, AnUnpublishedDayIsNeverOpenForBooking) {
    ReceptionConfig config;
    EXPECT_FALSE(BookingOpen(Day("2099-02-14", false), config, ChinaTime("2023-01-01", 0, 0)));
}

TEST(ReceptionSupportTest, ThePublicSeeNeitherTheNoteNorTheLeadersIds) {
    ReceptionConfig config;
    boost::json::object view = PublicDayJson(Day("2099-02-17"), config);
    EXPECT_FALSE(view.contains("note"));
    EXPECT_FALSE(view.contains("capacity"));
    EXPECT_EQ(view.at("free").as_int64(), 2);
    EXPECT_EQ(view.at("weekday").as_string(), "星期二");
    const auto& leader = view.at("leaders").as_array().at(0).as_object();
    EXPECT_EQ(leader.at("name").as_string(), "刘华军");
    EXPECT_FALSE(leader.contains("id"));
}

TEST(ReceptionSupportTest, FeedDaysCarryTheLeadersNamesInOrder) {
    store::ReceptionDayRow day = Day("2023-02-14");
    day.leaders.push_back({2, "杨杰"});
    reports::FeedDay feed = ToFeedDay(day);
    EXPECT_EQ(feed.leaders, (std::vector<std::string>{"刘华军", "杨杰"}));
    EXPECT_EQ(feed.place, "信访接待室");
    EXPECT_EQ(feed.date, "2023-02-14");
}

TEST(ReceptionSupportTest, APlainNameHasNoControlCharactersOrMarkup) {
    EXPECT_TRUE(IsPlainName("李小华"));
    EXPECT_TRUE(IsPlainName("Anna-Lena O'Neil"));
    EXPECT_FALSE(IsPlainName("李\n小华"));
    EXPECT_FALSE(IsPlainName("李\x7f华"));
    EXPECT_FALSE(IsPlainName("<script>李</script>"));
}

TEST(ReceptionSupportTest, ABookingsRegionIsAnActiveRegionByIdOrExactName) {
    std::vector<core::Region> regions = {{3, "三星镇", 1, true, {}, {}},
                                         {9, "旧区", 2, false, {}, {}}};

    EXPECT_EQ(MatchRegion(regions, boost::json::value(3))->name, "三星镇");
    EXPECT_EQ(MatchRegion(regions, boost::json::value("三星镇"))->id, 3);
    EXPECT_FALSE(MatchRegion(regions, boost::json::value("火星")));
    EXPECT_FALSE(MatchRegion(regions, boost::json::value("三星镇 ")));
    EXPECT_FALSE(MatchRegion(regions, boost::json::value(9)));
    EXPECT_FALSE(MatchRegion(regions, boost::json::value("旧区")));
    EXPECT_FALSE(MatchRegion(regions, boost::json::value(true)));
}

}  // namespace
}  // namespace xinfang::http
