#include "handler_process.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <poll.h>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace orderlab::lambda {

namespace {

std::string exitText(int status)
{
    if (WIFEXITED(status))
        return "exit status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) {
        // Go's wording, which Lambda's Runtime.ExitError messages use ("signal: killed").
        switch (WTERMSIG(status)) {
        case SIGKILL:
            return "signal: killed";
        case SIGSEGV:
            return "signal: segmentation fault";
        case SIGABRT:
            return "signal: aborted";
        case SIGTERM:
            return "signal: terminated";
        case SIGBUS:
            return "signal: bus error";
        default:
            return "signal: " + std::to_string(WTERMSIG(status));
        }
    }
    return "status " + std::to_string(status);
}

void closeFd(int &fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

} // namespace

HandlerProcess::HandlerProcess(Callbacks callbacks) : m_callbacks(std::move(callbacks)) {}

HandlerProcess::~HandlerProcess()
{
    kill();
    if (m_waiter.joinable())
        m_waiter.join();
    if (m_wake[1] >= 0) {
        const char stop = 's';
        [[maybe_unused]] const auto n = ::write(m_wake[1], &stop, 1);
    }
    if (m_reader.joinable())
        m_reader.join();
    closeFd(m_out);
    closeFd(m_wake[0]);
    closeFd(m_wake[1]);
}

bool HandlerProcess::start(const std::string &command, const std::string &directory,
                           const std::vector<std::string> &environment, std::string *error)
{
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(m_wake, O_CLOEXEC | O_NONBLOCK) != 0) {
        if (error)
            *error = std::string("cannot make a pipe: ") + std::strerror(errno);
        return false;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, out[1], 2);
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    if (!directory.empty())
        posix_spawn_file_actions_addchdir_np(&actions, directory.c_str());
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

    std::vector<char *> envp;
    for (const auto &e : environment)
        envp.push_back(const_cast<char *>(e.c_str()));
    envp.push_back(nullptr);
    char sh[] = "sh", dashC[] = "-c";
    char *argv[] = {sh, dashC, const_cast<char *>(command.c_str()), nullptr};
    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, "/bin/sh", &actions, &attr, argv, envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    ::close(out[1]);
    if (rc != 0) {
        ::close(out[0]);
        if (error)
            *error = "cannot start /bin/sh -c '" + command + "' in '" + directory + "': " + std::strerror(rc);
        return false;
    }
    m_pid = pid;
    m_out = out[0];
    m_reader = std::thread([this] { readLoop(); });
    m_waiter = std::thread([this] { waitLoop(); });
    return true;
}

void HandlerProcess::kill()
{
    if (const pid_t pid = m_pid.load(); pid > 0)
        ::kill(-pid, SIGKILL);
}

void HandlerProcess::flushOutput()
{
    std::unique_lock lock(m_mutex);
    if (m_readerDone || m_wake[1] < 0)
        return;
    const unsigned ticket = ++m_flushAsked;
    const char flush = 'f';
    [[maybe_unused]] const auto n = ::write(m_wake[1], &flush, 1);
    m_flushed.wait_for(lock, std::chrono::milliseconds(200), [&] { return m_readerDone || m_flushDone >= ticket; });
}

long HandlerProcess::maxMemoryMb() const
{
    const pid_t group = m_pid.load();
    if (group <= 0)
        return 0;
    // The largest peak (VmHWM) in the process group: `sh` stays between orderlab and the command it runs.
    long maxKb = 0;
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator("/proc", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos)
            continue;
        std::ifstream stat(entry.path() / "stat");
        std::string text;
        std::getline(stat, text);
        const auto paren = text.rfind(')');
        if (paren == std::string::npos)
            continue;
        std::istringstream fields(text.substr(paren + 1));
        std::string state;
        long ppid = 0, pgrp = 0;
        if (!(fields >> state >> ppid >> pgrp) || pgrp != group)
            continue;
        std::ifstream status(entry.path() / "status");
        std::string key;
        while (status >> key) {
            if (key == "VmHWM:") {
                long kb = 0;
                status >> kb;
                maxKb = std::max(maxKb, kb);
                break;
            }
            status.ignore(4096, '\n');
        }
    }
    return (maxKb + 1023) / 1024;
}

void HandlerProcess::emitLines(std::string &pending, bool flushAll)
{
    std::size_t start = 0;
    for (;;) {
        const std::size_t nl = pending.find('\n', start);
        if (nl == std::string::npos)
            break;
        std::string line = pending.substr(start, nl - start);
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (m_callbacks.onLine)
            m_callbacks.onLine(line);
        start = nl + 1;
    }
    pending.erase(0, start);
    if (pending.size() > kMaxLineBytes) {
        if (m_callbacks.onLine)
            m_callbacks.onLine(pending.substr(0, kMaxLineBytes) + " [line cut at " + std::to_string(kMaxLineBytes) +
                               " bytes]");
        pending.clear();
    }
    if (flushAll && !pending.empty()) {
        if (m_callbacks.onLine)
            m_callbacks.onLine(pending);
        pending.clear();
    }
}

void HandlerProcess::readLoop()
{
    std::string pending;
    char buffer[65536];
    bool open = true;
    for (;;) {
        pollfd fds[2] = {{m_out, POLLIN, 0}, {m_wake[0], POLLIN, 0}};
        if (::poll(fds, open ? 2 : 1, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        // Everything readable now, before a flush request is acknowledged.
        while (open) {
            pollfd ready{m_out, POLLIN, 0};
            if (::poll(&ready, 1, 0) <= 0)
                break;
            const ssize_t n = ::read(m_out, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                open = false;
                break;
            }
            pending.append(buffer, static_cast<std::size_t>(n));
            emitLines(pending, false);
        }
        bool stop = !open;
        if (fds[1].revents & POLLIN) {
            char c;
            while (::read(m_wake[0], &c, 1) == 1)
                stop = stop || c == 's';
            std::lock_guard lock(m_mutex);
            m_flushDone = m_flushAsked;
        }
        m_flushed.notify_all();
        if (stop)
            break;
    }
    emitLines(pending, true);
    {
        std::lock_guard lock(m_mutex);
        m_readerDone = true;
    }
    m_flushed.notify_all();
}

void HandlerProcess::waitLoop()
{
    int status = 0;
    pid_t r;
    do {
        r = ::waitpid(m_pid.load(), &status, 0);
    } while (r < 0 && errno == EINTR);
    if (m_callbacks.onExit)
        m_callbacks.onExit(r < 0 ? std::string("lost: ") + std::strerror(errno) : exitText(status));
}

} // namespace orderlab::lambda
