// Seeded fault injection: specs, next-N, probabilities, patterns.
#include "fault_injector.h"

#include <QtTest>

using namespace orderlab;

class TstFaultInjector : public QObject
{
    Q_OBJECT
  private slots:
    void parseSpecs()
    {
        QCOMPARE(FaultRule::parse("0.1").probability, 0.1);
        QCOMPARE(FaultRule::parse("next:3").nextCalls, 3);
        const FaultRule r = FaultRule::parse("p=0.5,code=timeout,latency=50ms,mode=timeout");
        QCOMPARE(r.probability, 0.5);
        QVERIFY(r.code == momento::ErrorCode::Timeout);
        QCOMPARE(r.latencyMs, TimeMs(50));
        QVERIFY(r.handlerMode == FaultRule::HandlerMode::Timeout);
    }

    // toString is what scenario files and the window write: parsing it gives the same rule back, the handler's
    // mode (timeout) and a probability of more than six decimals included.
    void aRuleWrittenAndReadBackIsTheSame_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::newRow("handler timeout") << "p=0.25,mode=timeout";
        QTest::newRow("handler throw") << "p=1,mode=throw";
        QTest::newRow("fine probability") << "p=0.1234567";
        QTest::newRow("tiny probability") << "0.0000001";
        QTest::newRow("everything") << "p=0.5,next=3,code=timeout,latency=20ms,mode=timeout";
        QTest::newRow("next only") << "next:2";
    }
    void aRuleWrittenAndReadBackIsTheSame()
    {
        QFETCH(QString, spec);
        const FaultRule rule = FaultRule::parse(spec.toStdString());
        const std::string text = rule.toString();
        const FaultRule back = FaultRule::parse(text);
        QCOMPARE(back.probability, rule.probability);
        QCOMPARE(back.nextCalls, rule.nextCalls);
        QVERIFY(back.code == rule.code);
        QCOMPARE(back.latencyMs, rule.latencyMs);
        QVERIFY2(back.handlerMode == rule.handlerMode, text.c_str());
    }

    // Issue 12, item 15: the Faults pane showed `p=0.500000,code=SERVER_UNAVAILABLE`.
    void describeSaysTheRuleInWords()
    {
        QCOMPARE(FaultRule::parse("p=0.5").describe("cache.set"),
                 std::string("50% of calls fail with SERVER_UNAVAILABLE"));
        QCOMPARE(
            FaultRule::parse("p=0.125,next=3,latency=20ms,code=timeout").describe("cache.get"),
            std::string(
                "12.5% of calls fail with TIMEOUT_ERROR; the next 3 calls fail with TIMEOUT_ERROR; every call 20 ms "
                "slower"));
        QCOMPARE(FaultRule::parse("next=1").describe("topic.publish"),
                 std::string("the next call fails with SERVER_UNAVAILABLE"));
        QCOMPARE(FaultRule::parse("p=1,mode=timeout").describe("handler"),
                 std::string("every call fails by timing out"));
        QCOMPARE(FaultRule::parse("p=0.2").describe("handler"), std::string("20% of calls fail by throwing"));
        QCOMPARE(FaultRule::parse("latency=5ms").describe("cache.*"), std::string("every call 5 ms slower"));
        QCOMPARE(FaultRule::parse("p=0").describe("*"), std::string("no call fails"));
    }

    void badSpecsNameTheProblem_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << ""
                               << "empty fault specification";
        QTest::newRow("p > 1") << "1.5"
                               << "probability wants a number from 0 to 1, got '1.5'";
        QTest::newRow("words") << "often"
                               << "probability: 'often' is not a number (it wants a number from 0 to 1)";
        // NaN passed `p < 0 || p > 1` and injected nothing; every field takes docs/command-line.md's grammar.
        QTest::newRow("nan") << "nan"
                             << "probability: 'nan' is not a number";
        QTest::newRow("p=nan") << "p=nan"
                               << "p: 'nan' is not a number";
        QTest::newRow("p=inf") << "p=inf"
                               << "p: 'inf' is not a number";
        QTest::newRow("hex float") << "0x1p-2"
                                   << "probability: '0x1p-2' is not a number";
        QTest::newRow("plus") << "+0.5"
                              << "probability: '+0.5' is not a number";
        QTest::newRow("p empty") << "p="
                                 << "p: '' is not a number";
        QTest::newRow("next fraction") << "next:1.5"
                                       << "next: '1.5' is not a whole number";
        QTest::newRow("next overflow") << "next:99999999999999999999"
                                       << "next wants a whole number from 0 to 1000000";
        QTest::newRow("latency nan") << "latency=nanms"
                                     << "latency: 'nan' is not a number";
        QTest::newRow("latency inf") << "latency=inf"
                                     << "latency: 'inf' is not a number";
        QTest::newRow("trailing comma") << "0.1,"
                                        << "empty setting in fault specification '0.1,'";
        QTest::newRow("empty key") << "=0.1"
                                   << "unknown fault setting ''";
        QTest::newRow("code") << "code=boom"
                              << "unknown Momento error code 'boom'";
        QTest::newRow("key") << "speed=3"
                             << "unknown fault setting 'speed'";
        QTest::newRow("latency") << "latency=-1"
                                 << "latency wants a whole number";
    }
    void badSpecsNameTheProblem()
    {
        QFETCH(QString, spec);
        QFETCH(QString, message);
        try {
            FaultRule::parse(spec.toStdString());
            QFAIL("must throw");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(message), e.what());
        }
    }

    void unknownOperationsAreRefused()
    {
        FaultInjector f;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, f.set("cache.fly", FaultRule{}));
        f.set("cache.*", FaultRule{});
        f.set("*", FaultRule{});
        QCOMPARE(f.rules().size(), std::size_t(2));
    }

    void nextCallsFailThenStop()
    {
        FaultInjector f;
        f.set("cache.set", FaultRule::parse("next:2,code=internal"));
        QVERIFY(f.decide("cache.set").fail);
        auto d = f.decide("cache.set");
        QVERIFY(d.fail);
        QVERIFY(d.code == momento::ErrorCode::InternalServer);
        QVERIFY(!f.decide("cache.set").fail);
        QVERIFY(!f.decide("cache.get").fail);
        QCOMPARE(f.injected(), std::uint64_t(2));
    }

    void probabilityIsSeeded()
    {
        auto run = [](std::uint64_t seed) {
            FaultInjector f(seed);
            f.set("cache.*", FaultRule::parse("0.3"));
            std::vector<bool> out;
            for (int i = 0; i < 2000; ++i)
                out.push_back(f.decide(i % 2 ? "cache.get" : "cache.set").fail);
            return out;
        };
        const auto a = run(7);
        QCOMPARE(run(7), a);
        QVERIFY(run(8) != a);
        const auto failures = std::count(a.begin(), a.end(), true);
        QVERIFY2(failures > 500 && failures < 700, qPrintable(QString::number(failures)));
    }

    void exactRuleWinsOverPattern()
    {
        FaultInjector f;
        f.set("*", FaultRule::parse("1"));
        f.set("topic.publish", FaultRule::parse("0"));
        QVERIFY(f.decide("cache.get").fail);
        QVERIFY(!f.decide("topic.publish").fail);
    }
};

QTEST_GUILESS_MAIN(TstFaultInjector)
#include "tst_fault_injector.moc"
