#pragma once

// CSV for spreadsheets (RFC 4180): UTF-8 with a byte-order mark, because Excel on a Chinese
// Windows reads a CSV without one as GBK; CRLF line ends; fields quoted when they hold a
// comma, quote or line break. A field starting with = + - @ is prefixed with ' so that a
// spreadsheet does not run it as a formula (CSV injection).

#include <string>
#include <vector>

#include "reports/table.h"

namespace xinfang::reports {

std::string CsvField(const std::string& text);
std::string CsvLine(const std::vector<std::string>& fields);
// Header rows, then body rows, one line per row; a spanning cell is written once, at its first
// row and column, and the positions it covers are left empty.
std::string TableCsv(const Table& table);

}  // namespace xinfang::reports
