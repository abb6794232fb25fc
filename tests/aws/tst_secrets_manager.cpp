// Secrets Manager's JSON 1.1 API on the AWS port (docs/secrets-manager.md): every operation and
// every refusal, through DynamoDbApi::handle as the HTTP face calls it (no sockets), on a clock the
// test moves.
#ifndef Q_MOC_RUN
#include "dynamodb_api.h"
#include "js/json.h"
#include "json_protocol.h"
#include "pipeline/pipeline.h"
#include "secret_filters.h"
#include "secret_store.h"
#include "secrets_manager_api.h"
#endif

#include <QtTest>

#include <atomic>
#include <thread>

using namespace orderlab;
using namespace orderlab::aws;

// moc reads no further than the class: the raw strings below hold unbalanced braces, which moc miscounts.
#ifndef Q_MOC_RUN
namespace {

constexpr TimeMs kStart = 1732449600000; // 2024-11-24T12:00:00Z
constexpr TimeMs kDay = 24LL * 60 * 60 * 1000;
const std::string kToken1 = "11111111-1111-4111-8111-111111111111";
const std::string kToken2 = "22222222-2222-4222-8222-222222222222";
const std::string kToken3 = "33333333-3333-4333-8333-333333333333";

struct TestClock final : Clock
{
    std::atomic<TimeMs> at{kStart};
    TimeMs now() const override { return at.load(); }
};

/// One answer, parsed.
struct Answer
{
    int status = 0;
    std::string body;
    std::string contentType;
    js::Value json;

    const js::Value *member(std::string_view name) const { return json.asObject()->find(name); }
    std::string text(std::string_view name) const
    {
        const js::Value *v = member(name);
        return v && v->isString() ? v->asString() : std::string();
    }
    double number(std::string_view name) const
    {
        const js::Value *v = member(name);
        return v && v->isNumber() ? v->asNumber() : -1;
    }
    std::string type() const { return text("__type"); }
    std::string message() const { return text("Message"); }
    /// A string array member, as "a,b".
    std::string list(std::string_view name) const
    {
        std::string out;
        const js::Value *v = member(name);
        if (!v || !v->isArray())
            return "<none>";
        for (const auto &item : v->asArray()->items)
            out += (out.empty() ? "" : ",") + item.asString();
        return out;
    }
};

struct Fixture
{
    Pipeline pipeline{PipelineConfig{}};
    TestClock clock;
    SecretStore store;
    SecretsManagerApi secrets{store, clock};
    DynamoDbApi api{pipeline.tables(), pipeline.scheduler(), &secrets};

    explicit Fixture(std::size_t maxSecrets = 100) : store(SecretStoreOptions{maxSecrets, "us-east-1", "000000000000"})
    {
    }

    Answer call(const std::string &op, const std::string &body, std::string_view type = "application/x-amz-json-1.1",
                const std::string &prefix = "secretsmanager.")
    {
        HttpRequest r;
        const std::string target = prefix + op;
        r.target = target;
        r.body = body;
        r.contentType = type;
        const HttpAnswer a = api.handle(r);
        Answer out{a.status, a.body, a.contentType, js::parseJson(a.body)};
        return out;
    }
    Answer create(const std::string &name, const std::string &value, const std::string &token = kToken1)
    {
        return call("CreateSecret", R"({"Name":")" + name + R"(","SecretString":")" + value +
                                        R"(","ClientRequestToken":")" + token + R"("})");
    }
    Answer put(const std::string &id, const std::string &value, const std::string &token, const std::string &extra = "")
    {
        return call("PutSecretValue", R"({"SecretId":")" + id + R"(","SecretString":")" + value +
                                          R"(","ClientRequestToken":")" + token + "\"" + extra + "}");
    }
    Answer get(const std::string &id, const std::string &extra = "")
    {
        return call("GetSecretValue", R"({"SecretId":")" + id + "\"" + extra + "}");
    }
};

