// DynamoDB condition and filter expressions (docs/dynamodb-expressions.md): every operator and function,
// precedence, paths into lists and maps, DynamoDB's error texts, placeholders used and unused, exact
// number comparison and arithmetic, the reserved words and the order of key values.
#ifndef Q_MOC_RUN
#include "dynamodb/expr/condition.h"
#include "dynamodb/expr/decimal.h"
#include "dynamodb/expr/key_order.h"
#include "dynamodb/expr/reserved_words.h"
#include "dynamodb/expr/update.h"
#include "expression_test_support.h"
#include "js/json.h"
#endif

#include <QtTest>

using namespace expression_test;

namespace {

std::string conditionResult(const std::string &text, const AttributeMap *item,
                            ExpressionKind kind = ExpressionKind::Condition)
{
    return resultOf([&] {
        ExpressionContext context(testNames(), testValues());
        const Condition condition = parseCondition(text, context, kind);
        return std::string(evaluate(condition, item) ? "true" : "false");
    });
}

/// "IN (:v0, :v1, …)" over `count` defined values.
std::string inList(int count, ExpressionContext::Values &values)
{
    std::string text = "n IN (";
    for (int i = 0; i < count; ++i) {
        const std::string name = ":v" + std::to_string(i);
        values[name] = AttributeValue::number(std::to_string(i));
        text += (i ? ", " : "") + name;
    }
    return text + ")";
}

} // namespace

class TestExpressions : public QObject
{
    Q_OBJECT

  private slots:
    void evaluatesConditions_data();
    void evaluatesConditions();
    void evaluatesWithoutItem_data();
    void evaluatesWithoutItem();
    void refusesConditions_data();
    void refusesConditions();
    void namesTheExpressionKind();
    void boundsTheInOperator();
    void boundsTheNesting();
    void boundsTheSize();
    void reportsUnusedPlaceholders();
    void sharesUsageAcrossExpressions();
    void refusesInvalidPlaceholderKeys();
    void knowsTheReservedWords();
    void comparesNumbers_data();
    void comparesNumbers();
    void addsNumbers_data();
    void addsNumbers();
    void ordersKeyValues_data();
    void ordersKeyValues();
};

