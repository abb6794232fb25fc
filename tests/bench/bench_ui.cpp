// Benchmark (not a test): the desktop window with every pane open while the simulator writes to the table at a
// high rate. Measures the longest GUI event-loop stall (gaps between the ticks of a 1 ms timer) and the
// process's resident memory over the run. Run by scripts/bench-ui.
//
//   bench_ui [--seconds 60] [--rate 2000] [--speed 1] [--no-window] [--flow] [--restart-after S]
// --no-window runs the same emulator and feed without the window: the baseline for the memory the emulator itself
// holds (its table, stream and trace grow with the writes; the window's lists are bounded).
// --flow also opens the Flow view and the Charts (docs/flow-view.md): their docks, side by side, the newest order
// followed, so that the view animates and paints throughout the run.
// --restart-after S restarts the world S seconds into the run (as the Restart button does once confirmed) and
// reports, apart, the longest stall from half a second before it to three seconds after (issue 12, item 8).
#include "desktop_settings.h"
#include "flow/flow_feature.h"
#include "flow/flow_pane.h"
#include "live/live_emulator.h"
#include "main_window.h"
#include "simulation_pane.h"

#include <QApplication>
#include <QCheckBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

namespace {
double rssMiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}

double argument(const QStringList &args, const QString &name, double fallback)
{
    const qsizetype i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.at(i + 1).toDouble() : fallback;
}
} // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    const double seconds = argument(args, QStringLiteral("--seconds"), 60);
    const double rate = argument(args, QStringLiteral("--rate"), 2000);
    const double speed = argument(args, QStringLiteral("--speed"), 1);

    const bool withWindow = !args.contains(QStringLiteral("--no-window"));
    const bool withFlow = withWindow && args.contains(QStringLiteral("--flow"));
    const double restartAfter = withWindow ? argument(args, QStringLiteral("--restart-after"), -1) : -1;
    qint64 restartAtNs = -1;  // when the restart was asked for, on the probe's clock
    qint64 aroundRestart = 0; // the longest gap ending within [restart - 0.5 s, restart + 3 s]
    QString restartError;

    QTemporaryDir dir;
    auto *settings = new QSettings(dir.filePath(QStringLiteral("bench.ini")), QSettings::IniFormat);
    {
        orderlab::DesktopSettings stored(*settings);
        stored.feeding.set(false);
        stored.speed.set(speed);
    }
    std::unique_ptr<orderlab::MainWindow> window;
    std::unique_ptr<orderlab::LiveEmulator> bare;
    orderlab::LiveEmulator *emulator = nullptr;
    if (withWindow) {
        window = std::make_unique<orderlab::MainWindow>(settings);
        window->show();
        emulator = &window->emulator();
        if (withFlow) {
            window->flow()->flowDock()->show();
            window->flow()->chartsDock()->show();
            window->splitDockWidget(window->flow()->flowDock(), window->flow()->chartsDock(), Qt::Horizontal);
        }
    } else {
        delete settings;
        orderlab::LiveEmulator::Settings s;
        s.demo = false;
        s.speed = speed;
        bare = std::make_unique<orderlab::LiveEmulator>(s);
        bare->start();
        emulator = bare.get();
    }

    orderlab::EmulatorStatus last;
    QObject::connect(emulator, &orderlab::LiveEmulator::batchReady, &app,
                     [&last](const orderlab::EmulatorBatch &b) { last = b.status; });

    // The stall probe: a 1 ms timer; the gap between two of its ticks is how long the event loop was busy.
    QElapsedTimer clock;
    std::vector<qint64> gaps;
    gaps.reserve(static_cast<std::size_t>(seconds * 1100));
    qint64 previous = -1;
    bool measuring = false;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (measuring && previous >= 0) {
            gaps.push_back(now - previous);
            if (restartAtNs >= 0 && now >= restartAtNs - 500'000'000 && now <= restartAtNs + 3'000'000'000)
                aroundRestart = std::max(aroundRestart, now - previous);
        }
        previous = now;
    });

    std::vector<std::pair<double, double>> memory; // (seconds, MiB)
    QTimer sampler;
    sampler.setInterval(10000);

    QTimer::singleShot(1000, [&] { // after the window settled: start the firehose and the clocks
        clock.start();
        measuring = true;
        memory.emplace_back(0, rssMiB());
        if (window) {
            window->simulationPane()->rateBox()->setValue(rate);
            window->simulationPane()->feedBox()->setChecked(true);
            if (withFlow) // follow an order once there is one, so that the highlight is drawn too
                QTimer::singleShot(2000, [&] { window->flow()->pane()->followNewest(); });
        } else {
            emulator->setWritesPerSecond(rate);
            emulator->setFeeding(true);
        }
        probe.start();
        sampler.start();
        if (restartAfter >= 0)
            QTimer::singleShot(static_cast<int>(restartAfter * 1000), [&] {
                restartAtNs = clock.nsecsElapsed();
                restartError = window->simulationPane()->restart();
            });
        QTimer::singleShot(static_cast<int>(seconds * 1000), [&] {
            memory.emplace_back(static_cast<double>(clock.elapsed()) / 1000.0, rssMiB());
            QApplication::quit();
        });
    });
    QObject::connect(&sampler, &QTimer::timeout,
                     [&] { memory.emplace_back(static_cast<double>(clock.elapsed()) / 1000.0, rssMiB()); });
    app.exec();

    std::sort(gaps.begin(), gaps.end());
    auto ms = [](qint64 ns) { return static_cast<double>(ns) / 1e6; };
    const double longest = gaps.empty() ? 0 : ms(gaps.back());
    const double p99 = gaps.empty() ? 0 : ms(gaps[gaps.size() * 99 / 100]);
    const double median = gaps.empty() ? 0 : ms(gaps[gaps.size() / 2]);
    const auto over50 = std::count_if(gaps.begin(), gaps.end(), [](qint64 g) { return g > 50'000'000; });
    std::printf("bench-ui: %.0f s at %.0f table writes/s (speed %g), %s, platform %s\n", seconds, rate, speed,
                withFlow     ? "the window with every pane open, the Flow view and the Charts"
                : withWindow ? "the window with every pane open"
                             : "no window (emulator alone)",
                qgetenv("QT_QPA_PLATFORM").constData());
    std::printf("bench-ui: longest GUI stall %.1f ms; gap p99 %.1f ms, median %.2f ms; %ld gaps over 50 ms of %zu\n",
                longest, p99, median, static_cast<long>(over50), gaps.size());
    if (restartAtNs >= 0)
        std::printf("bench-ui: Restart at %.1f s under this load: longest GUI stall from 0.5 s before to 3 s after "
                    "%.1f ms%s%s\n",
                    static_cast<double>(restartAtNs) / 1e9, ms(aroundRestart),
                    restartError.isEmpty() ? "" : "; restart said: ", qPrintable(restartError));
    std::printf("bench-ui: RSS MiB:");
    for (const auto &[t, mib] : memory)
        std::printf(" %.0fs=%.1f", t, mib);
    std::printf("\n");
    std::printf(
        "bench-ui: emulator at the end: %llu orders in the table, %llu stream records, %llu invocations, %llu cache "
        "keys, %llu notifications, verdict %s\n",
        static_cast<unsigned long long>(last.orders), static_cast<unsigned long long>(last.records),
        static_cast<unsigned long long>(last.invocations), static_cast<unsigned long long>(last.cacheKeys),
        static_cast<unsigned long long>(last.notifications), qPrintable(last.verdict));
    std::fflush(stdout);
    return 0;
}
