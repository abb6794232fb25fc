#include "topic_hub.h"

#include "events/event_bus.h"

#include "random.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <thread>

namespace orderlab {

using momento::Error;
using momento::ErrorCode;

struct TopicHub::Subscriber
{
    SubscriptionId id = 0;
    std::string cache;
    std::string topic;
    std::string description;
    Callback callback;
    std::atomic<bool> active{true};
    std::atomic<std::uint64_t> delivered{0};
    std::mutex callMutex;                  // held while `callback` runs
    std::atomic<std::thread::id> caller{}; // the thread running `callback`, if any
};

struct TopicHub::Job
{
    std::uint64_t ticket = 0;
    bool owned = false; // its thread waits to deliver it itself; else whoever is delivering does
    std::vector<ItemPtr> items;
    std::vector<std::shared_ptr<Subscriber>> to;
    TopicEvent event; // notified after the items are delivered
};

struct TopicHub::Topic
{
    std::string cache;
    std::string name;
    std::uint64_t page = 0;
    // Guarded by TopicHub::m_mutex:
    std::uint64_t nextSequence = 1;
    std::uint64_t published = 0;
    std::deque<ItemPtr> kept;
    std::size_t keptBytes = 0;
    std::uint64_t lastUse = 0;
    std::vector<std::shared_ptr<Subscriber>> subscribers;
    std::deque<Job> queue; // in sequence order
    bool delivering = false;
    std::uint64_t nextTicket = 0;
    std::condition_variable turn;
};

namespace {

thread_local int t_delivering = 0; // > 0 inside a callback or listener called by a TopicHub

std::uint64_t pageFor(std::uint64_t seed, const std::string &cache, const std::string &topic)
{
    std::uint64_t h = 0xcbf29ce484222325ULL; // FNV-1a over "cache\0topic"
    for (char c : cache + '\0' + topic)
        h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    std::uint64_t state = h ^ seed;
    const std::uint64_t page = Random::splitmix64(state);
    return page == 0 ? 1 : page;
}

std::uint64_t sequenceOf(const SubscriptionItem &item)
{
    return std::get<TopicItem>(item).sequenceNumber;
}

std::size_t bytesOf(const SubscriptionItem &item)
{
    return std::get<TopicItem>(item).value.data.size();
}

} // namespace

TopicHub::TopicHub(const Clock &clock, CacheExists cacheExists, Options options, EventBus *events)
    : m_clock(clock), m_cacheExists(std::move(cacheExists)), m_options(options), m_events(events)
{
}

TopicHub::~TopicHub() = default;

momento::Status TopicHub::publish(const std::string &cache, const std::string &topic, TopicValue value,
                                  const std::string &publisherId)
{
    if (auto e = check(cache, topic))
        return e;
    if (value.data.size() > m_options.maxMessageBytes)
        return Error{ErrorCode::LimitExceeded, "request_size_limit_exceeded: message of " +
                                                   std::to_string(value.data.size()) + " bytes exceeds the limit of " +
                                                   std::to_string(m_options.maxMessageBytes) + " bytes"};
    std::unique_lock lock(m_mutex);
    auto t = topicFor(cache, topic);
    const std::uint64_t sequence = t->nextSequence++;
    ++t->published;
    const std::size_t size = value.data.size();
    auto item = std::make_shared<const SubscriptionItem>(TopicItem{sequence, t->page, std::move(value), publisherId});
    t->kept.push_back(item);
    t->keptBytes += size;
    m_keptBytes += size;
    while (t->kept.size() > m_options.keep) {
        const std::size_t dropped = bytesOf(*t->kept.front());
        t->keptBytes -= dropped;
        m_keptBytes -= dropped;
        t->kept.pop_front();
    }
    trim(t.get());
    TopicEvent event{TopicEvent::Kind::Published, cache, topic, sequence, size, publisherId, 0, m_clock.now()};
    enqueue(*t, Job{0, false, {std::move(item)}, t->subscribers, std::move(event)}, lock);
    return std::nullopt;
}

TopicHub::SubscribeResponse TopicHub::subscribe(const std::string &cache, const std::string &topic,
                                                std::uint64_t resumeAt, std::uint64_t sequencePage, Callback callback,
                                                const std::string &description)
{
    if (auto e = check(cache, topic))
        return *e;
    if (!callback)
        return Error{ErrorCode::InvalidArgument, "subscription callback must not be empty"};
    auto sub = std::make_shared<Subscriber>();
    sub->cache = cache;
    sub->topic = topic;
    sub->description = description;
    sub->callback = std::move(callback);

    std::unique_lock lock(m_mutex);
    auto t = topicFor(cache, topic);
    trim(t.get());
    sub->id = m_nextSubscriber++;
    m_subscribers.emplace(sub->id, sub);
    t->subscribers.push_back(sub);

    Job job{0,
            false,
            {},
            {sub},
            TopicEvent{TopicEvent::Kind::Subscribed, cache, topic, 0, 0, description, 0, m_clock.now()}};
    if (resumeAt > 0) {
        // Jobs still queued were made before `sub` joined, so their items are replayed too.
        const std::uint64_t oldest = t->kept.empty() ? t->nextSequence : sequenceOf(*t->kept.front());
        const bool gap =
            (sequencePage != 0 && sequencePage != t->page) || resumeAt < oldest || resumeAt > t->nextSequence;
        if (gap)
            job.items.push_back(
                std::make_shared<const SubscriptionItem>(TopicDiscontinuity{resumeAt - 1, oldest, t->page}));
        for (const auto &item : t->kept)
            if (gap || sequenceOf(*item) >= resumeAt)
                job.items.push_back(item);
    }
    const SubscriptionId id = sub->id;
    enqueue(*t, std::move(job), lock);
    return id;
}

void TopicHub::unsubscribe(SubscriptionId id)
{
    std::shared_ptr<Subscriber> sub;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_subscribers.find(id);
        if (it == m_subscribers.end())
            return;
        sub = it->second;
        m_subscribers.erase(it);
        sub->active = false;
        if (auto t = m_topics.find({sub->cache, sub->topic}); t != m_topics.end())
            std::erase(t->second->subscribers, sub);
    }
    if (sub->caller.load() != std::this_thread::get_id())
        std::lock_guard wait(sub->callMutex); // a call in progress on another thread finishes first
    notify(
        TopicEvent{TopicEvent::Kind::Unsubscribed, sub->cache, sub->topic, 0, 0, sub->description, 0, m_clock.now()});
}

