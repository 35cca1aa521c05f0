#include "exporters.h"

#include "icons.h"
#include "nodecontent.h"
#include "scene.h"

#include <QFontMetricsF>
#include <QPainterPath>

namespace sw::render {

using layout::ClusterKind;
using layout::EdgeKind;
using layout::NodeKind;
using layout::TextRole;
namespace box = layout::box;

namespace {

QByteArray n(qreal v)
{
    QByteArray s = QByteArray::number(v, 'f', 2);
    while (s.endsWith('0'))
        s.chop(1);
    if (s.endsWith('.')) s.chop(1);
    return s;
}

QByteArray xml(const QString &s)
{
    return s.toHtmlEscaped().replace(QLatin1Char('\''), QLatin1String("&#39;")).toUtf8();
}

QByteArray color(const QColor &c)
{
    return c.name(QColor::HexRgb).toLatin1();
}

// fill="#rrggbb" plus fill-opacity when the colour is translucent.
QByteArray paint(const char *attr, const QColor &c)
{
    QByteArray s = QByteArray(attr) + "=\"" + color(c) + '"';
    if (c.alphaF() < 1) s += ' ' + QByteArray(attr) + "-opacity=\"" + n(c.alphaF()) + '"';
    return s;
}

QByteArray pathData(const QPainterPath &path)
{
    QByteArray d;
    for (int i = 0; i < path.elementCount(); ++i) {
        const QPainterPath::Element e = path.elementAt(i);
        if (e.isMoveTo()) {
            d += "M" + n(e.x) + ' ' + n(e.y);
        } else if (e.isLineTo()) {
            d += "L" + n(e.x) + ' ' + n(e.y);
        } else if (e.isCurveTo() && i + 2 < path.elementCount()) {
            const QPainterPath::Element c2 = path.elementAt(i + 1), to = path.elementAt(i + 2);
            d += "C" + n(e.x) + ' ' + n(e.y) + ' ' + n(c2.x) + ' ' + n(c2.y) + ' ' + n(to.x) + ' ' + n(to.y);
            i += 2;
        }
    }
    return d;
}

class SvgWriter
{
public:
    explicit SvgWriter(const ExportInput &in) : m_in(in), m_style(in.style)
    {
        for (int r = 0; r < 6; ++r)
            m_metrics.push_back(QFontMetricsF(m_style.font(TextRole(r))));
    }

    QByteArray write()
    {
        const layout::Geometry &g = *m_in.geometry;
        const DiagramScene scene(g);
        const QRectF b = g.bounds;
        m_out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        m_out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + n(b.width()) + "\" height=\"" +
                 n(b.height()) + "\" viewBox=\"0 0 " + n(b.width()) + ' ' + n(b.height()) +
                 "\" font-family=\"" + xml(m_style.fontFamily) + ", DejaVu Sans, Arial, sans-serif\">\n";
        const QString title = m_in.machine && !m_in.machine->comment.isEmpty()
                                  ? m_in.machine->comment
                                  : QStringLiteral("State machine");
        m_out += "<title>" + xml(title) + "</title>\n";
        m_out += "<rect width=\"100%\" height=\"100%\" " + paint("fill", m_style.background) + "/>\n";
        m_out += "<g class=\"clusters\">\n";
        for (const layout::NodeGeometry &node : g.nodes) {
            if (node.composite) container(node, g);
        }
        m_out += "</g>\n<g class=\"edges\">\n";
        for (qsizetype i = 0; i < g.edges.size(); ++i)
            edge(g.edges.at(i), scene.edgePath(int(i)), scene.arrowHead(int(i)));
        m_out += "</g>\n<g class=\"states\">\n";
        for (const layout::NodeGeometry &node : g.nodes) {
            if (!node.composite) plainNode(node);
        }
        m_out += "</g>\n<g class=\"labels\">\n";
        for (const layout::EdgeGeometry &e : g.edges)
            edgeLabel(e);
        m_out += "</g>\n</svg>\n";
        return m_out;
    }

private:
    const QFontMetricsF &fm(TextRole r) const { return m_metrics.at(size_t(r)); }

    void text(const QRectF &r, TextRole role, const QColor &c, const QString &s, bool centred)
    {
        const QFont f = m_style.font(role);
        m_out += "<text x=\"" + n(centred ? r.center().x() : r.left()) + "\" y=\"" + n(r.center().y()) +
                 "\" dominant-baseline=\"central\" font-size=\"" + QByteArray::number(f.pixelSize()) + '"' +
                 (f.bold() ? " font-weight=\"bold\"" : "") + (centred ? " text-anchor=\"middle\"" : "") +
                 ' ' + paint("fill", c) + '>' + xml(s) + "</text>\n";
    }

