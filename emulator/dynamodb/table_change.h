#pragma once

#include "attribute_value.h"
#include "clock.h"

#include <cstdint>
#include <optional>
#include <string>

namespace orderlab {

/// One committed modification of a table: what its stream record is made of.
struct TableChange
{
    enum class Kind { Insert, Modify, Remove };
    Kind kind = Kind::Insert;
    std::string table = "orders"; ///< the table's name
    std::string pk;               ///< the hash key's text (S, canonical N, raw B): what shards and lanes hash
    dynamodb::AttributeMap keys;  ///< the key attributes, hash first (the record's Keys)
    std::optional<dynamodb::AttributeMap> oldImage, newImage; ///< absent for Insert / Remove
    TimeMs time = 0;                                          ///< commit time on the table's clock
    bool byTtl = false;                                       ///< a delete made by TTL
    std::uint64_t traceId = 0;
};

/// INSERT, MODIFY or REMOVE: the change's eventName in its stream record.
const char *tableChangeName(TableChange::Kind kind);

} // namespace orderlab
