#include "process_invoker.h"

#include <chrono>
#include <cmath>
#include <coroutine>
#include <cstdio>
#include <ctime>
#include <optional>
#include <random>

namespace orderlab::lambda {

namespace {

std::string seconds(TimeMs ms)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", static_cast<double>(ms) / 1000.0);
    return text;
}

std::string milliseconds(double ms)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", ms);
    return text;
}

/// 2024-01-02T03:04:05.678Z, as Lambda stamps its own lines.
std::string timestamp()
{
    const auto now = std::chrono::system_clock::now();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    const std::time_t t = static_cast<std::time_t>(ms / 1000);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char text[96];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(ms % 1000));
    return text;
}

/// How often a cold start's init is looked at while it runs, in ms.
constexpr TimeMs kInitPollMs = 20;

long long wallMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

/// One invocation waiting for its environment: completed once, by the answer or by the timer.
struct ProcessInvoker::Waiter
{
    std::mutex mutex;
    bool done = false;
    bool timedOut = false;
    bool initTimedOut = false;
    std::optional<EnvironmentOutcome> outcome;
    std::coroutine_handle<> handle;
    Scheduler::TimerId timer = 0;
};

ProcessInvoker::ProcessInvoker(Scheduler &scheduler, FunctionConfig config)
    : m_scheduler(scheduler), m_config(std::move(config))
{
}

ProcessInvoker::~ProcessInvoker()
{
    *m_alive = false;
    m_alive.reset();
    m_environments.clear(); // kills the processes and joins their threads
}

std::string ProcessInvoker::newRequestId()
{
    static thread_local std::mt19937_64 random{std::random_device{}()};
    const unsigned long long a = random(), b = random();
    const unsigned long long n = ++m_nextRequest;
    char id[40];
    std::snprintf(id, sizeof id, "%08llx-%04llx-4%03llx-%04llx-%012llx", a >> 32, (a >> 16) & 0xffff, a & 0xfff,
                  0x8000 | (b & 0x3fff), ((b >> 16) ^ n) & 0xffffffffffffULL);
    return id;
}

void ProcessInvoker::remember(std::uint64_t invocationId, const std::string &requestId)
{
    std::lock_guard lock(m_mutex);
    m_requestIds.emplace_back(invocationId, requestId);
    while (m_requestIds.size() > InvocationLogs::kMaxInvocations)
        m_requestIds.pop_front();
}

std::string ProcessInvoker::requestIdOf(std::uint64_t invocationId) const
{
    std::lock_guard lock(m_mutex);
    for (const auto &[id, requestId] : m_requestIds)
        if (id == invocationId)
            return requestId;
    return {};
}

void ProcessInvoker::discard(std::unique_ptr<ExecutionEnvironment> &slot)
{
    const pid_t group = slot->processGroup();
    slot.reset(); // kills what is left of the process group and joins the environment's threads
    m_owners.forget(group);
    std::lock_guard lock(m_mutex);
    m_inFlight.erase(group);
}

std::optional<CallerInvocation> ProcessInvoker::invocationOfConnection(int clientPort,
                                                                       const std::vector<int> &serverPorts) const
{
    const pid_t group = m_owners.ownerOf(clientPort, serverPorts);
    if (group < 0)
        return std::nullopt;
    std::lock_guard lock(m_mutex);
    const auto it = m_inFlight.find(group);
    if (it == m_inFlight.end())
        return std::nullopt;
    return it->second;
}

ProcessInvoker::Stats ProcessInvoker::stats() const
{
    std::lock_guard lock(m_mutex);
    return m_stats;
}

