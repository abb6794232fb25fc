#include "secret_store.h"

#include <algorithm>
#include <cstdio>

namespace orderlab::aws {

namespace {

constexpr TimeMs kDayMs = 24LL * 60 * 60 * 1000;

ApiError invalidRequest(const std::string &message)
{
    return ApiError(400, "InvalidRequestException", message);
}

ApiError invalidParameter(const std::string &message)
{
    return ApiError(400, "InvalidParameterException", message);
}

ApiError limitExceeded(const std::string &detail)
{
    return ApiError(
        400, "LimitExceededException",
        "The request failed because it would exceed one of the Secrets Manager quotas. (orderlab: " + detail + ")");
}

ApiError markedForDeletion()
{
    return invalidRequest("You can't perform this operation on the secret because it was marked for deletion.");
}

bool hasStage(const SecretVersion &version, const std::string &stage)
{
    return std::find(version.stages.begin(), version.stages.end(), stage) != version.stages.end();
}

/// AWS's size rule for a value; the member is named as Secrets Manager names it, without the value.
void checkValue(const SecretValue &value)
{
    if (value.bytes.size() > kMaxSecretValueBytes)
        throw validation(std::string("1 validation error detected: Value at '") +
                         (value.binary ? "secretBinary" : "secretString") +
                         "' failed to satisfy constraint: Member must have length less than or equal to " +
                         std::to_string(kMaxSecretValueBytes));
}

std::vector<std::string> unique(const std::vector<std::string> &stages)
{
    std::vector<std::string> out;
    for (const auto &s : stages) {
        if (std::find(out.begin(), out.end(), s) == out.end())
            out.push_back(s);
    }
    return out;
}

} // namespace

ApiError secretNotFound()
{
    return ApiError(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
}

void checkSecretName(const std::string &name)
{
    if (name.empty())
        throw validation("1 validation error detected: Value '' at 'name' failed to satisfy constraint: Member must "
                         "have length greater than or equal to 1");
    if (name.size() > 512)
        throw validation("1 validation error detected: Value '" + name +
                         "' at 'name' failed to satisfy constraint: Member must have length less than or equal to 512");
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
                        c == '_' || c == '+' || c == '=' || c == '.' || c == '@' || c == '-';
        if (!ok)
            throw validation("Invalid name. Must be a valid name containing alphanumeric characters, or any of the "
                             "following: -/_+=.@!");
    }
}

SecretStore::SecretStore(SecretStoreOptions options) : m_options(std::move(options)), m_random(std::random_device{}())
{
}

std::size_t SecretStore::size() const
{
    std::lock_guard lock(m_mutex);
    return m_secrets.size();
}

void SecretStore::purge(TimeMs now)
{
    std::erase_if(m_secrets, [now](const auto &entry) {
        return entry.second.info.deletionDate != 0 && entry.second.info.deletionDate <= now;
    });
}

SecretStore::Secret *SecretStore::find(const std::string &secretId)
{
    if (secretId.rfind("arn:", 0) != 0) {
        const auto it = m_secrets.find(secretId);
        return it == m_secrets.end() ? nullptr : &it->second;
    }
    for (auto &[name, secret] : m_secrets) {
        const std::string &arn = secret.info.arn;
        if (arn == secretId)
            return &secret;
        // A partial ARN: the full one without its "-" and six random characters.
        if (arn.size() == secretId.size() + 7 && arn.compare(0, secretId.size(), secretId) == 0 &&
            arn[secretId.size()] == '-')
            return &secret;
    }
    return nullptr;
}

SecretStore::Secret &SecretStore::live(const std::string &secretId)
{
    Secret *secret = find(secretId);
    if (!secret)
        throw secretNotFound();
    if (secret->info.deletionDate != 0)
        throw markedForDeletion();
    return *secret;
}

SecretInfo SecretStore::infoOf(const Secret &secret) const
{
    SecretInfo info = secret.info;
    for (const auto &v : secret.versions)
        info.versionStages.emplace_back(v.id, v.stages);
    return info;
}

std::string SecretStore::newArn(const std::string &name)
{
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::string suffix(6, 'A');
    for (auto &c : suffix)
        c = kAlphabet[m_random() % 62];
    return "arn:aws:secretsmanager:" + m_options.region + ":" + m_options.account + ":secret:" + name + "-" + suffix;
}

std::string SecretStore::newUuid()
{
    const std::uint64_t hi = m_random(), lo = m_random();
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                  static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0x0FFF),
                  static_cast<unsigned>(0x8000 | ((lo >> 48) & 0x3FFF)),
                  static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
    return buf;
}

