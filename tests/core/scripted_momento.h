#pragma once
// Test double: the in-memory Momento with scripted failures and, optionally, calls that
// complete only when the test says so (to interleave concurrent invocations step by step).

#include "momento/in_memory_momento.h"

#include <coroutine>
#include <deque>
#include <map>

namespace orderlab::testing {

class ScriptedMomento final : public momento::CacheClient, public momento::TopicClient
{
  public:
    enum class Op { Get, Set, Delete, Publish };

    momento::InMemoryMomento inner;

    /// The next `count` calls of `op` fail with `code` (after `skip` successful ones).
    void failNext(Op op, int count, momento::ErrorCode code = momento::ErrorCode::ServerUnavailable, int skip = 0)
    {
        m_faults[op] = {count, skip, code};
    }
    /// From now on every call waits until step() resumes it.
    void setDeferred(bool on) { m_deferred = on; }
    /// Resumes the oldest waiting call; false when none waits.
    bool step()
    {
        if (m_waiting.empty())
            return false;
        auto h = m_waiting.front();
        m_waiting.pop_front();
        h.resume();
        return true;
    }
    std::size_t waiting() const { return m_waiting.size(); }
    int calls(Op op) const { return m_calls.count(op) ? m_calls.at(op) : 0; }

    Task<momento::GetResponse> get(std::string cache, std::string key) override
    {
        co_await gate();
        if (auto e = fault(Op::Get))
            co_return momento::GetResponse(*e);
        co_return co_await inner.get(std::move(cache), std::move(key));
    }
    Task<momento::Status> set(std::string cache, std::string key, momento::CacheValue value,
                              std::optional<std::chrono::milliseconds> ttl) override
    {
        co_await gate();
        if (auto e = fault(Op::Set))
            co_return e;
        co_return co_await inner.set(std::move(cache), std::move(key), std::move(value), ttl);
    }
    Task<momento::Status> remove(std::string cache, std::string key) override
    {
        co_await gate();
        if (auto e = fault(Op::Delete))
            co_return e;
        co_return co_await inner.remove(std::move(cache), std::move(key));
    }
    Task<momento::Status> publish(std::string cache, std::string topic, std::string value) override
    {
        co_await gate();
        if (auto e = fault(Op::Publish))
            co_return e;
        co_return co_await inner.publish(std::move(cache), std::move(topic), std::move(value));
    }

  private:
    struct Fault
    {
        int count = 0;
        int skip = 0;
        momento::ErrorCode code{};
    };
    struct Gate
    {
        ScriptedMomento *self;
        bool await_ready() const noexcept { return !self->m_deferred; }
        void await_suspend(std::coroutine_handle<> h) { self->m_waiting.push_back(h); }
        void await_resume() const noexcept {}
    };
    Gate gate() { return Gate{this}; }
    momento::Status fault(Op op)
    {
        ++m_calls[op];
        auto it = m_faults.find(op);
        if (it == m_faults.end() || it->second.count <= 0)
            return std::nullopt;
        if (it->second.skip > 0) {
            --it->second.skip;
            return std::nullopt;
        }
        --it->second.count;
        return momento::Error{it->second.code, "injected by the test"};
    }

    std::map<Op, Fault> m_faults;
    std::map<Op, int> m_calls;
    bool m_deferred = false;
    std::deque<std::coroutine_handle<>> m_waiting;
};

} // namespace orderlab::testing
