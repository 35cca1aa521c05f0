#pragma once

#include "diagnostic.h"
#include "engine/backend.h"
#include "json/json.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace sw::sim {

// The AWS Step Functions Local MockConfigFile: StateMachines -> TestCases -> {TaskState: MockedResponse},
// MockedResponses -> {"0" | "1-2": {"Return": any} | {"Throw": {"Error","Cause"}}}. Parsing checks the
// shape and reports problems with JSON pointers; it never throws.
class MockConfig
{
public:
    struct Response
    {
        bool isThrow = false;
        Json value;   // Return
        QString error; // Throw
        QString cause;
    };
    struct Range
    {
        int first = 0;
        int last = 0;
        Response response;
    };

    static MockConfig parse(const Json &root, Diagnostics *problems);
    static bool looksLikeMockConfig(const Json &root);

    QStringList stateMachines() const { return m_testCases.keys(); }
    QStringList testCases(const QString &stateMachine) const;
    bool hasTestCase(const QString &stateMachine, const QString &testCase) const;
    // state name -> MockedResponses key
    QHash<QString, QString> testCase(const QString &stateMachine, const QString &testCase) const;
    const QList<Range> *responses(const QString &name) const;

private:
    QHash<QString, QHash<QString, QHash<QString, QString>>> m_testCases; // machine -> case -> state -> response
    QHash<QString, QList<Range>> m_responses;
};

// A TaskBackend answering from one test case of a MockConfigFile, like Step Functions Local:
// states named in the test case consume consecutive invocation numbers (retries and Map iterations
// included); other states fall through to `fallback` (the "HybridPath"), by default EchoBackend.
class MockConfigBackend final : public TaskBackend
{
public:
    MockConfigBackend(MockConfig config, QHash<QString, QString> testCase, TaskBackend *fallback = nullptr);
    void beginExecution() override;
    TaskResponse invoke(const TaskInvocation &call) override;
    TaskResponse readItems(const TaskInvocation &call) override { return m_fallback->readItems(call); }

private:
    MockConfig m_config;
    QHash<QString, QString> m_case;
    TaskBackend *m_fallback;
    EchoBackend m_echo;
};

} // namespace sw::sim