#define EXPECT_ERROR(answer, errorType, text)                                                                          \
    do {                                                                                                               \
        const Answer a_ = (answer);                                                                                    \
        QCOMPARE(a_.status, 400);                                                                                      \
        QCOMPARE(a_.type(), std::string(errorType));                                                                   \
        QCOMPARE(a_.message(), std::string(text));                                                                     \
    } while (0)

} // namespace
#endif

class SecretsManagerTest : public QObject
{
    Q_OBJECT

  private slots:
    void routesSecretsManagerTargetsBesideDynamoDb();
    void createThenGetByNameArnAndPartialArn();
    void createRefusesWhatAwsRefuses();
    void createWithoutValueHasNoVersion();
    void putSecretValueMovesTheStagingLabels();
    void putSecretValueRefusals();
    void binaryValuesRoundTripAsBase64();
    void getSecretValueSelectionAndErrors();
    void describeSecretShowsTheSecretWithoutItsValue();
    void listSecretsPagesFiltersAndSorts();
    void deleteSchedulesThenErasesOnTheClock();
    void forceDeleteAndItsRefusals();
    void filtersOnTheirOwn();
    void theStoreIsSafeAcrossThreads();
};

#ifndef Q_MOC_RUN
void SecretsManagerTest::routesSecretsManagerTargetsBesideDynamoDb()
{
    QCOMPARE(decodeRequest([] {
                 HttpRequest r;
                 r.target = "secretsmanager.GetSecretValue";
                 r.contentType = "application/x-amz-json-1.1; charset=utf-8";
                 return r;
             }())
                 .api,
             Api::SecretsManager);
    Fixture f;
    const Answer created = f.create("pizza", "tok");
    QCOMPARE(created.status, 200);
    QCOMPARE(created.contentType, std::string("application/x-amz-json-1.1"));
    // The DynamoDB protocol's content type is refused for Secrets Manager, in its error shape.
    const Answer wrongType = f.call("GetSecretValue", R"({"SecretId":"pizza"})", "application/x-amz-json-1.0");
    QCOMPARE(wrongType.status, 400);
    QCOMPARE(wrongType.body.substr(0, 42), std::string(R"({"__type":"SerializationException","Messag)"));
    const Answer unknown = f.call("RotateSecret", R"({"SecretId":"pizza"})");
    QCOMPARE(unknown.body, std::string(R"({"__type":"UnknownOperationException"})"));
    // DynamoDB answers and errors are as before.
    const Answer put = f.call("PutItem", R"({"TableName":"orders","Item":{"pk":{"S":"o-1"}}})",
                              "application/x-amz-json-1.0", "DynamoDB_20120810.");
    QCOMPARE(put.status, 200);
    QCOMPARE(put.contentType, std::string("application/x-amz-json-1.0"));
    const Answer missing = f.call("GetItem", R"({"TableName":"nope","Key":{"pk":{"S":"a"}}})",
                                  "application/x-amz-json-1.0", "DynamoDB_20120810.");
    QCOMPARE(missing.text("__type"), std::string("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"));
    // Without a Secrets Manager behind it the API knows no such target.
    DynamoDbApi bare(f.pipeline.tables(), f.pipeline.scheduler());
    HttpRequest r;
    r.target = "secretsmanager.ListSecrets";
    r.contentType = "application/x-amz-json-1.1";
    r.body = "{}";
    QCOMPARE(bare.handle(r).body, std::string(R"({"__type":"UnknownOperationException"})"));
}

void SecretsManagerTest::createThenGetByNameArnAndPartialArn()
{
    Fixture f;
    const Answer created = f.create("pizza/momento-token", "secret-value");
    QCOMPARE(created.status, 200);
    const std::string arn = created.text("ARN");
    QVERIFY2(QRegularExpression("^arn:aws:secretsmanager:us-east-1:000000000000:secret:pizza/momento-token-"
                                "[A-Za-z0-9]{6}$")
                 .match(QString::fromStdString(arn))
                 .hasMatch(),
             arn.c_str());
    QCOMPARE(created.text("Name"), std::string("pizza/momento-token"));
    QCOMPARE(created.text("VersionId"), kToken1);
    for (const std::string &id : {std::string("pizza/momento-token"), arn, arn.substr(0, arn.size() - 7)}) {
        const Answer got = f.get(id);
        QCOMPARE(got.status, 200);
        QCOMPARE(got.text("ARN"), arn);
        QCOMPARE(got.text("Name"), std::string("pizza/momento-token"));
        QCOMPARE(got.text("SecretString"), std::string("secret-value"));
        QCOMPARE(got.text("VersionId"), kToken1);
        QCOMPARE(got.list("VersionStages"), std::string("AWSCURRENT"));
        QCOMPARE(got.number("CreatedDate"), kStart / 1000.0);
        QVERIFY(!got.member("SecretBinary"));
    }
    // Another secret's ARN does not reach this one.
    EXPECT_ERROR(f.get(arn.substr(0, arn.size() - 1) + "_"), "ResourceNotFoundException",
                 "Secrets Manager can't find the specified secret.");
}

void SecretsManagerTest::createRefusesWhatAwsRefuses()
{
    Fixture f(2);
    EXPECT_ERROR(f.call("CreateSecret", "{\"ClientRequestToken\":\"" + kToken1 + "\"}"), "ValidationException",
                 "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not "
                 "be null");
    EXPECT_ERROR(f.create("bad name", "v"), "ValidationException",
                 "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: "
                 "-/_+=.@!");
    EXPECT_ERROR(f.create(std::string(513, 'a'), "v"), "ValidationException",
                 "1 validation error detected: Value '" + std::string(513, 'a') +
                     "' at 'name' failed to satisfy constraint: Member must have length less than or equal to 512");
    QCOMPARE(f.create(std::string(512, 'a'), "v").status, 200);
    EXPECT_ERROR(f.call("CreateSecret", R"({"Name":"x","SecretString":"v"})"), "InvalidRequestException",
                 "You must provide a ClientRequestToken value. We recommend a UUID-type value.");
    EXPECT_ERROR(f.create("x", "v", "short"), "ValidationException",
                 "1 validation error detected: Value 'short' at 'clientRequestToken' failed to satisfy constraint: "
                 "Member must have length greater than or equal to 32");
    EXPECT_ERROR(
        f.call("CreateSecret",
               R"({"Name":"x","SecretString":"v","SecretBinary":"AA==","ClientRequestToken":")" + kToken1 + "\"}"),
        "InvalidParameterException",
        "You can't specify both a binary secret value and a string secret value in the same secret.");
    EXPECT_ERROR(f.create("x", std::string(65537, 'v')), "ValidationException",
                 "1 validation error detected: Value at 'secretString' failed to satisfy constraint: Member must "
                 "have length less than or equal to 65536");
    EXPECT_ERROR(f.call("CreateSecret", R"({"Name":5})"), "SerializationException", "Name must be a string");
    QCOMPARE(f.create("x", std::string(65536, 'v')).status, 200);
    // The SDK's retry (same token, same value) answers as the first call; anything else is refused.
    const Answer again = f.create("x", std::string(65536, 'v'));
    QCOMPARE(again.status, 200);
    QCOMPARE(again.text("VersionId"), kToken1);
    EXPECT_ERROR(f.create("x", "other", kToken2), "ResourceExistsException",
                 "The operation failed because the secret x already exists.");
    // The cap on secrets (2 here) answers with AWS's quota error.
    const Answer over = f.create("third", "v");
    QCOMPARE(over.status, 400);
    QCOMPARE(over.type(), std::string("LimitExceededException"));
    QVERIFY(over.message().starts_with("The request failed because it would exceed one of the Secrets Manager "
                                       "quotas. (orderlab: at most 2 secrets"));
    QCOMPARE(f.store.size(), std::size_t(2));
}

