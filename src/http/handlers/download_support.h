#pragma once

// Answers that are files (XLSX, PDF, CSV) rather than JSON.

#include <string>
#include <string_view>

#include "http/router.h"

namespace xinfang::http {

inline constexpr std::string_view kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
inline constexpr std::string_view kPdfType = "application/pdf";
inline constexpr std::string_view kCsvType = "text/csv; charset=utf-8";

enum class Disposition { kAttachment, kInline };

// The disposition a request asks for: `inline=true` shows a PDF in the page (the web app's
// print preview); anything else downloads.
Disposition DispositionOf(const RequestContext& ctx);

// 200 with the bytes, not cached (the files hold personal data and change with the data), and
// a Content-Disposition naming the file: an ASCII fallback and the Chinese name in RFC 5987
// form, so browsers save it as "2023年局领导接访时间表.xlsx".
Response FileResponse(const Request& request, std::string_view content_type,
                      const std::string& ascii_name, const std::string& utf8_name,
                      std::string bytes, Disposition disposition = Disposition::kAttachment);

}  // namespace xinfang::http
