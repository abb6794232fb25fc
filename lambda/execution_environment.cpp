#include "execution_environment.h"

#include "peer_process.h"

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>
#include <random>

namespace orderlab::lambda {

namespace {

/// YYYY/MM/DD/[VERSION]32-hex-digits, as Lambda names a log stream.
std::string newLogStreamName(const std::string &version)
{
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char date[16];
    std::strftime(date, sizeof date, "%Y/%m/%d", &utc);
    static thread_local std::mt19937_64 random{std::random_device{}()};
    char hex[40];
    std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(random()),
                  static_cast<unsigned long long>(random()));
    return std::string(date) + "/[" + version + "]" + hex;
}

/// The variables of orderlab's own environment a handler process also gets (docs/lambda-runtime.md).
constexpr const char *kPassedThrough[] = {"PATH", "HOME", "TMPDIR", "LD_LIBRARY_PATH", "NODE_PATH"};

} // namespace

ExecutionEnvironment::ExecutionEnvironment(FunctionConfig config, LineSink sink)
    : m_config(std::move(config)), m_sink(std::move(sink)), m_logStream(newLogStreamName(m_config.version)),
      m_server([this](const RuntimeReport &r) { onReport(r); }),
      m_process(HandlerProcess::Callbacks{[this](const std::string &line) {
                                              std::string id;
                                              {
                                                  std::lock_guard lock(m_mutex);
                                                  id = m_logId;
                                              }
                                              if (m_sink)
                                                  m_sink(id, line);
                                          },
                                          [this](const std::string &how) { onExit(how); }})
{
}

ExecutionEnvironment::~ExecutionEnvironment()
{
    abandon();
    m_process.kill();
    m_server.stop();
}

std::vector<std::string> ExecutionEnvironment::environment() const
{
    std::error_code ec;
    std::string root = std::filesystem::absolute(m_config.directory, ec).lexically_normal().string();
    if (ec)
        root = m_config.directory;
    if (root.size() > 1 && root.back() == '/')
        root.pop_back();
    std::map<std::string, std::string> env;
    for (const char *name : kPassedThrough)
        if (const char *value = std::getenv(name))
            env[name] = value;
    env["LANG"] = "en_US.UTF-8";
    env["TZ"] = ":UTC";
    env["AWS_LAMBDA_RUNTIME_API"] = m_server.address();
    env["_HANDLER"] = m_config.handler;
    env["LAMBDA_TASK_ROOT"] = root;
    env["LAMBDA_RUNTIME_DIR"] = root;
    env["AWS_LAMBDA_FUNCTION_NAME"] = m_config.functionName;
    env["AWS_LAMBDA_FUNCTION_VERSION"] = m_config.version;
    env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = std::to_string(m_config.memoryMb);
    env["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/" + m_config.functionName;
    env["AWS_LAMBDA_LOG_STREAM_NAME"] = m_logStream;
    env["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand";
    env["AWS_REGION"] = m_config.region;
    env["AWS_DEFAULT_REGION"] = m_config.region;
    // Credentials orderlab's AWS face accepts (it does not check signatures); never real ones.
    env["AWS_ACCESS_KEY_ID"] = "AKIAORDERLABLOCAL000";
    env["AWS_SECRET_ACCESS_KEY"] = "orderlab-local-secret-access-key";
    env["AWS_SESSION_TOKEN"] = "orderlab-local-session-token";
    if (m_config.late)
        for (const auto &[name, value] : m_config.late->get())
            env[name] = value;
    for (const auto &[name, value] : m_config.environment)
        env[name] = value;
    std::vector<std::string> out;
    for (const auto &[name, value] : env)
        out.push_back(name + "=" + value);
    return out;
}

bool ExecutionEnvironment::start(std::string *error)
{
    m_server.setPeerFilter([this](int clientPort, int serverPort) {
        return connectionFromGroup(clientPort, serverPort, m_process.pid());
    });
    if (!m_server.start(error))
        return false;
    m_startedAt = std::chrono::steady_clock::now();
    return m_process.start(m_config.command, m_config.directory, environment(), error);
}

void ExecutionEnvironment::invoke(RuntimeInvocation invocation, Done done)
{
    std::optional<EnvironmentOutcome> broken;
    {
        std::lock_guard lock(m_mutex);
        m_requestId = invocation.requestId;
        m_logId = invocation.requestId;
        m_done = std::move(done);
        broken = m_broken;
    }
    if (broken) {
        finish(*broken);
        return;
    }
    m_server.offer(std::move(invocation));
}

void ExecutionEnvironment::abandon()
{
    {
        std::lock_guard lock(m_mutex);
        m_requestId.clear();
        m_done = nullptr;
    }
    m_server.retire();
}

void ExecutionEnvironment::kill()
{
    {
        std::lock_guard lock(m_mutex);
        m_killed = true;
    }
    m_process.kill();
}

bool ExecutionEnvironment::usable() const
{
    std::lock_guard lock(m_mutex);
    return !m_killed && !m_broken;
}

bool ExecutionEnvironment::initialised() const
{
    std::lock_guard lock(m_mutex);
    return m_initMs >= 0;
}

double ExecutionEnvironment::initDurationMs() const
{
    std::lock_guard lock(m_mutex);
    return m_initMs;
}

void ExecutionEnvironment::finish(EnvironmentOutcome outcome)
{
    Done done;
    {
        std::lock_guard lock(m_mutex);
        done = std::move(m_done);
        m_done = nullptr;
        m_requestId.clear();
    }
    if (done)
        done(outcome);
}

void ExecutionEnvironment::onReport(const RuntimeReport &report)
{
    using K = RuntimeReport::Kind;
    switch (report.kind) {
    case K::Polled: {
        std::lock_guard lock(m_mutex);
        if (m_initMs < 0)
            m_initMs =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_startedAt).count();
        return;
    }
    case K::Response:
        finish({EnvironmentOutcome::Kind::Response, report.body, {}, {}});
        return;
    case K::Error:
        finish({EnvironmentOutcome::Kind::Error, {}, report.errorType, report.errorMessage});
        return;
    case K::ResponseTooLarge:
        finish({EnvironmentOutcome::Kind::ResponseTooLarge,
                {},
                "Function.ResponseSizeTooLarge",
                "Response payload size exceeded maximum allowed payload size (" +
                    std::to_string(RuntimeApiServer::kMaxPayloadBytes) + " bytes)."});
        return;
    case K::InitError: {
        EnvironmentOutcome o{EnvironmentOutcome::Kind::InitError, {}, report.errorType, report.errorMessage};
        bool running = false;
        {
            std::lock_guard lock(m_mutex);
            if (!m_broken)
                m_broken = o;
            running = static_cast<bool>(m_done);
        }
        if (running)
            finish(o);
        return;
    }
    case K::Refused: {
        std::string id;
        {
            std::lock_guard lock(m_mutex);
            id = m_logId;
        }
        if (m_sink)
            m_sink(id, "orderlab: the Runtime API refused a request: " + report.errorMessage);
        return;
    }
    }
}

void ExecutionEnvironment::onExit(const std::string &how)
{
    EnvironmentOutcome o{EnvironmentOutcome::Kind::Exited,
                         {},
                         "Runtime.ExitError",
                         how == "exit status 0" ? "Runtime exited without providing a reason"
                                                : "Runtime exited with error: " + how};
    bool running = false;
    {
        std::lock_guard lock(m_mutex);
        if (m_broken)
            return; // an init error came first: it is the reason, and it has been (or will be) reported
        m_broken = o;
        running = static_cast<bool>(m_done);
    }
    if (running)
        finish(o);
}

} // namespace orderlab::lambda