void SecretsManagerTest::createWithoutValueHasNoVersion()
{
    Fixture f;
    const Answer created = f.call("CreateSecret", "{\"Name\":\"empty\",\"ClientRequestToken\":\"" + kToken1 +
                                                      "\",\"Description\":\"no value yet\"}");
    QCOMPARE(created.status, 200);
    QVERIFY(!created.member("VersionId"));
    EXPECT_ERROR(f.get("empty"), "ResourceNotFoundException",
                 "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
    const Answer described = f.call("DescribeSecret", R"({"SecretId":"empty"})");
    QCOMPARE(described.text("Description"), std::string("no value yet"));
    QVERIFY(!described.member("VersionIdsToStages"));
    const Answer put = f.put("empty", "now", kToken2);
    QCOMPARE(put.status, 200);
    QCOMPARE(put.list("VersionStages"), std::string("AWSCURRENT"));
}

void SecretsManagerTest::putSecretValueMovesTheStagingLabels()
{
    Fixture f;
    f.create("s", "v1", kToken1);
    f.clock.at += 1000;
    const Answer p2 = f.put("s", "v2", kToken2);
    QCOMPARE(p2.status, 200);
    QCOMPARE(p2.text("VersionId"), kToken2);
    QCOMPARE(p2.list("VersionStages"), std::string("AWSCURRENT"));
    QCOMPARE(f.get("s").text("SecretString"), std::string("v2"));
    const Answer previous = f.get("s", R"(,"VersionStage":"AWSPREVIOUS")");
    QCOMPARE(previous.text("SecretString"), std::string("v1"));
    QCOMPARE(previous.list("VersionStages"), std::string("AWSPREVIOUS"));
    QCOMPARE(f.get("s", ",\"VersionId\":\"" + kToken2 + "\"").number("CreatedDate"), (kStart + 1000) / 1000.0);
    // A third value: v1 loses its last label and is gone.
    QCOMPARE(f.put("s", "v3", kToken3).status, 200);
    EXPECT_ERROR(f.get("s", ",\"VersionId\":\"" + kToken1 + "\""), "ResourceNotFoundException",
                 "Secrets Manager can't find the specified secret value for VersionId: " + kToken1);
    QCOMPARE(f.get("s", R"(,"VersionStage":"AWSPREVIOUS")").text("SecretString"), std::string("v2"));
    // Retrying with the same token and value changes nothing; another value under it is refused.
    const Answer retry = f.put("s", "v3", kToken3);
    QCOMPARE(retry.status, 200);
    QCOMPARE(retry.list("VersionStages"), std::string("AWSCURRENT"));
    EXPECT_ERROR(f.put("s", "v4", kToken3), "ResourceExistsException",
                 "You can't modify an existing version, you can only create a new version.");
    // A label of one's own leaves AWSCURRENT where it is.
    const std::string token4 = "44444444-4444-4444-8444-444444444444";
    const Answer pending = f.put("s", "v4", token4, R"(,"VersionStages":["AWSPENDING"])");
    QCOMPARE(pending.list("VersionStages"), std::string("AWSPENDING"));
    QCOMPARE(f.get("s").text("SecretString"), std::string("v3"));
    QCOMPARE(f.get("s", R"(,"VersionStage":"AWSPENDING")").text("SecretString"), std::string("v4"));
    const Answer described = f.call("DescribeSecret", R"({"SecretId":"s"})");
    const auto *map = described.member("VersionIdsToStages");
    QVERIFY(map && map->isObject());
    QCOMPARE(map->asObject()->size(), std::size_t(3));
    QCOMPARE(map->asObject()->find(kToken3)->asArray()->items[0].asString(), std::string("AWSCURRENT"));
    QCOMPARE(map->asObject()->find(kToken2)->asArray()->items[0].asString(), std::string("AWSPREVIOUS"));
    QCOMPARE(map->asObject()->find(token4)->asArray()->items[0].asString(), std::string("AWSPENDING"));
    QCOMPARE(described.number("LastChangedDate"), (kStart + 1000) / 1000.0);
}

void SecretsManagerTest::putSecretValueRefusals()
{
    Fixture f;
    f.create("s", "v1");
    EXPECT_ERROR(f.call("PutSecretValue", "{\"SecretId\":\"s\",\"ClientRequestToken\":\"" + kToken2 + "\"}"),
                 "InvalidRequestException", "You must provide either SecretString or SecretBinary.");
    EXPECT_ERROR(f.put("nope", "v", kToken2), "ResourceNotFoundException",
                 "Secrets Manager can't find the specified secret.");
    EXPECT_ERROR(f.put("s", "v", kToken2, R"(,"VersionStages":[])"), "ValidationException",
                 "1 validation error detected: Value at 'versionStages' failed to satisfy constraint: Member must "
                 "have length between 1 and 20");
    // Twenty labels across a secret's versions at most.
    std::string labels;
    for (int i = 0; i < 19; ++i)
        labels += std::string(i ? "," : "") + "\"L" + std::to_string(i) + "\"";
    QCOMPARE(f.put("s", "v2", kToken2, ",\"VersionStages\":[" + labels + "]").status, 200);
    const Answer over = f.put("s", "v3", kToken3, R"(,"VersionStages":["ONE_MORE"])");
    QCOMPARE(over.type(), std::string("LimitExceededException"));
}

void SecretsManagerTest::binaryValuesRoundTripAsBase64()
{
    Fixture f;
    const Answer created =
        f.call("CreateSecret", R"({"Name":"bin","SecretBinary":"AAEC/w==","ClientRequestToken":")" + kToken1 + "\"}");
    QCOMPARE(created.status, 200);
    const Answer got = f.get("bin");
    QCOMPARE(got.text("SecretBinary"), std::string("AAEC/w=="));
    QVERIFY(!got.member("SecretString"));
    EXPECT_ERROR(
        f.call("PutSecretValue", R"({"SecretId":"bin","SecretBinary":"A","ClientRequestToken":")" + kToken2 + "\"}"),
        "SerializationException",
        "SecretBinary must be base64: Base64 encoded length is expected a multiple of 4 bytes but found: 1");
}

