// Shared fixtures of the expression tests: the item they read, the placeholders they use, and
// helpers that turn a parse or an evaluation into one comparable string (the result or the message).
#pragma once

#ifndef Q_MOC_RUN
#include "dynamodb/attribute_value.h"
#include "dynamodb/expr/expression_context.h"
#endif

#include <functional>
#include <string>

namespace expression_test {

using namespace orderlab::dynamodb;
using namespace orderlab::dynamodb::expr;

/// The message of the ValidationError `f` throws, or what `f` returns when it throws nothing.
inline std::string resultOf(const std::function<std::string()> &f)
{
    try {
        return f();
    } catch (const ValidationError &e) {
        return e.message();
    }
}

inline AttributeValue N(const char *text)
{
    return AttributeValue::number(text);
}

inline AttributeValue S(const char *text)
{
    return AttributeValue::string(text);
}

/// Placeholders every test may use; each test parses with a fresh context.
inline ExpressionContext::Values testValues()
{
    return {
        {":n4", N("4")},
        {":n5", N("5")},
        {":n6", N("6")},
        {":one", N("1")},
        {":two", N("2")},
        {":three", N("3")},
        {":zero", N("0")},
        {":p125", N("12.50")},
        {":big2", N("12345678901234567890123456789012345679")},
        {":d38", N("99999999999999999999999999999999999998")},
        {":tenth", N("0.1")},
        {":huge", N("9E+125")},
        {":s", S("hello")},
        {":he", S("he")},
        {":x", S("x")},
        {":a", S("a")},
        {":v", S("v")},
        {":d", S("d")},
        {":dot", S("dot")},
        {":bad", S("X")},
        {":tN", S("N")},
        {":tS", S("S")},
        {":tSS", S("SS")},
        {":b", AttributeValue::binary(std::string("\x01\x02", 2))},
        {":true", AttributeValue::boolean(true)},
        {":null", AttributeValue::null()},
        {":list", AttributeValue::list({S("z")})},
        {":ssa", AttributeValue::stringSet({"a"})},
        {":ssab", AttributeValue::stringSet({"a", "b"})},
        {":ssq", AttributeValue::stringSet({"a", "q"})},
        {":ns23", AttributeValue::numberSet({"2", "3"})},
    };
}

inline ExpressionContext::Names testNames()
{
    return {{"#name", "name"}, {"#dot", "dotted.name"}, {"#m", "m"}, {"#l", "l"}};
}

/// The item the condition and projection tests read.
inline AttributeMap conditionItem()
{
    return parseItemJson(R"({
        "id": {"S": "o-1"},
        "n": {"N": "5"},
        "price": {"N": "12.5"},
        "big": {"N": "12345678901234567890123456789012345678"},
        "neg": {"N": "-0.5"},
        "s": {"S": "hello"},
        "b": {"B": "AQID"},
        "t": {"BOOL": true},
        "z": {"NULL": true},
        "l": {"L": [{"N": "1"}, {"S": "x"}, {"M": {"k": {"S": "v"}}}]},
        "m": {"M": {"a": {"N": "1"}, "inside": {"M": {"deep": {"S": "d"}}}}},
        "ss": {"SS": ["a", "b"]},
        "ns": {"NS": ["1", "2"]},
        "name": {"S": "reserved"},
        "dotted.name": {"S": "dot"}
    })");
}

} // namespace expression_test
