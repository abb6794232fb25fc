// `orderlab` as a desktop app: --screenshot renders the running window to a PNG; bad options are usage errors.
#include "desktop_app.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TstDesktopApp : public QObject
{
    Q_OBJECT
  private slots:
    void screenshotRendersTheRunningWindow()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("shot.png"));
        QProcess p;
        p.start(QStringLiteral(ORDERLAB_BINARY), {QStringLiteral("--fresh"), QStringLiteral("--screenshot"), png,
                                                  QStringLiteral("--after"), QStringLiteral("1.5")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardOutput().contains("screenshot saved: "));
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 800 && image.height() >= 600);
    }

    // Issue 12: the README shows the Flow view at 1280x800; --present renders the presentation window at --size.
    void presentScreenshotsTheFlowView()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("flow.png"));
        QProcess p;
        p.start(QStringLiteral(ORDERLAB_BINARY),
                {QStringLiteral("--fresh"), QStringLiteral("--present"), QStringLiteral("--screenshot"), png,
                 QStringLiteral("--size"), QStringLiteral("1280x800"), QStringLiteral("--after"), QStringLiteral("2")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardOutput().contains("screenshot saved: "));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1280, 800));
        // It is the Flow view: its phones' bezel colour (#263238) is there, which the main window never paints.
        qsizetype bezel = 0;
        for (int y = 0; y < image.height(); y += 4)
            for (int x = 0; x < image.width(); x += 4)
                bezel += image.pixel(x, y) == qRgb(0x26, 0x32, 0x38);
        QVERIFY2(bezel > 1000, qPrintable(QString::number(bezel)));
    }

    void badAfterIsAUsageError_data()
    {
        QTest::addColumn<QString>("after");
        QTest::addColumn<QString>("message");
        QTest::newRow("word") << "soon"
                              << "--after: 'soon' is not a number (it wants a number from 0 to 86400)";
        QTest::newRow("nan") << "nan"
                             << "--after: 'nan' is not a number";
        QTest::newRow("inf") << "inf"
                             << "--after: 'inf' is not a number";
        QTest::newRow("hex") << "0x10"
                             << "--after: '0x10' is not a number";
        QTest::newRow("negative") << "-1"
                                  << "--after wants a number from 0 to 86400, got '-1'";
        // 1e300 seconds as int milliseconds was undefined behaviour.
        QTest::newRow("huge") << "1e300"
                              << "--after wants a number from 0 to 86400, got '1e300'";
    }
    void badAfterIsAUsageError()
    {
        QFETCH(QString, after);
        QFETCH(QString, message);
        QProcess p;
        p.start(QStringLiteral(ORDERLAB_BINARY), {QStringLiteral("--fresh"), QStringLiteral("--screenshot"),
                                                  QStringLiteral("x.png"), QStringLiteral("--after"), after});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains(message.toUtf8()), err.constData());
    }

    void badAfterFromTheEnvironmentNamesTheVariable()
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ORDERLAB_AFTER"), QStringLiteral("soon"));
        env.insert(QStringLiteral("ORDERLAB_FRESH"), QStringLiteral("true"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(ORDERLAB_BINARY), {QStringLiteral("--screenshot"), QStringLiteral("x.png")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("ORDERLAB_AFTER: --after: 'soon' is not a number"), err.constData());
    }

    // Issue 12, item 11: `--settings FILE --fresh` silently wrote nothing, and `orderlab --help` listed neither.
    void freshAndSettingsExcludeEachOther()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("kept.ini"));
        QProcess p;
        p.start(QStringLiteral(ORDERLAB_BINARY), {QStringLiteral("--settings"), ini, QStringLiteral("--fresh"),
                                                  QStringLiteral("--screenshot"), dir.filePath("x.png")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("--fresh and --settings exclude each other"), err.constData());
        QVERIFY(!QFile::exists(dir.filePath("x.png")));
    }

    void theHelpListsTheWindowsOptions()
    {
        QProcess p;
        p.start(QStringLiteral(ORDERLAB_BINARY), {QStringLiteral("--help")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QByteArray out = p.readAllStandardOutput();
        for (const char *option :
             {"--settings FILE", "--fresh", "--size WxH", "--screenshot FILE", "--after SECONDS", "--present"})
            QVERIFY2(out.contains(option), option);
    }

    void subcommandsAndHelpStayTextual()
    {
        char program[] = "orderlab";
        char help[] = "--help";
        char replay[] = "replay";
        char shot[] = "--screenshot";
        char *helpArgs[] = {program, help};
        char *replayArgs[] = {program, replay};
        char *shotArgs[] = {program, shot};
        QVERIFY(!orderlab::desktopRequested(2, helpArgs));
        QVERIFY(!orderlab::desktopRequested(2, replayArgs));
        QVERIFY(orderlab::desktopRequested(2, shotArgs)); // offscreen is set by the test environment, or chosen
    }
};

QTEST_GUILESS_MAIN(TstDesktopApp)
#include "tst_desktop_app.moc"
