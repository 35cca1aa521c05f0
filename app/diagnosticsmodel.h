#pragma once

#include "diagnostic.h"
#include "documentcontroller.h"
#include "validate/validator.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QQmlEngine>
#include <QThreadPool>

namespace sw::gui {

// The validator's findings on the open definition, one row per diagnostic in source order, for the
// diagnostics panel. Each row names the state it is about (nodeId, the JSON pointer of the
// innermost state containing the finding) so a click can select it on the canvas. Re-validates
// whenever the definition changes, on a worker thread (a large definition takes tens of
// milliseconds): the rows change when the result arrives, and edits made meanwhile coalesce into
// one more validation of the latest version.
class DiagnosticsModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(sw::gui::DocumentController *document READ document WRITE setDocument NOTIFY documentChanged)
    Q_PROPERTY(int errorCount READ errorCount NOTIFY countsChanged)
    Q_PROPERTY(int warningCount READ warningCount NOTIFY countsChanged)
public:
    enum Role {
        SeverityRole = Qt::UserRole + 1,
        CodeRole,
        MessageRole,
        LineRole,
        ColumnRole,
        PointerRole,
        NodeIdRole,
        StateNameRole
    };

    explicit DiagnosticsModel(QObject *parent = nullptr);
    ~DiagnosticsModel() override;

    DocumentController *document() const { return m_document; }
    void setDocument(DocumentController *document);
    int errorCount() const { return m_errors; }
    int warningCount() const { return m_warnings; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void documentChanged();
    void countsChanged();

private:
    struct Row
    {
        Diagnostic diagnostic;
        QString nodeId;
        QString stateName;
    };
    void revalidate();
    void startValidation();
    void apply(const QList<Row> &rows);
    static QList<Row> validateRows(const asl::AslDocument &doc, const validate::Options &options);

    QPointer<DocumentController> m_document;
    QThreadPool m_pool; // one validation at a time
    bool m_running = false;
    bool m_pending = false;
    QList<Row> m_rows;
    int m_errors = 0;
    int m_warnings = 0;
};

} // namespace sw::gui
