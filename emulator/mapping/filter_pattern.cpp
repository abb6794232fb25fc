#include "filter_pattern.h"

#include "js/json.h"
#include "js/numbers.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

// Behaviour follows AWS's event-ruler (the library behind EventBridge and Lambda event
// filtering) where the Lambda and EventBridge guides are silent. Choices worth knowing:
//  - `{}` (and any empty object inside a pattern) and an empty match list `[]` are rejected,
//    as event-ruler rejects them ("Empty objects are not allowed", "Empty arrays are not allowed").
//  - A key given twice in one object is not "last one wins" as in JSON.parse: the Lambda guide's
//    own AND example repeats "dynamodb". Two objects under one key are merged; two match lists
//    for one path keep the later one, as event-ruler does.
//  - `exists` looks at leaf values only: `true` matches a present leaf value, null included
//    (AWS matches `{"a": null}`); `false` matches when there is none: the key is absent, or
//    holds an object, or an array without leaf values (the guides' "leaf nodes only" note).
//  - Exact numbers compare by value (event-ruler adds a numeric-equality matcher next to the
//    text match), so 300 matches 300.0. The Lambda guide still says they compare as text; the
//    record here is already parsed, and orderlab writes its numbers as integers anyway.
//  - `numeric` and number-valued `anything-but` take operands within ±5e9 only (event-ruler's
//    ComparableNumber range); a record number outside that range never matches `numeric`.
//    Comparisons are exact doubles, not event-ruler's six decimal places.
//  - `anything-but` needs a present leaf value; any value that is not one of those listed
//    matches (a number or null passes `{"anything-but": "x"}`).

namespace orderlab {

struct FilterPattern::Node
{
    struct Condition
    {
        enum class Kind {
            String,
            Number,
            Boolean,
            Null,
            Prefix,
            AnythingButStrings,
            AnythingButNumbers,
            AnythingButPrefix,
            Exists,
            Numeric,
        };
        Kind kind = Kind::Null;
        std::string text;                                      ///< String, Prefix, AnythingButPrefix
        double number = 0;                                     ///< Number
        bool flag = false;                                     ///< Boolean, Exists
        std::vector<std::string> strings;                      ///< AnythingButStrings
        std::vector<double> numbers;                           ///< AnythingButNumbers
        double low = -std::numeric_limits<double>::infinity(); ///< Numeric
        double high = std::numeric_limits<double>::infinity();
        bool lowInclusive = false;
        bool highInclusive = false;

        /// Whether one leaf value (not an object, not an array) satisfies the condition. Not for Exists.
        bool matches(const js::Value &leaf) const;
    };

    struct Field
    {
        std::string key;
        std::unique_ptr<Node> object;      ///< descend into the record's value at `key`
        std::vector<Condition> conditions; ///< the match list at `key` (never empty once parsed)
    };

    std::vector<Field> fields;

    Field &field(const std::string &key)
    {
        for (auto &f : fields)
            if (f.key == key)
                return f;
        fields.push_back(Field{key, nullptr, {}});
        return fields.back();
    }

    /// Adds `other`'s fields: objects under one key merge, a later match list replaces an earlier one.
    void merge(Node &&other)
    {
        for (auto &f : other.fields) {
            if (f.object)
                addObject(f.key, std::move(f.object));
            if (!f.conditions.empty())
                field(f.key).conditions = std::move(f.conditions);
        }
    }

