#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace orderlab::lambda {

/**
 * The handler processes' log as Lambda writes it (docs/lambda-runtime.md, "Logs"): every line
 * of output, with START, END and REPORT lines around each invocation. Bounded: the last
 * kMaxInvocations invocations are kept by request id, each up to kMaxLinesPerInvocation lines
 * (then one line says how many were left out), and the last kMaxRecentLines lines of all.
 * Output between invocations (an environment's init) is kept for the next invocation that
 * starts.
 *
 * Threading: every function is thread-safe. The sink runs under the log's lock, in the order
 * the lines were appended; it must be quick and must not call back into the log.
 */
class InvocationLogs
{
  public:
    using Sink = std::function<void(const std::string &line)>;
    static constexpr std::size_t kMaxInvocations = 64;
    static constexpr std::size_t kMaxLinesPerInvocation = 1000;
    static constexpr std::size_t kMaxRecentLines = 2000;

    void setSink(Sink sink);
    /// A line of `requestId`'s invocation; empty id: output while no invocation runs.
    void append(const std::string &requestId, const std::string &line);
    /// Starts `requestId`'s log with what came since the last invocation, then `startLine`.
    void begin(const std::string &requestId, const std::string &startLine);

    /// `requestId`'s lines (empty if unknown or no longer kept).
    std::vector<std::string> lines(const std::string &requestId) const;
    /// The last lines of all, oldest first.
    std::vector<std::string> recent() const;

  private:
    struct Entry
    {
        std::vector<std::string> lines;
        std::size_t dropped = 0;
    };
    void keep(Entry &entry, const std::string &line);
    void publish(const std::string &line);

    mutable std::mutex m_mutex;
    Sink m_sink;
    std::map<std::string, Entry> m_byId;
    std::deque<std::string> m_order; ///< ids in m_byId, oldest first
    Entry m_between;                 ///< output while no invocation runs
    std::deque<std::string> m_recent;
};

} // namespace orderlab::lambda
