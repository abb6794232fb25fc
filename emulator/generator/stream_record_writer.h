#pragma once

#include "lifecycle_generator.h"
#include "stream/record_ids.h"
#include "stream/view_type.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orderlab {

/**
 * Turns OrderChanges into Lambda DynamoDB stream records and events, byte for byte in the
 * `docs/stream-and-mapping.md`, "Record format": keys in the documented order, no spaces, strings
 * escaped as JavaScript's `JSON.stringify` escapes them.
 *
 * Each record written takes one RecordId (stream/record_ids.h: a seeded 32-hex-character
 * eventID and a 21-digit sequence number from `100000000000000000001` upwards), so the same
 * seed and the same changes give the same text.
 * The writer stands for one stream with one shard (region us-east-1, table `orders`).
 *
 * Not thread-safe; one writer per thread.
 */
class StreamRecordWriter
{
  public:
    explicit StreamRecordWriter(std::uint64_t seed, StreamViewType viewType = StreamViewType::NewAndOldImages);

    StreamViewType viewType() const { return m_viewType; }

    /// One record (an element of `Records`) for `change`, as compact JSON.
    /// Images are included by view type; the change's attribute value texts are copied as
    /// they are (they must be compact AttributeValue JSON).
    /// @throws std::invalid_argument if an image the view type needs is absent from the change
    ///         (e.g. an Insert without newItem), or its attribute values are not valid
    ///         AttributeValue JSON (SizeBytes cannot be computed).
    std::string writeRecord(const OrderChange &change);

    /// A whole event line `{"Records":[...]}` for `changes`, in order (no trailing newline).
    /// @throws as writeRecord.
    std::string writeEvent(const std::vector<OrderChange> &changes);

    /// Wraps already written records into `{"Records":[...]}`.
    static std::string eventFromRecords(const std::vector<std::string> &records);

    /// The SizeBytes rule (`docs/stream-and-mapping.md`, "SizeBytes"; dynamodb::valueSize) for one AttributeValue
    /// JSON text (S, N, B, BOOL, NULL, SS, NS, BS, L, M), not counting its name.
    /// @throws std::invalid_argument on malformed JSON (js::JsonParseError) or a value
    ///         dynamodb::parseAttributeValue refuses (dynamodb::ValidationError: an unknown or
    ///         second type key, bad number or base64, an empty set, too deep nesting, ...).
    static std::size_t attributeValueSize(std::string_view attributeValueJson);

    /// Σ over attributes of (UTF-8 length of the name + attributeValueSize(value)).
    /// @throws as attributeValueSize.
    static std::size_t imageSize(const Item &image);

    /// The stream ARN written into every record.
    static constexpr std::string_view kStreamArn =
        "arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2024-11-24T00:00:00.000";

  private:
    StreamViewType m_viewType;
    RecordIdSource m_ids;
};

} // namespace orderlab