    void addObject(const std::string &key, std::unique_ptr<Node> child)
    {
        Field &f = field(key);
        if (f.object)
            f.object->merge(std::move(*child));
        else
            f.object = std::move(child);
    }
};

using Node = FilterPattern::Node;
using Condition = FilterPattern::Node::Condition;

namespace {

constexpr double kNumericLimit = 5.0e9;
constexpr std::size_t kMaxPatternChars = 4096; // Lambda's Filter.Pattern length limit

bool startsWith(const std::string &s, const std::string &prefix)
{
    return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

} // namespace

bool Condition::matches(const js::Value &leaf) const
{
    switch (kind) {
    case Kind::String:
        return leaf.isString() && leaf.asString() == text;
    case Kind::Number:
        return leaf.isNumber() && leaf.asNumber() == number;
    case Kind::Boolean:
        return leaf.isBoolean() && leaf.asBoolean() == flag;
    case Kind::Null:
        return leaf.isNull();
    case Kind::Prefix:
        return leaf.isString() && startsWith(leaf.asString(), text);
    case Kind::AnythingButStrings:
        return !leaf.isString() || std::find(strings.begin(), strings.end(), leaf.asString()) == strings.end();
    case Kind::AnythingButNumbers:
        return !leaf.isNumber() || std::find(numbers.begin(), numbers.end(), leaf.asNumber()) == numbers.end();
    case Kind::AnythingButPrefix:
        return !leaf.isString() || !startsWith(leaf.asString(), text);
    case Kind::Exists:
        return false;
    case Kind::Numeric: {
        if (!leaf.isNumber())
            return false;
        const double x = leaf.asNumber();
        if (!(x >= -kNumericLimit && x <= kNumericLimit))
            return false;
        const bool aboveLow = lowInclusive ? x >= low : x > low;
        const bool belowHigh = highInclusive ? x <= high : x < high;
        return aboveLow && belowHigh;
    }
    }
    return false;
}

namespace {

std::string typeName(const js::Value &v)
{
    switch (v.type()) {
    case js::Value::Type::String:
        return "a string";
    case js::Value::Type::Number:
        return "a number";
    case js::Value::Type::Boolean:
        return "a boolean";
    case js::Value::Type::Null:
        return "null";
    case js::Value::Type::Array:
        return "an array";
    case js::Value::Type::Object:
        return "an object";
    default:
        return "an unexpected value";
    }
}

std::string quoted(std::string_view s)
{
    std::string out;
    js::appendQuoted(out, s);
    return out;
}

bool isUnsupportedAwsOperator(std::string_view op)
{
    return op == "suffix" || op == "equals-ignore-case" || op == "wildcard" || op == "cidr";
}

/**
 * Builds the pattern tree from a text that js::checkJson has accepted. The structure is walked
 * here so that repeated keys are seen (JSON.parse keeps only the last); every scalar and match
 * list is decoded by js::parseJson.
 */
class PatternReader
{
  public:
    explicit PatternReader(std::string_view text) : m_s(text) {}

    std::unique_ptr<Node> readDocument()
    {
        skipSpace();
        if (m_s[m_pos] != '{') {
            const js::Value v = js::parseJson(m_s);
            fail({}, "a pattern must be a JSON object, found " + typeName(v));
        }
        return readObject({});
    }

  private:
    [[noreturn]] static void fail(const std::string &path, const std::string &what)
    {
        throw std::invalid_argument("filter pattern: " + (path.empty() ? what : path + ": " + what));
    }

    void skipSpace()
    {
        while (m_pos < m_s.size() &&
               (m_s[m_pos] == ' ' || m_s[m_pos] == '\t' || m_s[m_pos] == '\n' || m_s[m_pos] == '\r'))
            ++m_pos;
    }

    /// Skips one (valid) JSON value and returns its text.
    std::string_view skipValue()
    {
        const std::size_t start = m_pos;
        int depth = 0;
        do {
            const char c = m_s[m_pos];
            if (c == '"') {
                ++m_pos;
                while (m_s[m_pos] != '"')
                    m_pos += m_s[m_pos] == '\\' ? 2 : 1;
                ++m_pos;
            } else if (c == '{' || c == '[') {
                ++depth;
                ++m_pos;
            } else if (c == '}' || c == ']') {
                --depth;
                ++m_pos;
            } else if (depth == 0) {
                while (m_pos < m_s.size() && std::string_view(",}] \t\n\r").find(m_s[m_pos]) == std::string_view::npos)
                    ++m_pos;
            } else {
                ++m_pos;
            }
        } while (depth > 0);
        return m_s.substr(start, m_pos - start);
    }

