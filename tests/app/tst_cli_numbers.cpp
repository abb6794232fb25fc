// Every numeric option and fault spec field of every command refuses NaN, infinities, hex, '+', spaces,
// fractions where whole numbers are wanted, and out-of-range values, naming the flag (or the variable);
// docs/command-line.md, "Numbers".
#include "run_orderlab.h"

#include <QtTest>

using app_test::orderlab;
using app_test::Run;

namespace {
/// serve with a bad option stops before it listens; --momento-port 0 keeps a regression off port 8080.
QStringList serve(const QStringList &args)
{
    return QStringList{"serve", "--momento-port", "0"} + args;
}
} // namespace

class TstCliNumbers : public QObject
{
    Q_OBJECT
  private slots:
    void badNumbersAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("message");
        auto row = [](const char *name, const QStringList &args, const QString &message) {
            QTest::newRow(name) << args << QString() << message;
        };
        // serve: whole numbers
        row("serve heartbeat nan", serve({"--heartbeat", "nan"}),
            "orderlab serve: --heartbeat: 'nan' is not a number (it wants a whole number from 10 to 3600000)");
        row("serve heartbeat inf", serve({"--heartbeat", "inf"}), "--heartbeat: 'inf' is not a number");
        row("serve heartbeat hex", serve({"--heartbeat", "0x10"}), "--heartbeat: '0x10' is not a number");
        row("serve heartbeat plus", serve({"--heartbeat", "+100"}), "--heartbeat: '+100' is not a number");
        row("serve heartbeat empty", serve({"--heartbeat="}), "--heartbeat: '' is not a number");
        row("serve heartbeat fraction", serve({"--heartbeat", "10.5"}), "--heartbeat: '10.5' is not a whole number");
        row("serve heartbeat exponent", serve({"--heartbeat", "1e3"}), "--heartbeat: '1e3' is not a whole number");
        row("serve heartbeat low", serve({"--heartbeat", "9"}), "--heartbeat wants a whole number from 10 to 3600000");
        row("serve heartbeat overflow", serve({"--heartbeat", "99999999999999999999"}),
            "--heartbeat wants a whole number from 10 to 3600000, got '99999999999999999999'");
        row("serve port fraction", {"serve", "--momento-port", "80.5"}, "--momento-port: '80.5' is not a whole number");
        row("serve port inf", {"serve", "--momento-port", "inf"}, "--momento-port: 'inf' is not a number");
        row("serve port range", {"serve", "--momento-port", "65536"},
            "--momento-port wants a whole number from 0 to 65535, got '65536'");
        // serve: the item collection limit (docs/dynamodb-indexes.md, "Item collections")
        row("serve item collection limit zero", serve({"--item-collection-limit-bytes", "0"}),
            "--item-collection-limit-bytes wants a whole number from 1 to 18446744073709551615, got '0'");
        row("serve item collection limit text", serve({"--item-collection-limit-bytes", "10GB"}),
            "--item-collection-limit-bytes: '10GB' is not a number");
        // serve: how long a DynamoDB connection is polled (docs/dynamodb-api.md, "Latency")
        row("serve poll window negative", serve({"--dynamodb-poll-us", "-1"}),
            "--dynamodb-poll-us wants a whole number from 0 to 10000, got '-1'");
        row("serve poll window too long", serve({"--dynamodb-poll-us", "10001"}),
            "--dynamodb-poll-us wants a whole number from 0 to 10000, got '10001'");
        row("serve poll window text", serve({"--dynamodb-poll-us", "50us"}),
            "--dynamodb-poll-us: '50us' is not a number");
        // serve: the unsigned seed
        row("serve seed nan", serve({"--seed", "nan"}), "--seed: 'nan' is not a number");
        row("serve seed negative", serve({"--seed", "-1"}),
            "--seed wants a whole number from 0 to 18446744073709551615, got '-1'");
        row("serve seed overflow", serve({"--seed", "18446744073709551616"}),
            "--seed wants a whole number from 0 to 18446744073709551615");
        row("serve seed fraction", serve({"--seed", "1.5"}), "--seed: '1.5' is not a whole number");
        // serve: a number with a fraction
        row("serve simulate nan", serve({"--simulate", "nan"}),
            "--simulate: 'nan' is not a number (it wants a number from 0.001 to 100000)");
        row("serve simulate -inf", serve({"--simulate", "-inf"}), "--simulate: '-inf' is not a number");
        row("serve simulate hex float", serve({"--simulate", "0x1p3"}), "--simulate: '0x1p3' is not a number");
        row("serve simulate overflow", serve({"--simulate", "1e999"}),
            "--simulate wants a number from 0.001 to 100000, got '1e999'");
        row("serve simulate zero", serve({"--simulate", "0"}), "--simulate wants a number from 0.001 to 100000");
        // fault specs (serve and simulate share the parser)
        row("serve fault nan", serve({"--fault", "cache.set=nan"}),
            "--fault cache.set=nan: probability: 'nan' is not a number (it wants a number from 0 to 1)");
        row("fault p inf", {"simulate", "--fault", "cache.set=p=inf"},
            "--fault cache.set=p=inf: p: 'inf' is not a number");
        row("fault p hex", {"simulate", "--fault", "cache.set=p=0x1p-2"}, "p: '0x1p-2' is not a number");
        row("fault p range", {"simulate", "--fault", "cache.set=1.5"},
            "probability wants a number from 0 to 1, got '1.5'");
        row("fault next fraction", {"simulate", "--fault", "handler=next:1.5"},
            "next: '1.5' is not a whole number (it wants a whole number from 0 to 1000000)");
        row("fault next plus", {"simulate", "--fault", "handler=next:+1"}, "next: '+1' is not a number");
        row("fault latency nan", {"simulate", "--fault", "cache.get=latency=nanms"}, "latency: 'nan' is not a number");
        row("fault latency overflow", {"simulate", "--fault", "cache.get=latency=99999999999999999999ms"},
            "latency wants a whole number from 0 to 3600000");
        row("fault empty setting", {"simulate", "--fault", "cache.set=0.1,"},
            "empty setting in fault specification '0.1,'");
        // simulate: whole numbers, the seed, mapping settings, call latency
        row("simulate orders plus", {"simulate", "--orders", "+5"}, "--orders: '+5' is not a number");
        row("simulate orders space", {"simulate", "--orders", " 5"}, "--orders: ' 5' is not a number");
        row("simulate seed space", {"simulate", "--seed", "7 "}, "--seed: '7 ' is not a number");
        row("simulate seed nan", {"simulate", "--seed", "nan"}, "--seed: 'nan' is not a number");
        row("simulate rate nan", {"simulate", "--rate", "nan"}, "--rate: 'nan' is not a number");
        row("simulate progress nan", {"simulate", "--progress", "nan"}, "--progress: 'nan' is not a number");
        row("simulate progress zero", {"simulate", "--progress", "0"},
            "--progress wants a whole number from 1 to 3600, got '0'");
        row("simulate creators fraction", {"simulate", "--creators", "2.0"}, "--creators: '2.0' is not a whole number");
        row("simulate shards exponent", {"simulate", "--shards", "1e1"}, "--shards: '1e1' is not a whole number");
        row("simulate parallelization inf", {"simulate", "--parallelization", "inf"},
            "--parallelization: 'inf' is not a number");
        row("simulate batch hex", {"simulate", "--batch-size", "0x10"}, "--batch-size: '0x10' is not a number");
        row("simulate window nan", {"simulate", "--window", "nan"}, "--window: 'nan' is not a number");
        row("simulate retries overflow", {"simulate", "--retries", "9223372036854775808"},
            "--retries wants a whole number from -1000000 to 1000000");
        row("simulate max age junk", {"simulate", "--max-age", "60s"}, "--max-age: '60s' is not a number");
        row("simulate call latency inf", {"simulate", "--call-latency", "inf"},
            "--call-latency: 'inf' is not a number");
        // generate
        row("generate seed inf", {"generate", "--seed", "inf"}, "--seed: 'inf' is not a number");
        row("generate seed hex", {"generate", "--seed", "0x10"}, "--seed: '0x10' is not a number");
        row("generate records nan", {"generate", "--records", "nan"}, "--records: 'nan' is not a number");
        row("generate batch fraction", {"generate", "--batch", "1.5"}, "--batch: '1.5' is not a whole number");
        row("generate creators empty", {"generate", "--creators="}, "--creators: '' is not a number");
        // The same checks for values from ORDERLAB_<NAME>, naming the variable.
        auto env = [](const char *name, const QStringList &args, const char *variable, const QString &message) {
            QTest::newRow(name) << args << QString::fromLatin1(variable) << message;
        };
        env("env heartbeat", serve({}), "ORDERLAB_HEARTBEAT=nan",
            "orderlab serve: ORDERLAB_HEARTBEAT: --heartbeat: 'nan' is not a number");
        env("env simulate", serve({}), "ORDERLAB_SIMULATE=inf", "ORDERLAB_SIMULATE: --simulate: 'inf' is not a number");
        env("env serve seed", serve({}), "ORDERLAB_SEED=nan", "ORDERLAB_SEED: --seed: 'nan' is not a number");
        env("env serve fault", serve({}), "ORDERLAB_FAULT=cache.set=nan",
            "ORDERLAB_FAULT: --fault cache.set=nan: probability: 'nan' is not a number");
        env("env orders", {"simulate"}, "ORDERLAB_ORDERS=+5", "ORDERLAB_ORDERS: --orders: '+5' is not a number");
        env("env call latency", {"simulate"}, "ORDERLAB_CALL_LATENCY=1e3",
            "ORDERLAB_CALL_LATENCY: --call-latency: '1e3' is not a whole number");
        env("env generate seed", {"generate"}, "ORDERLAB_SEED=-1",
            "ORDERLAB_SEED: --seed wants a whole number from 0 to 18446744073709551615, got '-1'");
        env("env batch", {"generate"}, "ORDERLAB_BATCH=0x10", "ORDERLAB_BATCH: --batch: '0x10' is not a number");
    }
    void badNumbersAreUsageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, variable);
        QFETCH(QString, message);
        const Run r = orderlab(args, {}, variable.isEmpty() ? QStringList() : QStringList{variable});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void goodNumbersAreTaken()
    {
        Run r = orderlab({"generate", "--seed", "18446744073709551615", "--records", "3", "--batch", "1"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.count('\n'), 3);
        QCOMPARE(orderlab({"generate", "--seed", "007", "--records", "3"}).out,
                 orderlab({"generate", "--seed", "7", "--records", "3"}).out);
        r = orderlab({"simulate", "--orders", "5", "--seed", "-0", "--fault", "cache.set=.5", "--fault",
                      "topic.publish=p=1e-1,next:2,latency=5ms", "--retries", "-1", "--json"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("{\""));
    }
};

QTEST_GUILESS_MAIN(TstCliNumbers)
#include "tst_cli_numbers.moc"
