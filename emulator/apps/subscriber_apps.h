#pragma once

#include "clock.h"
#include "handler/order_domain.h"
#include "topic_hub.h"

#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace orderlab {

/// One message as a subscribing app received it.
struct Notification
{
    std::string subscriber;        ///< "Order app", "Admin app", or a user-added subscriber's name
    std::string topic;
    std::uint64_t sequenceNumber = 0;
    std::string value;
    TimeMs time = 0;
    bool discontinuity = false;    ///< a gap: value says which sequence numbers were missed
};

/**
 * The apps that listen to the pipeline's topics, as the article's front ends do: the Admin
 * app subscribes to `new-order` and `order-canceled` and, for every new order, to its
 * `<id>-updated` and `<id>-status-updated`; the Order app follows each order's
 * `<id>-status-updated` (its status timeline). Users can add subscribers by topic or by a
 * pattern with `*` (subscribed when a matching topic first appears, so, fire and forget, its
 * first message is missed). Subscriptions are in-process TopicHub subscriptions.
 *
 * Thread-safe; the sink is called on the publishing thread.
 */
class SubscriberApps
{
public:
    using Sink = std::function<void(const Notification &)>;

    SubscriberApps(TopicHub &hub, const Clock &clock, std::string cache = kCacheName);
    ~SubscriberApps();
    SubscriberApps(const SubscriberApps &) = delete;
    SubscriberApps &operator=(const SubscriberApps &) = delete;

    void setSink(Sink sink);
    /// Subscribes the Order app and the Admin app.
    void start();

    /// Adds a subscriber to `topicOrPattern` (`*` matches any text). Returns false (and says why) for a bad topic.
    bool addSubscriber(const std::string &name, const std::string &topicOrPattern, std::string *error = nullptr);
    void removeSubscriber(const std::string &name);
    std::vector<std::pair<std::string, std::string>> subscribers() const; ///< (name, topic or pattern)
    std::size_t delivered(const std::string &subscriber) const;

    static bool matches(const std::string &pattern, const std::string &topic);

private:
    void subscribe(const std::string &name, const std::string &topic);
    void unsubscribeTopic(const std::string &name, const std::string &topic);
    void deliver(const std::string &name, const std::string &topic, const SubscriptionItem &item);
    void onNewOrder(const std::string &value);
    void onCanceled(const std::string &value);
    void onTopicEvent(const TopicEvent &event);

    TopicHub &m_hub;
    const Clock &m_clock;
    std::string m_cache;
    mutable std::mutex m_mutex;
    Sink m_sink;
    std::map<std::pair<std::string, std::string>, TopicHub::SubscriptionId> m_subscriptions; // (name, topic)
    std::map<std::string, std::string> m_patterns;                                           // name -> pattern
    std::map<std::string, std::size_t> m_delivered;
    TopicHub::ListenerId m_listener = 0;
};

} // namespace orderlab