Task<InvocationResult> ProcessInvoker::invoke(const InvocationRequest &request)
{
    const std::string requestId = newRequestId();
    remember(request.id, requestId);
    auto &slot = m_environments[request.lane];
    bool replaced = false;
    if (slot && !slot->usable()) {
        discard(slot);
        replaced = true;
    }
    bool cold = false;
    std::string startError;
    if (!slot) {
        auto env = std::make_unique<ExecutionEnvironment>(
            m_config, [logs = m_logs](const std::string &id, const std::string &line) { logs->append(id, line); });
        if (env->start(&startError)) {
            m_owners.add(env->processGroup());
            slot = std::move(env);
            cold = true;
        }
    }
    {
        std::lock_guard lock(m_mutex);
        ++m_stats.invocations;
        m_stats.coldStarts += cold ? 1 : 0;
        m_stats.replaced += replaced ? 1 : 0;
    }
    m_logs->begin(requestId, "START RequestId: " + requestId + " Version: " + m_config.version);
    if (!slot) {
        const std::string error = "Runtime.InvalidEntrypoint: RequestId: " + requestId + " Error: " + startError;
        m_logs->append(requestId, timestamp() + " " + error);
        m_logs->append(requestId, "END RequestId: " + requestId);
        m_logs->append(requestId,
                       "REPORT RequestId: " + requestId + "\tDuration: 0.00 ms\tBilled Duration: 0 ms" +
                           "\tMemory Size: " + std::to_string(m_config.memoryMb) +
                           " MB\tMax Memory Used: 0 MB\tStatus: error\tError Type: Runtime.InvalidEntrypoint");
        InvocationResult failed = InvocationResult::threw(error);
        failed.log = m_logs->lines(requestId);
        co_return failed;
    }
    ExecutionEnvironment *env = slot.get();

    RuntimeInvocation invocation;
    invocation.requestId = requestId;
    invocation.eventJson = request.eventJson();
    invocation.deadlineMs = wallMs() + request.timeoutMs;
    invocation.functionArn = m_config.functionArn();
    {
        static thread_local std::mt19937_64 random{std::random_device{}()};
        char trace[96];
        std::snprintf(trace, sizeof trace, "Root=1-%08llx-%012llx%012llx;Parent=%016llx;Sampled=0",
                      static_cast<unsigned long long>(wallMs() / 1000), random() & 0xffffffffffffULL,
                      random() & 0xffffffffffffULL, static_cast<unsigned long long>(random()));
        invocation.traceId = trace;
    }

    const pid_t group = env->processGroup();
    {
        std::lock_guard lock(m_mutex);
        m_inFlight[group] = {request.id, request.records.size() == 1 ? request.records.front()->traceId : 0};
    }
    const auto began = std::chrono::steady_clock::now();
    const TimeMs startedAt = m_scheduler.now();
    auto waiter = std::make_shared<Waiter>();
    struct Await
    {
        ProcessInvoker *self;
        ExecutionEnvironment *env;
        std::shared_ptr<Waiter> w;
        RuntimeInvocation invocation;
        TimeMs startedAt;
        TimeMs timeoutMs;
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<> h)
        {
            w->handle = h;
            Scheduler &scheduler = self->m_scheduler;
            std::weak_ptr<bool> alive = self->m_alive;
            const long long initLimit = self->m_config.initTimeoutMs;
            // Runs on the scheduler's thread: times the invocation out, or (cold) looks again until the
            // runtime has finished its init, then waits for the function's timeout counted from there.
            const bool warm = env->initialised();
            auto check = std::make_shared<std::function<void()>>();
            *check = [w = w, env = env, alive, &scheduler, startedAt = startedAt, timeoutMs = timeoutMs, initLimit,
                      warm, weakCheck = std::weak_ptr<std::function<void()>>(check)]() {
                if (alive.expired())
                    return;
                {
                    std::lock_guard lock(w->mutex);
                    if (w->done)
                        return; // answered: the environment may be gone already
                }
                const TimeMs now = scheduler.now();
                TimeMs again = -1;
                bool initTimedOut = false;
                if (!warm) {
                    const double initMs = env->initDurationMs();
                    if (initMs >= 0) {
                        const TimeMs deadline = startedAt + static_cast<TimeMs>(std::ceil(initMs)) + timeoutMs;
                        if (now < deadline)
                            again = deadline;
                    } else if (now < startedAt + initLimit) {
                        again = std::min<TimeMs>(startedAt + initLimit, now + kInitPollMs);
                    } else {
                        initTimedOut = true;
                    }
                }
                if (again >= 0) {
                    if (auto keep = weakCheck.lock()) {
                        std::lock_guard lock(w->mutex);
                        if (!w->done)
                            w->timer = scheduler.at(again, [keep] { (*keep)(); });
                    }
                    return;
                }
                {
                    std::lock_guard lock(w->mutex);
                    if (w->done)
                        return;
                    w->done = true;
                    w->timedOut = true;
                    w->initTimedOut = initTimedOut;
                }
                w->handle.resume();
            };
            const TimeMs first = warm ? startedAt + timeoutMs : startedAt + std::min<TimeMs>(initLimit, kInitPollMs);
            {
                std::lock_guard lock(w->mutex);
                w->timer = scheduler.at(first, [check] { (*check)(); });
            }
            env->invoke(std::move(invocation), [w = w, alive, &scheduler](const EnvironmentOutcome &outcome) {
                {
                    std::lock_guard lock(w->mutex);
                    if (w->done)
                        return;
                    w->done = true;
                    w->outcome = outcome;
                    scheduler.cancel(w->timer);
                }
                scheduler.at(scheduler.now(), [w, alive] {
                    if (!alive.expired())
                        w->handle.resume();
                });
            });
        }
        void await_resume() const noexcept {}
    };
    // A named awaiter: GCC 12 may destroy a non-trivial temporary awaiter in a co_await twice.
    Await awaiter{this, env, waiter, std::move(invocation), startedAt, request.timeoutMs};
    co_await awaiter;
    {
        std::lock_guard lock(m_mutex);
        m_inFlight.erase(group);
    }

    const double initMs = cold ? env->initDurationMs() : -1;
    double durationMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began).count();
    if (initMs > 0)
        durationMs = std::max(0.0, durationMs - initMs);
    InvocationResult result;
    std::string status;
    if (waiter->timedOut) {
        env->abandon();
        env->kill();
        const std::string text = waiter->initTimedOut
                                     ? "Init timed out after " + seconds(m_config.initTimeoutMs) +
                                           " seconds (the runtime never asked for an invocation)"
                                     : "Task timed out after " + seconds(request.timeoutMs) + " seconds";
        env->flushOutput();
        m_logs->append(requestId, timestamp() + " " + requestId + " " + text);
        result = InvocationResult::timedOut("Sandbox.Timedout: " + text);
        status = "\tStatus: timeout";
    } else {
        env->flushOutput();
        const EnvironmentOutcome &o = *waiter->outcome;
        switch (o.kind) {
        case EnvironmentOutcome::Kind::Response:
            result = InvocationResult::returned(o.body);
            break;
        case EnvironmentOutcome::Kind::Error:
        case EnvironmentOutcome::Kind::ResponseTooLarge:
        case EnvironmentOutcome::Kind::InitError:
            result = InvocationResult::threw(o.errorType + ": " + o.errorMessage);
            status = "\tStatus: error\tError Type: " + o.errorType;
            break;
        case EnvironmentOutcome::Kind::Exited:
            result = InvocationResult::threw(o.errorType + ": RequestId: " + requestId + " Error: " + o.errorMessage);
            m_logs->append(requestId, timestamp() + " " + result.error);
            status = "\tStatus: error\tError Type: " + o.errorType;
            break;
        }
        if (o.kind == EnvironmentOutcome::Kind::ResponseTooLarge)
            m_logs->append(requestId, timestamp() + " " + requestId + " " + result.error);
    }
    const long memory = env->maxMemoryMb();
    m_logs->append(requestId, "END RequestId: " + requestId);
    std::string report = "REPORT RequestId: " + requestId + "\tDuration: " + milliseconds(durationMs) +
                         " ms\tBilled Duration: " + std::to_string(static_cast<long long>(std::ceil(durationMs))) +
                         " ms\tMemory Size: " + std::to_string(m_config.memoryMb) +
                         " MB\tMax Memory Used: " + std::to_string(memory) + " MB";
    if (initMs >= 0)
        report += "\tInit Duration: " + milliseconds(initMs) + " ms";
    m_logs->append(requestId, report + status);
    if (!env->usable()) {
        discard(slot);
        std::lock_guard lock(m_mutex);
        ++m_stats.replaced;
    }
    result.log = m_logs->lines(requestId);
    co_return result;
}

} // namespace orderlab::lambda