void TestExpressions::evaluatesConditions_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *expression, const char *expected) {
        QTest::newRow(expression) << QString(expression) << QString(expected);
    };
    // comparisons of numbers, exact on the canonical text
    row("n = :n5", "true");
    row("n <> :n5", "false");
    row("n < :n6", "true");
    row("n < :n5", "false");
    row("n <= :n5", "true");
    row("n > :n4", "true");
    row("n > :n5", "false");
    row("n >= :n6", "false");
    row("n >= :n5", "true");
    row("price = :p125", "true");
    row("big < :big2", "true");
    row("big = :big2", "false");
    row("neg < :zero", "true");
    row("neg > :one", "false");
    // strings and binary, byte-wise
    row("s = :s", "true");
    row("s < :x", "true");
    row("s > :he", "true");
    row("b > :b", "true");
    row("b = :b", "false");
    // mismatched types are false (and <> true), never errors
    row("s < :n5", "false");
    row("s = :n5", "false");
    row("s <> :n5", "true");
    row("t = :true", "true");
    row("z = :null", "true");
    row("t < :true", "false");
    // absent attributes
    row("nope = :n5", "false");
    row("nope <> :n5", "true");
    row("nope < :n5", "false");
    // BETWEEN, IN
    row("n BETWEEN :n4 AND :n6", "true");
    row("n BETWEEN :n5 AND :n5", "true");
    row("n BETWEEN :n6 AND :n6", "false");
    row("s BETWEEN :he AND :x", "true");
    row("s BETWEEN :n4 AND :n6", "false");
    row("n IN (:n4, :n5)", "true");
    row("n IN (:n4, :n6)", "false");
    row("s IN (:n5, :s)", "true");
    row("nope IN (:n5)", "false");
    // functions
    row("attribute_exists(n)", "true");
    row("attribute_exists(nope)", "false");
    row("attribute_not_exists(nope)", "true");
    row("attribute_not_exists(m.a)", "false");
    row("attribute_exists(l[2].k)", "true");
    row("attribute_type(n, :tN)", "true");
    row("attribute_type(s, :tN)", "false");
    row("attribute_type(ss, :tSS)", "true");
    row("attribute_type(nope, :tS)", "false");
    row("begins_with(s, :he)", "true");
    row("begins_with(s, :x)", "false");
    row("begins_with(n, :he)", "false");
    row("begins_with(b, :b)", "true");
    row("contains(s, :he)", "true");
    row("contains(s, :x)", "false");
    row("contains(ss, :a)", "true");
    row("contains(ss, :x)", "false");
    row("contains(ns, :one)", "true");
    row("contains(ns, :a)", "false");
    row("contains(l, :x)", "true");
    row("contains(l, :a)", "false");
    row("contains(n, :n5)", "false");
    row("size(s) = :n5", "true");
    row("size(l) = :three", "true");
    row("size(ss) = :two", "true");
    row("size(m) = :two", "true");
    row("size(b) = :three", "true");
    row("size(n) = :one", "false");
    row("size(nope) = :zero", "false");
    row("size(s) > size(l)", "true");
    row("n = size(s)", "true");
    // paths into lists and maps, placeholders for names
    row("l[0] = :one", "true");
    row("l[1] = :x", "true");
    row("l[2].k = :v", "true");
    row("l[3] = :x", "false");
    row("l[1].k = :v", "false");
    row("s[0] = :x", "false");
    row("m.a = :one", "true");
    row("m.inside.deep = :d", "true");
    row("m.nope.deep = :d", "false");
    row("#m.inside.deep = :d", "true");
    row("#dot = :dot", "true");
    row("#name = :s", "false");
    row("m . a = :one", "true");
    row("l [ 0 ] = :one", "true");
    // AND over OR, comparisons over NOT, NOT over AND; parentheses
    row("n = :n5 OR n = :n4 AND s = :x", "true");
    row("(n = :n5 OR n = :n4) AND s = :x", "false");
    row("n = :n4 AND s = :s OR s = :s", "true");
    row("NOT n = :n5 AND s = :x", "false");
    row("NOT (n = :n5 AND s = :x)", "true");
    row("NOT NOT n = :n5", "true");
    row("n = :n4 OR n = :n6 OR n = :n5", "true");
    row("n = :n5 AND s = :s AND t = :true", "true");
    row("n = :n5 AND s = :s AND t = :null", "false");
    row("(n) = :n5", "true");
    row("(n = :n5)", "true");
    row("attribute_exists(n) AND (begins_with(s, :he) OR contains(ss, :x))", "true");
    // keywords in any case, any whitespace
    row("n between :n4 and :n6", "true");
    row("n in (:n5)", "true");
    row("not n = :n4", "true");
    row("n=:n5 or n=:n4", "true");
    QTest::newRow("tab, newline, carriage return") << QString("\tn\n=\r:n5 ") << QString("true");
}

void TestExpressions::evaluatesConditions()
{
    QFETCH(QString, expression);
    QFETCH(QString, expected);
    const AttributeMap item = conditionItem();
    QCOMPARE(QString::fromStdString(conditionResult(expression.toStdString(), &item)), expected);
}

void TestExpressions::evaluatesWithoutItem_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("expected");
    QTest::newRow("exists") << "attribute_exists(id)"
                            << "false";
    QTest::newRow("not exists") << "attribute_not_exists(id)"
                                << "true";
    QTest::newRow("equal") << "n = :n5"
                           << "false";
    QTest::newRow("not equal") << "n <> :n5"
                               << "true";
    QTest::newRow("not") << "NOT contains(s, :he)"
                         << "true";
    QTest::newRow("constants") << ":n5 = :n5"
                               << "true";
}

void TestExpressions::evaluatesWithoutItem()
{
    QFETCH(QString, expression);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(conditionResult(expression.toStdString(), nullptr)), expected);
}

