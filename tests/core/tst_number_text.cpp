// The one number grammar of every option and fault spec (docs/command-line.md, "Numbers").
#include "text/number_text.h"

#include <QtTest>

#include <limits>

using namespace orderlab::text;

Q_DECLARE_METATYPE(orderlab::text::NumberProblem)

class TstNumberText : public QObject
{
    Q_OBJECT
  private slots:
    void numbers_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<NumberProblem>("problem");
        QTest::addColumn<double>("value");
        const auto ok = NumberProblem::None, nan = NumberProblem::NotANumber, range = NumberProblem::OutOfRange;
        QTest::newRow("whole") << "5" << ok << 5.0;
        QTest::newRow("fraction") << "0.25" << ok << 0.25;
        QTest::newRow("no leading digit") << ".5" << ok << 0.5;
        QTest::newRow("exponent") << "1e1" << ok << 10.0;
        QTest::newRow("exponent sign") << "2.5E-1" << ok << 0.25;
        QTest::newRow("leading zeros") << "007" << ok << 7.0;
        QTest::newRow("minus zero") << "-0" << ok << 0.0;
        QTest::newRow("nan") << "nan" << nan << 0.0;
        QTest::newRow("NaN") << "NaN" << nan << 0.0;
        QTest::newRow("inf") << "inf" << nan << 0.0;
        QTest::newRow("-infinity") << "-infinity" << nan << 0.0;
        QTest::newRow("hex") << "0x10" << nan << 0.0;
        QTest::newRow("hex float") << "0x1p3" << nan << 0.0;
        QTest::newRow("plus") << "+5" << nan << 0.0;
        QTest::newRow("empty") << "" << nan << 0.0;
        QTest::newRow("minus only") << "-" << nan << 0.0;
        QTest::newRow("leading space") << " 5" << nan << 0.0;
        QTest::newRow("trailing space") << "5 " << nan << 0.0;
        QTest::newRow("trailing junk") << "5x" << nan << 0.0;
        QTest::newRow("trailing dot") << "5." << nan << 0.0;
        QTest::newRow("bare exponent") << "1e" << nan << 0.0;
        QTest::newRow("comma") << "0,5" << nan << 0.0;
        QTest::newRow("nul inside") << QString::fromLatin1("5\0"
                                                           "1",
                                                           3)
                                    << nan << 0.0;
        QTest::newRow("arabic-indic digit") << QString::fromUtf8("\u0665") << nan << 0.0;
        QTest::newRow("below") << "-1" << range << 0.0;
        QTest::newRow("above") << "101" << range << 0.0;
        QTest::newRow("overflow") << "1e999" << range << 0.0;
        QTest::newRow("underflow") << "1e-999" << range << 0.0;
    }
    void numbers()
    {
        QFETCH(QString, text);
        QFETCH(NumberProblem, problem);
        QFETCH(double, value);
        const QByteArray bytes = text.toUtf8();
        double out = -42;
        QCOMPARE(
            parseNumber(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())), -0.5, 100, out),
            problem);
        QCOMPARE(out, problem == NumberProblem::None ? value : -42.0);
        if (problem == NumberProblem::None)
            QVERIFY(!std::signbit(out));
    }

    void wholeNumbers_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<NumberProblem>("problem");
        QTest::addColumn<qlonglong>("value");
        const auto ok = NumberProblem::None, nan = NumberProblem::NotANumber, whole = NumberProblem::NotWhole,
                   range = NumberProblem::OutOfRange;
        QTest::newRow("zero") << "0" << ok << 0LL;
        QTest::newRow("negative") << "-7" << ok << -7LL;
        QTest::newRow("largest") << "9223372036854775807" << ok << std::numeric_limits<qlonglong>::max();
        QTest::newRow("smallest") << "-9223372036854775808" << ok << std::numeric_limits<qlonglong>::min();
        QTest::newRow("overflow") << "9223372036854775808" << range << 0LL;
        QTest::newRow("huge") << "99999999999999999999999" << range << 0LL;
        QTest::newRow("fraction") << "1.5" << whole << 0LL;
        QTest::newRow("exponent") << "1e3" << whole << 0LL;
        QTest::newRow("nan") << "nan" << nan << 0LL;
        QTest::newRow("plus") << "+1" << nan << 0LL;
        QTest::newRow("hex") << "0x1" << nan << 0LL;
        QTest::newRow("empty") << "" << nan << 0LL;
    }
    void wholeNumbers()
    {
        QFETCH(QString, text);
        QFETCH(NumberProblem, problem);
        QFETCH(qlonglong, value);
        const std::string s = text.toStdString();
        long long out = 42;
        QCOMPARE(parseWholeNumber(s, std::numeric_limits<long long>::min(), std::numeric_limits<long long>::max(), out),
                 problem);
        QCOMPARE(out, problem == NumberProblem::None ? value : 42LL);
        out = 42;
        QCOMPARE(parseWholeNumber(s, -10, 10, out) == NumberProblem::None,
                 problem == NumberProblem::None && value >= -10 && value <= 10);
    }

    void unsignedWholeNumbers()
    {
        const auto max = std::numeric_limits<unsigned long long>::max();
        unsigned long long out = 42;
        QCOMPARE(parseUnsignedWholeNumber("18446744073709551615", 0, max, out), NumberProblem::None);
        QCOMPARE(out, max);
        QCOMPARE(parseUnsignedWholeNumber("18446744073709551616", 0, max, out), NumberProblem::OutOfRange);
        QCOMPARE(parseUnsignedWholeNumber("-1", 0, max, out), NumberProblem::OutOfRange);
        QCOMPARE(parseUnsignedWholeNumber("-0", 0, max, out), NumberProblem::None);
        QCOMPARE(out, 0ULL);
        QCOMPARE(parseUnsignedWholeNumber("nan", 0, max, out), NumberProblem::NotANumber);
        QCOMPARE(parseUnsignedWholeNumber("2.0", 0, max, out), NumberProblem::NotWhole);
        QCOMPARE(parseUnsignedWholeNumber("5", 6, 9, out), NumberProblem::OutOfRange);
    }

    void messagesNameWhatWasWrong()
    {
        double d = 0;
        long long w = 0;
        unsigned long long u = 0;
        QCOMPARE(readNumber("--simulate", "nan", 0.001, 100000, d),
                 std::string("--simulate: 'nan' is not a number (it wants a number from 0.001 to 100000)"));
        QCOMPARE(readNumber("--simulate", "0", 0.001, 100000, d),
                 std::string("--simulate wants a number from 0.001 to 100000, got '0'"));
        QCOMPARE(readWholeNumber("--heartbeat", "nan", 10, 3600000, w),
                 std::string("--heartbeat: 'nan' is not a number (it wants a whole number from 10 to 3600000)"));
        QCOMPARE(readWholeNumber("--heartbeat", "10.5", 10, 3600000, w),
                 std::string("--heartbeat: '10.5' is not a whole number (it wants a whole number from 10 to 3600000)"));
        QCOMPARE(readUnsignedWholeNumber("--seed", "-1", 0, 5, u),
                 std::string("--seed wants a whole number from 0 to 5, "
                             "got '-1'"));
        QCOMPARE(readNumber("p", "0.5", 0, 1, d), std::string());
        QCOMPARE(d, 0.5);
    }
};

QTEST_APPLESS_MAIN(TstNumberText)
#include "tst_number_text.moc"
