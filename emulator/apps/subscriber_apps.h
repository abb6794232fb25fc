#pragma once

#include "clock.h"
#include "events/event_bus.h"
#include "handler/order_domain.h"
#include "topic_hub.h"

#include <functional>
#include <list>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace orderlab {

/**
 * The apps that listen to the pipeline's topics, as the article's front ends do: the Admin
 * app subscribes to `new-order` and `order-canceled` and, for every new order, to its
 * `<id>-updated` and `<id>-status-updated`; the Order app follows each order's
 * `<id>-status-updated` (its status timeline). Users can add subscribers by topic or by a
 * pattern with `*` (subscribed when a matching topic first appears, so, fire and forget, its
 * first message is missed). Subscriptions are in-process TopicHub subscriptions.
 *
 * Every message an app receives is published to the bus as a DeliveredEvent (subscriber is
 * "Order app", "Admin app" or a user-added subscriber's name; a discontinuity's value says
 * which sequence numbers were missed); new topics are seen on the bus (TopicChangedEvent).
 *
 * Bounded (docs/memory-bounds.md): the subscriptions made per order (and by patterns) are
 * followed topics, at most `maxFollowed`; past that the oldest is unsubscribed, as an app
 * drops an order that left its screen. Without the bound, every order whose `order-canceled`
 * never came (a lost record, a fault) kept three subscriptions for ever.
 * Thread-safe.
 */
class SubscriberApps
{
  public:
    /// `hub` and `bus` are borrowed and must outlive this.
    SubscriberApps(TopicHub &hub, EventBus &bus, std::string cache = kCacheName, std::size_t maxFollowed = 3000);
    ~SubscriberApps();
    SubscriberApps(const SubscriberApps &) = delete;
    SubscriberApps &operator=(const SubscriberApps &) = delete;

    /// Subscribes the Order app and the Admin app.
    void start();

    /// Adds a subscriber to `topicOrPattern` (`*` matches any text). Returns false (and says why) for a bad topic.
    bool addSubscriber(const std::string &name, const std::string &topicOrPattern, std::string *error = nullptr);
    void removeSubscriber(const std::string &name);
    /// The user-added subscribers: (name, topic) for each plain topic, by name and topic, then (name, pattern).
    std::vector<std::pair<std::string, std::string>> subscribers() const;
    std::size_t delivered(const std::string &subscriber) const;
    /// Live subscriptions, fixed and followed.
    std::size_t subscriptionCount() const;

    static bool matches(const std::string &pattern, const std::string &topic);

    /// What a state file keeps (docs/state-files.md, "Subscribers"): the user-added subscribers (name,
    /// topic or pattern) and the followed topics (name, topic), oldest first: the apps' per-order topics
    /// and the topics patterns matched.
    struct Saved
    {
        std::vector<std::pair<std::string, std::string>> subscribers;
        std::vector<std::pair<std::string, std::string>> followed;
    };
    Saved saved() const;
    /// After start(): adds `saved`'s subscribers, then follows its topics in order (the oldest dropped past
    /// maxFollowed, as ever). False with the first error for a subscriber that cannot be added; what came
    /// before it stays.
    bool restore(const Saved &saved, std::string *error);

  private:
    using Key = std::pair<std::string, std::string>; // (name, topic)
    void subscribe(const std::string &name, const std::string &topic);
    /// subscribe(), counted against maxFollowed (the oldest followed topic goes first).
    void follow(const std::string &name, const std::string &topic);
    void unsubscribeTopic(const std::string &name, const std::string &topic);
    void deliver(const std::string &name, const std::string &topic, const SubscriptionItem &item);
    void onNewOrder(const std::string &value);
    void onCanceled(const std::string &value);
    void onTopicEvent(const TopicEvent &event);

    TopicHub &m_hub;
    EventBus &m_bus;
    std::string m_cache;
    mutable std::mutex m_mutex;
    std::map<std::pair<std::string, std::string>, TopicHub::SubscriptionId> m_subscriptions; // (name, topic)
    std::map<std::string, std::string> m_patterns;                                           // name -> pattern
    std::map<std::string, std::size_t> m_delivered;
    std::size_t m_maxFollowed;
    std::list<Key> m_followed;                            // oldest first
    std::map<Key, std::list<Key>::iterator> m_followedAt; // its place in m_followed
    EventBus::Subscription m_topicEvents;
};

} // namespace orderlab
