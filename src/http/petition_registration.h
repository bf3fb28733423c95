#pragma once

// Registering a petition, shared by the reception desk (POST /api/v1/petitions), the online
// complaint form of the public pages and the desk turning a booking into a petition.

#include <optional>
#include <string>
#include <vector>

#include "core/identity.h"
#include "core/petition.h"
#include "http/api_error.h"
#include "http/app_context.h"
#include "http/json_body.h"
#include "store/petition_store.h"

namespace xinfang::http {

// One petitioner as sent, validated; personal values stay in memory only until encrypted.
struct PetitionerInput {
    std::string name;
    std::optional<std::string> id_number;
    std::optional<core::CanonicalPhone> phone;
    std::optional<std::string> address;
    bool representative = false;
};

// A vocabulary code from the body: required, and one of the vocabulary's codes (400 naming the
// field otherwise).
template <typename T>
std::string CodeField(const JsonBody& body, std::string_view name, std::string_view label,
                      std::optional<T> (*parse)(std::string_view)) {
    std::string code = body.RequiredString(name, label, 40);
    if (!parse(code)) {
        throw ValidationError("validation.invalid", std::string(label) + "的取值不正确",
                              std::string(name));
    }
    return code;
}

// Reads one petitioner object; errors name `petitioners[index].field`.
PetitionerInput ReadPetitioner(const JsonBody& body, const std::string& field_prefix);
// Reads `petitioners` and checks the representative rule of a group petition.
std::vector<PetitionerInput> ReadPetitioners(const JsonBody& body, int people_count,
                                             bool collective);
// Reads the petition fields of DESIGN.md §2 (codes, region, texts, received_at, flags).
store::PetitionRow ReadPetition(const JsonBody& body);

void AddFlag(store::PetitionRow& row, core::PetitionFlag flag);

// Registers inside the caller's transaction: routes the region to its group, leader and
// bureau, numbers it, encrypts the petitioners, indexes the text, links repeats, and writes the
// timeline event and the audit entry. `actor.id` 0 is the public (an online complaint).
// Returns the new id.
std::int64_t RegisterPetition(store::Transaction& tx, AppContext& app, const core::User& actor,
                              store::PetitionRow& row,
                              const std::vector<PetitionerInput>& petitioners,
                              const std::vector<std::int64_t>& links);

}  // namespace xinfang::http
