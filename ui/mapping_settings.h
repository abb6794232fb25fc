#pragma once

#include "mapping/mapping_config.h"

#include <QString>

#include <optional>

namespace orderlab {

/// The event source mapping's settings as the window keeps them between runs (one JSON object in the
/// settings file, `mapping/config`): BatchSize, MaximumBatchingWindowInSeconds, StartingPosition,
/// FunctionResponseTypes, MaximumRetryAttempts, MaximumRecordAgeInSeconds, BisectBatchOnFunctionError,
/// ParallelizationFactor and FilterCriteria, under AWS's member names.
QString mappingSettingsJson(const MappingConfig &config);

/// Reads what mappingSettingsJson wrote onto `base` (members left out keep base's value). Nothing, with
/// `error` naming the member, for text that is not such an object, a member of the wrong type or a
/// configuration MappingConfig::validate refuses.
std::optional<MappingConfig> mappingFromSettingsJson(const QString &text, const MappingConfig &base, QString *error);

} // namespace orderlab
