// `orderlab` as a desktop app: --screenshot renders the running window to a PNG; bad options are usage errors.
#include "desktop_app.h"

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

    void badAfterIsAUsageError()
    {
        QProcess p;
        p.start(QStringLiteral(ORDERLAB_BINARY),
                {QStringLiteral("--fresh"), QStringLiteral("--screenshot"), QStringLiteral("x.png"),
                 QStringLiteral("--after"), QStringLiteral("soon")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("--after wants a number of seconds"));
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
        QVERIFY(p.readAllStandardError().contains("ORDERLAB_AFTER: --after wants a number of seconds, got 'soon'"));
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
