#pragma once

#include "stream_time.h" // isoTimeMs, for the includers of this header
#include "view_type.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace orderlab {

/// The fields of one Lambda DynamoDB stream record, as `docs/stream-and-mapping.md` ("Record format") lays them out.
struct RecordFields
{
    std::string_view eventId;   ///< 32 lower-case hex characters
    std::string_view eventName; ///< INSERT, MODIFY or REMOVE
    std::string_view region = "us-east-1";
    std::int64_t approximateCreationSeconds = 0;
    std::string_view pk;
    std::optional<std::string_view> keysJson;     ///< the Keys map's JSON; absent: `{"pk":{"S":pk}}`
    std::optional<std::string_view> newImageJson; ///< compact AttributeValue-map JSON, when the view type carries it
    std::optional<std::string_view> oldImageJson;
    std::string_view sequenceNumber;
    std::size_t sizeBytes = 1;
    StreamViewType viewType = StreamViewType::NewAndOldImages;
    std::string_view streamArn;
    bool byTtl = false; ///< adds `userIdentity` (deletes made by TTL)
};

/// The record as compact JSON, keys in the documented order, as the Lambda runtime receives it.
std::string formatRecord(const RecordFields &fields);

/// Which images a record carries: {new, old} for this event name under this view type.
std::pair<bool, bool> imagesFor(std::string_view eventName, StreamViewType viewType);

} // namespace orderlab
