// DynamoDB update, projection and key condition expressions (docs/dynamodb-expressions.md): SET with
// arithmetic and functions, REMOVE, ADD and DELETE on numbers and sets, paths into lists and maps, path
// overlaps, projections of nested paths, key conditions and their refusals, with DynamoDB's texts.
#ifndef Q_MOC_RUN
#include "dynamodb/expr/key_condition.h"
#include "dynamodb/expr/projection.h"
#include "dynamodb/expr/update.h"
#include "expression_test_support.h"
#endif

#include <QtTest>

using namespace expression_test;

namespace {

AttributeMap updateItem()
{
    return parseItemJson(R"({
        "id": {"S": "k"},
        "n": {"N": "5"},
        "s": {"S": "x"},
        "l": {"L": [{"N": "0"}, {"N": "1"}, {"N": "2"}]},
        "m": {"M": {"a": {"N": "1"}}},
        "ss": {"SS": ["a", "b"]},
        "ns": {"NS": ["1", "2"]}
    })");
}

/// The attributes `show` (a projection) names in `item`, as item JSON.
std::string shown(const AttributeMap &item, const std::string &show)
{
    ExpressionContext context(testNames());
    return itemJson(project(parseProjection(show, context), item));
}

/// `expression` applied to `item` (nullptr: no item), shown through `show`; or the message.
std::string updated(const std::string &expression, const AttributeMap *item, const std::string &show)
{
    return resultOf([&] {
        ExpressionContext context(testNames(), testValues());
        const UpdateExpression update = parseUpdate(expression, context);
        return shown(applyUpdate(update, item), show);
    });
}

std::string keyConditionText(const KeyCondition &k)
{
    static const char *const kOps[] = {"", "=", "<", "<=", ">", ">=", "BETWEEN", "begins_with"};
    std::string out = k.hashName + "=";
    appendJson(out, k.hashValue);
    if (k.rangeOp == KeyCondition::RangeOp::None)
        return out;
    out += " " + k.rangeName + " " + kOps[static_cast<int>(k.rangeOp)] + " ";
    appendJson(out, k.low);
    if (k.rangeOp == KeyCondition::RangeOp::Between) {
        out += " ";
        appendJson(out, k.high);
    }
    return out;
}

ExpressionContext::Values keyValues()
{
    return {{":p", S("p1")}, {":s1", S("a")}, {":s2", S("c")}, {":n", N("1")}, {":b", AttributeValue::boolean(true)}};
}

std::string keyResult(const std::string &expression, const KeySchema &schema)
{
    return resultOf([&] {
        ExpressionContext context({{"#pk", "pk"}}, keyValues());
        return keyConditionText(parseKeyCondition(expression, context, schema));
    });
}

const KeySchema kRangeSchema{"pk", AttributeValue::Type::S, "sk", AttributeValue::Type::S};
const KeySchema kHashSchema{"pk", AttributeValue::Type::S, "", std::nullopt};

} // namespace

class TestUpdateExpressions : public QObject
{
    Q_OBJECT

  private slots:
    void appliesUpdates_data();
    void appliesUpdates();
    void appliesToAbsentItem_data();
    void appliesToAbsentItem();
    void refusesUpdates_data();
    void refusesUpdates();
    void readsTheItemBeforeTheUpdate();
    void listsTopLevelAttributes();
    void keepsOtherAttributes();
    void projects_data();
    void projects();
    void refusesProjections_data();
    void refusesProjections();
    void parsesKeyConditions_data();
    void parsesKeyConditions();
    void refusesKeyConditions_data();
    void refusesKeyConditions();
    void matchesRangeKeys();
};

