#include "handler_options.h"

#include "function_config.h"
#include "pipeline/pipeline.h"
#include "process_invoker.h"

#include <QFileInfo>

#include <cstdio>

namespace orderlab::app {

void addHandlerOptions(OptionParser &parser)
{
    parser.addOptions({
        {QStringLiteral("handler-command"),
         QStringLiteral("Run the handler as a process, `sh -c CMD`, served the Lambda Runtime API (default: core's\n"
                        "handler in process); see docs/lambda-runtime.md."),
         QStringLiteral("CMD")},
        {QStringLiteral("handler-dir"),
         QStringLiteral("Folder the handler process runs in, its LAMBDA_TASK_ROOT (default the current folder)."),
         QStringLiteral("DIR")},
        {QStringLiteral("handler"), QStringLiteral("The _HANDLER value (default index.handler)."),
         QStringLiteral("NAME")},
        {QStringLiteral("handler-timeout"),
         QStringLiteral("The function's timeout in whole seconds, 1..900 (default 3)."), QStringLiteral("SECONDS")},
        {QStringLiteral("handler-memory"),
         QStringLiteral("The function's memory size in MB, 128..10240 (default 128)."), QStringLiteral("MB")},
        {QStringLiteral("handler-env"),
         QStringLiteral("A variable of the function's environment, NAME=VALUE; repeatable. Lambda's rules: no\n"
                        "reserved key (AWS_REGION, ...), 4 KB at most in all."),
         QStringLiteral("NAME=VALUE")},
        {QStringLiteral("handler-logs"),
         QStringLiteral("Print the handler's log lines (START, its output, END, REPORT) to stderr.")},
    });
}

bool handlerOptions(const OptionParser &parser, HandlerChoice &choice, QString &error)
{
    const QString command = QStringLiteral("handler-command");
    if (!parser.isSet(command)) {
        for (const char *name :
             {"handler-dir", "handler", "handler-timeout", "handler-memory", "handler-env", "handler-logs"}) {
            const QString option = QString::fromLatin1(name);
            if (parser.isSet(option)) {
                error = parser.attributed(option, QStringLiteral("--%1 needs --handler-command").arg(option));
                return false;
            }
        }
        choice = {};
        return true;
    }
    auto function = std::make_shared<lambda::FunctionConfig>();
    function->command = parser.value(command).toStdString();
    if (parser.value(command).trimmed().isEmpty()) {
        error = parser.attributed(command, QStringLiteral("--handler-command wants a command, got nothing"));
        return false;
    }
    const QString dir = QStringLiteral("handler-dir");
    if (parser.isSet(dir)) {
        const QString value = parser.value(dir);
        if (value.isEmpty() || !QFileInfo(value).isDir()) {
            error =
                parser.attributed(dir, QStringLiteral("--handler-dir wants an existing folder, got '%1'").arg(value));
            return false;
        }
        function->directory = value.toStdString();
    }
    const QString handler = QStringLiteral("handler");
    if (parser.isSet(handler)) {
        const QString value = parser.value(handler);
        if (value.trimmed().isEmpty() || value.contains(QLatin1Char('\0'))) {
            error = parser.attributed(
                handler, QStringLiteral("--handler wants a name such as index.handler, got '%1'").arg(value));
            return false;
        }
        function->handler = value.toStdString();
    }
    long long timeout = 3, memory = 128;
    if (!wholeNumberOption(parser, QStringLiteral("handler-timeout"), 1, 900, timeout, error) ||
        !wholeNumberOption(parser, QStringLiteral("handler-memory"), 128, 10240, memory, error))
        return false;
    function->memoryMb = static_cast<int>(memory);
    const QString env = QStringLiteral("handler-env");
    for (const QString &entry : parser.values(env)) {
        const auto eq = entry.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            error = parser.attributed(env, QStringLiteral("--handler-env wants NAME=VALUE, got '%1'").arg(entry));
            return false;
        }
        function->environment.emplace_back(entry.left(eq).toStdString(), entry.mid(eq + 1).toStdString());
    }
    if (const auto refused = lambda::checkFunctionEnvironment(function->environment)) {
        error = parser.attributed(env, QStringLiteral("--handler-env: %1").arg(QString::fromStdString(*refused)));
        return false;
    }
    choice.function = std::move(function);
    choice.timeoutSeconds = timeout;
    choice.printLogs = parser.isSet(QStringLiteral("handler-logs"));
    return true;
}

void useHandler(const HandlerChoice &choice, PipelineConfig &config)
{
    if (!choice.function)
        return;
    config.mapping.functionTimeoutMs = choice.timeoutSeconds * 1000;
    config.invoker = [function = choice.function, printLogs = choice.printLogs](const InvokerContext &context) {
        auto invoker = std::make_unique<lambda::ProcessInvoker>(context.scheduler, *function);
        if (printLogs)
            invoker->logs().setSink([](const std::string &line) { std::fprintf(stderr, "%s\n", line.c_str()); });
        return invoker;
    };
}

QString handlerDescription(const HandlerChoice &choice)
{
    if (!choice.function)
        return QStringLiteral("handler: core, in process");
    return QStringLiteral("handler: process `%1` in %2 (timeout %3 s, memory %4 MB)")
        .arg(QString::fromStdString(choice.function->command), QString::fromStdString(choice.function->directory))
        .arg(choice.timeoutSeconds)
        .arg(choice.function->memoryMb);
}

} // namespace orderlab::app
