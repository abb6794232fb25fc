// FilterPattern: the EventBridge patterns of a mapping's FilterCriteria (docs/stream-and-mapping.md, "Filtering").
//
// Patterns and small records are written with single quotes, which J() turns into double
// quotes, so that the rows stay readable without raw string literals (moc misreads those).
#ifndef Q_MOC_RUN
#include "filter_test_data.h"
#include "js/json.h"
#include "mapping/filter_pattern.h"
#endif

#include <QtTest>

#include <stdexcept>
#include <string>

using namespace orderlab;

namespace {

QByteArray J(const char *text)
{
    QByteArray b(text);
    b.replace('\'', '"');
    return b;
}

std::string_view view(const QByteArray &b)
{
    return std::string_view(b.constData(), static_cast<std::size_t>(b.size()));
}

void matchColumns()
{
    QTest::addColumn<QByteArray>("pattern");
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<bool>("expected");
}

/// A row whose pattern and record are both written with single quotes.
void row(const char *name, const char *pattern, const char *record, bool expected)
{
    QTest::newRow(name) << J(pattern) << J(record) << expected;
}

/// A row against one of the full stream records of filter_test_data.h.
void recordRow(const char *name, const char *pattern, const char *recordText, bool expected)
{
    QTest::newRow(name) << J(pattern) << QByteArray(recordText) << expected;
}

} // namespace

class TstFilterPattern : public QObject
{
    Q_OBJECT

    void checkMatch()
    {
        QFETCH(QByteArray, pattern);
        QFETCH(QByteArray, record);
        QFETCH(bool, expected);
        const FilterPattern p = FilterPattern::parse(view(pattern));
        const js::Value r = js::parseJson(view(record));
        QCOMPARE(p.matches(r), expected);
    }

  private slots:
    void exactValues_data()
    {
        matchColumns();
        row("string", "{'a':['x']}", "{'a':'x'}", true);
        row("string other", "{'a':['x']}", "{'a':'y'}", false);
        row("string is case-sensitive", "{'a':['x']}", "{'a':'X'}", false);
        row("list is OR", "{'a':['y','x']}", "{'a':'x'}", true);
        row("missing field", "{'a':['x']}", "{'b':'x'}", false);
        row("number", "{'n':[5]}", "{'n':5}", true);
        row("number by value", "{'n':[5]}", "{'n':5.0}", true);
        row("number exponent", "{'n':[3.018e2]}", "{'n':301.8}", true);
        row("number other", "{'n':[5]}", "{'n':6}", false);
        row("number vs string", "{'n':[5]}", "{'n':'5'}", false);
        row("string vs number", "{'n':['5']}", "{'n':5}", false);
        row("true", "{'b':[true]}", "{'b':true}", true);
        row("true vs false", "{'b':[true]}", "{'b':false}", false);
        row("true vs string", "{'b':[true]}", "{'b':'true'}", false);
        row("false", "{'b':[false]}", "{'b':false}", true);
        row("null", "{'v':[null]}", "{'v':null}", true);
        row("null vs missing", "{'v':[null]}", "{}", false);
        row("null vs empty string", "{'v':[null]}", "{'v':''}", false);
        row("empty string", "{'v':['']}", "{'v':''}", true);
        row("empty string vs null", "{'v':['']}", "{'v':null}", false);
        row("value vs object", "{'v':['x']}", "{'v':{'x':1}}", false);
        row("mixed list", "{'v':[1,'a',null,true]}", "{'v':null}", true);
        row("escaped key and value", "{'k\\u00e9':['\\u00e9t\\u00e9']}", "{'k\u00e9':'\u00e9t\u00e9'}", true);
        QTest::newRow("quote and backslash in key")
            << QByteArray("{\"a\\\"b\\\\\":[\"x\\\"\"]}") << QByteArray("{\"a\\\"b\\\\\":\"x\\\"\"}") << true;
    }
    void exactValues() { checkMatch(); }