void SecretsManagerTest::getSecretValueSelectionAndErrors()
{
    Fixture f;
    f.create("s", "v1", kToken1);
    EXPECT_ERROR(f.get("missing"), "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    EXPECT_ERROR(f.get("s", R"(,"VersionStage":"AWSPREVIOUS")"), "ResourceNotFoundException",
                 "Secrets Manager can't find the specified secret value for staging label: AWSPREVIOUS");
    EXPECT_ERROR(f.get("s", ",\"VersionId\":\"" + kToken1 + R"(","VersionStage":"AWSPREVIOUS")"),
                 "InvalidRequestException",
                 "You provided a VersionStage that is not associated to the provided VersionId.");
    QCOMPARE(f.get("s", ",\"VersionId\":\"" + kToken1 + R"(","VersionStage":"AWSCURRENT")").status, 200);
    EXPECT_ERROR(f.get("s", R"(,"VersionId":"x")"), "ValidationException",
                 "1 validation error detected: Value 'x' at 'versionId' failed to satisfy constraint: Member must "
                 "have length greater than or equal to 32");
    EXPECT_ERROR(f.get("no such*name"), "ValidationException",
                 "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: "
                 "-/_+=.@!");
    EXPECT_ERROR(f.call("GetSecretValue", "{}"), "ValidationException",
                 "1 validation error detected: Value null at 'secretId' failed to satisfy constraint: Member must "
                 "not be null");
}

void SecretsManagerTest::describeSecretShowsTheSecretWithoutItsValue()
{
    Fixture f;
    QCOMPARE(f.call("CreateSecret", R"({"Name":"d","SecretString":"v","Description":"the token","KmsKeyId":"k1",)"
                                    R"("Tags":[{"Key":"team","Value":"pizza"}],"ClientRequestToken":")" +
                                        kToken1 + "\"}")
                 .status,
             200);
    Answer d = f.call("DescribeSecret", R"({"SecretId":"d"})");
    QCOMPARE(d.status, 200);
    QCOMPARE(d.text("Name"), std::string("d"));
    QCOMPARE(d.text("Description"), std::string("the token"));
    QCOMPARE(d.text("KmsKeyId"), std::string("k1"));
    QCOMPARE(d.number("CreatedDate"), kStart / 1000.0);
    QVERIFY(!d.member("LastAccessedDate"));
    QVERIFY(!d.member("DeletedDate"));
    QVERIFY(!d.member("SecretString"));
    QCOMPARE(d.member("Tags")->asArray()->items[0].asObject()->find("Value")->asString(), std::string("pizza"));
    // A read stamps LastAccessedDate with the day (midnight UTC), as AWS does.
    f.clock.at += 3 * 60 * 60 * 1000;
    QCOMPARE(f.get("d").status, 200);
    d = f.call("DescribeSecret", R"({"SecretId":"d"})");
    QCOMPARE(d.number("LastAccessedDate"), (kStart - 12 * 60 * 60 * 1000) / 1000.0);
    EXPECT_ERROR(f.call("DescribeSecret", R"({"SecretId":"none"})"), "ResourceNotFoundException",
                 "Secrets Manager can't find the specified secret.");
}

