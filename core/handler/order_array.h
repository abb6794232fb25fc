#pragma once

#include "js/value.h"
#include "momento/responses.h"

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace orderlab {

/**
 * The handler's cached order arrays (`all-orders`, one per creator), edited as the
 * reference edits them: `JSON.parse`, `findIndex(i => i.id == id)`, spread-update,
 * unshift or splice, `JSON.stringify`. The result is byte-identical to that, but the
 * work is proportional to the changed entry, not to the array: the text of an array
 * this object wrote is remembered with an index of its entries (length and `id`), so a
 * later edit of the same buffer scans ids and splices bytes instead of parsing and
 * re-serialising every entry. A buffer it did not write (another writer, a restart)
 * is parsed once in full.
 *
 * Thread-safe: concurrent edits of one key each work on their own snapshot; the index
 * of a buffer is handed to one edit at a time, others fall back to a full parse.
 * Errors are thrown as js::JsError with the text JavaScript would throw.
 */
class OrderArrays
{
  public:
    OrderArrays();
    ~OrderArrays();

    /// The array after `upsert` of `summary` into `current` (a hit) — `[summary]` on a miss (`current` null).
    momento::CacheValue upsert(const std::string &key, const momento::CacheValue &current, const js::Value &summary);
    /// The array after removing the entry whose id == `id`; `current` unchanged (same buffer) if none matched.
    momento::CacheValue remove(const std::string &key, const momento::CacheValue &current, const js::Value &id);

    /// Number of full parses so far (a measure of how often the index was not reusable).
    std::size_t fullParses() const;

    struct Index; ///< entry lengths and ids of one array text (internal)

  private:
    std::unique_ptr<Index> take(const std::string &key, const momento::CacheValue &current);
    struct Undo;
    /// `index` describes `buffer`; `undo` turns it into that of `previous` (null: none), the buffer the
    /// edit was made from, for an edit whose result is never stored.
    void remember(const std::string &key, const momento::CacheValue &buffer, std::unique_ptr<Index> index,
                  const momento::CacheValue &previous, Undo undo);
    std::unique_ptr<Index> build(const momento::CacheValue &current, momento::CacheValue &canonical);

    struct Memo;
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, std::unique_ptr<Memo>> m_memo;
    std::size_t m_fullParses = 0;
};

} // namespace orderlab
