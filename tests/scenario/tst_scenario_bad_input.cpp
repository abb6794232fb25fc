// Bad scenario files: each gives a ScenarioError naming the file, line and column and what was
// wrong, never a crash (docs/scenarios.md, "Errors").
#include "scenario_loader.h"
#include "scenario_runner.h"

#include <QtTest>

using namespace orderlab::scenario;

class TstScenarioBadInput : public QObject
{
    Q_OBJECT
  private slots:
    void refusedWithPlace_data()
    {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        // clang-format off
        QTest::newRow("empty file") << "" << 1 << 1 << "the file holds no scenario";
        QTest::newRow("only a comment") << "# nothing yet\n" << 1 << 1 << "the file holds no scenario";
        QTest::newRow("syntax error") << "steps:\n  - wait: [1s\n" << 3 << 1 << "YAML syntax";
        QTest::newRow("tab in indentation") << "steps:\n\t- wait: 1s\n" << 2 << 2 << "YAML syntax";
        QTest::newRow("unknown top-level field") << "world: {}\nstep: []\n" << 2 << 1 << "unknown field 'step' in a scenario";
        QTest::newRow("no steps") << "world: {seed: 1}\n" << 1 << 1 << "a scenario needs 'steps'";
        QTest::newRow("steps not a list") << "steps: {wait: 1s}\n" << 1 << 8 << "steps must be a list";
        QTest::newRow("unknown step") << "steps:\n  - fly: {to: moon}\n" << 2 << 5 << "unknown step 'fly'";
        QTest::newRow("two actions") << "steps:\n  - wait: 1s\n    pause: true\n" << 3 << 5 << "two actions";
        QTest::newRow("no action") << "steps:\n  - after: 1s\n" << 2 << 5 << "has no action";
        QTest::newRow("wrong type: seed") << "world: {seed: abc}\nsteps: []\n" << 1 << 15 << "world.seed: 'abc' is not a number";
        QTest::newRow("wrong type: shards") << "world: {shards: [1]}\nsteps: []\n" << 1 << 17 << "world.shards must be a whole number";
        QTest::newRow("out of range: shards") << "world: {shards: 0}\nsteps: []\n" << 1 << 17 << "world.shards wants a whole number from 1 to 64";
        QTest::newRow("duration without unit") << "steps:\n  - wait: 5\n" << 2 << 11 << "no unit";
        QTest::newRow("negative duration") << "steps:\n  - after: -1s\n    wait: 1s\n" << 2 << 12 << "after";
        QTest::newRow("handler kind") << "world: {handler: lambda}\nsteps: []\n" << 1 << 18 << "world.handler is core or {command: ..., dir: ...} (a process), got 'lambda'";
        QTest::newRow("handler without command") << "world:\n  handler: {dir: x}\nsteps: []\n" << 2 << 12 << "world.handler needs command";
        QTest::newRow("handler empty command") << "world:\n  handler: {command: \" \"}\nsteps: []\n" << 2 << 22 << "world.handler.command wants a command, got ' '";
        QTest::newRow("handler unknown field") << "world:\n  handler: {command: x, size: 1}\nsteps: []\n" << 2 << 25 << "unknown field 'size' in world.handler";
        QTest::newRow("handler timeout fraction") << "world:\n  handler: {command: x, timeout: 1500ms}\nsteps: []\n" << 2 << 34 << "world.handler.timeout wants whole seconds from 1s to 900s, got '1500ms'";
        QTest::newRow("handler timeout too long") << "world:\n  handler: {command: x, timeout: 16m}\nsteps: []\n" << 2 << 34 << "world.handler.timeout";
        QTest::newRow("handler memory") << "world:\n  handler: {command: x, memory: 64}\nsteps: []\n" << 2 << 33 << "world.handler.memory wants a whole number from 128 to 10240";
        QTest::newRow("handler env not a mapping") << "world:\n  handler: {command: x, env: [A]}\nsteps: []\n" << 2 << 30 << "world.handler.env must be a mapping";
        QTest::newRow("handler env twice") << "world:\n  handler: {command: x, env: {AB: 1, AB: 2}}\nsteps: []\n" << 2 << 38 << "the variable AB is given twice";
        QTest::newRow("unknown timing") << "world: {timing: fast}\nsteps: []\n" << 1 << 17 << "unknown world.timing 'fast'";
        QTest::newRow("bad mapping value") << "world: {mapping: {BatchSize: big}}\nsteps: []\n" << 1 << 30 << "BatchSize must be a whole number";
        QTest::newRow("unknown mapping field") << "world: {mapping: {BatchSiz: 10}}\nsteps: []\n" << 1 << 19 << "unknown mapping field 'BatchSiz'";
        QTest::newRow("invalid mapping") << "world: {mapping: {BatchSize: 0}}\nsteps: []\n" << 1 << 18 << "BatchSize";
        QTest::newRow("missing field") << "steps:\n  - new-order: {pk: o-1, items: []}\n" << 2 << 16 << "new-order needs 'creator'";
        QTest::newRow("unknown command field") << "steps:\n  - new-order: {creator: a, items: [], colour: red}\n" << 2 << 40 << "unknown field 'colour' in new-order";
        QTest::newRow("items not a list") << "steps:\n  - new-order: {creator: a, items: pizza}\n" << 2 << 36 << "new-order.items must be a list";
        QTest::newRow("bad fault spec") << "faults:\n  cache.set: often\nsteps: []\n" << 2 << 14 << "faults.cache.set";
        QTest::newRow("unknown fault op") << "faults:\n  cache.fly: 0.1\nsteps: []\n" << 2 << 14 << "faults.cache.fly";
        QTest::newRow("at before an earlier at") << "steps:\n  - at: 2s\n    wait: 1s\n  - at: 1s\n    wait: 1s\n" << 4 << 5 << "comes before";
        QTest::newRow("wait until what") << "steps:\n  - wait: {until: tomorrow}\n" << 2 << 19 << "wait.until must be 'drained'";
        QTest::newRow("empty expect") << "steps:\n  - expect: {}\n" << 2 << 13 << "expect has nothing to check";
        QTest::newRow("unknown expectation") << "steps:\n  - expect: {weather: sunny}\n" << 2 << 14 << "unknown field 'weather' in expect";
        QTest::newRow("expectation on an unknown subscriber") << "steps:\n  - expect:\n      notifications:\n        - {subscriber: ghost, exactly: []}\n" << 4 << 24 << "no subscriber 'ghost'";
        QTest::newRow("expectation on an unknown cache") << "steps:\n  - expect:\n      cache:\n        - {cache: nope, key: k, absent: true}\n" << 4 << 19 << "no cache 'nope'";
        QTest::newRow("expectation on an unknown counter") << "steps:\n  - expect:\n      counts: {flights: 2}\n" << 3 << 16 << "no counter 'flights'";
        QTest::newRow("expectation on another table") << "steps:\n  - expect:\n      table:\n        - {table: users, pk: u, absent: true}\n" << 4 << 19 << "no table 'users'";
        QTest::newRow("expectation before its CreateTable") << "steps:\n  - expect:\n      table:\n        - {table: users, count: 0}\n  - dynamodb: {operation: CreateTable, request: {TableName: users}}\n" << 4 << 19 << "no table 'users' (the tables so far: orders;";
        QTest::newRow("dynamodb without operation") << "steps:\n  - dynamodb: {request: {}}\n" << 2 << 15 << "dynamodb needs 'operation'";
        QTest::newRow("dynamodb without request") << "steps:\n  - dynamodb: {operation: PutItem}\n" << 2 << 15 << "dynamodb needs 'request'";
        QTest::newRow("dynamodb operation not a name") << "steps:\n  - dynamodb: {operation: put item, request: {}}\n" << 2 << 27 << "dynamodb.operation must be an operation name";
        QTest::newRow("dynamodb request not a mapping") << "steps:\n  - dynamodb: {operation: PutItem, request: [1]}\n" << 2 << 45 << "dynamodb.request must be a mapping";
        QTest::newRow("dynamodb unknown field") << "steps:\n  - dynamodb: {operation: PutItem, request: {}, table: x}\n" << 2 << 49 << "unknown field 'table' in dynamodb";
        QTest::newRow("table item with pk and key") << "steps:\n  - expect:\n      table:\n        - {pk: a, key: {pk: a}, absent: true}\n" << 4 << 24 << "pk and key exclude each other";
        QTest::newRow("expectation with two matches") << "steps:\n  - expect:\n      cache:\n        - {key: k, equals: 1, absent: true}\n" << 4 << 11 << "exactly one of equals, contains or absent";
        QTest::newRow("subscribers without apps") << "world: {apps: false}\nsubscribers: {w: t}\nsteps: []\n" << 2 << 14 << "world.apps";
        QTest::newRow("bad seed item") << "seed:\n  items: [pizza]\nsteps: []\n" << 2 << 11 << "seed.items entry must be a mapping";
        QTest::newRow("missing export") << "seed: {export: nowhere.json}\nsteps: []\n" << 1 << 16 << "seed.export: cannot read";
        // clang-format on
    }

