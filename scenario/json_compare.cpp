#include "json_compare.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace orderlab::scenario {

QJsonValue jsonOrString(const std::string &text)
{
    QJsonParseError error{};
    // QJsonDocument takes only arrays and objects at the top: wrap, so that scalars parse too.
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + QByteArray::fromStdString(text) + "]", &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1)
        return QString::fromStdString(text);
    return doc.array().at(0);
}

std::string compactJson(const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2).toStdString();
}

std::string prettyJson(const QJsonValue &value)
{
    if (value.isObject() || value.isArray()) {
        QByteArray text = value.isObject() ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented)
                                           : QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented);
        while (text.endsWith('\n'))
            text.chop(1);
        return text.toStdString();
    }
    return compactJson(value);
}

bool containsJson(const QJsonValue &value, const QJsonValue &subset)
{
    if (subset.isObject()) {
        if (!value.isObject())
            return false;
        const QJsonObject v = value.toObject(), s = subset.toObject();
        for (auto it = s.begin(); it != s.end(); ++it)
            if (!v.contains(it.key()) || !containsJson(v.value(it.key()), it.value()))
                return false;
        return true;
    }
    if (subset.isArray()) {
        if (!value.isArray())
            return false;
        const QJsonArray v = value.toArray(), s = subset.toArray();
        qsizetype at = 0;
        for (const auto &want : s) {
            while (at < v.size() && !containsJson(v.at(at), want))
                ++at;
            if (at == v.size())
                return false;
            ++at;
        }
        return true;
    }
    return value == subset;
}

namespace {
void differ(const QJsonValue &e, const QJsonValue &a, bool subsetOnly, const std::string &path,
            std::vector<std::string> &out, std::size_t limit)
{
    if (out.size() >= limit)
        return;
    if (e.isObject() && a.isObject()) {
        const QJsonObject eo = e.toObject(), ao = a.toObject();
        for (auto it = eo.begin(); it != eo.end(); ++it) {
            const std::string p = path + "." + it.key().toStdString();
            if (!ao.contains(it.key()))
                out.push_back(p + " (missing)");
            else
                differ(it.value(), ao.value(it.key()), subsetOnly, p, out, limit);
        }
        if (!subsetOnly)
            for (auto it = ao.begin(); it != ao.end(); ++it)
                if (!eo.contains(it.key()) && out.size() < limit)
                    out.push_back(path + "." + it.key().toStdString() + " (unexpected)");
        return;
    }
    if (e.isArray() && a.isArray()) {
        const QJsonArray ea = e.toArray(), aa = a.toArray();
        const qsizetype n = std::max(ea.size(), aa.size());
        for (qsizetype i = 0; i < n; ++i) {
            const std::string p = path + "[" + std::to_string(i) + "]";
            if (i >= ea.size()) {
                if (!subsetOnly && out.size() < limit)
                    out.push_back(p + " (unexpected)");
            } else if (i >= aa.size()) {
                if (out.size() < limit)
                    out.push_back(p + " (missing)");
            } else {
                differ(ea.at(i), aa.at(i), subsetOnly, p, out, limit);
            }
        }
        return;
    }
    if (e != a)
        out.push_back(path);
}

bool isNameChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}
} // namespace

std::vector<std::string> differingPaths(const QJsonValue &expected, const QJsonValue &actual, bool subsetOnly,
                                        std::size_t limit)
{
    std::vector<std::string> out;
    differ(expected, actual, subsetOnly, "$", out, limit);
    return out;
}

std::optional<QJsonValue> jsonAtPath(const QJsonValue &value, const std::string &path, std::string *error)
{
    auto bad = [&](const std::string &why) -> std::optional<QJsonValue> {
        if (error)
            *error = "bad path '" + path + "': " + why;
        return std::nullopt;
    };
    std::size_t i = 0;
    if (!path.empty() && path[0] == '$')
        ++i;
    QJsonValue at = value;
    bool missing = false;
    bool first = true;
    while (i < path.size()) {
        std::string name;
        bool isIndex = false;
        qsizetype index = 0;
        if (path[i] == '.' || (first && isNameChar(path[i]))) {
            if (path[i] == '.')
                ++i;
            const std::size_t start = i;
            while (i < path.size() && isNameChar(path[i]))
                ++i;
            if (i == start)
                return bad("a name must follow '.'");
            name = path.substr(start, i - start);
        } else if (path[i] == '[') {
            ++i;
            if (i < path.size() && path[i] == '"') {
                const std::size_t close = path.find('"', i + 1);
                if (close == std::string::npos || close + 1 >= path.size() || path[close + 1] != ']')
                    return bad("a quoted name must end with \"]");
                name = path.substr(i + 1, close - i - 1);
                i = close + 2;
            } else {
                const std::size_t close = path.find(']', i);
                if (close == std::string::npos || close == i)
                    return bad("'[' needs an index and ']'");
                for (std::size_t k = i; k < close; ++k)
                    if (!std::isdigit(static_cast<unsigned char>(path[k])))
                        return bad("an index is a whole number");
                if (close - i > 9)
                    return bad("index too large");
                isIndex = true;
                index = std::stoll(path.substr(i, close - i));
                i = close + 1;
            }
        } else {
            return bad(std::string("unexpected '") + path[i] + "'");
        }
        first = false;
        if (missing)
            continue;
        if (isIndex) {
            if (!at.isArray() || index >= at.toArray().size())
                missing = true;
            else
                at = at.toArray().at(index);
        } else {
            const QString key = QString::fromStdString(name);
            if (!at.isObject() || !at.toObject().contains(key))
                missing = true;
            else
                at = at.toObject().value(key);
        }
    }
    if (missing)
        return std::nullopt;
    return at;
}

} // namespace orderlab::scenario