void TestExpressions::refusesConditions_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *expression, const std::string &detail) {
        QTest::newRow(expression) << QString(expression)
                                  << QString::fromStdString("Invalid ConditionExpression: " + detail);
    };
    // syntax errors: the token, and the text from the token before it to the token after it
    row("n =", "Syntax error; token: \"<EOF>\", near: \"=\"");
    row("n == :n5", "Syntax error; token: \"=\", near: \"== :n5\"");
    row("a x b", "Syntax error; token: \"x\", near: \"a x b\"");
    row("n = :n5 x", "Syntax error; token: \"x\", near: \":n5 x\"");
    row("n = :n5 AND", "Syntax error; token: \"<EOF>\", near: \"AND\"");
    row("n @ :n5", "Syntax error; token: \"@\", near: \"n @ :n5\"");
    row("n = :n5 OR s", "Syntax error; token: \"<EOF>\", near: \"s\"");
    row("n", "Syntax error; token: \"<EOF>\", near: \"n\"");
    row("(n = :n5", "Syntax error; token: \"<EOF>\", near: \":n5\"");
    row("n = :n5)", "Syntax error; token: \")\", near: \":n5)\"");
    row("n BETWEEN :n4 :n6", "Syntax error; token: \":n6\", near: \":n4 :n6\"");
    row("n IN :n5", "Syntax error; token: \":n5\", near: \"IN :n5\"");
    row("n IN ()", "Syntax error; token: \")\", near: \"()\"");
    row("attribute_exists(", "Syntax error; token: \"<EOF>\", near: \"(\"");
    row("n = AND", "Syntax error; token: \"AND\", near: \"= AND\"");
    row("l[x] = :x", "Syntax error; token: \"x\", near: \"[x]\"");
    row("l[-1] = :x", "Syntax error; token: \"-\", near: \"[-1\"");
    row("m. = :x", "Syntax error; token: \"=\", near: \". = :x\"");
    row("# = :x", "Syntax error; token: \"#\", near: \"# =\"");
    row("n = : ", "Syntax error; token: \":\", near: \"= :\"");
    row("n = :n5 AND OR s = :s", "Syntax error; token: \"OR\", near: \"AND OR s\"");
    row("n = :n5 AND (s)", "Syntax error; token: \"<EOF>\", near: \")\"");
    row("n = (s = :s)", "Syntax error; token: \"=\", near: \"s = :s\"");
    row("n = :n5 + :one", "Syntax error; token: \"+\", near: \":n5 + :one\"");
    row("n = \xC3\xA9", "Syntax error; token: \"\xC3\xA9\", near: \"= \xC3\xA9\"");
    // names and values
    row("name = :s", "Attribute name is a reserved keyword; reserved keyword: name");
    row("m.Size = :s", "Attribute name is a reserved keyword; reserved keyword: Size");
    row("#nope = :s", "An expression attribute name used in the document path is not defined; attribute name: #nope");
    row("n = :nope", "An expression attribute value used in expression is not defined; attribute value: :nope");
    row("n = :nope OR #nope = :s",
        "An expression attribute value used in expression is not defined; attribute value: :nope");
    // functions
    row("foo(n)", "Invalid function name; function: foo");
    row("Size(s) = :n5", "Invalid function name; function: Size");
    row("attribute_exists(n, s)", "Incorrect number of operands for operator or function; operator or function: "
                                  "attribute_exists, number of operands: 2");
    row("begins_with(s)",
        "Incorrect number of operands for operator or function; operator or function: begins_with, number of "
        "operands: 1");
    row("attribute_exists(:s)",
        "Operator or function requires a document path; operator or function: attribute_exists");
    row("attribute_not_exists(size(s))",
        "Operator or function requires a document path; operator or function: attribute_not_exists");
    row("begins_with(s, :n5)",
        "Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
    row("begins_with(s, size(l))",
        "Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
    row("attribute_type(n, :bad)",
        "Invalid attribute type name found; type: X, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
    row("attribute_type(n, :n5)",
        "Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N");
    row("size(:n5) = :one",
        "Incorrect operand type for operator or function; operator or function: size, operand type: N");
    row("size(:true) = :one",
        "Incorrect operand type for operator or function; operator or function: size, operand type: BOOL");
    row("size(s)", "The function is not allowed to be used this way in an expression; function: size");
    row("NOT size(s)", "The function is not allowed to be used this way in an expression; function: size");
    row("attribute_exists(n) = :true",
        "The function is not allowed to be used this way in an expression; function: attribute_exists");
    row("n IN (:n5, contains(s, :x))",
        "The function is not allowed to be used this way in an expression; function: contains");
    row("size(contains(s, :x)) = :one",
        "The function is not allowed to be used this way in an expression; function: contains");
    // operands
    row("n = n", "The first operand must be distinct from the remaining operands for this operator or function; "
                 "operator: =, first operand: [n]");
    row("m.a < #m.a", "The first operand must be distinct from the remaining operands for this operator or "
                      "function; operator: <, first operand: [m, a]");
    row("contains(l[0], l[0])", "The first operand must be distinct from the remaining operands for this operator "
                                "or function; operator: contains, first operand: [l, [0]]");
    row("n BETWEEN :n6 AND :n4", "The BETWEEN operator requires upper bound to be greater than or equal to lower "
                                 "bound; lower bound operand: AttributeValue: {N:6}, upper bound operand: "
                                 "AttributeValue: {N:4}");
    row("s BETWEEN :x AND :he", "The BETWEEN operator requires upper bound to be greater than or equal to lower "
                                "bound; lower bound operand: AttributeValue: {S:x}, upper bound operand: "
                                "AttributeValue: {S:he}");
    row("n BETWEEN :n4 AND :s", "The BETWEEN operator requires same data type for lower and upper bounds; lower "
                                "bound operand: AttributeValue: {N:4}, upper bound operand: AttributeValue: "
                                "{S:hello}");
    // parentheses
    row("((n = :n5))", "The expression has redundant parentheses;");
    row("((n)) = :n5", "The expression has redundant parentheses;");
    row("n = ((:n5))", "The expression has redundant parentheses;");
    row("NOT ((n = :n5))", "The expression has redundant parentheses;");
    // which problem DynamoDB reports when there are several
    row("name = :nope", "Attribute name is a reserved keyword; reserved keyword: name");
    row("foo(name)", "Invalid function name; function: foo");
    row("((name = :s))", "The expression has redundant parentheses;");
    row("size(s) AND foo(n)", "Invalid function name; function: foo");
    row("n = n AND #nope = :s",
        "An expression attribute name used in the document path is not defined; attribute name: #nope");
    row("n = :nope AND", "Syntax error; token: \"<EOF>\", near: \"AND\"");
    row("", "The expression can not be empty;");
}

void TestExpressions::refusesConditions()
{
    QFETCH(QString, expression);
    QFETCH(QString, expected);
    const AttributeMap item = conditionItem();
    QCOMPARE(QString::fromStdString(conditionResult(expression.toStdString(), &item)), expected);
}

void TestExpressions::namesTheExpressionKind()
{
    QCOMPARE(conditionResult("n =", nullptr, ExpressionKind::Filter),
             std::string("Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"=\""));
    QCOMPARE(conditionResult("", nullptr, ExpressionKind::KeyCondition),
             std::string("Invalid KeyConditionExpression: The expression can not be empty;"));
    QCOMPARE(conditionResult("name = :s", nullptr, ExpressionKind::Filter),
             std::string("Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: name"));
}

void TestExpressions::boundsTheInOperator()
{
    for (const int count : {100, 101}) {
        ExpressionContext::Values values = testValues();
        const std::string text = inList(count, values);
        const std::string result = resultOf([&] {
            ExpressionContext context({}, values);
            const AttributeMap item = conditionItem();
            return std::string(evaluate(parseCondition(text, context), &item) ? "true" : "false");
        });
        if (count == 100)
            QCOMPARE(result, std::string("true"));
        else
            QCOMPARE(result, std::string("Invalid ConditionExpression: The IN operator is provided with too many "
                                         "operands; number of operands: 101"));
    }
}

void TestExpressions::boundsTheNesting()
{
    const AttributeMap item = conditionItem();
    std::string nots;
    for (int i = 0; i < kMaxExpressionDepth; ++i)
        nots += "NOT ";
    QCOMPARE(conditionResult(nots + "n = :n5", &item), std::string("true"));
    QCOMPARE(conditionResult("NOT " + nots + "n = :n5", &item),
             std::string("Invalid ConditionExpression: The expression has too many nested levels; maximum: 100"));
    // Deep parentheses and calls stop at the same bound, long before the stack could.
    std::string open;
    std::string close;
    for (int i = 0; i < 2000; ++i) {
        open += "(n = :n5 AND ";
        close += ")";
    }
    QCOMPARE(conditionResult(open.substr(0, 4000), &item),
             std::string("Invalid ConditionExpression: The expression has too many nested levels; maximum: 100"));
    std::string calls;
    for (int i = 0; i < 500; ++i)
        calls += "size(";
    QCOMPARE(conditionResult(calls, &item),
             std::string("Invalid ConditionExpression: The expression has too many nested levels; maximum: 100"));
}

void TestExpressions::boundsTheSize()
{
    const AttributeMap item = conditionItem();
    std::string text = "n = :n5";
    while (text.size() < kMaxExpressionBytes)
        text += " ";
    QCOMPARE(conditionResult(text, &item), std::string("true"));
    QCOMPARE(conditionResult(text + " ", &item),
             std::string("Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; "
                         "expression size: 4097"));
}

void TestExpressions::reportsUnusedPlaceholders()
{
    const auto unused = [](ExpressionContext::Names names, ExpressionContext::Values values, const char *text) {
        return resultOf([&] {
            ExpressionContext context(std::move(names), std::move(values));
            parseCondition(text, context);
            context.checkAllUsed();
            return std::string("ok");
        });
    };
    QCOMPARE(unused({}, {{":v", N("1")}, {":x", N("2")}}, "n = :v"),
             std::string("Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}"));
    QCOMPARE(unused({}, {{":v", N("1")}, {":x", N("2")}, {":y", N("3")}}, "n = :v"),
             std::string("Value provided in ExpressionAttributeValues unused in expressions: keys: {:x, :y}"));
    QCOMPARE(unused({{"#n", "n"}, {"#u", "u"}}, {{":x", N("2")}}, "#n = :v OR n = :y"),
             std::string("Invalid ConditionExpression: An expression attribute value used in expression is not "
                         "defined; attribute value: :v"));
    QCOMPARE(unused({{"#n", "n"}, {"#u", "u"}}, {{":x", N("2")}}, "#n = :x"),
             std::string("Value provided in ExpressionAttributeNames unused in expressions: keys: {#u}"));
    QCOMPARE(unused({{"#n", "n"}}, {{":x", N("2")}}, "#n = :x"), std::string("ok"));
    QCOMPARE(unused({{"#n", "n"}}, {{":x", N("2")}}, "#n.#n = :x"), std::string("ok"));
}

void TestExpressions::sharesUsageAcrossExpressions()
{
    ExpressionContext context({{"#n", "n"}, {"#c", "c"}}, {{":one", N("1")}, {":limit", N("10")}});
    parseCondition("#c < :limit", context);
    QCOMPARE(resultOf([&] {
                 context.checkAllUsed();
                 return std::string("ok");
             }),
             std::string("Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}"));
    parseUpdate("SET #n = #n + :one", context);
    context.checkAllUsed(); // every placeholder is used by one of the two expressions
}

void TestExpressions::refusesInvalidPlaceholderKeys()
{
    QCOMPARE(resultOf([] {
                 ExpressionContext context({{"a", "b"}}, {});
                 return std::string("ok");
             }),
             std::string("ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\""));
    QCOMPARE(resultOf([] {
                 ExpressionContext context({}, {{":a-b", N("1")}});
                 return std::string("ok");
             }),
             std::string("ExpressionAttributeValues contains invalid key: Syntax error; key: \":a-b\""));
}

void TestExpressions::knowsTheReservedWords()
{
    QCOMPARE(reservedWordCount(), std::size_t(573));
    for (const char *word : {"ABORT", "name", "Size", "zone", "Status", "data", "COUNT", "ttl", "year"})
        QVERIFY2(isReservedWord(word), word);
    for (const char *word : {"pizza", "id", "orderId", "", "nameless", "zones"})
        QVERIFY2(!isReservedWord(word), word);
}

void TestExpressions::comparesNumbers_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("expected");
    QTest::newRow("equal") << "5"
                           << "5" << 0;
    QTest::newRow("less") << "9"
                          << "10" << -1;
    QTest::newRow("fraction") << "0.25"
                              << "0.5" << -1;
    QTest::newRow("negative") << "-10"
                              << "-9" << -1;
    QTest::newRow("negative fraction") << "-0.5"
                                       << "-0.25" << -1;
    QTest::newRow("sign") << "-1"
                          << "0.0000001" << -1;
    QTest::newRow("zero") << "0"
                          << "0" << 0;
    QTest::newRow("38 digits") << "12345678901234567890123456789012345678"
                               << "12345678901234567890123456789012345679" << -1;
    QTest::newRow("huge") << "1" + QString(125, '0') << "9" + QString(124, '9') << 1;
    QTest::newRow("tiny") << "0." + QString(129, '0') + "1"
                          << "0" << 1;
}

void TestExpressions::comparesNumbers()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, expected);
    QCOMPARE(compareNumbers(a.toStdString(), b.toStdString()), expected);
    QCOMPARE(compareNumbers(b.toStdString(), a.toStdString()), -expected);
}

