// The runner: steps on the virtual clock, expectations reported one by one, the golden outcome
// byte-identical on every run (docs/scenarios.md).
#include "json_compare.h"
#include "scenario_loader.h"
#include "scenario_runner.h"
#include "text_diff.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

using namespace orderlab::scenario;

namespace {
const char *kLife = R"(world: {seed: 9, timing: instant}
subscribers:
  watcher: o-1-status-updated
steps:
  - at: 100ms
    new-order: {pk: o-1, creator: ann, items: [{name: margherita, size: L, price: 12.5}]}
  - after: 1s
    advance-status: o-1
  - wait: {until: drained}
  - expect:
      cache:
        - {key: o-1, contains: {status: PREPARING}}
        - {key: o-1, path: "$.items[0].name", equals: margherita}
        - {key: o-1, equals: {status: SUBMITTED}}
        - {key: o-2, absent: true}
      notifications:
        - {subscriber: Order app, exactly: [o-1-status-updated]}
        - {subscriber: Admin app, containing: [new-order, {topic: o-1-status-updated, message: {status: PREPARING}}]}
      verdict: in step
      counts: {invocations: {min: 1}, retries: 0, records-processed: 2}
      failures: 0
      table:
        - {pk: o-1, contains: {status: PREPARING, creator: ann}}
        - {count: 1}
)";

Scenario life()
{
    return parseScenario(kLife, "life.yaml", "/nonexistent/life");
}
} // namespace

class TstScenarioRunner : public QObject
{
    Q_OBJECT
  private slots:
    void expectationsAreReportedAsTheStepRuns()
    {
        ScenarioRunner runner(life());
        std::vector<std::size_t> steps;
        std::vector<ExpectationResult> seen;
        runner.onStep([&](std::size_t i, const Step &) { steps.push_back(i); });
        runner.onExpectation([&](const ExpectationResult &r) { seen.push_back(r); });
        QVERIFY(runner.step());
        QVERIFY(runner.step());
        QCOMPARE(runner.elapsedMs(), 1100);
        QVERIFY(seen.empty());
        QVERIFY(runner.step());
        QVERIFY(runner.step());
        QVERIFY(runner.atEnd());
        QCOMPARE(steps, (std::vector<std::size_t>{0, 1, 2, 3}));
        QCOMPARE(seen.size(), std::size_t(13));
        for (const auto &r : seen)
            if (r.description.find("equals {\"status\":\"SUBMITTED\"}") != std::string::npos) {
                QVERIFY(!r.passed); // the one wrong expectation
                QCOMPARE(r.place.line, 14);
                QVERIFY(std::find(r.differing.begin(), r.differing.end(), "$.status") != r.differing.end());
                QVERIFY(std::find(r.differing.begin(), r.differing.end(), "$.items (unexpected)") != r.differing.end());
                QVERIFY2(r.report().find("expected:") != std::string::npos, r.report().c_str());
            } else {
                QVERIFY2(r.passed, r.report().c_str());
            }
        QVERIFY(!runner.expectationsPassed());
        QVERIFY(runner.finish());
        QVERIFY(!runner.outcome().empty());
    }

