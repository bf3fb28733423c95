#pragma once

#include <vector>

#include "http/router.h"
#include "store/user_store.h"

namespace xinfang::http {

// `page` (from 1) and `page_size` (1–500, default 50) of DESIGN.md §5; 400 when malformed.
store::Page PageFromQuery(const RequestContext& ctx);

// One page of a list that is small enough to read whole (the organisation tables).
template <typename T>
std::vector<T> Slice(const std::vector<T>& items, const store::Page& page) {
    std::vector<T> out;
    for (std::int64_t i = page.offset; i < static_cast<std::int64_t>(items.size()) &&
                                       i < page.offset + page.limit;
         ++i) {
        out.push_back(items[i]);
    }
    return out;
}

// An optional integer query parameter; 400 naming it when it is not a number.
std::optional<std::int64_t> IntQuery(const RequestContext& ctx, std::string_view name);

}  // namespace xinfang::http
