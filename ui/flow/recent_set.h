#pragma once

#include <QHash>
#include <QSet>

#include <deque>

namespace orderlab {

/**
 * The last `capacity` distinct keys seen, oldest forgotten first: enough to tell a key seen a moment ago from a new
 * one when the same thing arrives twice close together (a change as an order row and as a stream record, one publish
 * delivered to two apps). Not thread-safe; bounded by its capacity.
 */
template <typename Key> class RecentSet
{
  public:
    explicit RecentSet(qsizetype capacity) : m_capacity(qMax<qsizetype>(1, capacity)) {}

    /// True, and remembered, when `key` is not among the last keys seen.
    bool insert(const Key &key)
    {
        if (m_keys.contains(key))
            return false;
        m_keys.insert(key);
        m_order.push_back(key);
        while (m_order.size() > static_cast<std::size_t>(m_capacity)) {
            m_keys.remove(m_order.front());
            m_order.pop_front();
        }
        return true;
    }
    bool contains(const Key &key) const { return m_keys.contains(key); }
    qsizetype size() const { return m_keys.size(); }
    void clear()
    {
        m_keys.clear();
        m_order.clear();
    }

  private:
    qsizetype m_capacity;
    QSet<Key> m_keys;
    std::deque<Key> m_order;
};

} // namespace orderlab