    void refusedWithPlace()
    {
        QFETCH(QString, yaml);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        try {
            parseScenario(yaml.toStdString(), "bad/scenario.yaml", "/nonexistent/bad");
            QFAIL("loaded");
        } catch (const ScenarioError &e) {
            const QString what = QString::fromStdString(e.what());
            QVERIFY2(what.contains(message), qPrintable(what));
            QCOMPARE(QString::fromStdString(e.place().file), QStringLiteral("bad/scenario.yaml"));
            QVERIFY2(e.place().line == line && e.place().column == column, qPrintable(what));
            QVERIFY2(what.startsWith(QStringLiteral("bad/scenario.yaml:%1:%2: ").arg(line).arg(column)),
                     qPrintable(what));
        }
    }

    void aBadExportLineIsNamedByItsOwnLine()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("export.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"Item\":{\"pk\":{\"S\":\"a\"}}}\n\n{\"Item\":{\"pk\":{\"Q\":\"b\"}}}\n");
        f.close();
        try {
            parseScenario("seed: {export: export.json}\nsteps: []\n", "s.yaml", dir.path().toStdString());
            QFAIL("loaded");
        } catch (const ScenarioError &e) {
            QVERIFY2(e.place().file.ends_with("export.json") && e.place().line == 3, e.what());
        }
    }

    void anUnreadableFileIsAnError()
    {
        try {
            loadScenario("/nonexistent/x");
            QFAIL("loaded");
        } catch (const ScenarioError &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("cannot read")), e.what());
        }
    }

    void aRunThatNeverSettlesStopsAtTheBound()
    {
        // A poison record with retries for ever: the stream never drains; the run stops at max-time.
        const Scenario s = parseScenario(R"(world: {timing: instant, max-time: 30s}
seed:
  items:
    - {pk: p, status: SUBMITTED, numItems: 1, items: [], creator: x, createdAt: "2024-11-24T12:00:00.000Z"}
steps:
  - put-item:
      item: {pk: q, status: SUBMITTED, numItems: 9007199254740993, items: [], creator: x}
  - wait: {until: drained}
)",
                                         "never/scenario.yaml", "/nonexistent/never");
        ScenarioRunner runner(s);
        QVERIFY(!runner.run());
        QVERIFY2(runner.error().starts_with("never/scenario.yaml:8:5: the stream did not drain by 30.000 s"),
                 runner.error().c_str());
        QVERIFY(runner.outcome().empty());
    }

    void aStepPastTheBoundStops()
    {
        const Scenario s =
            parseScenario("world: {max-time: 10s}\nsteps:\n  - wait: 5s\n  - wait: 6s\n", "b.yaml", "/x");
        ScenarioRunner runner(s);
        QVERIFY(!runner.run());
        QVERIFY2(runner.error().starts_with("b.yaml:4:5: the run would go past world.max-time"),
                 runner.error().c_str());
    }

    void aFailingCommandStopsTheRunAtItsStep()
    {
        const Scenario s = parseScenario("steps:\n  - advance-status: nobody\n", "c.yaml", "/x");
        ScenarioRunner runner(s);
        QVERIFY(!runner.run());
        QCOMPARE(runner.error(), std::string("c.yaml:2:5: advance-status failed: no order nobody"));
    }

    // docs/scenarios.md, "Handler processes": a process needs a host; one the host refuses fails at its line.
    void aHandlerProcessNeedsAHostThatTakesIt()
    {
        const Scenario s = parseScenario("world:\n  handler: {command: ./run, dir: lambda}\nsteps: []\n",
                                         "p/scenario.yaml", "/nonexistent/p");
        try {
            ScenarioRunner runner(s);
            QFAIL("ran without a host");
        } catch (const ScenarioError &e) {
            QVERIFY2(std::string(e.what()).starts_with("p/scenario.yaml:2:12: world.handler: a handler process cannot "
                                                       "be hosted here"),
                     e.what());
        }
        std::string asked;
        const ProcessHost refusing = [&](const HandlerSpec &h) -> ProcessHosting {
            asked = h.directory;
            throw std::invalid_argument("nope");
        };
        try {
            ScenarioRunner runner(s, refusing);
            QFAIL("ran with a refusing host");
        } catch (const ScenarioError &e) {
            QCOMPARE(std::string(e.what()), std::string("p/scenario.yaml:2:12: world.handler: nope"));
        }
        QCOMPARE(asked, std::string("/nonexistent/p/lambda")); // the folder, relative to the scenario's
    }
};

QTEST_GUILESS_MAIN(TstScenarioBadInput)
#include "tst_scenario_bad_input.moc"
