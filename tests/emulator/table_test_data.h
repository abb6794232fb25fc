#pragma once
// JSON texts for tst_attribute_value and tst_orders_table. Kept out of the test .cpp files because
// moc misparses raw string literals; include inside #ifndef Q_MOC_RUN.

#include <string_view>

namespace orderlab::testdata {

// The MODIFY example of docs/stream-and-mapping.md ("Example record"), whose SizeBytes is 283.
inline constexpr std::string_view kSpecKeys = "{\"pk\":{\"S\":\"ord-1\"}}";
inline constexpr std::string_view kSpecNewImage =
    "{\"status\":{\"S\":\"BAKING\"},\"creator\":{\"S\":\"alice\"},\"pk\":{\"S\":\"ord-1\"},\"createdAt\":{\"S\":\"2024-"
    "11-24T12:00:00.000Z\"},\"numItems\":{\"N\":\"1\"},\"lastUpdated\":{\"S\":\"2024-11-24T12:05:00.000Z\"},\"items\":{"
    "\"L\":[{\"M\":{\"size\":{\"S\":\"L\"},\"price\":{\"N\":\"12.5\"},\"toppings\":{\"L\":[{\"S\":\"basil\"}]}}}]}}";
inline constexpr std::string_view kSpecOldImage =
    "{\"status\":{\"S\":\"PREPARING\"},\"creator\":{\"S\":\"alice\"},\"pk\":{\"S\":\"ord-1\"},\"createdAt\":{\"S\":"
    "\"2024-11-24T12:00:00.000Z\"},\"numItems\":{\"N\":\"1\"},\"items\":{\"L\":[{\"M\":{\"size\":{\"S\":\"L\"},"
    "\"price\":{\"N\":\"12.5\"},\"toppings\":{\"L\":[{\"S\":\"basil\"}]}}}]}}";
inline constexpr int kSpecSizeBytes = 283;

/// An AttributeValue JSON text and what appendJson writes back for it.
struct JsonRoundTrip
{
    const char *name;
    std::string_view input;
    std::string_view output;
};

inline constexpr JsonRoundTrip kRoundTrips[] = {
    {"S", "{\"S\":\"dåvid 🍕\"}", "{\"S\":\"dåvid 🍕\"}"},
    {"S empty", "{\"S\":\"\"}", "{\"S\":\"\"}"},
    {"S escapes", "{\"S\":\"a\\\"b\\\\c\\n\\u0001/\"}", "{\"S\":\"a\\\"b\\\\c\\n\\u0001/\"}"},
    {"N canonical", "{\"N\":\"12.5\"}", "{\"N\":\"12.5\"}"},
    {"N exponent", "{\"N\":\"1E+2\"}", "{\"N\":\"100\"}"},
    {"N negative zero", "{\"N\":\"-0\"}", "{\"N\":\"0\"}"},
    {"N small", "{\"N\":\"1E-7\"}", "{\"N\":\"0.0000001\"}"},
    {"B", "{\"B\":\"AQI=\"}", "{\"B\":\"AQI=\"}"},
    {"B empty", "{\"B\":\"\"}", "{\"B\":\"\"}"},
    {"BOOL true", "{\"BOOL\":true}", "{\"BOOL\":true}"},
    {"BOOL false", "{\"BOOL\":false}", "{\"BOOL\":false}"},
    {"NULL", "{\"NULL\":true}", "{\"NULL\":true}"},
    {"L", "{\"L\":[{\"S\":\"x\"},{\"N\":\"1.50\"},{\"NULL\":true}]}",
     "{\"L\":[{\"S\":\"x\"},{\"N\":\"1.5\"},{\"NULL\":true}]}"},
    {"L empty", "{\"L\":[]}", "{\"L\":[]}"},
    {"M", "{\"M\":{\"b\":{\"S\":\"x\"},\"a\":{\"N\":\"1\"}}}", "{\"M\":{\"b\":{\"S\":\"x\"},\"a\":{\"N\":\"1\"}}}"},
    {"M empty", "{\"M\":{}}", "{\"M\":{}}"},
    {"M nested", "{\"M\":{\"items\":{\"L\":[{\"M\":{\"price\":{\"N\":\"12.50\"}}}]}}}",
     "{\"M\":{\"items\":{\"L\":[{\"M\":{\"price\":{\"N\":\"12.5\"}}}]}}}"},
    {"SS", "{\"SS\":[\"b\",\"a\",\"\"]}", "{\"SS\":[\"b\",\"a\",\"\"]}"},
    {"NS", "{\"NS\":[\"2.50\",\"1E+1\",\"-0.1\"]}", "{\"NS\":[\"2.5\",\"10\",\"-0.1\"]}"},
    {"BS", "{\"BS\":[\"AwQ=\",\"AQI=\",\"\"]}", "{\"BS\":[\"AwQ=\",\"AQI=\",\"\"]}"},
    {"spaces", " { \"S\" : \"x\" } ", "{\"S\":\"x\"}"},
};

/// An AttributeValue JSON text parseAttributeValue refuses, and the ValidationError's message.
struct JsonError
{
    const char *name;
    std::string_view input;
    std::string_view message;
};

inline constexpr JsonError kAttributeErrors[] = {
    {"not an object", "\"x\"", "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"},
    {"null", "null", "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"},
    {"array", "[]", "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"},
    {"empty object", "{}", "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"},
    {"two types", "{\"S\":\"a\",\"N\":\"1\"}",
     "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"},
    {"unknown type", "{\"X\":\"y\"}",
     "Supplied AttributeValue has an unsupported datatype: X (supported: S, N, B, BOOL, NULL, L, M, SS, NS, BS)"},
    {"lower-case type", "{\"s\":\"y\"}",
     "Supplied AttributeValue has an unsupported datatype: s (supported: S, N, B, BOOL, NULL, L, M, SS, NS, BS)"},
    {"unknown beside known", "{\"S\":\"x\",\"X\":\"y\"}",
     "Supplied AttributeValue has an unsupported datatype: X (supported: S, N, B, BOOL, NULL, L, M, SS, NS, BS)"},
    {"S not a string", "{\"S\":1}", "S must be a JSON string, found number"},
    {"N not a string", "{\"N\":1}", "N must be a JSON string, found number"},
    {"N not a number", "{\"N\":\"abc\"}", "The parameter cannot be converted to a numeric value: abc"},
    {"N empty", "{\"N\":\"\"}", "The parameter cannot be converted to a numeric value"},
    {"N too precise", "{\"N\":\"123456789012345678901234567890123456789\"}",
     "Attempting to store more than 38 significant digits in a Number"},
    {"N overflow", "{\"N\":\"1e126\"}",
     "Number overflow. Attempting to store a number with magnitude larger than supported range"},
    {"N underflow", "{\"N\":\"1e-131\"}",
     "Number underflow. Attempting to store a number with magnitude smaller than supported range"},
    {"B not a string", "{\"B\":[1]}", "B must be a JSON string, found array"},
    {"B bad length", "{\"B\":\"23456\"}",
     "'23456' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 5"},
    {"B bad character", "{\"B\":\"=+/=\"}", "'=+/=' can not be converted to a Blob: Invalid Base64 character: '='"},
    {"B bad last character", "{\"B\":\"+/+=\"}",
     "'+/+=' can not be converted to a Blob: Invalid last non-pad Base64 character dectected"},
    {"BOOL not a boolean", "{\"BOOL\":\"true\"}", "BOOL must be a JSON boolean, found string"},
    {"NULL false", "{\"NULL\":false}",
     "One or more parameter values were invalid: Null attribute value types must have the value of true"},
    {"NULL not a boolean", "{\"NULL\":\"no\"}",
     "One or more parameter values were invalid: Null attribute value types must have the value of true"},
    {"L not an array", "{\"L\":{}}", "L must be a JSON array, found object"},
    {"L null", "{\"L\":null}", "L must be a JSON array, found null"},
    {"M not an object", "{\"M\":[]}", "M must be a JSON object, found array"},
    {"SS empty", "{\"SS\":[]}", "One or more parameter values were invalid: An string set  may not be empty"},
    {"NS empty", "{\"NS\":[]}", "One or more parameter values were invalid: An number set  may not be empty"},
    {"BS empty", "{\"BS\":[]}", "One or more parameter values were invalid: Binary sets should not be empty"},
    {"SS duplicates", "{\"SS\":[\"a\",\"a\"]}",
     "One or more parameter values were invalid: Input collection [a, a] contains duplicates."},
    {"NS duplicates", "{\"NS\":[\"1\",\"1\"]}", "Input collection contains duplicates"},
    {"NS duplicates after canonicalisation", "{\"NS\":[\"1\",\"1.0\",\"2\"]}", "Input collection contains duplicates"},
    {"BS duplicates", "{\"BS\":[\"Yg==\",\"Yg==\"]}",
     "One or more parameter values were invalid: Input collection [Yg==, Yg==]of type BS contains duplicates."},
    {"SS not an array", "{\"SS\":\"a\"}", "SS must be a JSON array, found string"},
    {"SS element not a string", "{\"SS\":[\"a\",1]}", "SS must be a JSON string, found number (attribute [1])"},
    {"NS element not a number", "{\"NS\":[\"1\",\"x\"]}",
     "The parameter cannot be converted to a numeric value: x (attribute [1])"},
    {"BS element not base64", "{\"BS\":[\"AQI=\",\"AQ\"]}",
     "'AQ' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 2 "
     "(attribute [1])"},
    {"L element empty", "{\"L\":[{\"S\":\"a\"},{}]}",
     "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes (attribute [1])"},
    {"M path", "{\"M\":{\"a\":{\"M\":{\"b\":{\"N\":\"1e200\"}}}}}",
     "Number overflow. Attempting to store a number with magnitude larger than supported range (attribute a.b)"},
    {"L in M path", "{\"M\":{\"a\":{\"L\":[{\"N\":\"1\"},{\"M\":{\"c\":{\"NULL\":false}}}]}}}",
     "One or more parameter values were invalid: Null attribute value types must have the value of true (attribute "
     "a[1].c)"},
};

/// An order whose price has no number in it: the error names "items[0].price".
inline constexpr std::string_view kItemWithBadPrice =
    "{\"pk\":{\"S\":\"o1\"},\"items\":{\"L\":[{\"M\":{\"size\":{\"S\":\"L\"},\"price\":{\"N\":\"abc\"}}}]}}";

/// A number as written and its canonical text (or, in kNumberErrors, the ValidationError's message).
struct NumberCase
{
    std::string_view input;
    std::string_view expected;
};

inline constexpr NumberCase kCanonicalNumbers[] = {
    {"0", "0"},
    {"-0", "0"},
    {"+0", "0"},
    {"0.000", "0"},
    {"-0.0e-5", "0"},
    {"0e1000", "0"},
    {"1E+2", "100"},
    {"1e2", "100"},
    {"100.0", "100"},
    {"100", "100"},
    {"1E-7", "0.0000001"},
    {"12.5", "12.5"},
    {"12.50", "12.5"},
    {"-12.50", "-12.5"},
    {"+3", "3"},
    {".123", "0.123"},
    {"5.", "5"},
    {"0001.23", "1.23"},
    {"-17e5", "-1700000"},
    {"-17.4E37", "-174000000000000000000000000000000000000"},
    {"1e+5", "100000"},
    {"12e-1", "1.2"},
    {"1234.5e-2", "12.345"},
    {"0.001e3", "1"},
    {"1723213300", "1723213300"},
    {"1E-130", "0."
               "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
               "000000000000000000000000001"},
    {"-1E-130", "-0."
                "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                "0000000000000000000000000001"},
    {"1e125", "10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
              "0000000000000000000000"},
    {"9.9999999999999999999999999999999999999E+125", "99999999999999999999999999999999999999000000000000000000000000000"
                                                     "0000000000000000000000000000000000000000000000000000000000000"},
    {"-9.9999999999999999999999999999999999999E+125",
     "-9999999999999999999999999999999999999900000000000000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000"},
    {"0.12345678901234567890123456789012345678", "0.12345678901234567890123456789012345678"},
    {"12345678901234567890123456789012345678000", "12345678901234567890123456789012345678000"},
    {"00000000000000000000000000000000000000000000000001", "1"},
    {"1.0000000000000000000000000000000000000000000", "1"},
    {"31415926535897932384626433832795028841e30",
     "31415926535897932384626433832795028841000000000000000000000000000000"},
};

inline constexpr NumberCase kNumberErrors[] = {
    {"", "The parameter cannot be converted to a numeric value"},
    {"abc", "The parameter cannot be converted to a numeric value: abc"},
    {"NaN", "The parameter cannot be converted to a numeric value: NaN"},
    {"Infinity", "The parameter cannot be converted to a numeric value: Infinity"},
    {"-Infinity", "The parameter cannot be converted to a numeric value: -Infinity"},
    {" 1", "The parameter cannot be converted to a numeric value:  1"},
    {"1 ", "The parameter cannot be converted to a numeric value: 1 "},
    {"1e", "The parameter cannot be converted to a numeric value: 1e"},
    {"1e+", "The parameter cannot be converted to a numeric value: 1e+"},
    {"--1", "The parameter cannot be converted to a numeric value: --1"},
    {"+-1", "The parameter cannot be converted to a numeric value: +-1"},
    {"1..2", "The parameter cannot be converted to a numeric value: 1..2"},
    {"1.2.3", "The parameter cannot be converted to a numeric value: 1.2.3"},
    {".", "The parameter cannot be converted to a numeric value: ."},
    {"-", "The parameter cannot be converted to a numeric value: -"},
    {"e5", "The parameter cannot be converted to a numeric value: e5"},
    {"0x10", "The parameter cannot be converted to a numeric value: 0x10"},
    {"1,5", "The parameter cannot be converted to a numeric value: 1,5"},
    {"1e5.5", "The parameter cannot be converted to a numeric value: 1e5.5"},
    {"1f", "The parameter cannot be converted to a numeric value: 1f"},
    {"١", "The parameter cannot be converted to a numeric value: ١"},
    {"123456789012345678901234567890123456789", "Attempting to store more than 38 significant digits in a Number"},
    {"-1.23456789012345678901234567890123456789", "Attempting to store more than 38 significant digits in a Number"},
    {"000.00314159265358979323846264338327950288419000",
     "Attempting to store more than 38 significant digits in a Number"},
    {"314159265358979323846264338327950288419e30", "Attempting to store more than 38 significant digits in a Number"},
    {"1e126", "Number overflow. Attempting to store a number with magnitude larger than supported range"},
    {"-1e126", "Number overflow. Attempting to store a number with magnitude larger than supported range"},
    {"10e125", "Number overflow. Attempting to store a number with magnitude larger than supported range"},
    {"10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "00000000000000",
     "Number overflow. Attempting to store a number with magnitude larger than supported range"},
    {"1e99999999999999999999999",
     "Number overflow. Attempting to store a number with magnitude larger than supported range"},
    {"1e-131", "Number underflow. Attempting to store a number with magnitude smaller than supported range"},
    {"-1e-131", "Number underflow. Attempting to store a number with magnitude smaller than supported range"},
    {"0.9e-130", "Number underflow. Attempting to store a number with magnitude smaller than supported range"},
    {"1e-99999999999999999999999",
     "Number underflow. Attempting to store a number with magnitude smaller than supported range"},
};

} // namespace orderlab::testdata
