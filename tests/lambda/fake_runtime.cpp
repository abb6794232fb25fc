// A tiny Lambda runtime for the tests: follows the Runtime API loop at $AWS_LAMBDA_RUNTIME_API
// and behaves as argv[1] says (docs/lambda-runtime.md lists what orderlab makes of each):
//   echo        answer every event with itself
//   env         answer with the Lambda environment variables and the headers of next
//   fail-once   first invocation: report the first record as a batch item failure; then echo
//   throw       post an invocation error (errorType "Error", errorMessage "boom")
//   throw-once  throw on the first invocation; then echo
//   crash       abort() once an invocation arrives
//   crash-once  crash if ./crashed does not exist (and make it); else echo
//   hang-once   hang if ./hung does not exist (and make it); else echo
//   exit        exit 3 at once, before polling
//   hang        take an invocation and never answer
//   never-poll  never call invocation/next
//   fork-hang   fork a child that sleeps (printing its pid), take an invocation, never answer
//   garbage     take an invocation, send bytes that are not HTTP, print the status, exit 1
//   unknown-id  take an invocation, answer another id, print the status, exit 1
//   huge        answer with 10 MB, print the status; then echo
//   init-error  post init/error (Runtime.ImportModuleError) and exit 1
//   probe       on each invocation connect to 127.0.0.1:$PROBE_PORT, wait until that connection is closed, echo;
//               with PROBE_V6=1 from a dual-stack IPv6 socket to ::ffff:127.0.0.1, as gRPC's clients connect
#include <httplib.h>

#include <arpa/inet.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace {

[[noreturn]] void sleepForever()
{
    for (;;)
        std::this_thread::sleep_for(std::chrono::hours(1));
}

std::string env(const char *name)
{
    const char *v = std::getenv(name);
    return v ? v : "";
}

std::string quoted(const std::string &s)
{
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "\"";
}

/// The first "SequenceNumber":"..." of the event.
std::string firstSequenceNumber(const std::string &event)
{
    const std::string key = "\"SequenceNumber\":\"";
    const auto at = event.find(key);
    if (at == std::string::npos)
        return "";
    const auto start = at + key.size();
    return event.substr(start, event.find('"', start) - start);
}

/// True the first time in this folder that `mode` is `which` (a marker file remembers it).
bool once(const std::string &mode, const char *which, const char *marker)
{
    if (mode != which || ::access(marker, F_OK) == 0)
        return false;
    std::FILE *f = std::fopen(marker, "w");
    if (f)
        std::fclose(f);
    return true;
}

/// Connects to 127.0.0.1:`port` (through an IPv6 socket when `v6`) and waits until the other side closes.
void probe(int port, bool v6)
{
    const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    sockaddr_in6 addr6{};
    addr6.sin6_family = AF_INET6;
    addr6.sin6_port = htons(static_cast<uint16_t>(port));
    ::inet_pton(AF_INET6, "::ffff:127.0.0.1", &addr6.sin6_addr);
    const int rc = v6 ? ::connect(fd, reinterpret_cast<sockaddr *>(&addr6), sizeof addr6)
                      : ::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    if (rc == 0) {
        char byte = 0;
        while (::read(fd, &byte, 1) > 0) {
        }
    }
    ::close(fd);
}

int rawGarbage(const std::string &host, int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    ::inet_pton(AF_INET, host.c_str(), &addr.sin_addr);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0)
        return -1;
    const char garbage[] = "\x01\x02 this is not HTTP \xff\r\n\r\n";
    [[maybe_unused]] auto n = ::write(fd, garbage, sizeof garbage - 1);
    char answer[64] = {};
    n = ::read(fd, answer, sizeof answer - 1);
    ::close(fd);
    int status = -1;
    std::sscanf(answer, "HTTP/1.1 %d", &status);
    return status;
}

} // namespace

