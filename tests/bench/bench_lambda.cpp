// Benchmarks of handlers run as Lambda runs them (issue 10, "Speed"), run by scripts/bench-lambda:
//   bench_lambda overhead HANDLER DIR N   N warm invocations of an empty batch ({"Records":[]}) through the
//                                         invoker: the cold start, then invocations/s and p50/p99 per invocation,
//                                         which for a process is the Runtime API's round trip added to each batch
//   bench_lambda pipeline HANDLER DIR RATE SECS  table writes at RATE/s for SECS s on the real clock through the
//                                         whole chain (simulate's hosting: Momento TLS, the AWS port, the secret);
//                                         records/s processed and write -> publish p50/p99
// HANDLER is `core` (in process) or a shell command run in DIR (--handler-command). Nothing here fails on time.
#include "function_config.h"
#include "handler_hosting.h"
#include "process_invoker.h"

#include "pipeline/simulation_run.h"
#include "real_time_driver.h"
#include "world/world.h"
#include "world/world_service.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <future>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace orderlab;

namespace {

using Clock = std::chrono::steady_clock;

double ms(Clock::duration d)
{
    return std::chrono::duration<double, std::milli>(d).count();
}

template <typename T> T percentile(std::vector<T> v, double q)
{
    if (v.empty())
        return T(-1);
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
}

lambda::FunctionConfig function(const std::string &command, const std::string &dir)
{
    lambda::FunctionConfig f;
    f.command = command;
    f.directory = dir;
    f.functionName = "bench";
    return f;
}

/// One invocation of an empty batch on the driver's thread; the wall time it took.
double invokeOnce(RealTimeDriver &driver, Invoker &invoker, std::uint64_t id, bool *ok)
{
    auto promise = std::make_shared<std::promise<bool>>();
    auto done = promise->get_future();
    const auto began = Clock::now();
    driver.post([&invoker, id, promise] {
        auto run = [](Invoker *i, std::uint64_t n, std::shared_ptr<std::promise<bool>> p) -> Task<void> {
            InvocationRequest r;
            r.id = n;
            r.timeoutMs = 30000;
            const InvocationResult result = co_await i->invoke(r);
            p->set_value(result.kind == InvocationResult::Kind::Returned);
        };
        spawn(run(&invoker, id, promise), [](std::exception_ptr) {});
    });
    *ok = done.get();
    return ms(Clock::now() - began);
}

/// A world on the real clock whose mapping invokes `handler`, hosting what a process handler calls (simulate's
/// hosting); `feedRate` 0: no feed. Null, with a message, when it cannot start.
std::unique_ptr<World> hostedWorld(const std::string &handler, const std::string &dir, double feedRate)
{
    WorldConfig w;
    w.clock = WorldConfig::ClockMode::Real;
    w.speed = 1;
    w.apps = false;
    w.checkEveryMs = 0;
    w.pipeline.timing = TimingProfile::instant();
    w.feed.writesPerSecond = feedRate > 0 ? feedRate : 1;
    w.pipeline.mapping.functionTimeoutMs = 60000;
    SimulationOptions hosting;
    if (handler != "core") {
        lambda::FunctionConfig f = function(handler, dir);
        const char *home = std::getenv("HOME");
        std::string error;
        const auto ca = tls::ensureLocalCa(std::string(home ? home : "/tmp") + "/.cache/orderlab-bench-ca", {}, error);
        if (!ca) {
            std::fprintf(stderr, "bench_lambda: cannot make a CA: %s\n", error.c_str());
            return nullptr;
        }
        app::hostForHandler(f, *ca, hosting);
        w.pipeline.invoker = [f](const InvokerContext &context) {
            return std::make_unique<lambda::ProcessInvoker>(context.scheduler, f);
        };
    }
    auto world = std::make_unique<World>(w);
    if (hosting.services)
        for (auto &s : hosting.services())
            world->addService(std::move(s));
    if (const std::string failed = world->start(); !failed.empty()) {
        std::fprintf(stderr, "bench_lambda: %s\n", failed.c_str());
        return nullptr;
    }
    if (hosting.servicesStarted)
        if (const std::string failed = hosting.servicesStarted(*world); !failed.empty()) {
            std::fprintf(stderr, "bench_lambda: %s\n", failed.c_str());
            return nullptr;
        }
    return world;
}

int overhead(const std::string &handler, const std::string &dir, int n)
{
    auto world = hostedWorld(handler, dir, 0);
    if (!world)
        return 1;
    RealTimeDriver &driver = *world->driver();
    Invoker &invoker = world->pipeline().invoker();
    bool ok = true;
    const double cold = invokeOnce(driver, invoker, 1000001, &ok);
    std::vector<double> warm;
    const auto began = Clock::now();
    for (int i = 0; i < n && ok; ++i)
        warm.push_back(invokeOnce(driver, invoker, static_cast<std::uint64_t>(1000002 + i), &ok));
    const double seconds = ms(Clock::now() - began) / 1000.0;
    world->stop();
    std::printf(
        "overhead %-40.40s cold start %8.2f ms; %d warm empty invocations: %8.0f/s, p50 %.3f ms, p99 %.3f ms%s\n",
        handler.c_str(), cold, static_cast<int>(warm.size()), static_cast<double>(warm.size()) / seconds,
        percentile(warm, 0.5), percentile(warm, 0.99), ok ? "" : " (an invocation failed)");
    return ok ? 0 : 1;
}

int pipeline(const std::string &handler, const std::string &dir, double rate, double seconds)
{
    auto hosted = hostedWorld(handler, dir, rate);
    if (!hosted)
        return 1;
    World &world = *hosted;

    // write -> publish: a publish is the notification of its trace id, or (a process's batch of several) of the
    // first change of its batch not yet published, in record order.
    std::mutex m;
    std::map<std::uint64_t, TimeMs> written;
    std::map<std::uint64_t, std::deque<std::uint64_t>> batches;
    std::vector<TimeMs> latencies;
    std::uint64_t records = 0;
    auto watch = world.events().subscribe([&](const Event &e) { // subscribed before the feed's first write
        std::lock_guard lock(m);
        if (e.as<TableChangedEvent>()) {
            written[e.traceId] = e.time;
        } else if (const auto *s = e.as<InvocationStartedEvent>()) {
            batches[s->batch.invocationId].assign(s->batch.traceIds.begin(), s->batch.traceIds.end());
        } else if (const auto *f2 = e.as<InvocationFinishedEvent>()) {
            batches.erase(f2->batch.invocationId);
            if (f2->outcome == "success")
                records += f2->batch.traceIds.size();
        } else if (const auto *call = e.as<HandlerCallEvent>(); call && call->op == "publish" && call->result == "ok") {
            std::uint64_t trace = e.traceId;
            if (trace == 0) {
                auto &queue = batches[e.invocationId];
                while (!queue.empty() && !written.count(queue.front()))
                    queue.pop_front();
                if (!queue.empty()) {
                    trace = queue.front();
                    queue.pop_front();
                }
            }
            if (auto it = written.find(trace); it != written.end()) {
                latencies.push_back(e.time - it->second);
                written.erase(it);
            }
        }
    });
    world.feed().start();
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    world.driver()->post([&] { world.feed().stop(); });
    const std::uint64_t writes = world.feed().written();
    for (int i = 0; i < 600; ++i) { // the backlog drains (up to 60 s) so that every write is measured
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        std::lock_guard lock(m);
        if (written.empty())
            break;
    }
    world.stop();
    std::lock_guard lock(m);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("pipeline %-40.40s %.0f writes/s offered for %.0f s: %llu written, %llu records processed (%.0f/s), "
                "write->publish p50 %lld ms p99 %lld ms, %zu unpublished\n",
                handler.c_str(), rate, seconds, static_cast<unsigned long long>(writes),
                static_cast<unsigned long long>(records), static_cast<double>(records) / seconds,
                static_cast<long long>(percentile(latencies, 0.5)), static_cast<long long>(percentile(latencies, 0.99)),
                written.size());
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "overhead" && argc == 5)
        return overhead(argv[2], argv[3], std::atoi(argv[4]));
    if (mode == "pipeline" && argc == 6)
        return pipeline(argv[2], argv[3], std::atof(argv[4]), std::atof(argv[5]));
    std::fprintf(stderr, "usage: bench_lambda overhead HANDLER DIR N | pipeline HANDLER DIR RATE SECONDS\n"
                         "HANDLER: core, or a command run in DIR as --handler-command runs it\n");
    return 2;
}
