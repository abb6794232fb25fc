#pragma once

#include "dynamodb/key_schema.h"
#include "dynamodb/table.h"

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace orderlab::aws {

/// An item's key as one text (hash, NUL, range), for telling two requests on one item apart.
inline std::string keyText(const dynamodb::ItemKey &key)
{
    return key.hash + '\0' + key.range;
}

/// `tables` once each, in name order: the order batches and transactions take their locks in, so
/// that two of them never wait for each other crosswise.
inline std::vector<std::shared_ptr<Table>> lockOrder(std::vector<std::shared_ptr<Table>> tables)
{
    std::sort(tables.begin(), tables.end(), [](const auto &a, const auto &b) { return a->name() < b->name(); });
    tables.erase(std::unique(tables.begin(), tables.end()), tables.end());
    return tables;
}

/// Runs `fn` holding the locks of `tables[i..]` (already in lockOrder).
inline void underLocks(const std::vector<std::shared_ptr<Table>> &tables, std::size_t i,
                       const std::function<void()> &fn)
{
    if (i == tables.size()) {
        fn();
        return;
    }
    tables[i]->locked([&] { underLocks(tables, i + 1, fn); });
}

} // namespace orderlab::aws
