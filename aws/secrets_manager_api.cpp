#include "secrets_manager_api.h"

#include "clock.h"
#include "dynamodb/base64.h"
#include "js/json.h"
#include "json_protocol.h"
#include "request_params.h"
#include "secret_filters.h"
#include "secret_store.h"

#include <algorithm>
#include <cstdio>

namespace orderlab::aws {

namespace {

constexpr std::size_t kDefaultPageSize = 100;

/// "1 validation error detected: Value 'v' at 'member' failed to satisfy constraint: <what>", as
/// Secrets Manager's request validation writes it.
ApiError constraint(std::string_view member, const std::string &value, const std::string &what)
{
    return validation("1 validation error detected: Value '" + value + "' at '" + memberPath(member) +
                      "' failed to satisfy constraint: " + what);
}

/// A string member's length in [min, max]; absent members pass.
void checkLength(std::string_view member, const std::optional<std::string> &value, std::size_t min, std::size_t max)
{
    if (!value)
        return;
    if (value->size() < min)
        throw constraint(member, *value, "Member must have length greater than or equal to " + std::to_string(min));
    if (value->size() > max)
        throw constraint(member, *value, "Member must have length less than or equal to " + std::to_string(max));
}

/// SecretId: a name (AWS's characters) or an ARN, 1 to 2048 characters.
std::string secretId(const Params &params)
{
    const std::string id = params.requiredString("SecretId");
    checkLength("SecretId", id, 1, 2048);
    if (id.rfind("arn:", 0) != 0)
        checkSecretName(id);
    return id;
}

/// ClientRequestToken: required (the SDKs fill it in), 32 to 64 characters.
std::string clientRequestToken(const Params &params)
{
    const auto token = params.string("ClientRequestToken");
    if (!token)
        throw ApiError(400, "InvalidRequestException",
                       "You must provide a ClientRequestToken value. We recommend a UUID-type value.");
    checkLength("ClientRequestToken", token, 32, 64);
    return *token;
}

/// SecretString or SecretBinary (base64 in JSON); both is refused, neither gives nothing.
std::optional<SecretValue> secretValue(const Params &params)
{
    const auto text = params.string("SecretString");
    const auto binary = params.string("SecretBinary");
    if (text && binary)
        throw ApiError(400, "InvalidParameterException",
                       "You can't specify both a binary secret value and a string secret value in the same secret.");
    if (text)
        return SecretValue{false, *text};
    if (!binary)
        return std::nullopt;
    std::string why;
    auto bytes = dynamodb::base64Decode(*binary, &why);
    if (!bytes)
        throw ApiError(400, "SerializationException", "SecretBinary must be base64: " + why);
    return SecretValue{true, std::move(*bytes)};
}

std::vector<std::string> stringArray(const Params &params, std::string_view name)
{
    std::vector<std::string> out;
    for (const auto &v : params.array(name)) {
        if (!v.isString())
            throw ApiError(400, "SerializationException", std::string(name) + " must be an array of strings");
        out.push_back(v.asString());
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> tags(const Params &params)
{
    std::vector<std::pair<std::string, std::string>> out;
    const auto items = params.array("Tags");
    if (items.size() > 50)
        throw validation("1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have "
                         "length less than or equal to 50");
    for (const auto &item : items) {
        const Params tag(item, "Tags member");
        const std::string key = tag.requiredString("Key");
        const std::string value = tag.string("Value").value_or("");
        checkLength("Key", key, 1, 128);
        checkLength("Value", value, 0, 256);
        out.emplace_back(key, value);
    }
    return out;
}

std::string stagesJson(const std::vector<std::string> &stages)
{
    std::string out = "[";
    for (std::size_t i = 0; i < stages.size(); ++i)
        out += (i ? "," : "") + quoted(stages[i]);
    return out + "]";
}

/// The members DescribeSecret and a ListSecrets entry share; `versionsMember` names the map of
/// version ids to labels (VersionIdsToStages or SecretVersionsToStages).
std::string infoJson(const SecretInfo &info, std::string_view versionsMember)
{
    std::string out = "{\"ARN\":" + quoted(info.arn) + ",\"Name\":" + quoted(info.name);
    if (!info.description.empty())
        out += ",\"Description\":" + quoted(info.description);
    if (!info.kmsKeyId.empty())
        out += ",\"KmsKeyId\":" + quoted(info.kmsKeyId);
    out += ",\"LastChangedDate\":" + seconds(info.lastChanged);
    if (info.lastAccessed != 0)
        out += ",\"LastAccessedDate\":" + seconds(info.lastAccessed);
    if (info.deletedAt != 0)
        out += ",\"DeletedDate\":" + seconds(info.deletedAt);
    if (!info.tags.empty()) {
        out += ",\"Tags\":[";
        for (std::size_t i = 0; i < info.tags.size(); ++i)
            out += std::string(i ? "," : "") + "{\"Key\":" + quoted(info.tags[i].first) +
                   ",\"Value\":" + quoted(info.tags[i].second) + "}";
        out += "]";
    }
    if (!info.versionStages.empty()) {
        out += ",\"" + std::string(versionsMember) + "\":{";
        for (std::size_t i = 0; i < info.versionStages.size(); ++i)
            out += std::string(i ? "," : "") + quoted(info.versionStages[i].first) + ":" +
                   stagesJson(info.versionStages[i].second);
        out += "}";
    }
    out += ",\"CreatedDate\":" + seconds(info.created) + "}";
    return out;
}

std::string writeJson(const SecretWrite &w, bool withStages)
{
    std::string out = "{\"ARN\":" + quoted(w.arn) + ",\"Name\":" + quoted(w.name);
    if (!w.versionId.empty()) {
        out += ",\"VersionId\":" + quoted(w.versionId);
        if (withStages)
            out += ",\"VersionStages\":" + stagesJson(w.stages);
    }
    return out + "}";
}

std::vector<SecretFilter> filters(const Params &params)
{
    std::vector<SecretFilter> out;
    const auto items = params.array("Filters");
    if (items.size() > 10)
        throw validation("1 validation error detected: Value at 'filters' failed to satisfy constraint: Member must "
                         "have length less than or equal to 10");
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Params f(items[i], "Filters member");
        SecretFilter filter;
        const auto key = f.string("Key");
        if (!key)
            throw ApiError(400, "InvalidParameterException", "Invalid filter key");
        if (!knownFilterKey(*key))
            throw validation("1 validation error detected: Value '" + *key + "' at 'filters." + std::to_string(i + 1) +
                             ".member.key' failed to satisfy constraint: Member must satisfy enum value set: "
                             "[description, name, tag-key, tag-value, primary-region, owning-service, all]");
        filter.key = *key;
        filter.values = stringArray(f, "Values");
        if (filter.values.empty() || filter.values.size() > 10)
            throw ApiError(400, "InvalidParameterException", "Invalid filter values for key: " + *key);
        for (const auto &v : filter.values)
            checkLength("Values", v, 0, 512);
        out.push_back(std::move(filter));
    }
    return out;
}

} // namespace

std::string SecretsManagerApi::call(const std::string &operation, const Params &params)
{
    if (operation == "CreateSecret")
        return createSecret(params);
    if (operation == "PutSecretValue")
        return putSecretValue(params);
    if (operation == "GetSecretValue")
        return getSecretValue(params);
    if (operation == "DescribeSecret")
        return describeSecret(params);
    if (operation == "ListSecrets")
        return listSecrets(params);
    if (operation == "DeleteSecret")
        return deleteSecret(params);
    if (operation == "RestoreSecret")
        return restoreSecret(params);
    throw ApiError(400, "UnknownOperationException", "");
}

std::string SecretsManagerApi::createSecret(const Params &params)
{
    SecretCreation request;
    request.name = params.requiredString("Name");
    checkSecretName(request.name);
    request.clientRequestToken = clientRequestToken(params);
    request.value = secretValue(params);
    const auto description = params.string("Description");
    const auto kmsKeyId = params.string("KmsKeyId");
    checkLength("Description", description, 0, 2048);
    checkLength("KmsKeyId", kmsKeyId, 0, 2048);
    request.description = description.value_or("");
    request.kmsKeyId = kmsKeyId.value_or("");
    request.tags = tags(params);
    params.boolean("ForceOverwriteReplicaSecret");
    if (!params.array("AddReplicaRegions").empty())
        throw ApiError(400, "InvalidParameterException", "orderlab does not support AddReplicaRegions");
    return writeJson(m_store.create(request, m_clock.now()), false);
}

std::string SecretsManagerApi::putSecretValue(const Params &params)
{
    const std::string id = secretId(params);
    const std::string token = clientRequestToken(params);
    const auto value = secretValue(params);
    if (!value)
        throw ApiError(400, "InvalidRequestException", "You must provide either SecretString or SecretBinary.");
    std::vector<std::string> stages;
    if (params.has("VersionStages")) {
        stages = stringArray(params, "VersionStages");
        if (stages.empty() || stages.size() > 20)
            throw validation("1 validation error detected: Value at 'versionStages' failed to satisfy constraint: "
                             "Member must have length between 1 and 20");
        for (const auto &s : stages)
            checkLength("VersionStages", s, 1, 256);
    }
    params.string("RotationToken");
    return writeJson(m_store.putValue(id, *value, token, std::move(stages), m_clock.now()), true);
}

std::string SecretsManagerApi::getSecretValue(const Params &params)
{
    const std::string id = secretId(params);
    const auto versionId = params.string("VersionId");
    const auto stage = params.string("VersionStage");
    checkLength("VersionId", versionId, 32, 64);
    checkLength("VersionStage", stage, 1, 256);
    const SecretRead read = m_store.getValue(id, versionId, stage, m_clock.now());
    std::string out =
        "{\"ARN\":" + quoted(read.arn) + ",\"Name\":" + quoted(read.name) + ",\"VersionId\":" + quoted(read.version.id);
    if (read.version.value.binary)
        out += ",\"SecretBinary\":" + quoted(dynamodb::base64Encode(read.version.value.bytes));
    else
        out += ",\"SecretString\":" + quoted(read.version.value.bytes);
    out += ",\"VersionStages\":" + stagesJson(read.version.stages);
    out += ",\"CreatedDate\":" + seconds(read.version.created) + "}";
    return out;
}

std::string SecretsManagerApi::describeSecret(const Params &params)
{
    return infoJson(m_store.describe(secretId(params), m_clock.now()), "VersionIdsToStages");
}

std::string SecretsManagerApi::listSecrets(const Params &params)
{
    const auto maxResults = params.integer("MaxResults", 1, 100);
    const auto nextToken = params.string("NextToken");
    const auto sortOrder = params.string("SortOrder");
    if (sortOrder && *sortOrder != "asc" && *sortOrder != "desc")
        throw constraint("SortOrder", *sortOrder, "Member must satisfy enum value set: [asc, desc]");
    const auto wanted = filters(params);
    std::vector<SecretInfo> all = m_store.list(params.boolean("IncludePlannedDeletion").value_or(false), m_clock.now());
    std::erase_if(all, [&](const SecretInfo &s) { return !passesFilters(s, wanted); });
    if (sortOrder && *sortOrder == "desc")
        std::reverse(all.begin(), all.end());
    // NextToken is the position of the next entry (docs/secrets-manager.md, "ListSecrets").
    std::size_t start = 0;
    if (nextToken) {
        const std::string &t = *nextToken;
        const bool digits = t.size() > 3 && t.size() < 16 && t.rfind("ol-", 0) == 0 &&
                            std::all_of(t.begin() + 3, t.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!digits || std::stoull(t.substr(3)) > all.size())
            throw ApiError(400, "InvalidNextTokenException", "The NextToken value is invalid.");
        start = static_cast<std::size_t>(std::stoull(t.substr(3)));
    }
    const std::size_t page = maxResults ? static_cast<std::size_t>(*maxResults) : kDefaultPageSize;
    const std::size_t end = std::min(all.size(), start + page);
    std::string out = "{\"SecretList\":[";
    for (std::size_t i = start; i < end; ++i)
        out += (i > start ? "," : "") + infoJson(all[i], "SecretVersionsToStages");
    out += "]";
    if (end < all.size())
        out += ",\"NextToken\":" + quoted("ol-" + std::to_string(end));
    return out + "}";
}

std::string SecretsManagerApi::deleteSecret(const Params &params)
{
    const std::string id = secretId(params);
    const auto days = params.integer("RecoveryWindowInDays", -1000000, 1000000);
    const bool force = params.boolean("ForceDeleteWithoutRecovery").value_or(false);
    const SecretDeletion d = m_store.remove(id, days, force, m_clock.now());
    return "{\"ARN\":" + quoted(d.arn) + ",\"Name\":" + quoted(d.name) +
           ",\"DeletionDate\":" + seconds(d.deletionDate) + "}";
}

std::string SecretsManagerApi::restoreSecret(const Params &params)
{
    return writeJson(m_store.restore(secretId(params), m_clock.now()), false);
}

} // namespace orderlab::aws