void TestExpressions::addsNumbers_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<QString>("sum");
    QTest::addColumn<QString>("difference");
    QTest::newRow("integers") << "1"
                              << "2"
                              << "3"
                              << "-1";
    QTest::newRow("tenths") << "0.1"
                            << "0.2"
                            << "0.3"
                            << "-0.1";
    QTest::newRow("to zero") << "-1"
                             << "1"
                             << "0"
                             << "-2";
    QTest::newRow("carry") << "99999999999999999999999999999999999999"
                           << "1"
                           << "100000000000000000000000000000000000000"
                           << "99999999999999999999999999999999999998";
    QTest::newRow("38 digits") << "12345678901234567890123456789012345678"
                               << "1"
                               << "12345678901234567890123456789012345679"
                               << "12345678901234567890123456789012345677";
    QTest::newRow("fractions") << "0.5"
                               << "0.25"
                               << "0.75"
                               << "0.25";
    QTest::newRow("negatives") << "-0.5"
                               << "-0.25"
                               << "-0.75"
                               << "-0.25";
    QTest::newRow("small") << "0.0000001"
                           << "0.0000002"
                           << "0.0000003"
                           << "-0.0000001";
    QTest::newRow("precision") << "12345678901234567890123456789012345678"
                               << "0.1"
                               << "Attempting to store more than 38 significant digits in a Number"
                               << "Attempting to store more than 38 significant digits in a Number";
    QTest::newRow("overflow") << "9" + QString(125, '0') << "9" + QString(125, '0')
                              << "Number overflow. Attempting to store a number with magnitude larger than "
                                 "supported range"
                              << "0";
}