void SecretsManagerTest::listSecretsPagesFiltersAndSorts()
{
    Fixture f;
    const char *names[] = {"app/db", "app/momento", "other/key", "zeta"};
    for (int i = 0; i < 4; ++i) {
        f.clock.at += 1000;
        const std::string token = std::string(32, static_cast<char>('a' + i));
        QCOMPARE(f.call("CreateSecret", std::string(R"({"Name":")") + names[i] +
                                            R"(","SecretString":"v","Description":"Momento API key",)" +
                                            R"("Tags":[{"Key":"env","Value":")" + (i % 2 ? "prod" : "dev") +
                                            R"("}],"ClientRequestToken":")" + token + "\"}")
                     .status,
                 200);
    }
    auto namesOf = [](const Answer &a) {
        std::string out;
        for (const auto &s : a.member("SecretList")->asArray()->items)
            out += (out.empty() ? "" : ",") + s.asObject()->find("Name")->asString();
        return out;
    };
    Answer all = f.call("ListSecrets", "{}");
    QCOMPARE(namesOf(all), std::string("app/db,app/momento,other/key,zeta"));
    QVERIFY(!all.member("NextToken"));
    const auto &first = *all.member("SecretList")->asArray()->items[0].asObject();
    QVERIFY(first.find("SecretVersionsToStages"));
    QVERIFY(first.find("ARN"));
    QCOMPARE(first.find("CreatedDate")->asNumber(), (kStart + 1000) / 1000.0);
    // Pages.
    Answer page = f.call("ListSecrets", R"({"MaxResults":3})");
    QCOMPARE(namesOf(page), std::string("app/db,app/momento,other/key"));
    const std::string token = page.text("NextToken");
    QVERIFY(!token.empty());
    page = f.call("ListSecrets", R"({"MaxResults":3,"NextToken":")" + token + "\"}");
    QCOMPARE(namesOf(page), std::string("zeta"));
    QVERIFY(!page.member("NextToken"));
    EXPECT_ERROR(f.call("ListSecrets", R"({"NextToken":"garbage"})"), "InvalidNextTokenException",
                 "The NextToken value is invalid.");
    EXPECT_ERROR(f.call("ListSecrets", R"({"MaxResults":0})"), "ValidationException",
                 "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must "
                 "have value greater than or equal to 1");
    // Order and filters.
    QCOMPARE(namesOf(f.call("ListSecrets", R"({"SortOrder":"desc"})")),
             std::string("zeta,other/key,app/momento,app/db"));
    QCOMPARE(namesOf(f.call("ListSecrets", R"({"Filters":[{"Key":"name","Values":["app/"]}]})")),
             std::string("app/db,app/momento"));
    QCOMPARE(namesOf(f.call("ListSecrets", R"({"Filters":[{"Key":"name","Values":["App/"]}]})")), std::string());
    QCOMPARE(namesOf(f.call("ListSecrets", R"({"Filters":[{"Key":"name","Values":["!app/"]}]})")),
             std::string("other/key,zeta"));
    QCOMPARE(namesOf(f.call("ListSecrets", R"({"Filters":[{"Key":"tag-value","Values":["prod"]},)"
                                           R"({"Key":"name","Values":["app"]}]})")),
             std::string("app/momento"));
    QCOMPARE(namesOf(f.call("ListSecrets", R"({"Filters":[{"Key":"description","Values":["api"]}]})")),
             std::string("app/db,app/momento,other/key,zeta"));
    QCOMPARE(namesOf(f.call("ListSecrets", R"({"Filters":[{"Key":"all","Values":["MOMENTO"]}]})")),
             std::string("app/db,app/momento,other/key,zeta"));
    QCOMPARE(namesOf(f.call("ListSecrets", R"({"Filters":[{"Key":"all","Values":["zet"]}]})")), std::string("zeta"));
    QCOMPARE(namesOf(f.call("ListSecrets", R"({"Filters":[{"Key":"owning-service","Values":["x"]}]})")), std::string());
    EXPECT_ERROR(f.call("ListSecrets", R"({"Filters":[{"Key":"colour","Values":["x"]}]})"), "ValidationException",
                 "1 validation error detected: Value 'colour' at 'filters.1.member.key' failed to satisfy "
                 "constraint: Member must satisfy enum value set: [description, name, tag-key, tag-value, "
                 "primary-region, owning-service, all]");
    EXPECT_ERROR(f.call("ListSecrets", R"({"SortOrder":"up"})"), "ValidationException",
                 "1 validation error detected: Value 'up' at 'sortOrder' failed to satisfy constraint: Member must "
                 "satisfy enum value set: [asc, desc]");
}

