#include "subscriber_apps.h"

#include "js/json.h"
#include "js/operations.h"

#include <algorithm>

namespace orderlab {

namespace {
const char *const kOrderApp = "Order app";
const char *const kAdminApp = "Admin app";

std::string idOf(const std::string &payload)
{
    try {
        const js::Value v = js::parseJson(payload);
        const js::Value id = v.isObject() ? js::getProperty(v, "id") : js::Value();
        return id.isUndefined() ? std::string() : js::toString(id);
    } catch (const std::exception &) {
        return {};
    }
}
} // namespace

SubscriberApps::SubscriberApps(TopicHub &hub, EventBus &bus, std::string cache, std::size_t maxFollowed)
    : m_hub(hub), m_bus(bus), m_cache(std::move(cache)), m_maxFollowed(std::max<std::size_t>(1, maxFollowed))
{
}

SubscriberApps::~SubscriberApps()
{
    m_topicEvents.reset();
    std::vector<TopicHub::SubscriptionId> ids;
    {
        std::lock_guard lock(m_mutex);
        for (const auto &[key, id] : m_subscriptions)
            ids.push_back(id);
        m_subscriptions.clear();
        m_followed.clear();
        m_followedAt.clear();
    }
    for (auto id : ids)
        m_hub.unsubscribe(id);
}

void SubscriberApps::start()
{
    m_topicEvents = m_bus.subscribe([this](const Event &e) {
        if (const auto *t = e.as<TopicChangedEvent>())
            onTopicEvent(t->change);
    });
    subscribe(kAdminApp, "new-order");
    subscribe(kAdminApp, "order-canceled");
}

bool SubscriberApps::matches(const std::string &pattern, const std::string &topic)
{
    // Glob with '*' only: iterative match with backtracking to the last star.
    std::size_t p = 0, t = 0, star = std::string::npos, mark = 0;
    while (t < topic.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (p < pattern.size() && pattern[p] == topic[t]) {
            ++p;
            ++t;
        } else if (star != std::string::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

void SubscriberApps::subscribe(const std::string &name, const std::string &topic)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_subscriptions.count({name, topic}))
            return;
    }
    auto r = m_hub.subscribe(
        m_cache, topic, 0, 0, [this, name, topic](const SubscriptionItem &item) { deliver(name, topic, item); }, name);
    if (auto *id = std::get_if<TopicHub::SubscriptionId>(&r)) {
        std::lock_guard lock(m_mutex);
        m_subscriptions[{name, topic}] = *id;
    }
}

void SubscriberApps::follow(const std::string &name, const std::string &topic)
{
    subscribe(name, topic);
    std::vector<Key> dropped;
    {
        std::lock_guard lock(m_mutex);
        const Key key{name, topic};
        if (!m_subscriptions.count(key) || m_followedAt.count(key))
            return;
        m_followedAt[key] = m_followed.insert(m_followed.end(), key);
        while (m_followed.size() > m_maxFollowed) {
            dropped.push_back(m_followed.front());
            m_followedAt.erase(m_followed.front());
            m_followed.pop_front();
        }
    }
    for (const auto &[n, t] : dropped)
        unsubscribeTopic(n, t);
}

std::size_t SubscriberApps::subscriptionCount() const
{
    std::lock_guard lock(m_mutex);
    return m_subscriptions.size();
}

void SubscriberApps::unsubscribeTopic(const std::string &name, const std::string &topic)
{
    TopicHub::SubscriptionId id = 0;
    {
        std::lock_guard lock(m_mutex);
        if (auto f = m_followedAt.find({name, topic}); f != m_followedAt.end()) {
            m_followed.erase(f->second);
            m_followedAt.erase(f);
        }
        auto it = m_subscriptions.find({name, topic});
        if (it == m_subscriptions.end())
            return;
        id = it->second;
        m_subscriptions.erase(it);
    }
    m_hub.unsubscribe(id);
}

void SubscriberApps::deliver(const std::string &name, const std::string &topic, const SubscriptionItem &item)
{
    DeliveredEvent n;
    n.subscriber = name;
    n.topic = topic;
    if (const auto *message = std::get_if<TopicItem>(&item)) {
        n.sequenceNumber = message->sequenceNumber;
        n.value = message->value.data;
    } else {
        const auto &gap = std::get<TopicDiscontinuity>(item);
        n.discontinuity = true;
        n.sequenceNumber = gap.newSequence;
        n.value = "missed " + std::to_string(gap.lastSequence + 1) + ".." + std::to_string(gap.newSequence - 1);
    }
    {
        std::lock_guard lock(m_mutex);
        ++m_delivered[name];
    }
    const bool admin = name == kAdminApp && !n.discontinuity;
    const std::string value = admin ? n.value : std::string();
    m_bus.publish(std::move(n));
    if (admin) {
        if (topic == "new-order")
            onNewOrder(value);
        else if (topic == "order-canceled")
            onCanceled(value);
    }
}

void SubscriberApps::onNewOrder(const std::string &value)
{
    const std::string id = idOf(value);
    if (id.empty())
        return;
    follow(kAdminApp, id + "-updated");
    follow(kAdminApp, id + "-status-updated");
    follow(kOrderApp, id + "-status-updated");
}

void SubscriberApps::onCanceled(const std::string &value)
{
    const std::string id = idOf(value);
    if (id.empty())
        return;
    unsubscribeTopic(kAdminApp, id + "-updated");
    unsubscribeTopic(kAdminApp, id + "-status-updated");
    unsubscribeTopic(kOrderApp, id + "-status-updated");
}

void SubscriberApps::onTopicEvent(const TopicEvent &event)
{
    if (event.kind != TopicEvent::Kind::Published || event.cache != m_cache)
        return;
    std::vector<std::string> names;
    {
        std::lock_guard lock(m_mutex);
        for (const auto &[name, pattern] : m_patterns) {
            if (matches(pattern, event.topic) && !m_subscriptions.count({name, event.topic}))
                names.push_back(name);
        }
    }
    for (const auto &name : names)
        follow(name, event.topic);
}

bool SubscriberApps::addSubscriber(const std::string &name, const std::string &topicOrPattern, std::string *error)
{
    if (name.empty() || topicOrPattern.empty()) {
        if (error)
            *error = "a subscriber needs a name and a topic";
        return false;
    }
    if (topicOrPattern.find('*') == std::string::npos) {
        subscribe(name, topicOrPattern);
        std::lock_guard lock(m_mutex);
        if (!m_subscriptions.count({name, topicOrPattern})) {
            if (error)
                *error = "cannot subscribe to '" + topicOrPattern + "'";
            return false;
        }
        m_patterns.erase(name);
        return true;
    }
    std::lock_guard lock(m_mutex);
    m_patterns[name] = topicOrPattern;
    return true;
}

void SubscriberApps::removeSubscriber(const std::string &name)
{
    std::vector<std::string> topics;
    {
        std::lock_guard lock(m_mutex);
        m_patterns.erase(name);
        for (const auto &[key, id] : m_subscriptions)
            if (key.first == name)
                topics.push_back(key.second);
    }
    for (const auto &t : topics)
        unsubscribeTopic(name, t);
}

std::vector<std::pair<std::string, std::string>> SubscriberApps::subscribers() const
{
    std::lock_guard lock(m_mutex);
    std::vector<std::pair<std::string, std::string>> out;
    // Every plain topic a user subscriber was given (one entry each: a subscriber may have several); the
    // topics its pattern matched, and the apps' own, are followed topics, not subscribers. The patterns come
    // last, so that adding these back in order (restore) ends with the same subscriptions: a plain topic
    // added after a pattern would replace it.
    for (const auto &[key, id] : m_subscriptions)
        if (key.first != kOrderApp && key.first != kAdminApp && !m_followedAt.count(key))
            out.emplace_back(key.first, key.second);
    for (const auto &[name, pattern] : m_patterns)
        out.emplace_back(name, pattern);
    return out;
}

SubscriberApps::Saved SubscriberApps::saved() const
{
    Saved out;
    out.subscribers = subscribers();
    std::lock_guard lock(m_mutex);
    out.followed.assign(m_followed.begin(), m_followed.end());
    return out;
}

bool SubscriberApps::restore(const Saved &saved, std::string *error)
{
    for (const auto &[name, topic] : saved.subscribers)
        if (!addSubscriber(name, topic, error))
            return false;
    for (const auto &[name, topic] : saved.followed) {
        if (name.empty() || topic.empty()) {
            if (error)
                *error = "a followed topic needs a subscriber and a topic";
            return false;
        }
        follow(name, topic);
    }
    return true;
}

std::size_t SubscriberApps::delivered(const std::string &subscriber) const
{
    std::lock_guard lock(m_mutex);
    auto it = m_delivered.find(subscriber);
    return it == m_delivered.end() ? 0 : it->second;
}

} // namespace orderlab