void TestUpdateExpressions::appliesUpdates_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("show");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *expression, const char *show, const char *expected) {
        QTest::newRow(expression) << QString(expression) << QString(show) << QString(expected);
    };
    // SET values and arithmetic, exact to 38 digits
    row("SET n = :one", "n", R"({"n":{"N":"1"}})");
    row("SET n = n + :one", "n", R"({"n":{"N":"6"}})");
    row("SET n = n - :one", "n", R"({"n":{"N":"4"}})");
    row("SET n = :one - n", "n", R"({"n":{"N":"-4"}})");
    row("SET n = n + n", "n", R"({"n":{"N":"10"}})");
    row("SET n = :tenth + :tenth", "n", R"({"n":{"N":"0.2"}})");
    row("SET n = :d38 + :one", "n", R"({"n":{"N":"99999999999999999999999999999999999999"}})");
    row("SET n = (n + :one)", "n", R"({"n":{"N":"6"}})");
    row("SET n = m.a + l[2]", "n", R"({"n":{"N":"3"}})");
    row("SET c = s", "c", R"({"c":{"S":"x"}})");
    row("SET n = :s, s = :true", "n, s", R"({"n":{"S":"hello"},"s":{"BOOL":true}})");
    row("set n = :one", "n", R"({"n":{"N":"1"}})");
    row("SET #name = :s", "#name", R"({"name":{"S":"hello"}})");
    // functions
    row("SET c = if_not_exists(n, :one)", "c", R"({"c":{"N":"5"}})");
    row("SET c = if_not_exists(nope, :one)", "c", R"({"c":{"N":"1"}})");
    row("SET n = if_not_exists(n, :zero) + :one", "n", R"({"n":{"N":"6"}})");
    row("SET c = if_not_exists(nope, if_not_exists(s, :one))", "c", R"({"c":{"S":"x"}})");
    row("SET l = list_append(l, :list)", "l", R"({"l":{"L":[{"N":"0"},{"N":"1"},{"N":"2"},{"S":"z"}]}})");
    row("SET l = list_append(:list, l)", "l", R"({"l":{"L":[{"S":"z"},{"N":"0"},{"N":"1"},{"N":"2"}]}})");
    row("SET c = list_append(if_not_exists(nope, :list), :list)", "c", R"({"c":{"L":[{"S":"z"},{"S":"z"}]}})");
    // paths into maps and lists
    row("SET m.b = :one", "m", R"({"m":{"M":{"a":{"N":"1"},"b":{"N":"1"}}}})");
    row("SET m.a = :two", "m", R"({"m":{"M":{"a":{"N":"2"}}}})");
    row("SET #m.#l = :one", "m", R"({"m":{"M":{"a":{"N":"1"},"l":{"N":"1"}}}})");
    row("SET l[1] = :x", "l", R"({"l":{"L":[{"N":"0"},{"S":"x"},{"N":"2"}]}})");
    row("SET l[10] = :x", "l", R"({"l":{"L":[{"N":"0"},{"N":"1"},{"N":"2"},{"S":"x"}]}})");
    row("SET l[0] = :list, l[1] = :one", "l", R"({"l":{"L":[{"L":[{"S":"z"}]},{"N":"1"},{"N":"2"}]}})");
    // REMOVE, including list elements (indexes of the item before the update)
    row("REMOVE s", "s", "{}");
    row("REMOVE s, n", "id, n, s", R"({"id":{"S":"k"}})");
    row("REMOVE nope", "id, nope", R"({"id":{"S":"k"}})");
    row("REMOVE m.a", "m", R"({"m":{"M":{}}})");
    row("REMOVE m.nope", "m", R"({"m":{"M":{"a":{"N":"1"}}}})");
    row("REMOVE l[1]", "l", R"({"l":{"L":[{"N":"0"},{"N":"2"}]}})");
    row("REMOVE l[0], l[2]", "l", R"({"l":{"L":[{"N":"1"}]}})");
    row("REMOVE l[2], l[0]", "l", R"({"l":{"L":[{"N":"1"}]}})");
    row("REMOVE l[5]", "l", R"({"l":{"L":[{"N":"0"},{"N":"1"},{"N":"2"}]}})");
    // ADD numbers and sets
    row("ADD n :one", "n", R"({"n":{"N":"6"}})");
    row("ADD n :tenth", "n", R"({"n":{"N":"5.1"}})");
    row("ADD c :one", "c", R"({"c":{"N":"1"}})");
    row("ADD ss :ssq", "ss", R"({"ss":{"SS":["a","b","q"]}})");
    row("ADD ns :ns23", "ns", R"({"ns":{"NS":["1","2","3"]}})");
    row("ADD c :ssa", "c", R"({"c":{"SS":["a"]}})");
    row("ADD m.c :one", "m", R"({"m":{"M":{"a":{"N":"1"},"c":{"N":"1"}}}})");
    // DELETE from sets; a set left empty goes
    row("DELETE ss :ssa", "ss", R"({"ss":{"SS":["b"]}})");
    row("DELETE ss :ssq", "ss", R"({"ss":{"SS":["b"]}})");
    row("DELETE ss :ssab", "id, ss", R"({"id":{"S":"k"}})");
    row("DELETE nope :ssa", "id, nope", R"({"id":{"S":"k"}})");
    row("DELETE ns :ns23", "ns", R"({"ns":{"NS":["1"]}})");
    // all four clauses, in any order
    row("SET c = :one REMOVE s ADD n :one DELETE ss :ssa", "c, n, s, ss",
        R"({"n":{"N":"6"},"ss":{"SS":["b"]},"c":{"N":"1"}})");
    row("DELETE ss :ssa ADD n :one REMOVE s SET c = :one", "c, n, s, ss",
        R"({"n":{"N":"6"},"ss":{"SS":["b"]},"c":{"N":"1"}})");
    // errors found while applying
    row("SET c = nope", "c", "The provided expression refers to an attribute that does not exist in the item");
    row("SET c = nope + :one", "c", "The provided expression refers to an attribute that does not exist in the item");
    row("SET c = list_append(nope, :list)", "c",
        "The provided expression refers to an attribute that does not exist in the item");
    row("SET c = s + :one", "c", "An operand in the update expression has an incorrect data type");
    row("SET c = list_append(l, s)", "c", "An operand in the update expression has an incorrect data type");
    row("ADD s :one", "s", "An operand in the update expression has an incorrect data type");
    row("ADD ns :ssa", "ns", "An operand in the update expression has an incorrect data type");
    row("DELETE ns :ssa", "ns", "An operand in the update expression has an incorrect data type");
    row("DELETE n :ssa", "n", "An operand in the update expression has an incorrect data type");
    row("SET m.x.y = :one", "m", "The document path provided in the update expression is invalid for update");
    row("SET nope.y = :one", "m", "The document path provided in the update expression is invalid for update");
    row("SET s[0] = :one", "s", "The document path provided in the update expression is invalid for update");
    row("SET l.a = :one", "l", "The document path provided in the update expression is invalid for update");
    row("SET l[5].a = :one", "l", "The document path provided in the update expression is invalid for update");
    row("REMOVE nope.x", "s", "The document path provided in the update expression is invalid for update");
    row("ADD nope.x :one", "s", "The document path provided in the update expression is invalid for update");
    row("SET c = :d38 + :tenth", "c", "Attempting to store more than 38 significant digits in a Number");
    row("SET c = :huge + :huge", "c",
        "Number overflow. Attempting to store a number with magnitude larger than supported range");
    row("ADD n :d38", "n", "Attempting to store more than 38 significant digits in a Number");
}