    void prefix_data()
    {
        matchColumns();
        row("prefix", "{'a':[{'prefix':'ord-'}]}", "{'a':'ord-17'}", true);
        row("prefix whole", "{'a':[{'prefix':'ord-'}]}", "{'a':'ord-'}", true);
        row("prefix other", "{'a':[{'prefix':'ord-'}]}", "{'a':'xord-1'}", false);
        row("prefix longer than value", "{'a':[{'prefix':'ord-'}]}", "{'a':'or'}", false);
        row("prefix on number", "{'a':[{'prefix':'1'}]}", "{'a':17}", false);
        row("prefix on null", "{'a':[{'prefix':'n'}]}", "{'a':null}", false);
        row("prefix missing", "{'a':[{'prefix':'o'}]}", "{}", false);
        row("empty prefix", "{'a':[{'prefix':''}]}", "{'a':'anything'}", true);
        row("prefix or exact", "{'a':[{'prefix':'x'},'ord-1']}", "{'a':'ord-1'}", true);
    }
    void prefix() { checkMatch(); }

    void anythingBut_data()
    {
        matchColumns();
        row("string other", "{'s':[{'anything-but':'BAKING'}]}", "{'s':'READY'}", true);
        row("string same", "{'s':[{'anything-but':'BAKING'}]}", "{'s':'BAKING'}", false);
        row("missing never matches", "{'s':[{'anything-but':'BAKING'}]}", "{}", false);
        row("number passes string", "{'s':[{'anything-but':'5'}]}", "{'s':5}", true);
        row("null passes", "{'s':[{'anything-but':'x'}]}", "{'s':null}", true);
        row("object is no value", "{'s':[{'anything-but':'x'}]}", "{'s':{'S':'y'}}", false);
        row("list in", "{'s':[{'anything-but':['A','B']}]}", "{'s':'B'}", false);
        row("list out", "{'s':[{'anything-but':['A','B']}]}", "{'s':'C'}", true);
        row("numbers out", "{'n':[{'anything-but':[100,200]}]}", "{'n':150}", true);
        row("numbers in", "{'n':[{'anything-but':[100,200]}]}", "{'n':200.0}", false);
        row("numbers vs string", "{'n':[{'anything-but':[200]}]}", "{'n':'200'}", true);
        row("single number", "{'n':[{'anything-but':0}]}", "{'n':0}", false);
        row("prefix excluded", "{'s':[{'anything-but':{'prefix':'BAK'}}]}", "{'s':'BAKING'}", false);
        row("prefix passes", "{'s':[{'anything-but':{'prefix':'BAK'}}]}", "{'s':'READY'}", true);
        row("prefix passes number", "{'s':[{'anything-but':{'prefix':'1'}}]}", "{'s':12}", true);
        row("prefix missing", "{'s':[{'anything-but':{'prefix':'BAK'}}]}", "{}", false);
        row("array one passes", "{'t':[{'anything-but':'banned'}]}", "{'t':['banned','ok']}", true);
        row("array none passes", "{'t':[{'anything-but':'banned'}]}", "{'t':['banned']}", false);
        row("empty array", "{'t':[{'anything-but':'banned'}]}", "{'t':[]}", false);
    }
    void anythingBut() { checkMatch(); }

