#pragma once

#include <QtGlobal>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

class QJSEngine;

namespace sw::sim {

// Stops JavaScript that runs past its time budget. One process-wide thread watches every
// registered engine, waking every few milliseconds only while some evaluation is in progress, and
// interrupts an overdue engine with QJSEngine::setInterrupted (documented as thread-safe). It never
// touches an engine outside an evaluation: ending an evaluation and interrupting one are serialised
// by the slot's mutex, so a late interrupt cannot hit the next evaluation.
class JsonataWatchdog
{
public:
    // One engine's registration. begin()/end() bracket each evaluation, on the engine's thread.
    class Slot
    {
    public:
        Slot(QJSEngine *engine, std::chrono::milliseconds budget);
        ~Slot();
        Slot(const Slot &) = delete;
        Slot &operator=(const Slot &) = delete;

        void begin();
        // True when the watchdog interrupted this evaluation; the engine is usable again afterwards.
        bool end();

    private:
        friend class JsonataWatchdog;
        bool interruptIfOverdue(qint64 nowNs); // true while an evaluation is in progress

        QJSEngine *m_engine;
        qint64 m_budgetNs;
        std::mutex m_mutex;
        std::atomic<qint64> m_startedNs{0}; // 0: idle
        bool m_fired = false;
    };

    static qint64 nowNs();

private:
    friend class Slot;
    JsonataWatchdog() = default;
    ~JsonataWatchdog();
    static JsonataWatchdog &instance();
    void add(Slot *slot);
    void remove(Slot *slot);
    void wake();
    void run();
    bool scan();

    std::mutex m_mutex; // guards m_slots, m_thread, m_stop; the condition variable's mutex
    std::condition_variable m_cv;
    std::vector<Slot *> m_slots;
    std::thread m_thread;
    bool m_stop = false;
    std::atomic<bool> m_awake{false}; // false: the thread sleeps until an evaluation begins
};

} // namespace sw::sim
