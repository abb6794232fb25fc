#pragma once
// Drives a ProcessInvoker from a test thread: a scheduler on the real clock (its own thread, as
// in a Real world), invocations posted to that thread and awaited here with a generous bound.

#include "process_invoker.h"
#include "real_time_driver.h"

#include <QtTest>

#include <chrono>
#include <future>
#include <memory>
#include <regex>

namespace orderlab::lambda::test {

inline TimeMs wallNowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// `fake_runtime MODE` as a handler command.
inline FunctionConfig fakeFunction(const std::string &mode, const std::string &directory)
{
    FunctionConfig c;
    c.command = std::string("'") + ORDERLAB_FAKE_RUNTIME + "' " + mode;
    c.directory = directory;
    c.functionName = "fake";
    return c;
}

class InvokerHarness
{
  public:
    explicit InvokerHarness(FunctionConfig config)
        : m_invoker(std::make_unique<ProcessInvoker>(m_scheduler, std::move(config)))
    {
        m_driver.start(1.0);
    }
    ~InvokerHarness()
    {
        m_driver.stop();
        m_invoker.reset();
    }

    ProcessInvoker &invoker() { return *m_invoker; }

    /// Invokes with `timeoutMs`; nullopt if no result came within `waitSeconds` (a hang of orderlab).
    std::optional<InvocationResult> invoke(TimeMs timeoutMs = 5000, std::uint64_t id = 0, int waitSeconds = 60)
    {
        auto request = std::make_shared<InvocationRequest>();
        request->id = id ? id : ++m_ids;
        request->timeoutMs = timeoutMs;
        auto promise = std::make_shared<std::promise<InvocationResult>>();
        auto future = promise->get_future();
        m_driver.post([this, request, promise] {
            auto run = [](ProcessInvoker *invoker, std::shared_ptr<InvocationRequest> r,
                          std::shared_ptr<std::promise<InvocationResult>> p) -> Task<void> {
                p->set_value(co_await invoker->invoke(*r));
            };
            spawn(run(m_invoker.get(), request, promise), [](std::exception_ptr) {});
        });
        if (future.wait_for(std::chrono::seconds(waitSeconds)) != std::future_status::ready)
            return std::nullopt;
        m_lastId = request->id;
        return future.get();
    }

    /// The log lines of the last invocation.
    std::vector<std::string> lastLog() { return m_invoker->logs().lines(m_invoker->requestIdOf(m_lastId)); }

    static bool has(const std::vector<std::string> &lines, const std::string &part)
    {
        for (const auto &l : lines)
            if (l.find(part) != std::string::npos)
                return true;
        return false;
    }
    /// The REPORT line of `lines` (empty if none): output that comes after the answer may follow it.
    static std::string report(const std::vector<std::string> &lines)
    {
        for (const auto &l : lines)
            if (l.starts_with("REPORT RequestId: "))
                return l;
        return {};
    }
    static std::string joined(const std::vector<std::string> &lines)
    {
        std::string out;
        for (const auto &l : lines)
            out += l + "\n";
        return out;
    }

  private:
    Scheduler m_scheduler{wallNowMs()};
    RealTimeDriver m_driver{m_scheduler};
    std::unique_ptr<ProcessInvoker> m_invoker;
    std::uint64_t m_ids = 0;
    std::uint64_t m_lastId = 0;
};

} // namespace orderlab::lambda::test
