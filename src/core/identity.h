#pragma once

// Petitioners' identity data (DESIGN.md §2, issue 3): checking ID numbers and phone numbers at
// registration, bringing them to one canonical spelling so that keyed-hash lookups match however
// the clerk typed them, and masking names, ID numbers, phones and addresses for display.
// All functions take and return UTF-8; invalid bytes never make them fail or read out of bounds.

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"

namespace xinfang::core {

// ---- ID numbers: 公民身份号码, GB 11643-1999 ----

enum class IdNumberProblem {
    kNone,
    kLength,      // not 18 characters
    kCharacters,  // not 17 digits followed by a digit or X
    kRegion,      // the first two digits name no province-level division
    kBirthDate,   // no real date, before 1900-01-01 or after `today`
    kChecksum,    // the check character does not match (ISO 7064 MOD 11-2)
};

// Trims surrounding whitespace (ASCII and U+3000) and turns a final lowercase x into X. Does not
// validate.
std::string NormalizeIdNumber(std::string_view text);

// Checks an already normalised number.
IdNumberProblem CheckIdNumber(std::string_view id_number, Date today);

// A short Chinese explanation of the problem for an API error message; empty for kNone.
std::string_view IdNumberProblemMessage(IdNumberProblem problem);

// ---- Phone numbers ----

enum class PhoneKind { kMobile, kLandline };

struct CanonicalPhone {
    PhoneKind kind;
    // Mobile: 11 digits, "13812345678". Landline: "0513-82219316", or the local number alone
    // ("82219316") when no area code was given.
    std::string number;
};

// Accepts a mainland mobile number 1[3-9]xxxxxxxxx, optionally preceded by +86, 0086 or 86, or a
// landline: area code 010/02x with an 8-digit number or 0[3-9]xx with a 7- or 8-digit number,
// or a local 7- or 8-digit number not starting with 0 or 1. Spaces, hyphens, parentheses and
// full-width digits are tolerated. nullopt for anything else (hotlines, extensions, letters).
std::optional<CanonicalPhone> ParsePhone(std::string_view text);

// ParsePhone(text) has a value and it is a mobile number.
bool IsMainlandMobile(std::string_view text);

// ---- Masking for display ----

// First and last character kept, every other character masked: 张*明, 欧**娜; a two-character
// name keeps the first (张*), a single character is masked whole.
std::string MaskName(std::string_view name);

// 18 characters: the first 6 (the region) and last 4 kept, 320684********1234. 15 characters
// (old numbers): first 6 and last 3. Anything else: first and last character kept when at least
// 3 long, else all masked.
std::string MaskIdNumber(std::string_view id_number);

// Mobile 138****5678; landline with area code 0513-****9316; otherwise every digit but the last
// four masked. Works on any spelling, canonical or not.
std::string MaskPhone(std::string_view phone);

// Keeps the address up to the town or street level (…镇, …乡, …街道, …开发区, …园区, …新区,
// …农场) and replaces the rest with "****": 江苏省南通市海门区三星镇汤家村5组 →
// 江苏省南通市海门区三星镇****. Without a town-level part it keeps the province, city and
// district (省, 市, 区, 县, 州, 旗, 盟) found at the start; without those, everything is masked.
std::string MaskAddress(std::string_view address);

}  // namespace xinfang::core
