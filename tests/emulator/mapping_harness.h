#pragma once
// A stream with its table and an event source mapping over a scripted function, for tests.

#include "dynamodb/orders_table.h"
#include "mapping/event_source_mapping.h"
#include "scheduler.h"
#include "stream/stream.h"

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace orderlab::testing {

/// The function under the mapping: answers each request with `respond` after `latencyMs`.
class ScriptedInvoker final : public Invoker
{
  public:
    explicit ScriptedInvoker(Scheduler &s) : m_scheduler(s) {}
    std::function<InvocationResult(const InvocationRequest &)> respond = [](const InvocationRequest &) {
        return InvocationResult{};
    };
    TimeMs latencyMs = 0;
    /// Per invocation: the pks it carried.
    std::vector<std::vector<std::string>> calls;
    int concurrent = 0;
    int maxConcurrent = 0;

    Task<InvocationResult> invoke(const InvocationRequest &request) override
    {
        std::vector<std::string> pks;
        for (const auto &r : request.records)
            pks.push_back(r->pk);
        calls.push_back(pks);
        maxConcurrent = std::max(maxConcurrent, ++concurrent);
        if (latencyMs > 0)
            co_await m_scheduler.sleep(latencyMs);
        --concurrent;
        co_return respond(request);
    }

  private:
    Scheduler &m_scheduler;
};

/// A response failing the records whose pk is in `bad` (the handler's partial-batch response).
inline InvocationResult failRecords(const InvocationRequest &request, const std::set<std::string> &bad)
{
    std::string json = "{\"batchItemFailures\":[";
    bool first = true;
    bool failing = false;
    for (const auto &r : request.records) {
        failing = failing || bad.count(r->pk);
        if (!failing)
            continue; // like core: the first failure and every later record
        json += std::string(first ? "" : ",") + "{\"itemIdentifier\":\"" + r->sequenceNumber + "\"}";
        first = false;
    }
    return InvocationResult::returned(json + "]}");
}

struct MappingHarness
{
    Scheduler scheduler{kDefaultStartTime};
    EventBus bus{scheduler};
    Stream stream;
    OrdersTable table;
    EventBus::Subscription following;
    EventBus::Subscription watching;
    ScriptedInvoker invoker{scheduler};
    std::unique_ptr<EventSourceMapping> mapping;
    std::vector<FailureRecord> discarded;
    std::vector<std::string> warnings;

    explicit MappingHarness(int shards = 1, StreamViewType view = StreamViewType::NewAndOldImages)
        : stream(scheduler, Stream::Options{shards, view, "us-east-1", 1, 24LL * 3600 * 1000}, &bus),
          table(scheduler, &bus), following(stream.follow(bus))
    {
    }

    void start(MappingConfig config)
    {
        mapping = std::make_unique<EventSourceMapping>(scheduler, stream, invoker, std::move(config), &bus);
        watching = bus.subscribe([this](const Event &e) {
            if (e.as<RecordsDiscardedEvent>())
                discarded.push_back(mapping->failures().back());
            else if (const auto *w = e.as<WarningEvent>())
                warnings.push_back(w->text);
        });
        mapping->start();
    }

    /// Puts order `pk` with `status`.
    void put(const std::string &pk, const std::string &status = "SUBMITTED")
    {
        table.put({{"pk", dynamodb::AttributeValue::string(pk)}, {"status", dynamodb::AttributeValue::string(status)}});
    }
    void putMany(int n, const std::string &prefix = "o")
    {
        for (int i = 0; i < n; ++i)
            put(prefix + std::to_string(i));
    }
    void run(TimeMs ms) { scheduler.runUntil(scheduler.now() + ms); }
    /// All pks delivered, flattened, in call order.
    std::vector<std::string> delivered() const
    {
        std::vector<std::string> out;
        for (const auto &c : invoker.calls)
            out.insert(out.end(), c.begin(), c.end());
        return out;
    }
};

} // namespace orderlab::testing
