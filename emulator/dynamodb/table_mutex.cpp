#include "table_mutex.h"

#include <cstdlib>

namespace orderlab {

TableMutex::TableMutex()
{
    pthread_mutexattr_t attributes;
    pthread_mutexattr_init(&attributes);
    pthread_mutexattr_settype(&attributes, PTHREAD_MUTEX_ADAPTIVE_NP);
    pthread_mutex_init(&m_mutex, &attributes);
    pthread_mutexattr_destroy(&attributes);
}

TableMutex::~TableMutex()
{
    pthread_mutex_destroy(&m_mutex);
}

void TableMutex::lock()
{
    const pthread_t me = pthread_self();
    if (m_owner.load(std::memory_order_relaxed) == me) {
        ++m_depth;
        return;
    }
    if (pthread_mutex_lock(&m_mutex) != 0)
        std::abort(); // only EINVAL or EDEADLK, neither possible for an initialised adaptive mutex
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
    if (pthread_mutex_trylock(&m_mutex) != 0)
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
    pthread_mutex_unlock(&m_mutex);
}

} // namespace orderlab
