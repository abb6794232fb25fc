// A function's own environment variables, checked as Lambda's CreateFunction checks them, and the endpoint
// variables of the AWS services orderlab serves (docs/lambda-runtime.md, "The function's variables").
#include "function_environment.h"

#include <QtTest>

using orderlab::lambda::checkFunctionEnvironment;
using orderlab::lambda::EnvironmentVariables;

class TstFunctionEnvironment : public QObject
{
    Q_OBJECT
  private slots:
    void namesFollowLambdasPattern_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("two letters") << "ab" << true;
        QTest::newRow("underscore and digits") << "SECRET_ID_2" << true;
        QTest::newRow("one letter") << "A" << false; // the pattern wants a second character
        QTest::newRow("leading digit") << "1A" << false;
        QTest::newRow("leading underscore") << "_X" << false;
        QTest::newRow("dash") << "MY-VAR" << false;
        QTest::newRow("dot") << "a.b" << false;
        QTest::newRow("empty") << "" << false;
    }
    void namesFollowLambdasPattern()
    {
        QFETCH(QString, name);
        QFETCH(bool, accepted);
        const auto refused = checkFunctionEnvironment({{name.toStdString(), "v"}});
        QCOMPARE(!refused.has_value(), accepted);
        if (refused)
            QVERIFY(refused->find("[a-zA-Z]([a-zA-Z0-9_])+] (the name '" + name.toStdString() + "')") !=
                    std::string::npos);
    }

    void reservedKeysAreListedInTheOrderGiven()
    {
        const auto refused = checkFunctionEnvironment(
            {{"AWS_SESSION_TOKEN", "x"}, {"TABLE", "orders"}, {"LAMBDA_TASK_ROOT", "/"}, {"AWS_REGION", "x"}});
        QVERIFY(refused);
        QCOMPARE(QString::fromStdString(*refused),
                 QStringLiteral("Lambda was unable to configure your environment variables because the environment "
                                "variables you have provided contains reserved keys that are currently not supported "
                                "for modification. Reserved keys used in this request: AWS_SESSION_TOKEN, "
                                "LAMBDA_TASK_ROOT, AWS_REGION"));
        // Endpoints, PATH and NODE_OPTIONS are the function's to set.
        QVERIFY(!checkFunctionEnvironment(
            {{"AWS_ENDPOINT_URL_DYNAMODB", "http://x"}, {"PATH", "/bin"}, {"NODE_OPTIONS", "--x"}}));
    }

    void theWholeMapTakesAtMostFourKilobytesAsJson()
    {
        // {"AB":"<v>"} is 9 bytes around the value.
        QVERIFY(!checkFunctionEnvironment({{"AB", std::string(4096 - 9, 'x')}}));
        const auto over = checkFunctionEnvironment({{"AB", std::string(4096 - 8, 'x')}});
        QVERIFY(over);
        QVERIFY(over->find("exceeded the 4KB limit. String measured: 4097 bytes") != std::string::npos);
        // Escapes count: a quote is two bytes, a control character six.
        QVERIFY(checkFunctionEnvironment({{"AB", std::string(2044, '"')}}));
        QVERIFY(checkFunctionEnvironment({{"AB", std::string(700, '\x01')}}));
        QVERIFY(!checkFunctionEnvironment({{"AB", std::string(680, '\x01')}}));
    }

    void aNameTwiceIsRefused()
    {
        const auto refused = checkFunctionEnvironment({{"AB", "1"}, {"CD", "2"}, {"AB", "3"}});
        QVERIFY(refused);
        QCOMPARE(*refused, std::string("the variable AB is given twice"));
    }

    void endpointsNameEachServedService()
    {
        const EnvironmentVariables e = orderlab::lambda::serviceEndpointVariables("http://127.0.0.1:8000");
        QCOMPARE(e.size(), std::size_t(3));
        QCOMPARE(e[0], std::make_pair(std::string("AWS_ENDPOINT_URL_DYNAMODB"), std::string("http://127.0.0.1:8000")));
        QCOMPARE(e[1].first, std::string("AWS_ENDPOINT_URL_DYNAMODB_STREAMS"));
        QCOMPARE(e[2].first, std::string("AWS_ENDPOINT_URL_SECRETS_MANAGER"));
    }
};

QTEST_GUILESS_MAIN(TstFunctionEnvironment)
#include "tst_function_environment.moc"