int main(int argc, char **argv)
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    const std::string mode = argc > 1 ? argv[1] : "echo";
    const std::string api = env("AWS_LAMBDA_RUNTIME_API");
    const auto colon = api.rfind(':');
    if (api.empty() || colon == std::string::npos) {
        std::fprintf(stderr, "fake_runtime: AWS_LAMBDA_RUNTIME_API is not host:port\n");
        return 2;
    }
    const std::string host = api.substr(0, colon);
    const int port = std::atoi(api.c_str() + colon + 1);
    std::printf("fake_runtime %s starting, handler %s\n", mode.c_str(), env("_HANDLER").c_str());
    if (mode == "exit")
        return 3;
    if (mode == "never-poll")
        sleepForever();
    httplib::Client client(host, port);
    client.set_read_timeout(3600, 0);
    client.set_keep_alive(true);
    const std::string base = "/2018-06-01/runtime";
    if (mode == "init-error") {
        auto r =
            client.Post(base + "/init/error", {{"Lambda-Runtime-Function-Error-Type", "Runtime.ImportModuleError"}},
                        "{\"errorMessage\":\"Cannot find module 'index'\",\"errorType\":\"Runtime.ImportModuleError\"}",
                        "application/json");
        std::printf("init/error: %d\n", r ? r->status : -1);
        return 1;
    }
    if (mode == "fork-hang") {
        if (::fork() == 0) {
            std::printf("child pid %d\n", static_cast<int>(::getpid()));
            sleepForever();
        }
    }
    for (int n = 1;; ++n) {
        auto next = client.Get(base + "/invocation/next");
        if (!next || next->status != 200) {
            std::fprintf(stderr, "fake_runtime: invocation/next failed (%d)\n", next ? next->status : -1);
            return 1;
        }
        const std::string id = next->get_header_value("Lambda-Runtime-Aws-Request-Id");
        const std::string event = next->body;
        std::printf("invocation %d: %s, %zu bytes\n", n, id.c_str(), event.size());
        const std::string path = base + "/invocation/" + id;
        std::string answer = event;
        if (once(mode, "crash-once", "crashed") || once(mode, "hang-once", "hung")) {
            std::printf("%s now\n", mode.c_str());
            if (mode == "hang-once")
                sleepForever();
            std::fflush(stdout);
            std::abort();
        }
        if (mode == "crash") {
            std::fflush(stdout);
            std::abort();
        }
        if (mode == "hang" || mode == "fork-hang")
            sleepForever();
        if (mode == "probe")
            probe(std::atoi(env("PROBE_PORT").c_str()), env("PROBE_V6") == "1");
        if (mode == "garbage") {
            std::printf("garbage answered %d\n", rawGarbage(host, port));
            return 1;
        }
        if (mode == "unknown-id") {
            auto r = client.Post(base + "/invocation/not-" + id + "/response", "{}", "application/json");
            std::printf("unknown id answered %d %s\n", r ? r->status : -1, r ? r->body.c_str() : "");
            return 1;
        }
        if ((mode == "throw") || (mode == "throw-once" && n == 1)) {
            auto r = client.Post(path + "/error", {{"Lambda-Runtime-Function-Error-Type", "Error"}},
                                 "{\"errorMessage\":\"boom\",\"errorType\":\"Error\",\"stackTrace\":[]}",
                                 "application/json");
            std::printf("error posted: %d\n", r ? r->status : -1);
            continue;
        }
        if (mode == "huge" && n == 1) {
            auto r = client.Post(path + "/response", std::string(10 * 1024 * 1024, 'x'), "application/json");
            std::printf("huge answered %d\n", r ? r->status : -1);
            client.stop();
            continue;
        }
        if (mode == "fail-once" && n == 1)
            answer = "{\"batchItemFailures\":[{\"itemIdentifier\":" + quoted(firstSequenceNumber(event)) + "}]}";
        if (mode == "env") {
            answer = "{";
            for (const char *name :
                 {"AWS_LAMBDA_RUNTIME_API", "_HANDLER", "LAMBDA_TASK_ROOT", "AWS_LAMBDA_FUNCTION_NAME",
                  "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_LOG_GROUP_NAME",
                  "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "PWD"})
                answer += quoted(name) + ":" + quoted(env(name)) + ",";
            for (const char *header :
                 {"Lambda-Runtime-Deadline-Ms", "Lambda-Runtime-Invoked-Function-Arn", "Lambda-Runtime-Trace-Id"})
                answer += quoted(header) + ":" + quoted(next->get_header_value(header)) + ",";
            char cwd[4096] = {};
            answer += "\"cwd\":" + quoted(::getcwd(cwd, sizeof cwd) ? cwd : "") + "}";
        }
        auto r = client.Post(path + "/response", answer, "application/json");
        if (!r || r->status != 202) {
            std::fprintf(stderr, "fake_runtime: response refused (%d)\n", r ? r->status : -1);
            return 1;
        }
    }
}
