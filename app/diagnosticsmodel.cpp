#include "diagnosticsmodel.h"

#include "documentcontroller.h"

#include "validate/validator.h"

#include <QHash>

namespace sw::gui {

DiagnosticsModel::DiagnosticsModel(QObject *parent) : QAbstractListModel(parent) {}

void DiagnosticsModel::setDocument(DocumentController *document)
{
    if (document == m_document) return;
    if (m_document) disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (m_document) connect(m_document, &DocumentController::changed, this, &DiagnosticsModel::revalidate);
    revalidate();
    emit documentChanged();
}

void DiagnosticsModel::revalidate()
{
    beginResetModel();
    m_rows.clear();
    m_errors = m_warnings = 0;
    if (m_document && m_document->hasDocument()) {
        const asl::AslDocument &doc = m_document->document()->asl();
        QHash<QString, QString> states; // pointer -> name
        if (doc.parsed) {
            for (const asl::State *s : doc.machine.allStates())
                states.insert(s->pointer, s->name);
        }
        for (const Diagnostic &d : validate::validate(doc)) {
            Row row{d, {}, {}};
            // The innermost state whose pointer prefixes the finding's pointer.
            QString p = d.pointer;
            while (!p.isEmpty()) {
                if (const auto it = states.constFind(p); it != states.constEnd()) {
                    row.nodeId = p;
                    row.stateName = *it;
                    break;
                }
                p.truncate(qMax(0, p.lastIndexOf(QLatin1Char('/'))));
            }
            (d.isError() ? m_errors : m_warnings)++;
            m_rows.append(row);
        }
    }
    endResetModel();
    emit countsChanged();
}

int DiagnosticsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant DiagnosticsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case MessageRole:
        return r.diagnostic.message;
    case SeverityRole:
        return r.diagnostic.severityName();
    case CodeRole:
        return r.diagnostic.code;
    case LineRole:
        return r.diagnostic.pos.line;
    case ColumnRole:
        return r.diagnostic.pos.column;
    case PointerRole:
        return r.diagnostic.pointer;
    case NodeIdRole:
        return r.nodeId;
    case StateNameRole:
        return r.stateName;
    default:
        return {};
    }
}

QHash<int, QByteArray> DiagnosticsModel::roleNames() const
{
    return {{Qt::DisplayRole, "display"}, {SeverityRole, "severity"}, {CodeRole, "code"},
            {MessageRole, "message"},     {LineRole, "line"},         {ColumnRole, "column"},
            {PointerRole, "pointer"},     {NodeIdRole, "nodeId"},     {StateNameRole, "stateName"}};
}

} // namespace sw::gui
