// Benchmarks of the emulated pipeline (issue 3), run by scripts/bench-pipeline, never by ctest.
//   bench_pipeline simulate ORDERS            orderlab simulate on the virtual clock: wall time, peak RSS
//   bench_pipeline realtime SHARDS RATE SECS [CALL_LATENCY_MS]  the real clock: table writes at RATE/s for SECS s; how
//   many the
//                                             pipeline processed per second, and write → publish latency
#include "pipeline/order_feed.h"
#include "pipeline/simulation_run.h"
#include "real_time_driver.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

using namespace orderlab;

namespace {

double peakRssMiB()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}

int simulate(int orders)
{
    SimulationOptions o;
    o.orders = orders;
    const auto t0 = std::chrono::steady_clock::now();
    const SimulationResult r = runSimulation(o);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("simulate %d orders: %llu writes, %.3f s wall, %.0f s emulator time, peak RSS %.1f MiB, %s\n", orders,
                static_cast<unsigned long long>(r.recordsWritten), s, static_cast<double>(r.virtualMs) / 1000.0,
                peakRssMiB(), r.clean() ? "clean" : r.problems().c_str());
    return r.clean() ? 0 : 1;
}

int realtime(int shards, double rate, double seconds, int callLatencyMs)
{
    PipelineConfig c;
    c.shards = shards;
    c.callLatencyMs = callLatencyMs;
    Pipeline p(c);
    std::mutex m;
    std::unordered_map<std::uint64_t, TimeMs> written;
    std::vector<TimeMs> latencies;
    auto watch = p.events().subscribe([&](const Event &e) {
        std::lock_guard lock(m);
        if (e.as<TableChangedEvent>()) {
            written[e.traceId] = e.time;
        } else if (const auto *call = e.as<HandlerCallEvent>(); call && call->op == "publish" && call->result == "ok") {
            auto it = written.find(e.traceId);
            if (it != written.end()) {
                latencies.push_back(e.time - it->second);
                written.erase(it);
            }
        }
    });
    p.start();
    OrderFeed::Options fo;
    fo.writesPerSecond = rate;
    OrderFeed feed(p, fo);
    RealTimeDriver driver(p.scheduler());
    driver.start(1.0);
    driver.post([&] { feed.start(); });
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    driver.post([&] { feed.stop(); });
    const std::uint64_t writes = feed.written();
    std::size_t processedInWindow;
    {
        std::lock_guard lock(m);
        processedInWindow = latencies.size();
    }
    // Let the backlog drain (up to 30 s) to measure latency over every write.
    for (int i = 0; i < 300; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        std::lock_guard lock(m);
        if (written.empty())
            break;
    }
    driver.stop();
    std::lock_guard lock(m);
    std::sort(latencies.begin(), latencies.end());
    auto pct = [&](double q) {
        return latencies.empty() ? -1 : latencies[static_cast<std::size_t>(q * (latencies.size() - 1))];
    };
    std::printf("realtime %d shard(s), call latency %d ms, %.0f writes/s offered for %.0f s: %llu written (%.0f/s), "
                "%zu published in the window "
                "(%.0f/s), latency write->publish p50 %lld ms p99 %lld ms, backlog left %zu, peak RSS %.1f MiB\n",
                shards, callLatencyMs, rate, seconds, static_cast<unsigned long long>(writes),
                static_cast<double>(writes) / seconds, processedInWindow,
                static_cast<double>(processedInWindow) / seconds, static_cast<long long>(pct(0.5)),
                static_cast<long long>(pct(0.99)), written.size(), peakRssMiB());
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "simulate" && argc == 3)
        return simulate(std::atoi(argv[2]));
    if (mode == "realtime" && (argc == 5 || argc == 6))
        return realtime(std::atoi(argv[2]), std::atof(argv[3]), std::atof(argv[4]), argc == 6 ? std::atoi(argv[5]) : 1);
    std::fprintf(stderr, "usage: bench_pipeline simulate ORDERS | realtime SHARDS RATE SECONDS [CALL_LATENCY_MS]\n");
    return 2;
}
