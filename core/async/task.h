#pragma once

#include <atomic>
#include <coroutine>
#include <exception>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace orderlab {

template <typename T> class Task;

namespace detail {

struct PromiseBase
{
    std::coroutine_handle<> continuation;
    std::exception_ptr error;
    /// Set by whichever of the two finishes second: the awaiter leaving await_suspend, or the task.
    std::atomic<bool> handoff{false};

    std::suspend_always initial_suspend() noexcept { return {}; }

    struct FinalAwaiter
    {
        bool await_ready() noexcept { return false; }
        template <typename P> std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept
        {
            auto &p = h.promise();
            if (p.handoff.exchange(true, std::memory_order_acq_rel))
                return p.continuation;    // the awaiter already suspended: resume it
            return std::noop_coroutine(); // the awaiter is still in await_suspend and carries on
        }
        void await_resume() noexcept {}
    };
    FinalAwaiter final_suspend() noexcept { return {}; }
    void unhandled_exception() { error = std::current_exception(); }
};

template <typename T> struct Promise : PromiseBase
{
    std::optional<T> value;
    Task<T> get_return_object();
    template <typename U> void return_value(U &&v) { value.emplace(std::forward<U>(v)); }
};

template <> struct Promise<void> : PromiseBase
{
    Task<void> get_return_object();
    void return_void() {}
};

} // namespace detail

/**
 * A lazy coroutine task (C++20). `co_await task` starts it and resumes the awaiter when it
 * ends; a task that completes synchronously does not grow the stack, whatever the build's
 * optimisation level. A task is awaited at most once; it owns its coroutine frame.
 * Completion may happen on another thread than the start (the continuation is handed
 * over with acquire/release ordering); the awaiter must then be ready to resume there.
 */
template <typename T = void> class [[nodiscard]] Task
{
  public:
    using promise_type = detail::Promise<T>;

    explicit Task(std::coroutine_handle<promise_type> h) : m_h(h) {}
    Task(Task &&o) noexcept : m_h(std::exchange(o.m_h, {})) {}
    Task &operator=(Task &&o) noexcept
    {
        if (this != &o) {
            destroy();
            m_h = std::exchange(o.m_h, {});
        }
        return *this;
    }
    Task(const Task &) = delete;
    Task &operator=(const Task &) = delete;
    ~Task() { destroy(); }

    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> awaiter) noexcept
    {
        auto &p = m_h.promise();
        p.continuation = awaiter;
        m_h.resume();
        // True: the task is still running and will resume the awaiter. False: it is done already.
        return !p.handoff.exchange(true, std::memory_order_acq_rel);
    }
    T await_resume()
    {
        auto &p = m_h.promise();
        if (p.error)
            std::rethrow_exception(p.error);
        if constexpr (!std::is_void_v<T>)
            return std::move(*p.value);
    }

  private:
    void destroy()
    {
        if (m_h)
            m_h.destroy();
        m_h = {};
    }
    std::coroutine_handle<promise_type> m_h;
};

namespace detail {
template <typename T> Task<T> Promise<T>::get_return_object()
{
    return Task<T>(std::coroutine_handle<Promise<T>>::from_promise(*this));
}
inline Task<void> Promise<void>::get_return_object()
{
    return Task<void>(std::coroutine_handle<Promise<void>>::from_promise(*this));
}

/// A fire-and-forget coroutine that frees itself when it ends.
struct Detached
{
    struct promise_type
    {
        Detached get_return_object() noexcept { return {}; }
        std::suspend_never initial_suspend() noexcept { return {}; }
        std::suspend_never final_suspend() noexcept { return {}; }
        void return_void() noexcept {}
        void unhandled_exception() noexcept { std::terminate(); }
    };
};
} // namespace detail

/**
 * Starts `task` now and calls `done(error)` when it ends (error is null on success), on
 * whichever thread completes it. The callback must not throw.
 */
template <typename T, typename F> detail::Detached spawn(Task<T> task, F done)
{
    std::exception_ptr error;
    try {
        co_await std::move(task);
    } catch (...) {
        error = std::current_exception();
    }
    done(error);
}

/**
 * Runs `task` to completion on this thread and returns its result. Every client it awaits
 * must complete synchronously (as the in-memory ones do); throws std::logic_error otherwise.
 */
template <typename T> T runSync(Task<T> task)
{
    std::optional<std::conditional_t<std::is_void_v<T>, bool, T>> result;
    std::exception_ptr error;
    bool finished = false;
    auto wrapper = [&]() -> Task<void> {
        if constexpr (std::is_void_v<T>) {
            co_await std::move(task);
            result.emplace(true);
        } else {
            result.emplace(co_await std::move(task));
        }
    };
    spawn(wrapper(), [&](std::exception_ptr e) {
        error = e;
        finished = true;
    });
    if (!finished)
        throw std::logic_error("runSync: the task suspended; use spawn with an executor");
    if (error)
        std::rethrow_exception(error);
    if constexpr (!std::is_void_v<T>)
        return std::move(*result);
}

} // namespace orderlab
