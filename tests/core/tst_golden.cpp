// Golden cases: tests/data/<case>/events.jsonl replayed must give, byte for byte, the cache and
// publishes the JavaScript reference gave (expected.json, made by scripts/make-golden), and a
// failed record for every error the reference logged, with the same text.
// Where orderlab deliberately differs from the reference (docs/handler.md, "Differences from the article"),
// the case holds `expected-orderlab.json` in the same format, and `differs.md` says why.
#include "js/json.h"
#include "replay/replay.h"

#include <QDir>
#include <QFile>
#include <QtTest>

using namespace orderlab;

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

/// The text of `{"cache":...,"published":...` up to the member named `last`, which must follow.
QByteArray headUntil(const QByteArray &json, const char *last)
{
    const int at = json.indexOf(QByteArray(",\"") + last + "\":");
    return at < 0 ? QByteArray() : json.left(at);
}

} // namespace

class TstGolden : public QObject
{
    Q_OBJECT
  private slots:
    void cases_data()
    {
        QTest::addColumn<QString>("dir");
        const QDir data(QStringLiteral(ORDERLAB_TEST_DATA));
        const auto dirs = data.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QVERIFY2(dirs.size() >= 40, "the golden data is missing");
        for (const auto &d : dirs)
            QTest::newRow(qPrintable(d)) << data.filePath(d);
    }

    void cases()
    {
        QFETCH(QString, dir);
        const QByteArray events = readFile(dir + "/events.jsonl");
        QVERIFY(!events.isEmpty());
        QByteArray expected = readFile(dir + "/expected-orderlab.json");
        if (expected.isEmpty())
            expected = readFile(dir + "/expected.json");
        else
            QVERIFY2(QFile::exists(dir + "/differs.md"), "a deliberate difference must say why");
        expected = expected.trimmed();
        QVERIFY(!expected.isEmpty());

        const QByteArray out =
            QByteArray::fromStdString(replayEvents({events.constData(), std::size_t(events.size())}));
        const QByteArray gotHead = headUntil(out, "failures");
        const QByteArray wantHead = headUntil(expected, "errors");
        QVERIFY(!wantHead.isEmpty());
        QCOMPARE(gotHead, wantHead);

        // Each error the reference logged is a failed record of ours with the same text, in order;
        // records skipped after a failure are reported too ("not processed"), the reference is silent on them.
        const js::Value got = js::parseJson(out.toStdString());
        const js::Value want = js::parseJson(expected.toStdString());
        QStringList gotErrors, wantErrors;
        for (const auto &f : got.asObject()->find("failures")->asArray()->items) {
            const std::string &e = f.asObject()->find("error")->asString();
            if (e.rfind("not processed:", 0) != 0)
                gotErrors << QString::fromStdString(e);
        }
        for (const auto &e : want.asObject()->find("errors")->asArray()->items)
            wantErrors << QString::fromStdString(e.asString());
        QCOMPARE(gotErrors, wantErrors);
    }
};

QTEST_GUILESS_MAIN(TstGolden)
#include "tst_golden.moc"