void TestUpdateExpressions::appliesUpdates()
{
    QFETCH(QString, expression);
    QFETCH(QString, show);
    QFETCH(QString, expected);
    const AttributeMap item = updateItem();
    QCOMPARE(QString::fromStdString(updated(expression.toStdString(), &item, show.toStdString())), expected);
}

void TestUpdateExpressions::appliesToAbsentItem_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("expected");
    QTest::newRow("set") << "SET a = :one"
                         << R"({"a":{"N":"1"}})";
    QTest::newRow("counter") << "SET a = if_not_exists(a, :zero) + :one"
                             << R"({"a":{"N":"1"}})";
    QTest::newRow("add") << "ADD a :one, b :ssa"
                         << R"({"a":{"N":"1"},"b":{"SS":["a"]}})";
    QTest::newRow("remove") << "REMOVE a"
                            << "{}";
    QTest::newRow("delete") << "DELETE a :ssa"
                            << "{}";
    QTest::newRow("missing operand")
        << "SET a = a + :one"
        << "The provided expression refers to an attribute that does not exist in the item";
    QTest::newRow("nested") << "SET a.b = :one"
                            << "The document path provided in the update expression is invalid for update";
}

void TestUpdateExpressions::appliesToAbsentItem()
{
    QFETCH(QString, expression);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(updated(expression.toStdString(), nullptr, "a, b")), expected);
}

