// Handlers run as processes through ProcessInvoker: warm reuse, Lambda's environment, logs, and
// every bad handler a clear function error with the environment replaced (docs/lambda-runtime.md).
#include "invoker_harness.h"

#include <httplib.h>

#include <QtTest>

#include <csignal>
#include <fstream>
#include <regex>

using namespace orderlab;
using namespace orderlab::lambda;
using namespace orderlab::lambda::test;

namespace {

/// True once `pid` is gone (or a zombie nobody reaps here).
bool processGone(int pid)
{
    if (::kill(pid, 0) != 0)
        return true;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string pidText, comm, state;
    stat >> pidText >> comm >> state;
    return !stat || state == "Z" || state == "X";
}

} // namespace

class TstProcessInvoker : public QObject
{
    Q_OBJECT
  private:
    QTemporaryDir m_dir;
    std::string dir() const { return m_dir.path().toStdString(); }

  private slots:
    void anEchoIsReturnedAndTheEnvironmentIsReusedWarm()
    {
        InvokerHarness h(fakeFunction("echo", dir()));
        auto first = h.invoke();
        QVERIFY(first);
        QCOMPARE(int(first->kind), int(InvocationResult::Kind::Returned));
        QCOMPARE(first->response, std::string("{\"Records\":[]}"));
        const auto log1 = h.lastLog();
        const std::string id1 = h.invoker().requestIdOf(1);
        QVERIFY(
            std::regex_match(id1, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
        QVERIFY2(InvokerHarness::has(log1, "fake_runtime echo starting, handler index.handler"),
                 InvokerHarness::joined(log1).c_str());
        QVERIFY(InvokerHarness::has(log1, "START RequestId: " + id1 + " Version: $LATEST"));
        QVERIFY(InvokerHarness::has(log1, "invocation 1: " + id1 + ", 14 bytes"));
        QVERIFY(InvokerHarness::has(log1, "END RequestId: " + id1));
        const std::regex report("REPORT RequestId: " + id1 +
                                "\tDuration: [0-9]+\\.[0-9]{2} ms\tBilled Duration: [0-9]+ ms\tMemory Size: 128 MB"
                                "\tMax Memory Used: [0-9]+ MB\tInit Duration: [0-9]+\\.[0-9]{2} ms");
        QVERIFY2(std::regex_match(InvokerHarness::report(log1), report), InvokerHarness::report(log1).c_str());

        auto second = h.invoke();
        QVERIFY(second);
        QCOMPARE(int(second->kind), int(InvocationResult::Kind::Returned));
        const auto log2 = h.lastLog();
        QVERIFY2(InvokerHarness::has(log2, "invocation 2: "), InvokerHarness::joined(log2).c_str()); // same process
        QVERIFY(InvokerHarness::report(log2).starts_with("REPORT RequestId: "));
        QVERIFY(InvokerHarness::report(log2).find("Init Duration") == std::string::npos); // warm
        const auto stats = h.invoker().stats();
        QCOMPARE(stats.invocations, std::uint64_t(2));
        QCOMPARE(stats.coldStarts, std::uint64_t(1));
        QCOMPARE(stats.replaced, std::uint64_t(0));
    }

    void theProcessGetsLambdasEnvironment()
    {
        FunctionConfig c = fakeFunction("env", dir());
        c.functionName = "orders-fn";
        c.handler = "app.main";
        c.memoryMb = 256;
        c.region = "eu-west-1";
        InvokerHarness h(c);
        const TimeMs before = wallNowMs();
        auto r = h.invoke(4000);
        QVERIFY(r);
        QCOMPARE(int(r->kind), int(InvocationResult::Kind::Returned));
        const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(r->response)).object();
        QVERIFY2(!o.isEmpty(), r->response.c_str());
        QVERIFY(o["AWS_LAMBDA_RUNTIME_API"].toString().startsWith("127.0.0.1:"));
        QCOMPARE(o["_HANDLER"].toString(), QStringLiteral("app.main"));
        const QString root = QDir(m_dir.path()).canonicalPath();
        QCOMPARE(QDir(o["LAMBDA_TASK_ROOT"].toString()).canonicalPath(), root);
        QCOMPARE(QDir(o["cwd"].toString()).canonicalPath(), root);
        QCOMPARE(o["AWS_LAMBDA_FUNCTION_NAME"].toString(), QStringLiteral("orders-fn"));
        QCOMPARE(o["AWS_LAMBDA_FUNCTION_VERSION"].toString(), QStringLiteral("$LATEST"));
        QCOMPARE(o["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"].toString(), QStringLiteral("256"));
        QCOMPARE(o["AWS_LAMBDA_LOG_GROUP_NAME"].toString(), QStringLiteral("/aws/lambda/orders-fn"));
        QVERIFY(QRegularExpression(QStringLiteral("^\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST\\][0-9a-f]{32}$"))
                    .match(o["AWS_LAMBDA_LOG_STREAM_NAME"].toString())
                    .hasMatch());
        QCOMPARE(o["AWS_REGION"].toString(), QStringLiteral("eu-west-1"));
        QVERIFY(!o["AWS_ACCESS_KEY_ID"].toString().isEmpty());
        QVERIFY(!o["AWS_SECRET_ACCESS_KEY"].toString().isEmpty());
        QCOMPARE(o["Lambda-Runtime-Invoked-Function-Arn"].toString(),
                 QStringLiteral("arn:aws:lambda:eu-west-1:000000000000:function:orders-fn"));
        const qint64 deadline = o["Lambda-Runtime-Deadline-Ms"].toString().toLongLong();
        QVERIFY(deadline >= before + 4000 && deadline <= wallNowMs() + 4000);
        QVERIFY(o["Lambda-Runtime-Trace-Id"].toString().startsWith("Root=1-"));
    }

    void aProcessOutsideTheEnvironmentIsRefused()
    {
        InvokerHarness h(fakeFunction("env", dir()));
        auto r = h.invoke();
        QVERIFY(r);
        const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(r->response)).object();
        const int port = o["AWS_LAMBDA_RUNTIME_API"].toString().section(QLatin1Char(':'), 1).toInt();
        QVERIFY(port > 0);
        // this test's process is not in the environment's process group: the port refuses it
        httplib::Client stranger("127.0.0.1", port);
        auto answer = stranger.Get("/2018-06-01/runtime/invocation/next");
        QVERIFY(answer);
        QCOMPARE(answer->status, 403);
        QVERIFY2(answer->body.find("\"errorType\":\"Forbidden\"") != std::string::npos, answer->body.c_str());
        // the environment itself carries on
        auto again = h.invoke();
        QVERIFY(again);
        QCOMPARE(int(again->kind), int(InvocationResult::Kind::Returned));
        QCOMPARE(h.invoker().stats().coldStarts, std::uint64_t(1));
    }

