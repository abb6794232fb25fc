#include "bounds_options.h"

#include "pipeline/order_feed.h"
#include "pipeline/pipeline.h"

namespace orderlab::app {

void addBoundsOptions(OptionParser &parser)
{
    const QString N = QStringLiteral("N");
    parser.addOptions({
        {QStringLiteral("stream-max-records"),
         QStringLiteral("Records the stream keeps at most besides its 24 h; 0 = no cap (default %1).")
             .arg(PipelineConfig::kDefaultStreamMaxRecords),
         N},
        {QStringLiteral("stream-max-bytes"),
         QStringLiteral("Bytes of record JSON the stream keeps at most; 0 = no cap (default %1).")
             .arg(PipelineConfig::kDefaultStreamMaxBytes),
         N},
        {QStringLiteral("cache-max-bytes"),
         QStringLiteral("Key and value bytes all caches hold at most, the least recently used evicted past it; "
                        "0 = no cap (default %1).")
             .arg(PipelineConfig::kDefaultCacheMaxBytes),
         N},
        {QStringLiteral("trace-limit"),
         QStringLiteral("Table changes whose causal chain the trace keeps (default %1).").arg(Trace::kDefaultMaxTraces),
         N},
        {QStringLiteral("checker-forget-after"),
         QStringLiteral("Seconds of emulator time after which the checker forgets settled changes (default %1).")
             .arg(ConsistencyChecker::Limits().forgetAfterMs / 1000),
         QStringLiteral("SECONDS")},
        {QStringLiteral("max-live-orders"),
         QStringLiteral("Orders the generated feed keeps in the table at most; 0 = no bound (default %1).")
             .arg(OrderFeed::kDefaultMaxLiveOrders),
         N},
    });
}

bool boundsOptions(const OptionParser &parser, PipelineConfig &config, std::size_t &maxLiveOrders, QString &error)
{
    auto take = [&](const char *name, long long min, long long max, auto &field) {
        long long v = static_cast<long long>(field);
        if (!wholeNumberOption(parser, QString::fromLatin1(name), min, max, v, error))
            return false;
        field = static_cast<std::remove_reference_t<decltype(field)>>(v);
        return true;
    };
    long long forgetSeconds = config.checker.forgetAfterMs / 1000;
    if (!(take("stream-max-records", 0, 1000000000LL, config.streamMaxRecords) &&
          take("stream-max-bytes", 0, 1LL << 40, config.streamMaxBytes) &&
          take("cache-max-bytes", 0, 1LL << 40, config.cacheMaxBytes) &&
          take("trace-limit", 1, 100000000LL, config.traceLimit) &&
          take("checker-forget-after", 1, 30LL * 24 * 3600, forgetSeconds) &&
          take("max-live-orders", 0, 100000000LL, maxLiveOrders)))
        return false;
    config.checker.forgetAfterMs = forgetSeconds * 1000;
    return true;
}

} // namespace orderlab::app
