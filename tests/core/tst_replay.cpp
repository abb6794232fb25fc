// orderlab replay: input handling and the layout of its output.
#ifndef Q_MOC_RUN
#include "js/json.h"
#include "replay/replay.h"
#include "replay_texts.h"
#include "test_events.h"
#endif

#include <QtTest>

using namespace orderlab;

using orderlab::testing::insertEvent;

class TstReplay : public QObject
{
    Q_OBJECT
  private slots:
    void emptyInput()
    {
        QCOMPARE(replayEvents(""), kEmptyOutput);
        QCOMPARE(replayEvents("\n\n"), kEmptyOutput);
    }

    void aBadLineIsNamedAndNothingRuns_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("message");
        QTest::newRow("line 3") << QByteArray("{\"Records\":[]}\n\n{oops\n")
                                << "line 3: not a JSON event: JSON.parse: unexpected character 'o' at byte 1";
        QTest::newRow("only CR") << QByteArray("{\"Records\":[]}\r\n\r\n")
                                 << "line 2: not a JSON event: JSON.parse: unexpected end of JSON input at byte 1";
        QTest::newRow("truncated") << QByteArray("{\"Records\":[")
                                   << "line 1: not a JSON event: JSON.parse: unexpected end of JSON input at byte 12";
        QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBF{}")
                             << "line 1: not a JSON event: JSON.parse: unexpected byte 0xEF at byte 0";
    }
    void aBadLineIsNamedAndNothingRuns()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, message);
        try {
            replayEvents(file.toStdString());
            QFAIL("must throw");
        } catch (const ReplayInputError &e) {
            QCOMPARE(QString::fromStdString(e.what()), message);
        }
    }

    void crlfLinesAreFine()
    {
        const std::string out = replayEvents(insertEvent("a", "x", 1) + "\r\n" + insertEvent("b", "x", 2) + "\r\n");
        QVERIFY(out.find(kNoFailures) != std::string::npos);
        QVERIFY(out.find(kNewOrderB) != std::string::npos);
    }

    void invalidUtf8BecomesReplacementCharacters()
    {
        const std::string out = replayEvents(insertEvent("caf\xE9", "x", 1));
        QVERIFY(out.find("\"caf\xEF\xBF\xBD\"") != std::string::npos);
    }

    void cacheLayoutIsTheReferenceRunners()
    {
        // Keys sorted by "key,value" in UTF-16 order; integer-like keys first, as a JavaScript object lists them.
        const std::string out = replayEvents(insertEvent("b", "10", 1) + "\n" + insertEvent("a", "2", 2) + "\n");
        std::vector<std::string> keys;
        js::parseJson(out).asObject()->find("cache")->asObject()->forEach(
            [&](std::string_view key, const js::Value &) { keys.emplace_back(key); });
        const std::vector<std::string> want{"2", "10", "ADMIN-a", "ADMIN-b", "a", "all-orders", "b"};
        QCOMPARE(keys, want);
    }

    void failuresAreListed()
    {
        const std::string out = replayEvents(kBadBatch + "\n{}\n");
        QVERIFY2(out.find(kBadBatchFailures) != std::string::npos, out.c_str());
    }
};

QTEST_GUILESS_MAIN(TstReplay)
#include "tst_replay.moc"
