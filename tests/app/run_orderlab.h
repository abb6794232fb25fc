#pragma once
// Runs the orderlab binary (ORDERLAB_BINARY) as a child process for the tests of tests/app.

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace app_test {

struct Run
{
    int exitCode;
    QByteArray out;
    QByteArray err;
};

/// This process's environment without its ORDERLAB_* variables, plus `environment` (NAME=VALUE entries).
inline QProcessEnvironment orderlabEnvironment(const QStringList &environment = {})
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys())
        if (name.startsWith(QLatin1String("ORDERLAB_")))
            env.remove(name);
    for (const QString &entry : environment)
        env.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    return env;
}

/// Runs the binary to its end in orderlabEnvironment(`environment`), `stdinBytes` on its stdin.
inline Run orderlab(const QStringList &args, const QByteArray &stdinBytes = {}, const QStringList &environment = {})
{
    QProcess p;
    p.setProcessEnvironment(orderlabEnvironment(environment));
    p.start(QStringLiteral(ORDERLAB_BINARY), args);
    if (!p.waitForStarted())
        return {-1, {}, "did not start"};
    p.write(stdinBytes);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000))
        return {-2, {}, "timed out"};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -3, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

} // namespace app_test