void TestUpdateExpressions::refusesUpdates_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *expression, const std::string &detail) {
        QTest::newRow(expression) << QString(expression)
                                  << QString::fromStdString("Invalid UpdateExpression: " + detail);
    };
    row("", "The expression can not be empty;");
    row("SET a", "Syntax error; token: \"<EOF>\", near: \"a\"");
    row("SET a = :one,", "Syntax error; token: \"<EOF>\", near: \",\"");
    row("SET", "Syntax error; token: \"<EOF>\", near: \"SET\"");
    row("UPDATE a = :one", "Syntax error; token: \"UPDATE\", near: \"UPDATE a\"");
    row("SET a = :one b = :two", "Syntax error; token: \"b\", near: \":one b =\"");
    row("ADD n n", "Syntax error; token: \"n\", near: \"n n\"");
    row("ADD n", "Syntax error; token: \"<EOF>\", near: \"n\"");
    row("REMOVE :one", "Syntax error; token: \":one\", near: \"REMOVE :one\"");
    row("SET a = :one + ", "Syntax error; token: \"<EOF>\", near: \"+\"");
    row("SET a = :one * :two", "Syntax error; token: \"*\", near: \":one * :two\"");
    row("SET a = :one AND b = :two", "Syntax error; token: \"AND\", near: \":one AND b\"");
    row("SET SET = :one", "Syntax error; token: \"SET\", near: \"SET SET =\"");
    row("SET a = :one SET b = :two", "The \"SET\" section can only be used once in an update expression;");
    row("REMOVE a remove b", "The \"REMOVE\" section can only be used once in an update expression;");
    row("ADD n :one ADD c :one", "The \"ADD\" section can only be used once in an update expression;");
    row("DELETE ss :ssa DELETE ns :ns23", "The \"DELETE\" section can only be used once in an update expression;");
    row("SET a = :one, a.b = :two", "Two document paths overlap with each other; must remove or rewrite one of "
                                    "these paths; path one: [a], path two: [a, b]");
    row("SET a = :one REMOVE a", "Two document paths overlap with each other; must remove or rewrite one of these "
                                 "paths; path one: [a], path two: [a]");
    row("SET #m.a = :one ADD m :one", "Two document paths overlap with each other; must remove or rewrite one of "
                                      "these paths; path one: [m, a], path two: [m]");
    row("SET l[0] = :one, l.x = :one", "Two document paths conflict with each other; must remove or rewrite one of "
                                       "these paths; path one: [l, [0]], path two: [l, x]");
    row("ADD n :s", "Incorrect operand type for operator or function; operator: ADD, operand type: STRING");
    row("ADD n :list", "Incorrect operand type for operator or function; operator: ADD, operand type: LIST");
    row("ADD n :true", "Incorrect operand type for operator or function; operator: ADD, operand type: BOOLEAN");
    row("DELETE ss :one", "Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER");
    row("DELETE ss :null", "Incorrect operand type for operator or function; operator: DELETE, operand type: NULL");
    row("SET a = size(s)", "The function is not allowed in an update expression; function: size");
    row("SET a = attribute_exists(s)",
        "The function is not allowed in an update expression; function: attribute_exists");
    row("SET a = foo(s)", "Invalid function name; function: foo");
    row("SET a = if_not_exists(:one, n)",
        "Operator or function requires a document path; operator or function: if_not_exists");
    row("SET a = if_not_exists(n)", "Incorrect number of operands for operator or function; operator or function: "
                                    "if_not_exists, number of operands: 1");
    row("SET a = list_append(l, :s)",
        "Incorrect operand type for operator or function; operator or function: list_append, operand type: S");
    row("SET a = :s + :one", "Incorrect operand type for operator or function; operator or function: +, operand "
                             "type: S");
    row("SET a = n - :list", "Incorrect operand type for operator or function; operator or function: -, operand "
                             "type: L");
    row("SET name = :one", "Attribute name is a reserved keyword; reserved keyword: name");
    row("SET #nope = :one",
        "An expression attribute name used in the document path is not defined; attribute name: #nope");
    row("SET a = :nope", "An expression attribute value used in expression is not defined; attribute value: :nope");
    row("SET a = :nope, #nope = :one",
        "An expression attribute name used in the document path is not defined; attribute name: #nope");
    // which problem DynamoDB reports when there are several
    row("SET name = foo(a)", "Attribute name is a reserved keyword; reserved keyword: name");
    row("SET a = foo(b) SET c = :one", "Invalid function name; function: foo");
    row("SET a = :one SET a = :nope", "The \"SET\" section can only be used once in an update expression;");
    row("SET a = :one, a = :nope",
        "An expression attribute value used in expression is not defined; attribute value: :nope");
}

