// bench_replay FILE: times orderlab::replayEvents over a JSON-lines file of Lambda stream events, in process.
//
// Prints one line, "orderlab replay: <seconds> s, peak RSS <MiB> MiB": the steady_clock time of the
// replayEvents call alone (reading the file and process start-up excluded) and the process's peak resident
// set (getrusage ru_maxrss, which includes the file's bytes and the result). Run by scripts/bench-replay.
#include "replay/replay.h"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iterator>
#include <string>

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench_replay EVENTS.jsonl\n");
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "bench_replay: cannot read %s\n", argv[1]);
        return 1;
    }
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) {
        std::fprintf(stderr, "bench_replay: reading %s failed\n", argv[1]);
        return 1;
    }

    std::string result;
    const auto start = std::chrono::steady_clock::now();
    try {
        result = orderlab::replayEvents(bytes);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "bench_replay: %s: %s\n", argv[1], e.what());
        return 1;
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;

    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double peakMiB = static_cast<double>(usage.ru_maxrss) / 1024.0; // ru_maxrss is in KiB on Linux
    std::printf("orderlab replay: %.3f s, peak RSS %.1f MiB\n", elapsed.count(), peakMiB);
    return result.empty() ? 1 : 0;
}
