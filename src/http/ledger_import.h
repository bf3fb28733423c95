#pragma once

// Importing a ledger (issue 6): the rows of a CSV or XLSX file the bureau kept before xinfang,
// either petitions, registered through the same checks and registration path as the desk form
// (petition_registration.h), or key cases in the columns of the seed's Attachment 3, created
// through the checks of POST /api/v1/key-cases (key_case_support.h). All rows or none: the file is
// read twice, first to check every row without writing anything, then, only when no row is bad, to
// register them all in one transaction. Both passes stream the file, so memory does not grow with
// its length.
//
// Columns are found by their header in the first non-empty row, in Chinese as the bureau's
// tables name them (see LedgerColumns() and docs/reports.md), below an optional title row;
// vocabulary cells may hold the Chinese label (来访) or the code (visit). A repeated header row
// (a table printed over several pages) is passed over.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/org.h"
#include "http/app_context.h"
#include "reports/ledger_reader.h"

namespace xinfang::http {

enum class LedgerKind { kPetitions, kKeyCases };
// "petitions" or "key-cases".
std::optional<LedgerKind> ParseLedgerKind(std::string_view text);

struct LedgerColumn {
    std::string field;                 // the field it fills
    std::vector<std::string> headers;  // accepted header texts, the first is the usual one
    bool required = false;
};
const std::vector<LedgerColumn>& LedgerColumns(LedgerKind kind);

struct ImportProblem {
    std::size_t row = 0;  // as the spreadsheet numbers it; 0 for the file as a whole
    std::string column;   // the header, empty when the problem is not one cell's
    std::string message;  // Chinese
};

inline constexpr std::size_t kMaxListedProblems = 200;

struct ImportResult {
    std::size_t rows = 0;      // data rows read (blank rows not counted)
    std::size_t imported = 0;  // 0 unless every row was good and dry_run was false
    std::size_t problem_count = 0;
    std::vector<ImportProblem> problems;  // the first kMaxListedProblems
    std::vector<std::string> ignored_columns;
};

// Opens the ledger afresh; called once per pass.
using LedgerOpener = std::function<std::unique_ptr<reports::LedgerReader>()>;

// Throws reports::LedgerError when the file cannot be read at all (reported to the user).
ImportResult ImportLedger(AppContext& app, const core::User& actor, LedgerKind kind,
                          const LedgerOpener& open, bool dry_run);

}  // namespace xinfang::http