void TestUpdateExpressions::refusesUpdates()
{
    QFETCH(QString, expression);
    QFETCH(QString, expected);
    const AttributeMap item = updateItem();
    QCOMPARE(QString::fromStdString(updated(expression.toStdString(), &item, "n")), expected);
}

void TestUpdateExpressions::readsTheItemBeforeTheUpdate()
{
    const AttributeMap item = updateItem();
    QCOMPARE(updated("SET n = s, s = n", &item, "n, s"), std::string(R"({"n":{"S":"x"},"s":{"N":"5"}})"));
    QCOMPARE(updated("SET c = n REMOVE n", &item, "c, n"), std::string(R"({"c":{"N":"5"}})"));
    QCOMPARE(updated("ADD n :one SET c = n", &item, "c, n"), std::string(R"({"n":{"N":"6"},"c":{"N":"5"}})"));
}

void TestUpdateExpressions::listsTopLevelAttributes()
{
    ExpressionContext context(testNames(), testValues());
    const UpdateExpression update = parseUpdate("SET m.b = :one, l[0] = :one REMOVE m.a ADD #name :one", context);
    QCOMPARE(update.topLevelAttributes(), (std::vector<std::string>{"m", "l", "name"}));
}

void TestUpdateExpressions::keepsOtherAttributes()
{
    const AttributeMap item = updateItem();
    ExpressionContext context(testNames(), testValues());
    const AttributeMap result = applyUpdate(parseUpdate("SET n = :one", context), &item);
    QCOMPARE(result.size(), item.size());
    QCOMPARE(result[1].first, std::string("n")); // a SET keeps the attribute's place
    QCOMPARE(itemJson(result), itemJson(item).replace(itemJson(item).find(R"("N":"5")"), 7, R"("N":"1")"));
}

void TestUpdateExpressions::projects_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *expression, const char *expected) {
        QTest::newRow(expression) << QString(expression) << QString(expected);
    };
    row("n", R"({"n":{"N":"5"}})");
    row("s, n", R"({"n":{"N":"5"},"s":{"S":"x"}})");
    row("m.a", R"({"m":{"M":{"a":{"N":"1"}}}})");
    row("#m.a, #l[1]", R"({"l":{"L":[{"N":"1"}]},"m":{"M":{"a":{"N":"1"}}}})");
    row("l[2], l[0]", R"({"l":{"L":[{"N":"0"},{"N":"2"}]}})");
    row("l[1], l[7]", R"({"l":{"L":[{"N":"1"}]}})");
    row("l[7]", "{}");
    row("nope", "{}");
    row("m.nope", "{}");
    row("n.x", "{}");
    row("m", R"({"m":{"M":{"a":{"N":"1"}}}})");
    row("ss, id", R"({"id":{"S":"k"},"ss":{"SS":["a","b"]}})");
}

void TestUpdateExpressions::projects()
{
    QFETCH(QString, expression);
    QFETCH(QString, expected);
    const AttributeMap item = updateItem();
    const std::string result = resultOf([&] {
        ExpressionContext context(testNames(), testValues());
        return itemJson(project(parseProjection(expression.toStdString(), context), item));
    });
    QCOMPARE(QString::fromStdString(result), expected);
}

