#include "expectation_capture.h"

#include "expectation_check.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace orderlab::scenario {

namespace {
/// `e` checked as absent: passes when the thing is absent, else the actual value becomes what equals expects.
Expectation valueNow(Expectation e, World &world, const OutcomeRecorder &recorder)
{
    e.match = Expectation::Match::Absent;
    const ExpectationResult r = checkExpectation(e, world, recorder);
    if (!r.passed) {
        e.match = Expectation::Match::Equals;
        e.expected = r.actual;
    }
    return e;
}
} // namespace

Expectation cacheKeyNow(World &world, const OutcomeRecorder &recorder, const std::string &cache, const std::string &key)
{
    Expectation e;
    e.kind = Expectation::Kind::CacheKey;
    e.cache = cache;
    e.key = key;
    return valueNow(std::move(e), world, recorder);
}

Expectation tableItemNow(World &world, const OutcomeRecorder &recorder, const std::string &pk)
{
    Expectation e;
    e.kind = Expectation::Kind::TableItem;
    e.key = pk;
    return valueNow(std::move(e), world, recorder);
}

Expectation verdictNow(World &world, const OutcomeRecorder &recorder)
{
    Expectation e;
    e.kind = Expectation::Kind::Verdict;
    e.expected = QStringLiteral("in step");
    const ExpectationResult r = checkExpectation(e, world, recorder);
    e.expected = r.actual.toObject().value(QStringLiteral("verdict"));
    return e;
}

Expectation notificationsNow(World &world, const OutcomeRecorder &recorder, const std::string &subscriber)
{
    Expectation e;
    e.kind = Expectation::Kind::Notifications;
    e.subject = subscriber;
    e.exactly = true;
    e.expected = QJsonArray();
    e.expected = checkExpectation(e, world, recorder).actual;
    return e;
}

std::vector<Expectation> wholeCacheNow(World &world, const OutcomeRecorder &recorder)
{
    std::vector<Expectation> out;
    CacheStore &cache = world.pipeline().cache();
    auto names = cache.listCaches();
    std::sort(names.begin(), names.end());
    for (const auto &name : names) {
        std::vector<std::string> keys;
        for (const auto &k : cache.keys(name))
            keys.push_back(k.key);
        std::sort(keys.begin(), keys.end());
        for (const auto &key : keys) {
            Expectation e = cacheKeyNow(world, recorder, name, key);
            if (e.match != Expectation::Match::Absent) // an expired key not yet swept is not shown
                out.push_back(std::move(e));
        }
    }
    return out;
}

} // namespace orderlab::scenario