    void anErrorPostIsAThrowWithItsTypeAndKeepsTheEnvironment()
    {
        InvokerHarness h(fakeFunction("throw", dir()));
        for (int i = 0; i < 2; ++i) {
            auto r = h.invoke();
            QVERIFY(r);
            QCOMPARE(int(r->kind), int(InvocationResult::Kind::Threw));
            QCOMPARE(r->error, std::string("Error: boom"));
        }
        QVERIFY(InvokerHarness::report(h.lastLog()).ends_with("\tStatus: error\tError Type: Error"));
        QCOMPARE(h.invoker().stats().coldStarts, std::uint64_t(1));
    }

    void aKillOfTheShellIsASignal()
    {
        FunctionConfig c = fakeFunction("hang", dir());
        c.command = "kill -SEGV $$";
        InvokerHarness h(c);
        auto r = h.invoke();
        QVERIFY(r);
        QVERIFY2(r->error.ends_with("Runtime exited with error: signal: segmentation fault"), r->error.c_str());
    }

    void aCrashIsRuntimeExitErrorAndTheEnvironmentIsReplaced()
    {
        InvokerHarness h(fakeFunction("crash", dir()));
        auto r = h.invoke();
        QVERIFY(r);
        QCOMPARE(int(r->kind), int(InvocationResult::Kind::Threw));
        const std::string id = h.invoker().requestIdOf(1);
        // sh stays between orderlab and the runtime: the runtime's SIGABRT is sh's exit status 128 + 6
        QCOMPARE(r->error,
                 "Runtime.ExitError: RequestId: " + id + " Error: Runtime exited with error: exit status 134");
        QVERIFY(InvokerHarness::has(h.lastLog(), "Error Type: Runtime.ExitError"));
        QVERIFY(h.invoke());
        const auto stats = h.invoker().stats();
        QCOMPARE(stats.coldStarts, std::uint64_t(2));
        QCOMPARE(stats.replaced, std::uint64_t(2));
    }

    void aProcessThatExitsAtOnceIsAnExitError()
    {
        InvokerHarness h(fakeFunction("exit", dir()));
        auto r = h.invoke();
        QVERIFY(r);
        QCOMPARE(int(r->kind), int(InvocationResult::Kind::Threw));
        QVERIFY2(r->error.ends_with("Runtime exited with error: exit status 3"), r->error.c_str());
    }

    void aCommandThatDoesNotExistIsAnExitError()
    {
        FunctionConfig c;
        c.command = "orderlab-no-such-handler-command --flag";
        c.directory = dir();
        InvokerHarness h(c);
        auto r = h.invoke();
        QVERIFY(r);
        QCOMPARE(int(r->kind), int(InvocationResult::Kind::Threw));
        QVERIFY2(r->error.ends_with("Runtime exited with error: exit status 127"), r->error.c_str());
        QVERIFY2(InvokerHarness::has(h.lastLog(), "orderlab-no-such-handler-command: not found"),
                 InvokerHarness::joined(h.lastLog()).c_str());
    }