void SecretStore::attach(Secret &secret, SecretVersion version, const std::vector<std::string> &stages)
{
    std::string formerCurrent;
    for (const auto &stage : stages) {
        for (auto &v : secret.versions) {
            if (!hasStage(v, stage))
                continue;
            std::erase(v.stages, stage);
            if (stage == kCurrentStage)
                formerCurrent = v.id;
        }
    }
    version.stages = stages;
    secret.versions.push_back(std::move(version));
    if (!formerCurrent.empty()) {
        for (auto &v : secret.versions)
            std::erase(v.stages, std::string(kPreviousStage));
        for (auto &v : secret.versions) {
            if (v.id == formerCurrent)
                v.stages.emplace_back(kPreviousStage);
        }
    }
    std::erase_if(secret.versions, [](const SecretVersion &v) { return v.stages.empty(); });
}

SecretWrite SecretStore::create(const SecretCreation &request, TimeMs now)
{
    checkSecretName(request.name);
    if (request.value)
        checkValue(*request.value);
    std::lock_guard lock(m_mutex);
    purge(now);
    if (const auto it = m_secrets.find(request.name); it != m_secrets.end()) {
        const Secret &existing = it->second;
        if (existing.info.deletionDate != 0)
            throw invalidRequest(
                "You can't create this secret because a secret with this name is already scheduled for deletion.");
        // A retry with the same token and value (the SDK's idempotency) answers as the first call did.
        if (!request.clientRequestToken.empty() && request.value) {
            for (const auto &v : existing.versions) {
                if (v.id == request.clientRequestToken && v.value == *request.value)
                    return {existing.info.arn, existing.info.name, v.id, v.stages};
            }
        }
        throw ApiError(400, "ResourceExistsException",
                       "The operation failed because the secret " + request.name + " already exists.");
    }
    if (m_secrets.size() >= m_options.maxSecrets)
        throw limitExceeded("at most " + std::to_string(m_options.maxSecrets) + " secrets, serve --max-secrets");
    Secret secret;
    secret.order = ++m_created;
    secret.info.name = request.name;
    secret.info.arn = newArn(request.name);
    secret.info.description = request.description;
    secret.info.kmsKeyId = request.kmsKeyId;
    secret.info.tags = request.tags;
    secret.info.created = secret.info.lastChanged = now;
    SecretWrite out{secret.info.arn, secret.info.name, {}, {}};
    if (request.value) {
        SecretVersion version;
        version.id = request.clientRequestToken.empty() ? newUuid() : request.clientRequestToken;
        version.value = *request.value;
        version.created = now;
        out.versionId = version.id;
        out.stages = {kCurrentStage};
        attach(secret, std::move(version), out.stages);
    }
    m_secrets.emplace(request.name, std::move(secret));
    return out;
}

SecretWrite SecretStore::putValue(const std::string &secretId, const SecretValue &value,
                                  const std::string &clientRequestToken, std::vector<std::string> stages, TimeMs now)
{
    checkValue(value);
    stages = stages.empty() ? std::vector<std::string>{kCurrentStage} : unique(stages);
    std::lock_guard lock(m_mutex);
    purge(now);
    Secret &secret = live(secretId);
    for (const auto &v : secret.versions) {
        if (v.id != clientRequestToken)
            continue;
        if (v.value == value)
            return {secret.info.arn, secret.info.name, v.id, v.stages};
        throw ApiError(400, "ResourceExistsException",
                       "You can't modify an existing version, you can only create a new version.");
    }
    std::vector<std::string> labels = stages;
    for (const auto &v : secret.versions)
        labels.insert(labels.end(), v.stages.begin(), v.stages.end());
    if (unique(labels).size() > kMaxStagesPerSecret)
        throw limitExceeded("at most " + std::to_string(kMaxStagesPerSecret) +
                            " staging labels across a secret's versions");
    SecretVersion version;
    version.id = clientRequestToken.empty() ? newUuid() : clientRequestToken;
    version.value = value;
    version.created = now;
    SecretWrite out{secret.info.arn, secret.info.name, version.id, stages};
    attach(secret, std::move(version), stages);
    secret.info.lastChanged = now;
    return out;
}