    std::unique_ptr<Node> readObject(const std::string &path)
    {
        auto node = std::make_unique<Node>();
        ++m_pos; // '{'
        skipSpace();
        if (m_s[m_pos] == '}')
            fail(path,
                 path.empty() ? "the pattern is an empty object; Lambda rejects {}" : "an empty object is not allowed");
        while (true) {
            skipSpace();
            const std::string key = js::parseJson(skipValue()).asString();
            const std::string keyPath = path.empty() ? key : path + "." + key;
            if (key == "$or")
                fail(keyPath, "$or is not supported by orderlab; use one filter per alternative");
            skipSpace();
            ++m_pos; // ':'
            skipSpace();
            if (m_s[m_pos] == '{') {
                node->addObject(key, readObject(keyPath));
            } else {
                const js::Value list = js::parseJson(skipValue());
                if (!list.isArray())
                    fail(keyPath, "a match list must be a JSON array, found " + typeName(list));
                node->field(key).conditions = readMatchList(keyPath, list.asArray()->items);
            }
            skipSpace();
            if (m_s[m_pos++] == '}')
                return node;
        }
    }

    static std::vector<Condition> readMatchList(const std::string &path, const std::vector<js::Value> &items)
    {
        if (items.empty())
            fail(path, "an empty match list [] is not allowed (it would match nothing)");
        std::vector<Condition> out;
        out.reserve(items.size());
        for (const js::Value &item : items) {
            Condition c;
            switch (item.type()) {
            case js::Value::Type::String:
                c.kind = Condition::Kind::String;
                c.text = item.asString();
                break;
            case js::Value::Type::Number:
                c.kind = Condition::Kind::Number;
                c.number = finite(path, item.asNumber());
                break;
            case js::Value::Type::Boolean:
                c.kind = Condition::Kind::Boolean;
                c.flag = item.asBoolean();
                break;
            case js::Value::Type::Null:
                c.kind = Condition::Kind::Null;
                break;
            case js::Value::Type::Object:
                c = readCondition(path, *item.asObject());
                break;
            default:
                fail(path, "a match value must be a string, a number, a boolean, null or a condition object, found " +
                               typeName(item));
            }
            out.push_back(std::move(c));
        }
        return out;
    }

    static double finite(const std::string &path, double d)
    {
        if (!std::isfinite(d))
            fail(path, "a number is out of range");
        return d;
    }

    static double comparable(const std::string &path, const std::string &what, double d)
    {
        if (!(d >= -kNumericLimit && d <= kNumericLimit))
            fail(path, what + ": " + js::numberToString(d) + " is outside -5e9..5e9, the range EventBridge compares");
        return d;
    }

    static Condition readCondition(const std::string &path, const js::Object &obj)
    {
        if (obj.size() != 1)
            fail(path, "a condition object must have exactly one key, found " + std::to_string(obj.size()));
        std::string op;
        js::Value arg;
        obj.forEach([&](std::string_view k, const js::Value &v) {
            op = std::string(k);
            arg = v;
        });

        Condition c;
        if (op == "prefix") {
            if (!arg.isString())
                fail(path, "prefix: must be a string, found " + typeName(arg));
            c.kind = Condition::Kind::Prefix;
            c.text = arg.asString();
        } else if (op == "anything-but") {
            c = readAnythingBut(path, arg);
        } else if (op == "exists") {
            if (!arg.isBoolean())
                fail(path, "exists: must be true or false, found " + typeName(arg));
            c.kind = Condition::Kind::Exists;
            c.flag = arg.asBoolean();
        } else if (op == "numeric") {
            c = readNumeric(path, arg);
        } else if (isUnsupportedAwsOperator(op)) {
            fail(path, quoted(op) + " is not supported by orderlab (supported: exact values, prefix, anything-but, "
                                    "exists, numeric)");
        } else {
            fail(path, "unknown match condition " + quoted(op) +
                           " (supported: exact values, prefix, anything-but, exists, numeric)");
        }
        return c;
    }

