#include "json_text.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QList>

#include <memory>
#include <utility>

namespace orderlab::json_text {

namespace {

QString indent(int level)
{
    return QString(level * 2, QLatin1Char(' '));
}

/// A JSON value kept as text: scalars as written, objects with their keys in order.
struct Node
{
    enum class Kind { Scalar, String, Array, Object };
    Kind kind = Kind::Scalar;
    QString text; ///< scalars: as written; strings: the quoted literal
    QList<std::pair<QString, Node>> members;
    QList<Node> elements;
};

class Parser
{
  public:
    explicit Parser(const QString &text) : m_text(text) {}

    bool parse(Node &out)
    {
        if (!value(out))
            return false;
        skipSpace();
        return m_pos == m_text.size();
    }

  private:
    void skipSpace()
    {
        while (m_pos < m_text.size() && m_text.at(m_pos).isSpace())
            ++m_pos;
    }

    bool stringLiteral(QString &out)
    {
        const qsizetype start = m_pos++;
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos++);
            if (c == QLatin1Char('\\'))
                ++m_pos;
            else if (c == QLatin1Char('"')) {
                out = m_text.mid(start, m_pos - start);
                return true;
            }
        }
        return false;
    }

    bool value(Node &out)
    {
        skipSpace();
        if (m_pos >= m_text.size())
            return false;
        const QChar c = m_text.at(m_pos);
        if (c == QLatin1Char('"')) {
            out.kind = Node::Kind::String;
            return stringLiteral(out.text);
        }
        if (c == QLatin1Char('[')) {
            out.kind = Node::Kind::Array;
            ++m_pos;
            skipSpace();
            if (m_pos < m_text.size() && m_text.at(m_pos) == QLatin1Char(']')) {
                ++m_pos;
                return true;
            }
            for (;;) {
                Node element;
                if (!value(element))
                    return false;
                out.elements << std::move(element);
                skipSpace();
                if (m_pos >= m_text.size())
                    return false;
                const QChar sep = m_text.at(m_pos++);
                if (sep == QLatin1Char(']'))
                    return true;
                if (sep != QLatin1Char(','))
                    return false;
            }
        }
        if (c == QLatin1Char('{')) {
            out.kind = Node::Kind::Object;
            ++m_pos;
            skipSpace();
            if (m_pos < m_text.size() && m_text.at(m_pos) == QLatin1Char('}')) {
                ++m_pos;
                return true;
            }
            for (;;) {
                skipSpace();
                QString key;
                if (m_pos >= m_text.size() || m_text.at(m_pos) != QLatin1Char('"') || !stringLiteral(key))
                    return false;
                skipSpace();
                if (m_pos >= m_text.size() || m_text.at(m_pos++) != QLatin1Char(':'))
                    return false;
                Node member;
                if (!value(member))
                    return false;
                out.members.append({key, std::move(member)});
                skipSpace();
                if (m_pos >= m_text.size())
                    return false;
                const QChar sep = m_text.at(m_pos++);
                if (sep == QLatin1Char('}'))
                    return true;
                if (sep != QLatin1Char(','))
                    return false;
            }
        }
        const qsizetype start = m_pos;
        while (m_pos < m_text.size() && !m_text.at(m_pos).isSpace() && m_text.at(m_pos) != QLatin1Char(',') &&
               m_text.at(m_pos) != QLatin1Char(']') && m_text.at(m_pos) != QLatin1Char('}'))
            ++m_pos;
        out.kind = Node::Kind::Scalar;
        out.text = m_text.mid(start, m_pos - start);
        return !out.text.isEmpty();
    }

    const QString &m_text;
    qsizetype m_pos = 0;
};

const Node *member(const Node &object, QLatin1String name)
{
    const QString quoted = QLatin1Char('"') + name + QLatin1Char('"');
    for (const auto &[key, value] : object.members)
        if (key == quoted)
            return &value;
    return nullptr;
}

