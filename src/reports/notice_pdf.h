#pragma once

// A filled notice (core/notice.h) as a PDF letter in the common layout of Chinese
// administrative documents (after GB/T 9704): the issuer in red as masthead, the number centred
// under it above a red rule, the title, the addressee flush left, the form table, the body
// indented two characters, the issuer and the date flush right, 抄送 between rules at the end.
// A4 portrait.

#include <string>

#include "core/notice.h"

namespace xinfang::reports {

std::string NoticePdf(const core::FilledNotice& notice);

}  // namespace xinfang::reports
