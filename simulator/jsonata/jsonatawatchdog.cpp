#include "jsonatawatchdog.h"

#include <QJSEngine>

#include <algorithm>

namespace sw::sim {

namespace {
// How often an evaluation's age is checked while one runs: the budget overshoots by at most this.
constexpr auto pollInterval = std::chrono::milliseconds(10);
} // namespace

qint64 JsonataWatchdog::nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

JsonataWatchdog::Slot::Slot(QJSEngine *engine, std::chrono::milliseconds budget)
    : m_engine(engine), m_budgetNs(qint64(budget.count()) * 1000000)
{
    JsonataWatchdog::instance().add(this);
}

JsonataWatchdog::Slot::~Slot()
{
    JsonataWatchdog::instance().remove(this);
}

void JsonataWatchdog::Slot::begin()
{
    // Never 0, which means idle.
    m_startedNs.store(std::max<qint64>(nowNs(), 1));
    JsonataWatchdog::instance().wake();
}

bool JsonataWatchdog::Slot::end()
{
    std::lock_guard lock(m_mutex);
    m_startedNs.store(0);
    const bool fired = m_fired;
    if (fired) {
        m_fired = false;
        m_engine->setInterrupted(false);
    }
    return fired;
}

bool JsonataWatchdog::Slot::interruptIfOverdue(qint64 nowNs)
{
    std::lock_guard lock(m_mutex);
    const qint64 started = m_startedNs.load();
    if (started == 0) return false;
    if (!m_fired && nowNs - started > m_budgetNs) {
        m_fired = true;
        m_engine->setInterrupted(true);
    }
    return true;
}

JsonataWatchdog &JsonataWatchdog::instance()
{
    // Never destroyed: an engine held by a static object unregisters during static destruction,
    // after a function-local static watchdog would already be gone. Idle, its thread only waits.
    static JsonataWatchdog *const watchdog = new JsonataWatchdog;
    return *watchdog;
}

JsonataWatchdog::~JsonataWatchdog()
{
    std::thread thread;
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        thread = std::move(m_thread);
    }
    m_cv.notify_all();
    if (thread.joinable()) thread.join();
}

void JsonataWatchdog::add(Slot *slot)
{
    std::lock_guard lock(m_mutex);
    m_slots.push_back(slot);
    // Started by the first engine; it sleeps on the condition variable whenever nothing runs.
    if (!m_thread.joinable()) m_thread = std::thread([this] { run(); });
}

void JsonataWatchdog::remove(Slot *slot)
{
    std::lock_guard lock(m_mutex);
    m_slots.erase(std::remove(m_slots.begin(), m_slots.end(), slot), m_slots.end());
}

void JsonataWatchdog::wake()
{
    // Cheap when the thread is already polling; otherwise wake it (under the mutex, so the wake-up
    // cannot fall between its last scan and its wait).
    if (!m_awake.exchange(true)) {
        std::lock_guard lock(m_mutex);
        m_cv.notify_all();
    }
}

bool JsonataWatchdog::scan()
{
    const qint64 now = nowNs();
    bool running = false;
    for (Slot *slot : m_slots)
        running = slot->interruptIfOverdue(now) || running;
    return running;
}

void JsonataWatchdog::run()
{
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        if (!m_awake.load()) {
            m_cv.wait(lock, [this] { return m_stop || m_awake.load(); });
            continue;
        }
        m_cv.wait_for(lock, pollInterval, [this] { return m_stop; });
        if (m_stop) break;
        if (!scan()) {
            // Going to sleep: publish it first, then look once more for an evaluation that began
            // before it could see the flag (that one did not wake us).
            m_awake.store(false);
            if (scan()) m_awake.store(true);
        }
    }
}

} // namespace sw::sim