    void exists_data()
    {
        matchColumns();
        row("true on string", "{'a':[{'exists':true}]}", "{'a':'x'}", true);
        row("true on null", "{'a':[{'exists':true}]}", "{'a':null}", true);
        row("true on false", "{'a':[{'exists':true}]}", "{'a':false}", true);
        row("true on missing", "{'a':[{'exists':true}]}", "{}", false);
        row("true on object (not a leaf)", "{'a':[{'exists':true}]}", "{'a':{'S':'x'}}", false);
        row("true on empty array", "{'a':[{'exists':true}]}", "{'a':[]}", false);
        row("true on array of values", "{'a':[{'exists':true}]}", "{'a':[1,2]}", true);
        row("true on array of objects", "{'a':[{'exists':true}]}", "{'a':[{'b':1}]}", false);
        row("false on missing", "{'a':[{'exists':false}]}", "{'b':1}", true);
        row("false on present", "{'a':[{'exists':false}]}", "{'a':1}", false);
        row("false on null", "{'a':[{'exists':false}]}", "{'a':null}", false);
        row("false on object (not a leaf)", "{'a':[{'exists':false}]}", "{'a':{'S':'x'}}", true);
        row("false under missing parent", "{'p':{'a':[{'exists':false}]}}", "{}", true);
        row("false under value parent", "{'p':{'a':[{'exists':false}]}}", "{'p':'x'}", true);
        row("true under missing parent", "{'p':{'a':[{'exists':true}]}}", "{}", false);
        row("false or value", "{'a':[{'exists':false},'x']}", "{'a':'x'}", true);
        row("false or value, neither", "{'a':[{'exists':false},'x']}", "{'a':'y'}", false);
        row("with other keys", "{'a':[{'exists':true}],'b':[{'exists':false}]}", "{'a':1}", true);
    }
    void exists() { checkMatch(); }

    void numeric_data()
    {
        matchColumns();
        const char *range = "{'c':[{'numeric':['>',0,'<=',5]}]}";
        row("range top", range, "{'c':5}", true);
        row("range inside", range, "{'c':0.5}", true);
        row("range open bottom", range, "{'c':0}", false);
        row("range above", range, "{'c':5.000001}", false);
        row("range below", range, "{'c':-3}", false);
        row("range on string", range, "{'c':'3'}", false);
        row("range on missing", range, "{}", false);
        row("range on null", range, "{'c':null}", false);
        row("range on array", range, "{'c':[100,5,200]}", true);
        row(">= 5 inclusive", "{'c':[{'numeric':['>=',5,'<',10]}]}", "{'c':5}", true);
        row("< 10 open top", "{'c':[{'numeric':['>=',5,'<',10]}]}", "{'c':10}", false);
        row("= equal", "{'c':[{'numeric':['=',3.018e2]}]}", "{'c':301.8}", true);
        row("= other", "{'c':[{'numeric':['=',301.8]}]}", "{'c':301.9}", false);
        row("< alone", "{'c':[{'numeric':['<',10]}]}", "{'c':-1e9}", true);
        row("<= alone", "{'c':[{'numeric':['<=',10]}]}", "{'c':10}", true);
        row("> alone", "{'c':[{'numeric':['>',5]}]}", "{'c':5}", false);
        row(">= alone", "{'c':[{'numeric':['>=',-5e9]}]}", "{'c':-5e9}", true);
        row("record beyond 5e9", "{'c':[{'numeric':['>',0]}]}", "{'c':6e9}", false);
        row("two ranges OR", "{'c':[{'numeric':['<',0]},{'numeric':['>',10]}]}", "{'c':11}", true);
        row("N text never numeric", "{'n':{'N':[{'numeric':['=',1]}]}}", "{'n':{'N':'1'}}", false);
    }
    void numeric() { checkMatch(); }