void SecretsManagerTest::deleteSchedulesThenErasesOnTheClock()
{
    Fixture f;
    f.create("s", "v");
    const Answer deleted = f.call("DeleteSecret", R"({"SecretId":"s"})");
    QCOMPARE(deleted.status, 200);
    QCOMPARE(deleted.text("Name"), std::string("s"));
    QCOMPARE(deleted.number("DeletionDate"), (kStart + 30 * kDay) / 1000.0);
    EXPECT_ERROR(f.get("s"), "InvalidRequestException",
                 "You can't perform this operation on the secret because it was marked for deletion.");
    EXPECT_ERROR(f.put("s", "v2", kToken2), "InvalidRequestException",
                 "You can't perform this operation on the secret because it was marked for deletion.");
    EXPECT_ERROR(f.create("s", "v", kToken2), "InvalidRequestException",
                 "You can't create this secret because a secret with this name is already scheduled for deletion.");
    EXPECT_ERROR(f.call("DeleteSecret", R"({"SecretId":"s"})"), "InvalidRequestException",
                 "You tried to perform the operation on a secret that's currently marked deleted.");
    QCOMPARE(f.call("DescribeSecret", R"({"SecretId":"s"})").number("DeletedDate"), kStart / 1000.0);
    QCOMPARE(f.call("ListSecrets", "{}").member("SecretList")->asArray()->items.size(), std::size_t(0));
    QCOMPARE(f.call("ListSecrets", R"({"IncludePlannedDeletion":true})").member("SecretList")->asArray()->items.size(),
             std::size_t(1));
    // RestoreSecret brings it back.
    const Answer restored = f.call("RestoreSecret", R"({"SecretId":"s"})");
    QCOMPARE(restored.status, 200);
    QCOMPARE(restored.text("Name"), std::string("s"));
    QCOMPARE(f.get("s").text("SecretString"), std::string("v"));
    // A 7-day window: gone once the clock passes it, and the name is free again.
    QCOMPARE(f.call("DeleteSecret", R"({"SecretId":"s","RecoveryWindowInDays":7})").number("DeletionDate"),
             (kStart + 7 * kDay) / 1000.0);
    f.clock.at += 7 * kDay - 1;
    QCOMPARE(f.call("DescribeSecret", R"({"SecretId":"s"})").status, 200);
    f.clock.at += 1;
    EXPECT_ERROR(f.call("DescribeSecret", R"({"SecretId":"s"})"), "ResourceNotFoundException",
                 "Secrets Manager can't find the specified secret.");
    QCOMPARE(f.store.size(), std::size_t(0));
    QCOMPARE(f.create("s", "again").status, 200);
}

