#pragma once

#include "api_error.h"
#include "clock.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace orderlab::aws {

/// A secret version's value: SecretString text, or SecretBinary bytes (raw, not base64).
struct SecretValue
{
    bool binary = false;
    std::string bytes;
    bool operator==(const SecretValue &) const = default;
};

/// One version of a secret. A version always holds at least one staging label
/// (docs/secrets-manager.md, "Versions and staging labels").
struct SecretVersion
{
    std::string id; ///< VersionId: the ClientRequestToken, or a random UUID
    SecretValue value;
    TimeMs created = 0;
    std::vector<std::string> stages;
};

/// What DescribeSecret and ListSecrets show of a secret: everything but the values.
struct SecretInfo
{
    std::string name;
    std::string arn;
    std::string description;
    std::string kmsKeyId;
    std::vector<std::pair<std::string, std::string>> tags; ///< Key, Value, in the order given
    TimeMs created = 0;
    TimeMs lastChanged = 0;
    TimeMs lastAccessed = 0; ///< midnight UTC of the last GetSecretValue's day; 0 = never read
    TimeMs deletedAt = 0;    ///< when DeleteSecret scheduled the deletion; 0 = not scheduled
    TimeMs deletionDate = 0; ///< when the scheduled deletion happens
    std::vector<std::pair<std::string, std::vector<std::string>>> versionStages; ///< VersionId -> labels
};

/// The result of a write: the secret's ARN and name, the version written or found ("" when
/// none) and the labels it holds.
struct SecretWrite
{
    std::string arn;
    std::string name;
    std::string versionId;
    std::vector<std::string> stages;
};

/// The result of GetSecretValue.
struct SecretRead
{
    std::string arn;
    std::string name;
    SecretVersion version;
};

/// The result of DeleteSecret.
struct SecretDeletion
{
    std::string arn;
    std::string name;
    TimeMs deletionDate = 0;
};

/// The store's bounds and identity (docs/secrets-manager.md, "Limits").
struct SecretStoreOptions
{
    std::size_t maxSecrets = 100; ///< secrets held, those scheduled for deletion included
    std::string region = "us-east-1";
    std::string account = "000000000000";
};

/// What CreateSecret asks for (members already checked for their JSON types).
struct SecretCreation
{
    std::string name;
    std::optional<SecretValue> value;
    std::string clientRequestToken; ///< "" = a random UUID
    std::string description;
    std::string kmsKeyId;
    std::vector<std::pair<std::string, std::string>> tags;
};

/// The largest SecretString or SecretBinary, in bytes (AWS's quota).
inline constexpr std::size_t kMaxSecretValueBytes = 65536;
/// The most staging labels attached across a secret's versions (AWS's quota).
inline constexpr std::size_t kMaxStagesPerSecret = 20;

/**
 * The secrets Secrets Manager serves (docs/secrets-manager.md): names, ARNs, versions and their
 * staging labels, scheduled deletion. Every rule AWS applies to the stored state is here; the
 * JSON members are read by SecretsManagerApi.
 *
 * Errors: every refusal throws ApiError (HTTP 400) with Secrets Manager's exception type and
 * text; a refused call changes nothing.
 * Memory: at most `maxSecrets` secrets of at most kMaxStagesPerSecret versions of at most
 * kMaxSecretValueBytes each; a version that loses its last label is dropped at once.
 * Time: every call takes the emulator's `now` (ms since the epoch); a secret whose deletion date
 * has passed is erased by the next call.
 * Thread-safe: one mutex around everything.
 */
class SecretStore
{
  public:
    explicit SecretStore(SecretStoreOptions options = {});

    SecretWrite create(const SecretCreation &request, TimeMs now);
    /// PutSecretValue. `stages` empty means AWSCURRENT.
    SecretWrite putValue(const std::string &secretId, const SecretValue &value, const std::string &clientRequestToken,
                         std::vector<std::string> stages, TimeMs now);
    /// GetSecretValue: by VersionId, by VersionStage, both (they must agree), or AWSCURRENT.
    SecretRead getValue(const std::string &secretId, const std::optional<std::string> &versionId,
                        const std::optional<std::string> &stage, TimeMs now);
    SecretInfo describe(const std::string &secretId, TimeMs now);
    /// Every secret in creation order; those scheduled for deletion only when asked.
    std::vector<SecretInfo> list(bool includePlannedDeletion, TimeMs now);
    /// DeleteSecret: `force` erases at once, else deletion in `recoveryDays` (default 30).
    SecretDeletion remove(const std::string &secretId, std::optional<long long> recoveryDays, bool force, TimeMs now);
    /// RestoreSecret: cancels a scheduled deletion.
    SecretWrite restore(const std::string &secretId, TimeMs now);

    std::size_t size() const;
    const SecretStoreOptions &options() const { return m_options; }

  private:
    struct Secret
    {
        SecretInfo info; ///< versionStages is left empty here; versions holds them
        std::uint64_t order = 0;
        std::vector<SecretVersion> versions;
    };
    Secret *find(const std::string &secretId);
    Secret &live(const std::string &secretId);
    void purge(TimeMs now);
    SecretInfo infoOf(const Secret &secret) const;
    std::string newArn(const std::string &name);
    std::string newUuid();
    /// Adds `version` with `stages`, moving each label off the version that held it.
    static void attach(Secret &secret, SecretVersion version, const std::vector<std::string> &stages);

    const SecretStoreOptions m_options;
    mutable std::mutex m_mutex;
    std::map<std::string, Secret> m_secrets; ///< by name
    std::uint64_t m_created = 0;
    std::mt19937_64 m_random;
};

/// Secrets Manager's name rule for CreateSecret's Name (1 to 512 of `A-Z a-z 0-9 / _ + = . @ -`).
/// @throws ApiError ValidationException with AWS's text.
void checkSecretName(const std::string &name);

/// AWS's ResourceNotFoundException "Secrets Manager can't find the specified secret.".
ApiError secretNotFound();

/// The staging labels Secrets Manager manages.
inline constexpr const char *kCurrentStage = "AWSCURRENT";
inline constexpr const char *kPreviousStage = "AWSPREVIOUS";

} // namespace orderlab::aws
