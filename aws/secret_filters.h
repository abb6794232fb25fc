#pragma once

#include "secret_store.h"

#include <string>
#include <vector>

namespace orderlab::aws {

/// One of ListSecrets' Filters: a key and its values (docs/secrets-manager.md, "ListSecrets").
struct SecretFilter
{
    std::string key; ///< description, name, tag-key, tag-value, primary-region, owning-service, all
    std::vector<std::string> values;
};

/// True when `key` is one of the filter keys Secrets Manager knows.
bool knownFilterKey(const std::string &key);

/**
 * Whether `secret` passes every filter. Within one filter a secret passes when some plain value
 * matches (or there is none) and no `!`-negated value matches. name, tag-key and tag-value match
 * by case-sensitive prefix; description by case-insensitive prefix of the description or of one
 * of its words; all splits the value into words (letters and digits) and matches when one of them
 * is a case-insensitive prefix of a word of the name, description or tags; primary-region and
 * owning-service never match (orderlab's secrets have neither). Pure function.
 */
bool passesFilters(const SecretInfo &secret, const std::vector<SecretFilter> &filters);

} // namespace orderlab::aws
