#include "exports.h"

#include "asl/edges.h"

#include <QHash>
#include <QSet>

namespace sw::formats {

namespace {

// Mermaid ids are letters, digits and '_'; each state gets one unique id for the whole diagram.
class Ids
{
public:
    QString idFor(const QString &scope, const QString &name)
    {
        const QString key = scope + QLatin1Char('\n') + name;
        if (const auto it = m_ids.constFind(key); it != m_ids.constEnd()) return *it;
        QString id;
        for (const QChar c : name)
            id +=
                (c.isLetterOrNumber() && c.unicode() < 0x80) || c == QLatin1Char('_') ? c : QLatin1Char('_');
        if (id.isEmpty() || id.front().isDigit()) id.prepend(QLatin1String("s_"));
        static const QSet<QString> reserved = {
            QStringLiteral("end"),       QStringLiteral("state"),    QStringLiteral("note"),
            QStringLiteral("direction"), QStringLiteral("classDef"), QStringLiteral("class"),
            QStringLiteral("click"),     QStringLiteral("style"),    QStringLiteral("default")};
        if (reserved.contains(id.toLower())) id.append(QLatin1Char('_'));
        QString unique = id;
        for (int n = 2; m_used.contains(unique); ++n)
            unique = id + QLatin1Char('_') + QString::number(n);
        m_used.insert(unique);
        m_ids.insert(key, unique);
        return unique;
    }

private:
    QHash<QString, QString> m_ids;
    QSet<QString> m_used;
};

// Text Mermaid shows as is: entity codes for what would end or break a statement.
QString escapeText(const QString &s)
{
    QString out;
    for (const QChar c : s.simplified()) {
        switch (c.unicode()) {
        case '#':
            out += QLatin1String("#35;");
            break;
        case ';':
            out += QLatin1String("#59;");
            break;
        case '"':
            out += QLatin1String("#quot;");
            break;
        case '{':
            out += QLatin1String("#123;");
            break;
        case '}':
            out += QLatin1String("#125;");
            break;
        case '<':
            out += QLatin1String("#lt;");
            break;
        case '>':
            out += QLatin1String("#gt;");
            break;
        default:
            out += c;
        }
    }
    return out;
}

class MermaidWriter
{
public:
    void machine(const asl::StateMachine &m, int indent);
    QStringList lines;
    QStringList failStates;

private:
    QString pad(int indent) const { return QString(indent, QLatin1Char(' ')); }
    Ids m_ids;
};

void MermaidWriter::machine(const asl::StateMachine &m, int indent)
{
    const QString scope = m.pointer;
    if (!m.startAt.isEmpty())
        lines.append(pad(indent) + QStringLiteral("[*] --> ") + m_ids.idFor(scope, m.startAt));
    for (const asl::State &s : m.states) {
        const QString id = m_ids.idFor(scope, s.name);
        const bool renamed = id != s.name;
        if (s.type == asl::StateType::Choice) {
            lines.append(pad(indent) + QStringLiteral("state %1 <<choice>>").arg(id));
            continue;
        }
        if (renamed)
            lines.append(pad(indent) + QStringLiteral("state \"%1\" as %2").arg(escapeText(s.name), id));
        if (s.type == asl::StateType::Fail) failStates.append(id);
        std::vector<const asl::StateMachine *> regions;
        for (const asl::StateMachine &b : s.branches)
            regions.push_back(&b);
        if (const asl::StateMachine *p = s.itemProcessor()) regions.push_back(p);
        if (regions.empty() || regions.front()->states.empty()) continue;
        lines.append(pad(indent) + QStringLiteral("state %1 {").arg(id));
        for (size_t r = 0; r < regions.size(); ++r) {
            if (r > 0) lines.append(pad(indent + 4) + QStringLiteral("--"));
            machine(*regions[r], indent + 4);
        }
        lines.append(pad(indent) + QStringLiteral("}"));
    }
    for (const asl::Edge &e : asl::edgesOf(m)) {
        if (e.id.kind == asl::EdgeKind::Start || e.to.isEmpty()) continue;
        QString line =
            pad(indent) + m_ids.idFor(scope, e.id.from) + QStringLiteral(" --> ") + m_ids.idFor(scope, e.to);
        QString label;
        switch (e.id.kind) {
        case asl::EdgeKind::ChoiceRule:
        case asl::EdgeKind::Default:
            label = e.label;
            break;
        case asl::EdgeKind::Catch:
            label = QStringLiteral("Catch ") + e.label;
            break;
        default:
            break;
        }
        if (!label.trimmed().isEmpty()) line += QStringLiteral(" : ") + escapeText(label);
        lines.append(line);
    }
    for (const asl::State &s : m.states) {
        if (s.isTerminal())
            lines.append(pad(indent) + m_ids.idFor(scope, s.name) + QStringLiteral(" --> [*]"));
    }
}

} // namespace

QByteArray exportMermaid(const asl::StateMachine &machine)
{
    MermaidWriter w;
    w.machine(machine, 4);
    QStringList out{QStringLiteral("stateDiagram-v2")};
    if (!machine.comment.isEmpty()) out.append(QStringLiteral("    %% ") + machine.comment.simplified());
    out.append(w.lines);
    if (!w.failStates.isEmpty()) {
        out.append(QStringLiteral("    classDef failure fill:#fde2e2,stroke:#c0392b,color:#7b1d1d"));
        out.append(QStringLiteral("    class %1 failure").arg(w.failStates.join(QLatin1Char(','))));
    }
    return out.join(QLatin1Char('\n')).toUtf8() + '\n';
}

} // namespace sw::formats
