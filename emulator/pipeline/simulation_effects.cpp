#include "simulation_effects.h"

#include "cache_store.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace orderlab {

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

std::string compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString();
}

} // namespace

SimulationEffects::SimulationEffects(const std::string &path) : m_path(path)
{
    m_file = std::fopen(path.c_str(), "w");
    if (!m_file)
        m_error = "cannot write " + path + ": " + std::strerror(errno);
}

SimulationEffects::~SimulationEffects()
{
    if (m_file)
        std::fclose(m_file);
}

void SimulationEffects::line(const std::string &text)
{
    std::lock_guard lock(m_mutex);
    if (!m_file)
        return;
    if (std::fputs(text.c_str(), m_file) < 0 || std::fputc('\n', m_file) == EOF) {
        m_error = "cannot write " + m_path + ": " + std::strerror(errno);
        std::fclose(m_file);
        m_file = nullptr;
    }
}

EventBus::Subscription SimulationEffects::follow(EventBus &bus)
{
    return bus.subscribe([this](const Event &e) {
        const auto *call = e.as<HandlerCallEvent>();
        if (!call || call->op != "publish" || call->result != "ok")
            return;
        line(compact({{QStringLiteral("publish"), QJsonObject{{QStringLiteral("cache"), q(call->cache)},
                                                              {QStringLiteral("topic"), q(call->key)},
                                                              {QStringLiteral("value"), q(call->value)}}}}));
    });
}

void SimulationEffects::finish(const CacheStore &cache, const std::string &cacheName)
{
    auto keys = cache.keys(cacheName);
    std::sort(keys.begin(), keys.end(), [](const auto &a, const auto &b) { return a.key < b.key; });
    for (const auto &info : keys) {
        const auto got = cache.peek(cacheName, info.key);
        if (const auto *hit = std::get_if<momento::Hit>(&got))
            line(compact({{QStringLiteral("cache"), QJsonObject{{QStringLiteral("name"), q(cacheName)},
                                                                {QStringLiteral("key"), q(info.key)},
                                                                {QStringLiteral("value"), q(*hit->value)}}}}));
    }
    std::lock_guard lock(m_mutex);
    if (m_file && std::fclose(m_file) != 0 && m_error.empty())
        m_error = "cannot write " + m_path + ": " + std::strerror(errno);
    m_file = nullptr;
}

std::string SimulationEffects::error() const
{
    std::lock_guard lock(m_mutex);
    return m_error;
}

} // namespace orderlab
