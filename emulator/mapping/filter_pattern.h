#pragma once

#include "js/value.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace orderlab {

/**
 * One filter of an event source mapping's FilterCriteria: an EventBridge event pattern,
 * matched against a stream record as a JSON value (`docs/stream-and-mapping.md`, "Filtering").
 *
 * A pattern is a JSON object. A key whose value is an object descends into the record;
 * a key whose value is an array holds match conditions for the record value at that path.
 * All keys of an object must match (AND), any condition of an array may match (OR).
 * Supported conditions: exact values (string, number, boolean, null), `prefix`,
 * `anything-but` (a value, a list, or `{"prefix": …}`), `exists`, and `numeric`.
 * Where the record holds an array, each element is tried (arrays are "crushed out", and
 * the keys of one pattern object must all match within the same array element).
 * Patterns must spell out DynamoDB's type keys (`{"status":{"S":["BAKING"]}}`): the
 * record's `N` values are strings, so `numeric` never matches them.
 *
 * A FilterPattern is immutable once parsed: copies share the parsed form, and `matches`
 * may be called from several threads at once, as long as nobody modifies the record.
 */
class FilterPattern
{
  public:
    /**
     * Parses the `Pattern` string of a filter.
     * @throws std::invalid_argument with a message that starts with "filter pattern: ",
     *         names the path of the problem and the problem, e.g.
     *         "filter pattern: dynamodb.NewImage.status: a match list must be a JSON array, found a string",
     *         as Lambda rejects an invalid pattern when the mapping is created or updated.
     */
    static FilterPattern parse(std::string_view patternJson);

    /// True if `record` (a stream record as `js::parseJson` builds it) matches the pattern.
    bool matches(const js::Value &record) const;

    /// The pattern text as given to `parse`.
    const std::string &text() const { return m_text; }

    struct Node; ///< the parsed pattern (defined in the .cpp)

  private:
    FilterPattern(std::string text, std::shared_ptr<const Node> root);

    std::string m_text;
    std::shared_ptr<const Node> m_root;
};

/// True if `record` passes the mapping's filters: there are none, or any one of them matches.
bool passesFilters(const std::vector<FilterPattern> &filters, const js::Value &record);

} // namespace orderlab
