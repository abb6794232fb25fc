#include "table_mutex.h"

#include <cstdio>
#include <cstdlib>
#include <vector>

namespace orderlab {

namespace {

/// How often a thread tries again before it sleeps: about as long as glibc's adaptive mutex spins.
constexpr int kSpins = 100;

void cpuRelax()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

/// The shared holds of the calling thread: which table locks, how deep. Shared holds are few and short, so a
/// small list searched from its end.
struct SharedHold
{
    const TableMutex *mutex;
    unsigned depth;
};
thread_local std::vector<SharedHold> t_shared;

SharedHold *sharedHoldOf(const TableMutex *mutex)
{
    for (auto it = t_shared.rbegin(); it != t_shared.rend(); ++it)
        if (it->mutex == mutex)
            return &*it;
    return nullptr;
}

/// `tryOnce` until it succeeds or the spin ends; false: the caller blocks.
template <typename Try> bool spin(Try tryOnce)
{
    for (int i = 0; i < kSpins; ++i) {
        if (tryOnce())
            return true;
        cpuRelax();
    }
    return false;
}

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "orderlab: TableMutex: %s\n", what);
    std::abort();
}

} // namespace

TableMutex::TableMutex()
{
    pthread_rwlockattr_t attributes;
    pthread_rwlockattr_init(&attributes);
    pthread_rwlockattr_setkind_np(&attributes, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
    pthread_rwlock_init(&m_lock, &attributes);
    pthread_rwlockattr_destroy(&attributes);
}

TableMutex::~TableMutex()
{
    pthread_rwlock_destroy(&m_lock);
}

void TableMutex::lock()
{
    const pthread_t me = pthread_self();
    if (m_owner.load(std::memory_order_relaxed) == me) {
        ++m_depth;
        return;
    }
    if (sharedHoldOf(this))
        fail("a thread holding a table's lock shared asked for it exclusively");
    if (!spin([this] { return pthread_rwlock_trywrlock(&m_lock) == 0; }) && pthread_rwlock_wrlock(&m_lock) != 0)
        fail("pthread_rwlock_wrlock failed"); // only EDEADLK or EINVAL, neither possible here
    m_owner.store(me, std::memory_order_relaxed);
    m_depth = 1;
}

bool TableMutex::try_lock()
{
    const pthread_t me = pthread_self();
    if (m_owner.load(std::memory_order_relaxed) == me) {
        ++m_depth;
        return true;
    }
    if (sharedHoldOf(this) || pthread_rwlock_trywrlock(&m_lock) != 0)
        return false;
    m_owner.store(me, std::memory_order_relaxed);
    m_depth = 1;
    return true;
}

void TableMutex::unlock()
{
    if (--m_depth > 0)
        return;
    m_owner.store(pthread_t{}, std::memory_order_relaxed);
    pthread_rwlock_unlock(&m_lock);
}

void TableMutex::lock_shared()
{
    if (m_owner.load(std::memory_order_relaxed) == pthread_self()) {
        ++m_depth; // inside this thread's exclusive hold
        return;
    }
    if (SharedHold *hold = sharedHoldOf(this)) {
        ++hold->depth; // not again from the lock: a writer waiting now would keep it from this thread
        return;
    }
    if (!spin([this] { return pthread_rwlock_tryrdlock(&m_lock) == 0; }) && pthread_rwlock_rdlock(&m_lock) != 0)
        fail("pthread_rwlock_rdlock failed"); // only EAGAIN (2^31 readers) or EDEADLK, neither possible here
    t_shared.push_back({this, 1});
}

void TableMutex::unlock_shared()
{
    if (m_owner.load(std::memory_order_relaxed) == pthread_self()) {
        --m_depth; // a shared hold taken inside the exclusive one; that one is still held
        return;
    }
    SharedHold *hold = sharedHoldOf(this);
    if (!hold)
        fail("unlock_shared by a thread that does not hold the lock shared");
    if (--hold->depth > 0)
        return;
    t_shared.erase(t_shared.begin() + (hold - t_shared.data()));
    pthread_rwlock_unlock(&m_lock);
}

} // namespace orderlab
