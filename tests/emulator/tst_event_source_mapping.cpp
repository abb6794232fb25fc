// The event source mapping: batching, the outcome table, checkpoints, retries, bisection,
// retry exhaustion, record age, lanes, filters, warnings, redelivery, trimming.
#ifndef Q_MOC_RUN
#include "mapping_harness.h"
#include "mapping_test_data.h"
#endif

#include <QtTest>

using namespace orderlab;
using namespace orderlab::testing;

namespace {
std::vector<std::string> names(const char *prefix, int from, int to)
{
    std::vector<std::string> out;
    for (int i = from; i < to; ++i)
        out.push_back(prefix + std::to_string(i));
    return out;
}
} // namespace

class TstEventSourceMapping : public QObject
{
    Q_OBJECT
  private slots:
    void batchesInOrderAndDrains()
    {
        MappingHarness h;
        h.putMany(250);
        MappingConfig c;
        c.batchSize = 100;
        h.start(c);
        h.run(5000);
        QCOMPARE(h.invoker.calls.size(), std::size_t(3));
        QCOMPARE(h.invoker.calls[0].size(), std::size_t(100));
        QCOMPARE(h.invoker.calls[2].size(), std::size_t(50));
        QCOMPARE(h.delivered(), names("o", 0, 250));
        QVERIFY(h.mapping->drained());
        QCOMPARE(h.mapping->stats().recordsProcessed, std::uint64_t(250));
        QCOMPARE(h.mapping->lanes()[0].checkpoint, h.stream.latest(0));
        // New records are picked up at the next poll.
        h.put("late");
        h.run(300);
        QCOMPARE(h.invoker.calls.back(), std::vector<std::string>{"late"});
    }