    void nestingAndArrays_data()
    {
        matchColumns();
        row("AND both", "{'a':['1'],'b':['2']}", "{'a':'1','b':'2'}", true);
        row("AND one fails", "{'a':['1'],'b':['2']}", "{'a':'1','b':'3'}", false);
        row("nested", "{'x':{'y':{'z':['v']}}}", "{'x':{'y':{'z':'v','w':1}},'q':2}", true);
        row("nested other", "{'x':{'y':{'z':['v']}}}", "{'x':{'y':{'z':'u'}}}", false);
        row("nested missing", "{'x':{'y':{'z':['v']}}}", "{'x':{}}", false);
        row("object pattern vs value", "{'x':{'y':['v']}}", "{'x':'v'}", false);
        row("nested AND at two levels", "{'x':{'a':['1']},'y':['2']}", "{'x':{'a':'1'},'y':'2'}", true);
        row("repeated key merges (AND)", "{'d':{'n':['1']},'d':{'o':['2']}}", "{'d':{'n':'1','o':'2'}}", true);
        row("repeated key merges, one fails", "{'d':{'n':['1']},'d':{'o':['2']}}", "{'d':{'n':'1','o':'3'}}", false);
        row("repeated key merges, first fails", "{'d':{'n':['1']},'d':{'o':['2']}}", "{'d':{'n':'0','o':'2'}}", false);
        row("repeated list: later wins", "{'a':['x'],'a':['y']}", "{'a':'y'}", true);
        row("repeated list: earlier dropped", "{'a':['x'],'a':['y']}", "{'a':'x'}", false);
        row("array membership", "{'tags':['admin']}", "{'tags':['user','admin']}", true);
        row("array no member", "{'tags':['root']}", "{'tags':['user','admin']}", false);
        row("nested arrays flatten", "{'t':['c']}", "{'t':[['a','b'],['c']]}", true);
        row("array of objects", "{'e':{'first':['Anna']}}",
            "{'e':[{'first':'John','last':'Doe'},{'first':'Anna','last':'Smith'}]}", true);
        row("array elements stay apart", "{'e':{'first':['Anna'],'last':['Doe']}}",
            "{'e':[{'first':'John','last':'Doe'},{'first':'Anna','last':'Smith'}]}", false);
        row("array object in the middle", "{'e':{'first':['Anna']}}",
            "{'e':[{'first':'John'},{'first':'Anna'},{'first':'Peter'}]}", true);
        row("array value in the middle", "{'tags':['b']}", "{'tags':['a','b','c']}", true);
        row("array same element", "{'e':{'first':['Anna'],'last':['Smith']}}",
            "{'e':[{'first':'John','last':'Doe'},{'first':'Anna','last':'Smith'}]}", true);
        row("arrays of arrays of objects", "{'e':{'first':['Peter']}}",
            "{'e':[[{'first':'Anna'}],[{'first':'Peter'}]]}", true);
        row("exists false in array element", "{'d':{'a':[{'exists':true}],'b':[{'exists':false}]}}", "{'d':[{'a':1}]}",
            true);
        row("exists false, element has it", "{'d':{'a':[{'exists':true}],'b':[{'exists':false}]}}",
            "{'d':[{'a':1,'b':2}]}", false);
        row("empty array is absent", "{'d':{'a':[{'exists':false}]}}", "{'d':[]}", true);
        row("numeric key", "{'0':['z']}", "{'0':'z'}", true);
    }
    void nestingAndArrays() { checkMatch(); }

