#include "mapping_settings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace orderlab {

QString mappingSettingsJson(const MappingConfig &c)
{
    QJsonArray filters;
    for (const auto &f : c.filters)
        filters.append(QString::fromStdString(f));
    QJsonArray responseTypes;
    if (c.reportBatchItemFailures)
        responseTypes.append(QStringLiteral("ReportBatchItemFailures"));
    const QJsonObject o{
        {QStringLiteral("BatchSize"), c.batchSize},
        {QStringLiteral("MaximumBatchingWindowInSeconds"), c.maximumBatchingWindowSeconds},
        {QStringLiteral("StartingPosition"),
         QString::fromLatin1(MappingConfig::startingPositionName(c.startingPosition))},
        {QStringLiteral("FunctionResponseTypes"), responseTypes},
        {QStringLiteral("MaximumRetryAttempts"), c.maximumRetryAttempts},
        {QStringLiteral("MaximumRecordAgeInSeconds"), c.maximumRecordAgeSeconds},
        {QStringLiteral("BisectBatchOnFunctionError"), c.bisectBatchOnFunctionError},
        {QStringLiteral("ParallelizationFactor"), c.parallelizationFactor},
        {QStringLiteral("FilterCriteria"), filters},
    };
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

namespace {

bool wholeNumber(const QJsonObject &o, const char *name, int &out, QString *error)
{
    const QJsonValue v = o.value(QLatin1String(name));
    if (v.isUndefined())
        return true;
    const double d = v.toDouble();
    if (!v.isDouble() || d != static_cast<double>(static_cast<long long>(d)) || d < -1e9 || d > 1e9) {
        *error = QStringLiteral("%1 is not a whole number").arg(QLatin1String(name));
        return false;
    }
    out = static_cast<int>(d);
    return true;
}

} // namespace

std::optional<MappingConfig> mappingFromSettingsJson(const QString &text, const MappingConfig &base, QString *error)
{
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &parse);
    if (!doc.isObject()) {
        *error = parse.error != QJsonParseError::NoError ? parse.errorString() : QStringLiteral("not a JSON object");
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    MappingConfig c = base;
    if (!wholeNumber(o, "BatchSize", c.batchSize, error) ||
        !wholeNumber(o, "MaximumBatchingWindowInSeconds", c.maximumBatchingWindowSeconds, error) ||
        !wholeNumber(o, "MaximumRetryAttempts", c.maximumRetryAttempts, error) ||
        !wholeNumber(o, "MaximumRecordAgeInSeconds", c.maximumRecordAgeSeconds, error) ||
        !wholeNumber(o, "ParallelizationFactor", c.parallelizationFactor, error))
        return std::nullopt;
    if (const QJsonValue v = o.value(QLatin1String("StartingPosition")); !v.isUndefined()) {
        if (v.toString() == QLatin1String("TRIM_HORIZON"))
            c.startingPosition = MappingConfig::StartingPosition::TrimHorizon;
        else if (v.toString() == QLatin1String("LATEST"))
            c.startingPosition = MappingConfig::StartingPosition::Latest;
        else {
            *error = QStringLiteral("StartingPosition is neither TRIM_HORIZON nor LATEST");
            return std::nullopt;
        }
    }
    if (const QJsonValue v = o.value(QLatin1String("BisectBatchOnFunctionError")); !v.isUndefined()) {
        if (!v.isBool()) {
            *error = QStringLiteral("BisectBatchOnFunctionError is not true or false");
            return std::nullopt;
        }
        c.bisectBatchOnFunctionError = v.toBool();
    }
    if (const QJsonValue v = o.value(QLatin1String("FunctionResponseTypes")); !v.isUndefined()) {
        if (!v.isArray()) {
            *error = QStringLiteral("FunctionResponseTypes is not a list");
            return std::nullopt;
        }
        c.reportBatchItemFailures = v.toArray().contains(QStringLiteral("ReportBatchItemFailures"));
    }
    if (const QJsonValue v = o.value(QLatin1String("FilterCriteria")); !v.isUndefined()) {
        if (!v.isArray()) {
            *error = QStringLiteral("FilterCriteria is not a list");
            return std::nullopt;
        }
        c.filters.clear();
        for (const QJsonValue &f : v.toArray()) {
            if (!f.isString()) {
                *error = QStringLiteral("FilterCriteria holds something that is not a pattern text");
                return std::nullopt;
            }
            c.filters.push_back(f.toString().toStdString());
        }
    }
    const auto refused = c.validate();
    if (!refused.empty()) {
        *error = QString::fromStdString(refused.front());
        return std::nullopt;
    }
    return c;
}

} // namespace orderlab
