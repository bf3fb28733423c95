#pragma once

// Reads the rows of a ledger the bureau keeps in a spreadsheet (issue 6, import): CSV in UTF-8
// (with or without a byte-order mark) or in GBK/GB18030 as Excel on a Chinese Windows saves it,
// or XLSX (the workbook's first sheet). Rows come out one at a time as UTF-8 cells, so a huge
// file is read in bounded memory: CSV needs one row at a time; XLSX needs the sheet's shared
// strings (the distinct texts of the file), at most kMaxSharedStringBytes of them.

#include <cstddef>
#include <istream>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace xinfang::reports {

// The file cannot be read as a ledger at all (not a spreadsheet, broken zip or XML, a row
// longer than kMaxRowBytes). The message is Chinese and fit for the user.
class LedgerError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

inline constexpr std::size_t kMaxRowBytes = 1 << 20;
inline constexpr std::size_t kMaxSharedStringBytes = 64u << 20;

enum class TextEncoding { kUtf8, kGb18030 };

class LedgerReader {
public:
    virtual ~LedgerReader() = default;
    // The next row's cells, trailing empty cells removed. False at the end of the file.
    virtual bool Next(std::vector<std::string>& cells) = 0;
    // The number of the row last returned as the spreadsheet shows it (1 = first line).
    virtual std::size_t row_number() const = 0;
};

// CSV from a stream the caller keeps open. `encoding` forces one; without it a BOM means UTF-8
// and otherwise the first 64 KiB decide: valid UTF-8 or else GB18030 (a superset of GBK).
std::unique_ptr<LedgerReader> OpenCsv(std::istream& in);
std::unique_ptr<LedgerReader> OpenCsv(std::istream& in, TextEncoding encoding);

// XLSX from bytes the caller keeps alive, or from a file.
std::unique_ptr<LedgerReader> OpenXlsx(std::string_view bytes);
std::unique_ptr<LedgerReader> OpenXlsxFile(const std::string& path);

bool IsValidUtf8(std::string_view text);

// Whether `first_bytes` start like a zip archive (an XLSX) rather than text.
bool LooksLikeXlsx(std::string_view first_bytes);

}  // namespace xinfang::reports