    void rect(const QRectF &r, qreal radius, const QColor &fill, const QColor &stroke, qreal width,
              const char *dash = nullptr)
    {
        m_out += "<rect x=\"" + n(r.x()) + "\" y=\"" + n(r.y()) + "\" width=\"" + n(r.width()) +
                 "\" height=\"" + n(r.height()) + "\" rx=\"" + n(radius) + "\" " +
                 (fill.isValid() ? paint("fill", fill) : QByteArray("fill=\"none\""));
        if (stroke.isValid()) m_out += ' ' + paint("stroke", stroke) + " stroke-width=\"" + n(width) + '"';
        if (dash) m_out += " stroke-dasharray=\"" + QByteArray(dash) + '"';
        m_out += "/>\n";
    }

    void icon(const layout::NodeGeometry &node, const QRectF &box)
    {
        const IconShape s = stateIcon(node.type, box);
        const QColor c = m_style.hue(node.type);
        if (!s.fill.isEmpty()) m_out += "<path d=\"" + pathData(s.fill) + "\" " + paint("fill", c) + "/>\n";
        if (!s.stroke.isEmpty()) {
            m_out += "<path d=\"" + pathData(s.stroke) + "\" fill=\"none\" " + paint("stroke", c) +
                     " stroke-width=\"" + n(s.strokeWidth) +
                     "\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>\n";
        }
    }

    // The same arrangement as DiagramPainter's header: icon, title (+ badge), detail.
    void header(const layout::NodeGeometry &node, const QRectF &area)
    {
        const qreal textLeft = area.left() + box::padX + box::icon + box::iconGap;
        const qreal textWidth = layout::textWidthFor(std::min(area.width(), node.rect.width()));
        const qreal titleH = fm(TextRole::Title).height();
        const qreal detailH = fm(TextRole::Detail).height();
        const qreal contentH = titleH + box::lineGap + detailH;
        const qreal top = area.top() + std::max(box::padY, (area.height() - contentH) / 2);
        icon(node, QRectF(area.left() + box::padX, top + (contentH - box::icon) / 2, box::icon, box::icon));
        qreal titleWidth = textWidth;
        if (!node.badge.isEmpty()) {
            const qreal bw = fm(TextRole::Badge).horizontalAdvance(node.badge) + 2 * box::badgePadX;
            const qreal bh = fm(TextRole::Badge).height() + 2;
            const QRectF badge(textLeft + textWidth - bw, top + (titleH - bh) / 2, bw, bh);
            rect(badge, bh / 2, m_style.badgeFill, QColor(), 0);
            text(badge, TextRole::Badge, m_style.badgeText, node.badge, true);
            titleWidth -= bw + box::badgeGap;
        }
        text(QRectF(textLeft, top, titleWidth, titleH), TextRole::Title, m_style.text,
             fm(TextRole::Title).elidedText(node.title, Qt::ElideRight, titleWidth + 0.5), false);
        text(QRectF(textLeft, top + titleH + box::lineGap, textWidth, detailH), TextRole::Detail,
             m_style.mutedText,
             fm(TextRole::Detail).elidedText(node.detail, Qt::ElideMiddle, textWidth + 0.5), false);
    }

    void container(const layout::NodeGeometry &node, const layout::Geometry &g)
    {
        m_out +=
            "<g class=\"" + asl::toString(node.type).toLower().toUtf8() + "\" id=\"" + xml(node.id) + "\">\n";
        rect(node.rect, 9, m_style.containerFill(node.type), m_style.hue(node.type), 1.4);
        const QRectF band = node.header;
        m_out += "<path d=\"M" + n(band.left()) + ' ' + n(band.bottom()) + "V" + n(band.top() + 9) + "Q" +
                 n(band.left()) + ' ' + n(band.top()) + ' ' + n(band.left() + 9) + ' ' + n(band.top()) + "H" +
                 n(band.right() - 9) + "Q" + n(band.right()) + ' ' + n(band.top()) + ' ' + n(band.right()) +
                 ' ' + n(band.top() + 9) + "V" + n(band.bottom()) + "Z\" " +
                 paint("fill", m_style.fill(node.type)) + ' ' + paint("stroke", m_style.hue(node.type)) +
                 " stroke-width=\"1\"/>\n";
        header(node, band);
        for (const layout::ClusterGeometry &c : g.clusters) {
            if (c.kind != ClusterKind::Branch || c.owner != node.id) continue;
            rect(c.rect, 6, QColor(), m_style.frame, 1, "4 3");
            text(c.labelRect, TextRole::ClusterLabel, m_style.mutedText, c.label, false);
        }
        m_out += "</g>\n";
    }