    static Condition readAnythingBut(const std::string &path, const js::Value &arg)
    {
        Condition c;
        if (arg.isString()) {
            c.kind = Condition::Kind::AnythingButStrings;
            c.strings.push_back(arg.asString());
        } else if (arg.isNumber()) {
            c.kind = Condition::Kind::AnythingButNumbers;
            c.numbers.push_back(comparable(path, "anything-but", arg.asNumber()));
        } else if (arg.isArray()) {
            const auto &items = arg.asArray()->items;
            const bool allStrings =
                std::all_of(items.begin(), items.end(), [](const js::Value &v) { return v.isString(); });
            const bool allNumbers =
                std::all_of(items.begin(), items.end(), [](const js::Value &v) { return v.isNumber(); });
            if (items.empty() || (!allStrings && !allNumbers))
                fail(path, "anything-but: a list must hold only strings or only numbers, and at least one");
            c.kind = allStrings ? Condition::Kind::AnythingButStrings : Condition::Kind::AnythingButNumbers;
            for (const js::Value &v : items) {
                if (allStrings)
                    c.strings.push_back(v.asString());
                else
                    c.numbers.push_back(comparable(path, "anything-but", v.asNumber()));
            }
        } else if (arg.isObject()) {
            const js::Object &inner = *arg.asObject();
            const js::Value *prefix = inner.find("prefix");
            if (inner.size() == 1 && prefix) {
                if (!prefix->isString())
                    fail(path, "anything-but: prefix must be a string, found " + typeName(*prefix));
                if (prefix->asString().empty())
                    fail(path, "anything-but: prefix must not be empty");
                c.kind = Condition::Kind::AnythingButPrefix;
                c.text = prefix->asString();
            } else {
                std::string op;
                inner.forEach([&](std::string_view k, const js::Value &) {
                    if (op.empty())
                        op = std::string(k);
                });
                if (inner.size() == 1 && isUnsupportedAwsOperator(op))
                    fail(path, "anything-but: " + quoted(op) + " is not supported by orderlab (only prefix)");
                fail(path, "anything-but: an object must be {\"prefix\": \"...\"}");
            }
        } else {
            fail(path, "anything-but: must be a string, a number, a list of either, or {\"prefix\": ...}, found " +
                           typeName(arg));
        }
        return c;
    }

    static Condition readNumeric(const std::string &path, const js::Value &arg)
    {
        static constexpr const char *kShape = " (the form is [op, n] or [\">\" or \">=\", low, \"<\" or \"<=\", high])";
        if (!arg.isArray())
            fail(path, std::string("numeric: must be an array, found ") + typeName(arg) + kShape);
        const auto &items = arg.asArray()->items;
        if (items.size() != 2 && items.size() != 4)
            fail(path, "numeric: expected 2 or 4 elements, found " + std::to_string(items.size()) + kShape);

        Condition c;
        c.kind = Condition::Kind::Numeric;
        auto operand = [&](std::size_t i, const std::string &opText) {
            if (!items[i].isNumber())
                fail(path,
                     "numeric: the value after " + quoted(opText) + " must be a number, found " + typeName(items[i]));
            return comparable(path, "numeric", items[i].asNumber());
        };
        if (!items[0].isString())
            fail(path, "numeric: expected an operator first, found " + typeName(items[0]) + kShape);
        const std::string &op = items[0].asString();
        if (op != "=" && op != "<" && op != "<=" && op != ">" && op != ">=")
            fail(path, "numeric: unknown operator " + quoted(op) + " (use =, <, <=, >, >=)");
        const double value = operand(1, op);
        if (op == "=") {
            c.low = c.high = value;
            c.lowInclusive = c.highInclusive = true;
        } else if (op == "<" || op == "<=") {
            c.high = value;
            c.highInclusive = op == "<=";
        } else {
            c.low = value;
            c.lowInclusive = op == ">=";
        }
        if (items.size() == 2)
            return c;

        if (op != ">" && op != ">=")
            fail(path, "numeric: a range starts with its lower bound (\">\" or \">=\"), found " + quoted(op) + kShape);
        if (!items[2].isString())
            fail(path, "numeric: expected an operator after the lower bound, found " + typeName(items[2]));
        const std::string &op2 = items[2].asString();
        if (op2 != "<" && op2 != "<=")
            fail(path, "numeric: the upper bound's operator must be \"<\" or \"<=\", found " + quoted(op2));
        c.high = operand(3, op2);
        c.highInclusive = op2 == "<=";
        if (!(c.low < c.high))
            fail(path, "numeric: the lower bound must be less than the upper bound");
        return c;
    }

