// The scenario writer: scenario.yaml text that loads back to the same scenario, for every step kind,
// every expectation kind and every shipped scenario (docs/scenarios.md, "Writing").
#include "scenario_equality.h"
#include "scenario_loader.h"
#include "scenario_writer.h"

#include <QDir>
#include <QtTest>

using namespace orderlab;
using namespace orderlab::scenario;

namespace {
// Every command kind, every expectation kind and form, values that need quoting, and both timings.
const char *kEverything = R"(name: "everything"
description: "every step kind: true, 12, and a colon: here"
world:
  seed: 42
  shards: 2
  view-type: NEW_IMAGE
  call-latency: 5ms
  handler-ttl: 90s
  mapping: {BatchSize: 10, MaximumRetryAttempts: 3}
  check-every: 250ms
  caches: [pizza, other]
  max-time: 20m
seed:
  items:
    - {pk: ord-0, status: BAKING, numItems: 0, items: [], creator: "true", createdAt: "2024-11-24T12:00:00.000Z"}
faults:
  cache.set: "p=0.1,code=unavailable"
subscribers:
  watcher: "*-status-updated"
steps:
  - at: 100ms
    new-order: {pk: ord-1, creator: "12", items: [{name: margherita, size: L, price: 12.5}]}
  - new-order: {creator: ann, items: []}
  - after: 1s
    advance-status: ord-1
  - after: 1500ms
    edit-items: {pk: ord-1, items: [{name: "null", size: XL, price: 15}]}
  - cancel-order: ord-9
    error: "no order ord-9"
  - put-item: {item: {pk: ord-5, status: SUBMITTED, n: 1.25, flag: false, nothing: null, list: [1, "2"]}}
  - update-item: {pk: ord-5, set: {status: BAKING}, remove: [flag]}
  - update-item: {pk: ord-5, remove: [n]}
  - delete-item: ord-5
  - put-item: {table: things, item: {id: a, v: 1}}
  - delete-item: {table: things, key: {id: a}}
  - set-fault: {op: cache.get, spec: "p=0.5"}
  - clear-fault: cache.get
  - add-subscriber: {name: late, topic: new-order}
  - remove-subscriber: late
  - pause: true
  - step: 2s
  - set-speed: 2.5
  - set-feeding: false
  - set-rate: 3
  - update-mapping: {BatchSize: 5}
  - redeliver: {shard: 1, lane: 0}
  - wait: 61s
  - wait: {until: drained}
  - wait: {until: drained, limit: 30s}
  - at: 5m
    expect:
      cache:
        - {key: ord-1, contains: {status: PREPARING}}
        - {cache: other, key: all-orders, path: "$[0].status", equals: PREPARING}
        - {key: ord-2, absent: true}
        - {key: n, equals: 12}
      notifications:
        - subscriber: Order app
          exactly: [ord-1-status-updated]
        - subscriber: watcher
          containing: [{topic: ord-1-status-updated, message: {status: PREPARING}}]
      verdict: {in-step: false, equals: "drifted", finding: [all-orders, lost]}
      counts: {invocations: {min: 1}, retries: 0, records-lost: {max: 3}, bisections: {min: 1, max: 2}}
      failures: [{condition: RetryAttemptsExhausted, pks: [a, b]}]
      table:
        - {pk: ord-1, contains: {status: PREPARING}}
        - {count: {min: 2}}
  - expect:
      verdict: in step
      failures: {min: 1}
      table:
        - {pk: ord-9, absent: true}
  - expect:
      verdict: {finding: only-one}
      failures: 2
  - dynamodb:
      operation: CreateTable
      request: {TableName: users, KeySchema: [{AttributeName: id, KeyType: HASH}, {AttributeName: at, KeyType: RANGE}],
                AttributeDefinitions: [{AttributeName: id, AttributeType: S}, {AttributeName: at, AttributeType: N}]}
  - after: 1s
    dynamodb:
      operation: PutItem
      request: {TableName: users, Item: {id: {S: "12"}, at: {N: "5"}, ok: {BOOL: true}}, ReturnValues: NONE}
    error: ValidationException
  - expect:
      table:
        - {table: users, key: {id: "12", at: 5}, contains: {ok: true}}
        - {table: users, count: 1}
)";

QString shipped()
{
    return QStringLiteral(ORDERLAB_TEST_DATA "/../../resources/scenarios");
}

/// Writes `s`, loads the text back as if from the same file, and returns it.
Scenario writtenBack(const Scenario &s, std::string *text)
{
    *text = writeScenario(s);
    return parseScenario(*text, s.file, s.directory);
}
} // namespace

class TstScenarioWriter : public QObject
{
    Q_OBJECT
  private slots:
    void everyStepAndExpectationKindRoundTrips()
    {
        const Scenario s = parseScenario(kEverything, "everything.yaml", "/nonexistent/everything");
        std::string text;
        const Scenario back = writtenBack(s, &text);
        QCOMPARE(QString::fromStdString(test::scenarioText(back)), QString::fromStdString(test::scenarioText(s)));
        // Written again, the same bytes: what a second save of a recording relies on.
        QCOMPARE(QString::fromStdString(writeScenario(back)), QString::fromStdString(text));
    }

