#pragma once

#include "clock.h"
#include "momento/responses.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace orderlab {

class EventBus;

/// A topic message: text (`_TopicValue.text`) or bytes (`_TopicValue.binary`).
struct TopicValue
{
    enum class Kind { Text, Binary };
    Kind kind = Kind::Text;
    std::string data;

    static TopicValue text(std::string s) { return {Kind::Text, std::move(s)}; }
    static TopicValue binary(std::string bytes) { return {Kind::Binary, std::move(bytes)}; }
    bool operator==(const TopicValue &) const = default;
};

/// One delivered message (`_TopicItem`).
struct TopicItem
{
    std::uint64_t sequenceNumber = 0;
    std::uint64_t sequencePage = 0;
    TopicValue value;
    std::string publisherId;
};

/// Messages were missed (`_Discontinuity`): the next item has `newSequence`, on `newSequencePage`.
struct TopicDiscontinuity
{
    std::uint64_t lastSequence = 0;
    std::uint64_t newSequence = 0;
    std::uint64_t newSequencePage = 0;
};

/// What a subscriber's callback receives.
using SubscriptionItem = std::variant<TopicItem, TopicDiscontinuity>;

/// A change seen by TopicHub's listeners (UI, trace).
struct TopicEvent
{
    enum class Kind { Published, Subscribed, Unsubscribed };
    Kind kind = Kind::Published;
    std::string cache;
    std::string topic;
    std::uint64_t sequenceNumber = 0; ///< Published: the message's number
    std::size_t size = 0;             ///< Published: message bytes
    std::string who;                  ///< Published: publisher id; (Un)Subscribed: the subscriber's description
    std::size_t delivered = 0;        ///< Published: subscribers that got it; Subscribed: items replayed
    TimeMs timeMs = 0;
};

/**
 * Momento Topics (`docs/momento-wire.md`, "Semantics"): per (cache, topic) a sequence number that
 * starts at 1 and grows by 1 per publish, a `sequence_page` fixed for the topic's life (a
 * hash of seed, cache and topic; never 0), and the last `keep` messages for resuming.
 * Fire and forget: a message reaches only the subscribers connected when it is published.
 *
 * Bounded: a topic with no subscriber and nothing to deliver is *idle*. When there are more than
 * `maxTopics` topics, or their kept messages hold more than `maxKeptBytes`, idle topics are
 * forgotten, least recently published to or subscribed first, until the hub is within both (or
 * no idle topic is left: topics with subscribers are bounded by the subscription limits of whoever
 * subscribes). A forgotten topic starts again at sequence number 1 on the same page; a resume
 * into it gets a discontinuity. So one publish to each of 50,000 topics holds at most `maxTopics`.
 *
 * Errors come back as momento::Error: empty cache or topic name → InvalidArgument, unknown
 * cache → CacheNotFound, message over `maxMessageBytes` → LimitExceeded
 * ("request_size_limit_exceeded: ...").
 *
 * Threading: all members are thread-safe. Each topic delivers one job (a published item,
 * or a subscriber's replay) at a time, in sequence order: a publish waits for its turn and
 * then delivers its item synchronously on the publisher's thread before returning (so a
 * fast publisher is paced by its subscribers). A publish made from inside a callback or
 * listener does not wait: the thread delivering that topic delivers it after the current
 * item. No hub lock is held while a callback runs or an event is published; both may call
 * into the hub.
 */
class TopicHub
{
  public:
    struct Options
    {
        std::size_t keep = 100;             ///< messages kept per topic for resume
        std::size_t maxMessageBytes = 4096; ///< 4 KB
        std::uint64_t seed = 1;             ///< seeds the sequence pages
        /// Topics kept at most; beyond that, topics without subscribers are forgotten, least
        /// recently used first (see the class comment).
        std::size_t maxTopics = 1000;
        /// Bytes of kept messages (all topics) at most; beyond that, likewise.
        std::size_t maxKeptBytes = 32 * 1024 * 1024;
    };

    using SubscriptionId = std::uint64_t;
    using Callback = std::function<void(const SubscriptionItem &)>;
    using SubscribeResponse = std::variant<SubscriptionId, momento::Error>;
    /// Whether a cache exists; empty = every cache exists. Called with no hub lock held.
    using CacheExists = std::function<bool(const std::string &)>;

