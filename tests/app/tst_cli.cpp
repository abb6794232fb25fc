// The orderlab command line: exit statuses, usage messages, and what each command prints.
#include "run_orderlab.h"

#include <QTemporaryDir>
#include <QtTest>

using app_test::orderlab;
using app_test::Run;

class TstCli : public QObject
{
    Q_OBJECT
  private slots:
    void badUsageExitsWith2_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown command") << QStringList{"frobnicate"} << "unknown command 'frobnicate'";
        QTest::newRow("replay without file") << QStringList{"replay"} << "expects exactly one EVENTS file";
        QTest::newRow("replay unknown flag") << QStringList{"replay", "--nope", "x"} << "Unknown option 'nope'";
        QTest::newRow("generate bad seed") << QStringList{"generate", "--seed", "x"} << "--seed: 'x' is not a number";
        QTest::newRow("generate batch 0")
            << QStringList{"generate", "--batch", "0"} << "--batch wants a whole number from 1 to 10000";
        QTest::newRow("generate bad view")
            << QStringList{"generate", "--view-type", "ALL"} << "unknown --view-type 'ALL'";
        QTest::newRow("simulate bad fault op")
            << QStringList{"simulate", "--fault", "cache.fly=0.1"} << "unknown operation 'cache.fly'";
        QTest::newRow("simulate bad fault spec")
            << QStringList{"simulate", "--fault", "cache.set=often"} << "probability: 'often' is not a number";
        QTest::newRow("simulate no spec") << QStringList{"simulate", "--fault", "cache.set"} << "--fault wants OP=SPEC";
        QTest::newRow("simulate shards") << QStringList{"simulate", "--shards", "0"}
                                         << "--shards wants a whole number from 1 to 64";
        QTest::newRow("simulate batch") << QStringList{"simulate", "--batch-size", "0"}
                                        << "BatchSize must be between 1 and 10000";
        QTest::newRow("simulate tumbling filter")
            << QStringList{"simulate", "--filter", "[]"} << "FilterCriteria filter 1";
        QTest::newRow("simulate timing") << QStringList{"simulate", "--timing", "lan"} << "unknown --timing 'lan'";
        QTest::newRow("simulate timing and latency")
            << QStringList{"simulate", "--timing", "instant", "--call-latency", "5"}
            << "--timing and --call-latency exclude each other";
        QTest::newRow("simulate latency")
            << QStringList{"simulate", "--call-latency", "-1"} << "--call-latency wants a whole number from 0 to 60000";
        QTest::newRow("simulate stream cap")
            << QStringList{"simulate", "--stream-max-records", "-1"}
            << "--stream-max-records wants a whole number from 0 to 1000000000, got '-1'";
        QTest::newRow("simulate checker window")
            << QStringList{"simulate", "--checker-forget-after", "0"}
            << "--checker-forget-after wants a whole number from 1 to 2592000, got '0'";
        QTest::newRow("serve trace limit")
            << QStringList{"serve", "--trace-limit", "0"} << "--trace-limit wants a whole number from 1 to 100000000";
        QTest::newRow("serve stream bytes")
            << QStringList{"serve", "--stream-max-bytes", "lots"} << "--stream-max-bytes: 'lots' is not a number";
        QTest::newRow("serve cache bytes")
            << QStringList{"serve", "--cache-max-bytes", "nan"} << "--cache-max-bytes: 'nan' is not a number";
        QTest::newRow("simulate cache bytes")
            << QStringList{"simulate", "--cache-max-bytes", "-5"}
            << "--cache-max-bytes wants a whole number from 0 to 1099511627776, got '-5'";
        QTest::newRow("serve handler timeout")
            << QStringList{"serve", "--handler-command", "true", "--handler-timeout", "0"}
            << "--handler-timeout wants a whole number from 1 to 900, got '0'";
        QTest::newRow("simulate handler timeout")
            << QStringList{"simulate", "--handler-command", "true", "--handler-timeout", "1.5"}
            << "--handler-timeout: '1.5' is not a whole number (it wants a whole number from 1 to 900)";
        QTest::newRow("simulate handler memory")
            << QStringList{"simulate", "--handler-command", "true", "--handler-memory", "64"}
            << "--handler-memory wants a whole number from 128 to 10240, got '64'";
        QTest::newRow("serve handler dir")
            << QStringList{"serve", "--handler-command", "true", "--handler-dir", "/no/such/orderlab/folder"}
            << "--handler-dir wants an existing folder, got '/no/such/orderlab/folder'";
        QTest::newRow("simulate handler without command")
            << QStringList{"simulate", "--handler", "app.main"} << "--handler needs --handler-command";
        QTest::newRow("serve handler logs without command")
            << QStringList{"serve", "--handler-logs"} << "--handler-logs needs --handler-command";
        QTest::newRow("simulate empty handler command")
            << QStringList{"simulate", "--handler-command", " "} << "--handler-command wants a command, got nothing";
        QTest::newRow("simulate empty handler name")
            << QStringList{"simulate", "--handler-command", "true", "--handler", ""}
            << "--handler wants a name such as index.handler, got ''";
        // --handler-env NAME=VALUE, with Lambda's rules and texts (docs/lambda-runtime.md, "The function's variables")
        QTest::newRow("handler env without command")
            << QStringList{"simulate", "--handler-env", "A1=b"} << "--handler-env needs --handler-command";
        QTest::newRow("handler env without =")
            << QStringList{"serve", "--handler-command", "true", "--handler-env", "SECRET_ID"}
            << "--handler-env wants NAME=VALUE, got 'SECRET_ID'";
        QTest::newRow("handler env bad name")
            << QStringList{"simulate", "--handler-command", "true", "--handler-env", "1X=b"}
            << "Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+] (the name '1X')";
        QTest::newRow("handler env reserved")
            << QStringList{"simulate",      "--handler-command",    "true",
                           "--handler-env", "AWS_REGION=eu-west-1", "--handler-env",
                           "OK=1",          "--handler-env",        "AWS_LAMBDA_LOG_GROUP_NAME=x"}
            << "contains reserved keys that are currently not supported for modification. Reserved keys used in this "
               "request: AWS_REGION, AWS_LAMBDA_LOG_GROUP_NAME";
        QTest::newRow("handler env twice")
            << QStringList{"simulate", "--handler-command", "true", "--handler-env", "AB=1", "--handler-env", "AB=2"}
            << "the variable AB is given twice";
        QTest::newRow("handler env over 4 KB") << QStringList{"simulate", "--handler-command", "true", "--handler-env",
                                                              "BIG=" + QString(4090, QLatin1Char('x'))}
                                               << "exceeded the 4KB limit. String measured: 4100 bytes";
        // --secret NAME=VALUE (docs/secrets-manager.md, "Secrets at start"): the message names the flag, never the
        // value.
        QTest::newRow("secret without AWS port")
            << QStringList{"serve", "--secret", "a=b"} << "--secret needs --dynamodb-port";
        QTest::newRow("secret without name")
            << QStringList{"serve", "--dynamodb-port", "0", "--secret", "=hidden"} << "--secret wants NAME=VALUE";
        QTest::newRow("secret without =")
            << QStringList{"serve", "--dynamodb-port", "0", "--secret", "justaname"} << "--secret wants NAME=VALUE";
        QTest::newRow("secret bad name")
            << QStringList{"serve", "--dynamodb-port", "0", "--secret", "bad name=x"}
            << "--secret 'bad name': Invalid name. Must be a valid name containing alphanumeric characters";
        QTest::newRow("secret twice") << QStringList{"serve", "--dynamodb-port", "0",  "--secret",
                                                     "a=1",   "--secret",        "a=2"}
                                      << "--secret 'a': given twice";
        QTest::newRow("secret too big")
            << QStringList{"serve", "--dynamodb-port", "0", "--secret", "big=" + QString(65537, QLatin1Char('x'))}
            << "--secret 'big': the value is 65537 bytes; Secrets Manager takes at most 65536";
        QTest::newRow("secrets over the cap")
            << QStringList{"serve", "--dynamodb-port", "0", "--max-secrets", "1", "--secret", "a=1", "--secret", "b=2"}
            << "--secret 'b': more --secret options than --max-secrets (1)";
        QTest::newRow("max secrets 0") << QStringList{"serve", "--max-secrets", "0"}
                                       << "--max-secrets wants a whole number from 1 to 1000000, got '0'";
    }
    void badUsageExitsWith2()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = orderlab(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
        QVERIFY(r.err.contains("usage") || r.err.contains("Usage"));
    }

    void secretValuesStayOutOfErrors()
    {
        for (const QStringList &args :
             {QStringList{"serve", "--dynamodb-port", "0", "--secret", "bad name=Hunter2value"},
              QStringList{"serve", "--dynamodb-port", "0", "--secret", "=Hunter2value"},
              QStringList{"serve", "--secret", "a=Hunter2value"}}) {
            const Run r = orderlab(args);
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(!r.err.contains("Hunter2value"), r.err.constData());
        }
    }

    void replayReportsUnreadableFiles()
    {
        Run r = orderlab({"replay", "/nonexistent/events.jsonl"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("cannot read /nonexistent/events.jsonl"));
        r = orderlab({"replay", "-"}, "{\"Records\":[]}\nnot json\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("line 2: not a JSON event"), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void generateThenReplay()
    {
        const Run gen = orderlab({"generate", "--seed", "11", "--records", "120", "--batch", "30"});
        QCOMPARE(gen.exitCode, 0);
        QCOMPARE(gen.out.count('\n'), 4);
        QCOMPARE(orderlab({"generate", "--seed", "11", "--records", "120", "--batch", "30"}).out, gen.out);
        const Run rep = orderlab({"replay", "-"}, gen.out);
        QCOMPARE(rep.exitCode, 0);
        QVERIFY(rep.out.startsWith("{\"cache\":{"));
        QVERIFY(rep.out.endsWith(",\"failures\":[]}\n"));
        QVERIFY(rep.out.contains("\"topic\":\"new-order\""));
    }

    void simulateExitsByWhatTheCheckerFound()
    {
        Run r = orderlab({"simulate", "--orders", "200", "--seed", "7", "--fault", "cache.set=0.1", "--fault",
                          "topic.publish=0.1", "--json"});
        QCOMPARE(r.exitCode, 0);
        for (const char *key :
             {"\"recordsWritten\":", "\"invocations\":", "\"retries\":", "\"recordsDiscarded\":0",
              "\"poisonRecords\":0", "\"cacheMismatches\":0", "\"lostUpdates\":0", "\"notificationsExpected\":",
              "\"notificationsDelivered\":", "\"notificationsMissing\":0", "\"notificationsDuplicated\":"})
            QVERIFY2(r.out.contains(key), key);
        QVERIFY(!r.out.contains("\"retries\":0,"));
        r = orderlab({"simulate", "--orders", "300", "--seed", "3", "--shards", "2", "--parallelization", "2",
                      "--call-latency", "5", "--rate", "100"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("verdict:") && !r.out.contains("verdict: clean"), r.out.constData());
        QVERIFY(r.out.contains("all-orders"));
        // The default timing (docs/timing-model.md) interleaves two shards: the race shows at the default rate.
        const QStringList race{"simulate", "--orders",          "300", "--seed", "60221", "--shards",
                               "2",        "--parallelization", "2"};
        r = orderlab(race);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("timing in-region") && r.out.contains("finding: lost update on all-orders"),
                 r.out.constData());
        r = orderlab(race + QStringList{"--timing", "instant"});
        QVERIFY2(r.exitCode == 0 && r.out.contains("timing instant"), r.out.constData());
    }

    void simulateTakesTheMemoryBounds()
    {
        // Small bounds (docs/memory-bounds.md) change nothing the checker judges.
        Run r = orderlab({"simulate", "--orders", "300", "--max-live-orders", "10", "--stream-max-records", "200",
                          "--trace-limit", "50", "--checker-forget-after", "5", "--timing", "instant", "--json"});
        QVERIFY2(r.exitCode == 0, r.out.constData());
        QVERIFY2(r.out.contains("\"recordsLost\":0") && r.out.contains("\"verdict\":\"clean\""), r.out.constData());
        // A stream cap the mapping cannot keep up with loses records, and says so.
        r = orderlab({"simulate", "--orders", "300", "--stream-max-records", "20", "--rate", "1000", "--json"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("TrimmedDataAccessException") && !r.out.contains("\"recordsLost\":0"),
                 r.out.constData());
    }

    void simulateJsonIsTheSameBytesForTheSameSeed()
    {
        // The wall-clock time went into --json as "wallSeconds"; it is on stderr now.
        const QStringList args{"simulate", "--orders", "60", "--seed", "5", "--fault", "cache.set=0.1", "--json"};
        const Run first = orderlab(args), second = orderlab(args);
        QCOMPARE(first.exitCode, 0);
        QCOMPARE(second.exitCode, 0);
        QVERIFY(first.out.startsWith("{\""));
        QCOMPARE(second.out, first.out);
        QVERIFY2(!first.out.contains("wall"), first.out.constData());
        QVERIFY2(first.err.startsWith("orderlab simulate: ") && first.err.endsWith(" s wall\n"), first.err.constData());
        // The text summary too.
        const Run text = orderlab({"simulate", "--orders", "60", "--seed", "5"});
        QCOMPARE(orderlab({"simulate", "--orders", "60", "--seed", "5"}).out, text.out);
        QVERIFY(text.err.endsWith(" s wall\n"));
    }

    void optionsComeFromTheEnvironment()
    {
        const Run cli = orderlab({"generate", "--seed", "11", "--records", "120", "--batch", "30"});
        QCOMPARE(cli.exitCode, 0);
        const Run env = orderlab({"generate"}, {}, {"ORDERLAB_SEED=11", "ORDERLAB_RECORDS=120", "ORDERLAB_BATCH=30"});
        QCOMPARE(env.exitCode, 0);
        QCOMPARE(env.out, cli.out);
        // A variable of an option the command does not have is none of its business.
        QCOMPARE(
            orderlab({"generate", "--seed", "11", "--records", "120", "--batch", "30"}, {}, {"ORDERLAB_SHARDS=0"}).out,
            cli.out);
        // An empty variable is no option.
        QCOMPARE(orderlab({"generate", "--seed", "11", "--records", "120"}, {}, {"ORDERLAB_BATCH="}).out.count('\n'),
                 2);
    }

    void theCommandLineWinsOverTheEnvironment()
    {
        const Run r = orderlab({"generate", "--records", "120", "--batch", "60"}, {},
                               {"ORDERLAB_BATCH=30", "ORDERLAB_RECORDS=7"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.count('\n'), 2);
        // A bad variable is never looked at when the command line gives the option.
        QCOMPARE(orderlab({"generate", "--batch", "60", "--records", "1"}, {}, {"ORDERLAB_BATCH=0"}).exitCode, 0);
        // A repeatable option on the command line replaces all of the variable's values.
        QCOMPARE(
            orderlab({"simulate", "--orders", "20", "--fault", "cache.set=0.1"}, {}, {"ORDERLAB_FAULT=cache.fly=1"})
                .exitCode,
            0);
    }

    void badEnvironmentValuesNameTheVariable_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("message");
        QTest::newRow("shards") << QStringList{"simulate"} << "ORDERLAB_SHARDS=0"
                                << "ORDERLAB_SHARDS: --shards wants a whole number from 1 to 64, got '0'";
        QTest::newRow("seed") << QStringList{"generate"} << "ORDERLAB_SEED=x"
                              << "ORDERLAB_SEED: --seed: 'x' is not a number";
        QTest::newRow("view type") << QStringList{"generate"} << "ORDERLAB_VIEW_TYPE=ALL"
                                   << "ORDERLAB_VIEW_TYPE: unknown --view-type 'ALL'";
        QTest::newRow("port")
            << QStringList{"serve"} << "ORDERLAB_MOMENTO_PORT=70000"
            << "ORDERLAB_MOMENTO_PORT: --momento-port wants a whole number from 0 to 65535, got '70000'";
        QTest::newRow("max connections")
            << QStringList{"serve"} << "ORDERLAB_MAX_CONNECTIONS=0"
            << "ORDERLAB_MAX_CONNECTIONS: --max-connections wants a whole number from 1 to 1000000, got '0'";
        QTest::newRow("max caches")
            << QStringList{"serve", "--max-caches", "many"} << "ORDERLAB_SEED=1"
            << "--max-caches: 'many' is not a number (it wants a whole number from 1 to 1000000)";
        QTest::newRow("max subscriptions") << QStringList{"serve", "--max-subscriptions", "-1"} << "ORDERLAB_SEED=1"
                                           << "--max-subscriptions wants a whole number from 1 to 1000000, got '-1'";
        QTest::newRow("second fault") << QStringList{"simulate"} << "ORDERLAB_FAULT=cache.set=0.1; cache.fly=0.1"
                                      << "ORDERLAB_FAULT: --fault cache.fly=0.1: unknown operation 'cache.fly'";
        QTest::newRow("no option named") << QStringList{"simulate"} << "ORDERLAB_BATCH_SIZE=0"
                                         << "(options from the environment: ORDERLAB_BATCH_SIZE)";
        QTest::newRow("live orders") << QStringList{"serve"} << "ORDERLAB_MAX_LIVE_ORDERS=x"
                                     << "ORDERLAB_MAX_LIVE_ORDERS: --max-live-orders: 'x' is not a number";
        QTest::newRow("flag")
            << QStringList{"simulate"} << "ORDERLAB_JSON=maybe"
            << "ORDERLAB_JSON: --json is a flag; the variable wants 1, true, yes, 0, false or no, got 'maybe'";
    }
    void badEnvironmentValuesNameTheVariable()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, variable);
        QFETCH(QString, message);
        const Run r = orderlab(args, {}, {variable});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
    }

    void flagsAndRepeatedOptionsComeFromTheEnvironment()
    {
        const QStringList args{"simulate", "--orders", "200", "--seed", "7"};
        Run r = orderlab(args, {}, {"ORDERLAB_JSON=Yes", "ORDERLAB_FAULT=cache.set=0.1;;topic.publish=0.1"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("{\"") && r.out.contains("\"retries\":"), r.out.constData());
        QVERIFY(!r.out.contains("\"retries\":0,"));
        r = orderlab(args, {}, {"ORDERLAB_JSON=0"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("verdict:") && !r.out.startsWith("{"), r.out.constData());
    }

    void helpMentionsTheEnvironment()
    {
        for (const char *command : {"simulate", "serve", "generate"}) {
            const Run r = orderlab({command, "--help"});
            QCOMPARE(r.exitCode, 0);
            QVERIFY2(r.out.contains("ORDERLAB_<NAME>"), command);
        }
        QVERIFY(orderlab({"--help"}).out.contains("ORDERLAB_<NAME>"));
    }

    void demoRunsTheSample()
    {
        // With no display the bare command is the text demo (with one, it opens the window).
        for (const char *display : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            qunsetenv(display);
        const Run r = orderlab({});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("orderlab demo"));
        QVERIFY(r.out.contains("new-order"));
        QVERIFY(r.out.contains("failures: 0"));
    }
};

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
