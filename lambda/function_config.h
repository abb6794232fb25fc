#pragma once

#include "function_environment.h"

#include <memory>
#include <string>

namespace orderlab::lambda {

/// The function every execution environment of one ProcessInvoker runs (docs/lambda-runtime.md).
struct FunctionConfig
{
    std::string command;                   ///< run as `sh -c command`
    std::string directory = ".";           ///< its working folder and LAMBDA_TASK_ROOT
    std::string handler = "index.handler"; ///< _HANDLER
    std::string functionName = "orderlab-handler";
    std::string version = "$LATEST";
    int memoryMb = 128;
    std::string region = "us-east-1";
    /// Longest wait, in ms of the wall clock, for a new environment's first invocation/next
    /// (Lambda's init phase limit is 10 s); past it the invocation times out.
    long long initTimeoutMs = 10000;
    /// The function's own variables (`--handler-env`), checked with checkFunctionEnvironment; they win over
    /// the endpoints in `late`, and can name no key Lambda sets itself.
    EnvironmentVariables environment;
    /// Variables known once orderlab's ports are bound (AWS_ENDPOINT_URL_<SERVICE>); may be null.
    std::shared_ptr<const LateEnvironment> late;

    /// arn:aws:lambda:REGION:000000000000:function:NAME
    std::string functionArn() const { return "arn:aws:lambda:" + region + ":000000000000:function:" + functionName; }
};

} // namespace orderlab::lambda