    void outcomeTable_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("response");
        QTest::addColumn<bool>("rbif");
        QTest::addColumn<int>("outcome"); // 0 success, 1 partial, 2 failure
        QTest::addColumn<int>("failedAt");
        QTest::addColumn<bool>("warned");
        const int R = int(InvocationResult::Kind::Returned), T = int(InvocationResult::Kind::Threw),
                  O = int(InvocationResult::Kind::TimedOut);
        for (bool rbif : {true, false}) {
            const char *w = rbif ? "with" : "without";
            QTest::addRow("%s: nothing", w) << R << "" << rbif << 0 << 0 << false;
            QTest::addRow("%s: null", w) << R << "null" << rbif << 0 << 0 << false;
            QTest::addRow("%s: {}", w) << R << "{}" << rbif << 0 << 0 << false;
            QTest::addRow("%s: []", w) << R << "[]" << rbif << 0 << 0 << false;
            QTest::addRow("%s: empty list", w) << R << kEmptyFailures << rbif << 0 << 0 << false;
            QTest::addRow("%s: null list", w) << R << kNullFailures << rbif << 0 << 0 << false;
            QTest::addRow("%s: two failures", w) << R << kFailSecondAndThird << rbif << (rbif ? 1 : 0) << 1 << false;
            QTest::addRow("%s: numeric comparison", w)
                << R << kFailLeadingZeros << rbif << (rbif ? 1 : 0) << 2 << false;
            QTest::addRow("%s: empty id", w) << R << kEmptyId << rbif << (rbif ? 2 : 0) << 0 << false;
            QTest::addRow("%s: null id", w) << R << kNullId << rbif << (rbif ? 2 : 0) << 0 << false;
            QTest::addRow("%s: missing id", w) << R << kMissingId << rbif << (rbif ? 2 : 0) << 0 << false;
            QTest::addRow("%s: number id", w) << R << kNumberId << rbif << (rbif ? 2 : 0) << 0 << false;
            QTest::addRow("%s: unknown id", w) << R << kUnknownId << rbif << (rbif ? 2 : 0) << 0 << rbif;
            QTest::addRow("%s: string", w) << R << "\"ok\"" << rbif << (rbif ? 2 : 0) << 0 << rbif;
            QTest::addRow("%s: list of numbers", w) << R << "[1]" << rbif << (rbif ? 2 : 0) << 0 << rbif;
            QTest::addRow("%s: failures not a list", w) << R << kFailuresString << rbif << (rbif ? 2 : 0) << 0 << rbif;
            QTest::addRow("%s: not JSON", w) << R << "{oops" << rbif << (rbif ? 2 : 0) << 0 << rbif;
            QTest::addRow("%s: threw", w) << T << "" << rbif << 2 << 0 << false;
            QTest::addRow("%s: timed out", w) << O << "" << rbif << 2 << 0 << false;
        }
    }
    void outcomeTable()
    {
        QFETCH(int, kind);
        QFETCH(QString, response);
        QFETCH(bool, rbif);
        QFETCH(int, outcome);
        QFETCH(int, failedAt);
        QFETCH(bool, warned);
        const std::vector<std::string> seqs{"100000000000000000005", "100000000000000000017", "100000000000000000200"};
        InvocationResult r;
        r.kind = static_cast<InvocationResult::Kind>(kind);
        r.response = response.toStdString();
        r.error = "Error: boom";
        const InvocationOutcome o = interpretInvocation(r, seqs, rbif);
        QCOMPARE(int(o.kind), outcome);
        if (outcome == 1)
            QCOMPARE(int(o.failedAt), failedAt);
        QCOMPARE(!o.warning.empty(), warned);
        QCOMPARE(o.functionError, kind != int(InvocationResult::Kind::Returned));
    }

    void partialFailureRetriesFromTheFailedRecord()
    {
        MappingHarness h;
        h.putMany(6);
        int round = 0;
        h.invoker.respond = [&](const InvocationRequest &req) {
            return ++round == 1 ? failRecords(req, {"o3"}) : InvocationResult{};
        };
        h.start(MappingConfig{});
        h.run(2000);
        QCOMPARE(h.invoker.calls.size(), std::size_t(2));
        QCOMPARE(h.invoker.calls[1], names("o", 3, 6)); // k and every later record, nothing before
        const auto s = h.mapping->stats();
        QCOMPARE(s.partialFailures, std::uint64_t(1));
        QCOMPARE(s.retries, std::uint64_t(1));
        QCOMPARE(s.recordsProcessed, std::uint64_t(6));
    }

    void withoutReportBatchItemFailuresPartialFailuresAreLost()
    {
        MappingHarness h;
        h.putMany(4);
        h.invoker.respond = [&](const InvocationRequest &req) { return failRecords(req, {"o1"}); };
        MappingConfig c;
        c.reportBatchItemFailures = false;
        h.start(c);
        h.run(2000);
        QCOMPARE(h.invoker.calls.size(), std::size_t(1));
        QCOMPARE(h.mapping->stats().recordsProcessed, std::uint64_t(4));
        QVERIFY(h.mapping->warnings().front().find("ReportBatchItemFailures") != std::string::npos);
    }

    void retryExhaustionDiscardsTheBatch()
    {
        MappingHarness h;
        h.putMany(5);
        h.invoker.respond = [&](const InvocationRequest &req) { return failRecords(req, {"o2"}); };
        MappingConfig c;
        c.maximumRetryAttempts = 2;
        c.batchSize = 5;
        h.start(c);
        h.run(5000);
        // o0..o1 processed at once; o2..o4 carried by 3 invocations in all (1 + 2 retries), then discarded.
        QCOMPARE(h.invoker.calls.size(), std::size_t(3));
        QCOMPARE(h.discarded.size(), std::size_t(1));
        const FailureRecord &f = h.discarded[0];
        QCOMPARE(f.condition, std::string("RetryAttemptsExhausted"));
        QCOMPARE(f.records.size(), std::size_t(3));
        QVERIFY2(f.json.find("\"approximateInvokeCount\":3") != std::string::npos, f.json.c_str());
        QVERIFY(f.json.find("\"functionError\":null") != std::string::npos); // partial failures, not a throw
        QVERIFY(f.json.find("\"batchSize\":3") != std::string::npos);
        QCOMPARE(h.mapping->stats().recordsDiscarded, std::uint64_t(3));
        QVERIFY(h.mapping->drained());
        // The shard moves on.
        h.invoker.respond = [](const InvocationRequest &) { return InvocationResult{}; };
        h.put("next");
        h.run(1000);
        QCOMPARE(h.invoker.calls.back(), std::vector<std::string>{"next"});
    }

    void thrownErrorsAreUnhandled()
    {
        MappingHarness h;
        h.putMany(2);
        h.invoker.respond = [](const InvocationRequest &) { return InvocationResult::threw("Error: boom"); };
        MappingConfig c;
        c.maximumRetryAttempts = 0;
        h.start(c);
        h.run(2000);
        QCOMPARE(h.invoker.calls.size(), std::size_t(1));
        QCOMPARE(h.discarded.size(), std::size_t(1));
        QVERIFY(h.discarded[0].json.find("\"functionError\":\"Unhandled\"") != std::string::npos);
    }

    void bisectIsolatesThePoisonRecord()
    {
        MappingHarness h;
        h.putMany(8);
        h.invoker.respond = [](const InvocationRequest &req) {
            for (const auto &r : req.records)
                if (r->pk == "o5")
                    return InvocationResult::threw("Error: poison");
            return InvocationResult{};
        };
        MappingConfig c;
        c.bisectBatchOnFunctionError = true;
        c.maximumRetryAttempts = 1;
        h.start(c);
        h.run(10000);
        std::vector<std::size_t> sizes;
        for (const auto &call : h.invoker.calls)
            sizes.push_back(call.size());
        // [o0..o7] fails → [o0..o3] ok, [o4..o7] fails → [o4,o5] fails → [o4] ok, [o5] fails twice → discarded; [o6,o7]
        // ok.
        QCOMPARE(sizes, (std::vector<std::size_t>{8, 4, 4, 2, 1, 1, 1, 2}));
        QCOMPARE(h.discarded.size(), std::size_t(1));
        QCOMPARE(h.discarded[0].records.size(), std::size_t(1));
        QCOMPARE(h.discarded[0].records[0]->pk, std::string("o5"));
        QCOMPARE(h.mapping->stats().bisections, std::uint64_t(3));
        QCOMPARE(h.mapping->stats().recordsProcessed, std::uint64_t(7));
    }

    void recordAgeDiscardsOldRecords()
    {
        MappingHarness h;
        MappingConfig c;
        c.maximumRecordAgeSeconds = 60;
        h.start(c);
        h.mapping->setEnabled(false);
        h.putMany(3, "old");
        h.run(90000);
        h.putMany(2, "new");
        h.mapping->setEnabled(true);
        h.run(1000);
        QCOMPARE(h.delivered(), names("new", 0, 2));
        QCOMPARE(h.discarded.size(), std::size_t(1));
        QCOMPARE(h.discarded[0].condition, std::string("RecordAgeExceeded"));
        QCOMPARE(h.discarded[0].records.size(), std::size_t(3));
        QVERIFY(h.discarded[0].json.find("responseContext") == std::string::npos);
    }

    void lanesRunConcurrentlyAndKeepKeyOrder()
    {
        MappingHarness h;
        h.invoker.latencyMs = 100;
        for (int round = 0; round < 3; ++round)
            for (int i = 0; i < 30; ++i)
                h.put("k" + std::to_string(i), "S" + std::to_string(round));
        MappingConfig c;
        c.parallelizationFactor = 4;
        c.batchSize = 10;
        h.start(c);
        h.run(10000);
        QVERIFY(h.invoker.maxConcurrent > 1);
        QCOMPARE(h.mapping->lanes().size(), std::size_t(4));
        // Each key's three records arrive in order.
        std::map<std::string, int> seen;
        for (const auto &pk : h.delivered())
            ++seen[pk];
        QCOMPARE(seen.size(), std::size_t(30));
        for (const auto &[pk, n] : seen)
            QCOMPARE(n, 3);
        QVERIFY(h.mapping->drained());
    }

    void aPoisonRecordBlocksOnlyItsLane()
    {
        MappingHarness h;
        h.putMany(40);
        h.invoker.respond = [](const InvocationRequest &req) { return failRecords(req, {"o7"}); };
        MappingConfig c;
        c.parallelizationFactor = 2;
        c.batchSize = 5;
        h.start(c);
        h.run(20000);
        const auto lanes = h.mapping->lanes();
        int blocked = 0;
        for (const auto &l : lanes)
            blocked += l.blocked ? 1 : 0;
        QCOMPARE(blocked, 1);
        QVERIFY(!h.mapping->drained());
        // The other lane delivered all of its records, far past o7.
        const auto d = h.delivered();
        const std::set<std::string> distinct(d.begin(), d.end());
        QVERIFY2(distinct.size() >= 15, qPrintable(QString::number(distinct.size())));
        int past = 0;
        for (int i = 20; i < 40; ++i)
            past += distinct.count("o" + std::to_string(i)) ? 1 : 0;
        QVERIFY(past >= 5);
    }

    void filtersPassRecordsOver()
    {
        MappingHarness h;
        h.put("a", "SUBMITTED");
        h.put("b", "BAKING");
        h.put("a", "BAKING");
        MappingConfig c;
        c.filters = {kBakingFilter};
        h.start(c);
        h.run(2000);
        QCOMPARE(h.delivered(), (std::vector<std::string>{"b", "a"}));
        QCOMPARE(h.mapping->stats().recordsFilteredOut, std::uint64_t(1));
        QVERIFY(h.mapping->drained());
    }

    void batchingWindowGathersRecords()
    {
        MappingHarness h;
        MappingConfig c;
        c.maximumBatchingWindowSeconds = 5;
        h.start(c);
        for (int i = 0; i < 5; ++i) {
            h.put("w" + std::to_string(i));
            h.run(500);
        }
        QVERIFY(h.invoker.calls.empty());
        h.run(3000);
        QCOMPARE(h.invoker.calls.size(), std::size_t(1));
        QCOMPARE(h.invoker.calls[0].size(), std::size_t(5));
    }

    void latestSkipsWhatWasWrittenBefore()
    {
        MappingHarness h;
        h.putMany(3, "before");
        MappingConfig c;
        c.startingPosition = MappingConfig::StartingPosition::Latest;
        h.start(c);
        h.put("after");
        h.run(1000);
        QCOMPARE(h.delivered(), std::vector<std::string>{"after"});
        bool warned = false;
        for (const auto &w : h.mapping->warnings())
            warned = warned || w.find("LATEST") != std::string::npos;
        QVERIFY(warned);
    }

    void redeliveryRepeatsTheLastBatch()
    {
        MappingHarness h;
        h.putMany(3);
        h.start(MappingConfig{});
        h.run(1000);
        QVERIFY(h.mapping->redeliverLast(0));
        h.run(1000);
        QCOMPARE(h.invoker.calls.size(), std::size_t(2));
        QCOMPARE(h.invoker.calls[1], h.invoker.calls[0]);
        QCOMPARE(h.mapping->stats().redeliveries, std::uint64_t(1));
    }

    void blockedRecordsAreLostWhenTrimmed()
    {
        MappingHarness h;
        h.putMany(3);
        h.invoker.respond = [](const InvocationRequest &req) {
            InvocationResult r = failRecords(req, {"o1"});
            for (const auto &record : req.records)
                if (record->pk == "o1")
                    r.poison.emplace_back(record->sequenceNumber, "Error: Unsupported type passed: X");
            return r;
        };
        h.start(MappingConfig{}); // -1 / -1: retried until the records leave the stream
        h.run(60000);
        bool poisonWarned = false;
        for (const auto &w : h.mapping->warnings())
            poisonWarned = poisonWarned || w.find("blocks the shard until it is trimmed") != std::string::npos;
        QVERIFY(poisonWarned);
        h.scheduler.at(h.scheduler.now() + 24LL * 3600 * 1000, [&] { h.stream.trim(); });
        h.run(24LL * 3600 * 1000 + 1000);
        QCOMPARE(h.mapping->stats().recordsLost, std::uint64_t(2));
        QVERIFY(h.mapping->drained());
        QVERIFY(!h.warnings.empty());
    }

    void invalidConfigurationsAreRefused_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<int>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("batch 0") << "batch" << 0 << "BatchSize must be between 1 and 10000";
        QTest::newRow("window 301") << "window" << 301 << "MaximumBatchingWindowInSeconds must be between 0 and 300";
        QTest::newRow("retries -2") << "retries" << -2 << "MaximumRetryAttempts must be between 0 and 10000";
        QTest::newRow("age 59") << "age" << 59 << "MaximumRecordAgeInSeconds must be -1 or between 60 and 604800";
        QTest::newRow("parallel 11") << "parallel" << 11 << "ParallelizationFactor must be between 1 and 10";
        QTest::newRow("tumbling 60") << "tumbling" << 60 << "TumblingWindowInSeconds > 0 is refused";
    }
    void invalidConfigurationsAreRefused()
    {
        QFETCH(QString, field);
        QFETCH(int, value);
        QFETCH(QString, message);
        MappingConfig c;
        if (field == "batch")
            c.batchSize = value;
        if (field == "window")
            c.maximumBatchingWindowSeconds = value;
        if (field == "retries")
            c.maximumRetryAttempts = value;
        if (field == "age")
            c.maximumRecordAgeSeconds = value;
        if (field == "parallel")
            c.parallelizationFactor = value;
        if (field == "tumbling")
            c.tumblingWindowSeconds = value;
        MappingHarness h;
        try {
            h.start(c);
            QFAIL("must be refused");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
        }
    }

    void warningsForRiskySettings()
    {
        MappingConfig c;
        auto w = c.warnings(StreamViewType::NewImage, 3);
        QCOMPARE(w.size(), std::size_t(3)); // view type, both -1, more than two mappings
        c.reportBatchItemFailures = false;
        c.maximumRetryAttempts = 3;
        c.startingPosition = MappingConfig::StartingPosition::Latest;
        w = c.warnings(StreamViewType::NewAndOldImages, 1);
        QCOMPARE(w.size(), std::size_t(2)); // no ReportBatchItemFailures, LATEST
    }
};

QTEST_GUILESS_MAIN(TstEventSourceMapping)
#include "tst_event_source_mapping.moc"
