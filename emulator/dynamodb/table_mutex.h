#pragma once

#include <pthread.h>

#include <atomic>

namespace orderlab {

/**
 * A table's lock: recursive, as std::recursive_mutex (a thread holding it may take it again, and must release it
 * as often), but one that spins for a moment before it sleeps (glibc's adaptive mutex). Reads hold a table's lock
 * for a few microseconds, and on a machine with a few CPUs and many connection threads a thread that slept on it
 * and was woken again cost more than the read itself (docs/dynamodb-api.md, "Latency").
 *
 * Lockable, for std::lock_guard and std::unique_lock. Threading: any threads; unlock() only by the owner.
 */
class TableMutex final
{
  public:
    TableMutex();
    ~TableMutex();
    TableMutex(const TableMutex &) = delete;
    TableMutex &operator=(const TableMutex &) = delete;

    void lock();
    bool try_lock();
    void unlock();

  private:
    pthread_mutex_t m_mutex;
    /// The holder; written only by it, so a thread that reads itself here holds the lock.
    std::atomic<pthread_t> m_owner{};
    unsigned m_depth = 0; ///< the holder's nesting; the holder's alone
};

} // namespace orderlab