void SecretsManagerTest::forceDeleteAndItsRefusals()
{
    Fixture f;
    f.create("s", "v");
    EXPECT_ERROR(f.call("DeleteSecret", R"({"SecretId":"s","RecoveryWindowInDays":6})"), "InvalidParameterException",
                 "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
    EXPECT_ERROR(
        f.call("DeleteSecret", R"({"SecretId":"s","RecoveryWindowInDays":7,"ForceDeleteWithoutRecovery":true})"),
        "InvalidParameterException",
        "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
    EXPECT_ERROR(f.call("DeleteSecret", R"({"SecretId":"none","ForceDeleteWithoutRecovery":true})"),
                 "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    // A secret scheduled for deletion can still be force-deleted.
    QCOMPARE(f.call("DeleteSecret", R"({"SecretId":"s"})").status, 200);
    const Answer forced = f.call("DeleteSecret", R"({"SecretId":"s","ForceDeleteWithoutRecovery":true})");
    QCOMPARE(forced.status, 200);
    QCOMPARE(forced.number("DeletionDate"), kStart / 1000.0);
    EXPECT_ERROR(f.get("s"), "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    QCOMPARE(f.store.size(), std::size_t(0));
}

void SecretsManagerTest::filtersOnTheirOwn()
{
    SecretInfo s;
    s.name = "Prod/Db";
    s.description = "The main database";
    s.tags = {{"Team", "Pizza"}};
    QVERIFY(passesFilters(s, {}));
    QVERIFY(passesFilters(s, {{"name", {"Prod"}}}));
    QVERIFY(!passesFilters(s, {{"name", {"prod"}}}));
    QVERIFY(passesFilters(s, {{"description", {"DATA"}}}));
    QVERIFY(passesFilters(s, {{"tag-key", {"Te"}}}));
    QVERIFY(!passesFilters(s, {{"tag-key", {"te"}}}));
    QVERIFY(passesFilters(s, {{"all", {"pizza"}}}));
    QVERIFY(passesFilters(s, {{"name", {"x", "Prod"}}}));
    QVERIFY(!passesFilters(s, {{"name", {"Prod", "!Prod/D"}}}));
    QVERIFY(!passesFilters(s, {{"name", {"Prod"}}, {"tag-value", {"Pasta"}}}));
    QVERIFY(knownFilterKey("primary-region"));
    QVERIFY(!knownFilterKey("Name"));
}

void SecretsManagerTest::theStoreIsSafeAcrossThreads()
{
    SecretStore store(SecretStoreOptions{16, "us-east-1", "000000000000"});
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&store, &failures, t] {
            for (int i = 0; i < 200; ++i) {
                const std::string name = "s" + std::to_string((t * 7 + i) % 8);
                try {
                    switch (i % 5) {
                    case 0:
                        store.create({name, SecretValue{false, "v"}, {}, {}, {}, {}}, kStart);
                        break;
                    case 1:
                        store.putValue(name, SecretValue{false, std::to_string(i)}, {}, {}, kStart);
                        break;
                    case 2:
                        store.getValue(name, std::nullopt, std::nullopt, kStart);
                        break;
                    case 3:
                        store.list(true, kStart);
                        break;
                    default:
                        store.remove(name, std::nullopt, i % 2 == 0, kStart);
                        break;
                    }
                } catch (const ApiError &e) {
                    if (e.status != 400)
                        ++failures;
                }
            }
        });
    }
    for (auto &th : threads)
        th.join();
    QCOMPARE(failures.load(), 0);
    QVERIFY(store.size() <= 8);
}
#endif

QTEST_GUILESS_MAIN(SecretsManagerTest)
#include "tst_secrets_manager.moc"