    void theOutcomeIsByteIdenticalOnEveryRun()
    {
        ScenarioRunner first(life()), second(life());
        QVERIFY(first.run());
        QVERIFY(second.run());
        QCOMPARE(first.outcome(), second.outcome());
        const QJsonObject o = jsonOrString(first.outcome()).toObject();
        for (const char *key : {"cache", "publishes", "invocations", "checker", "table", "failures"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        // Every publish carries its deliveries; the watcher got the status update.
        bool watched = false;
        for (const auto &p : o.value(QStringLiteral("publishes")).toArray())
            for (const auto &d : p.toObject().value(QStringLiteral("deliveries")).toArray())
                watched = watched || d.toObject().value(QStringLiteral("subscriber")).toString() == "watcher";
        QVERIFY(watched);
        QCOMPARE(o.value(QStringLiteral("checker")).toObject().value(QStringLiteral("verdict")).toString(),
                 QStringLiteral("in step"));
        // Sorted keys, one value per line: the pretty form diffs well.
        QVERIFY(first.outcome().starts_with("{\n    \"cache\": {"));
    }

    void aDifferentWorldGivesADifferentOutcome()
    {
        Scenario other = life();
        other.steps.erase(other.steps.begin() + 1); // no advance
        ScenarioRunner a(life()), b(other);
        QVERIFY(a.run());
        QVERIFY(b.run());
        QVERIFY(a.outcome() != b.outcome());
        const std::string diff = lineDiff(a.outcome(), b.outcome());
        QVERIFY2(diff.find("-") != std::string::npos && diff.find("PREPARING") != std::string::npos, diff.c_str());
    }

    void aCommandExpectedToFailMustFail()
    {
        ScenarioRunner ok(parseScenario("steps:\n  - cancel-order: nope\n    error: no order\n", "e.yaml", "/x"));
        QVERIFY2(ok.run(), ok.error().c_str());
        ScenarioRunner wrong(
            parseScenario("steps:\n  - cancel-order: nope\n    error: something else\n", "e.yaml", "/x"));
        QVERIFY(!wrong.run());
        QVERIFY2(wrong.error().find("was to fail with 'something else'") != std::string::npos, wrong.error().c_str());
    }

    // Issue 11: DynamoDB API requests as steps, through the same API the HTTP face serves.
    void dynamodbStepsWriteThroughTheApi()
    {
        const char *yaml = R"(world: {timing: instant}
steps:
  - dynamodb:
      operation: PutItem
      request:
        TableName: orders
        Item: {pk: {S: api-1}, status: {S: SUBMITTED}, creator: {S: ann}, numItems: {N: "1"},
               items: {L: [{M: {name: {S: margherita}, size: {S: L}, price: {N: "12.5"}}}]},
               createdAt: {S: "2024-11-24T12:00:00.000Z"}}
  - after: 1s
    dynamodb:
      operation: UpdateItem
      request:
        TableName: orders
        Key: {pk: {S: api-1}}
        UpdateExpression: "SET #s = :s"
        ConditionExpression: "#s = :old"
        ExpressionAttributeNames: {"#s": status}
        ExpressionAttributeValues: {":s": {S: PREPARING}, ":old": {S: BAKING}}
    error: ConditionalCheckFailedException
  - dynamodb:
      operation: CreateTable
      request:
        TableName: users
        AttributeDefinitions: [{AttributeName: id, AttributeType: S}, {AttributeName: at, AttributeType: N}]
        KeySchema: [{AttributeName: id, KeyType: HASH}, {AttributeName: at, KeyType: RANGE}]
        BillingMode: PAY_PER_REQUEST
  - dynamodb:
      operation: PutItem
      request: {TableName: users, Item: {id: {S: u1}, at: {N: "5"}, name: {S: Ann}}}
  - wait: {until: drained}
  - expect:
      cache:
        - {key: api-1, contains: {status: SUBMITTED, id: api-1}}
      notifications:
        - {subscriber: Admin app, exactly: [new-order]}
      table:
        - {pk: api-1, contains: {status: SUBMITTED}}
        - {table: users, key: {id: u1, at: 5}, contains: {name: Ann}}
        - {table: users, count: 1}
)";
        ScenarioRunner runner(parseScenario(yaml, "api.yaml", "/nonexistent/api"));
        QVERIFY2(runner.run(), runner.error().c_str());
        for (const auto &r : runner.results())
            QVERIFY2(r.passed, r.report().c_str());
        QCOMPARE(runner.results().size(), std::size_t(5));
        const QJsonObject outcome = jsonOrString(runner.outcome()).toObject();
        const QJsonArray calls = outcome.value(QStringLiteral("dynamodb")).toArray();
        QCOMPARE(calls.size(), 4);
        QCOMPARE(calls.at(1).toObject().value(QStringLiteral("status")).toInt(), 400);
        QVERIFY(calls.at(1)
                    .toObject()
                    .value(QStringLiteral("answer"))
                    .toObject()
                    .value(QStringLiteral("__type"))
                    .toString()
                    .endsWith(QStringLiteral("#ConditionalCheckFailedException")));
        QCOMPARE(calls.at(1).toObject().value(QStringLiteral("t")).toInt(), 1000);
        const QJsonObject users =
            outcome.value(QStringLiteral("tables")).toObject().value(QStringLiteral("users")).toObject();
        QCOMPARE(users.keys(), QStringList{QStringLiteral("{\"at\":5,\"id\":\"u1\"}")});

        // The same scenario, the same bytes.
        ScenarioRunner again(parseScenario(yaml, "api.yaml", "/nonexistent/api"));
        QVERIFY(again.run());
        QCOMPARE(again.outcome(), runner.outcome());
    }

    void aFailingDynamodbStepStopsTheRunUnlessExpected()
    {
        const char *yaml =
            "steps:\n  - dynamodb: {operation: GetItem, request: {TableName: nope, Key: {pk: {S: a}}}}\n";
        ScenarioRunner runner(parseScenario(yaml, "bad.yaml", "/x"));
        QVERIFY(!runner.run());
        QVERIFY2(
            runner.error().find("bad.yaml:2:5: GetItem failed: ResourceNotFoundException: Cannot do operations on a "
                                "non-existent table") != std::string::npos,
            runner.error().c_str());
        ScenarioRunner unknown(parseScenario(
            "steps:\n  - dynamodb: {operation: FlyAway, request: {}}\n    error: UnknownOperationException\n", "u.yaml",
            "/x"));
        QVERIFY2(unknown.run(), unknown.error().c_str());
    }

    void seedItemsAreInTheTableBeforeTheFirstStep()
    {
        ScenarioRunner runner(parseScenario(R"(world: {timing: instant}
seed:
  items:
    - {pk: s-1, status: BAKING, numItems: 0, items: [], creator: sam, createdAt: "2024-11-24T12:00:00.000Z"}
steps:
  - wait: {until: drained}
  - expect:
      table: [{pk: s-1, contains: {status: BAKING}}]
      cache: [{key: s-1, contains: {status: BAKING}}]
)",
                                            "s.yaml", "/x"));
        QVERIFY2(runner.run(), runner.error().c_str());
        for (const auto &r : runner.results())
            QVERIFY2(r.passed, r.report().c_str());
    }

