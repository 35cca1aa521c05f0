#include "exporters.h"

#include "asl/edges.h"

namespace sw::render {

namespace {

QByteArray quoted(const QString &s)
{
    QString e = s;
    e.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    e.replace(QLatin1Char('"'), QLatin1String("\\\""));
    e.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    return '"' + e.toUtf8() + '"';
}

QByteArray inches(qreal points)
{
    return QByteArray::number(points / 72.0, 'f', 3);
}

class DotWriter
{
public:
    explicit DotWriter(const ExportInput &in) : m_in(in), m_g(*in.geometry), m_style(in.style) {}

    QByteArray write()
    {
        m_out +=
            "digraph " +
            quoted(m_in.machine->comment.isEmpty() ? QStringLiteral("StateMachine") : m_in.machine->comment) +
            " {\n";
        m_out += "  graph [rankdir=TB, compound=true, nodesep=0.45, ranksep=0.45, fontname=" +
                 quoted(m_style.fontFamily) + ", fontsize=10, bgcolor=" + quoted(m_style.background.name()) +
                 "];\n";
        m_out += "  node [shape=box, style=\"rounded,filled\", fixedsize=true, fontname=" +
                 quoted(m_style.fontFamily) +
                 ", fontsize=10, penwidth=1.4, fontcolor=" + quoted(m_style.text.name()) + "];\n";
        m_out += "  edge [fontname=" + quoted(m_style.fontFamily) +
                 ", fontsize=9, arrowsize=0.8, color=" + quoted(m_style.edge.name()) +
                 ", fontcolor=" + quoted(m_style.mutedText.name()) + "];\n";
        machine(*m_in.machine, 1);
        m_out += "}\n";
        return m_out;
    }

private:
    QByteArray pad(int depth) const { return QByteArray(2 * depth, ' '); }

    const layout::NodeGeometry *node(const QString &id) const { return m_g.node(id); }

    void markerNodes(const asl::StateMachine &m, int depth)
    {
        for (const char *suffix : {"#start", "#end"}) {
            const layout::NodeGeometry *n = node(m.pointer + QLatin1String(suffix));
            if (!n) continue;
            if (m.depth == 0) {
                m_out += pad(depth) + quoted(n->id) + " [label=" + quoted(n->title) +
                         ", width=" + inches(n->rect.width()) + ", height=" + inches(n->rect.height()) +
                         ", style=\"rounded,filled\", fillcolor=" +
                         quoted(mix(m_style.background, m_style.edge, 0.18).name()) + "];\n";
            } else {
                m_out += pad(depth) + quoted(n->id) + " [label=\"\", shape=" +
                         (qstrcmp(suffix, "#start") == 0 ? "point" : "doublecircle") +
                         ", width=" + inches(n->rect.width()) + ", fillcolor=" + quoted(m_style.edge.name()) +
                         "];\n";
            }
        }
    }

