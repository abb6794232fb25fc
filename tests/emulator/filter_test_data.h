#pragma once

// Stream records for tst_filter_pattern, in the record format of docs/stream-and-mapping.md.
// Raw string literals live here, outside moc's view (include inside #ifndef Q_MOC_RUN).

namespace orderlab::filter_test_data {

/// The MODIFY example of docs/stream-and-mapping.md ("Example record"): PREPARING -> BAKING.
inline constexpr const char *kModifyRecord =
    R"({"eventID":"c81e728d9d4c2f636f067f89cc14862c","eventName":"MODIFY","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"us-east-1",
 "dynamodb":{"ApproximateCreationDateTime":1732449900,
  "Keys":{"pk":{"S":"ord-1"}},
  "NewImage":{"status":{"S":"BAKING"},"creator":{"S":"alice"},"pk":{"S":"ord-1"},"createdAt":{"S":"2024-11-24T12:00:00.000Z"},"numItems":{"N":"1"},"lastUpdated":{"S":"2024-11-24T12:05:00.000Z"},"items":{"L":[{"M":{"size":{"S":"L"},"price":{"N":"12.5"},"toppings":{"L":[{"S":"basil"}]}}}]}},
  "OldImage":{"status":{"S":"PREPARING"},"creator":{"S":"alice"},"pk":{"S":"ord-1"},"createdAt":{"S":"2024-11-24T12:00:00.000Z"},"numItems":{"N":"1"},"items":{"L":[{"M":{"size":{"S":"L"},"price":{"N":"12.5"},"toppings":{"L":[{"S":"basil"}]}}}]}},
  "SequenceNumber":"100000000000000000002","SizeBytes":283,"StreamViewType":"NEW_AND_OLD_IMAGES"},
 "eventSourceARN":"arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2024-11-24T00:00:00.000"})";

/// An INSERT as the stream record writer produces it (NEW_AND_OLD_IMAGES, no OldImage).
inline constexpr const char *kInsertRecord =
    R"({"eventID":"6566dcd4b1db80b0f20551e026aa7a9c","eventName":"INSERT","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"us-east-1","dynamodb":{"ApproximateCreationDateTime":1732449600,"Keys":{"pk":{"S":"ord-1"}},"NewImage":{"status":{"S":"PREPARING"},"creator":{"S":"alice"},"pk":{"S":"ord-1"},"createdAt":{"S":"2024-11-24T12:01:00.000Z"},"numItems":{"N":"1"},"items":{"L":[{"M":{"name":{"S":"margherita"},"size":{"S":"L"},"price":{"N":"12.5"},"toppings":{"L":[{"S":"basil"},{"S":"mozzarella"}]}}}]}},"SequenceNumber":"100000000000000000001","SizeBytes":155,"StreamViewType":"NEW_AND_OLD_IMAGES"},"eventSourceARN":"arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2024-11-24T00:00:00.000"})";

/// A REMOVE made by TTL: the only kind of record with `userIdentity`.
inline constexpr const char *kTtlRemoveRecord =
    R"({"eventID":"0f3a2b1c4d5e6f708192a3b4c5d6e7f8","eventName":"REMOVE","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"us-east-1","dynamodb":{"ApproximateCreationDateTime":1732536000,"Keys":{"pk":{"S":"ord-1"}},"OldImage":{"status":{"S":"DELIVERED"},"creator":{"S":"alice"},"pk":{"S":"ord-1"},"createdAt":{"S":"2024-11-24T12:00:00.000Z"},"numItems":{"N":"1"},"ttl":{"N":"1732536000"},"items":{"L":[]}},"SequenceNumber":"100000000000000000907","SizeBytes":121,"StreamViewType":"NEW_AND_OLD_IMAGES"},"eventSourceARN":"arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2024-11-24T00:00:00.000","userIdentity":{"type":"Service","principalId":"dynamodb.amazonaws.com"}})";

} // namespace orderlab::filter_test_data