    std::string_view m_s;
    std::size_t m_pos = 0;
};

/// The leaf values at one record position: arrays are flattened, objects are not leaves.
void collectLeaves(const js::Value *v, std::vector<const js::Value *> &out)
{
    if (!v)
        return;
    switch (v->type()) {
    case js::Value::Type::Array:
        for (const js::Value &item : v->asArray()->items)
            collectLeaves(&item, out);
        break;
    case js::Value::Type::Undefined:
    case js::Value::Type::Object:
    case js::Value::Type::Set:
        break;
    default:
        out.push_back(v);
    }
}

bool matchList(const std::vector<Condition> &conditions, const js::Value *value)
{
    std::vector<const js::Value *> leaves;
    collectLeaves(value, leaves);
    for (const Condition &c : conditions) {
        if (c.kind == Condition::Kind::Exists) {
            if (c.flag == !leaves.empty())
                return true;
            continue;
        }
        for (const js::Value *leaf : leaves)
            if (c.matches(*leaf))
                return true;
    }
    return false;
}

/// `value` is the record's value at the node's path, or null where the record has none.
bool matchNode(const Node &node, const js::Value *value)
{
    if (value && value->isArray()) {
        // Each element in turn, so that one pattern object's keys all match within one element.
        const auto &items = value->asArray()->items;
        if (items.empty())
            return matchNode(node, nullptr);
        return std::any_of(items.begin(), items.end(), [&](const js::Value &item) { return matchNode(node, &item); });
    }
    const js::Object *obj = value && value->isObject() ? value->asObject().get() : nullptr;
    for (const Node::Field &f : node.fields) {
        const js::Value *child = obj ? obj->find(f.key) : nullptr;
        if (f.object && !matchNode(*f.object, child))
            return false;
        if (!f.conditions.empty() && !matchList(f.conditions, child))
            return false;
    }
    return true;
}

std::size_t countCharacters(std::string_view s)
{
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

} // namespace

FilterPattern::FilterPattern(std::string text, std::shared_ptr<const Node> root)
    : m_text(std::move(text)), m_root(std::move(root))
{
}

FilterPattern FilterPattern::parse(std::string_view patternJson)
{
    if (const std::size_t n = countCharacters(patternJson); n > kMaxPatternChars)
        throw std::invalid_argument("filter pattern: " + std::to_string(n) + " characters, more than Lambda's " +
                                    std::to_string(kMaxPatternChars));
    try {
        js::checkJson(patternJson);
    } catch (const js::JsonParseError &e) {
        throw std::invalid_argument(std::string("filter pattern: not valid JSON: ") + e.what());
    }
    std::shared_ptr<const Node> root = PatternReader(patternJson).readDocument();
    return FilterPattern(std::string(patternJson), std::move(root));
}

bool FilterPattern::matches(const js::Value &record) const
{
    return matchNode(*m_root, &record);
}

bool passesFilters(const std::vector<FilterPattern> &filters, const js::Value &record)
{
    return filters.empty() ||
           std::any_of(filters.begin(), filters.end(), [&](const FilterPattern &f) { return f.matches(record); });
}

} // namespace orderlab
