#pragma once

#include <QHash>
#include <QList>

#include <functional>

namespace orderlab {

/// Rows with a unique key each and a lazily rebuilt key → row index (rebuilt after any
/// structural change). The models keep at most a few thousand rows, so a rebuild is cheap.
template <typename Key, typename Row> class KeyedRows
{
  public:
    explicit KeyedRows(std::function<Key(const Row &)> key) : m_key(std::move(key)) {}

    QList<Row> rows;

    int indexOf(const Key &key) const
    {
        if (m_dirty) {
            m_index.clear();
            m_index.reserve(rows.size());
            for (int i = 0; i < rows.size(); ++i)
                m_index.insert(m_key(rows.at(i)), i);
            m_dirty = false;
        }
        return m_index.value(key, -1);
    }
    /// Call after inserting, removing or reordering rows.
    void invalidate() { m_dirty = true; }
    /// Puts `added` (already in display order) above the existing rows.
    void prepend(QList<Row> added)
    {
        added.append(std::move(rows));
        rows = std::move(added);
        invalidate();
    }
    /// Keeps the first `keep` rows.
    void truncate(int keep)
    {
        rows.resize(keep);
        invalidate();
    }
    int size() const { return static_cast<int>(rows.size()); }

  private:
    std::function<Key(const Row &)> m_key;
    mutable QHash<Key, int> m_index;
    mutable bool m_dirty = true;
};

} // namespace orderlab
