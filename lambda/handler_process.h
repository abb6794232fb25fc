#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <sys/types.h>
#include <thread>
#include <vector>

namespace orderlab::lambda {

/**
 * One handler process: `sh -c COMMAND` in `directory` with exactly `environment`, in a process
 * group of its own (so that what it forks dies with it), its stdout and stderr read line by
 * line (docs/lambda-runtime.md, "Execution environments").
 *
 * Threading: the callbacks run on the process's own threads (one reads the output, one waits
 * for the exit), never both at once for lines; `onExit` runs once. kill(), flushOutput() and the
 * destructor may be called from any thread but not from a callback. The destructor kills the
 * whole process group and joins both threads.
 */
class HandlerProcess
{
  public:
    struct Callbacks
    {
        std::function<void(const std::string &line)> onLine; ///< stdout and stderr, without the newline
        std::function<void(const std::string &how)> onExit;  ///< "exit status 1", "signal: killed", ...
    };
    /// Longest line kept; the rest of a longer line is cut (and says so).
    static constexpr std::size_t kMaxLineBytes = 16 * 1024;

    HandlerProcess(Callbacks callbacks);
    ~HandlerProcess();
    HandlerProcess(const HandlerProcess &) = delete;
    HandlerProcess &operator=(const HandlerProcess &) = delete;

    /// Starts the process. False (and `error` set) if it could not be started at all.
    bool start(const std::string &command, const std::string &directory, const std::vector<std::string> &environment,
               std::string *error);
    /// SIGKILL to the whole process group. Idempotent.
    void kill();
    /// Waits (at most ~200 ms) until the output written so far has gone through onLine.
    void flushOutput();
    pid_t pid() const { return m_pid.load(); }
    /// The largest peak resident memory (VmHWM) in the process group so far, in MB, rounded up; 0 if unknown.
    long maxMemoryMb() const;

  private:
    void readLoop();
    void waitLoop();
    void emitLines(std::string &pending, bool flushAll);

    Callbacks m_callbacks;
    std::atomic<pid_t> m_pid{-1}; ///< also the process group's id
    int m_out = -1;               ///< read end of the stdout+stderr pipe
    int m_wake[2] = {-1, -1};
    std::thread m_reader;
    std::thread m_waiter;
    std::mutex m_mutex;
    std::condition_variable m_flushed;
    unsigned m_flushAsked = 0;
    unsigned m_flushDone = 0;
    bool m_readerDone = false;
};

} // namespace orderlab::lambda
