// orderlab: a local emulator and test harness for the pizza-order stream pipeline.
#include "command.h"
#ifdef ORDERLAB_HAVE_UI
#include "desktop_app.h"
#include "desktop_services.h"
#endif

#include <QCoreApplication>

#include <array>
#include <cstdio>

using namespace orderlab::app;

namespace {

const std::array<Command, 8> kCommands{{
    {"replay", "run Lambda stream events (JSON lines) through the handler; print cache, publishes, failures",
     runReplay},
    {"generate", "print seeded random order-lifecycle stream events as JSON lines", runGenerate},
    {"simulate", "run the whole pipeline headless on the virtual clock and check it", runSimulate},
    {"serve", "run the emulator headless on the real clock with Momento's gRPC protocol on a port", runServe},
    {"check", "run scenarios (docs/scenarios.md) on fresh worlds; check expectations, golden outcomes", runCheck},
    {"snapshot", "run a scenario to a moment and write the world's state to a file (docs/state-files.md)", runSnapshot},
    {"ca", "make (once) the local certificate authority of serve's Momento TLS port; print the grpc-js line", runCa},
    {"token", "print a Momento token whose endpoints lead the official SDKs to serve's TLS port", runToken},
}};

QString mainHelp()
{
    QString help = QStringLiteral(
        "usage: orderlab [COMMAND] [OPTIONS]\n\n"
        "Without a command: the desktop window when there is a display, else the demo (a replay of the\n"
        "built-in sample events). The window's options:\n"
        "  --settings FILE        keep the settings in this INI file (default: the user's orderlab settings)\n"
        "  --fresh                start from default settings and keep nothing (not with --settings)\n"
        "  --size WxH             open the window at WIDTHxHEIGHT pixels, e.g. 1280x800\n"
        "  --screenshot FILE      render the window to a PNG and exit (offscreen without a display)\n"
        "  --after SECONDS        with --screenshot: wait SECONDS first (default 3)\n"
        "  --present              open the Flow view in presentation mode (full screen, or at --size);\n"
        "                         --screenshot then renders it\n\n"
        "Commands:\n");
    for (const auto &c : kCommands)
        help += QStringLiteral("  %1  %2\n").arg(QString::fromLatin1(c.name), -9).arg(QString::fromLatin1(c.summary));
    help +=
        QStringLiteral("\n`orderlab COMMAND --help` describes a command's options. Each option (the window's too) can\n"
                       "also be set as an environment variable ORDERLAB_<NAME> (--batch-size: ORDERLAB_BATCH_SIZE).\n");
    return help;
}

} // namespace

int main(int argc, char **argv)
{
#ifdef ORDERLAB_HAVE_UI
    if (orderlab::desktopRequested(argc, argv)) // no command and a display (or --screenshot): the window
        return orderlab::runDesktop(argc, argv, desktopServices());
#endif
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("orderlab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ORDERLAB_VERSION));

    QStringList args = QCoreApplication::arguments();
    if (args.size() >= 2 && !args[1].startsWith(QLatin1Char('-'))) {
        const QString name = args[1];
        for (const auto &c : kCommands) {
            if (name == QLatin1String(c.name)) {
                args.removeAt(1);
                return c.run(args);
            }
        }
        std::fprintf(stderr, "orderlab: unknown command '%s'\n\n%s", qPrintable(name), qPrintable(mainHelp()));
        return BadUsage;
    }
    if (args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"))) {
        std::fputs(qPrintable(mainHelp()), stdout);
        return Ok;
    }
    if (args.contains(QStringLiteral("--version"))) {
        std::printf("orderlab %s\n", ORDERLAB_VERSION);
        return Ok;
    }
    return runDemo(args);
}
