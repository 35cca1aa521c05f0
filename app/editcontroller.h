#pragma once

#include "diagramcontroller.h"
#include "documentcontroller.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QVariantList>

namespace sw::gui {

// The designer's edit actions on the open document, for the canvas, the palette, the code view
// and the menus: add from the palette, delete, rename, duplicate, copy/paste (ASL JSON on the
// clipboard), connect, retarget, wrap, StartAt, End, find, File > New, and the code view's text.
// States are addressed by their JSON pointers (the canvas's node ids); each action is one undo
// command (model/edit/commands.h) and selects what it created. Refusals land in lastError.
class EditController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(sw::gui::DocumentController *document READ document WRITE setDocument NOTIFY documentChanged)
    Q_PROPERTY(sw::gui::DiagramController *diagram READ diagram WRITE setDiagram NOTIFY diagramChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    Q_PROPERTY(QVariantList paletteItems READ paletteItems CONSTANT)
    Q_PROPERTY(QVariantList templates READ templates CONSTANT)
    // The code view: the definition's text, and the parse error of the last text applied.
    Q_PROPERTY(QString codeText READ codeText NOTIFY codeTextChanged)
    Q_PROPERTY(QString codeError READ codeError NOTIFY codeErrorChanged)
    Q_PROPERTY(int codeErrorLine READ codeErrorLine NOTIFY codeErrorChanged)
    Q_PROPERTY(int codeErrorColumn READ codeErrorColumn NOTIFY codeErrorChanged)
public:
    explicit EditController(QObject *parent = nullptr);

    DocumentController *document() const { return m_document; }
    void setDocument(DocumentController *document);
    DiagramController *diagram() const { return m_diagram; }
    void setDiagram(DiagramController *diagram);
    QString lastError() const { return m_lastError; }
    static QVariantList paletteItems();
    static QVariantList templates();
    QString codeText() const;
    QString codeError() const { return m_codeError; }
    int codeErrorLine() const { return m_codeErrorLine; }
    int codeErrorColumn() const { return m_codeErrorColumn; }

    // Adds a palette item: after the single selected state (in its flow), else at the end of the
    // top-level machine. Returns the new state's pointer ("" when refused).
    Q_INVOKABLE QString addFromPalette(const QString &id);
    Q_INVOKABLE bool deleteSelection();
    Q_INVOKABLE QString checkName(const QString &pointer, const QString &name) const;
    Q_INVOKABLE bool renameState(const QString &pointer, const QString &name);
    Q_INVOKABLE bool duplicateSelection();
    Q_INVOKABLE bool copySelection();
    Q_INVOKABLE bool cutSelection();
    // Pastes the clipboard into the machine of the single selected state (else the top level).
    Q_INVOKABLE bool paste();
    Q_INVOKABLE bool pasteText(const QString &text, const QString &scope);
    Q_INVOKABLE bool connectStates(const QString &from, const QString &to, bool asCatch);
    // The transition under a scene point: {scope, from, kind, index, to, tipX, tipY}; empty map
    // when none (End-marker edges are not transitions).
    Q_INVOKABLE QVariantMap edgeAt(qreal x, qreal y) const;
    Q_INVOKABLE bool retargetEdge(const QVariantMap &edge, const QString &targetPointer);
    Q_INVOKABLE bool wrapSelection(const QString &kind); // "Parallel" or "Map"
    Q_INVOKABLE bool setStartAt(const QString &pointer);
    Q_INVOKABLE bool toggleEnd(const QString &pointer);
    // Pointers of the states whose name contains `text` (case-insensitive), in document order.
    Q_INVOKABLE QStringList findStates(const QString &text) const;
    // File > New: an untitled document with the text of a template or example (a qrc path).
    Q_INVOKABLE bool newFromTemplate(const QString &path);
    // The code view: applies the text as one undoable edit once it parses (edits of one `session`
    // merge into one undo step). Returns false and sets codeError otherwise.
    Q_INVOKABLE bool applyCode(const QString &text, int session = 0);

signals:
    void documentChanged();
    void diagramChanged();
    void lastErrorChanged();
    void codeTextChanged();
    void codeErrorChanged();

private:
    bool push(edit::EditCommand *command, bool select = true);
    void setError(const QString &error);
    void setCodeError(const QString &error, int line, int column);
    QStringList selection() const;
    edit::Document *doc() const { return m_document ? m_document->document() : nullptr; }

    QPointer<DocumentController> m_document;
    QPointer<DiagramController> m_diagram;
    QString m_lastError;
    QString m_codeError;
    int m_codeErrorLine = 0;
    int m_codeErrorColumn = 0;
};

} // namespace sw::gui