    void state(const asl::State &s, int depth)
    {
        const layout::NodeGeometry *n = node(s.pointer);
        if (!n) return;
        const QByteArray colours = "fillcolor=" + quoted(m_style.fill(s.type).name()) +
                                   ", color=" + quoted(m_style.hue(s.type).name());
        if (!n->composite) {
            m_out += pad(depth) + quoted(s.pointer) + " [label=" +
                     quoted(n->title + QLatin1Char('\n') + n->detail +
                            (n->badge.isEmpty() ? QString() : QLatin1Char('\n') + n->badge)) +
                     ", width=" + inches(n->rect.width()) + ", height=" + inches(n->rect.height()) + ", " +
                     colours + "];\n";
            return;
        }
        m_out += pad(depth) + "subgraph " + quoted(QStringLiteral("cluster_") + s.pointer) + " {\n";
        m_out += pad(depth + 1) + "label=" + quoted(n->title + QLatin1Char('\n') + n->detail) +
                 "; style=\"rounded,filled\"; fillcolor=" + quoted(m_style.containerFill(s.type).name()) +
                 "; color=" + quoted(m_style.hue(s.type).name()) + ";\n";
        m_out += pad(depth + 1) + quoted(s.pointer + QStringLiteral("#in")) +
                 " [shape=point, width=0.08, label=\"\"];\n";
        m_out += pad(depth + 1) + quoted(s.pointer + QStringLiteral("#out")) +
                 " [shape=point, width=0.08, label=\"\"];\n";
        auto inner = [&](const asl::StateMachine &m, const QString &label, int d) {
            if (!label.isEmpty()) {
                m_out += pad(d) + "subgraph " + quoted(QStringLiteral("cluster_") + m.pointer) + " {\n";
                m_out += pad(d + 1) + "label=" + quoted(label) +
                         "; style=\"dashed,rounded\"; color=" + quoted(m_style.frame.name()) + ";\n";
            }
            machine(m, label.isEmpty() ? d : d + 1);
            if (!label.isEmpty()) m_out += pad(d) + "}\n";
            // Entry and exit points of the composite join each nested machine's markers.
            if (node(m.pointer + QStringLiteral("#start")))
                m_out += pad(d) + quoted(s.pointer + QStringLiteral("#in")) + " -> " +
                         quoted(m.pointer + QStringLiteral("#start")) + ";\n";
            if (node(m.pointer + QStringLiteral("#end")))
                m_out += pad(d) + quoted(m.pointer + QStringLiteral("#end")) + " -> " +
                         quoted(s.pointer + QStringLiteral("#out")) + ";\n";
        };
        for (size_t i = 0; i < s.branches.size(); ++i)
            inner(s.branches[i], QStringLiteral("Branch %1").arg(i + 1), depth + 1);
        if (const asl::StateMachine *p = s.itemProcessor()) inner(*p, QString(), depth + 1);
        m_out += pad(depth) + "}\n";
    }

    void machine(const asl::StateMachine &m, int depth)
    {
        markerNodes(m, depth);
        for (const asl::State &s : m.states)
            state(s, depth);
        for (const layout::NodeGeometry &n : m_g.nodes) {
            if (n.kind == layout::NodeKind::Missing && n.scope == m.pointer) {
                m_out += pad(depth) + quoted(n.id) +
                         " [label=" + quoted(n.title + QStringLiteral("\n(missing)")) +
                         ", width=" + inches(n.rect.width()) + ", height=" + inches(n.rect.height()) +
                         ", style=\"rounded,dashed\", color=" + quoted(m_style.missing.name()) + "];\n";
            }
        }
        for (const layout::EdgeGeometry &e : m_g.edges) {
            if (e.scope == m.pointer) edge(e, depth);
        }
    }

    void edge(const layout::EdgeGeometry &e, int depth)
    {
        const layout::NodeGeometry *from = node(e.from);
        const layout::NodeGeometry *to = node(e.to);
        if (!from || !to) return;
        QByteArrayList attrs;
        QString tail = e.from, head = e.to;
        if (from->composite) {
            tail = e.from + QStringLiteral("#out");
            attrs << "ltail=" + quoted(QStringLiteral("cluster_") + e.from);
        }
        if (to->composite) {
            head = e.to + QStringLiteral("#in");
            attrs << "lhead=" + quoted(QStringLiteral("cluster_") + e.to);
        }
        if (!e.label.isEmpty()) attrs << "label=" + quoted(e.label);
        if (e.kind == layout::EdgeKind::Catch)
            attrs << "style=dashed"
                  << "color=" + quoted(m_style.catchEdge.name())
                  << "fontcolor=" + quoted(m_style.catchEdge.name());
        m_out += pad(depth) + quoted(tail) + " -> " + quoted(head);
        if (!attrs.isEmpty()) m_out += " [" + attrs.join(", ") + ']';
        m_out += ";\n";
    }

    const ExportInput &m_in;
    const layout::Geometry &m_g;
    const DiagramStyle &m_style;
    QByteArray m_out;
};

} // namespace

QByteArray exportDot(const ExportInput &in, QString *error)
{
    if (!in.machine) {
        *error = QStringLiteral("no state machine to export");
        return {};
    }
    return DotWriter(in).write();
}

} // namespace sw::render
