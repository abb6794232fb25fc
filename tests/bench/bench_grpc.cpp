// bench_grpc [--seconds S (default 3)] [--rounds R (default 3)]: Get and Set calls per second through the
// C++ client (sync stub, one channel, 1 and 16 concurrent callers) against orderlab's MomentoServer and,
// in the same run, against BaselineServer (empty handlers on the same gRPC stack: the ceiling).
// The two servers are measured alternately R times; the best round of each is reported, with the ratio
// orderlab / ceiling (target >= 0.80). Run by scripts/bench-grpc.
#include "baseline_server.h"
#include "cache_store.h"
#include "cacheclient.grpc.pb.h"
#include "handler/order_domain.h"
#include "momento_server.h"
#include "scheduler.h"
#include "topic_hub.h"

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

using namespace orderlab;

namespace {

enum class Op { Get, Set };

double measure(int port, Op op, int callers, double seconds)
{
    auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials());
    channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::seconds(5));
    auto stub = cache_client::Scs::NewStub(channel);
    const std::string value(100, 'v');
    std::atomic<bool> measuring{false}, stop{false};
    std::atomic<std::uint64_t> calls{0}, errors{0};
    auto worker = [&](int id) {
        cache_client::_GetRequest get;
        get.set_cache_key("bench-key");
        cache_client::_SetRequest set;
        set.set_cache_key("bench-key-" + std::to_string(id));
        set.set_cache_body(value);
        set.set_ttl_milliseconds(60000);
        cache_client::_GetResponse getReply;
        cache_client::_SetResponse setReply;
        while (!stop.load(std::memory_order_relaxed)) {
            grpc::ClientContext ctx;
            ctx.AddMetadata("cache", kCacheName);
            const grpc::Status st = op == Op::Get ? stub->Get(&ctx, get, &getReply) : stub->Set(&ctx, set, &setReply);
            if (!st.ok())
                errors.fetch_add(1, std::memory_order_relaxed);
            if (measuring.load(std::memory_order_relaxed))
                calls.fetch_add(1, std::memory_order_relaxed);
        }
    };
    std::vector<std::thread> threads;
    for (int i = 0; i < callers; ++i)
        threads.emplace_back(worker, i);
    std::this_thread::sleep_for(std::chrono::milliseconds(300)); // warm-up
    const auto t0 = std::chrono::steady_clock::now();
    measuring = true;
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    measuring = false;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    stop = true;
    for (auto &t : threads)
        t.join();
    if (errors.load())
        std::fprintf(stderr, "bench_grpc: %llu calls failed\n", static_cast<unsigned long long>(errors.load()));
    return static_cast<double>(calls.load()) / elapsed;
}

} // namespace

int main(int argc, char **argv)
{
    double seconds = 3;
    int rounds = 3;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--seconds") && i + 1 < argc)
            seconds = std::atof(argv[++i]);
        else if (!std::strcmp(argv[i], "--rounds") && i + 1 < argc)
            rounds = std::atoi(argv[++i]);
        else {
            std::fprintf(stderr, "usage: bench_grpc [--seconds S] [--rounds R]\n");
            return 2;
        }
    }
    if (seconds <= 0 || rounds <= 0) {
        std::fprintf(stderr, "bench_grpc: --seconds and --rounds must be positive\n");
        return 2;
    }

    Scheduler clock(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count());
    CacheStore cache(clock);
    TopicHub topics(clock, [&](const std::string &c) { return cache.hasCache(c); });
    cache.set(kCacheName, "bench-key", momento::makeValue(std::string(100, 'v')), 3600000);
    MomentoServer server(cache, topics, nullptr);
    BaselineServer baseline;
    std::string error;
    if (!server.start(&error) || !baseline.start()) {
        std::fprintf(stderr, "bench_grpc: cannot start the servers: %s\n", error.c_str());
        return 1;
    }

    std::printf("%-4s %7s %16s %16s %7s\n", "op", "callers", "ceiling calls/s", "orderlab calls/s", "ratio");
    bool below = false;
    for (Op op : {Op::Get, Op::Set}) {
        for (int callers : {1, 16}) {
            double ceiling = 0, ours = 0;
            for (int r = 0; r < rounds; ++r) {
                ceiling = std::max(ceiling, measure(baseline.port(), op, callers, seconds));
                ours = std::max(ours, measure(server.port(), op, callers, seconds));
            }
            const double ratio = ours / ceiling;
            below = below || ratio < 0.8;
            std::printf("%-4s %7d %16.0f %16.0f %7.2f\n", op == Op::Get ? "Get" : "Set", callers, ceiling, ours, ratio);
            std::fflush(stdout);
        }
    }
    std::printf("target: orderlab >= 0.80 x ceiling: %s\n", below ? "MISSED" : "met");
    server.shutdown();
    baseline.shutdown();
    return 0;
}