    void aFolderThatDoesNotExistIsAnInvalidEntrypoint()
    {
        InvokerHarness h(fakeFunction("echo", dir() + "/no/such/folder"));
        auto r = h.invoke();
        QVERIFY(r);
        QCOMPARE(int(r->kind), int(InvocationResult::Kind::Threw));
        QVERIFY2(r->error.starts_with("Runtime.InvalidEntrypoint: "), r->error.c_str());
        QVERIFY2(r->error.find("/no/such/folder") != std::string::npos, r->error.c_str());
    }

    void anInitErrorIsAFunctionErrorWithTheRuntimesType()
    {
        InvokerHarness h(fakeFunction("init-error", dir()));
        auto r = h.invoke();
        QVERIFY(r);
        QCOMPARE(int(r->kind), int(InvocationResult::Kind::Threw));
        QCOMPARE(r->error, std::string("Runtime.ImportModuleError: Cannot find module 'index'"));
        QVERIFY(h.invoke());
        QCOMPARE(h.invoker().stats().coldStarts, std::uint64_t(2));
    }

    void aHangTimesOutKillsAndReplacesTheEnvironment()
    {
        InvokerHarness h(fakeFunction("hang", dir()));
        auto r = h.invoke(500);
        QVERIFY(r);
        QCOMPARE(int(r->kind), int(InvocationResult::Kind::TimedOut));
        QCOMPARE(r->error, std::string("Sandbox.Timedout: Task timed out after 0.50 seconds"));
        const auto log = h.lastLog();
        QVERIFY(InvokerHarness::has(log, " Task timed out after 0.50 seconds"));
        QVERIFY(InvokerHarness::report(log).ends_with("\tStatus: timeout"));
        QCOMPARE(h.invoker().stats().replaced, std::uint64_t(1));
    }

    void aProcessThatNeverPollsTimesOutInInit()
    {
        FunctionConfig c = fakeFunction("never-poll", dir());
        c.initTimeoutMs = 500;
        InvokerHarness h(c);
        auto r = h.invoke(500);
        QVERIFY(r);
        QCOMPARE(int(r->kind), int(InvocationResult::Kind::TimedOut));
        QCOMPARE(r->error,
                 std::string("Sandbox.Timedout: Init timed out after 0.50 seconds (the runtime never asked for an "
                             "invocation)"));
        QCOMPARE(h.invoker().stats().replaced, std::uint64_t(1));
    }

    void aForkedChildDiesWithItsEnvironment()
    {
        InvokerHarness h(fakeFunction("fork-hang", dir()));
        auto r = h.invoke(500);
        QVERIFY(r);
        QCOMPARE(int(r->kind), int(InvocationResult::Kind::TimedOut));
        int child = 0;
        for (const auto &line : h.lastLog())
            if (std::sscanf(line.c_str(), "child pid %d", &child) == 1)
                break;
        QVERIFY2(child > 0, InvokerHarness::joined(h.lastLog()).c_str());
        QTRY_VERIFY(processGone(child));
    }

    void garbageOnTheApiIsRefusedAndTheExitIsAFunctionError()
    {
        InvokerHarness h(fakeFunction("garbage", dir()));
        auto r = h.invoke();
        QVERIFY(r);
        QCOMPARE(int(r->kind), int(InvocationResult::Kind::Threw));
        QVERIFY2(r->error.ends_with("Runtime exited with error: exit status 1"), r->error.c_str());
        const auto log = h.lastLog();
        QVERIFY2(InvokerHarness::has(log, "garbage answered 400"), InvokerHarness::joined(log).c_str());
        QVERIFY(InvokerHarness::has(log, "orderlab: the Runtime API refused a request: 400"));
    }

    void anAnswerForAnUnknownIdIsRefused()
    {
        InvokerHarness h(fakeFunction("unknown-id", dir()));
        auto r = h.invoke();
        QVERIFY(r);
        QCOMPARE(int(r->kind), int(InvocationResult::Kind::Threw));
        QVERIFY2(
            InvokerHarness::has(
                h.lastLog(),
                "unknown id answered 400 {\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}"),
            InvokerHarness::joined(h.lastLog()).c_str());
    }

    void aTenMegabyteResponseIsResponseSizeTooLarge()
    {
        InvokerHarness h(fakeFunction("huge", dir()));
        auto r = h.invoke();
        QVERIFY(r);
        QCOMPARE(int(r->kind), int(InvocationResult::Kind::Threw));
        QCOMPARE(r->error, std::string("Function.ResponseSizeTooLarge: Response payload size exceeded maximum "
                                       "allowed payload size (6291456 bytes)."));
        auto after = h.invoke(); // the runtime carries on (or is replaced): either way the next one works
        QVERIFY(after);
        QCOMPARE(int(after->kind), int(InvocationResult::Kind::Returned));
    }
};

QTEST_GUILESS_MAIN(TstProcessInvoker)
#include "tst_process_invoker.moc"
