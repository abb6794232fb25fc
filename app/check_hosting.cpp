#include "check_hosting.h"

#include "function_config.h"
#include "handler_hosting.h"
#include "process_invoker.h"

#include <QFileInfo>

#include <cstdio>
#include <mutex>
#include <optional>
#include <stdexcept>

namespace orderlab::app {

namespace {
/// The CA every scenario's TLS port serves: made once, by whichever scenario needs it first.
struct SharedCa
{
    std::mutex mutex;
    std::string directory;
    std::optional<tls::LocalCa> ca;

    tls::LocalCa get()
    {
        std::lock_guard lock(mutex);
        if (!ca) {
            if (directory.empty())
                throw std::invalid_argument("no folder for the local CA (neither XDG_DATA_HOME nor HOME is set; "
                                            "give --ca-dir)");
            std::string why;
            ca = tls::ensureLocalCa(directory, {}, why);
            if (!ca)
                throw std::invalid_argument("the local CA in " + directory + ": " + why);
        }
        return *ca;
    }
};
} // namespace

scenario::ProcessHost checkProcessHost(std::string caDirectory, bool printLogs)
{
    auto shared = std::make_shared<SharedCa>();
    shared->directory = std::move(caDirectory);
    return [shared, printLogs](const scenario::HandlerSpec &handler) {
        if (!QFileInfo(QString::fromStdString(handler.directory)).isDir())
            throw std::invalid_argument("the handler's folder " + handler.directory + " does not exist");
        if (const auto refused = lambda::checkFunctionEnvironment(handler.environment))
            throw std::invalid_argument("env: " + *refused);
        auto function = std::make_shared<lambda::FunctionConfig>();
        function->command = handler.command;
        function->directory = handler.directory;
        function->handler = handler.name;
        function->memoryMb = handler.memoryMb;
        function->environment = handler.environment;
        HandlerServices services = handlerServices(*function, shared->get(), nullptr);
        scenario::ProcessHosting hosting;
        hosting.initLimitMs = function->initTimeoutMs;
        hosting.services = std::move(services.services);
        hosting.started = std::move(services.started);
        // handlerServices set function->late: each invoker's copy of the function shares it.
        hosting.invoker = [function, printLogs](const InvokerContext &context) {
            auto invoker = std::make_unique<lambda::ProcessInvoker>(context.scheduler, *function);
            if (printLogs)
                invoker->logs().setSink([](const std::string &line) { std::fprintf(stderr, "%s\n", line.c_str()); });
            return invoker;
        };
        return hosting;
    };
}

} // namespace orderlab::app
