#pragma once

#include "async/task.h"
#include "js/value.h"
#include "momento/clients.h"
#include "order_array.h"
#include "order_domain.h"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace orderlab {

/// One record of the batch that the handler reports failed.
struct RecordFailure
{
    std::string itemIdentifier; ///< the record's SequenceNumber; "" when it has none (Lambda then fails the batch)
    std::string error;          ///< what went wrong, e.g. `Error: Unsupported type passed: X`
    bool processed = true;      ///< false: skipped because an earlier record of the batch failed
    bool dataError =
        false; ///< failed on its data (unmarshall, BigInt, missing image, bad cached array): every retry fails too
};

/// What one invocation returned.
struct HandlerResult
{
    /// Set when the invocation threw as a whole (the event itself is unusable): Lambda fails the batch.
    std::optional<std::string> thrown;
    /// In stream order: the first failed record, then every later record of the batch.
    std::vector<RecordFailure> failures;
    /// Things that work but are probably not what the user meant (view type, missing image).
    std::vector<std::string> warnings;
    std::size_t recordsProcessed = 0;

    /// The Lambda partial-batch response: `{"batchItemFailures":[{"itemIdentifier":"…"},…]}`.
    std::string responseJson() const;
};

/// Observes an invocation as it goes, e.g. to tie cache calls to the record that made them.
class InvocationObserver
{
  public:
    virtual ~InvocationObserver() = default;
    /// Called on the invocation's thread before record `index` (0-based) is processed.
    virtual void recordStarted(std::size_t index, const std::string &sequenceNumber) = 0;
};

/**
 * The order stream handler (`docs/handler.md`): the article's handler with its defects
 * fixed. Every record of the batch in order; the order view under `<id>` and
 * `ADMIN-<id>`; the summary upserted into `all-orders` and `<creator>`; the publish after
 * the writes. Any failed call or bad record stops the batch: that record and every later
 * one come back as failures, so that the event source mapping retries them.
 *
 * The clients are borrowed and must outlive the handler. `handle` may run concurrently
 * (several shards or lanes); nothing in it blocks.
 */
class StreamHandler
{
  public:
    struct Options
    {
        std::string cacheName = kCacheName;
        std::chrono::milliseconds ttl{60000};
    };

    StreamHandler(momento::CacheClient &cache, momento::TopicClient &topics);
    StreamHandler(momento::CacheClient &cache, momento::TopicClient &topics, Options options);
    /// Without default clients: every invocation goes through handleWith.
    explicit StreamHandler(Options options);

    /// Handles a parsed event (`{"Records":[...]}`) with the default clients (std::logic_error without them).
    Task<HandlerResult> handle(js::Value event, InvocationObserver *observer = nullptr);
    /// The same, with other clients for this invocation only (e.g. ones that attribute each call to it).
    /// They must outlive the returned task.
    Task<HandlerResult> handleWith(js::Value event, momento::CacheClient &cache, momento::TopicClient &topics,
                                   InvocationObserver *observer = nullptr);
    /// Parses the event text as the Lambda runtime does, then handles it; unparsable text is `thrown`.
    Task<HandlerResult> handleJson(std::string eventJson, InvocationObserver *observer = nullptr);

    const OrderArrays &arrays() const { return m_arrays; }

  private:
    /// One invocation's clients and result, passed down its coroutines.
    struct Calls
    {
        momento::CacheClient &cache;
        momento::TopicClient &topics;
        HandlerResult &result;
    };
    Task<void> processRecord(Calls &c, const js::Value &record);
    Task<void> handleNewOrUpdated(Calls &c, js::Value record, js::Value oldRecord, bool isInsert);
    Task<void> updateOrderRecord(Calls &c, const js::Value &record);
    Task<void> updateArrayCacheItem(Calls &c, js::Value keyValue, js::Value item);
    Task<void> handleDeleted(Calls &c, js::Value record);
    Task<void> deleteArrayCacheItem(Calls &c, js::Value keyValue, js::Value itemId);

    Task<void> set(Calls &c, std::string key, std::string value);
    Task<void> set(Calls &c, std::string key, momento::CacheValue value);
    Task<void> remove(Calls &c, std::string key);
    Task<void> publish(Calls &c, std::string topic, std::string value);
    Task<momento::CacheValue> get(Calls &c, std::string key);

    momento::CacheClient *m_cache = nullptr;
    momento::TopicClient *m_topics = nullptr;
    Options m_options;
    OrderArrays m_arrays;
};

} // namespace orderlab