std::vector<TopicHub::TopicInfo> TopicHub::topics() const
{
    std::lock_guard lock(m_mutex);
    std::vector<TopicInfo> out;
    out.reserve(m_topics.size());
    for (const auto &[key, t] : m_topics)
        out.push_back(TopicInfo{t->cache, t->name, t->nextSequence - 1, t->page, t->subscribers.size(), t->published,
                                t->kept.size()});
    return out;
}

std::vector<TopicHub::SubscriberInfo> TopicHub::subscribers() const
{
    std::lock_guard lock(m_mutex);
    std::vector<SubscriberInfo> out;
    out.reserve(m_subscribers.size());
    for (const auto &[id, s] : m_subscribers)
        out.push_back(SubscriberInfo{id, s->cache, s->topic, s->description, s->delivered.load()});
    return out;
}

std::optional<Error> TopicHub::check(const std::string &cache, const std::string &topic) const
{
    if (cache.empty())
        return Error{ErrorCode::InvalidArgument, "cache name must not be empty"};
    if (topic.empty())
        return Error{ErrorCode::InvalidArgument, "topic name must not be empty"};
    if (m_cacheExists && !m_cacheExists(cache))
        return Error{ErrorCode::CacheNotFound, "cache '" + cache + "' not found"};
    return std::nullopt;
}

std::shared_ptr<TopicHub::Topic> TopicHub::topicFor(const std::string &cache, const std::string &topic)
{
    auto &slot = m_topics[{cache, topic}];
    if (!slot) {
        slot = std::make_shared<Topic>();
        slot->cache = cache;
        slot->name = topic;
        slot->page = pageFor(m_options.seed, cache, topic);
    }
    slot->lastUse = ++m_useTick;
    return slot;
}

void TopicHub::trim(const Topic *keep)
{
    while (m_topics.size() > m_options.maxTopics || m_keptBytes > m_options.maxKeptBytes) {
        auto oldest = m_topics.end();
        for (auto it = m_topics.begin(); it != m_topics.end(); ++it) {
            const Topic &t = *it->second;
            const bool idle = t.subscribers.empty() && t.queue.empty() && !t.delivering;
            if (idle && &t != keep && (oldest == m_topics.end() || t.lastUse < oldest->second->lastUse))
                oldest = it;
        }
        if (oldest == m_topics.end())
            return;
        m_keptBytes -= oldest->second->keptBytes;
        m_topics.erase(oldest);
    }
}

void TopicHub::enqueue(Topic &topic, Job job, std::unique_lock<std::mutex> &lock)
{
    // A thread inside a callback never waits for the topic (that could deadlock across
    // topics): its job is delivered by whoever delivers the topic. Any other thread waits
    // for its turn and delivers its own job, which bounds the queue and paces publishers.
    const bool nested = t_delivering > 0;
    const std::uint64_t ticket = topic.nextTicket++;
    job.ticket = ticket;
    job.owned = !nested;
    topic.queue.push_back(std::move(job));
    if (nested && (topic.delivering || topic.queue.size() > 1))
        return;
    topic.turn.wait(lock, [&] { return !topic.delivering && topic.queue.front().ticket == ticket; });
    topic.delivering = true;
    ++t_delivering;
    try {
        // Our job, then the nested jobs behind it, up to the next job whose thread waits.
        for (bool first = true; !topic.queue.empty() && (first || !topic.queue.front().owned); first = false) {
            Job next = std::move(topic.queue.front());
            topic.queue.pop_front();
            lock.unlock();
            next.event.delivered = deliver(next);
            if (next.event.kind == TopicEvent::Kind::Subscribed)
                next.event.delivered = next.items.size();
            notify(next.event);
            lock.lock();
        }
    } catch (...) { // a throwing callback or listener
        if (!lock.owns_lock())
            lock.lock();
        --t_delivering;
        topic.delivering = false;
        topic.turn.notify_all();
        throw;
    }
    --t_delivering;
    topic.delivering = false;
    topic.turn.notify_all();
}

std::size_t TopicHub::deliver(const Job &job)
{
    std::size_t reached = 0;
    for (const auto &sub : job.to) {
        if (!sub->active.load())
            continue;
        std::lock_guard call(sub->callMutex);
        if (!sub->active.load())
            continue;
        sub->caller = std::this_thread::get_id();
        struct ResetCaller
        {
            Subscriber &s;
            ~ResetCaller() { s.caller = std::thread::id(); }
        } reset{*sub};
        for (const auto &item : job.items) {
            if (!sub->active.load())
                break;
            sub->callback(*item);
            ++sub->delivered;
        }
        ++reached;
    }
    return reached;
}

void TopicHub::notify(const TopicEvent &event) const
{
    if (m_events)
        m_events->publish(TopicChangedEvent{event});
}

} // namespace orderlab
