#include "diagnosticsmodel.h"

#include "documentcontroller.h"

#include "validate/validator.h"

#include <QHash>

#include <memory>

namespace sw::gui {

DiagnosticsModel::DiagnosticsModel(QObject *parent) : QAbstractListModel(parent)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setStackSize(8 * 1024 * 1024); // the validator recurses into nested machines (docs/limits.md)
}

DiagnosticsModel::~DiagnosticsModel()
{
    m_pool.waitForDone(); // a running validation posts its rows to this object
}

void DiagnosticsModel::setDocument(DocumentController *document)
{
    if (document == m_document) return;
    if (m_document) disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (m_document) connect(m_document, &DocumentController::changed, this, &DiagnosticsModel::revalidate);
    revalidate();
    emit documentChanged();
}

QList<DiagnosticsModel::Row> DiagnosticsModel::validateRows(const asl::AslDocument &doc,
                                                            const validate::Options &options)
{
    QList<Row> rows;
    QHash<QString, QString> states; // pointer -> name
    if (doc.parsed) {
        for (const asl::State *s : doc.machine.allStates())
            states.insert(s->pointer, s->name);
    }
    for (const Diagnostic &d : validate::validate(doc, options)) {
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
        rows.append(row);
    }
    return rows;
}

void DiagnosticsModel::revalidate()
{
    if (m_running)
        m_pending = true; // validated again, in its latest version, when the running one is done
    else if (!m_document || !m_document->hasDocument())
        apply({});
    else
        startValidation();
}

void DiagnosticsModel::startValidation()
{
    m_running = true;
    // A copy shares the tree and the typed machine's strings (copy-on-write): cheap, and the
    // worker never sees later edits.
    auto doc = std::make_shared<const asl::AslDocument>(m_document->document()->asl());
    validate::Options options;
    if (const auto &source = m_document->document()->source()) options.rawPlaceholders = source->rawPlaceholders;
    m_pool.start([this, doc, options] {
        QList<Row> rows = validateRows(*doc, options);
        QMetaObject::invokeMethod(
            this,
            [this, rows = std::move(rows)] {
                m_running = false;
                if (m_pending) {
                    m_pending = false;
                    revalidate(); // the document changed meanwhile: these rows are stale
                    return;
                }
                apply(rows);
            },
            Qt::QueuedConnection);
    });
}

void DiagnosticsModel::apply(const QList<Row> &rows)
{
    beginResetModel();
    m_rows = rows;
    m_errors = m_warnings = 0;
    for (const Row &r : m_rows)
        (r.diagnostic.isError() ? m_errors : m_warnings)++;
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
