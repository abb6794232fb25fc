#pragma once

#include "command.h"

#include <QString>

#include <memory>
#include <optional>

namespace orderlab {
struct PipelineConfig;
namespace lambda {
struct FunctionConfig;
}
} // namespace orderlab

namespace orderlab::app {

/// The handler-process options `serve` and `simulate` share (docs/lambda-runtime.md, docs/command-line.md):
/// --handler-command, --handler-dir, --handler, --handler-timeout, --handler-memory, --handler-env, --handler-logs.
void addHandlerOptions(OptionParser &parser);

/// What the options ask for: nothing (core in process) when --handler-command is absent.
struct HandlerChoice
{
    std::shared_ptr<lambda::FunctionConfig> function; ///< null: core's handler in process
    long long timeoutSeconds = 3;
    bool printLogs = false;
};

/// Reads the options into `choice`. False with `error` naming the flag, its range and what was given;
/// the other --handler-* flags without --handler-command are refused.
bool handlerOptions(const OptionParser &parser, HandlerChoice &choice, QString &error);

/// Makes `config`'s mapping invoke the handler process (PipelineConfig::invoker, the function timeout);
/// with --handler-logs every log line goes to stderr as it comes. Does nothing without a function.
void useHandler(const HandlerChoice &choice, PipelineConfig &config);

/// "handler: process `CMD` in DIR (timeout 3 s, memory 128 MB)", or "handler: core, in process".
QString handlerDescription(const HandlerChoice &choice);

} // namespace orderlab::app
