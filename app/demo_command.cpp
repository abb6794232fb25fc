#include "command.h"

#include "js/json.h"
#include "replay/replay.h"

#include <QFile>

#include <cstdio>

namespace orderlab::app {

int runDemo(const QStringList &)
{
    QFile sample(QStringLiteral(":/orderlab/sample-events.jsonl"));
    if (!sample.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "orderlab: the built-in sample events are missing\n");
        return Failed;
    }
    const QByteArray bytes = sample.readAll();
    const std::string out = replayEvents(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    const js::Value result = js::parseJson(out);
    const auto &cache = *result.asObject()->find("cache")->asObject();
    const auto &published = result.asObject()->find("published")->asArray()->items;
    const auto &failures = result.asObject()->find("failures")->asArray()->items;

    QByteArray text = "orderlab demo: the built-in sample events (" + QByteArray::number(bytes.count('\n')) +
                      " events) replayed through the order stream handler\n\n";
    text += "published (" + QByteArray::number(static_cast<qsizetype>(published.size())) + "):\n";
    for (const auto &p : published) {
        const auto &o = *p.asObject();
        text += "  " + QByteArray::fromStdString(o.find("topic")->asString()).leftJustified(28) + " " +
                QByteArray::fromStdString(o.find("value")->asString()) + "\n";
    }
    text += "\ncache 'pizza' (" + QByteArray::number(static_cast<qsizetype>(cache.size())) + " keys):\n";
    cache.forEach([&](std::string_view key, const js::Value &value) {
        QByteArray v = QByteArray::fromStdString(value.asString());
        if (v.size() > 96)
            v = v.left(93) + "...";
        text += "  " + QByteArray(key.data(), static_cast<qsizetype>(key.size())).leftJustified(28) + " " + v + "\n";
    });
    text += "\nfailures: " + QByteArray::number(static_cast<qsizetype>(failures.size())) + "\n";
    text += "\nNext: `orderlab replay FILE` runs your own events; `orderlab generate --help` makes some.\n";
    return writeStdout(text) ? Ok : Failed;
}

} // namespace orderlab::app