    void streamRecords_data()
    {
        using namespace filter_test_data;
        matchColumns();
        // The two examples of docs/stream-and-mapping.md, "Filtering".
        recordRow("spec: type key spelled out", "{'dynamodb':{'NewImage':{'status':{'S':['BAKING']}}}}", kModifyRecord,
                  true);
        recordRow("spec: type key missing", "{'dynamodb':{'NewImage':{'status':['BAKING']}}}", kModifyRecord, false);
        recordRow("status elsewhere", "{'dynamodb':{'NewImage':{'status':{'S':['BAKING']}}}}", kInsertRecord, false);
        recordRow("eventName MODIFY", "{'eventName':['MODIFY']}", kModifyRecord, true);
        recordRow("eventName INSERT or REMOVE", "{'eventName':['INSERT','REMOVE']}", kModifyRecord, false);
        recordRow("transition PREPARING to BAKING",
                  "{'dynamodb':{'OldImage':{'status':{'S':['PREPARING']}},'NewImage':{'status':{'S':['BAKING']}}}}",
                  kModifyRecord, true);
        recordRow("Lambda guide AND with repeated dynamodb",
                  "{'dynamodb':{'NewImage':{'status':{'S':['BAKING']}}},'dynamodb':{'OldImage':{'status':{'S':['"
                  "PREPARING']}}}}",
                  kModifyRecord, true);
        recordRow(
            "Lambda guide AND, second half fails",
            "{'dynamodb':{'NewImage':{'status':{'S':['BAKING']}}},'dynamodb':{'OldImage':{'status':{'S':['READY']}}}}",
            kModifyRecord, false);
        recordRow("Lambda guide AND, first half fails",
                  "{'dynamodb':{'NewImage':{'status':{'S':['READY']}}},'dynamodb':{'OldImage':{'status':{'S':['"
                  "PREPARING']}}}}",
                  kModifyRecord, false);
        recordRow("status changed (not equal old)",
                  "{'dynamodb':{'NewImage':{'status':{'S':[{'anything-but':['PREPARING']}]}}}}", kModifyRecord, true);
        recordRow("N as exact string", "{'dynamodb':{'NewImage':{'numItems':{'N':['1']}}}}", kModifyRecord, true);
        recordRow("N as number never", "{'dynamodb':{'NewImage':{'numItems':{'N':[1]}}}}", kModifyRecord, false);
        recordRow("N numeric never", "{'dynamodb':{'NewImage':{'numItems':{'N':[{'numeric':['>',0]}]}}}}",
                  kModifyRecord, false);
        recordRow("ApproximateCreationDateTime is a number",
                  "{'dynamodb':{'ApproximateCreationDateTime':[{'numeric':['>=',1732449900,'<',1732450000]}]}}",
                  kModifyRecord, true);
        recordRow("ApproximateCreationDateTime too early",
                  "{'dynamodb':{'ApproximateCreationDateTime':[{'numeric':['>',1732449900]}]}}", kModifyRecord, false);
        recordRow("SizeBytes is a number", "{'dynamodb':{'SizeBytes':[{'numeric':['>',200]}]}}", kModifyRecord, true);
        recordRow("SizeBytes exact", "{'dynamodb':{'SizeBytes':[155]}}", kInsertRecord, true);
        recordRow("SequenceNumber is a string", "{'dynamodb':{'SequenceNumber':['100000000000000000002']}}",
                  kModifyRecord, true);
        recordRow("key prefix", "{'dynamodb':{'Keys':{'pk':{'S':[{'prefix':'ord-'}]}}}}", kInsertRecord, true);
        recordRow("nested list of maps",
                  "{'dynamodb':{'NewImage':{'items':{'L':{'M':{'name':{'S':['margherita']}}}}}}}", kInsertRecord, true);
        recordRow("topping in nested list",
                  "{'dynamodb':{'NewImage':{'items':{'L':{'M':{'toppings':{'L':{'S':['mozzarella']}}}}}}}}",
                  kInsertRecord, true);
        recordRow("topping absent",
                  "{'dynamodb':{'NewImage':{'items':{'L':{'M':{'toppings':{'L':{'S':['mozzarella']}}}}}}}}",
                  kModifyRecord, false);
        recordRow("exists on an attribute: not a leaf", "{'dynamodb':{'NewImage':{'lastUpdated':[{'exists':true}]}}}",
                  kModifyRecord, false);
        recordRow("exists on its type key", "{'dynamodb':{'NewImage':{'lastUpdated':{'S':[{'exists':true}]}}}}",
                  kModifyRecord, true);
        recordRow("exists false on its type key", "{'dynamodb':{'NewImage':{'lastUpdated':{'S':[{'exists':false}]}}}}",
                  kInsertRecord, true);
        recordRow("no OldImage on INSERT", "{'dynamodb':{'OldImage':{'pk':{'S':[{'exists':false}]}}}}", kInsertRecord,
                  true);
        recordRow("TTL delete by userIdentity",
                  "{'userIdentity':{'type':['Service'],'principalId':['dynamodb.amazonaws.com']}}", kTtlRemoveRecord,
                  true);
        recordRow("userIdentity absent on a user write", "{'userIdentity':{'type':['Service']}}", kModifyRecord, false);
        recordRow("not a TTL delete", "{'eventName':['REMOVE'],'userIdentity':{'type':[{'exists':false}]}}",
                  kTtlRemoveRecord, false);
        recordRow("empty L is absent", "{'dynamodb':{'OldImage':{'items':{'L':{'M':[{'exists':false}]}}}}}",
                  kTtlRemoveRecord, true);
        recordRow("several conditions",
                  "{'eventSource':['aws:dynamodb'],'awsRegion':[{'prefix':'us-'}],'dynamodb':{'StreamViewType':['NEW_"
                  "AND_OLD_IMAGES'],'NewImage':{'creator':{'S':['alice']}}}}",
                  kModifyRecord, true);
    }
    void streamRecords() { checkMatch(); }