    struct TopicInfo
    {
        std::string cache;
        std::string topic;
        std::uint64_t lastSequence = 0; ///< 0 until the first publish
        std::uint64_t sequencePage = 0;
        std::size_t subscribers = 0;
        std::uint64_t published = 0;
        std::size_t kept = 0;
    };
    struct SubscriberInfo
    {
        SubscriptionId id = 0;
        std::string cache;
        std::string topic;
        std::string description;
        std::uint64_t delivered = 0; ///< items and discontinuities
    };

    /// `clock` is borrowed and must outlive the hub. Publishes, subscribes and unsubscribes are
    /// published to `events` (TopicChangedEvent) when given, on the delivering thread with no hub
    /// lock held; the bus is borrowed and must outlive the hub.
    TopicHub(const Clock &clock, CacheExists cacheExists, Options options, EventBus *events = nullptr);
    explicit TopicHub(const Clock &clock, CacheExists cacheExists = {}, EventBus *events = nullptr)
        : TopicHub(clock, std::move(cacheExists), Options(), events)
    {
    }
    ~TopicHub();
    TopicHub(const TopicHub &) = delete;
    TopicHub &operator=(const TopicHub &) = delete;

    /// Assigns the next sequence number, keeps the message and delivers it to the topic's
    /// current subscribers before returning (from inside a callback: see the class comment).
    momento::Status publish(const std::string &cache, const std::string &topic, TopicValue value,
                            const std::string &publisherId = {});

    /**
     * Registers `callback` for (cache, topic). `resumeAt` 0 = from now. With `resumeAt` k > 0,
     * the kept messages numbered k and later are replayed first (delivered like a publish,
     * before this returns unless called from a callback); a TopicDiscontinuity comes before them if k is older
     * than the oldest kept message, later than the next number, or `sequencePage` (when not 0)
     * is not the topic's page, and the replay then starts at the oldest kept message. Messages
     * published concurrently are neither lost nor duplicated. `description` is shown in
     * subscribers(). An empty callback → InvalidArgument.
     */
    SubscribeResponse subscribe(const std::string &cache, const std::string &topic, std::uint64_t resumeAt,
                                std::uint64_t sequencePage, Callback callback, const std::string &description = {});
    /**
     * After this returns the callback is not running and is never called again, except when
     * called from inside that same callback (then it returns at once; no further calls).
     * Must not be called while holding a lock the callback takes. Unknown ids are ignored.
     */
    void unsubscribe(SubscriptionId id);

    /// Sorted by cache, then topic. A topic exists from its first publish or subscribe until it
    /// is forgotten (see the class comment).
    std::vector<TopicInfo> topics() const;
    /// Sorted by id.
    std::vector<SubscriberInfo> subscribers() const;

  private:
    struct Subscriber;
    struct Topic;
    struct Job;
    using ItemPtr = std::shared_ptr<const SubscriptionItem>;

    std::optional<momento::Error> check(const std::string &cache, const std::string &topic) const;
    std::shared_ptr<Topic> topicFor(const std::string &cache, const std::string &topic); // m_mutex held
    /// Forgets idle topics other than `keep` until within maxTopics and maxKeptBytes. m_mutex held.
    void trim(const Topic *keep);
    /// Queues `job` (m_mutex held by `lock`) and delivers it when its turn comes (see above).
    void enqueue(Topic &topic, Job job, std::unique_lock<std::mutex> &lock);
    std::size_t deliver(const Job &job);
    void notify(const TopicEvent &event) const;

    const Clock &m_clock;
    const CacheExists m_cacheExists;
    const Options m_options;

    mutable std::mutex m_mutex;
    std::map<std::pair<std::string, std::string>, std::shared_ptr<Topic>> m_topics;
    std::map<SubscriptionId, std::shared_ptr<Subscriber>> m_subscribers;
    SubscriptionId m_nextSubscriber = 1;
    std::size_t m_keptBytes = 0; ///< message bytes in every topic's `kept`
    std::uint64_t m_useTick = 0; ///< orders topics by last use
    EventBus *const m_events;
};

} // namespace orderlab