    void jsonSubsetAndPath()
    {
        const QJsonValue v = jsonOrString(R"({"a":{"b":[1,{"c":"x"},3]},"d":true})");
        QVERIFY(containsJson(v, jsonOrString(R"({"a":{"b":[{"c":"x"},3]}})")));
        QVERIFY(!containsJson(v, jsonOrString(R"({"a":{"b":[3,1]}})"))); // order matters
        QVERIFY(!containsJson(v, jsonOrString(R"({"e":1})")));
        std::string error;
        QCOMPARE(*jsonAtPath(v, "$.a.b[1].c", &error), QJsonValue(QStringLiteral("x")));
        QCOMPARE(*jsonAtPath(v, "a.b[2]", &error), QJsonValue(3));
        QCOMPARE(*jsonAtPath(v, "$[\"d\"]", &error), QJsonValue(true));
        QVERIFY(!jsonAtPath(v, "$.a.b[7]", &error) && error.empty());
        QVERIFY(!jsonAtPath(v, "$.a.[", &error) && !error.empty());
        QCOMPARE(differingPaths(jsonOrString(R"({"a":1,"b":[1,2]})"), jsonOrString(R"({"a":2,"b":[1],"c":0})"), false),
                 (std::vector<std::string>{"$.a", "$.b[1] (missing)", "$.c (unexpected)"}));
    }

    void theLineDiffShowsWhatChanged()
    {
        QCOMPARE(lineDiff("a\nb\nc\n", "a\nb\nc\n"), std::string());
        QCOMPARE(lineDiff("a\nb\nc\nd\ne\nf\n", "a\nb\nc\nX\ne\nf\n", 1),
                 std::string("--- expected\n+++ actual\n@@ line 3 @@\n c\n-d\n+X\n e\n"));
    }
};

QTEST_GUILESS_MAIN(TstScenarioRunner)
#include "tst_scenario_runner.moc"