    void plainNode(const layout::NodeGeometry &node)
    {
        switch (node.kind) {
        case NodeKind::State:
            m_out += "<g class=\"state " + asl::toString(node.type).toLower().toUtf8() + "\" id=\"" +
                     xml(node.id) + "\">\n";
            rect(node.rect, 6, m_style.fill(node.type), m_style.hue(node.type), 1.4);
            header(node, node.header);
            m_out += "</g>\n";
            return;
        case NodeKind::Missing:
            rect(node.rect, 6, m_style.background, m_style.missing, 1.4, "4 3");
            text(QRectF(node.rect.left(), node.rect.top() + box::padY, node.rect.width(),
                        fm(TextRole::Title).height()),
                 TextRole::Title, m_style.missing, node.title, true);
            text(QRectF(node.rect.left(),
                        node.rect.top() + box::padY + fm(TextRole::Title).height() + box::lineGap,
                        node.rect.width(), fm(TextRole::Detail).height()),
                 TextRole::Detail, m_style.missing, node.detail, true);
            return;
        case NodeKind::Start:
        case NodeKind::End:
            break;
        }
        const QColor ink = m_style.edge;
        const QPointF c = node.rect.center();
        if (node.depth == 0) {
            rect(node.rect, node.rect.height() / 2, mix(m_style.background, ink, 0.18), ink, 1.2);
            text(node.rect, TextRole::Marker, m_style.text, node.title, true);
        } else if (node.kind == NodeKind::Start) {
            m_out += "<circle cx=\"" + n(c.x()) + "\" cy=\"" + n(c.y()) + "\" r=\"" +
                     n(node.rect.width() / 2) + "\" " + paint("fill", ink) + "/>\n";
        } else {
            m_out += "<circle cx=\"" + n(c.x()) + "\" cy=\"" + n(c.y()) + "\" r=\"" +
                     n(node.rect.width() / 2 - 0.7) + "\" fill=\"none\" " + paint("stroke", ink) +
                     " stroke-width=\"1.4\"/>\n";
            m_out += "<circle cx=\"" + n(c.x()) + "\" cy=\"" + n(c.y()) + "\" r=\"" +
                     n(node.rect.width() / 4) + "\" " + paint("fill", ink) + "/>\n";
        }
    }

    QColor edgeColor(const layout::EdgeGeometry &e) const
    {
        if (e.kind == EdgeKind::Catch) return m_style.catchEdge;
        if (e.kind == EdgeKind::Start || e.kind == EdgeKind::End)
            return mix(m_style.edge, m_style.background, 0.3);
        return m_style.edge;
    }

    void edge(const layout::EdgeGeometry &e, const QPainterPath &path, const QPolygonF &arrow)
    {
        const QColor c = edgeColor(e);
        m_out += "<path class=\"" + toString(e.kind).toUtf8() + "\" d=\"" + pathData(path) +
                 "\" fill=\"none\" " + paint("stroke", c) + " stroke-width=\"" +
                 n(e.kind == EdgeKind::Start || e.kind == EdgeKind::End ? 1.1 : 1.4) + '"' +
                 (e.kind == EdgeKind::Catch ? " stroke-dasharray=\"5 3\"" : "") + "/>\n";
        if (!arrow.isEmpty()) {
            QByteArray pts;
            for (const QPointF &p : arrow)
                pts += n(p.x()) + ',' + n(p.y()) + ' ';
            m_out += "<polygon points=\"" + pts.trimmed() + "\" " + paint("fill", c) + "/>\n";
        }
    }

    void edgeLabel(const layout::EdgeGeometry &e)
    {
        if (e.label.isEmpty() || e.labelRect.isEmpty()) return;
        rect(e.labelRect, 3, m_style.labelBackground, QColor(), 0);
        const qreal w = e.labelRect.width() - 2 * box::labelPad;
        text(e.labelRect, TextRole::EdgeLabel,
             e.kind == EdgeKind::Catch ? m_style.catchEdge : m_style.mutedText,
             fm(TextRole::EdgeLabel).elidedText(e.label, Qt::ElideRight, w + 1), true);
    }

    const ExportInput &m_in;
    const DiagramStyle &m_style;
    std::vector<QFontMetricsF> m_metrics;
    QByteArray m_out;
};

} // namespace

QByteArray exportSvg(const ExportInput &in, QString *)
{
    return SvgWriter(in).write();
}

} // namespace sw::render