void TestUpdateExpressions::refusesProjections_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *expression, const std::string &detail) {
        QTest::newRow(expression) << QString(expression)
                                  << QString::fromStdString("Invalid ProjectionExpression: " + detail);
    };
    row("", "The expression can not be empty;");
    row("n,", "Syntax error; token: \"<EOF>\", near: \",\"");
    row("n = :one", "Syntax error; token: \"=\", near: \"n = :one\"");
    row("n s", "Syntax error; token: \"s\", near: \"n s\"");
    row("size(n)", "Syntax error; token: \"(\", near: \"size(n\"");
    row("name", "Attribute name is a reserved keyword; reserved keyword: name");
    row("#nope", "An expression attribute name used in the document path is not defined; attribute name: #nope");
    row("n, n", "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: "
                "[n], path two: [n]");
    row("m, m.a", "Two document paths overlap with each other; must remove or rewrite one of these paths; path "
                  "one: [m], path two: [m, a]");
    row("l[0], l.a", "Two document paths conflict with each other; must remove or rewrite one of these paths; path "
                     "one: [l, [0]], path two: [l, a]");
}

void TestUpdateExpressions::refusesProjections()
{
    QFETCH(QString, expression);
    QFETCH(QString, expected);
    const std::string result = resultOf([&] {
        ExpressionContext context(testNames(), testValues());
        parseProjection(expression.toStdString(), context);
        return std::string("ok");
    });
    QCOMPARE(QString::fromStdString(result), expected);
}

void TestUpdateExpressions::parsesKeyConditions_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *expression, const char *expected) {
        QTest::newRow(expression) << QString(expression) << QString(expected);
    };
    row("pk = :p", R"(pk={"S":"p1"})");
    row("#pk = :p", R"(pk={"S":"p1"})");
    row(":p = pk", R"(pk={"S":"p1"})");
    row("pk = :p AND sk = :s1", R"(pk={"S":"p1"} sk = {"S":"a"})");
    row("sk < :s1 AND pk = :p", R"(pk={"S":"p1"} sk < {"S":"a"})");
    row("pk = :p AND sk <= :s1", R"(pk={"S":"p1"} sk <= {"S":"a"})");
    row("pk = :p AND sk > :s1", R"(pk={"S":"p1"} sk > {"S":"a"})");
    row("pk = :p AND sk >= :s1", R"(pk={"S":"p1"} sk >= {"S":"a"})");
    row("pk = :p AND :s1 < sk", R"(pk={"S":"p1"} sk > {"S":"a"})");
    row("pk = :p AND :s1 >= sk", R"(pk={"S":"p1"} sk <= {"S":"a"})");
    row("pk = :p AND sk BETWEEN :s1 AND :s2", R"(pk={"S":"p1"} sk BETWEEN {"S":"a"} {"S":"c"})");
    row("pk = :p AND begins_with(sk, :s1)", R"(pk={"S":"p1"} sk begins_with {"S":"a"})");
    row("(pk = :p) AND (sk = :s1)", R"(pk={"S":"p1"} sk = {"S":"a"})");
    row("pk = :p and sk between :s1 and :s2", R"(pk={"S":"p1"} sk BETWEEN {"S":"a"} {"S":"c"})");
}

void TestUpdateExpressions::parsesKeyConditions()
{
    QFETCH(QString, expression);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(keyResult(expression.toStdString(), kRangeSchema)), expected);
}