    void shippedScenariosRoundTrip_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(shipped());
        const auto names = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(names.size(), 10); // the nine of issue 11, and continue-from-state
        for (const QString &name : names)
            QTest::newRow(qPrintable(name)) << dir.filePath(name + QStringLiteral("/scenario.yaml"));
    }
    void shippedScenariosRoundTrip()
    {
        QFETCH(QString, path);
        const Scenario s = loadScenario(path.toStdString());
        std::string text;
        const Scenario back = writtenBack(s, &text);
        QCOMPARE(QString::fromStdString(test::scenarioText(back)), QString::fromStdString(test::scenarioText(s)));
    }

    void handBuiltScenarioRoundTrips()
    {
        Scenario s;
        s.name = "built";
        s.file = "built.yaml";
        s.directory = "/nonexistent/built";
        Step order;
        order.timing = Step::Timing::At;
        order.timeMs = 250;
        order.command.kind = Command::Kind::NewOrder;
        order.command.pk = "ord-7-1";
        order.command.creator = "yes";
        order.command.items = R"([{"name":"calzone","price":9,"size":"M"}])";
        s.steps.push_back(order);
        Step expect;
        expect.kind = Step::Kind::Expect;
        expect.timing = Step::Timing::At;
        expect.timeMs = 3000;
        Expectation key;
        key.kind = Expectation::Kind::CacheKey;
        key.cache = "pizza";
        key.key = "ord-7-1";
        key.expected = QJsonObject{{QStringLiteral("pk"), QStringLiteral("ord-7-1")},
                                   {QStringLiteral("numItems"), 1},
                                   {QStringLiteral("odd key: \"x\""), QStringLiteral("~")}};
        expect.expectations.push_back(key);
        Expectation verdict;
        verdict.kind = Expectation::Kind::Verdict;
        verdict.expected = QStringLiteral("in step");
        expect.expectations.push_back(verdict);
        s.steps.push_back(expect);
        Step drained;
        drained.kind = Step::Kind::WaitDrained;
        s.steps.push_back(drained);
        std::string text;
        const Scenario back = writtenBack(s, &text);
        QCOMPARE(QString::fromStdString(test::scenarioText(back)), QString::fromStdString(test::scenarioText(s)));
        QVERIFY2(text.find("at: 250ms") != std::string::npos, text.c_str());
    }

    // docs/scenarios.md, "Handler processes": world.handler and a handler-mode fault survive a round trip.
    void aHandlerProcessAndItsFaultsRoundTrip()
    {
        Scenario s;
        s.name = "process";
        s.file = "process.yaml";
        s.directory = "/nonexistent/process";
        s.handler.kind = HandlerSpec::Kind::Process;
        s.handler.command = "exec './bootstrap' --flag \"x y\"";
        s.handler.directory = "../lambda dir";
        s.handler.name = "app.main";
        s.handler.timeoutMs = 12000;
        s.handler.memoryMb = 512;
        s.handler.environment = {{"NODE_OPTIONS", "--require=./x.js"}, {"TRUE_ONE", "true"}, {"NUMBER", "12"}};
        s.world.pipeline.faults.emplace_back("handler", FaultRule::parse("p=0.25,mode=timeout"));
        Step drained;
        drained.kind = Step::Kind::WaitDrained;
        s.steps.push_back(drained);
        std::string text;
        const Scenario back = writtenBack(s, &text);
        QCOMPARE(QString::fromStdString(test::scenarioText(back)), QString::fromStdString(test::scenarioText(s)));
        QVERIFY(back.handler.sameAs(s.handler));
        QVERIFY2(back.world.pipeline.faults.at(0).second.handlerMode == FaultRule::HandlerMode::Timeout, text.c_str());
        QVERIFY2(text.find("timeout: 12s") != std::string::npos, text.c_str());
        // core, the default, is not written.
        s.handler = {};
        s.world.pipeline.faults.clear(); // (a `handler:` fault would be)
        writtenBack(s, &text);
        QVERIFY2(text.find("handler:") == std::string::npos, text.c_str());
    }

    void whatTheFormatCannotSayIsRefusedByStep()
    {
        Scenario s;
        Step put;
        put.command.kind = Command::Kind::PutItem;
        put.command.item = R"({"pk":{"S":"a"},"tags":{"SS":["x","y"]}})";
        s.steps.push_back(put);
        try {
            writeScenario(s);
            QFAIL("a string set was written as plain values");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(std::string(e.what()).find("step 1: put-item") != std::string::npos, e.what());
        }
        Step twice;
        twice.kind = Step::Kind::Expect;
        Expectation v;
        v.kind = Expectation::Kind::Verdict;
        v.expected = QStringLiteral("in step");
        twice.expectations = {v, v};
        s.steps = {twice};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writeScenario(s));
    }

    void durationsReadWell()
    {
        QCOMPARE(durationText(0), std::string("0ms"));
        QCOMPARE(durationText(1500), std::string("1500ms"));
        QCOMPARE(durationText(60000), std::string("60s"));
    }
};

QTEST_GUILESS_MAIN(TstScenarioWriter)
#include "tst_scenario_writer.moc"
