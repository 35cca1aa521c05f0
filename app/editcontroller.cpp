#include "editcontroller.h"

#include "edit/commands.h"
#include "edit/palette.h"
#include "edit/treeedit.h"
#include "scene.h"
#include "json/jsonreader.h"

#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QGuiApplication>

namespace sw::gui {

EditController::EditController(QObject *parent) : QObject(parent) {}

void EditController::setDocument(DocumentController *document)
{
    if (m_document == document) return;
    if (m_document) disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (m_document) connect(m_document, &DocumentController::changed, this, &EditController::codeTextChanged);
    emit documentChanged();
    emit codeTextChanged();
}

void EditController::setDiagram(DiagramController *diagram)
{
    if (m_diagram == diagram) return;
    m_diagram = diagram;
    emit diagramChanged();
}

QVariantList EditController::paletteItems()
{
    QVariantList out;
    for (const edit::PaletteItem &i : edit::Palette::builtIn().items()) {
        out.append(QVariantMap{{QStringLiteral("id"), i.id},
                               {QStringLiteral("group"), i.group},
                               {QStringLiteral("label"), i.label},
                               {QStringLiteral("description"), i.description},
                               {QStringLiteral("type"), i.type},
                               {QStringLiteral("resource"), i.resource}});
    }
    return out;
}

QVariantList EditController::templates()
{
    QVariantList out;
    for (const char *dir : {":/stepwise/templates", ":/stepwise/examples"}) {
        const QString d = QString::fromLatin1(dir);
        const bool example = d.endsWith(QLatin1String("examples"));
        for (const QString &name :
             QDir(d).entryList({QStringLiteral("*.asl.json")}, QDir::Files, QDir::Name)) {
            QString label = name.chopped(9); // ".asl.json"
            label.replace(QLatin1Char('-'), QLatin1Char(' '));
            out.append(QVariantMap{
                {QStringLiteral("label"), label},
                {QStringLiteral("group"), example ? QStringLiteral("Examples") : QStringLiteral("Templates")},
                {QStringLiteral("path"), d + QLatin1Char('/') + name}});
        }
    }
    return out;
}

QString EditController::codeText() const
{
    return doc() ? QString::fromUtf8(doc()->text()) : QString();
}

void EditController::setError(const QString &error)
{
    if (m_lastError == error) return;
    m_lastError = error;
    emit lastErrorChanged();
}

void EditController::setCodeError(const QString &error, int line, int column)
{
    if (m_codeError == error && m_codeErrorLine == line && m_codeErrorColumn == column) return;
    m_codeError = error;
    m_codeErrorLine = line;
    m_codeErrorColumn = column;
    emit codeErrorChanged();
}

QStringList EditController::selection() const
{
    return m_diagram ? m_diagram->selection() : QStringList();
}

bool EditController::push(edit::EditCommand *command, bool select)
{
    if (!doc()) {
        delete command;
        return false;
    }
    const QStringList created = command->createdStates();
    const QString error = doc()->push(command);
    setError(error);
    if (!error.isEmpty()) return false;
    if (select && m_diagram && !created.isEmpty()) {
        // The canvas prunes its selection against the next layout: select after the change.
        m_diagram->clearSelection();
        for (const QString &id : created)
            m_diagram->select(id, true);
    }
    return true;
}

QString EditController::addFromPalette(const QString &id)
{
    const edit::Palette &palette = edit::Palette::builtIn();
    const edit::PaletteItem *item = palette.find(id);
    if (!item || !doc()) {
        setError(QStringLiteral("No palette item %1").arg(id));
        return {};
    }
    const QStringList sel = selection();
    const QString after = sel.size() == 1 ? sel.first() : QString();
    const QString scope = after.isEmpty() ? QString() : edit::splitStatePointer(after).scope;
    const bool jsonata = edit::isJsonata(doc()->root(), after.isEmpty() ? QString() : after);
    auto *command = new edit::AddStateCommand(doc(), scope, item->name, palette.state(*item, jsonata), after);
    const QStringList created = command->createdStates();
    return push(command) && !created.isEmpty() ? created.first() : QString();
}

bool EditController::deleteSelection()
{
    const QStringList sel = selection();
    if (sel.isEmpty()) return false;
    if (!push(new edit::RemoveStatesCommand(doc(), sel))) return false;
    if (m_diagram) m_diagram->clearSelection();
    return true;
}

QString EditController::checkName(const QString &pointer, const QString &name) const
{
    return doc() ? edit::checkStateName(doc()->root(), pointer, name) : QString();
}

bool EditController::renameState(const QString &pointer, const QString &name)
{
    if (edit::splitStatePointer(pointer).name == name) return true;
    return push(new edit::RenameStateCommand(doc(), pointer, name));
}

bool EditController::duplicateSelection()
{
    const QStringList sel = selection();
    return !sel.isEmpty() && push(new edit::DuplicateStatesCommand(doc(), sel));
}

bool EditController::copySelection()
{
    const QStringList sel = selection();
    if (sel.isEmpty() || !doc() || !doc()->isParsed()) return false;
    QGuiApplication::clipboard()->setText(QString::fromUtf8(edit::copyStates(doc()->root(), sel)));
    return true;
}

bool EditController::cutSelection()
{
    return copySelection() && deleteSelection();
}

bool EditController::paste()
{
    const QStringList sel = selection();
    const QString scope = sel.size() == 1 ? edit::splitStatePointer(sel.first()).scope : QString();
    return pasteText(QGuiApplication::clipboard()->text(), scope);
}

bool EditController::pasteText(const QString &text, const QString &scope)
{
    return push(new edit::PasteStatesCommand(doc(), scope, text.toUtf8()));
}

bool EditController::connectStates(const QString &from, const QString &to, bool asCatch)
{
    return push(new edit::ConnectCommand(doc(), from, to, asCatch), false);
}

QVariantMap EditController::edgeAt(qreal x, qreal y) const
{
    if (!m_diagram) return {};
    const render::SceneHandle scene = m_diagram->scene();
    if (!scene) return {};
    const int e = scene->edgeAt(QPointF(x, y), 4);
    if (e < 0) return {};
    const layout::EdgeGeometry &edge = scene->geometry().edges.at(e);
    if (!edge.id) return {};
    return {{QStringLiteral("scope"), edge.id->scope},
            {QStringLiteral("from"), edge.id->from},
            {QStringLiteral("kind"), asl::toString(edge.id->kind)},
            {QStringLiteral("index"), edge.id->index},
            {QStringLiteral("to"), edge.to},
            {QStringLiteral("tipX"), edge.arrowTip.x()},
            {QStringLiteral("tipY"), edge.arrowTip.y()}};
}

bool EditController::retargetEdge(const QVariantMap &edge, const QString &targetPointer)
{
    asl::EdgeId id;
    id.scope = edge.value(QStringLiteral("scope")).toString();
    id.from = edge.value(QStringLiteral("from")).toString();
    id.index = edge.value(QStringLiteral("index")).toInt();
    const QString kind = edge.value(QStringLiteral("kind")).toString();
    bool known = false;
    for (asl::EdgeKind k : {asl::EdgeKind::Start, asl::EdgeKind::Next, asl::EdgeKind::ChoiceRule,
                            asl::EdgeKind::Default, asl::EdgeKind::Catch}) {
        if (asl::toString(k) == kind) {
            id.kind = k;
            known = true;
        }
    }
    const edit::StateAddress target = edit::splitStatePointer(targetPointer);
    if (!known || !target.isValid() || target.scope != id.scope) {
        setError(QStringLiteral("A transition can only go to a state of its own machine"));
        return false;
    }
    return push(new edit::RetargetEdgeCommand(doc(), id, target.name), false);
}

bool EditController::wrapSelection(const QString &kind)
{
    const QStringList sel = selection();
    if (sel.isEmpty()) return false;
    return push(new edit::WrapStatesCommand(
        doc(), sel, kind == QLatin1String("Map") ? edit::WrapKind::Map : edit::WrapKind::Parallel));
}

bool EditController::setStartAt(const QString &pointer)
{
    const edit::StateAddress a = edit::splitStatePointer(pointer);
    return a.isValid() && push(new edit::SetStartAtCommand(doc(), a.scope, a.name), false);
}

bool EditController::toggleEnd(const QString &pointer)
{
    return push(new edit::ToggleEndCommand(doc(), pointer), false);
}

QStringList EditController::findStates(const QString &text) const
{
    QStringList out;
    if (!doc() || !doc()->isParsed() || text.trimmed().isEmpty()) return out;
    const std::function<void(const Json &, const QString &)> walk = [&](const Json &machine,
                                                                        const QString &scope) {
        const Json *states = machine.find(u"States");
        if (!states || !states->isObject()) return;
        for (const JsonMember &m : states->members()) {
            const QString pointer = edit::statePointer(scope, m.key);
            if (m.key.contains(text.trimmed(), Qt::CaseInsensitive)) out.append(pointer);
            for (const QString &sub : edit::nestedMachines(m.value)) {
                if (const Json *nested = edit::valueAt(m.value, sub)) walk(*nested, pointer + sub);
            }
        }
    };
    walk(doc()->root(), QString());
    return out;
}

bool EditController::newFromTemplate(const QString &path)
{
    QFile f(path);
    if (!m_document || !f.open(QIODevice::ReadOnly)) {
        setError(QStringLiteral("%1: cannot open").arg(path));
        return false;
    }
    const QByteArray text = f.readAll();
    m_document->openWith([&text](edit::Document &d) { d.newDocument(text); });
    setError(QString());
    return true;
}

bool EditController::applyCode(const QString &text, int session)
{
    if (!doc()) return false;
    const QByteArray utf8 = text.toUtf8();
    const JsonReader::Result r = JsonReader::parse(utf8);
    if (!r.ok) {
        setCodeError(r.error, r.errorPos.line, r.errorPos.column);
        return false;
    }
    setCodeError(QString(), 0, 0);
    return push(new edit::ReplaceTextCommand(doc(), utf8, session), false);
}

} // namespace sw::gui
