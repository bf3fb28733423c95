#pragma once

// The archive of one key case, 一案一卷 (seed 工作要求 4; issue 5): its summary, ledger, minutes,
// field visits, linked petitions, closing and special reports, as one PDF (on the shared builder
// of pdf_document.h) and as Markdown text, and a ZIP holding both with the originals.
//
// The caller fills the document from the store, with personal data already masked or revealed
// as the reader may see it; nothing here looks at who asks.

#include <string>
#include <vector>

namespace xinfang::reports {

struct CaseFileSection {
    std::string heading;
    // Each paragraph is Markdown written by the users (minutes, reports) or plain lines made
    // by the app; both are laid out the same way (see AddMarkdown in case_file.cpp).
    std::vector<std::string> paragraphs;
};

struct CaseFileDocument {
    std::string title;
    // Label and value pairs of the case's summary, printed as a two-column table.
    std::vector<std::pair<std::string, std::string>> summary;
    std::vector<CaseFileSection> sections;
};

// The PDF: title, summary table, then each section under its heading. Markdown headings, list
// items and pipe tables are laid out as such; any HTML in the text is printed as text.
std::string CaseFilePdf(const CaseFileDocument& document);

// The same content as one Markdown text.
std::string CaseFileMarkdown(const CaseFileDocument& document);

struct ZipEntry {
    std::string name;  // path inside the archive, UTF-8
    std::string bytes;
};

// A ZIP archive (deflated, UTF-8 names) of the entries in order. Throws std::runtime_error when
// libzip fails, which only happens when memory runs out.
std::string ZipArchive(const std::vector<ZipEntry>& entries);

}  // namespace xinfang::reports