    void invalid_data()
    {
        QTest::addColumn<QByteArray>("pattern");
        QTest::addColumn<QString>("message");
        auto bad = [](const char *name, const char *pattern, const char *message) {
            QTest::newRow(name) << J(pattern) << QString::fromUtf8(message);
        };
        bad("not JSON", "{'a':['x']", "filter pattern: not valid JSON: JSON.parse: ");
        bad("empty text", "", "filter pattern: not valid JSON");
        bad("trailing text", "{'a':['x']} x", "filter pattern: not valid JSON");
        bad("array", "[{'a':['x']}]", "filter pattern: a pattern must be a JSON object, found an array");
        bad("string", "'x'", "filter pattern: a pattern must be a JSON object, found a string");
        bad("null", "null", "found null");
        bad("empty pattern", " {} ", "filter pattern: the pattern is an empty object; Lambda rejects {}");
        bad("empty nested object", "{'a':{}}", "filter pattern: a: an empty object is not allowed");
        bad("leaf is a string", "{'dynamodb':{'NewImage':{'status':'BAKING'}}}",
            "filter pattern: dynamodb.NewImage.status: a match list must be a JSON array, found a string");
        bad("leaf is a number", "{'a':5}", "filter pattern: a: a match list must be a JSON array, found a number");
        bad("leaf is null", "{'a':null}", "a: a match list must be a JSON array, found null");
        bad("empty match list", "{'a':{'b':[]}}", "filter pattern: a.b: an empty match list [] is not allowed");
        bad("array in match list", "{'a':[['x']]}",
            "a: a match value must be a string, a number, a boolean, null or a "
            "condition object, found an array");
        bad("number too large", "{'a':[1e400]}", "a: a number is out of range");
        bad("unknown operator", "{'a':[{'equals':'x'}]}", "a: unknown match condition \"equals\"");
        bad("suffix", "{'a':[{'suffix':'.png'}]}", "a: \"suffix\" is not supported by orderlab");
        bad("equals-ignore-case", "{'a':[{'equals-ignore-case':'x'}]}", "\"equals-ignore-case\" is not supported");
        bad("wildcard", "{'a':[{'wildcard':'x*'}]}", "\"wildcard\" is not supported");
        bad("cidr", "{'a':[{'cidr':'10.0.0.0/8'}]}", "\"cidr\" is not supported");
        bad("$or", "{'$or':[{'a':['x']},{'b':['y']}]}", "filter pattern: $or: $or is not supported by orderlab");
        bad("two keys", "{'a':[{'prefix':'x','exists':true}]}",
            "a: a condition object must have exactly one key, found 2");
        bad("no key", "{'a':[{}]}", "a: a condition object must have exactly one key, found 0");
        bad("prefix number", "{'a':[{'prefix':5}]}", "a: prefix: must be a string, found a number");
        bad("exists string", "{'a':[{'exists':'true'}]}", "a: exists: must be true or false, found a string");
        bad("exists null", "{'a':[{'exists':null}]}", "exists: must be true or false, found null");
        bad("anything-but null", "{'a':[{'anything-but':null}]}", "a: anything-but: must be a string, a number");
        bad("anything-but boolean", "{'a':[{'anything-but':true}]}", "found a boolean");
        bad("anything-but empty list", "{'a':[{'anything-but':[]}]}",
            "anything-but: a list must hold only strings or "
            "only numbers");
        bad("anything-but mixed list", "{'a':[{'anything-but':['x',1]}]}", "only strings or only numbers");
        bad("anything-but list of null", "{'a':[{'anything-but':[null]}]}", "only strings or only numbers");
        bad("anything-but empty prefix", "{'a':[{'anything-but':{'prefix':''}}]}",
            "anything-but: prefix must not be empty");
        bad("anything-but prefix number", "{'a':[{'anything-but':{'prefix':1}}]}",
            "anything-but: prefix must be a string");
        bad("anything-but suffix", "{'a':[{'anything-but':{'suffix':'x'}}]}",
            "anything-but: \"suffix\" is not supported");
        bad("anything-but other object", "{'a':[{'anything-but':{'exists':true}}]}",
            "anything-but: an object must be {\"prefix\": \"...\"}");
        bad("anything-but big number", "{'a':[{'anything-but':[1,6e9]}]}",
            "anything-but: 6000000000 is outside -5e9..5e9");
        bad("numeric not array", "{'a':[{'numeric':5}]}", "a: numeric: must be an array, found a number");
        bad("numeric empty", "{'a':[{'numeric':[]}]}", "numeric: expected 2 or 4 elements, found 0");
        bad("numeric three", "{'a':[{'numeric':['>',0,'<']}]}", "numeric: expected 2 or 4 elements, found 3");
        bad("numeric five", "{'a':[{'numeric':['>',0,'<',5,1]}]}", "numeric: expected 2 or 4 elements, found 5");
        bad("numeric unknown operator", "{'a':[{'numeric':['!=',5]}]}", "a: numeric: unknown operator \"!=\"");
        bad("numeric == operator", "{'a':[{'numeric':['==',5]}]}", "numeric: unknown operator \"==\"");
        bad("numeric value first", "{'a':[{'numeric':[5,'>']}]}",
            "numeric: expected an operator first, found a number");
        bad("numeric string value", "{'a':[{'numeric':['>','5']}]}",
            "numeric: the value after \">\" must be a number, found a string");
        bad("numeric upper bound first", "{'a':[{'numeric':['<',5,'>',0]}]}",
            "numeric: a range starts with its lower bound");
        bad("numeric = range", "{'a':[{'numeric':['=',5,'<',6]}]}", "a range starts with its lower bound");
        bad("numeric two lower bounds", "{'a':[{'numeric':['>',0,'>=',5]}]}",
            "numeric: the upper bound's operator must be \"<\" or \"<=\", found \">=\"");
        bad("numeric upper not a number", "{'a':[{'numeric':['>',0,'<',null]}]}",
            "the value after \"<\" must be a number, found null");
        bad("numeric upper operator not a string", "{'a':[{'numeric':['>',0,5,6]}]}",
            "numeric: expected an operator after the lower bound, found a number");
        bad("numeric empty range", "{'a':[{'numeric':['>',5,'<',5]}]}",
            "numeric: the lower bound must be less than the upper bound");
        bad("numeric inverted range", "{'a':[{'numeric':['>=',9,'<=',1]}]}", "lower bound must be less");
        bad("numeric beyond 5e9", "{'a':[{'numeric':['<',5000000001]}]}", "numeric: 5000000001 is outside -5e9..5e9");
        bad("error deep in a merged key", "{'d':{'a':['x']},'d':{'b':[{'numeric':['<']}]}}",
            "filter pattern: d.b: numeric");
    }