void TestUpdateExpressions::refusesKeyConditions_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<bool>("hashOnly");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *expression, const std::string &expected, bool hashOnly = false) {
        QTest::newRow(expression) << QString(expression) << hashOnly << QString::fromStdString(expected);
    };
    row("sk = :s1", "Query condition missed key schema element: pk");
    row("pk > :p", "Query key condition not supported");
    row("pk BETWEEN :p AND :p", "Query key condition not supported");
    row("pk = :p AND extra = :s1", "Query condition missed key schema element: sk");
    row("pk = :p AND extra = :s1", "Query key condition not supported", true);
    row("pk = :p AND sk = :s1", "Query key condition not supported", true);
    row("pk = :p OR sk = :s1", "Invalid operator used in KeyConditionExpression: OR");
    row("NOT pk = :p", "Invalid operator used in KeyConditionExpression: NOT");
    row("pk = :p AND sk <> :s1", "Invalid operator used in KeyConditionExpression: <>");
    row("pk IN (:p)", "Invalid operator used in KeyConditionExpression: IN");
    row("pk = :p AND attribute_exists(sk)", "Invalid operator used in KeyConditionExpression: attribute_exists");
    row("pk = :p AND contains(sk, :s1)", "Invalid operator used in KeyConditionExpression: contains");
    row("pk = :p AND sk > :s1 AND sk < :s2", "KeyConditionExpressions must only contain one condition per key");
    row("pk = :p AND pk = :p", "KeyConditionExpressions must only contain one condition per key");
    row("pk = :p AND sk.x = :s1", "KeyConditionExpressions cannot have conditions on nested attributes");
    row("pk = :p AND :s1 = sk[0]", "KeyConditionExpressions cannot have conditions on nested attributes");
    row("pk = :p AND size(sk) = :n", "KeyConditionExpressions cannot contain nested operations");
    row("pk = :p AND sk = extra", "Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
                                  "condition");
    row("pk = :p AND sk BETWEEN extra AND :s2",
        "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
    row("pk = :p AND :s1 = :s2", "Invalid condition in KeyConditionExpression: No key attribute specified");
    row("pk = :p AND :s1 BETWEEN sk AND :s2",
        "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first "
        "operand");
    row("pk = :n", "One or more parameter values were invalid: Condition parameter type does not match schema type");
    row("pk = :p AND sk BETWEEN :s1 AND :s1",
        R"(pk={"S":"p1"} sk BETWEEN {"S":"a"} {"S":"a"})"); // equal bounds are fine
    row("pk = :p AND begins_with(sk, :n)", "Invalid KeyConditionExpression: Incorrect operand type for operator or "
                                           "function; operator or function: begins_with, operand type: N");
    row("pk = :p AND sk BETWEEN :s2 AND :s1",
        "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to "
        "lower bound; lower bound operand: AttributeValue: {S:c}, upper bound operand: AttributeValue: {S:a}");
    row("pk = :p AND", "Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");
    row("pk = :nope", "Invalid KeyConditionExpression: An expression attribute value used in expression is not "
                      "defined; attribute value: :nope");
}

void TestUpdateExpressions::refusesKeyConditions()
{
    QFETCH(QString, expression);
    QFETCH(bool, hashOnly);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(keyResult(expression.toStdString(), hashOnly ? kHashSchema : kRangeSchema)),
             expected);
}

void TestUpdateExpressions::matchesRangeKeys()
{
    const auto matches = [](const char *expression, const char *sk) {
        ExpressionContext context({}, keyValues());
        const KeyCondition condition = parseKeyCondition(expression, context, kRangeSchema);
        AttributeMap item = {{"pk", S("p1")}};
        if (sk)
            item.emplace_back("sk", S(sk));
        return condition.matches(item);
    };
    QVERIFY(matches("pk = :p", nullptr));
    QVERIFY(matches("pk = :p", "zzz"));
    QVERIFY(!matches("pk = :p AND sk = :s1", nullptr));
    QVERIFY(matches("pk = :p AND sk = :s1", "a"));
    QVERIFY(!matches("pk = :p AND sk = :s1", "b"));
    QVERIFY(matches("pk = :p AND sk < :s2", "b"));
    QVERIFY(!matches("pk = :p AND sk < :s2", "c"));
    QVERIFY(matches("pk = :p AND sk <= :s2", "c"));
    QVERIFY(matches("pk = :p AND sk > :s1", "b"));
    QVERIFY(!matches("pk = :p AND sk >= :s2", "b"));
    QVERIFY(matches("pk = :p AND sk BETWEEN :s1 AND :s2", "a"));
    QVERIFY(matches("pk = :p AND sk BETWEEN :s1 AND :s2", "c"));
    QVERIFY(!matches("pk = :p AND sk BETWEEN :s1 AND :s2", "ca"));
    QVERIFY(matches("pk = :p AND begins_with(sk, :s1)", "abc"));
    QVERIFY(!matches("pk = :p AND begins_with(sk, :s1)", "ba"));

    ExpressionContext context({}, keyValues());
    const KeyCondition extra = parseKeyCondition("pk = :p", context, kRangeSchema);
    QVERIFY(!extra.matches({{"pk", S("p2")}}));
    QVERIFY(!extra.matches({{"pk", N("1")}}));
    QVERIFY(!extra.matches({}));
}

QTEST_GUILESS_MAIN(TestUpdateExpressions)
#include "tst_update_expressions.moc"
