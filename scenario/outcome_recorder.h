#pragma once

#include "process_attribution.h"
#include "world/world.h"

#include <QJsonArray>
#include <QJsonObject>

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace orderlab::scenario {

/// A message as one subscriber received it.
struct Delivery
{
    TimeMs timeMs = 0; ///< since the run's start
    std::string topic;
    std::string message;
    bool discontinuity = false;
};

/**
 * Follows a world's event bus from before its start and makes the golden outcome
 * (docs/scenarios.md, "The golden outcome"): every publish with its subscriber deliveries, every
 * invocation and its response, every discard, expiry and failed command; with the world's final
 * cache, orders table and checker verdict read at outcomeJson(). Times are emulator
 * milliseconds since `startMs`, never the wall clock, so the same scenario gives the same bytes. What a
 * handler process did is named as core's calls are (ProcessAttribution).
 *
 * Threading: the bus calls it on whichever thread publishes; its own lock guards what it keeps.
 * The world must outlive it (it unsubscribes on destruction).
 */
class OutcomeRecorder
{
  public:
    explicit OutcomeRecorder(World &world);
    /// The moment times are counted from (the world's start).
    void setStart(TimeMs startMs) { m_startMs = startMs; }

    /// A `dynamodb:` step's call at emulator time `t`: its answer's status and JSON body.
    void recordApiCall(TimeMs t, const std::string &operation, int status, const std::string &body);
    /// What `subscriber` received so far, in order.
    std::vector<Delivery> deliveries(const std::string &subscriber) const;
    /// The canonical outcome: pretty-printed JSON, sorted keys, ending in a newline.
    std::string outcomeJson();

  private:
    void onEvent(const Event &event);
    TimeMs since(TimeMs t) const { return t - m_startMs; }

    World &m_world;
    TimeMs m_startMs = 0;
    mutable std::mutex m_mutex;
    QJsonArray m_publishes;
    std::map<std::pair<std::string, std::uint64_t>, qsizetype> m_publishAt; // (topic, sequence) -> index
    std::map<std::pair<std::string, std::uint64_t>, QJsonArray> m_waiting;  // deliveries before their publish
    QJsonArray m_invocations;
    QJsonArray m_discards;
    QJsonArray m_expired;
    QJsonArray m_commandErrors;
    QJsonArray m_apiCalls;
    std::map<std::string, std::vector<Delivery>> m_deliveries;
    ProcessAttribution m_attribution;      ///< a handler process's publishes and writes, named as core's
    EventBus::Subscription m_subscription; // last: ended first
};

} // namespace orderlab::scenario
