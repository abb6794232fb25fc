#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace orderlab {

/**
 * DynamoDB Streams' TrimmedDataAccessException: a reader asked for records after a position
 * whose successors were trimmed (by the 24 h retention or the stream's size cap). The records
 * between the reader's position and `trimmedThrough` are gone; the oldest record still kept
 * follows `trimmedThrough` (docs/stream-and-mapping.md, "Trimming").
 */
class TrimmedDataAccessException : public std::runtime_error
{
  public:
    TrimmedDataAccessException(const std::string &shardId, int shard, std::uint64_t trimmedThrough,
                               std::uint64_t trimmedPosition)
        : std::runtime_error("TrimmedDataAccessException: records of " + shardId +
                             " after the requested position were trimmed from the stream"),
          shard(shard), trimmedThrough(trimmedThrough), trimmedPosition(trimmedPosition)
    {
    }

    int shard = 0;
    std::uint64_t trimmedThrough = 0;  ///< ordinal of the newest trimmed record: read on from here
    std::uint64_t trimmedPosition = 0; ///< StreamRecord::position of that record (records trimmed so far)
};

} // namespace orderlab
