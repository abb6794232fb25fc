// orderlab-lambda: core's order stream handler as a Lambda custom runtime (the `bootstrap` of a provided.al2023
// function; docs/orderlab-lambda.md). It polls the Runtime API at AWS_LAMBDA_RUNTIME_API and runs each batch
// against Momento over gRPC, as the emulator runs the same handler in process.
#include "grpc_momento_client.h"
#include "lambda_function.h"
#include "runtime_api_client.h"

#include "handler/stream_handler.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace orderlab;
using namespace orderlab::runtime;

int main(int argc, char **argv)
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    if (argc > 1 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0)) {
        std::printf("usage: orderlab-lambda\n"
                    "A Lambda custom runtime (provided.al2023) running orderlab's order stream handler against "
                    "Momento.\nIt reads AWS_LAMBDA_RUNTIME_API, MOMENTO_API_KEY or SECRET_ID, MOMENTO_ENDPOINT; "
                    "see docs/orderlab-lambda.md.\n");
        return 0;
    }
    const char *api = std::getenv("AWS_LAMBDA_RUNTIME_API");
    if (!api || !*api) {
        std::fprintf(stderr, "orderlab-lambda: AWS_LAMBDA_RUNTIME_API is not set: this is a Lambda custom runtime, "
                             "started by Lambda or by orderlab simulate --handler-command\n");
        return 2;
    }
    RuntimeApiClient runtime(api);
    std::string error;
    const auto momento = momentoFromEnvironment(error);
    if (!momento) {
        std::fprintf(stderr, "orderlab-lambda: %s\n", error.c_str());
        std::string postError;
        if (!runtime.initError("Runtime.ConfigurationError", error, postError))
            std::fprintf(stderr, "orderlab-lambda: %s\n", postError.c_str());
        return 1;
    }
    std::printf("orderlab-lambda: Momento at %s (%s)\n", momento->target.c_str(), momento->tls ? "TLS" : "plaintext");
    StreamHandler::Options options;
    GrpcMomentoClient client(*momento, options.ttl);
    StreamHandler handler(client, client, options);
    for (;;) {
        const auto invocation = runtime.next(error);
        if (!invocation) {
            std::fprintf(stderr, "orderlab-lambda: %s\n", error.c_str());
            return 1;
        }
        const InvocationAnswer answer = answerInvocation(handler, invocation->event);
        std::printf("%s\n", answer.log.c_str());
        const bool posted = answer.ok
                                ? runtime.respond(invocation->requestId, answer.body, error)
                                : runtime.fail(invocation->requestId, answer.errorType, answer.errorMessage, error);
        if (!posted) {
            std::fprintf(stderr, "orderlab-lambda: %s\n", error.c_str());
            return 1;
        }
    }
}
