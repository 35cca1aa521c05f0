#pragma once

#include "documentcontroller.h"
#include "inspectorrows.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>

namespace sw::gui {

// The inspector's model of the selected state (or of the machine when none is selected): its
// fields grouped as the console groups them, its Retry and Catch rows with a schedule preview and
// dead-row warnings, and its Choice rules as condition trees. Every change is an undo command on
// the document (SetField, rows, Connect...); editors validate their text as it is typed with the
// check...() functions and apply it when editing finishes, so typing is one undo step.
class InspectorController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(sw::gui::DocumentController *document READ document WRITE setDocument NOTIFY documentChanged)
    // JSON pointer of the state ("" for the machine).
    Q_PROPERTY(QString stateId READ stateId WRITE setStateId NOTIFY stateIdChanged)
    Q_PROPERTY(bool hasState READ hasState NOTIFY refreshed)
    Q_PROPERTY(QString stateName READ stateName NOTIFY refreshed)
    Q_PROPERTY(QString stateType READ stateType NOTIFY refreshed)
    Q_PROPERTY(bool jsonata READ isJsonata NOTIFY refreshed)
    Q_PROPERTY(bool canEnd READ canEnd NOTIFY refreshed)
    Q_PROPERTY(QString next READ next NOTIFY refreshed) // "" when End (or no transition)
    Q_PROPERTY(bool isStart READ isStart NOTIFY refreshed)
    Q_PROPERTY(bool canRetry READ canRetry NOTIFY refreshed)
    Q_PROPERTY(QStringList siblings READ siblings NOTIFY refreshed) // states of the same machine
    Q_PROPERTY(QString defaultState READ defaultState NOTIFY refreshed)
    Q_PROPERTY(sw::gui::InspectorRows *fields READ fields CONSTANT)
    Q_PROPERTY(sw::gui::InspectorRows *retryRows READ retryRows CONSTANT)
    Q_PROPERTY(sw::gui::InspectorRows *catchRows READ catchRows CONSTANT)
    Q_PROPERTY(sw::gui::InspectorRows *choiceRows READ choiceRows CONSTANT)
    Q_PROPERTY(QStringList commonErrors READ commonErrors CONSTANT)
    Q_PROPERTY(QStringList operators READ operators CONSTANT)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
public:
    explicit InspectorController(QObject *parent = nullptr);

    DocumentController *document() const { return m_document; }
    void setDocument(DocumentController *document);
    QString stateId() const { return m_stateId; }
    void setStateId(const QString &id);

    bool hasState() const { return m_hasState; }
    QString stateName() const;
    QString stateType() const;
    bool isJsonata() const;
    bool canEnd() const;
    QString next() const;
    bool isStart() const;
    bool canRetry() const;
    QStringList siblings() const;
    QString defaultState() const;
    InspectorRows *fields() { return &m_fields; }
    InspectorRows *retryRows() { return &m_retry; }
    InspectorRows *catchRows() { return &m_catch; }
    InspectorRows *choiceRows() { return &m_choice; }
    static QStringList commonErrors();
    static QStringList operators();
    QString lastError() const { return m_lastError; }

    // Fields of the grouped list (by key). check: the error the text would give ("" when fine).
    Q_INVOKABLE QString checkField(const QString &key, const QString &text) const;
    Q_INVOKABLE bool setField(const QString &key, const QString &text);
    // The state's Next ("" sets End).
    Q_INVOKABLE bool setNext(const QString &target);

    // Retry rows: keys ErrorEquals (comma-separated), IntervalSeconds, MaxAttempts, BackoffRate,
    // MaxDelaySeconds, JitterStrategy.
    Q_INVOKABLE QString checkRetryField(const QString &key, const QString &text) const;
    Q_INVOKABLE bool setRetryField(int row, const QString &key, const QString &text);
    Q_INVOKABLE bool addRetry();
    Q_INVOKABLE bool removeRetry(int row);
    Q_INVOKABLE bool moveRetry(int from, int to);

    // Catch rows: ErrorEquals, Next, ResultPath, Output, Assign.
    Q_INVOKABLE QString checkCatchField(const QString &key, const QString &text) const;
    Q_INVOKABLE bool setCatchField(int row, const QString &key, const QString &text);
    Q_INVOKABLE bool addCatch();
    Q_INVOKABLE bool removeCatch(int row);
    Q_INVOKABLE bool moveCatch(int from, int to);

    // Choice rules. `path` is a condition's pointer inside the state ("/Choices/0",
    // "/Choices/0/And/1", "/Choices/2/Not").
    Q_INVOKABLE bool setRuleNext(int rule, const QString &target);
    Q_INVOKABLE bool setDefault(const QString &target); // "" removes it
    Q_INVOKABLE bool addRule();
    Q_INVOKABLE bool removeRule(int rule);
    Q_INVOKABLE bool moveRule(int from, int to);
    Q_INVOKABLE QString checkComparison(const QString &variable, const QString &op,
                                        const QString &operand) const;
    Q_INVOKABLE bool setComparison(const QString &path, const QString &variable, const QString &op,
                                   const QString &operand);
    Q_INVOKABLE QString checkCondition(const QString &expression) const; // JSONata
    Q_INVOKABLE bool setCondition(const QString &path, const QString &expression);
    // "And", "Or", "Not": wraps the condition; "Comparison": keeps its first operand.
    Q_INVOKABLE bool setLogic(const QString &path, const QString &logic);
    Q_INVOKABLE bool addOperand(const QString &path); // to an And/Or
    Q_INVOKABLE bool removeOperand(const QString &path);

signals:
    void documentChanged();
    void stateIdChanged();
    void refreshed();
    void lastErrorChanged();

private:
    void refresh();
    const Json *state() const;
    QString scope() const;
    bool push(class sw::edit::EditCommand *command);
    bool setMember(const QString &relative, const Json &value);
    void setError(const QString &error);

    QPointer<DocumentController> m_document;
    QString m_stateId;
    bool m_hasState = false;
    InspectorRows m_fields;
    InspectorRows m_retry;
    InspectorRows m_catch;
    InspectorRows m_choice;
    QString m_lastError;
};

} // namespace sw::gui
