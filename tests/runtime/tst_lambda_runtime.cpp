// orderlab-lambda's parts (docs/orderlab-lambda.md): SigV4 against AWS's published examples, the Momento key in both
// forms the SDK reads, the article's secret form, and one invocation answered by core's handler.
#include "lambda_function.h"
#include "momento_credentials.h"
#include "sigv4.h"

#include "handler/stream_handler.h"
#include "momento/in_memory_momento.h"

#include <QtTest>

using namespace orderlab;
using namespace orderlab::runtime;

namespace {

const AwsCredentials kExample{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};

SigningRequest exampleRequest(const std::string &method)
{
    SigningRequest r;
    r.method = method;
    r.path = "/";
    r.headers = {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", "20150830T123600Z"}};
    r.region = "us-east-1";
    r.service = "service";
    r.amzDate = "20150830T123600Z";
    return r;
}

std::string base64(const std::string &s)
{
    return QByteArray::fromStdString(s).toBase64().toStdString();
}

std::string base64url(const std::string &s)
{
    return QByteArray::fromStdString(s)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
        .toStdString();
}

} // namespace

class TstLambdaRuntime : public QObject
{
    Q_OBJECT
  private slots:
    void sigV4MatchesAwsPublishedExamples()
    {
        const std::string prefix = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                                   "SignedHeaders=host;x-amz-date, Signature=";
        QCOMPARE(sigV4Authorization(exampleRequest("GET"), kExample),
                 prefix + "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"); // get-vanilla
        SigningRequest query = exampleRequest("GET");
        query.query = "Param1=value1&Param2=value2";
        QCOMPARE(sigV4Authorization(query, kExample),
                 prefix +
                     "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"); // ...-query-order-key-case
        QCOMPARE(sha256Hex(""), std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }

    void aJwtKeyLeadsToItsCacheEndpointAsItIs()
    {
        const std::string jwt = base64url("{\"alg\":\"HS256\"}") + "." +
                                base64url("{\"c\":\"127.0.0.1:8443\",\"cp\":\"127.0.0.1:8443\"}") + ".sig";
        std::string error;
        auto c = momentoConnection(jwt, "", error);
        QVERIFY2(c.has_value(), error.c_str());
        QCOMPARE(c->target, std::string("127.0.0.1:8443"));
        QCOMPARE(c->authorization, jwt);
        QVERIFY(c->tls);
        const std::string noPort = base64url("{}") + "." + base64url("{\"c\":\"cache.example.com\"}") + ".s";
        QCOMPARE(momentoConnection(noPort, "", error)->target, std::string("cache.example.com:443"));
    }

    void aV1KeyDerivesTheCacheHostAndSendsItsApiKey()
    {
        std::string error;
        auto c = momentoConnection(base64("{\"endpoint\":\"cell-4.example.com\",\"api_key\":\"secret-k\"}"), "", error);
        QVERIFY2(c.has_value(), error.c_str());
        QCOMPARE(c->target, std::string("cache.cell-4.example.com:443"));
        QCOMPARE(c->authorization, std::string("secret-k"));
    }

    void theEndpointVariableOverridesAndChoosesPlaintext()
    {
        const std::string jwt = base64url("{}") + "." + base64url("{\"c\":\"momento.example:443\"}") + ".s";
        std::string error;
        auto plain = momentoConnection(jwt, "http://127.0.0.1:9000/", error);
        QCOMPARE(plain->target, std::string("127.0.0.1:9000"));
        QVERIFY(!plain->tls);
        auto tls = momentoConnection(jwt, "https://local.test", error);
        QCOMPARE(tls->target, std::string("local.test:443"));
        QVERIFY(tls->tls);
        QVERIFY(!momentoConnection(jwt, "http://", error));
        QCOMPARE(error, std::string("MOMENTO_ENDPOINT names no host: 'http://'"));
    }

    void badKeysAreRefusedWithoutShowingThem()
    {
        for (const std::string &key : {std::string(), std::string("not-a-key"), base64("{\"endpoint\":\"e\"}"),
                                       base64url("{}") + "." + base64url("{\"cp\":\"x\"}") + ".s"}) {
            std::string error;
            QVERIFY(!momentoConnection(key, "", error));
            QVERIFY(!error.empty());
            QVERIFY2(key.empty() || error.find(key) == std::string::npos, error.c_str());
        }
    }

    void theArticlesSecretFormAndAPlainKey()
    {
        std::string error;
        QCOMPARE(*apiKeyFromSecret("{\"momento\":\"k1\"}", error), std::string("k1"));
        QCOMPARE(*apiKeyFromSecret("k2", error), std::string("k2"));
        QVERIFY(!apiKeyFromSecret("{\"token\":\"k3\"}", error));
        QVERIFY2(error.find("\"momento\"") != std::string::npos, error.c_str());
    }

    void anInvocationIsAnsweredWithThePartialBatchResponse()
    {
        momento::InMemoryMomento m;
        StreamHandler handler(m, m);
        const std::string insert =
            "{\"Records\":[{\"eventName\":\"INSERT\",\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":\"o1\"}},\"NewImage\":{"
            "\"pk\":{\"S\":\"o1\"},\"creator\":{\"S\":\"ann\"},\"status\":{\"S\":\"NEW\"},\"createdAt\":{\"S\":\"t\"},"
            "\"numItems\":{\"N\":\"1\"},\"items\":{\"L\":[]}},\"SequenceNumber\":\"1\"}}]}";
        const InvocationAnswer ok = answerInvocation(handler, insert);
        QVERIFY(ok.ok);
        QCOMPARE(ok.body, std::string("{\"batchItemFailures\":[]}"));
        QCOMPARE(m.published().size(), std::size_t(1));
        QCOMPARE(m.published().front().topic, std::string("new-order"));
        QVERIFY2(ok.log.find("1 record(s) processed") != std::string::npos, ok.log.c_str());

        const InvocationAnswer bad = answerInvocation(handler, "{\"Records\":");
        QVERIFY(!bad.ok);
        QCOMPARE(bad.errorType, std::string("SyntaxError"));
    }
};

QTEST_GUILESS_MAIN(TstLambdaRuntime)
#include "tst_lambda_runtime.moc"