SecretRead SecretStore::getValue(const std::string &secretId, const std::optional<std::string> &versionId,
                                 const std::optional<std::string> &stage, TimeMs now)
{
    std::lock_guard lock(m_mutex);
    purge(now);
    Secret &secret = live(secretId);
    const SecretVersion *found = nullptr;
    if (versionId) {
        for (const auto &v : secret.versions) {
            if (v.id == *versionId)
                found = &v;
        }
        if (!found)
            throw ApiError(400, "ResourceNotFoundException",
                           "Secrets Manager can't find the specified secret value for VersionId: " + *versionId);
        if (stage && !hasStage(*found, *stage))
            throw invalidRequest("You provided a VersionStage that is not associated to the provided VersionId.");
    } else {
        const std::string wanted = stage.value_or(kCurrentStage);
        for (const auto &v : secret.versions) {
            if (hasStage(v, wanted))
                found = &v;
        }
        if (!found)
            throw ApiError(400, "ResourceNotFoundException",
                           "Secrets Manager can't find the specified secret value for staging label: " + wanted);
    }
    secret.info.lastAccessed = now - ((now % kDayMs) + kDayMs) % kDayMs;
    return {secret.info.arn, secret.info.name, *found};
}

SecretInfo SecretStore::describe(const std::string &secretId, TimeMs now)
{
    std::lock_guard lock(m_mutex);
    purge(now);
    const Secret *secret = find(secretId);
    if (!secret)
        throw secretNotFound();
    return infoOf(*secret);
}

std::vector<SecretInfo> SecretStore::list(bool includePlannedDeletion, TimeMs now)
{
    std::lock_guard lock(m_mutex);
    purge(now);
    std::vector<const Secret *> secrets;
    for (const auto &[name, secret] : m_secrets) {
        if (includePlannedDeletion || secret.info.deletionDate == 0)
            secrets.push_back(&secret);
    }
    std::sort(secrets.begin(), secrets.end(), [](const Secret *a, const Secret *b) { return a->order < b->order; });
    std::vector<SecretInfo> out;
    out.reserve(secrets.size());
    for (const Secret *s : secrets)
        out.push_back(infoOf(*s));
    return out;
}

SecretDeletion SecretStore::remove(const std::string &secretId, std::optional<long long> recoveryDays, bool force,
                                   TimeMs now)
{
    if (recoveryDays && (*recoveryDays < 7 || *recoveryDays > 30))
        throw invalidParameter("The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
    if (recoveryDays && force)
        throw invalidParameter("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
    std::lock_guard lock(m_mutex);
    purge(now);
    Secret *secret = find(secretId);
    if (!secret)
        throw secretNotFound();
    if (secret->info.deletionDate != 0 && !force)
        throw invalidRequest("You tried to perform the operation on a secret that's currently marked deleted.");
    SecretDeletion out{secret->info.arn, secret->info.name, now};
    if (force) {
        m_secrets.erase(secret->info.name);
        return out;
    }
    out.deletionDate = now + recoveryDays.value_or(30) * kDayMs;
    secret->info.deletedAt = now;
    secret->info.deletionDate = out.deletionDate;
    return out;
}

SecretWrite SecretStore::restore(const std::string &secretId, TimeMs now)
{
    std::lock_guard lock(m_mutex);
    purge(now);
    Secret *secret = find(secretId);
    if (!secret)
        throw secretNotFound();
    secret->info.deletedAt = 0;
    secret->info.deletionDate = 0;
    return {secret->info.arn, secret->info.name, {}, {}};
}

} // namespace orderlab::aws
