// The mapping's settings as the window keeps them between runs (ui/mapping_settings.h).
#include "mapping_settings.h"

#include <QtTest>

using namespace orderlab;

class TstMappingSettings : public QObject
{
    Q_OBJECT
  private slots:
    void everyKeptFieldRoundTrips()
    {
        MappingConfig c;
        c.batchSize = 7;
        c.maximumBatchingWindowSeconds = 5;
        c.startingPosition = MappingConfig::StartingPosition::Latest;
        c.reportBatchItemFailures = false;
        c.maximumRetryAttempts = 3;
        c.maximumRecordAgeSeconds = 120;
        c.bisectBatchOnFunctionError = true;
        c.parallelizationFactor = 4;
        c.filters = {R"({"eventName":["INSERT"]})"};
        QString error;
        const auto back = mappingFromSettingsJson(mappingSettingsJson(c), MappingConfig(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->batchSize, 7);
        QCOMPARE(back->maximumBatchingWindowSeconds, 5);
        QVERIFY(back->startingPosition == MappingConfig::StartingPosition::Latest);
        QVERIFY(!back->reportBatchItemFailures);
        QCOMPARE(back->maximumRetryAttempts, 3);
        QCOMPARE(back->maximumRecordAgeSeconds, 120);
        QVERIFY(back->bisectBatchOnFunctionError);
        QCOMPARE(back->parallelizationFactor, 4);
        QCOMPARE(back->filters, c.filters);
        QCOMPARE(mappingSettingsJson(*back), mappingSettingsJson(c));
    }

    void membersLeftOutKeepTheBase()
    {
        MappingConfig base;
        base.batchSize = 9;
        QString error;
        const auto c = mappingFromSettingsJson(QStringLiteral(R"({"ParallelizationFactor":2})"), base, &error);
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(c->batchSize, 9);
        QCOMPARE(c->parallelizationFactor, 2);
    }

    void badTextNamesWhatWasWrong_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("not json") << "{"
                                  << "";
        QTest::newRow("a list") << "[]"
                                << "not a JSON object";
        QTest::newRow("fraction") << R"({"BatchSize":1.5})"
                                  << "BatchSize is not a whole number";
        QTest::newRow("text number") << R"({"MaximumRetryAttempts":"3"})"
                                     << "MaximumRetryAttempts is not a whole number";
        QTest::newRow("position") << R"({"StartingPosition":"AT_TIMESTAMP"})"
                                  << "StartingPosition is neither TRIM_HORIZON nor LATEST";
        QTest::newRow("bisect") << R"({"BisectBatchOnFunctionError":1})"
                                << "BisectBatchOnFunctionError is not true";
        QTest::newRow("filters") << R"({"FilterCriteria":[1]})"
                                 << "FilterCriteria holds something";
        QTest::newRow("out of range") << R"({"BatchSize":0})"
                                      << "BatchSize";
        QTest::newRow("huge") << R"({"BatchSize":1e300})"
                              << "BatchSize is not a whole number";
    }
    void badTextNamesWhatWasWrong()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        QString why;
        QVERIFY(!mappingFromSettingsJson(text, MappingConfig(), &why));
        QVERIFY(!why.isEmpty());
        QVERIFY2(why.contains(error), qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(TstMappingSettings)
#include "tst_mapping_settings.moc"