void TestExpressions::addsNumbers()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(QString, sum);
    QFETCH(QString, difference);
    const std::string x = canonicalNumber(a.toStdString());
    const std::string y = canonicalNumber(b.toStdString());
    QCOMPARE(QString::fromStdString(resultOf([&] { return addNumbers(x, y); })), sum);
    QCOMPARE(QString::fromStdString(resultOf([&] { return subtractNumbers(x, y); })), difference);
}

void TestExpressions::ordersKeyValues_data()
{
    QTest::addColumn<int>("expected");
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::newRow("N numeric") << -1 << R"({"N":"9"})"
                               << R"({"N":"10"})";
    QTest::newRow("N negative") << -1 << R"({"N":"-1"})"
                                << R"({"N":"0"})";
    QTest::newRow("N equal") << 0 << R"({"N":"1.50"})"
                             << R"({"N":"1.5"})";
    QTest::newRow("S bytes") << -1 << R"({"S":"B"})"
                             << R"({"S":"a"})";
    QTest::newRow("S prefix") << -1 << R"({"S":"ab"})"
                              << R"({"S":"abc"})";
    QTest::newRow("S UTF-8") << 1 << R"({"S":"é"})"
                             << R"({"S":"z"})";
    QTest::newRow("B unsigned") << 1 << R"({"B":"gA=="})"
                                << R"({"B":"fw=="})";
    QTest::newRow("types") << -1 << R"({"N":"100"})"
                           << R"({"S":"1"})";
}

void TestExpressions::ordersKeyValues()
{
    QFETCH(int, expected);
    QFETCH(QString, a);
    QFETCH(QString, b);
    const AttributeValue x = parseAttributeValue(orderlab::js::parseJson(a.toStdString()));
    const AttributeValue y = parseAttributeValue(orderlab::js::parseJson(b.toStdString()));
    QCOMPARE(compareKeyValues(x, y), expected);
    QCOMPARE(compareKeyValues(y, x), -expected);
}

QTEST_GUILESS_MAIN(TestExpressions)
#include "tst_expressions.moc"
