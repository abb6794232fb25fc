// A handler process's publishes and cache writes are named as core's in process are (docs/scenarios.md,
// "Handler processes"), so that the golden outcome does not depend on which ran the handler.
#include "process_attribution.h"

#include <QtTest>

using namespace orderlab;
using orderlab::scenario::ProcessAttribution;

namespace {
Event started(std::uint64_t invocation, std::vector<std::uint64_t> traces, std::vector<std::string> sequences)
{
    BatchInfo b;
    b.invocationId = invocation;
    b.traceIds = std::move(traces);
    b.sequenceNumbers = std::move(sequences);
    Event e;
    e.invocationId = invocation;
    e.payload = InvocationStartedEvent{b};
    return e;
}

Event set(const std::string &key, const std::string &writer, std::uint64_t invocation, std::uint64_t trace,
          CacheEvent::Kind kind = CacheEvent::Kind::Set)
{
    CacheEvent c;
    c.kind = kind;
    c.cache = "pizza";
    c.key = key;
    c.writer = writer;
    Event e;
    e.invocationId = invocation;
    e.traceId = trace;
    e.payload = CacheChangedEvent{c};
    return e;
}
} // namespace

class TstProcessAttribution : public QObject
{
    Q_OBJECT
  private slots:
    void aProcessWriteNamesItsInvocationAndRecord()
    {
        ProcessAttribution a;
        const std::string grpc = "grpc ipv4:127.0.0.1:40001";
        a.onEvent(started(4, {17}, {"100000000000000000017"}));
        a.onEvent(set("ord-1", grpc, 4, 17));
        QCOMPARE(a.writer("pizza", "ord-1", grpc), std::string("handler invocation 4 (record 100000000000000000017)"));
        // A batch of several records: the process does not say which one (trace id 0).
        a.onEvent(started(5, {18, 19}, {"100000000000000000018", "100000000000000000019"}));
        a.onEvent(set("all-orders", grpc, 5, 0));
        QCOMPARE(a.writer("pizza", "all-orders", grpc), std::string("handler invocation 5"));
        // Core's own writers, and keys written outside invocations, are left as the store names them.
        QCOMPARE(a.writer("pizza", "other", "handler invocation 2 (record 1)"),
                 std::string("handler invocation 2 (record 1)"));
        a.onEvent(set("ord-1", "grpc ipv4:127.0.0.1:40002", 0, 0)); // a client of its own, later
        QCOMPARE(a.writer("pizza", "ord-1", "grpc ipv4:127.0.0.1:40002"), std::string("grpc ipv4:127.0.0.1:40002"));
        // A process's TTL update names it too; a write the store no longer shows is not used.
        a.onEvent(set("ann", grpc, 5, 0, CacheEvent::Kind::TtlUpdated));
        QCOMPARE(a.writer("pizza", "ann", grpc), std::string("handler invocation 5"));
        QCOMPARE(a.writer("pizza", "ann", "someone else"), std::string("someone else"));
    }

    void aProcessPublishIsTheHandlers()
    {
        Event under;
        under.invocationId = 3;
        QCOMPARE(ProcessAttribution::publisher(under, "grpc ipv4:127.0.0.1:40001"), std::string("handler"));
        QCOMPARE(ProcessAttribution::publisher(Event{}, "grpc ipv4:127.0.0.1:40001"),
                 std::string("grpc ipv4:127.0.0.1:40001"));
        QCOMPARE(ProcessAttribution::publisher(under, "handler"), std::string("handler"));
    }
};

QTEST_GUILESS_MAIN(TstProcessAttribution)
#include "tst_process_attribution.moc"
