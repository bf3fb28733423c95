#include "reports/table.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace xinfang::reports {

TableCell TableCell::Number(double value) {
    TableCell cell;
    char buffer[32];
    if (std::floor(value) == value && std::fabs(value) < 1e15) {
        std::snprintf(buffer, sizeof buffer, "%.0f", value);
    } else {
        std::snprintf(buffer, sizeof buffer, "%.2f", value);
    }
    cell.text = buffer;
    cell.number = value;
    return cell;
}

std::vector<PlacedCell> PlaceCells(const Table& table) {
    const std::size_t columns = table.column_widths.size();
    const std::size_t header_count = table.header_rows.size();
    const std::size_t row_count = header_count + table.body_rows.size();
    std::vector<std::vector<bool>> taken(row_count, std::vector<bool>(columns, false));
    std::vector<PlacedCell> placed;

    for (std::size_t r = 0; r < row_count; ++r) {
        const TableRow& row =
            r < header_count ? table.header_rows[r] : table.body_rows[r - header_count];
        // A header cell may not span into the body: the header repeats on every page alone.
        const std::size_t section_end = r < header_count ? header_count : row_count;
        std::size_t col = 0;
        for (const TableCell& cell : row) {
            while (col < columns && taken[r][col]) ++col;
            if (cell.col_span < 1 || cell.row_span < 1 || col + cell.col_span > columns ||
                r + cell.row_span > section_end) {
                throw std::invalid_argument("table cell span runs off the table");
            }
            for (std::size_t dr = 0; dr < static_cast<std::size_t>(cell.row_span); ++dr) {
                for (std::size_t dc = 0; dc < static_cast<std::size_t>(cell.col_span); ++dc) {
                    if (taken[r + dr][col + dc]) {
                        throw std::invalid_argument("table cell spans overlap");
                    }
                    taken[r + dr][col + dc] = true;
                }
            }
            placed.push_back({&cell, r, col, cell.row_span, cell.col_span});
            col += cell.col_span;
        }
    }
    return placed;
}

}  // namespace xinfang::reports