    void invalid()
    {
        QFETCH(QByteArray, pattern);
        QFETCH(QString, message);
        try {
            FilterPattern::parse(view(pattern));
        } catch (const std::invalid_argument &e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.startsWith(QLatin1String("filter pattern: ")), e.what());
            QVERIFY2(what.contains(message), e.what());
            return;
        }
        QFAIL("the pattern was accepted");
    }

    void patternLength()
    {
        // Lambda's limit is 4096 characters; 'é' is one character in two UTF-8 bytes.
        const std::string head = "{\"a\":[\"";
        const std::string tail = "\"]}";
        std::string atLimit = head;
        for (std::size_t i = head.size() + tail.size(); i < 4096; ++i)
            atLimit += "\xC3\xA9";
        atLimit += tail;
        const FilterPattern p = FilterPattern::parse(atLimit);
        QCOMPARE(p.text(), atLimit);

        const std::string over = head + std::string(4096 - head.size() - tail.size() + 1, 'x') + tail;
        try {
            FilterPattern::parse(over);
            QFAIL("a pattern of 4097 characters was accepted");
        } catch (const std::invalid_argument &e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     QStringLiteral("filter pattern: 4097 characters, more than Lambda's 4096"));
        }
    }

    void messageNamesPathAndProblem()
    {
        try {
            FilterPattern::parse("{\"dynamodb\":{\"NewImage\":{\"status\":\"BAKING\"}}}");
            QFAIL("accepted");
        } catch (const std::invalid_argument &e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     QStringLiteral("filter pattern: dynamodb.NewImage.status: a match list must be a JSON array, "
                                    "found a string"));
        }
    }

    void deepPatterns()
    {
        // 600 nested objects (3605 characters) parse and match.
        std::string pattern, record;
        for (int i = 0; i < 600; ++i) {
            pattern += "{\"k\":";
            record += "{\"k\":";
        }
        pattern += "[\"v\"]" + std::string(600, '}');
        record += "[[\"v\"]]" + std::string(600, '}');
        QVERIFY(FilterPattern::parse(pattern).matches(js::parseJson(record)));

        // Nesting past core's JSON depth limit fits in 4096 characters only as arrays; it is refused.
        const std::string tooDeep = "{\"k\":" + std::string(1500, '[') + std::string(1500, ']') + "}";
        try {
            FilterPattern::parse(tooDeep);
            QFAIL("accepted");
        } catch (const std::invalid_argument &e) {
            QVERIFY2(QByteArray(e.what()).startsWith("filter pattern: not valid JSON: "), e.what());
        }
    }

    void textIsKept()
    {
        const std::string text = "{ \"eventName\" : [ \"INSERT\" ] }";
        const FilterPattern p = FilterPattern::parse(text);
        QCOMPARE(p.text(), text);
        const FilterPattern copy = p; // copies share the parsed pattern
        QCOMPARE(copy.text(), text);
        QVERIFY(copy.matches(js::parseJson(filter_test_data::kInsertRecord)));
        QVERIFY(!copy.matches(js::parseJson(filter_test_data::kModifyRecord)));
    }

    void recordThatIsNotAnObject()
    {
        const FilterPattern absent = FilterPattern::parse("{\"a\":[{\"exists\":false}]}");
        const FilterPattern present = FilterPattern::parse("{\"a\":[{\"exists\":true}]}");
        QVERIFY(absent.matches(js::Value("text")));
        QVERIFY(!present.matches(js::Value("text")));
        QVERIFY(!present.matches(js::Value()));
        QVERIFY(absent.matches(js::parseJson("[]")));
        QVERIFY(present.matches(js::parseJson("[{\"b\":1},{\"a\":2}]")));
    }

    void passesFiltersIsAnyOf()
    {
        const js::Value modify = js::parseJson(filter_test_data::kModifyRecord);
        const js::Value insert = js::parseJson(filter_test_data::kInsertRecord);
        const js::Value ttl = js::parseJson(filter_test_data::kTtlRemoveRecord);

        QVERIFY(passesFilters({}, modify)); // no filters: everything passes

        const std::vector<FilterPattern> filters = {
            FilterPattern::parse("{\"eventName\":[\"INSERT\"]}"),
            FilterPattern::parse("{\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":[\"BAKING\"]}}}}"),
        };
        QVERIFY(passesFilters(filters, insert));
        QVERIFY(passesFilters(filters, modify));
        QVERIFY(!passesFilters(filters, ttl));

        const std::vector<FilterPattern> none = {
            FilterPattern::parse("{\"eventName\":[\"MODIFY\"],\"userIdentity\":{\"type\":[\"Service\"]}}")};
        QVERIFY(!passesFilters(none, modify));
        QVERIFY(!passesFilters(none, ttl));
    }
};

QTEST_GUILESS_MAIN(TstFilterPattern)
#include "tst_filter_pattern.moc"