/// AttributeValue node to plain JSON text.
bool plain(const Node &attribute, QString &out)
{
    if (attribute.kind != Node::Kind::Object || attribute.members.size() != 1)
        return false;
    const auto &[type, v] = attribute.members.first();
    if (type == QLatin1String("\"S\"") && v.kind == Node::Kind::String) {
        out += v.text;
    } else if (type == QLatin1String("\"N\"") && v.kind == Node::Kind::String) {
        out += v.text.mid(1, v.text.size() - 2);
    } else if (type == QLatin1String("\"BOOL\"") || type == QLatin1String("\"NULL\"")) {
        out += type == QLatin1String("\"NULL\"") ? QStringLiteral("null") : v.text;
    } else if (type == QLatin1String("\"L\"") && v.kind == Node::Kind::Array) {
        out += QLatin1Char('[');
        for (qsizetype i = 0; i < v.elements.size(); ++i) {
            if (i)
                out += QLatin1Char(',');
            if (!plain(v.elements.at(i), out))
                return false;
        }
        out += QLatin1Char(']');
    } else if (type == QLatin1String("\"M\"") && v.kind == Node::Kind::Object) {
        out += QLatin1Char('{');
        bool first = true;
        for (const auto &[key, value] : v.members) {
            if (!first)
                out += QLatin1Char(',');
            first = false;
            out += key + QLatin1Char(':');
            if (!plain(value, out))
                return false;
        }
        out += QLatin1Char('}');
    } else if ((type == QLatin1String("\"SS\"") || type == QLatin1String("\"NS\"") ||
                type == QLatin1String("\"BS\"")) &&
               v.kind == Node::Kind::Array) {
        out += QLatin1Char('[');
        for (qsizetype i = 0; i < v.elements.size(); ++i) {
            if (i)
                out += QLatin1Char(',');
            const QString &t = v.elements.at(i).text;
            out += type == QLatin1String("\"NS\"") ? t.mid(1, t.size() - 2) : t;
        }
        out += QLatin1Char(']');
    } else if (type == QLatin1String("\"B\"") && v.kind == Node::Kind::String) {
        out += v.text;
    } else {
        return false;
    }
    return true;
}

} // namespace

QString pretty(const QString &json)
{
    QString out;
    out.reserve(json.size() * 2);
    int level = 0;
    bool inString = false;
    bool escaped = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const QChar c = json.at(i);
        if (inString) {
            out += c;
            if (escaped)
                escaped = false;
            else if (c == QLatin1Char('\\'))
                escaped = true;
            else if (c == QLatin1Char('"'))
                inString = false;
            continue;
        }
        if (c.isSpace())
            continue;
        switch (c.unicode()) {
        case '"':
            inString = true;
            out += c;
            break;
        case '{':
        case '[': {
            // Keep empty containers on one line.
            qsizetype j = i + 1;
            while (j < json.size() && json.at(j).isSpace())
                ++j;
            if (j < json.size() && (json.at(j) == QLatin1Char('}') || json.at(j) == QLatin1Char(']'))) {
                out += c;
                out += json.at(j);
                i = j;
                break;
            }
            out += c + QLatin1Char('\n') + indent(++level);
            break;
        }
        case '}':
        case ']':
            level = qMax(0, level - 1);
            out += QLatin1Char('\n') + indent(level) + c;
            break;
        case ',':
            out += QStringLiteral(",\n") + indent(level);
            break;
        case ':':
            out += QStringLiteral(": ");
            break;
        default:
            out += c;
        }
    }
    return inString || level != 0 ? json : out;
}

QString preview(const QString &json, int maxChars)
{
    QString line = json.simplified();
    if (line.size() > maxChars)
        line = line.left(maxChars - 1) + QChar(0x2026);
    return line;
}

QString plainItems(const QString &itemJson)
{
    Node root;
    if (!Parser(itemJson).parse(root) || root.kind != Node::Kind::Object)
        return {};
    const Node *items = member(root, QLatin1String("items"));
    QString out;
    if (!items || !plain(*items, out))
        return {};
    return out;
}

QString syntaxError(const QString &json)
{
    QJsonParseError error{};
    const QByteArray utf8 = json.toUtf8();
    QJsonDocument::fromJson(utf8, &error);
    if (error.error == QJsonParseError::NoError)
        return {};
    // QJsonParseError::offset is a byte offset; turn it into line and column.
    const QByteArray before = utf8.left(error.offset);
    const int line = static_cast<int>(before.count('\n')) + 1;
    const int column = static_cast<int>(before.size() - (before.lastIndexOf('\n') + 1)) + 1;
    return QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(error.errorString());
}

} // namespace orderlab::json_text
