#pragma once

// Writes the bureau's tables (table.h) as an XLSX workbook with libxlsxwriter: one sheet per
// table, an optional label line ("附件 1") and a title merged across the columns above it, the
// header rows in bold, borders, merged cells for every span, and print setup for A4 in the
// table's orientation with the header rows repeated on each printed page.
//
//     XlsxSheet sheet{"附件1", "附件 1", "2023 年局领导接访时间表", table,
//                     PageOrientation::kPortrait};
//     std::string bytes = WriteXlsx({sheet});
//
// Throws std::invalid_argument for a malformed table (see PlaceCells) and std::runtime_error
// when libxlsxwriter fails (for example, no room for its temporary file).

#include <string>
#include <vector>

#include "reports/pdf_document.h"
#include "reports/table.h"

namespace xinfang::reports {

struct XlsxSheet {
    std::string name;   // tab name; at most 31 characters and none of []:*?/\ (Excel's rule)
    std::string label;  // first line, left-aligned; empty for none
    std::string title;  // merged across all columns, bold, centred; empty for none
    Table table;
    PageOrientation orientation = PageOrientation::kPortrait;
};

// The workbook's bytes.
std::string WriteXlsx(const std::vector<XlsxSheet>& sheets);

// The row (0-based) of a sheet where the table's first header row is written: after the label
// and title lines that are present. Readers of the file (and tests) use it to find the table.
int FirstTableRow(const XlsxSheet& sheet);

}  // namespace xinfang::reports
