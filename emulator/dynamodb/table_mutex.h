#pragma once

#include <pthread.h>

#include <atomic>

namespace orderlab {

/**
 * A table's lock, and the table registry's (docs/dynamodb-api.md, "Latency"): a readers-writer lock that
 *   - is recursive, as std::recursive_mutex is: a thread holding it, shared or exclusive, may take it again the same
 *     way and must release it as often; a thread holding it exclusively may also take it shared (that counts as one
 *     more exclusive hold);
 *   - lets any number of threads hold it shared at once (reads), and one thread exclusively (writes);
 *   - prefers writers: once a writer waits, new readers wait behind it, so a stream of reads cannot starve a write;
 *   - spins for a moment before it sleeps, in both modes: a hold lasts a few microseconds, and on a machine with a
 *     few CPUs and many connection threads a thread that slept and was woken again cost more than the read itself.
 *
 * A thread holding it only shared must not take it exclusively (an upgrade waits for its own read to end): that is
 * a fault in the caller, and it aborts rather than hang.
 *
 * Lockable and SharedLockable, for std::lock_guard, std::unique_lock and std::shared_lock. Threading: any threads;
 * each unlock by a thread that holds it that way.
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

    void lock_shared();
    void unlock_shared();

  private:
    pthread_rwlock_t m_lock;
    /// The exclusive holder; written only by it, so a thread that reads itself here holds the lock.
    std::atomic<pthread_t> m_owner{};
    unsigned m_depth = 0; ///< the exclusive holder's nesting; the holder's alone
};

} // namespace orderlab
