#pragma once

// The seed's attachments (通海门环发〔2023〕4号) as tables: the same titles, columns and column
// order as the seed, ready for the XLSX writer and the PDF builder. Pure functions of the rows
// the handlers load.

#include <string>
#include <vector>

#include "reports/xlsx_writer.h"

namespace xinfang::reports {

// A titled table: one XLSX sheet, or one PDF document.
using TitledTable = XlsxSheet;

std::string ToXlsx(const TitledTable& table);
// The label and title on top, then the table, on A4 in the table's orientation.
std::string ToPdf(const TitledTable& table);

// One reception day of Attachment 1.
struct ScheduleEntry {
    std::string date;                  // YYYY-MM-DD
    std::vector<std::string> leaders;  // names, in order
    std::string note;                  // printed in 备注; empty for none
};

// Attachment 1, 2023 年局领导接访时间表: the days in date order, the first half of the year's
// days in the left 日期/接访领导 pair and the rest in the right pair, as the seed prints
// February–July beside August–December; 备注 carries the notes of both days of a line.
// Dates print as "2 月 14 日" and two-character names with a space ("杨 杰"), as in the seed.
TitledTable Attachment1(int year, const std::vector<ScheduleEntry>& days);

// One field visit of Attachment 2.
struct VisitEntry {
    std::vector<std::string> regions;  // 区镇 of the visit's group
    std::string leader;
    std::string participants;
    std::vector<std::string> matters;       // 带案事项
    std::string inspection_time;            // 督查时间
    std::string findings;                   // 督查情况
    std::vector<std::string> requirements;  // 督查要求, with their deadlines
};

// Attachment 2, 2023 年度 3 月份领导地区包案、带案下访化解表: one row per visit, 序号 from 1, the
// seed's eight columns; `group` names the group when the table is one group's ("第一组"), empty
// for all groups. A4 landscape.
TitledTable Attachment2(int year, int month, const std::string& group,
                        const std::vector<VisitEntry>& visits);

// One key case of Attachment 3.
struct KeyCaseEntry {
    int seq = 0;
    std::string region;  // the region's name as stored (海门开发区)
    std::string level;   // 信访层级 as printed, e.g. 国家信访局省委巡视组
    std::string location, situation, recommendation;
    std::string leader;  // printed in 备注, as the seed does
};

// Attachment 3, 2023 年度海门区重点环境信访问题一览表: cases in 序号 order; consecutive cases of
// one area share one merged 区镇 cell, the area named as the seed names it (SeedAreaName). A4
// landscape, the header repeated on every page.
TitledTable Attachment3(int year, const std::vector<KeyCaseEntry>& cases);

// The seed's name of a region in Attachment 3: 海门开发区 and 海门街道 are one area there,
// "开发区 (海门街道)"; the towns drop 镇 (三星镇 → 三星); other names are unchanged.
std::string SeedAreaName(const std::string& region);

// "2 月 14 日" for 2023-02-14.
std::string SeedDate(const std::string& iso_date);
// "杨 杰" for 杨杰; other names unchanged. Tables of Chinese offices space two-character names
// so that they line up with three-character ones.
std::string SeedName(const std::string& name);

}  // namespace xinfang::reports
